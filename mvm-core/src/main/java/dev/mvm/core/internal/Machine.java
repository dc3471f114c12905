package dev.mvm.core.internal;

import dev.mvm.api.ClockMode;
import dev.mvm.api.ExitReason;
import dev.mvm.api.ExitStatus;
import dev.mvm.api.MvmException;
import dev.mvm.api.VddChannel;
import dev.mvm.api.VddException;
import dev.mvm.api.Vm;
import dev.mvm.api.VmConfig;
import dev.mvm.api.VmConfigurationException;
import dev.mvm.api.VmExecution;
import dev.mvm.api.VmStateException;
import dev.mvm.api.cpu.Cpu;
import dev.mvm.api.cpu.CpuBus;
import dev.mvm.api.cpu.CpuStop;
import dev.mvm.api.cpu.Registers;
import dev.mvm.api.event.VmEvent;
import dev.mvm.api.event.VmListener;
import dev.mvm.api.vdd.DmaChannel;
import dev.mvm.api.vdd.DmaController;
import dev.mvm.api.vdd.GuestCalls;
import dev.mvm.api.vdd.GuestMemory;
import dev.mvm.api.vdd.Hook;
import dev.mvm.api.vdd.InterruptController;
import dev.mvm.api.vdd.InterruptHooks;
import dev.mvm.api.vdd.IoPorts;
import dev.mvm.api.vdd.IrqLine;
import dev.mvm.api.vdd.MachineLines;
import dev.mvm.api.vdd.MemoryMap;
import dev.mvm.api.vdd.Vdd;
import dev.mvm.api.vdd.VddContext;
import dev.mvm.api.vdd.VirtualClock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A virtual PC: the VM monitor that ties the CPU, memory, the I/O bus, interrupts, virtual time,
 * host callbacks and the VDDs together, and drives them.
 *
 * <h2>Threads and the inbox</h2>
 *
 * At most one thread owns the machine at a time: the thread running {@link #run}/{@link #step},
 * the VM's own thread after {@link #start()}, or a thread running a posted task while the VM is
 * idle. Every VDD callback runs on the owner. Other threads hand work to the owner through the
 * inbox (posted tasks, submitted tasks, VDD requests), which it drains between CPU slices and
 * while paused, and before it lets go of the machine. When nobody owns the machine, a task runs
 * at once on the thread that posted it.
 *
 * <h2>The run loop</h2>
 *
 * Between slices the loop drains the inbox, performs a pending reset, honours stop and pause,
 * and fires due timers. A slice is at most {@link #MAX_SLICE} instructions and never runs past
 * the next timer deadline; arming an earlier timer during a slice ends the slice. {@code HLT}
 * with interrupts enabled skips virtual time to the next deadline; with interrupts disabled, or
 * with no timer armed, nothing can wake the CPU and the run ends {@link ExitReason#HALTED}.
 * The paced clock sleeps (on the VM's thread only) while virtual time runs ahead of wall time.
 *
 * <h2>Failures</h2>
 *
 * An exception from a VDD, listener, timer or host callback during a run ends it with {@link
 * ExitReason#FAULT}; the cause is a {@link VddException} naming the VDD and wrapping the
 * original. An exception while serving a request fails only that request.
 */
public final class Machine implements Vm {
  /**
   * The longest CPU slice in instructions. It bounds how late the machine notices a stop, a
   * pause, a posted task or a wall-clock timeout: 20,000 instructions take well under a
   * millisecond on the interpreter.
   */
  public static final long MAX_SLICE = 20_000;

  /** Paced mode does not sleep for less than this. */
  private static final long PACE_MIN_NANOS = 1_000_000L;

  /** Paced mode sleeps at most this long at a time, to stay responsive. */
  private static final long PACE_MAX_NANOS = 20_000_000L;

  private final VmConfig config;
  private final PhysicalMemory memory;
  private final IoBus io;
  private final IrqLines irqs;
  private final DmaRouting dma = new DmaRouting();
  private final Scheduler clock;
  private final Callbacks callbacks;
  private final Lines lines = new Lines();
  private final Cpu cpu;
  private final List<Context> vdds = new ArrayList<>();
  private final Map<String, Context> vddsById = new LinkedHashMap<>();
  private final Map<Class<?>, Facet> facets = new ConcurrentHashMap<>();
  private final List<ListenerEntry> listeners = new CopyOnWriteArrayList<>();

  // ---- state of the owning thread ----
  private boolean inCpuRun;
  private boolean intrLevel;
  private boolean resetPending;
  private @Nullable ExitStatus pendingExit;
  private @Nullable ExitStatus terminal;
  private volatile @Nullable ExitStatus lastExit;
  private long wallAnchor;
  private long virtualAnchor;

  // ---- the inbox and ownership, guarded by lock ----
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<Task> inbox = new ArrayDeque<>();
  private @Nullable Thread owner;
  private @Nullable Execution execution;
  private boolean closed;
  /** Set by {@link #close()}: a run on any thread stops at the next slice boundary. */
  private volatile boolean closing;

  /** A host listener, or one a VDD registered (then named by its id). */
  private record ListenerEntry(@Nullable String owner, VmListener listener) {}

  /** A published facet and the VDD that published it. */
  private record Facet(String owner, Object facet) {}

  /** Work handed to the owning thread. */
  private interface Task {
    void run();

    /** The VM closed before the task could run. */
    default void abandon() {}
  }

  /**
   * Builds the machine up to the CPU; {@link MachineBuilder} attaches the VDDs and powers on.
   *
   * @param config the configuration
   * @param cpuFactory creates the CPU on the machine's bus
   */
  Machine(VmConfig config, Function<CpuBus, Cpu> cpuFactory) {
    this.config = config;
    this.memory = new PhysicalMemory(config.memorySize());
    this.io = new IoBus();
    this.irqs = new IrqLines();
    this.clock =
        new Scheduler(
            config.instructionsPerSecond(),
            config.startTime(),
            this::liveInstructionCount,
            this::endSlice);
    this.callbacks = FirmwareLoader.install(this, memory, config);
    for (VmListener l : config.listeners()) {
      listeners.add(new ListenerEntry(null, l));
    }
    Cpu created;
    try {
      created = cpuFactory.apply(new Bus());
    } catch (RuntimeException e) {
      throw new VmConfigurationException("the CPU could not be created: " + e.getMessage(), e);
    }
    this.cpu = created;
  }

  // ---- building ----------------------------------------------------------------------------------

  /**
   * Attaches VDDs in order.
   *
   * @param list the VDDs
   * @throws VmConfigurationException naming the VDD that failed or the claims that collide
   */
  void attachAll(List<Vdd> list) {
    for (Vdd vdd : list) {
      String id = vdd.id();
      if (id == null || id.isBlank()) {
        throw new VmConfigurationException("a VDD of " + vdd.getClass().getName() + " has no id");
      }
      if (vddsById.containsKey(id)) {
        throw new VmConfigurationException(
            "two VDDs have the id "
                + id
                + " ("
                + vddsById.get(id).vdd.getClass().getName()
                + " and "
                + vdd.getClass().getName()
                + "); exclude the standard one to replace it");
      }
      Context ctx = new Context(vdd, id);
      vdds.add(ctx);
      vddsById.put(id, ctx);
      try {
        vdd.attach(ctx);
      } catch (VmConfigurationException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new VmConfigurationException(
            "VDD " + id + " failed to attach: " + messageOf(e), e);
      }
    }
  }

  /** The power-on reset: A20 closed, CPU at the reset vector, every VDD reset in order. */
  void powerOn() {
    try {
      doReset();
    } catch (RuntimeException e) {
      throw new VmConfigurationException("power-on reset failed: " + messageOf(e), e);
    }
    try {
      fire(new VmEvent.Created());
    } catch (RuntimeException e) {
      throw new VmConfigurationException("a listener failed on VM creation: " + messageOf(e), e);
    }
  }

  /**
   * Detaches what was attached when the build fails half way.
   *
   * @param failure why the build failed; failures to detach are added to it as suppressed
   */
  void discard(RuntimeException failure) {
    for (int i = vdds.size() - 1; i >= 0; i--) {
      try {
        vdds.get(i).vdd.detach();
      } catch (RuntimeException e) {
        failure.addSuppressed(e);
      }
    }
    clock.cancelAll();
    lock.lock();
    try {
      closed = true;
    } finally {
      lock.unlock();
    }
  }

  // ---- parts, for the test kit ---------------------------------------------------------------

  /** Returns the CPU. */
  public Cpu cpu() {
    return cpu;
  }

  /** Returns physical memory and the page map. */
  public PhysicalMemory physicalMemory() {
    return memory;
  }

  /** Returns the I/O bus. */
  public IoBus io() {
    return io;
  }

  /** Returns the IRQ lines, to probe their levels and count their pulses. */
  public IrqLines irqLines() {
    return irqs;
  }

  /** Returns virtual time and the timers. */
  public Scheduler scheduler() {
    return clock;
  }

  /** Returns the machine lines (A20, reset, NMI, INTR). */
  public MachineLines machineLines() {
    return lines;
  }

  /** Returns the monitor's callback area. */
  public Callbacks callbacks() {
    return callbacks;
  }

  /**
   * The exit a VDD asked for with {@link VddContext#exit} that no run has consumed yet.
   *
   * @return the status, if any
   */
  public Optional<ExitStatus> pendingExit() {
    return Optional.ofNullable(pendingExit);
  }

  /**
   * Moves virtual time forward without running the CPU, firing the timers that come due in
   * deadline order and serving the inbox; for headless device tests. Exceptions from VDDs reach
   * the caller.
   *
   * @param nanos virtual nanoseconds to advance, at least 0
   * @throws VmStateException if the VM runs on another thread or is closed
   */
  public void advance(long nanos) {
    if (nanos < 0) {
      throw new IllegalArgumentException("cannot advance by a negative time: " + nanos);
    }
    acquireForRun();
    try {
      long target = clock.nanos() + nanos;
      while (true) {
        drainInbox();
        clock.fireDue(() -> pendingExit != null);
        long next = clock.nextDeadline();
        if (pendingExit != null || next > target) {
          break;
        }
        clock.skipTo(next);
      }
      clock.skipTo(target);
    } finally {
      release(false);
    }
  }

  /**
   * The level the interrupt controller drives on the CPU's INTR input; for device tests.
   *
   * @return whether INTR is asserted
   */
  public boolean intr() {
    return intrLevel;
  }

  /**
   * Runs the interrupt acknowledge cycle as the CPU would; for device tests.
   *
   * @return the vector the interrupt controller answers
   * @throws IllegalStateException if no VDD is the interrupt controller
   */
  public int acknowledgeInterrupt() {
    if (!irqs.hasController()) {
      throw new IllegalStateException("no VDD is the interrupt controller");
    }
    return irqs.acknowledge();
  }

  boolean isInCpuRun() {
    return inCpuRun;
  }

  private long liveInstructionCount() {
    return cpu.instructionCount();
  }

  private void endSlice() {
    if (inCpuRun) {
      cpu.requestStop();
    }
  }

  // ---- Vm --------------------------------------------------------------------------------------

  @Override
  public VmConfig config() {
    return config;
  }

  @Override
  public ExitStatus step() {
    return runOnCaller(1);
  }

  @Override
  public ExitStatus run(long maxInstructions) {
    if (maxInstructions < 1) {
      throw new IllegalArgumentException("instruction budget must be positive: " + maxInstructions);
    }
    return runOnCaller(maxInstructions);
  }

  @Override
  public ExitStatus run() {
    return runOnCaller(Long.MAX_VALUE);
  }

  @Override
  public VmExecution start() {
    Execution ex;
    Thread thread;
    lock.lock();
    try {
      checkCanRun();
      while (owner != null) {
        changed.awaitUninterruptibly();
        checkCanRun();
      }
      ex = new Execution();
      thread = new Thread(ex::body, config.name());
      thread.setDaemon(true);
      ex.thread = thread;
      owner = thread;
      execution = ex;
    } finally {
      lock.unlock();
    }
    thread.start();
    return ex;
  }

  @Override
  public Optional<ExitStatus> lastExit() {
    return Optional.ofNullable(lastExit);
  }

  @Override
  public Registers registers() {
    return cpu.registers();
  }

  @Override
  public GuestMemory memory() {
    return memory;
  }

  @Override
  public String disassemble(int segment, int offset) {
    return cpu.disassemble(segment, offset);
  }

  @Override
  public long instructionCount() {
    return cpu.instructionCount();
  }

  @Override
  public void post(Runnable task) {
    post(
        task,
        e -> new MvmException("a posted task failed: " + messageOf(e), e));
  }

  /**
   * Runs a task on the owning thread between slices, or here when nobody owns the machine. If
   * it throws on the owning thread, the run ends with a fault; run here, the exception reaches
   * the caller.
   */
  private void post(Runnable task, Function<RuntimeException, RuntimeException> fault) {
    Task wrapped =
        () -> {
          try {
            task.run();
          } catch (RuntimeException e) {
            if (pendingExit == null) {
              pendingExit = ExitStatus.fault(fault.apply(e), cpu.instructionCount());
            }
          }
        };
    lock.lock();
    try {
      if (closed) {
        throw new VmStateException("VM " + config.name() + " is closed");
      }
      if (owner != null) {
        inbox.add(wrapped);
        changed.signalAll();
        return;
      }
      owner = Thread.currentThread();
    } finally {
      lock.unlock();
    }
    try {
      task.run();
    } catch (RuntimeException e) {
      throw fault.apply(e);
    } finally {
      release(false);
    }
  }

  @Override
  public <T> CompletableFuture<T> submit(Callable<T> task) {
    CompletableFuture<T> future = new CompletableFuture<>();
    send(
        new Task() {
          @Override
          public void run() {
            try {
              future.complete(task.call());
            } catch (Exception e) {
              future.completeExceptionally(e);
            }
          }

          @Override
          public void abandon() {
            future.completeExceptionally(
                new VmStateException("VM " + config.name() + " closed before the task ran"));
          }
        },
        false);
    return future;
  }

  @Override
  public VddChannel openVdd(String vddId) {
    Context ctx = vddsById.get(vddId);
    if (ctx == null) {
      throw new VddException(
          vddId, "is not attached to VM " + config.name() + " (attached: " + vddsById.keySet() + ")");
    }
    return new Channel(ctx);
  }

  @Override
  public <T> Optional<T> device(Class<T> type) {
    Facet f = facets.get(type);
    return f == null ? Optional.empty() : Optional.of(type.cast(f.facet()));
  }

  @Override
  public void addListener(VmListener listener) {
    listeners.add(new ListenerEntry(null, listener));
  }

  @Override
  public void removeListener(VmListener listener) {
    listeners.removeIf(e -> e.owner() == null && e.listener() == listener);
  }

  @Override
  public void close() {
    Execution ex;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      if (owner == Thread.currentThread()) {
        throw new VmStateException(
            "VM " + config.name() + " cannot be closed from its own thread; stop it instead");
      }
      closing = true;
      ex = execution;
      if (ex != null) {
        ex.stopRequested = true;
        ex.pauseRequested = false;
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
    if (ex != null) {
      ex.completion.join();
    }
    lock.lock();
    try {
      while (owner != null) {
        changed.awaitUninterruptibly();
      }
      if (closed) {
        return;
      }
      owner = Thread.currentThread();
    } finally {
      lock.unlock();
    }
    List<RuntimeException> failures = new ArrayList<>();
    List<Task> abandoned;
    try {
      for (int i = vdds.size() - 1; i >= 0; i--) {
        Context ctx = vdds.get(i);
        try {
          ctx.vdd.detach();
        } catch (RuntimeException e) {
          failures.add(new VddException(ctx.id, "failed to detach: " + messageOf(e), e));
        }
      }
      clock.cancelAll();
    } finally {
      lock.lock();
      try {
        closed = true;
        abandoned = new ArrayList<>(inbox);
        inbox.clear();
        owner = null;
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }
    abandoned.forEach(Task::abandon);
    if (!failures.isEmpty()) {
      RuntimeException first = failures.get(0);
      for (int i = 1; i < failures.size(); i++) {
        first.addSuppressed(failures.get(i));
      }
      throw first;
    }
  }

  // ---- ownership ---------------------------------------------------------------------------------

  private void checkCanRun() {
    if (closed) {
      throw new VmStateException("VM " + config.name() + " is closed");
    }
    if (owner == Thread.currentThread()) {
      throw new VmStateException(
          "VM " + config.name() + " cannot be run from its own callbacks or tasks");
    }
    if (execution != null) {
      throw new VmStateException(
          "VM " + config.name() + " runs on its own thread; use its VmExecution");
    }
  }

  private void acquireForRun() {
    lock.lock();
    try {
      checkCanRun();
      while (owner != null) {
        changed.awaitUninterruptibly();
        checkCanRun();
      }
      owner = Thread.currentThread();
    } finally {
      lock.unlock();
    }
  }

  /** Serves what is left in the inbox, then lets go of the machine. */
  private void release(boolean endsExecution) {
    while (true) {
      Task task;
      lock.lock();
      try {
        task = inbox.poll();
        if (task == null) {
          owner = null;
          if (endsExecution) {
            execution = null;
          }
          changed.signalAll();
          return;
        }
      } finally {
        lock.unlock();
      }
      task.run();
    }
  }

  /** Hands a task to the owner, or runs it here when nobody owns the machine. */
  private void send(Task task, boolean inlineOnOwner) {
    Thread me = Thread.currentThread();
    boolean acquired = false;
    lock.lock();
    try {
      if (closed) {
        task.abandon();
        return;
      }
      if (owner == null) {
        owner = me;
        acquired = true;
      } else if (!(owner == me && inlineOnOwner)) {
        inbox.add(task);
        changed.signalAll();
        return;
      }
    } finally {
      lock.unlock();
    }
    try {
      task.run();
    } finally {
      if (acquired) {
        release(false);
      }
    }
  }

  private void drainInbox() {
    while (true) {
      Task task;
      lock.lock();
      try {
        task = inbox.poll();
      } finally {
        lock.unlock();
      }
      if (task == null) {
        return;
      }
      task.run();
    }
  }

  // ---- the run loop ------------------------------------------------------------------------------

  private ExitStatus runOnCaller(long maxInstructions) {
    acquireForRun();
    try {
      return runLoop(limit(maxInstructions), null);
    } finally {
      release(false);
    }
  }

  private long limit(long maxInstructions) {
    long budget = config.instructionBudget();
    return budget > 0 ? Math.min(budget, maxInstructions) : maxInstructions;
  }

  private ExitStatus runLoop(long limit, @Nullable Execution ex) {
    ExitStatus done = terminal;
    if (done != null) {
      lastExit = done;
      return done;
    }
    ExitStatus status;
    try {
      status = loop(limit, ex);
    } catch (RuntimeException | StackOverflowError e) {
      status = ExitStatus.fault(asFault(e), cpu.instructionCount());
    }
    return finish(status);
  }

  private ExitStatus loop(long limit, @Nullable Execution ex) {
    long start = cpu.instructionCount();
    Duration timeout = config.timeout();
    long wallStart = System.nanoTime();
    anchorPacing();
    while (true) {
      ExitStatus between = betweenSlices(ex);
      if (between != null) {
        return between;
      }
      if (timeout != null && System.nanoTime() - wallStart >= timeout.toNanos()) {
        return ExitStatus.of(
            ExitReason.TIMEOUT,
            "wall-clock timeout of " + timeout + " passed",
            cpu.instructionCount());
      }
      long executed = cpu.instructionCount() - start;
      if (executed >= limit) {
        return ExitStatus.of(
            ExitReason.BUDGET_EXHAUSTED,
            "instruction budget of " + limit + " used up",
            cpu.instructionCount());
      }
      long slice = Math.min(limit - executed, MAX_SLICE);
      long deadline = clock.nextDeadline();
      if (deadline != Long.MAX_VALUE) {
        slice = Math.min(slice, Math.max(1, clock.instructionsUntil(deadline)));
      }
      CpuStop stop;
      inCpuRun = true;
      try {
        stop = cpu.run(slice);
      } finally {
        inCpuRun = false;
      }
      ExitStatus ended =
          switch (stop) {
            case BUDGET, STOP_REQUESTED -> null;
            case HALTED -> pendingExit != null || resetPending ? null : halt();
            case SHUTDOWN -> {
              String why = cpu.stopDetail();
              yield ExitStatus.of(
                  ExitReason.SHUTDOWN,
                  why != null ? why : "the CPU shut down",
                  cpu.instructionCount());
            }
            case UNSUPPORTED -> {
              String what = cpu.stopDetail();
              yield ExitStatus.fault(
                  new MvmException(what != null ? what : "the CPU met an unsupported instruction"),
                  cpu.instructionCount());
            }
          };
      if (ended != null) {
        return ended;
      }
      if (config.clockMode() == ClockMode.PACED) {
        pace();
      }
    }
  }

  /** The CPU halted: skip to the next timer, or end the run if nothing can wake it. */
  private @Nullable ExitStatus halt() {
    Registers r = cpu.registers();
    String where = VddFailure.address(r.cs(), r.eip() - 1);
    if (!r.interruptsEnabled()) {
      return ExitStatus.of(
          ExitReason.HALTED, "HLT with interrupts disabled at " + where, cpu.instructionCount());
    }
    if (intrLevel) {
      return null; // an interrupt is already requested (STI; HLT): the CPU takes it at once
    }
    long next = clock.nextDeadline();
    if (next == Long.MAX_VALUE) {
      return ExitStatus.of(
          ExitReason.HALTED,
          "HLT at " + where + " with no timer armed: nothing can wake the CPU",
          cpu.instructionCount());
    }
    if (config.clockMode() == ClockMode.PACED) {
      // A halted guest waits in real time: skip only as far as wall time has come.
      long allowed = virtualAnchor + (System.nanoTime() - wallAnchor);
      if (next > allowed) {
        waitWall(next - allowed);
        allowed = virtualAnchor + (System.nanoTime() - wallAnchor);
        clock.skipTo(Math.min(next, allowed));
        return null;
      }
    }
    clock.skipTo(next);
    return null;
  }

  private @Nullable ExitStatus betweenSlices(@Nullable Execution ex) {
    drainInbox();
    if (pendingExit != null) {
      return pendingExit;
    }
    if (resetPending) {
      doReset();
    }
    if (closing) {
      return ExitStatus.of(ExitReason.STOPPED, "the VM is closing", cpu.instructionCount());
    }
    if (ex != null) {
      if (ex.stopRequested) {
        return stopped();
      }
      if (ex.pauseRequested) {
        pauseHere(ex);
        if (pendingExit != null) {
          return pendingExit;
        }
        if (ex.stopRequested) {
          return stopped();
        }
        anchorPacing();
      }
    }
    clock.fireDue(() -> pendingExit != null || resetPending);
    if (pendingExit != null) {
      return pendingExit;
    }
    if (resetPending) {
      doReset();
    }
    return null;
  }

  private ExitStatus stopped() {
    return ExitStatus.of(ExitReason.STOPPED, "stopped by the host", cpu.instructionCount());
  }

  /** Waits while paused, serving the inbox. */
  private void pauseHere(Execution ex) {
    lock.lock();
    try {
      ex.paused = true;
      changed.signalAll();
      while (ex.pauseRequested && !ex.stopRequested && pendingExit == null) {
        Task task = inbox.poll();
        if (task != null) {
          lock.unlock();
          try {
            task.run();
          } finally {
            lock.lock();
          }
          continue;
        }
        changed.awaitUninterruptibly();
      }
      ex.paused = false;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void anchorPacing() {
    wallAnchor = System.nanoTime();
    virtualAnchor = clock.nanos();
  }

  /** Paced clock: sleep while virtual time runs ahead of wall time. */
  private void pace() {
    long ahead = (clock.nanos() - virtualAnchor) - (System.nanoTime() - wallAnchor);
    if (ahead >= PACE_MIN_NANOS) {
      waitWall(ahead);
    }
  }

  /**
   * Sleeps on the VM's thread for up to the given time (at most {@link #PACE_MAX_NANOS}),
   * waking early for the inbox, a stop or a pause.
   */
  @SuppressWarnings("WaitNotInLoop") // a spurious wake-up only ends the nap early
  private void waitWall(long nanos) {
    lock.lock();
    try {
      Execution ex = execution;
      boolean wanted = ex != null && (ex.stopRequested || ex.pauseRequested);
      if (inbox.isEmpty() && !wanted) {
        changed.awaitNanos(Math.min(nanos, PACE_MAX_NANOS));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
  }

  private ExitStatus finish(ExitStatus status) {
    pendingExit = null;
    // A VDD's exit status carries whatever count it knew; the monitor knows the true one.
    ExitStatus s =
        new ExitStatus(
            status.reason(),
            status.exitCode(),
            status.message(),
            status.cause(),
            cpu.instructionCount());
    try {
      if (s.reason() == ExitReason.HALTED) {
        fire(new VmEvent.Halted());
      }
      Throwable cause = s.cause();
      if (s.reason() == ExitReason.FAULT && cause != null) {
        fire(new VmEvent.Faulted(cause));
      }
      fire(new VmEvent.RunEnded(s));
    } catch (RuntimeException e) {
      s = ExitStatus.fault(e, cpu.instructionCount());
    }
    if (s.isTerminal()) {
      terminal = s;
    }
    lastExit = s;
    return s;
  }

  private static Throwable asFault(Throwable e) {
    if (e instanceof MvmException) {
      return e;
    }
    return new MvmException("the VM monitor or CPU failed: " + messageOf(e), e);
  }

  private static String messageOf(Throwable e) {
    String m = e.getMessage();
    return m != null ? m : e.getClass().getName();
  }

  private void doReset() {
    resetPending = false;
    memory.setA20(false);
    callbacks.reset();
    cpu.reset();
    for (Context ctx : vdds) {
      try {
        ctx.vdd.reset();
      } catch (RuntimeException e) {
        throw VddFailure.wrap(ctx.id, "reset", e);
      }
    }
  }

  private void requestExit(ExitStatus status) {
    if (pendingExit == null) {
      pendingExit = status;
    }
    if (inCpuRun) {
      cpu.requestStop();
    }
  }

  private void fire(VmEvent event) {
    for (ListenerEntry entry : listeners) {
      try {
        entry.listener().onEvent(event);
      } catch (RuntimeException e) {
        String id = entry.owner();
        if (id != null) {
          throw VddFailure.wrap(id, "listener for " + event, e);
        }
        throw new MvmException("a host listener failed on " + event + ": " + messageOf(e), e);
      }
    }
  }

  // ---- the CPU's bus ---------------------------------------------------------------------------

  /** What the CPU sees of the machine. */
  private final class Bus implements CpuBus {
    @Override
    public byte[] ram() {
      return memory.ram();
    }

    @Override
    public byte[] pageFlags() {
      return memory.pageFlags();
    }

    @Override
    public int addressMask() {
      return memory.a20Mask();
    }

    @Override
    public int readByte(int address) {
      return memory.read(address);
    }

    @Override
    public void writeByte(int address, int value) {
      memory.write(address, value);
    }

    @Override
    public int in(int port, int size) {
      return io.in(port, size);
    }

    @Override
    public void out(int port, int size, int value) {
      io.out(port, size, value);
    }

    @Override
    public int acknowledgeInterrupt() {
      return irqs.acknowledge();
    }

    @Override
    public boolean isHostCallbackAddress(int linearAddress) {
      return callbacks.isCallbackAddress(
          linearAddress & cpu.model().addressMask() & memory.a20Mask());
    }

    @Override
    public void hostCallback(int number) {
      callbacks.dispatch(number & 0xFFFF);
    }
  }

  /** A20, reset, NMI and INTR. */
  private final class Lines implements MachineLines {
    @Override
    public void setA20(boolean enabled) {
      memory.setA20(enabled);
    }

    @Override
    public boolean isA20() {
      return memory.isA20();
    }

    @Override
    public void reset() {
      if (inCpuRun) {
        resetPending = true;
        cpu.requestStop();
      } else {
        doReset();
      }
    }

    @Override
    public void nmi() {
      cpu.nmi();
    }

    @Override
    public void setIntr(boolean asserted) {
      intrLevel = asserted;
      cpu.setIntr(asserted);
    }

    @Override
    public void endOfInterrupt(int irq) {
      irqs.endOfInterrupt(irq);
    }
  }

  // ---- VDDs ---------------------------------------------------------------------------------------

  /** The helper services of one VDD. */
  private final class Context implements VddContext {
    final Vdd vdd;
    final String id;
    final System.Logger logger;
    final MemoryMap memoryMap;
    final IoPorts ports;
    final InterruptHooks interrupts;
    final VirtualClock clockView;
    final GuestCalls guestCalls;

    Context(Vdd vdd, String id) {
      this.vdd = vdd;
      this.id = id;
      this.logger = System.getLogger("dev.mvm.vm." + config.name() + "." + id);
      this.memoryMap = memory.mapFor(id);
      this.ports = io.portsFor(id);
      this.interrupts = callbacks.hooksFor(id);
      this.clockView = clock.clockFor(id);
      this.guestCalls = callbacks.callsFor(id);
    }

    @Override
    public String vddId() {
      return id;
    }

    @Override
    public VmConfig config() {
      return config;
    }

    @Override
    public System.Logger logger() {
      return logger;
    }

    @Override
    public Registers registers() {
      return cpu.registers();
    }

    @Override
    public GuestMemory memory() {
      return memory;
    }

    @Override
    public MemoryMap memoryMap() {
      return memoryMap;
    }

    @Override
    public IoPorts ports() {
      return ports;
    }

    @Override
    public InterruptHooks interrupts() {
      return interrupts;
    }

    @Override
    public IrqLine irq(int number) {
      return irqs.lineFor(id, number);
    }

    @Override
    public void provideInterruptController(InterruptController controller) {
      irqs.provide(id, controller);
    }

    @Override
    public DmaChannel dma(int channel) {
      return dma.channel(channel);
    }

    @Override
    public void provideDmaController(DmaController controller) {
      dma.provide(id, controller);
    }

    @Override
    public MachineLines machine() {
      return lines;
    }

    @Override
    public VirtualClock clock() {
      return clockView;
    }

    @Override
    public GuestCalls guestCalls() {
      return guestCalls;
    }

    @Override
    public int farCallEntry(Consumer<Registers> handler) {
      return callbacks.farCallEntry(id, handler);
    }

    @Override
    public <T> void publish(Class<T> type, T facet) {
      Facet f = new Facet(id, type.cast(facet));
      Facet before = facets.putIfAbsent(type, f);
      if (before != null) {
        throw new VmConfigurationException(
            "VDD "
                + id
                + " publishes "
                + type.getName()
                + ", already published by VDD "
                + before.owner());
      }
    }

    @Override
    public Hook addListener(VmListener listener) {
      ListenerEntry entry = new ListenerEntry(id, listener);
      listeners.add(entry);
      return new HookHandle() {
        @Override
        void changed() {
          if (isEnabled()) {
            listeners.add(entry);
          } else {
            listeners.remove(entry);
          }
        }

        @Override
        void removed() {
          listeners.remove(entry);
        }
      };
    }

    @Override
    public void fire(VmEvent event) {
      Machine.this.fire(event);
    }

    @Override
    public void post(Runnable task) {
      Machine.this.post(task, e -> VddFailure.wrap(id, "posted task", e));
    }

    @Override
    public void exit(ExitStatus status) {
      requestExit(status);
    }
  }

  /** A host's channel to a VDD. */
  private final class Channel implements VddChannel {
    private final Context target;
    private volatile boolean open = true;

    Channel(Context target) {
      this.target = target;
    }

    @Override
    public String vddId() {
      return target.id;
    }

    @Override
    public byte[] request(int command, byte[] input) {
      CompletableFuture<byte[]> reply = send(command, input, true);
      try {
        return reply.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new VddException(target.id, "interrupted waiting for request " + command, e);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof VddException v) {
          throw v;
        }
        throw new VddException(target.id, "request " + command + " failed", cause);
      }
    }

    @Override
    public CompletableFuture<byte[]> requestAsync(int command, byte[] input) {
      return send(command, input, false);
    }

    private CompletableFuture<byte[]> send(int command, byte[] input, boolean inlineOnOwner) {
      CompletableFuture<byte[]> reply = new CompletableFuture<>();
      if (!open) {
        reply.completeExceptionally(new VddException(target.id, "the channel is closed"));
        return reply;
      }
      byte[] copy = input.clone();
      Machine.this.send(
          new Task() {
            @Override
            public void run() {
              try {
                reply.complete(target.vdd.request(command, copy));
              } catch (VddException e) {
                reply.completeExceptionally(e);
              } catch (RuntimeException e) {
                reply.completeExceptionally(
                    new VddException(
                        target.id, "request " + command + " failed: " + messageOf(e), e));
              }
            }

            @Override
            public void abandon() {
              reply.completeExceptionally(
                  new VddException(target.id, "VM " + config.name() + " is closed"));
            }
          },
          inlineOnOwner);
      return reply;
    }

    @Override
    public void close() {
      open = false;
    }
  }

  // ---- the VM's own thread ---------------------------------------------------------------------

  /** A run on the VM's own thread. */
  private final class Execution implements VmExecution {
    final CompletableFuture<ExitStatus> completion = new CompletableFuture<>();
    volatile boolean stopRequested;
    volatile boolean pauseRequested;
    boolean paused;
    volatile boolean done;
    @Nullable Thread thread;

    void body() {
      ExitStatus status;
      try {
        status = runLoop(limit(Long.MAX_VALUE), this);
      } catch (RuntimeException | Error e) {
        status = ExitStatus.fault(asFault(e), cpu.instructionCount());
        lastExit = status;
      }
      lock.lock();
      try {
        done = true;
      } finally {
        lock.unlock();
      }
      release(true);
      completion.complete(status);
    }

    @Override
    public void pause() {
      lock.lock();
      try {
        if (done) {
          return;
        }
        pauseRequested = true;
        changed.signalAll();
        if (Thread.currentThread() == thread) {
          return;
        }
        while (pauseRequested && !paused && !done) {
          changed.awaitUninterruptibly();
        }
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void resume() {
      lock.lock();
      try {
        pauseRequested = false;
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }

    @Override
    public boolean isPaused() {
      return pauseRequested && !done;
    }

    @Override
    public void stop() {
      lock.lock();
      try {
        stopRequested = true;
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }

    @Override
    public ExitStatus await() throws InterruptedException {
      try {
        return completion.get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("the VM's thread failed", e.getCause());
      }
    }

    @Override
    public Optional<ExitStatus> await(Duration timeout) throws InterruptedException {
      try {
        return Optional.of(completion.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
      } catch (TimeoutException e) {
        return Optional.empty();
      } catch (ExecutionException e) {
        throw new IllegalStateException("the VM's thread failed", e.getCause());
      }
    }

    @Override
    public CompletableFuture<ExitStatus> completion() {
      return completion.copy();
    }

    @Override
    public boolean isDone() {
      return completion.isDone();
    }
  }

  @Override
  public String toString() {
    return "Machine[" + config.name() + ", " + Collections.unmodifiableCollection(vddsById.keySet()) + "]";
  }
}
