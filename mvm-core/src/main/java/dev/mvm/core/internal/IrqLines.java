package dev.mvm.core.internal;

import dev.mvm.api.VmConfigurationException;
import dev.mvm.api.vdd.Hook;
import dev.mvm.api.vdd.InterruptController;
import dev.mvm.api.vdd.IrqLine;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The sixteen IRQ lines and the interrupt controller they lead to.
 *
 * <p>Each line is one object shared by every device that drives it. A level change reaches the
 * controller VDD (at most one per VM); without a controller the lines only record their level,
 * which a test harness can probe. The controller reports ends of interrupts back through
 * {@link #endOfInterrupt}, which runs the line's listeners.
 */
public final class IrqLines {
  /** The vector answered to an acknowledge cycle when there is no controller: IRQ 7's. */
  static final int SPURIOUS_VECTOR = 0x0F;

  private final Line[] lines = new Line[16];
  private @Nullable InterruptController controller;
  private String controllerOwner = "";

  IrqLines() {
    for (int i = 0; i < lines.length; i++) {
      lines[i] = new Line(i);
    }
  }

  /** An IRQ line. */
  public final class Line implements IrqLine {
    private final int number;
    private final List<Listener> listeners = new ArrayList<>();
    private boolean high;
    private long raises;

    Line(int number) {
      this.number = number;
    }

    @Override
    public int number() {
      return number;
    }

    @Override
    public void raise() {
      if (!high) {
        high = true;
        raises++;
        forward(number, true);
      }
    }

    @Override
    public void lower() {
      if (high) {
        high = false;
        forward(number, false);
      }
    }

    @Override
    public boolean isRaised() {
      return high;
    }

    /**
     * How often the line went from low to high: a test harness counts pulses with it.
     *
     * @return the number of rising edges since the VM was built
     */
    public long raiseCount() {
      return raises;
    }

    @Override
    public Hook onEndOfInterrupt(Runnable action) {
      return addListener("host", action);
    }

    Hook addListener(String owner, Runnable action) {
      Listener listener = new Listener(owner, action);
      listeners.add(listener);
      return listener;
    }

    void endOfInterrupt() {
      for (Listener l : List.copyOf(listeners)) {
        if (l.isEnabled()) {
          try {
            l.action.run();
          } catch (RuntimeException e) {
            throw VddFailure.wrap(l.owner, "end-of-interrupt listener of IRQ " + number, e);
          }
        }
      }
    }

    /** A registration for ends of interrupt. */
    private final class Listener extends HookHandle {
      final String owner;
      final Runnable action;

      Listener(String owner, Runnable action) {
        this.owner = owner;
        this.action = action;
      }

      @Override
      void removed() {
        listeners.remove(this);
      }
    }
  }

  /**
   * A line.
   *
   * @param number 0 to 15
   * @return the line
   */
  public Line line(int number) {
    if (number < 0 || number >= lines.length) {
      throw new IllegalArgumentException("IRQ line must be 0 to 15: " + number);
    }
    return lines[number];
  }

  /**
   * A line as one VDD sees it: its end-of-interrupt listeners carry the VDD's id into faults.
   *
   * @param owner the VDD's id
   * @param number 0 to 15
   * @return the view
   */
  IrqLine lineFor(String owner, int number) {
    Line line = line(number);
    return new IrqLine() {
      @Override
      public int number() {
        return number;
      }

      @Override
      public void raise() {
        line.raise();
      }

      @Override
      public void lower() {
        line.lower();
      }

      @Override
      public boolean isRaised() {
        return line.isRaised();
      }

      @Override
      public Hook onEndOfInterrupt(Runnable action) {
        return line.addListener(owner, action);
      }
    };
  }

  /**
   * Installs the interrupt controller.
   *
   * @param owner the VDD providing it
   * @param controller the controller
   * @throws VmConfigurationException if another VDD provides one already
   */
  void provide(String owner, InterruptController controller) {
    if (this.controller != null) {
      throw new VmConfigurationException(
          "VDD "
              + owner
              + " provides an interrupt controller, but VDD "
              + controllerOwner
              + " already does");
    }
    this.controller = controller;
    this.controllerOwner = owner;
    for (Line line : lines) {
      if (line.high) {
        forward(line.number, true);
      }
    }
  }

  /** Returns whether a VDD provides the interrupt controller. */
  public boolean hasController() {
    return controller != null;
  }

  /**
   * The CPU's interrupt acknowledge cycle.
   *
   * @return the vector the controller answers, or {@link #SPURIOUS_VECTOR} without one
   */
  int acknowledge() {
    InterruptController c = controller;
    if (c == null) {
      return SPURIOUS_VECTOR;
    }
    try {
      return c.acknowledge() & 0xFF;
    } catch (RuntimeException e) {
      throw VddFailure.wrap(controllerOwner, "interrupt acknowledge", e);
    }
  }

  /**
   * Runs the listeners of a line after the controller accepted its end of interrupt.
   *
   * @param irq 0 to 15
   */
  void endOfInterrupt(int irq) {
    line(irq).endOfInterrupt();
  }

  private void forward(int irq, boolean high) {
    InterruptController c = controller;
    if (c != null) {
      try {
        c.irqLevel(irq, high);
      } catch (RuntimeException e) {
        throw VddFailure.wrap(controllerOwner, "IRQ " + irq + (high ? " raise" : " lower"), e);
      }
    }
  }
}
