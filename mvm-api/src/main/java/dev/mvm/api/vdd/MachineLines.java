package dev.mvm.api.vdd;

/**
 * Lines of the machine that devices drive: the A20 gate (port 92h, the keyboard controller),
 * reset, NMI, and the CPU's INTR input (driven by the interrupt controller).
 */
public interface MachineLines {

  /**
   * Opens or closes the A20 gate. Closed, physical addresses wrap at 1 MiB as on the 8086.
   *
   * @param enabled whether address line 20 passes
   */
  void setA20(boolean enabled);

  /**
   * @return whether the A20 gate is open
   */
  boolean isA20();

  /** Resets the machine: the CPU restarts at the reset vector and every VDD is reset. */
  void reset();

  /** Signals a non-maskable interrupt to the CPU. */
  void nmi();

  /**
   * Drives the CPU's INTR input; for the interrupt controller.
   *
   * @param asserted the new level
   */
  void setIntr(boolean asserted);

  /**
   * Tells the IRQ line's listeners that the controller accepted an end-of-interrupt for it;
   * for the interrupt controller.
   *
   * @param irq the line, 0 to 15
   */
  void endOfInterrupt(int irq);
}
