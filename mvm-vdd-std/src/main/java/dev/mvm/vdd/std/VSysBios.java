package dev.mvm.vdd.std;

import dev.mvm.api.Firmware;
import dev.mvm.api.Personality;
import dev.mvm.api.VmProperty;
import dev.mvm.api.cpu.Registers;
import dev.mvm.api.vdd.GuestMemory;
import dev.mvm.api.vdd.InterruptHook;
import dev.mvm.api.vdd.MachineLines;
import dev.mvm.api.vdd.Vdd;
import dev.mvm.api.vdd.VddContext;
import dev.mvm.api.vdd.SimpleVddProvider;
import dev.mvm.api.vdd.VirtualClock;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * VSYSBIOS: the built-in BIOS's system services, which belong to no single device: INT 11h
 * (equipment word at 40:10h, whose bits the device VDDs set), INT 12h (conventional memory in
 * KiB at 40:13h), INT 15h (system services) and, on the bare machine, INT 19h (the bootstrap
 * loader). It does nothing with a BIOS image, which brings its own.
 *
 * <p>INT 15h, from Ralf Brown's Interrupt List and the IBM PC/AT technical reference: 24h (A20
 * gate: 00h off, 01h on, 02h status, 03h support = keyboard controller and port 92h), 4Fh (the
 * keyboard intercept: returns CF set, so INT 09h keeps the code), 85h (SysReq) and 90h/91h
 * (device busy / interrupt complete: nothing to do, CF clear), 86h (wait CX:DX microseconds of
 * virtual time: a timer marks the end and the guest idles until an interrupt comes after it, so
 * the wait ends with the first interrupt served after the time, typically the 18.2 Hz timer
 * tick), 87h (copy extended memory by the descriptors at ES:SI, done directly with the A20 gate
 * open for the copy), 88h (extended memory in KiB, at most FFFFh), C0h (ES:BX = the system
 * configuration table), E801h (memory between 1 and 16 MiB in KiB, above in 64 KiB blocks) and
 * E820h (the memory map: conventional RAM, the ROM area from the configuration table's page to
 * 1 MiB as reserved, and extended RAM). 89h (switch to protected mode), C1h (no extended BIOS
 * data area) and every other function answer "unsupported" the conventional way, CF set and
 * AH=86h, logged once per function.
 *
 * <p>The system configuration table (model FCh, submodel 01h, revision 0: an AT with a second
 * interrupt controller, a real-time clock and the INT 09h keyboard intercept) lives in a 4 KiB
 * ROM page of its own, {@link #TABLE_ROM}, by default at EF000h, at the top of the area AT
 * BIOSes used for ROM below the system BIOS; nothing else is in that page.
 *
 * <p>INT 19h (bare machine only; with the DOS personality the DOS kernel owns it, see below)
 * reads sector 1 of floppy drive 00h, then of hard disk 80h, through INT 13h (the disk VDD's
 * service, or whatever a TSR put there) into 0000:7C00, and the first whose sector ends with
 * 55h AAh gets control there with DL = its drive, SS:SP = 0000:7C00 and interrupts enabled. The
 * jump is made by replacing the return frame that the hook's IRET takes. If neither drive
 * boots, it writes "No boot device" through INT 10h (teletype), logs a warning and calls INT
 * 18h, the PC's "boot failed" vector, which is the hand-over point for a host or kernel that
 * wants to start something else on a bare machine; when INT 18h returns, so does INT 19h, and
 * the monitor's POST halts the machine. With the DOS personality INT 19h is not hooked: it is
 * the monitor's hand-over point to the DOS kernel.
 */
public final class VSysBios implements Vdd {

  /** The VDD's id. */
  public static final String ID = "VSYSBIOS";

  /** The physical address of the 4 KiB ROM page that holds the system configuration table. */
  public static final VmProperty<Integer> TABLE_ROM =
      VmProperty.of("VSYSBIOS.TABLE_ROM", Integer.class, 0xEF000);

  static final int CONVENTIONAL_LIMIT_KIB = 640;
  static final int SMAP = 0x534D4150;
  static final int E820_ENTRY_SIZE = 20;

  /** Drives INT 19h tries, in order. */
  private static final int[] BOOT_ORDER = {0x00, 0x80};

  private static final String NO_BOOT_DEVICE = "No boot device\r\n";

  /** The system configuration table that INT 15h AH=C0h points at. */
  static final byte[] CONFIGURATION_TABLE = {
    0x08, 0x00, // bytes that follow
    (byte) 0xFC, // model: AT
    0x01, // submodel
    0x00, // BIOS revision
    0x70, // 2nd 8259, real-time clock, INT 09h calls INT 15h AH=4Fh
    0x00, 0x00, 0x00, 0x00 // feature bytes 2 to 5
  };

  private final Set<Integer> logged = new HashSet<>();
  private @Nullable VddContext context;
  private int tableRom;
  private boolean builtIn;
  private boolean waiting;

  @Override
  public String id() {
    return ID;
  }

  @Override
  public void attach(VddContext ctx) {
    this.context = ctx;
    builtIn = ctx.config().firmware() instanceof Firmware.BuiltIn;
    if (!builtIn) {
      return;
    }
    tableRom = ctx.property(TABLE_ROM);
    byte[] rom = new byte[4096];
    System.arraycopy(CONFIGURATION_TABLE, 0, rom, 0, CONFIGURATION_TABLE.length);
    ctx.memoryMap().mapRom(tableRom, rom);
    ctx.interrupts().hook(0x11, regs -> {
      regs.setAx(ctx.memory().readWord(0x40, 0x10));
      return InterruptHook.Result.HANDLED;
    });
    ctx.interrupts().hook(0x12, regs -> {
      regs.setAx(ctx.memory().readWord(0x40, 0x13));
      return InterruptHook.Result.HANDLED;
    });
    ctx.interrupts().hook(0x15, this::int15);
    if (ctx.config().personality() == Personality.BARE_MACHINE) {
      ctx.interrupts().chain(0x19, this::int19);
    }
  }

  @Override
  public void reset() {
    if (!builtIn) {
      return;
    }
    VddContext ctx = ctx();
    int kib = (int) Math.min(ctx.config().memorySize() / 1024, CONVENTIONAL_LIMIT_KIB);
    ctx.memory().writeWord(0x40, 0x13, kib);
    waiting = false;
  }

  private VddContext ctx() {
    VddContext c = context;
    if (c == null) {
      throw new IllegalStateException("VSYSBIOS is not attached");
    }
    return c;
  }

  private static InterruptHook.Result ok(Registers regs) {
    regs.setAh(0);
    regs.setCf(false);
    return InterruptHook.Result.HANDLED;
  }

  private InterruptHook.Result unsupported(Registers regs, String function) {
    int key = regs.ah() << 8 | (regs.ah() == 0xE8 || regs.ah() == 0x24 ? regs.al() : 0);
    if (logged.add(key)) {
      ctx().logger().log(System.Logger.Level.WARNING,
          "VDD " + ID + " does not support INT 15h " + function + " (answered AH=86h, CF set)");
    }
    regs.setAh(0x86);
    regs.setCf(true);
    return InterruptHook.Result.HANDLED;
  }

  // ---- INT 15h -------------------------------------------------------------------------------

  private InterruptHook.Result int15(Registers regs) {
    int ah = regs.ah();
    return switch (ah) {
      case 0x24 -> a20(regs);
      case 0x4F -> { // keyboard intercept: keep the scan code
        regs.setCf(true);
        yield InterruptHook.Result.HANDLED;
      }
      // SysReq pressed or released, device busy, interrupt complete: nothing to do
      case 0x85, 0x90, 0x91 -> ok(regs);
      case 0x86 -> waitMicroseconds(regs);
      case 0x87 -> copyExtendedMemory(regs);
      case 0x88 -> {
        regs.setAx((int) Math.min(extendedKib(), 0xFFFF));
        regs.setCf(false);
        yield InterruptHook.Result.HANDLED;
      }
      case 0xC0 -> {
        regs.setEs(tableRom >>> 4);
        regs.setBx(tableRom & 0xF);
        yield ok(regs);
      }
      case 0xE8 -> switch (regs.al()) {
        case 0x01 -> memorySizeE801(regs);
        case 0x20 -> memoryMapE820(regs);
        default -> unsupported(regs, "AX=" + hex4(regs.ax()));
      };
      default -> unsupported(regs, "AH=" + VKbd.hex(ah));
    };
  }

  private static String hex4(int value) {
    return String.format("%04Xh", value);
  }

  private InterruptHook.Result a20(Registers regs) {
    MachineLines machine = ctx().machine();
    switch (regs.al()) {
      case 0x00 -> machine.setA20(false);
      case 0x01 -> machine.setA20(true);
      case 0x02 -> {
        regs.setAl(machine.isA20() ? 1 : 0);
        regs.setCx(0);
      }
      case 0x03 -> regs.setBx(0x0003); // keyboard controller and port 92h
      default -> {
        return unsupported(regs, "AX=" + hex4(regs.ax()));
      }
    }
    return ok(regs);
  }

  private long extendedKib() {
    return Math.max(ctx().config().memorySize() - 0x100000, 0) / 1024;
  }

  private InterruptHook.Result memorySizeE801(Registers regs) {
    long memory = ctx().config().memorySize();
    int below16m = (int) Math.min(extendedKib(), 0x3C00);
    int above16m = (int) Math.min(Math.max(memory - 0x1000000, 0) / 0x10000, 0xFFFF);
    regs.setAx(below16m);
    regs.setCx(below16m);
    regs.setBx(above16m);
    regs.setDx(above16m);
    regs.setCf(false);
    return InterruptHook.Result.HANDLED;
  }

  /** The E820h map: {base, length, type} per entry; type 1 is RAM, 2 reserved. */
  long[][] memoryMap() {
    long memory = ctx().config().memorySize();
    long conventional = Math.min(memory, CONVENTIONAL_LIMIT_KIB * 1024L);
    long romStart = Math.min(tableRom & 0xFFFFF000L, 0xF0000L);
    if (memory > 0x100000) {
      return new long[][] {
        {0, conventional, 1}, {romStart, 0x100000 - romStart, 2}, {0x100000, memory - 0x100000, 1}
      };
    }
    return new long[][] {{0, conventional, 1}, {romStart, 0x100000 - romStart, 2}};
  }

  private InterruptHook.Result memoryMapE820(Registers regs) {
    long[][] map = memoryMap();
    int index = regs.ebx();
    if (regs.edx() != SMAP || Integer.compareUnsigned(regs.ecx(), E820_ENTRY_SIZE) < 0
        || index < 0 || index >= map.length) {
      return unsupported(regs, "AX=E820h with EDX=" + Integer.toHexString(regs.edx())
          + "h EBX=" + index + " ECX=" + regs.ecx());
    }
    GuestMemory memory = ctx().memory();
    int at = Registers.linear(regs.es(), regs.di());
    long[] entry = map[index];
    memory.writeDword(at, (int) entry[0]);
    memory.writeDword(at + 4, (int) (entry[0] >>> 32));
    memory.writeDword(at + 8, (int) entry[1]);
    memory.writeDword(at + 12, (int) (entry[1] >>> 32));
    memory.writeDword(at + 16, (int) entry[2]);
    regs.setEax(SMAP);
    regs.setEcx(E820_ENTRY_SIZE);
    regs.setEbx(index + 1 < map.length ? index + 1 : 0);
    regs.setCf(false);
    return InterruptHook.Result.HANDLED;
  }

  /**
   * AH=87h: CX words from the source to the destination descriptor of the table at ES:SI
   * (entries 2 and 3, at offsets 10h and 18h; base in bytes 2&ndash;4 and 7).
   */
  private InterruptHook.Result copyExtendedMemory(Registers regs) {
    VddContext ctx = ctx();
    GuestMemory memory = ctx.memory();
    int table = Registers.linear(regs.es(), regs.si());
    int source = descriptorBase(memory, table + 0x10);
    int target = descriptorBase(memory, table + 0x18);
    int bytes = regs.cx() * 2;
    MachineLines machine = ctx.machine();
    boolean gate = machine.isA20();
    machine.setA20(true); // the real BIOS copies in protected mode, where A20 is open
    try {
      byte[] data = memory.read(source, bytes);
      memory.write(target, data);
    } finally {
      machine.setA20(gate);
    }
    regs.setAh(0);
    regs.setCf(false);
    regs.setZf(true);
    return InterruptHook.Result.HANDLED;
  }

  private static int descriptorBase(GuestMemory memory, int descriptor) {
    return memory.readWord(descriptor + 2)
        | memory.readByte(descriptor + 4) << 16
        | memory.readByte(descriptor + 7) << 24;
  }

  /** AH=86h: CX:DX microseconds. */
  private InterruptHook.Result waitMicroseconds(Registers regs) {
    if (waiting) {
      regs.setAh(0x83); // a wait is already in progress
      regs.setCf(true);
      return InterruptHook.Result.HANDLED;
    }
    long micros = ((long) regs.cx() << 16) | regs.dx();
    VirtualClock clock = ctx().clock();
    long deadline = clock.nanos() + micros * 1000;
    waiting = true;
    ctx().memory().writeByte(0x40, 0xA0, 0x01); // wait active
    clock.after(micros * 1000, () -> {}); // the halted guest has an event to skip to
    awaitDeadline(regs, deadline);
    return InterruptHook.Result.HANDLED;
  }

  private void awaitDeadline(Registers regs, long deadline) {
    if (ctx().clock().nanos() >= deadline) {
      waiting = false;
      ctx().memory().writeByte(0x40, 0xA0, 0x00);
      regs.setAh(0);
      regs.setCf(false);
      return;
    }
    ctx().guestCalls().idle(after -> awaitDeadline(after, deadline));
  }

  // ---- INT 19h -------------------------------------------------------------------------------

  private InterruptHook.Result int19(Registers regs) {
    tryBoot(regs, 0);
    return InterruptHook.Result.HANDLED;
  }

  /** Reads the boot sector of the next drive in the boot order through INT 13h. */
  private void tryBoot(Registers regs, int index) {
    if (index == BOOT_ORDER.length) {
      noBootDevice(regs);
      return;
    }
    int drive = BOOT_ORDER[index];
    GuestMemory memory = ctx().memory();
    memory.writeWord(0x7DFE, 0); // no stale signature
    regs.setAx(0x0201); // read one sector
    regs.setCx(0x0001); // cylinder 0, sector 1
    regs.setDx(drive); // head 0
    regs.setEs(0);
    regs.setBx(0x7C00);
    ctx().guestCalls().interrupt(0x13, after -> {
      if (!after.cf() && memory.readWord(0x7DFE) == 0xAA55) {
        boot(after, drive);
      } else {
        tryBoot(after, index + 1);
      }
    });
  }

  /** Makes the hook's IRET go to 0000:7C00: a fresh frame on a fresh stack below the sector. */
  private void boot(Registers regs, int drive) {
    GuestMemory memory = ctx().memory();
    regs.setSs(0);
    regs.setSp(0x7C00 - 6);
    memory.writeWord(0x7C00 - 6, 0x7C00); // IP
    memory.writeWord(0x7C00 - 4, 0x0000); // CS
    memory.writeWord(0x7C00 - 2, 0x0202); // FLAGS: interrupts enabled
    regs.setDx(drive);
    regs.setDs(0);
    regs.setEs(0);
    regs.setCf(false);
    ctx().logger().log(System.Logger.Level.INFO,
        "VDD " + ID + " boots drive " + VKbd.hex(drive) + " at 0000:7C00");
  }

  private void noBootDevice(Registers regs) {
    ctx().logger().log(System.Logger.Level.WARNING, "VDD " + ID
        + ": no bootable disk (floppy 00h and hard disk 80h tried); calling INT 18h");
    print(regs, 0);
  }

  /** Writes the message through INT 10h AH=0Eh, one call per character, then calls INT 18h. */
  private void print(Registers regs, int index) {
    if (index == NO_BOOT_DEVICE.length()) {
      ctx().guestCalls().interrupt(0x18, after -> {});
      return;
    }
    regs.setAx(0x0E00 | NO_BOOT_DEVICE.charAt(index));
    regs.setBx(0x0007);
    ctx().guestCalls().interrupt(0x10, after -> print(after, index + 1));
  }

  /** Makes VSYSBIOS a standard VDD for {@link java.util.ServiceLoader}. */
  public static final class Provider extends SimpleVddProvider {
    /** Called by {@link java.util.ServiceLoader}. */
    public Provider() {
      super(ID, VSysBios::new, true);
    }
  }
}
