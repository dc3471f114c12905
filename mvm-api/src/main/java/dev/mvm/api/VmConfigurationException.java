package dev.mvm.api;

import org.jspecify.annotations.Nullable;

/**
 * A VM cannot be built as described: an invalid setting, a firmware image of the wrong size,
 * two VDDs claiming the same port, no CPU for the chosen model.
 *
 * <pre>{@code
 * try {
 *   Vm.builder().biosImage(new byte[1000]).build();
 * } catch (VmConfigurationException e) {
 *   // "BIOS image must be 64, 128 or 256 KiB: 1000 bytes"
 * }
 * }</pre>
 */
public class VmConfigurationException extends MvmException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what is wrong with the configuration, naming the value
   */
  public VmConfigurationException(String message) {
    super(message);
  }

  /**
   * @param message what is wrong with the configuration, naming the value
   * @param cause the underlying exception
   */
  public VmConfigurationException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
