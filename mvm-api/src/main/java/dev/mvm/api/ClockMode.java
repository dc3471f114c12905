package dev.mvm.api;

/**
 * How a VM's virtual time relates to the host's wall time.
 *
 * <p>Virtual time is a counter advanced by executed instructions at a nominal speed (see
 * {@link VmBuilder#instructionsPerSecond(long)}); timers are armed on it, and {@code HLT} with
 * interrupts enabled skips forward to the next timer event.
 */
public enum ClockMode {
  /**
   * Virtual time only, as fast as the host runs. Two runs of the same program with the same
   * input execute the same instructions and produce the same output. The default.
   */
  VIRTUAL,
  /**
   * Virtual time kept near wall time: the VM sleeps when it runs ahead (a halted guest waits in
   * real time). For interactive use: games, programs with animations.
   */
  PACED
}
