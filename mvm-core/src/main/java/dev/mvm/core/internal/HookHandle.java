package dev.mvm.core.internal;

import dev.mvm.api.vdd.Hook;

/** The common life of a claim: on, off, removed for good. */
abstract class HookHandle implements Hook {
  private boolean enabled = true;
  private boolean removed;

  @Override
  public final void setEnabled(boolean enabled) {
    if (!removed && this.enabled != enabled) {
      this.enabled = enabled;
      changed();
    }
  }

  @Override
  public final boolean isEnabled() {
    return enabled && !removed;
  }

  /** Returns whether {@link #remove()} was called. */
  final boolean isRemoved() {
    return removed;
  }

  @Override
  public final void remove() {
    if (!removed) {
      removed = true;
      enabled = false;
      removed();
    }
  }

  /** Called after the hook was switched on or off. */
  void changed() {}

  /** Called once, when the hook is removed. */
  abstract void removed();
}
