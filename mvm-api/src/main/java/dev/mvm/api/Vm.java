package dev.mvm.api;

import dev.mvm.api.cpu.Registers;
import dev.mvm.api.event.VmListener;
import dev.mvm.api.vdd.GuestMemory;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * A virtual PC: a CPU, memory, devices (VDDs) and, with the DOS personality, a DOS kernel,
 * all confined to one thread of execution. Many VMs run in one JVM, independent of each other.
 *
 * <p>Drive it step by step on the calling thread with {@link #step()} and {@link #run(long)},
 * or on a thread of its own with {@link #start()}. Every way of running ends in an {@link
 * ExitStatus} that says why it stopped.
 *
 * <pre>{@code
 * try (Vm vm = Vm.builder().drive('C', Path.of("apps")).program("C:\\HELLO.COM").build()) {
 *   VmExecution execution = vm.start();
 *   ExitStatus status = execution.await();
 * }
 * }</pre>
 *
 * <h2>Threads</h2>
 *
 * Guest code and every VDD callback run on the VM's thread: the caller's while stepping, the
 * VM's own after {@link #start()}. {@link #registers()} and {@link #memory()} are for use on
 * that thread, or while the VM is not running; from other threads use {@link #submit}, which
 * runs a task on the VM's thread between instruction slices. {@link #post}, {@link #submit},
 * {@link #openVdd} and the {@link VmExecution} controls are thread-safe.
 */
public interface Vm extends AutoCloseable {

  /**
   * Starts describing a VM.
   *
   * @return a builder with every setting at its default
   */
  static VmBuilder builder() {
    return new VmBuilder();
  }

  /**
   * The configuration the VM was built from.
   *
   * @return the configuration
   */
  VmConfig config();

  /**
   * Executes one instruction on the calling thread (taking a pending interrupt first, as the
   * CPU would).
   *
   * @return {@link ExitReason#BUDGET_EXHAUSTED} when the instruction ran and the VM can go on,
   *     or the status that ended the VM
   * @throws VmStateException if the VM runs on its own thread or is closed
   */
  ExitStatus step();

  /**
   * Executes on the calling thread until the budget is used up or the VM stops for another
   * reason. The configured limits apply too.
   *
   * @param maxInstructions the most instructions to execute, at least 1
   * @return why the run ended
   * @throws VmStateException if the VM runs on its own thread or is closed
   */
  ExitStatus run(long maxInstructions);

  /**
   * Executes on the calling thread until the program exits, the VM stops, or a configured limit
   * (instruction budget, timeout) is reached.
   *
   * @return why the run ended
   * @throws VmStateException if the VM runs on its own thread or is closed
   */
  ExitStatus run();

  /**
   * Runs the VM on a thread of its own until it stops.
   *
   * @return the handle to pause, resume, stop and await the run
   * @throws VmStateException if the VM is already running or closed
   */
  VmExecution start();

  /**
   * The status of the last run.
   *
   * @return the status, or empty if the VM has not run yet
   */
  Optional<ExitStatus> lastExit();

  /**
   * The live guest registers; see the class description for which thread may use them.
   *
   * @return the CPU's registers
   */
  Registers registers();

  /**
   * The guest's physical memory; see the class description for which thread may use it.
   *
   * @return guest memory
   */
  GuestMemory memory();

  /**
   * Disassembles the instruction at a real-mode address, in Intel syntax, for traces and
   * debuggers; see the class description for which thread may use it. In protected mode, a
   * segment equal to the current CS selector means the code segment as its descriptor
   * describes it (base, and 16- or 32-bit code), so {@code disassemble(cs, eip)} shows the
   * next instruction in either mode.
   *
   * @param segment the segment
   * @param offset the offset
   * @return the instruction, for example {@code mov ax, 4C00h}
   */
  String disassemble(int segment, int offset);

  /**
   * Instructions executed since the VM was built.
   *
   * @return the instruction count
   */
  long instructionCount();

  /**
   * Runs a task on the VM's thread between instruction slices (at once, on the calling thread,
   * when the VM is not running).
   *
   * @param task the task
   */
  void post(Runnable task);

  /**
   * Runs a task on the VM's thread and returns its result.
   *
   * @param task the task
   * @param <T> its result type
   * @return the task's result, or its exception
   */
  <T> CompletableFuture<T> submit(Callable<T> task);

  /**
   * Opens a channel to a VDD, the analogue of OS/2's {@code DosOpenVDD}.
   *
   * @param vddId the VDD's id
   * @return a channel for requests
   * @throws VddException if no VDD with that id is attached
   */
  VddChannel openVdd(String vddId);

  /**
   * A device's host-facing side, such as its screen or keyboard input, as the VDD published it.
   *
   * @param type the facet's type
   * @param <T> the facet's type
   * @return the facet, if an attached VDD published one of that type
   */
  <T> Optional<T> device(Class<T> type);

  /**
   * Registers a listener for lifecycle events.
   *
   * @param listener the listener; called on the VM's thread
   */
  void addListener(VmListener listener);

  /**
   * Removes a listener.
   *
   * @param listener a listener registered before
   */
  void removeListener(VmListener listener);

  /**
   * Stops the VM if it runs, detaches its VDDs and frees its memory. Idempotent.
   */
  @Override
  void close();
}
