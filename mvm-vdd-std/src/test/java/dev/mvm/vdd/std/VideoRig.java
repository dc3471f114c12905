package dev.mvm.vdd.std;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.mvm.api.Vm;
import dev.mvm.api.VmConfig;
import dev.mvm.api.cpu.Registers;
import dev.mvm.api.cpu.SegmentRegister;
import dev.mvm.api.event.VmEvent;
import dev.mvm.api.event.VmListener;
import dev.mvm.api.vdd.GuestMemory;
import dev.mvm.api.vdd.InterruptHook;
import dev.mvm.api.vdd.InterruptHooks;
import dev.mvm.api.vdd.IoHandler;
import dev.mvm.api.vdd.IoPorts;
import dev.mvm.api.vdd.MemoryHandler;
import dev.mvm.api.vdd.MemoryMap;
import dev.mvm.api.vdd.VddContext;
import dev.mvm.api.vdd.VirtualClock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * VVIDEO attached to a Mockito-stubbed context: 1 MiB of byte-array memory whose A0000h-BFFFFh
 * goes to the VDD's memory handler and whose C0000h holds the ROM it maps, the port handlers it
 * claims, its INT 10h hook, a settable virtual clock whose periodic timers the test fires, and
 * the Screen it publishes. Posted tasks run at once, as when the VM is not running.
 */
final class VideoRig {
  final byte[] ram = new byte[0x100000];
  final Map<Integer, IoHandler> ports = new HashMap<>();
  final List<Runnable> periodic = new ArrayList<>();
  final List<VmListener> listeners = new ArrayList<>();
  final List<int[]> otherPortWrites = new ArrayList<>();
  long nanos;
  MemoryHandler vram;
  InterruptHook int10;
  Screen screen;
  final VVideo video = new VVideo();
  final GuestMemory memory = new GuestMemory() {
    @Override
    public long size() {
      return ram.length;
    }

    @Override
    public int readByte(int address) {
      int a = address & 0xFFFFF;
      return a >= 0xA0000 && a < 0xC0000 ? vram.readByte(a) : ram[a] & 0xFF;
    }

    @Override
    public void writeByte(int address, int value) {
      int a = address & 0xFFFFF;
      if (a >= 0xA0000 && a < 0xC0000) {
        vram.writeByte(a, value & 0xFF);
      } else if (a < 0xC0000) {
        ram[a] = (byte) value;
      }
    }
  };

  VideoRig() {
    this(Vm.builder().toConfig());
  }

  VideoRig(VmConfig config) {
    VddContext context = mock(VddContext.class);
    IoPorts io = mock(IoPorts.class);
    MemoryMap map = mock(MemoryMap.class);
    InterruptHooks interrupts = mock(InterruptHooks.class);
    VirtualClock clock = mock(VirtualClock.class);
    when(context.config()).thenReturn(config);
    when(context.property(any())).thenAnswer(inv -> config.property(inv.getArgument(0)));
    when(context.ports()).thenReturn(io);
    when(context.memoryMap()).thenReturn(map);
    when(context.memory()).thenReturn(memory);
    when(context.interrupts()).thenReturn(interrupts);
    when(context.clock()).thenReturn(clock);
    when(clock.nanos()).thenAnswer(inv -> nanos);
    when(clock.every(anyLong(), any(Runnable.class))).thenAnswer(inv -> {
      periodic.add(inv.getArgument(1));
      return null;
    });
    when(io.claim(anyInt(), anyInt(), any())).thenAnswer(inv -> {
      int first = inv.getArgument(0);
      int count = inv.getArgument(1);
      for (int p = first; p < first + count; p++) {
        if (ports.put(p, inv.getArgument(2)) != null) {
          throw new IllegalStateException("port claimed twice: " + Integer.toHexString(p));
        }
      }
      return null;
    });
    doAnswer(inv -> otherPortWrites.add(new int[] {inv.getArgument(0), inv.getArgument(2)}))
        .when(io).out(anyInt(), anyInt(), anyInt());
    when(map.mapDevice(eq(0xA0000), eq(0x20000), any())).thenAnswer(inv -> {
      vram = inv.getArgument(2);
      return null;
    });
    when(map.mapRom(anyInt(), any())).thenAnswer(inv -> {
      byte[] image = inv.getArgument(1);
      System.arraycopy(image, 0, ram, (int) inv.getArgument(0), image.length);
      return null;
    });
    when(interrupts.hook(eq(0x10), any())).thenAnswer(inv -> {
      int10 = inv.getArgument(1);
      return null;
    });
    when(context.addListener(any())).thenAnswer(inv -> {
      listeners.add(inv.getArgument(0));
      return null;
    });
    doAnswer(inv -> {
      screen = inv.getArgument(1);
      return null;
    }).when(context).publish(eq(Screen.class), any());
    doAnswer(inv -> {
      ((Runnable) inv.getArgument(0)).run();
      return null;
    }).when(context).post(any());
    video.attach(context);
    video.reset();
  }

  int in(int port) {
    return ports.get(port).inb(port);
  }

  void out(int port, int value) {
    ports.get(port).outb(port, value);
  }

  /** Calls INT 10h and returns the registers it left. */
  FakeRegisters int10(FakeRegisters regs) {
    InterruptHook.Result result = int10.handle(regs);
    if (result != InterruptHook.Result.HANDLED) {
      throw new AssertionError("INT 10h passed AX=" + Integer.toHexString(regs.ax()));
    }
    return regs;
  }

  FakeRegisters int10(int ax) {
    return int10(new FakeRegisters().ax(ax));
  }

  FakeRegisters int10(int ax, int bx, int cx, int dx) {
    return int10(new FakeRegisters().ax(ax).bx(bx).cx(cx).dx(dx));
  }

  void print(String text) {
    for (char c : text.toCharArray()) {
      int10(0x0E00 | c, 0x0007, 0, 0);
    }
  }

  /** Lets one display frame of virtual time pass: the VDD's periodic timers fire. */
  void nextFrame() {
    nanos += 1_000_000_000L / 70;
    periodic.forEach(Runnable::run);
  }

  void runEnded() {
    listeners.forEach(l -> l.onEvent(new VmEvent.RunEnded(dev.mvm.api.ExitStatus.programExit(0, 0))));
  }

  int bda(int offset) {
    return ram[0x400 + offset] & 0xFF;
  }

  int bdaWord(int offset) {
    return bda(offset) | bda(offset + 1) << 8;
  }

  int crtc(int index) {
    out(0x3D4, index);
    return in(0x3D5);
  }

  /** Registers as plain fields, with setters that chain. */
  static final class FakeRegisters implements Registers {
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

    FakeRegisters ax(int v) {
      setAx(v);
      return this;
    }

    FakeRegisters bx(int v) {
      setBx(v);
      return this;
    }

    FakeRegisters cx(int v) {
      setCx(v);
      return this;
    }

    FakeRegisters dx(int v) {
      setDx(v);
      return this;
    }

    FakeRegisters es(int v) {
      setEs(v);
      return this;
    }

    FakeRegisters bp(int v) {
      setBp(v);
      return this;
    }

    @Override public int eax() { return eax; }
    @Override public void setEax(int value) { eax = value; }
    @Override public int ebx() { return ebx; }
    @Override public void setEbx(int value) { ebx = value; }
    @Override public int ecx() { return ecx; }
    @Override public void setEcx(int value) { ecx = value; }
    @Override public int edx() { return edx; }
    @Override public void setEdx(int value) { edx = value; }
    @Override public int esp() { return esp; }
    @Override public void setEsp(int value) { esp = value; }
    @Override public int ebp() { return ebp; }
    @Override public void setEbp(int value) { ebp = value; }
    @Override public int esi() { return esi; }
    @Override public void setEsi(int value) { esi = value; }
    @Override public int edi() { return edi; }
    @Override public void setEdi(int value) { edi = value; }
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
