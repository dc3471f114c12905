package dev.mvm.vdd.std;

import dev.mvm.api.ExitStatus;
import dev.mvm.api.Vm;
import dev.mvm.api.VmBuilder;
import dev.mvm.api.VmConfig;
import dev.mvm.api.cpu.Flags;
import dev.mvm.api.cpu.Registers;
import dev.mvm.api.event.VmEvent;
import dev.mvm.api.event.VmListener;
import dev.mvm.api.vdd.GuestCalls;
import dev.mvm.api.vdd.GuestMemory;
import dev.mvm.api.vdd.Hook;
import dev.mvm.api.vdd.InterruptController;
import dev.mvm.api.vdd.InterruptHook;
import dev.mvm.api.vdd.InterruptHooks;
import dev.mvm.api.vdd.IoHandler;
import dev.mvm.api.vdd.IoPorts;
import dev.mvm.api.vdd.IrqLine;
import dev.mvm.api.vdd.MachineLines;
import dev.mvm.api.vdd.MemoryHandler;
import dev.mvm.api.vdd.MemoryMap;
import dev.mvm.api.vdd.Timer;
import dev.mvm.api.vdd.VddContext;
import dev.mvm.api.vdd.VirtualClock;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A hand-made VDD context for tests of one VDD: byte-array memory, a port map, interrupt hooks
 * that tests call as the CPU's INT would, IRQ lines that record their level, a virtual clock
 * that moves only when told, and guest calls that run the called hook (or nothing, for a
 * vector nobody hooked) before their continuation. Idle calls wait until {@link #wake}.
 */
final class FakeContext implements VddContext {
  static final int STATUS = Flags.CF | Flags.PF | Flags.AF | Flags.ZF | Flags.SF | Flags.OF;

  final VmConfig config;
  final TestRegisters regs = new TestRegisters();
  final byte[] ram;
  final Map<Integer, IoHandler> ports = new HashMap<>();
  final List<int[]> unclaimedWrites = new ArrayList<>();
  final Map<Integer, InterruptHook> hooks = new HashMap<>();
  final Map<Integer, FakeIrq> irqs = new HashMap<>();
  final Map<Class<?>, Object> facets = new HashMap<>();
  final Map<Integer, byte[]> roms = new HashMap<>();
  final List<Integer> calledVectors = new ArrayList<>();
  final ArrayDeque<Consumer<Registers>> idlers = new ArrayDeque<>();
  final ArrayDeque<Runnable> posted = new ArrayDeque<>();
  boolean a20;
  int resets;
  long nanos;
  ExitStatus exit;
  private final List<FakeTimer> timers = new ArrayList<>();
  private final ArrayDeque<Runnable> calls = new ArrayDeque<>();
  private boolean collecting;

  FakeContext(VmBuilder builder) {
    this.config = builder.toConfig();
    this.ram = new byte[(int) Math.min(config.memorySize() + 0x10000, 64 << 20)];
  }

  static FakeContext builtIn() {
    return new FakeContext(Vm.builder().personality(dev.mvm.api.Personality.BARE_MACHINE).memoryMiB(4));
  }

  // ---- test helpers ------------------------------------------------------------------------

  /** The CPU executes INT n with the current registers; guest calls the hook makes run after. */
  InterruptHook.Result interrupt(int vector) {
    InterruptHook hook = hooks.get(vector);
    if (hook == null) {
      throw new AssertionError("nothing hooks INT " + Integer.toHexString(vector));
    }
    collecting = true;
    InterruptHook.Result result;
    try {
      result = hook.handle(regs);
    } finally {
      collecting = false;
    }
    runCalls();
    return result;
  }

  /** Ends the idle waits: the interrupt that woke the guest has been served. */
  void wake() {
    List<Consumer<Registers>> waiting = new ArrayList<>(idlers);
    idlers.clear();
    for (Consumer<Registers> c : waiting) {
      collecting = true;
      try {
        c.accept(regs);
      } finally {
        collecting = false;
      }
      runCalls();
    }
  }

  void advance(long delta) {
    long target = nanos + delta;
    while (true) {
      FakeTimer next = null;
      for (FakeTimer t : timers) {
        if (t.active && t.deadline <= target && (next == null || t.deadline < next.deadline)) {
          next = t;
        }
      }
      if (next == null) {
        break;
      }
      nanos = next.deadline;
      if (next.period > 0) {
        next.deadline += next.period;
      } else {
        next.active = false;
      }
      next.action.run();
      runCalls();
    }
    nanos = target;
  }

  int activeTimers() {
    return (int) timers.stream().filter(t -> t.active).count();
  }

  int in(int port) {
    return in(port, 1);
  }

  void out(int port, int value) {
    out(port, 1, value);
  }

  FakeIrq irqLine(int n) {
    return (FakeIrq) irq(n);
  }

  int readByte(int address) {
    return ram[address] & 0xFF;
  }

  int readWord(int address) {
    return readByte(address) | readByte(address + 1) << 8;
  }

  void writeWord(int address, int value) {
    ram[address] = (byte) value;
    ram[address + 1] = (byte) (value >>> 8);
  }

  <T> T facet(Class<T> type) {
    return type.cast(facets.get(type));
  }

  private void runCalls() {
    while (!calls.isEmpty()) {
      calls.poll().run();
    }
  }

  private void queue(Runnable call) {
    if (collecting) {
      calls.add(call);
    } else {
      call.run();
    }
  }

  // ---- the context -------------------------------------------------------------------------

  @Override public String vddId() { return "TEST"; }
  @Override public VmConfig config() { return config; }
  @Override public System.Logger logger() { return System.getLogger("test"); }
  @Override public Registers registers() { return regs; }

  @Override
  public GuestMemory memory() {
    return new GuestMemory() {
      @Override public long size() { return config.memorySize(); }
      @Override public int readByte(int address) { return address < ram.length ? ram[address] & 0xFF : 0xFF; }
      @Override public void writeByte(int address, int value) {
        if (address < ram.length) {
          ram[address] = (byte) value;
        }
      }
    };
  }

  @Override
  public MemoryMap memoryMap() {
    return new MemoryMap() {
      @Override public Hook mapDevice(int base, int size, MemoryHandler handler) { throw new UnsupportedOperationException(); }
      @Override public Hook mapRom(int base, byte[] image) {
        roms.put(base, image.clone());
        System.arraycopy(image, 0, ram, base, image.length);
        return new FakeHook();
      }
      @Override public void loadRam(int base, byte[] image) { System.arraycopy(image, 0, ram, base, image.length); }
    };
  }

  @Override
  public IoPorts ports() {
    return new IoPorts() {
      @Override public Hook claim(int first, int count, IoHandler handler) {
        for (int p = first; p < first + count; p++) {
          if (ports.put(p, handler) != null) {
            throw new IllegalStateException("port claimed twice: " + Integer.toHexString(p));
          }
        }
        return new FakeHook();
      }
      @Override public Hook chain(int first, int count, UnaryOperator<IoHandler> layer) { throw new UnsupportedOperationException(); }
      @Override public int in(int port, int size) { return FakeContext.this.in(port, size); }
      @Override public void out(int port, int size, int value) { FakeContext.this.out(port, size, value); }
    };
  }

  int in(int port, int size) {
    IoHandler h = ports.get(port);
    if (h == null) {
      return size == 1 ? 0xFF : size == 2 ? 0xFFFF : -1;
    }
    return size == 1 ? h.inb(port) : size == 2 ? h.inw(port) : h.ind(port);
  }

  void out(int port, int size, int value) {
    IoHandler h = ports.get(port);
    if (h == null) {
      unclaimedWrites.add(new int[] {port, value});
      return;
    }
    if (size == 1) {
      h.outb(port, value & 0xFF);
    } else if (size == 2) {
      h.outw(port, value & 0xFFFF);
    } else {
      h.outd(port, value);
    }
  }

  @Override
  public InterruptHooks interrupts() {
    return new InterruptHooks() {
      @Override public Hook hook(int vector, InterruptHook hook) {
        if (hooks.put(vector, hook) != null) {
          throw new IllegalStateException("vector hooked twice: " + Integer.toHexString(vector));
        }
        return new FakeHook();
      }
      @Override public Hook chain(int vector, InterruptHook hook) {
        InterruptHook previous = hooks.get(vector);
        hooks.put(vector, previous == null ? hook : r -> {
          InterruptHook.Result result = hook.handle(r);
          return result == InterruptHook.Result.PASS ? previous.handle(r) : result;
        });
        return new FakeHook();
      }
      @Override public int vector(int vector) { return readWord(vector * 4 + 2) << 16 | readWord(vector * 4); }
      @Override public void setVector(int vector, int segment, int offset) {
        writeWord(vector * 4, offset);
        writeWord(vector * 4 + 2, segment);
      }
    };
  }

  @Override
  public IrqLine irq(int number) {
    return irqs.computeIfAbsent(number, FakeIrq::new);
  }

  @Override public void provideInterruptController(InterruptController controller) {}

  @Override
  public MachineLines machine() {
    return new MachineLines() {
      @Override public void setA20(boolean enabled) { a20 = enabled; }
      @Override public boolean isA20() { return a20; }
      @Override public void reset() { resets++; }
      @Override public void nmi() {}
      @Override public void setIntr(boolean asserted) {}
      @Override public void endOfInterrupt(int irq) {}
    };
  }

  @Override
  public VirtualClock clock() {
    return new VirtualClock() {
      @Override public long nanos() { return nanos; }
      @Override public LocalDateTime dateTime() { return config.startTime().plusNanos(nanos); }
      @Override public Timer after(long delayNanos, Runnable action) { return add(delayNanos, 0, action); }
      @Override public Timer every(long periodNanos, Runnable action) { return add(periodNanos, periodNanos, action); }
    };
  }

  private Timer add(long delay, long period, Runnable action) {
    FakeTimer t = new FakeTimer(nanos + delay, period, action);
    timers.add(t);
    return t;
  }

  @Override
  public GuestCalls guestCalls() {
    return new GuestCalls() {
      @Override public void interrupt(int vector, Consumer<Registers> continuation) {
        queue(() -> {
          calledVectors.add(vector);
          InterruptHook hook = hooks.get(vector);
          int flags = regs.flags();
          if (hook == null || hook.handle(regs) == InterruptHook.Result.PASS) {
            regs.setFlags(flags); // the default IRET
          } else {
            regs.setFlags((flags & ~STATUS) | (regs.flags() & STATUS));
          }
          runContinuation(continuation);
        });
      }
      @Override public void callFar(int segment, int offset, Consumer<Registers> continuation) {
        queue(() -> runContinuation(continuation));
      }
      @Override public void idle(Consumer<Registers> continuation) {
        idlers.add(continuation);
      }
    };
  }

  private void runContinuation(Consumer<Registers> continuation) {
    boolean outer = collecting;
    collecting = true;
    ArrayDeque<Runnable> before = new ArrayDeque<>(calls);
    calls.clear();
    try {
      continuation.accept(regs);
    } finally {
      collecting = outer;
    }
    // calls a continuation makes run before those queued earlier
    calls.addAll(before);
  }

  @Override public int farCallEntry(Consumer<Registers> handler) { throw new UnsupportedOperationException(); }
  @Override public <T> void publish(Class<T> type, T facet) { facets.put(type, facet); }
  @Override public Hook addListener(VmListener listener) { return new FakeHook(); }
  @Override public void fire(VmEvent event) {}
  @Override public void post(Runnable task) { posted.add(task); }
  @Override public void exit(ExitStatus status) { exit = status; }

  /** Runs the tasks host threads posted, as the VM's thread does between slices. */
  void runPosted() {
    while (!posted.isEmpty()) {
      posted.poll().run();
      runCalls();
    }
  }

  static final class FakeIrq implements IrqLine {
    final int number;
    boolean raised;
    int raises;

    FakeIrq(int number) {
      this.number = number;
    }

    @Override public int number() { return number; }
    @Override public void raise() {
      if (!raised) {
        raises++;
      }
      raised = true;
    }
    @Override public void lower() { raised = false; }
    @Override public boolean isRaised() { return raised; }
    @Override public Hook onEndOfInterrupt(Runnable action) { return new FakeHook(); }
  }

  static final class FakeHook implements Hook {
    boolean enabled = true;

    @Override public void setEnabled(boolean enabled) { this.enabled = enabled; }
    @Override public boolean isEnabled() { return enabled; }
    @Override public void remove() { enabled = false; }
  }

  static final class FakeTimer implements Timer {
    long deadline;
    final long period;
    final Runnable action;
    boolean active = true;

    FakeTimer(long deadline, long period, Runnable action) {
      this.deadline = deadline;
      this.period = period;
      this.action = action;
    }

    @Override public void cancel() { active = false; }
    @Override public boolean isActive() { return active; }
    @Override public long deadline() { return deadline; }
  }
}
