package dev.mvm.api.vdd;

/**
 * The role of the VDD that arbitrates IRQ lines (VPIC, two 8259A in cascade). It registers
 * itself with {@link VddContext#provideInterruptController}; there is one per VM. The monitor
 * forwards line changes to it, and the CPU asks it for a vector when it takes an interrupt.
 * The controller drives the CPU's INTR input with {@link MachineLines#setIntr(boolean)} and
 * reports ends of interrupts with {@link MachineLines#endOfInterrupt(int)}.
 */
public interface InterruptController {

  /**
   * An IRQ line changed level.
   *
   * @param irq the line, 0 to 15
   * @param high its new level
   */
  void irqLevel(int irq, boolean high);

  /**
   * The CPU's interrupt acknowledge cycle.
   *
   * @return the vector to take, 0 to 255 (a spurious interrupt yields the controller's vector
   *     for IRQ 7 or 15)
   */
  int acknowledge();
}
