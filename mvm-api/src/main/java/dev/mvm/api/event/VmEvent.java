package dev.mvm.api.event;

import dev.mvm.api.ExitStatus;

/**
 * Something that happened in a VM's life, delivered to {@link VmListener}s on the VM's thread.
 *
 * <pre>{@code
 * vm.addListener(event -> {
 *   if (event instanceof VmEvent.ProgramExited exited) {
 *     log.info("exit code " + exited.exitCode());
 *   }
 * });
 * }</pre>
 */
public sealed interface VmEvent {

  /** The VM was built: devices attached, firmware loaded. */
  record Created() implements VmEvent {}

  /**
   * The DOS kernel started a program.
   *
   * @param program its DOS path
   */
  record ProgramStarted(String program) implements VmEvent {}

  /**
   * A program ended.
   *
   * @param program its DOS path
   * @param exitCode its exit code, 0 to 255
   */
  record ProgramExited(String program, int exitCode) implements VmEvent {}

  /** The CPU halted with nothing left to wake it. */
  record Halted() implements VmEvent {}

  /**
   * The VM stopped because of a fault.
   *
   * @param cause what went wrong
   */
  record Faulted(Throwable cause) implements VmEvent {}

  /**
   * A run ended, for any reason.
   *
   * @param status why
   */
  record RunEnded(ExitStatus status) implements VmEvent {}
}
