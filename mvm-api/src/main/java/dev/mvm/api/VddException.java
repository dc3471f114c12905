package dev.mvm.api;

import org.jspecify.annotations.Nullable;

/**
 * A VDD failed, or a request to it could not be served. The message names the VDD; {@link
 * #vddId()} gives it to programs.
 *
 * <p>When a VDD throws from a callback that guest activity caused (a port access, an interrupt
 * hook, a timer), the VM stops with {@link ExitReason#FAULT} and this exception, wrapping the
 * VDD's own, is the status's cause. When it throws while serving a host request, the request
 * fails with this exception and the VM goes on.
 */
public class VddException extends MvmException {
  private static final long serialVersionUID = 1L;

  private final String vddId;

  /**
   * @param vddId the id of the VDD concerned
   * @param message what went wrong; the id is prepended
   */
  public VddException(String vddId, String message) {
    this(vddId, message, null);
  }

  /**
   * @param vddId the id of the VDD concerned
   * @param message what went wrong; the id is prepended
   * @param cause the exception the VDD threw
   */
  public VddException(String vddId, String message, @Nullable Throwable cause) {
    super("VDD " + vddId + ": " + message, cause);
    this.vddId = vddId;
  }

  /**
   * @return the id of the VDD concerned, for example {@code VPIC}
   */
  public String vddId() {
    return vddId;
  }
}
