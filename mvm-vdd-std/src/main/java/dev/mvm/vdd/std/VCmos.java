package dev.mvm.vdd.std;

import dev.mvm.api.Firmware;
import dev.mvm.api.VmConfig;
import dev.mvm.api.VmConfigurationException;
import dev.mvm.api.VmProperty;
import dev.mvm.api.cpu.Registers;
import dev.mvm.api.vdd.InterruptHook;
import dev.mvm.api.vdd.IoHandler;
import dev.mvm.api.vdd.IoPorts;
import dev.mvm.api.vdd.IrqLine;
import dev.mvm.api.vdd.Timer;
import dev.mvm.api.vdd.Vdd;
import dev.mvm.api.vdd.VddContext;
import dev.mvm.api.vdd.SimpleVddProvider;
import dev.mvm.api.vdd.VirtualClock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * VCMOS: the Motorola MC146818 real-time clock and its 128 bytes of CMOS RAM, at ports 70h
 * (index; bit 7 masks NMI) and 71h (data). The clock runs on the VM's virtual clock from the
 * builder's start time; a guest that sets the time moves an offset, not the VM's time.
 *
 * <p>Modelled from the MC146818A datasheet: the time and alarm registers in BCD or binary, 12
 * or 24-hour mode; register A's update-in-progress bit (the last 244 &micro;s of each second)
 * and rate select; register B's SET, PIE, AIE, UIE, DM and 24/12 bits; register C's flags,
 * cleared by reading it; periodic, alarm and update-ended interrupts on IRQ 8. The square-wave
 * output and daylight-saving switching are not modelled. The CMOS RAM holds what an AT BIOS
 * and SeaBIOS read: floppy types (from the floppy images, {@link #FLOPPY_TYPES}), equipment
 * byte, base and extended memory sizes (also at 30h/31h, and above 16 MiB in 64 KiB units at
 * 34h/35h; memory above 4 GiB, at 5Bh&ndash;5Dh, is none), the century at 32h, the boot order at
 * 3Dh and 38h ({@link #BOOT_ORDER}), and the checksum at 2Eh&ndash;2Fh. The number of CPUs less
 * one, at 5Fh, is 0.
 *
 * <p>With the built-in BIOS it also provides INT 1Ah functions 02h&ndash;07h (RTC time, date and
 * alarm), chained after VTIMER's tick-count functions.
 */
public final class VCmos implements Vdd {

  /** The VDD's id. */
  public static final String ID = "VCMOS";

  /** Base port: index at base, data at base + 1. */
  public static final VmProperty<Integer> BASE = VmProperty.of("VCMOS.BASE", Integer.class, 0x70);

  /**
   * CMOS byte 10h, the drive types of floppy A (high nibble) and B (low): 0 none, 1 360K, 2
   * 1.2M, 3 720K, 4 1.44M, 5 2.88M. By default (-1) they follow the floppy images of {@link
   * VDisk#DRIVES}, each drive the type of its image's format, and a VM without floppy images
   * has no floppy drives. Set it to describe drives the images do not (an empty 1.44M drive A:
   * is 40h).
   */
  public static final VmProperty<Integer> FLOPPY_TYPES =
      VmProperty.of("VCMOS.FLOPPY_TYPES", Integer.class, -1);

  /**
   * The boot order a BIOS image such as SeaBIOS reads from CMOS bytes 3Dh and 38h, as QEMU
   * writes it: up to three devices by letter, {@code a} floppy, {@code c} hard disk, {@code d}
   * CD-ROM, {@code n} network. Default {@code "ac"}: floppy first, then hard disk.
   */
  public static final VmProperty<String> BOOT_ORDER =
      VmProperty.of("VCMOS.BOOT_ORDER", String.class, "ac");

  // Register indices.
  static final int SECONDS = 0x00;
  static final int SECONDS_ALARM = 0x01;
  static final int MINUTES = 0x02;
  static final int MINUTES_ALARM = 0x03;
  static final int HOURS = 0x04;
  static final int HOURS_ALARM = 0x05;
  static final int DAY_OF_WEEK = 0x06;
  static final int DAY_OF_MONTH = 0x07;
  static final int MONTH = 0x08;
  static final int YEAR = 0x09;
  static final int REG_A = 0x0A;
  static final int REG_B = 0x0B;
  static final int REG_C = 0x0C;
  static final int REG_D = 0x0D;
  static final int CENTURY = 0x32;

  // Register B bits.
  static final int B_SET = 0x80;
  static final int B_PIE = 0x40;
  static final int B_AIE = 0x20;
  static final int B_UIE = 0x10;
  static final int B_BINARY = 0x04;
  static final int B_24_HOUR = 0x02;

  // Register C bits.
  static final int C_IRQF = 0x80;
  static final int C_PF = 0x40;
  static final int C_AF = 0x20;
  static final int C_UF = 0x10;

  /** UIP is set this long before each update, as the datasheet's 244 microseconds say. */
  private static final long UPDATE_WINDOW_NANOS = 244_000;

  private static final long SECOND = 1_000_000_000L;

  private final byte[] ram = new byte[128];
  private @Nullable VddContext context;
  private @Nullable IrqLine irq8;
  private int index;
  private int bootDevices;
  private boolean nmiMasked = true;
  /** The guest's time minus the VM's: moved when the guest sets the clock. */
  private Duration offset = Duration.ZERO;
  /** While SET is on, the clock stands still at this time. */
  private @Nullable LocalDateTime frozenTime;
  /** A day of the month written while SET that the current month lacks, or 0. */
  private int pendingDay;
  /** Virtual time of the last read of register C: flags are due for boundaries after it. */
  private long flagsSeen;
  /** Flags of register C raised since the last read. */
  private int flags;
  private @Nullable Timer periodicTimer;
  private @Nullable Timer secondTimer;

  @Override
  public String id() {
    return ID;
  }

  @Override
  public void attach(VddContext ctx) {
    this.context = ctx;
    irq8 = ctx.irq(8);
    bootDevices = bootDevices(ctx.property(BOOT_ORDER));
    int base = ctx.property(BASE);
    ctx.ports().claim(base, 2, new IoHandler() {
      @Override
      public int inb(int port) {
        return port == base ? 0xFF : read(index);
      }

      @Override
      public void outb(int port, int value) {
        if (port == base) {
          index = value & 0x7F;
          nmiMasked = (value & 0x80) != 0;
        } else {
          write(index, value);
        }
      }
    });
    if (ctx.config().firmware() instanceof Firmware.BuiltIn) {
      ctx.interrupts().chain(0x1A, this::biosRtcServices);
      ctx.interrupts().hook(0x70, this::biosRtcInterrupt);
    }
  }

  @Override
  public void reset() {
    VddContext ctx = ctx();
    VmConfig config = ctx.config();
    java.util.Arrays.fill(ram, (byte) 0);
    offset = Duration.ZERO;
    frozenTime = null;
    pendingDay = 0;
    flags = 0;
    flagsSeen = ctx.clock().nanos();
    index = 0;
    nmiMasked = true;
    ram[REG_A] = 0x26; // 32.768 kHz time base, 1024 Hz periodic rate
    ram[REG_B] = B_24_HOUR;
    ram[REG_D] = (byte) 0x80; // valid RAM and time
    int floppyTypes = floppyTypes(ctx);
    ram[0x10] = (byte) floppyTypes;
    int floppies = ((floppyTypes & 0xF0) != 0 ? 1 : 0) + ((floppyTypes & 0x0F) != 0 ? 1 : 0);
    // Equipment: floppy drives present and how many less one, 80-column colour display.
    ram[0x14] = (byte) (0x02 << 4 | (floppies > 0 ? 0x01 | (floppies - 1) << 6 : 0));
    ram[0x3D] = (byte) bootDevices;
    ram[0x38] = (byte) ((bootDevices >>> 4) & 0xF0);
    long kib = config.memorySize() / 1024;
    int baseKib = (int) Math.min(kib, 640);
    putWord(0x15, baseKib);
    int extendedKib = (int) Math.min(Math.max(kib - 1024, 0), 0xFFFF);
    putWord(0x17, extendedKib);
    putWord(0x30, extendedKib);
    long above16m = Math.max(config.memorySize() - (16L << 20), 0) / (64 * 1024);
    putWord(0x34, (int) Math.min(above16m, 0xFFFF));
    updateChecksum();
    cancelTimers();
    updateIrq();
  }

  private static int floppyTypes(VddContext ctx) {
    int given = ctx.property(FLOPPY_TYPES);
    if (given >= 0) {
      return given & 0xFF;
    }
    List<DiskImage> images = ctx.property(VDisk.DRIVES).floppies();
    int types = 0;
    for (int i = 0; i < images.size(); i++) {
      types |= DiskUnit.cmosFloppyType(images.get(i)) << (i == 0 ? 4 : 0);
    }
    return types;
  }

  /**
   * The boot devices, a nibble each from the first: 1 floppy, 2 hard disk, 3 CD-ROM, 4 network.
   * Byte 3Dh holds the first two (the first in bits 0&ndash;3), 38h the third in bits 4&ndash;7
   * with bit 0 clear, so that the floppy's boot signature is checked.
   */
  private static int bootDevices(String order) {
    if (order.length() > 3) {
      throw new VmConfigurationException(
          "VDD " + ID + ": a boot order names up to three devices: '" + order + "'");
    }
    int devices = 0;
    for (int i = 0; i < order.length(); i++) {
      int device = "acdn".indexOf(Character.toLowerCase(order.charAt(i))) + 1;
      if (device == 0) {
        throw new VmConfigurationException("VDD " + ID + ": boot devices are a (floppy), c"
            + " (hard disk), d (CD-ROM) and n (network), not '" + order + "'");
      }
      devices |= device << (4 * i);
    }
    return devices;
  }

  private VddContext ctx() {
    VddContext c = context;
    if (c == null) {
      throw new IllegalStateException("VCMOS is not attached");
    }
    return c;
  }

  private void putWord(int at, int value) {
    ram[at] = (byte) value;
    ram[at + 1] = (byte) (value >>> 8);
  }

  /** The AT checksum: the sum of bytes 10h to 2Dh, big-endian at 2Eh. */
  private void updateChecksum() {
    int sum = 0;
    for (int i = 0x10; i <= 0x2D; i++) {
      sum += ram[i] & 0xFF;
    }
    ram[0x2E] = (byte) (sum >>> 8);
    ram[0x2F] = (byte) sum;
  }

  /** Whether the NMI mask bit (port 70h bit 7) is set. */
  boolean isNmiMasked() {
    return nmiMasked;
  }

  private LocalDateTime now() {
    LocalDateTime frozen = frozenTime;
    return frozen != null ? frozen : ctx().clock().dateTime().plus(offset);
  }

  private boolean binary() {
    return (ram[REG_B] & B_BINARY) != 0;
  }

  private int encode(int value) {
    return binary() ? value : (value / 10) << 4 | value % 10;
  }

  private int decode(int value) {
    return binary() ? value : (value >>> 4) * 10 + (value & 0xF);
  }

  int read(int register) {
    return switch (register) {
      case SECONDS -> encode(now().getSecond());
      case MINUTES -> encode(now().getMinute());
      case HOURS -> encodeHours(now().getHour());
      case DAY_OF_WEEK -> encode(now().getDayOfWeek().getValue() % 7 + 1); // Sunday = 1
      case DAY_OF_MONTH -> encode(pendingDay != 0 ? pendingDay : now().getDayOfMonth());
      case MONTH -> encode(now().getMonthValue());
      case YEAR -> encode(now().getYear() % 100);
      case CENTURY -> encode(now().getYear() / 100);
      case REG_A -> (ram[REG_A] & 0x7F) | (updateInProgress() ? 0x80 : 0);
      case REG_C -> readAndClearFlags();
      default -> ram[register] & 0xFF;
    };
  }

  private int encodeHours(int hour) {
    if ((ram[REG_B] & B_24_HOUR) != 0) {
      return encode(hour);
    }
    int twelve = hour % 12 == 0 ? 12 : hour % 12;
    return encode(twelve) | (hour >= 12 ? 0x80 : 0);
  }

  private int decodeHours(int value) {
    if ((ram[REG_B] & B_24_HOUR) != 0) {
      return decode(value);
    }
    int twelve = decode(value & 0x7F) % 12;
    return (value & 0x80) != 0 ? twelve + 12 : twelve;
  }

  /**
   * Where the guest's seconds begin relative to the VM's: the sub-second part of the offset.
   * Only this matters for update cycles and second ticks, and unlike the whole offset (which a
   * guest can set centuries away) it cannot overflow.
   */
  private long phase() {
    return offset.getNano();
  }

  private boolean updateInProgress() {
    if ((ram[REG_B] & B_SET) != 0) {
      return false;
    }
    long intoSecond = Math.floorMod(ctx().clock().nanos() + phase(), SECOND);
    return intoSecond >= SECOND - UPDATE_WINDOW_NANOS;
  }

  void write(int register, int value) {
    switch (register) {
      case SECONDS, MINUTES, HOURS, DAY_OF_MONTH, MONTH, YEAR, CENTURY, DAY_OF_WEEK ->
          setTimeField(register, value);
      case REG_A -> {
        ram[REG_A] = (byte) (value & 0x7F);
        rearm();
      }
      case REG_B -> {
        boolean wasSet = (ram[REG_B] & B_SET) != 0;
        ram[REG_B] = (byte) (value & 0xFF);
        if ((value & B_SET) != 0 && !wasSet) {
          frozenTime = now(); // updates stop; the guest writes the new time
        } else if ((value & B_SET) == 0 && wasSet) {
          LocalDateTime set = frozenTime != null ? frozenTime : now();
          frozenTime = null;
          pendingDay = 0; // never completed: the last day of the month stands
          offset = Duration.between(ctx().clock().dateTime(), set);
        }
        rearm();
        updateIrq();
      }
      case REG_C, REG_D -> {} // read-only
      default -> {
        ram[register] = (byte) value;
        if (register >= 0x10 && register <= 0x2D) {
          updateChecksum();
        }
      }
    }
  }

  /** A time register written: the clock jumps so that the field reads back as written. */
  private void setTimeField(int register, int value) {
    LocalDateTime t = now();
    // The day the guest wants: one written while SET that the month then lacks (31 while it is
    // still April) waits for the month and year written after it, as the chip holds any value.
    int day = register == DAY_OF_MONTH ? decode(value)
        : pendingDay != 0 ? pendingDay : t.getDayOfMonth();
    pendingDay = 0;
    try {
      t = switch (register) {
        case SECONDS -> t.withSecond(decode(value) % 60);
        case MINUTES -> t.withMinute(decode(value) % 60);
        case HOURS -> t.withHour(decodeHours(value) % 24);
        case DAY_OF_MONTH -> t;
        case MONTH -> t.withDayOfMonth(1).withMonth(decode(value));
        case YEAR -> t.withDayOfMonth(1).withYear(t.getYear() / 100 * 100 + decode(value) % 100);
        case CENTURY -> t.withDayOfMonth(1).withYear(decode(value) * 100 + t.getYear() % 100);
        default -> t; // the day of the week follows from the date
      };
      if (day >= 1 && day <= t.toLocalDate().lengthOfMonth()) {
        t = t.withDayOfMonth(day);
      } else if (frozenTime != null && day >= 1 && day <= 31) {
        pendingDay = day; // the date is not complete yet
        if (register == DAY_OF_MONTH) {
          return;
        }
        t = t.withDayOfMonth(t.toLocalDate().lengthOfMonth());
      } else {
        return; // an impossible date while the clock runs: keep the time
      }
    } catch (java.time.DateTimeException e) {
      return; // a month or day outside the calendar: keep the time
    }
    if (frozenTime != null) {
      frozenTime = t;
    } else {
      offset = offset.plus(Duration.between(now(), t));
    }
  }

  // ---- interrupts ------------------------------------------------------------------------

  /** The periodic interrupt's period from register A's rate select, or 0 when off. */
  private long periodicNanos() {
    int rate = ram[REG_A] & 0x0F;
    if (rate == 0) {
      return 0;
    }
    if (rate < 3) {
      rate += 7; // rates 1 and 2 give 256 and 128 Hz with the 32.768 kHz time base
    }
    int hertz = 32768 >> (rate - 1);
    return SECOND / hertz;
  }

  /** Raises the flags due for the boundaries passed since they were last read. */
  private void collectFlags() {
    long now = ctx().clock().nanos();
    long period = periodicNanos();
    if (period > 0 && now / period > flagsSeen / period) {
      flags |= C_PF;
    }
    long shift = phase();
    if ((ram[REG_B] & B_SET) == 0 && Math.floorDiv(now + shift, SECOND) > Math.floorDiv(flagsSeen + shift, SECOND)) {
      flags |= C_UF;
      if (alarmMatches()) {
        flags |= C_AF;
      }
    }
    flagsSeen = now;
  }

  private boolean alarmMatches() {
    LocalDateTime t = now();
    return alarmField(SECONDS_ALARM, t.getSecond(), false)
        && alarmField(MINUTES_ALARM, t.getMinute(), false)
        && alarmField(HOURS_ALARM, t.getHour(), true);
  }

  private boolean alarmField(int register, int actual, boolean hours) {
    int alarm = ram[register] & 0xFF;
    if ((alarm & 0xC0) == 0xC0) {
      return true; // "don't care"
    }
    return (hours ? decodeHours(alarm) : decode(alarm)) == actual;
  }

  private int readAndClearFlags() {
    collectFlags();
    int enabled = ram[REG_B] & (B_PIE | B_AIE | B_UIE);
    int value = flags | ((flags & enabled) != 0 ? C_IRQF : 0);
    flags = 0;
    updateIrq();
    return value;
  }

  private void updateIrq() {
    IrqLine line = irq8;
    if (line == null) {
      return;
    }
    int enabled = ram[REG_B] & (B_PIE | B_AIE | B_UIE);
    if ((flags & enabled) != 0) {
      line.raise();
    } else {
      line.lower();
    }
  }

  private void cancelTimers() {
    if (periodicTimer != null) {
      periodicTimer.cancel();
      periodicTimer = null;
    }
    if (secondTimer != null) {
      secondTimer.cancel();
      secondTimer = null;
    }
  }

  /** Timers only run while an interrupt is enabled; flags alone are computed when read. */
  private void rearm() {
    cancelTimers();
    VirtualClock clock = ctx().clock();
    long period = periodicNanos();
    if ((ram[REG_B] & B_PIE) != 0 && period > 0) {
      long now = clock.nanos();
      long first = (now / period + 1) * period - now;
      periodicTimer = clock.after(first, () -> {
        periodicTimer = clock.every(period, this::interruptDue);
        interruptDue();
      });
    }
    if ((ram[REG_B] & (B_AIE | B_UIE)) != 0 && (ram[REG_B] & B_SET) == 0) {
      long now = clock.nanos() + phase();
      long first = (Math.floorDiv(now, SECOND) + 1) * SECOND - now;
      secondTimer = clock.after(first, () -> {
        secondTimer = clock.every(SECOND, this::interruptDue);
        interruptDue();
      });
    }
  }

  private void interruptDue() {
    collectFlags();
    updateIrq();
  }

  // ---- BIOS ------------------------------------------------------------------------------

  /** INT 1Ah functions 02h to 07h of the built-in BIOS: always BCD, whatever DM says. */
  private InterruptHook.Result biosRtcServices(Registers regs) {
    LocalDateTime t = now();
    switch (regs.ah()) {
      case 0x02 -> {
        regs.setCh(bcd(t.getHour()));
        regs.setCl(bcd(t.getMinute()));
        regs.setDh(bcd(t.getSecond()));
        regs.setDl(0);
      }
      case 0x03 -> {
        setBcdTime(t.withHour(unbcd(regs.ch()) % 24).withMinute(unbcd(regs.cl()) % 60)
            .withSecond(unbcd(regs.dh()) % 60));
      }
      case 0x04 -> {
        regs.setCh(bcd(t.getYear() / 100));
        regs.setCl(bcd(t.getYear() % 100));
        regs.setDh(bcd(t.getMonthValue()));
        regs.setDl(bcd(t.getDayOfMonth()));
      }
      case 0x05 -> {
        try {
          setBcdTime(t.withYear(unbcd(regs.ch()) * 100 + unbcd(regs.cl()))
              .withMonth(unbcd(regs.dh())).withDayOfMonth(unbcd(regs.dl())));
        } catch (java.time.DateTimeException e) {
          regs.setCf(true);
          return InterruptHook.Result.HANDLED;
        }
      }
      case 0x06 -> {
        if ((ram[REG_B] & B_AIE) != 0) {
          regs.setCf(true); // an alarm is already set
          return InterruptHook.Result.HANDLED;
        }
        ram[HOURS_ALARM] = (byte) encodeFromBcd(regs.ch());
        ram[MINUTES_ALARM] = (byte) encodeFromBcd(regs.cl());
        ram[SECONDS_ALARM] = (byte) encodeFromBcd(regs.dh());
        write(REG_B, (ram[REG_B] & 0xFF) | B_AIE);
        // As the AT BIOS does: unmask IRQ 8 at the slave controller, or the alarm never
        // reaches INT 70h (POST leaves every slave input masked).
        IoPorts ports = ctx().ports();
        ports.out(0xA1, 1, ports.in(0xA1, 1) & 0xFE);
      }
      case 0x07 -> write(REG_B, (ram[REG_B] & 0xFF) & ~B_AIE);
      default -> {
        return InterruptHook.Result.PASS;
      }
    }
    regs.setCf(false);
    return InterruptHook.Result.HANDLED;
  }

  /**
   * INT 70h of the built-in BIOS, the IRQ 8 handler: reads register C (which lowers the line),
   * calls the user's alarm handler INT 4Ah when the alarm rang, and acknowledges the interrupt
   * at both controllers.
   */
  private InterruptHook.Result biosRtcInterrupt(Registers regs) {
    VddContext ctx = ctx();
    int c = readAndClearFlags();
    Runnable endOfInterrupt = () -> {
      ctx.ports().out(0xA0, 1, 0x20);
      ctx.ports().out(0x20, 1, 0x20);
    };
    if ((c & C_AF) != 0 && (ram[REG_B] & B_AIE) != 0) {
      ctx.guestCalls().interrupt(0x4A, after -> endOfInterrupt.run());
    } else {
      endOfInterrupt.run();
    }
    return InterruptHook.Result.HANDLED;
  }

  private void setBcdTime(LocalDateTime t) {
    offset = offset.plus(Duration.between(now(), t));
  }

  private int encodeFromBcd(int bcd) {
    return binary() ? unbcd(bcd) : bcd;
  }

  private static int bcd(int value) {
    return (value / 10) << 4 | value % 10;
  }

  private static int unbcd(int value) {
    return (value >>> 4) * 10 + (value & 0xF);
  }

  /** Makes VCMOS a standard VDD for {@link java.util.ServiceLoader}. */
  public static final class Provider extends SimpleVddProvider {
    /** Called by {@link java.util.ServiceLoader}. */
    public Provider() {
      super(ID, VCmos::new, true);
    }
  }
}
