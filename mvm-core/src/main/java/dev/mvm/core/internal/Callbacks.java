package dev.mvm.core.internal;

import dev.mvm.api.MvmException;
import dev.mvm.api.VmConfigurationException;
import dev.mvm.api.cpu.Flags;
import dev.mvm.api.cpu.Registers;
import dev.mvm.api.vdd.GuestCalls;
import dev.mvm.api.vdd.Hook;
import dev.mvm.api.vdd.InterruptHook;
import dev.mvm.api.vdd.InterruptHooks;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Host callbacks: the monitor's ROM area, the stubs in it, interrupt hooks and calls from Java
 * into guest code.
 *
 * <p>A stub is the trap {@code 0F FF lo hi} (its callback number) followed by what the guest
 * does after Java returned: {@code IRET} for an interrupt hook, {@code RETF} for a far-call
 * entry. The trap is honoured only inside this ROM area ({@link #isCallbackAddress}).
 *
 * <h2>Interrupt hooks</h2>
 *
 * Hooking a vector points it at the hook's stub and remembers the vector's previous value.
 * {@link InterruptHook.Result#HANDLED} merges the status flags the hook left (CF, PF, AF, ZF,
 * SF, OF) into the FLAGS image on the stack and lets the stub's {@code IRET} return to the
 * caller; {@link InterruptHook.Result#PASS} jumps to the previous value with the stack as the
 * {@code INT} left it. A disabled or removed hook passes. A hook that changes CS:IP and returns
 * {@code HANDLED} does not return to the caller: the guest goes on at the new CS:IP with the
 * stack as the hook left it (an INT 19h hook starts what it boots this way).
 *
 * <h2>Guest calls</h2>
 *
 * A hook, a far-call entry, a continuation, a timer or a task may ask the guest to call an
 * interrupt or a far procedure. The calls are queued while the Java code runs and start when it
 * returns: the guest enters the target with a return address pointing at the shared
 * continuation stub ({@code trap}), which runs the Java continuation, starts the next queued
 * call (calls a continuation makes run before those queued earlier) and, when none is left,
 * resumes where the hook would have gone (the stub's {@code IRET} with the flags merged, the
 * previous handler, the entry's {@code RETF}, or the interrupted code). Pending calls form a
 * stack of frames, so guest code called this way may itself reach hooks that make calls.
 *
 * <p>An idle "call" ({@link GuestCalls#idle}) sends the guest to {@code STI; HLT} in the ROM,
 * followed by the continuation trap: the interrupt that ends the halt returns onto the trap, so
 * the continuation runs after the guest served that interrupt.
 */
public final class Callbacks {
  /** The status flags a hook reports to its caller. */
  private static final int STATUS_FLAGS =
      Flags.CF | Flags.PF | Flags.AF | Flags.ZF | Flags.SF | Flags.OF;

  private Runnable firmwareReset = () -> {};

  /** The owner of the monitor's own callbacks (POST, the guest-call continuation). */
  static final String CORE = "core";

  private static final int IRET = 0xCF;
  private static final int RETF = 0xCB;

  private final Machine machine;
  private final PhysicalMemory memory;
  private final byte[] rom;
  private final int base;
  private final int segment;
  private final int limit;
  private final PhysicalMemory.RomMapping mapping;
  private final List<Callback> callbacks = new ArrayList<>();
  private final List<List<VectorHook>> hooks = new ArrayList<>();
  private final ArrayDeque<Frame> frames = new ArrayDeque<>();
  private final int continuationOffset;
  private final int idleOffset;
  private int next;
  private @Nullable ArrayDeque<GuestCall> collecting;

  /** Java code behind a callback number. */
  private record Callback(String owner, String what, Runnable body) {}

  /** What a guest call does. */
  private enum Kind {
    /** {@code INT vector}. */
    INTERRUPT,
    /** {@code CALL FAR segment:offset}. */
    FAR,
    /** {@code STI; HLT} until the next interrupt has been served. */
    IDLE
  }

  /** A call into the guest that Java asked for. */
  private record GuestCall(
      String owner, Kind kind, int vector, int segment, int offset,
      Consumer<Registers> continuation) {}

  /** Where the guest goes once a frame's calls are done, and the calls still to make. */
  private static final class Frame {
    final int resumeCs;
    final int resumeIp;
    final boolean mergeFlags;
    final ArrayDeque<GuestCall> calls;
    @Nullable GuestCall current;

    Frame(int resumeCs, int resumeIp, boolean mergeFlags, ArrayDeque<GuestCall> calls) {
      this.resumeCs = resumeCs;
      this.resumeIp = resumeIp;
      this.mergeFlags = mergeFlags;
      this.calls = calls;
    }
  }

  /**
   * @param machine the machine, for its CPU
   * @param memory physical memory
   * @param rom the monitor's ROM image, which this object keeps writing stubs into
   * @param base the ROM's physical address, page-aligned and below 1 MiB
   * @param firstStub the offset where stubs may start
   * @param stubLimit the offset where they must end
   */
  Callbacks(
      Machine machine, PhysicalMemory memory, byte[] rom, int base, int firstStub, int stubLimit) {
    this.machine = machine;
    this.memory = memory;
    this.rom = rom;
    this.base = base;
    this.segment = base >>> 4;
    this.next = firstStub;
    this.limit = stubLimit;
    this.mapping = memory.mapRom(base, rom);
    for (int v = 0; v < 256; v++) {
      hooks.add(new ArrayList<>());
    }
    int number = register(CORE, "guest call continuation", this::continuation);
    this.continuationOffset = stub(number);
    // STI; HLT; then the continuation trap, where the interrupt that ends the halt returns to.
    int idle = next;
    writeRom(idle, 0xFB, 0xF4);
    next += 2;
    stub(number);
    this.idleOffset = idle;
  }

  /** Returns the ROM's real-mode segment. */
  public int segment() {
    return segment;
  }

  /**
   * Whether a trap at this physical address is a host callback.
   *
   * @param address the physical address of the trap's {@code 0Fh}
   * @return true inside the monitor's ROM, while that ROM is mapped there
   */
  boolean isCallbackAddress(int address) {
    return Integer.compareUnsigned(address - base, rom.length - 3) < 0
        && memory.isServedBy(address, mapping);
  }

  // ---- the ROM -------------------------------------------------------------------------------

  /**
   * Writes bytes into the ROM image at a fixed offset (the built-in BIOS's entry points).
   *
   * @param offset the offset within the ROM
   * @param bytes the bytes, each in the low 8 bits of an int
   */
  void writeRom(int offset, int... bytes) {
    for (int i = 0; i < bytes.length; i++) {
      rom[offset + i] = (byte) bytes[i];
    }
  }

  /**
   * Registers Java code under a new callback number.
   *
   * @param owner the VDD (or {@code core}) whose code it is
   * @param what what it is, for fault messages
   * @param body the code
   * @return the number
   */
  int register(String owner, String what, Runnable body) {
    if (callbacks.size() > 0xFFFF) {
      throw new MvmException("no host callback numbers left (65,536 in use)");
    }
    callbacks.add(new Callback(owner, what, body));
    return callbacks.size() - 1;
  }

  /**
   * Writes a stub: the trap for a callback, then the given bytes.
   *
   * @param number the callback number
   * @param tail the instructions after the trap
   * @return the stub's offset in the ROM segment
   */
  int stub(int number, int... tail) {
    int length = 4 + tail.length;
    if (next + length > limit) {
      throw new MvmException(
          "the monitor's callback ROM at " + VddFailure.hex(base, 5) + " is full");
    }
    int offset = next;
    writeRom(offset, 0x0F, 0xFF, number & 0xFF, number >>> 8);
    writeRom(offset + 4, tail);
    next += length;
    return offset;
  }

  /**
   * Writes the trap for a callback at a fixed offset.
   *
   * @param offset where
   * @param number the callback number
   */
  void trapAt(int offset, int number) {
    writeRom(offset, 0x0F, 0xFF, number & 0xFF, number >>> 8);
  }

  /**
   * Runs a host callback: the CPU executed the trap and advanced IP past it.
   *
   * @param number the callback number
   */
  void dispatch(int number) {
    if (number < 0 || number >= callbacks.size()) {
      Registers r = regs();
      throw new MvmException(
          "no host callback "
              + number
              + " (trap at "
              + VddFailure.address(r.cs(), r.ip() - 4)
              + ")");
    }
    Callback cb = callbacks.get(number);
    Registers r = regs();
    int cs = r.cs();
    int ip = r.ip() - 4;
    try {
      cb.body().run();
    } catch (RuntimeException e) {
      if (cb.owner().equals(CORE)) {
        throw e; // the monitor's own callbacks fail with their own message
      }
      throw VddFailure.wrap(cb.owner(), cb.what() + " at " + VddFailure.address(cs, ip), e);
    }
  }

  // ---- interrupt hooks -------------------------------------------------------------------------

  /** One hook on a vector. */
  private final class VectorHook extends HookHandle {
    final String owner;
    final int vector;
    final InterruptHook hook;
    final boolean chain;
    /** Where PASS continues: the vector's value beneath this hook. */
    int previous;
    int offset;

    VectorHook(String owner, int vector, InterruptHook hook, boolean chain, int previous) {
      this.owner = owner;
      this.vector = vector;
      this.hook = hook;
      this.chain = chain;
      this.previous = previous;
    }

    int stubAddress() {
      return segment << 16 | offset;
    }

    @Override
    void removed() {
      List<VectorHook> list = hooks.get(vector);
      list.remove(this);
      for (VectorHook above : list) {
        if (above.previous == stubAddress()) {
          above.previous = previous; // close the gap in the chain
        }
      }
      if (vector(vector) == stubAddress()) {
        setVector(vector, previous >>> 16, previous & 0xFFFF);
      }
    }
  }

  /**
   * Interrupt hooks and the vector table as one VDD sees them.
   *
   * @param owner the VDD's id
   * @return the view
   */
  InterruptHooks hooksFor(String owner) {
    return new InterruptHooks() {
      @Override
      public Hook hook(int vector, InterruptHook hook) {
        return Callbacks.this.hook(owner, vector, hook, false);
      }

      @Override
      public Hook chain(int vector, InterruptHook hook) {
        return Callbacks.this.hook(owner, vector, hook, true);
      }

      @Override
      public int vector(int vector) {
        return Callbacks.this.vector(vector);
      }

      @Override
      public void setVector(int vector, int segment, int offset) {
        Callbacks.this.setVector(vector, segment, offset);
      }
    };
  }

  private Hook hook(String owner, int vector, InterruptHook hook, boolean chain) {
    checkVector(vector);
    List<VectorHook> list = hooks.get(vector);
    if (!chain) {
      for (VectorHook other : list) {
        if (!other.chain && !other.owner.equals(owner)) {
          throw new VmConfigurationException(
              "VDD "
                  + owner
                  + " hooks interrupt "
                  + VddFailure.hex(vector, 2)
                  + ", already hooked by VDD "
                  + other.owner
                  + " (use InterruptHooks.chain to chain onto another VDD's hook)");
        }
      }
    }
    VectorHook vh = new VectorHook(owner, vector, hook, chain, vector(vector));
    int number =
        register(owner, "interrupt " + VddFailure.hex(vector, 2) + " hook", () -> enter(vh));
    vh.offset = stub(number, IRET);
    if (!chain) {
      // The base service goes beneath the layers that chain onto it, whatever the attach
      // order: the lowest chain layer now passes on to it.
      for (int i = 0; i < list.size(); i++) {
        VectorHook layer = list.get(i);
        if (layer.chain) {
          vh.previous = layer.previous;
          layer.previous = vh.stubAddress();
          list.add(i, vh);
          return vh;
        }
      }
    }
    list.add(vh);
    setVector(vector, segment, vh.offset);
    return vh;
  }

  /**
   * Points every vector at its newest hook's stub, or at a default handler: the POST's work.
   *
   * @param defaultSegment the default handler's segment
   * @param defaultOffset its offset
   */
  void fillVectorTable(int defaultSegment, int defaultOffset) {
    for (int v = 0; v < 256; v++) {
      List<VectorHook> list = hooks.get(v);
      if (list.isEmpty()) {
        setVector(v, defaultSegment, defaultOffset);
      } else {
        setVector(v, segment, list.get(list.size() - 1).offset);
      }
    }
  }

  int vector(int vector) {
    checkVector(vector);
    return memory.readWord(vector * 4 + 2) << 16 | memory.readWord(vector * 4);
  }

  void setVector(int vector, int segment, int offset) {
    checkVector(vector);
    memory.writeWord(vector * 4, offset);
    memory.writeWord(vector * 4 + 2, segment);
  }

  private static void checkVector(int vector) {
    if (vector < 0 || vector > 255) {
      throw new IllegalArgumentException("interrupt vector must be 0 to 255: " + vector);
    }
  }

  /**
   * Runs the hooks behind a vector on the current registers without executing guest code: for
   * device tests on a machine without a CPU. Starting at the vector's value, it follows {@link
   * InterruptHook.Result#PASS} from hook to previous value while the value is a hook's stub.
   *
   * @param vector 0 to 255
   * @return true if a hook handled the call; false if the chain reached a handler that is not
   *     a hook (guest code, the firmware's default handler)
   * @throws IllegalStateException if a hook asked for a guest call, which needs a CPU
   */
  public boolean invokeHooks(int vector) {
    int target = vector(vector);
    while (true) {
      VectorHook vh = hookAt(target);
      if (vh == null) {
        return false;
      }
      if (vh.isEnabled()) {
        Registers r = regs();
        boolean[] handled = new boolean[1];
        ArrayDeque<GuestCall> calls;
        try {
          calls = collect(() -> handled[0] = vh.hook.handle(r) == InterruptHook.Result.HANDLED);
        } catch (RuntimeException e) {
          throw VddFailure.wrap(vh.owner, "interrupt " + VddFailure.hex(vector, 2) + " hook", e);
        }
        if (!calls.isEmpty()) {
          throw new IllegalStateException(
              "VDD " + vh.owner + " made a guest call, which needs a CPU");
        }
        if (handled[0]) {
          return true;
        }
      }
      target = vh.previous;
    }
  }

  private @Nullable VectorHook hookAt(int farPointer) {
    if (farPointer >>> 16 != segment) {
      return null;
    }
    int offset = farPointer & 0xFFFF;
    for (List<VectorHook> list : hooks) {
      for (VectorHook vh : list) {
        if (vh.offset == offset) {
          return vh;
        }
      }
    }
    return null;
  }

  /** The guest reached a hook's stub through its vector. */
  private void enter(VectorHook vh) {
    Registers r = regs();
    if (!vh.isEnabled()) {
      r.setCs(vh.previous >>> 16);
      r.setIp(vh.previous & 0xFFFF);
      return;
    }
    boolean[] handled = new boolean[1];
    ArrayDeque<GuestCall> calls =
        collect(() -> handled[0] = vh.hook.handle(r) == InterruptHook.Result.HANDLED);
    if (handled[0]) {
      // Still at the stub's IRET: return to the caller with the status flags merged. A hook
      // that moved CS:IP sends the guest there instead, with the stack as it left it.
      boolean returning = r.cs() == segment && r.ip() == vh.offset + 4;
      proceed(r.cs(), r.ip(), returning, calls);
    } else {
      proceed(vh.previous >>> 16, vh.previous & 0xFFFF, false, calls);
    }
  }

  /** Runs Java code that may ask for guest calls, and returns the calls it asked for. */
  private ArrayDeque<GuestCall> collect(Runnable body) {
    ArrayDeque<GuestCall> outer = collecting;
    ArrayDeque<GuestCall> calls = new ArrayDeque<>();
    collecting = calls;
    try {
      body.run();
    } finally {
      collecting = outer;
    }
    return calls;
  }

  // ---- far-call entries and guest calls --------------------------------------------------------

  /**
   * Creates a far-call entry point: trap, then {@code RETF}.
   *
   * @param owner the VDD
   * @param handler the Java code
   * @return the entry as {@code segment << 16 | offset}
   */
  int farCallEntry(String owner, Consumer<Registers> handler) {
    int number =
        register(
            owner,
            "far-call entry",
            () -> {
              Registers r = regs();
              ArrayDeque<GuestCall> calls = collect(() -> handler.accept(r));
              proceed(r.cs(), r.ip(), false, calls);
            });
    return segment << 16 | stub(number, RETF);
  }

  /**
   * Guest calls as one VDD sees them.
   *
   * @param owner the VDD's id
   * @return the view
   */
  GuestCalls callsFor(String owner) {
    return new GuestCalls() {
      @Override
      public void interrupt(int vector, Consumer<Registers> continuation) {
        checkVector(vector);
        request(new GuestCall(owner, Kind.INTERRUPT, vector, 0, 0, continuation));
      }

      @Override
      public void callFar(int segment, int offset, Consumer<Registers> continuation) {
        request(
            new GuestCall(owner, Kind.FAR, 0, segment & 0xFFFF, offset & 0xFFFF, continuation));
      }

      @Override
      public void idle(Consumer<Registers> continuation) {
        request(new GuestCall(owner, Kind.IDLE, 0, 0, 0, continuation));
      }
    };
  }

  private void request(GuestCall call) {
    ArrayDeque<GuestCall> calls = collecting;
    if (calls != null) {
      calls.add(call);
      return;
    }
    if (machine.isInCpuRun()) {
      throw new IllegalStateException(
          "guest calls are made from interrupt hooks, far-call entries, continuations, timers"
              + " or tasks, not from port or memory handlers");
    }
    // From a timer or a task between slices: the call interrupts the guest where it is.
    Registers r = regs();
    ArrayDeque<GuestCall> one = new ArrayDeque<>();
    one.add(call);
    proceed(r.cs(), r.ip(), false, one);
  }

  private void proceed(int cs, int ip, boolean mergeFlags, ArrayDeque<GuestCall> calls) {
    Frame frame = new Frame(cs, ip, mergeFlags, calls);
    if (calls.isEmpty()) {
      resume(frame);
    } else {
      frames.push(frame);
      startNext(frame);
    }
  }

  private void startNext(Frame frame) {
    GuestCall call = frame.calls.poll();
    if (call == null) {
      throw new IllegalStateException("no guest call queued");
    }
    frame.current = call;
    Registers r = regs();
    switch (call.kind()) {
      case INTERRUPT -> {
        r.setCs(segment);
        r.setIp(continuationOffset);
        machine.cpu().interrupt(call.vector());
      }
      case FAR -> {
        push(r, segment);
        push(r, continuationOffset);
        r.setCs(call.segment());
        r.setIp(call.offset());
      }
      case IDLE -> {
        r.setCs(segment);
        r.setIp(idleOffset);
      }
    }
  }

  /** The guest returned from a call Java made. */
  private void continuation() {
    Frame frame = frames.peek();
    GuestCall call = frame == null ? null : frame.current;
    if (frame == null || call == null) {
      Registers r = regs();
      throw new MvmException(
          "guest reached the call continuation at "
              + VddFailure.address(r.cs(), r.ip() - 4)
              + " with no call pending");
    }
    frame.current = null;
    Registers r = regs();
    ArrayDeque<GuestCall> more;
    try {
      more = collect(() -> call.continuation().accept(r));
    } catch (RuntimeException e) {
      throw VddFailure.wrap(call.owner(), "guest call continuation", e);
    }
    while (!more.isEmpty()) {
      frame.calls.addFirst(more.removeLast());
    }
    if (frame.calls.isEmpty()) {
      frames.pop();
      resume(frame);
    } else {
      startNext(frame);
    }
  }

  private void resume(Frame frame) {
    Registers r = regs();
    if (frame.mergeFlags) {
      int image = Registers.linear(r.ss(), (r.sp() + 4) & 0xFFFF);
      int flags = memory.readWord(image);
      memory.writeWord(image, (flags & ~STATUS_FLAGS) | (r.flags() & STATUS_FLAGS));
    }
    r.setCs(frame.resumeCs);
    r.setIp(frame.resumeIp);
  }

  private void push(Registers r, int value) {
    int sp = (r.sp() - 2) & 0xFFFF;
    r.setSp(sp);
    memory.writeWord(Registers.linear(r.ss(), sp), value);
  }

  /** Forgets calls in progress: the machine was reset. */
  void reset() {
    frames.clear();
    firmwareReset.run();
  }

  /**
   * Sets what the firmware restores at every reset, before the VDDs reset: the built-in BIOS
   * fills the vector table and the BIOS data area's defaults there, so that what VDDs set up in
   * their own reset stands.
   *
   * @param action the firmware's reset work
   */
  void onReset(Runnable action) {
    this.firmwareReset = action;
  }

  private Registers regs() {
    return machine.cpu().registers();
  }
}
