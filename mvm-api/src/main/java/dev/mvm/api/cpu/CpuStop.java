package dev.mvm.api.cpu;

/** Why {@link Cpu#run(long)} returned. */
public enum CpuStop {
  /** The instruction budget given to {@code run} was used up. */
  BUDGET,
  /**
   * The CPU executed {@code HLT} and waits for an interrupt (or NMI or reset). Further calls to
   * {@code run} return {@code HALTED} at once until an interrupt can be taken.
   */
  HALTED,
  /** {@link Cpu#requestStop()} was called during the run, by a host callback or a device. */
  STOP_REQUESTED,
  /**
   * The CPU shut down: a triple fault, or an exception it could not deliver. Only a reset
   * brings it back. {@link Cpu#stopDetail()} says what happened.
   */
  SHUTDOWN,
  /**
   * The next instruction needs a feature that this CPU does not implement yet (for example
   * enabling paging). Nothing of the instruction was executed; {@link
   * Cpu#stopDetail()} names it and its address.
   */
  UNSUPPORTED
}
