package dev.mvm.api;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a run of a VM ended: the reason, the program's exit code where there is one, the cause
 * of a fault, and how many instructions the VM had executed by then.
 *
 * <pre>{@code
 * ExitStatus status = vm.run();
 * if (status.reason() == ExitReason.PROGRAM_EXIT) {
 *   System.out.println("exit code " + status.exitCode());
 * } else if (status.reason() == ExitReason.FAULT) {
 *   throw new IllegalStateException(status.message(), status.cause());
 * }
 * }</pre>
 *
 * @param reason why the VM stopped
 * @param exitCode the program's exit code (0 to 255) for {@link ExitReason#PROGRAM_EXIT}, else 0
 * @param message a one-line description, for example {@code program exited with code 3}
 * @param cause for {@link ExitReason#FAULT}, the exception that stopped the VM
 * @param instructions instructions the VM had executed when it stopped
 */
public record ExitStatus(
    ExitReason reason, int exitCode, String message, @Nullable Throwable cause, long instructions) {

  /**
   * Checks the components.
   *
   * @throws IllegalArgumentException if the exit code is out of range or a fault has no cause
   */
  public ExitStatus {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
    if (exitCode < 0 || exitCode > 255) {
      throw new IllegalArgumentException("exit code must be 0 to 255: " + exitCode);
    }
    if (reason == ExitReason.FAULT && cause == null) {
      throw new IllegalArgumentException("a fault needs a cause: " + message);
    }
  }

  /**
   * @param code the program's exit code, 0 to 255
   * @param instructions instructions executed
   * @return a program exit status
   */
  public static ExitStatus programExit(int code, long instructions) {
    return new ExitStatus(
        ExitReason.PROGRAM_EXIT, code, "program exited with code " + code, null, instructions);
  }

  /**
   * @param reason any reason but {@link ExitReason#PROGRAM_EXIT} and {@link ExitReason#FAULT}
   * @param message what happened
   * @param instructions instructions executed
   * @return a status without code or cause
   */
  public static ExitStatus of(ExitReason reason, String message, long instructions) {
    return new ExitStatus(reason, 0, message, null, instructions);
  }

  /**
   * @param cause what stopped the VM
   * @param instructions instructions executed
   * @return a fault status whose message is the cause's
   */
  public static ExitStatus fault(Throwable cause, long instructions) {
    String message = cause.getMessage();
    return new ExitStatus(
        ExitReason.FAULT,
        0,
        message != null ? message : cause.getClass().getName(),
        cause,
        instructions);
  }

  /**
   * @return whether the VM is finished; see {@link ExitReason#isTerminal()}
   */
  public boolean isTerminal() {
    return reason.isTerminal();
  }
}
