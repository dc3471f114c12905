package dev.mvm.api.vdd;

/**
 * One interrupt request line (IRQ 0 to 15) from a device to the interrupt controller. A device
 * holds the line it drives; the controller sees its level and edges.
 *
 * <pre>{@code
 * IrqLine irq4 = ctx.irq(4);
 * irq4.raise();                    // a byte arrived on COM1
 * irq4.onEndOfInterrupt(this::nextByte);
 * }</pre>
 */
public interface IrqLine {

  /**
   * @return the line's number, 0 to 15
   */
  int number();

  /** Drives the line high. */
  void raise();

  /** Drives the line low. */
  void lower();

  /** Drives the line high and then low: an edge for edge-triggered inputs. */
  default void pulse() {
    raise();
    lower();
  }

  /**
   * @return whether the line is high
   */
  boolean isRaised();

  /**
   * Runs an action each time the interrupt controller receives an end-of-interrupt for this
   * line (VDDs use it to send the next interrupt of a burst).
   *
   * @param action what to do, on the VM's thread
   * @return the listener, to remove
   */
  Hook onEndOfInterrupt(Runnable action);
}
