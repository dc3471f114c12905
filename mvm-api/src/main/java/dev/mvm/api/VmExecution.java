package dev.mvm.api;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A VM running on its own thread, as {@link Vm#start()} returned it. All methods are
 * thread-safe.
 *
 * <pre>{@code
 * VmExecution run = vm.start();
 * run.pause();                       // the guest stops between two instructions
 * run.resume();
 * Optional<ExitStatus> status = run.await(Duration.ofSeconds(10));
 * if (status.isEmpty()) run.stop();
 * }</pre>
 */
public interface VmExecution {

  /**
   * Pauses the guest between two instructions. A paused VM still serves posted tasks and VDD
   * requests. Returns once the guest is paused.
   */
  void pause();

  /** Lets a paused guest go on. */
  void resume();

  /**
   * Whether the guest is paused.
   *
   * @return true between {@link #pause()} and {@link #resume()}
   */
  boolean isPaused();

  /**
   * Asks the VM to stop; the run ends with {@link ExitReason#STOPPED} unless it ended before.
   * Returns at once; use {@link #await()} to wait.
   */
  void stop();

  /**
   * Waits for the run to end.
   *
   * @return why it ended
   * @throws InterruptedException if the waiting thread is interrupted
   */
  ExitStatus await() throws InterruptedException;

  /**
   * Waits at most the given time for the run to end.
   *
   * @param timeout the longest wait
   * @return why it ended, or empty if it still runs
   * @throws InterruptedException if the waiting thread is interrupted
   */
  Optional<ExitStatus> await(Duration timeout) throws InterruptedException;

  /**
   * The run's end as a future.
   *
   * @return a future completed with the exit status
   */
  CompletableFuture<ExitStatus> completion();

  /**
   * Whether the run has ended.
   *
   * @return true once the exit status is known
   */
  boolean isDone();
}
