package dev.mvm.api.vdd;

/**
 * A claim a VDD made through its context (ports, an interrupt hook, a memory region, a
 * listener). It can be switched off and on, and removed.
 */
public interface Hook {

  /**
   * Switches the hook on or off. A port hook that is off behaves as if unclaimed; an interrupt
   * hook that is off passes every call on.
   *
   * @param enabled whether the hook is active
   */
  void setEnabled(boolean enabled);

  /**
   * Whether the hook is active.
   *
   * @return true unless switched off or removed
   */
  boolean isEnabled();

  /** Removes the hook for good. Idempotent. */
  void remove();
}
