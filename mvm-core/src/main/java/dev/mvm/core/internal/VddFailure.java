package dev.mvm.core.internal;

import dev.mvm.api.VddException;
import java.util.Locale;

/**
 * A VDD (or a listener, a timer action, a host callback) threw from a callback the guest or the
 * monitor caused. The monitor wraps the original exception once, at the boundary where it left
 * the VDD's code, so the cause chain names the VDD that failed and not one that merely called
 * through it; the run loop turns it into {@link dev.mvm.api.ExitReason#FAULT}.
 */
final class VddFailure extends VddException {
  private static final long serialVersionUID = 1L;

  private VddFailure(String vddId, String message, Throwable cause) {
    super(vddId, message, cause);
  }

  /**
   * Wraps an exception thrown by a VDD's code, unless it is already such a wrapper.
   *
   * @param vddId the VDD whose code threw
   * @param what what the VDD was doing, for example {@code IN from port 0060h}
   * @param e the exception
   * @return the exception to throw
   */
  static RuntimeException wrap(String vddId, String what, RuntimeException e) {
    if (e instanceof VddFailure) {
      return e;
    }
    String detail = e.getMessage();
    return new VddFailure(
        vddId,
        what + " failed: " + (detail != null ? detail : e.getClass().getName()),
        e);
  }

  /**
   * Formats a number as messages write it.
   *
   * @param value a number
   * @param digits how many hex digits
   * @return the number in the notation of messages, for example {@code 03F8h}
   */
  static String hex(int value, int digits) {
    return String.format(Locale.ROOT, "%0" + digits + "Xh", value);
  }

  /**
   * Formats a real-mode address as messages write it.
   *
   * @param segment a real-mode segment
   * @param offset an offset
   * @return the address as messages write it, for example {@code F000:FFF0}
   */
  static String address(int segment, int offset) {
    // A 32-bit offset (protected-mode code past 64 KiB) shows all eight digits.
    return (offset & 0xFFFF_0000) == 0
        ? String.format(Locale.ROOT, "%04X:%04X", segment & 0xFFFF, offset)
        : String.format(Locale.ROOT, "%04X:%08X", segment & 0xFFFF, offset);
  }
}
