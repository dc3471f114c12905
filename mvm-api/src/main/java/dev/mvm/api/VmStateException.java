package dev.mvm.api;

/**
 * An operation does not fit the VM's current state: stepping a VM that runs on its own
 * thread, starting it twice, using it after {@link Vm#close()}.
 */
public class VmStateException extends MvmException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what was attempted and in which state
   */
  public VmStateException(String message) {
    super(message);
  }
}
