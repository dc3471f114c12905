package dev.mvm.vdd.std;

import dev.mvm.api.vdd.IrqLine;
import dev.mvm.api.vdd.Vdd;
import dev.mvm.api.vdd.VddContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The fake edge for interrupt-controller tests: a device that drives any of the sixteen IRQ
 * lines, as the devices wired to a PIC would, and records the ends of interrupt the controller
 * reports back on each line.
 */
final class IrqSource implements Vdd {
  private final IrqLine[] lines = new IrqLine[16];
  private final List<Integer> eois = new ArrayList<>();

  @Override
  public String id() {
    return "IRQSOURCE";
  }

  @Override
  public void attach(VddContext ctx) {
    for (int i = 0; i < lines.length; i++) {
      int irq = i;
      lines[i] = ctx.irq(i);
      lines[i].onEndOfInterrupt(() -> eois.add(irq));
    }
  }

  /** Drives a line high or low. */
  IrqSource level(int irq, boolean high) {
    if (high) {
      lines[irq].raise();
    } else {
      lines[irq].lower();
    }
    return this;
  }

  /** The lines whose ends of interrupt the controller reported, oldest first. */
  List<Integer> eois() {
    return List.copyOf(eois);
  }
}
