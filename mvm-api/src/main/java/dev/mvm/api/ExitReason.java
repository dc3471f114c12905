package dev.mvm.api;

/** Why a VM stopped executing; part of every {@link ExitStatus}. */
public enum ExitReason {
  /** The guest program ended (INT 21h function 4Ch, INT 20h ...); the status has its code. */
  PROGRAM_EXIT(true),
  /**
   * The CPU halted and nothing can wake it: {@code HLT} with interrupts disabled, or with no
   * device event left to come.
   */
  HALTED(true),
  /** The guest shut the machine down, or the CPU met a triple fault. */
  SHUTDOWN(true),
  /** The host asked the VM to stop; it can be run again from where it stopped. */
  STOPPED(false),
  /** The instruction budget of the run, or of the configuration, was used up. */
  BUDGET_EXHAUSTED(false),
  /** The configured wall-clock timeout passed. */
  TIMEOUT(false),
  /**
   * The program wrote more to the host's standard output and error streams than {@link
   * VmBuilder#maxOutput} allows. The streams received exactly that many bytes: the write that
   * would have gone beyond delivered what fitted, and the run ended there with a message naming
   * the limit. The DOS kernel closed the program's files, which hold every byte written to
   * them. Terminal, as the VM's allowance of output is spent.
   */
  OUTPUT_LIMIT(true),
  /**
   * The VM cannot go on: a VDD or host callback threw, or the CPU met an instruction it does
   * not support. The status's {@link ExitStatus#cause()} says what.
   */
  FAULT(true);

  private final boolean terminal;

  ExitReason(boolean terminal) {
    this.terminal = terminal;
  }

  /**
   * Whether the VM is finished: running it again returns the same status at once.
   *
   * @return true for a program exit, halt, shutdown, output limit or fault
   */
  public boolean isTerminal() {
    return terminal;
  }
}
