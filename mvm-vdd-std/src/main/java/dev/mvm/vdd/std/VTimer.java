package dev.mvm.vdd.std;

import dev.mvm.api.Firmware;
import dev.mvm.api.VmProperty;
import dev.mvm.api.vdd.GuestMemory;
import dev.mvm.api.vdd.InterruptHook;
import dev.mvm.api.vdd.IoHandler;
import dev.mvm.api.vdd.IrqLine;
import dev.mvm.api.vdd.Timer;
import dev.mvm.api.vdd.Vdd;
import dev.mvm.api.vdd.VddContext;
import dev.mvm.api.vdd.SimpleVddProvider;
import dev.mvm.api.vdd.VirtualClock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * VTIMER: the PC's 8254 interval timer at ports 40h&ndash;43h, clocked at 1.193182 MHz
 * (14.31818 MHz / 12), and the timer bits of system control port B (61h). Channel 0's output
 * drives IRQ 0; channel 1 is the DRAM refresh timer, whose toggle reads back in bit 4 of port
 * 61h; channel 2's gate is bit 0 of port 61h and its output, read back in bit 5, drives the
 * speaker together with bit 1. The chip model is {@link Pit8254}; it runs on the VM's virtual
 * clock and costs nothing between events: one timer per transition of channel 0's output.
 *
 * <p>With the built-in BIOS it also provides the BIOS's timer services: at reset channel 0 runs
 * in mode 3 with count 0 (18.2 interrupts a second) and the tick count starts at the guest's
 * time of day, INT 08h counts ticks in the BIOS data area
 * (dword at 40:6Ch, midnight flag at 40:70h), calls INT 1Ch and acknowledges the interrupt; and
 * INT 1Ah functions 00h and 01h read and set that count. The real-time clock functions of
 * INT 1Ah (02h&ndash;07h) belong to the CMOS VDD.
 */
public final class VTimer implements Vdd {

  /** The VDD's id. */
  public static final String ID = "VTIMER";

  /** Base port of the 8254 (four ports). */
  public static final VmProperty<Integer> BASE = VmProperty.of("VTIMER.BASE", Integer.class, 0x40);

  /** System control port B, whose bits 0, 1, 4 and 5 belong to the timer. */
  public static final VmProperty<Integer> PORT_B =
      VmProperty.of("VTIMER.PORT_B", Integer.class, 0x61);

  /** Ticks of the BIOS's count in a day: 1,573,040 (18.2065 Hz for 24 hours). */
  static final int TICKS_PER_DAY = 0x1800B0;

  /** The 8254's input clock is 3,579,545 / 3 Hz: these two numbers convert ticks and nanos. */
  private static final long CLOCK_NUMERATOR = 3_579_545L;

  private static final long NANOS_DENOMINATOR = 3_000_000_000L;

  /** The refresh request of channel 1 toggles every 15.085 microseconds on an AT. */
  private static final long REFRESH_TOGGLE_NANOS = 15_085;

  private final Pit8254 pit = new Pit8254();
  private final List<Consumer<PcSpeaker.State>> speakerListeners = new CopyOnWriteArrayList<>();
  private volatile PcSpeaker.State speakerState = new PcSpeaker.State(false, 0, 0);
  private @Nullable VddContext context;
  private @Nullable IrqLine irq0;
  private @Nullable Timer out0Timer;
  /** The tick of the channel 0 transition {@link #out0Timer} waits for. */
  private long out0Due;
  /** Port 61h bits 0 to 3 as last written. */
  private int portB;
  private boolean builtInBios;

  @Override
  public String id() {
    return ID;
  }

  @Override
  public void attach(VddContext ctx) {
    this.context = ctx;
    irq0 = ctx.irq(0);
    builtInBios = ctx.config().firmware() instanceof Firmware.BuiltIn;
    int base = ctx.property(BASE);
    ctx.ports().claim(base, 4, new IoHandler() {
      @Override
      public int inb(int port) {
        int index = port - base;
        return index == 3 ? 0xFF : pit.counters[index].read(now());
      }

      @Override
      public void outb(int port, int value) {
        int index = port - base;
        long now = now();
        if (index == 3) {
          pit.writeControl(value, now);
        } else {
          pit.counters[index].write(value, now);
        }
        countersChanged();
      }
    });
    ctx.ports().claim(ctx.property(PORT_B), 1, new IoHandler() {
      @Override
      public int inb(int port) {
        return readPortB();
      }

      @Override
      public void outb(int port, int value) {
        portB = value & 0x0F;
        pit.counters[2].setGate((value & 1) != 0, now());
        countersChanged();
      }
    });
    ctx.publish(PcSpeaker.class, new PcSpeaker() {
      @Override
      public State state() {
        return speakerState;
      }

      @Override
      public void addListener(Consumer<State> listener) {
        speakerListeners.add(listener);
      }
    });
    if (builtInBios) {
      ctx.interrupts().hook(0x08, this::biosTimerTick);
      ctx.interrupts().hook(0x1A, this::biosTimeServices);
    }
  }

  @Override
  public void reset() {
    for (Pit8254.Counter c : pit.counters) {
      c.program(0, Pit8254.LSB_MSB, false);
      c.gate = true;
    }
    portB = 0;
    pit.counters[2].gate = false;
    if (builtInBios) {
      long now = now();
      pit.writeControl(0x36, now); // channel 0, LSB then MSB, mode 3, binary
      pit.counters[0].write(0, now);
      pit.counters[0].write(0, now);
      // As an AT BIOS's POST does from the real-time clock: the ticks since midnight.
      GuestMemory memory = ctx().memory();
      long secondOfDay = ctx().clock().dateTime().toLocalTime().toSecondOfDay();
      memory.writeDword(0x46C, (int) (secondOfDay * TICKS_PER_DAY / 86_400));
      memory.writeByte(0x470, 0);
    }
    countersChanged();
  }

  private VddContext ctx() {
    VddContext c = context;
    if (c == null) {
      throw new IllegalStateException("VTIMER is not attached");
    }
    return c;
  }

  private long now() {
    return ticksAt(ctx().clock().nanos());
  }

  /** Input clock ticks elapsed at a virtual time. */
  static long ticksAt(long nanos) {
    return nanos / NANOS_DENOMINATOR * CLOCK_NUMERATOR
        + nanos % NANOS_DENOMINATOR * CLOCK_NUMERATOR / NANOS_DENOMINATOR;
  }

  /** The first virtual time at which {@code tick} ticks have elapsed. */
  static long nanosAt(long tick) {
    long whole = tick / CLOCK_NUMERATOR * NANOS_DENOMINATOR;
    long part = tick % CLOCK_NUMERATOR * NANOS_DENOMINATOR;
    return whole + (part + CLOCK_NUMERATOR - 1) / CLOCK_NUMERATOR;
  }

  private int readPortB() {
    long nanos = ctx().clock().nanos();
    int refresh = (nanos / REFRESH_TOGGLE_NANOS & 1) != 0 ? 0x10 : 0;
    int out2 = pit.counters[2].out(ticksAt(nanos)) ? 0x20 : 0;
    return portB | refresh | out2;
  }

  /** After any programming: re-arm channel 0's edge timer and report the speaker. */
  private void countersChanged() {
    long now = now();
    Timer old = out0Timer;
    if (old != null) {
      old.cancel();
      out0Timer = null;
    }
    setIrq0(pit.counters[0].out(now));
    armOut0(now);
    updateSpeaker();
  }

  private void armOut0(long from) {
    long next = pit.counters[0].nextTransition(from);
    if (next < 0) {
      return;
    }
    out0Due = next;
    VirtualClock clock = ctx().clock();
    out0Timer = clock.after(Math.max(0, nanosAt(next) - clock.nanos()), this::out0Transition);
  }

  /**
   * Channel 0's output changes. Transitions are taken in order at the tick they were due, even
   * when the VM comes late, so that no edge of IRQ 0 is lost.
   */
  private void out0Transition() {
    long due = out0Due;
    setIrq0(pit.counters[0].out(due));
    armOut0(due);
  }

  private void setIrq0(boolean high) {
    IrqLine line = irq0;
    if (line == null) {
      return;
    }
    if (high) {
      line.raise();
    } else {
      line.lower();
    }
  }

  private void updateSpeaker() {
    Pit8254.Counter c2 = pit.counters[2];
    // A count written while the wave runs is loaded at the end of the current period, less
    // than one period later: report the new pitch at once rather than at the next port access.
    int count = c2.pendingInitial != 0 ? c2.pendingInitial : c2.initial;
    boolean sounding = (portB & 3) == 3 && c2.mode == 3 && c2.loaded && count > 0;
    double frequency = sounding ? CLOCK_NUMERATOR / 3.0 / count : 0;
    PcSpeaker.State old = speakerState;
    if (old.sounding() != sounding || old.frequencyHz() != frequency) {
      PcSpeaker.State state = new PcSpeaker.State(sounding, frequency, ctx().clock().nanos());
      speakerState = state;
      speakerListeners.forEach(l -> l.accept(state));
    }
  }

  /** INT 08h of the built-in BIOS: the 18.2 Hz tick. */
  private InterruptHook.Result biosTimerTick(dev.mvm.api.cpu.Registers regs) {
    VddContext ctx = ctx();
    GuestMemory memory = ctx.memory();
    int ticks = memory.readDword(0x46C) + 1;
    if (ticks >= TICKS_PER_DAY) {
      ticks = 0;
      memory.writeByte(0x470, 1);
    }
    memory.writeDword(0x46C, ticks);
    // The user timer hook runs first, then the BIOS acknowledges the interrupt.
    ctx.guestCalls().interrupt(0x1C, after -> ctx.ports().out(0x20, 1, 0x20));
    return InterruptHook.Result.HANDLED;
  }

  /** INT 1Ah functions 00h and 01h of the built-in BIOS: the tick count. */
  private InterruptHook.Result biosTimeServices(dev.mvm.api.cpu.Registers regs) {
    GuestMemory memory = ctx().memory();
    switch (regs.ah()) {
      case 0x00 -> { // read system timer: CX:DX = ticks, AL = midnight flag (then cleared)
        int ticks = memory.readDword(0x46C);
        regs.setCx(ticks >>> 16);
        regs.setDx(ticks & 0xFFFF);
        regs.setAl(memory.readByte(0x470));
        memory.writeByte(0x470, 0);
        return InterruptHook.Result.HANDLED;
      }
      case 0x01 -> { // set system timer from CX:DX
        memory.writeDword(0x46C, regs.cx() << 16 | regs.dx());
        memory.writeByte(0x470, 0);
        return InterruptHook.Result.HANDLED;
      }
      default -> {
        return InterruptHook.Result.PASS;
      }
    }
  }

  /** Makes VTIMER a standard VDD for {@link java.util.ServiceLoader}. */
  public static final class Provider extends SimpleVddProvider {
    /** Called by {@link java.util.ServiceLoader}. */
    public Provider() {
      super(ID, VTimer::new, true);
    }
  }
}
