package dev.mvm.vdd.std;

import dev.mvm.api.cpu.CpuModel;
import dev.mvm.api.cpu.Registers;
import dev.mvm.api.cpu.SegmentRegister;
import dev.mvm.api.vdd.GuestMemory;
import dev.mvm.testkit.EmbeddedMachine;
import dev.mvm.testkit.VddTestKit;
import java.time.Duration;

/**
 * VVIDEO in the real monitor for {@link VVideoTest}: INT 10h is called by guest snippets on a
 * real CPU ({@link Bench} keeps the machine runnable between calls), memory and ports are the
 * machine's, time is virtual, and VTIMER is there for the bell. Closed by the test.
 */
final class VideoBench implements AutoCloseable {
  private static final long FRAME_NANOS = 1_000_000_000L / 70;

  final EmbeddedMachine m;
  final Screen screen;
  final GuestMemory memory;

  VideoBench() {
    this(true);
  }

  VideoBench(boolean builtInBios) {
    VddTestKit kit = VddTestKit.embed(new VVideo(), new VTimer(), new Bench())
        .withCpu(CpuModel.I80286);
    m = (builtInBios ? kit.builtInBios() : kit).start();
    screen = m.device(Screen.class);
    memory = m.memory();
  }

  @Override
  public void close() {
    m.close();
  }

  int in(int port) {
    return m.inb(port);
  }

  void out(int port, int value) {
    m.outb(port, value);
  }

  void write(int address, byte[] bytes) {
    memory.write(address, bytes);
  }

  /** Calls INT 10h with these registers and returns the registers it left. */
  Regs int10(Regs in) {
    Bench.run(m, String.format("""
        mov  ax, 0x%04X
        mov  es, ax
        mov  ax, 0x%04X
        mov  bx, 0x%04X
        mov  cx, 0x%04X
        mov  dx, 0x%04X
        mov  bp, 0x%04X
        mov  si, 0x%04X
        mov  di, 0x%04X
        int  0x10
        """, in.es(), in.ax(), in.bx(), in.cx(), in.dx(), in.bp(), in.si(), in.di()));
    return Regs.of(m.registers());
  }

  Regs int10(int ax) {
    return int10(new Regs().ax(ax));
  }

  Regs int10(int ax, int bx, int cx, int dx) {
    return int10(new Regs().ax(ax).bx(bx).cx(cx).dx(dx));
  }

  /** Teletype output (INT 10h AH=0Eh), one call per character, in one snippet. */
  void print(String text) {
    StringBuilder code = new StringBuilder("mov bx, 0x0007\n");
    for (char c : text.toCharArray()) {
      code.append(String.format("mov ax, 0x%04X%nint 0x10%n", 0x0E00 | c));
    }
    Bench.run(m, code.toString());
  }

  /** Lets one display frame of virtual time pass: the VDD's frame timer fires. */
  void nextFrame() {
    m.advance(Duration.ofNanos(FRAME_NANOS));
  }

  /** Moves virtual time to {@code nanos} since power-on. */
  void advanceTo(long nanos) {
    m.advance(Duration.ofNanos(nanos - m.now().toNanos()));
  }

  /** A run of the VM ends, as when a program exits: an empty snippet. */
  void runEnded() {
    Bench.run(m, "nop");
  }

  int bda(int offset) {
    return m.peekb(0x400 + offset);
  }

  int bdaWord(int offset) {
    return m.peekw(0x400 + offset);
  }

  int crtc(int index) {
    out(0x3D4, index);
    return in(0x3D5);
  }

  /** Registers as plain fields, with setters that chain: a call's input or its result. */
  static final class Regs implements Registers {
    int eax;
    int ebx;
    int ecx;
    int edx;
    int esp;
    int ebp;
    int esi;
    int edi;
    int eip;
    int eflags = 2;
    final int[] segments = new int[6];

    @Override
    public int general(int index) {
      return switch (index & 7) {
        case 0 -> eax;
        case 1 -> ecx;
        case 2 -> edx;
        case 3 -> ebx;
        case 4 -> esp;
        case 5 -> ebp;
        case 6 -> esi;
        default -> edi;
      };
    }

    @Override
    public void setGeneral(int index, int value) {
      switch (index & 7) {
        case 0 -> eax = value;
        case 1 -> ecx = value;
        case 2 -> edx = value;
        case 3 -> ebx = value;
        case 4 -> esp = value;
        case 5 -> ebp = value;
        case 6 -> esi = value;
        default -> edi = value;
      }
    }

    static Regs of(Registers r) {
      Regs copy = new Regs();
      copy.eax = r.eax();
      copy.ebx = r.ebx();
      copy.ecx = r.ecx();
      copy.edx = r.edx();
      copy.esp = r.esp();
      copy.ebp = r.ebp();
      copy.esi = r.esi();
      copy.edi = r.edi();
      copy.eip = r.eip();
      copy.eflags = r.eflags();
      for (SegmentRegister s : SegmentRegister.values()) {
        copy.segments[s.ordinal()] = r.segment(s);
      }
      return copy;
    }

    Regs ax(int v) {
      setAx(v);
      return this;
    }

    Regs bx(int v) {
      setBx(v);
      return this;
    }

    Regs cx(int v) {
      setCx(v);
      return this;
    }

    Regs dx(int v) {
      setDx(v);
      return this;
    }

    Regs es(int v) {
      setEs(v);
      return this;
    }

    Regs bp(int v) {
      setBp(v);
      return this;
    }

    @Override public int segment(SegmentRegister register) { return segments[register.ordinal()]; }

    @Override
    public void setSegment(SegmentRegister register, int selector) {
      segments[register.ordinal()] = selector & 0xFFFF;
    }

    @Override public int eip() { return eip; }
    @Override public void setEip(int value) { eip = value; }
    @Override public int eflags() { return eflags; }
    @Override public void setEflags(int value) { eflags = value | 2; }
  }
}
