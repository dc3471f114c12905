package dev.mvm.api.vdd;

/** A timer armed on virtual time; see {@link VirtualClock}. */
public interface Timer {

  /** Cancels the timer; it does not fire again. Idempotent. */
  void cancel();

  /**
   * @return whether the timer will still fire
   */
  boolean isActive();

  /**
   * @return the virtual time, in nanoseconds, at which it fires next
   */
  long deadline();
}
