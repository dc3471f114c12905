package dev.mvm.api.event;

/**
 * Receives a VM's lifecycle events, on the VM's thread. A listener that throws stops the VM
 * with a fault, as a failing VDD would.
 */
@FunctionalInterface
public interface VmListener {

  /**
   * Called for every event.
   *
   * @param event what happened
   */
  void onEvent(VmEvent event);
}
