package dev.mvm.api;

import org.jspecify.annotations.Nullable;

/**
 * The base of all exceptions MVM throws to its callers. Messages say what was wrong and with
 * which value, for example {@code memory size must be a multiple of 1 KiB: 1000 bytes}.
 */
public class MvmException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what went wrong, naming the offending value
   */
  public MvmException(String message) {
    super(message);
  }

  /**
   * @param message what went wrong, naming the offending value
   * @param cause the underlying exception
   */
  public MvmException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
