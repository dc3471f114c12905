package dev.mvm.vdd.std;

import dev.mvm.api.Firmware;
import dev.mvm.api.VmProperty;
import dev.mvm.api.cpu.Registers;
import dev.mvm.api.vdd.GuestMemory;
import dev.mvm.api.vdd.InterruptHook;
import dev.mvm.api.vdd.Vdd;
import dev.mvm.api.vdd.VddContext;
import dev.mvm.api.vdd.SimpleVddProvider;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * VDISK: floppy and hard-disk drives backed by image files ({@link #DRIVES}), served to the
 * built-in BIOS's INT 13h. Floppy geometry comes from the image size (160K to 2.88M) and hard
 * disks take the usual 63-sector translation unless a geometry is given ({@link DiskImage}). A
 * read-only image is never written; a writable one receives exactly the sectors the guest
 * writes, and nothing else.
 *
 * <p>INT 13h, from Ralf Brown's Interrupt List: 00h reset, 01h status of the last operation, 02h
 * read, 03h write, 04h verify, 05h format track (a floppy track is filled with F6h), 08h drive
 * parameters (ES:DI = the diskette parameter table for floppies), 09h/0Ch/0Dh/10h/11h/14h
 * (hard-disk housekeeping: nothing to do), 15h drive type (02h floppy with change line, 03h hard
 * disk with CX:DX sectors), 16h change line (never changed), 17h/18h (floppy media type for
 * format), and for hard disks the extensions 41h (installation check: version 2.1, fixed-disk
 * access subset), 42h/43h/44h (read, write, verify by disk address packet, also with a 64-bit
 * flat buffer address), 47h (seek) and 48h (parameters). Errors come back with CF set and AH
 * as the BIOS conventions say: 01h bad command or parameter, 03h write-protected, 04h sector not
 * found, 20h controller failure (the host could not read or write the file, logged), 80h no
 * floppy in the drive. The status of the last operation is kept at 40:41h (floppies) and 40:74h
 * (hard disks); 40:75h holds the number of hard disks, and the equipment word at 40:10h gets the
 * floppy bits (0 and 6&ndash;7) at reset. Unknown functions answer AH=01h, logged once.
 *
 * <p>The tables the BIOS points at (the diskette parameter tables, INT 1Eh, and the fixed-disk
 * parameter tables of drives 80h and 81h, INT 41h and 46h) live in a 4 KiB ROM page of their
 * own, {@link #TABLE_ROM}, by default EE000h.
 *
 * <p>The floppy images are also in the drives of the floppy controller, {@link VFlpy}, which
 * serves them at the register level: that is how a BIOS image reaches them, and with the built-in
 * BIOS a program that programs the controller itself sees the same disks. With a BIOS image this
 * VDD does nothing. Left out: the hard-disk controller (the ATA interface) at the register level,
 * so a BIOS image does not see the hard disks yet; DMA and its 64 KiB boundary error (09h) in
 * INT 13h; media change; and motor and seek timing.
 */
public final class VDisk implements Vdd {

  /** The VDD's id. */
  public static final String ID = "VDISK";

  /** The images in the drives. */
  public static final VmProperty<DiskDrives> DRIVES =
      VmProperty.of("VDISK.DRIVES", DiskDrives.class, DiskDrives.NONE);

  /** The physical address of the 4 KiB ROM page with the disk parameter tables. */
  public static final VmProperty<Integer> TABLE_ROM =
      VmProperty.of("VDISK.TABLE_ROM", Integer.class, 0xEE000);

  // Status codes of INT 13h.
  static final int OK = 0x00;
  static final int BAD_COMMAND = 0x01;
  static final int WRITE_PROTECTED = 0x03;
  static final int SECTOR_NOT_FOUND = 0x04;
  static final int MEDIA_TYPE_NOT_FOUND = 0x0C;
  static final int CONTROLLER_FAILURE = 0x20;
  static final int NOT_READY = 0x80;

  private static final int FLOPPY_STATUS = 0x41;
  private static final int DISK_STATUS = 0x74;
  private static final int DISK_COUNT = 0x75;
  /** Where each floppy type's parameter table starts in the ROM page: type &times; 16. */
  private static final int FIXED_DISK_TABLES = 0x100;

  private enum Op {
    READ,
    WRITE,
    VERIFY
  }

  private final List<DiskUnit> floppies = new ArrayList<>();
  private final List<DiskUnit> hardDisks = new ArrayList<>();
  private final Set<Integer> logged = new HashSet<>();
  private @Nullable VddContext context;
  private boolean builtIn;
  private int tableRom;

  @Override
  public String id() {
    return ID;
  }

  @Override
  public void attach(VddContext ctx) {
    this.context = ctx;
    builtIn = ctx.config().firmware() instanceof Firmware.BuiltIn;
    DiskDrives drives = ctx.property(DRIVES);
    if (!builtIn) {
      if (!drives.hardDisks().isEmpty()) {
        ctx.logger().log(System.Logger.Level.WARNING, "VDD " + ID + ": hard-disk images are"
            + " served through the built-in BIOS only; the firmware will not see them");
      }
      return;
    }
    try {
      for (DiskImage image : drives.floppies()) {
        floppies.add(DiskUnit.open(image, true));
      }
      for (DiskImage image : drives.hardDisks()) {
        hardDisks.add(DiskUnit.open(image, false));
      }
    } catch (RuntimeException e) {
      detach();
      throw e;
    }
    tableRom = ctx.property(TABLE_ROM);
    ctx.memoryMap().mapRom(tableRom, tables());
    ctx.interrupts().hook(0x13, this::int13);
  }

  @Override
  public void reset() {
    if (!builtIn) {
      return;
    }
    VddContext ctx = ctx();
    GuestMemory memory = ctx.memory();
    int equipment = memory.readWord(0x40, 0x10) & ~0xC1;
    if (!floppies.isEmpty()) {
      equipment |= 0x01 | ((floppies.size() - 1) << 6);
    }
    memory.writeWord(0x40, 0x10, equipment);
    memory.writeByte(0x40, DISK_COUNT, hardDisks.size());
    memory.writeByte(0x40, FLOPPY_STATUS, 0);
    memory.writeByte(0x40, DISK_STATUS, 0);
    int floppyType = floppies.isEmpty() ? 4 : floppies.get(0).floppyType;
    ctx.interrupts().setVector(0x1E, tableRom >>> 4, floppyType * 16);
    ctx.interrupts().setVector(0x41, tableRom >>> 4, FIXED_DISK_TABLES);
    ctx.interrupts().setVector(0x46, tableRom >>> 4, FIXED_DISK_TABLES + 16);
  }

  @Override
  public void detach() {
    for (DiskUnit unit : concat()) {
      try {
        unit.close();
      } catch (IOException e) {
        VddContext c = context;
        if (c != null) {
          c.logger().log(System.Logger.Level.WARNING, "VDD " + ID + ": cannot close " + unit, e);
        }
      }
    }
    floppies.clear();
    hardDisks.clear();
  }

  private List<DiskUnit> concat() {
    List<DiskUnit> all = new ArrayList<>(floppies);
    all.addAll(hardDisks);
    return all;
  }

  private VddContext ctx() {
    VddContext c = context;
    if (c == null) {
      throw new IllegalStateException("VDISK is not attached");
    }
    return c;
  }

  /** The ROM page: diskette parameter tables by drive type, then the fixed-disk tables. */
  private byte[] tables() {
    byte[] rom = new byte[4096];
    // type: sectors per track, gap length, format gap length
    int[][] types = {{1, 9, 0x2A, 0x50}, {2, 15, 0x1B, 0x54}, {3, 9, 0x2A, 0x50},
        {4, 18, 0x1B, 0x6C}, {5, 36, 0x1B, 0x53}, {6, 36, 0x1B, 0x53}};
    for (int[] t : types) {
      int at = t[0] * 16;
      // step rate and head unload; head load and DMA; motor-off delay; 512-byte sectors;
      // sectors per track; gap; data length; format gap; fill byte; head settle; motor start
      int[] dpt = {0xDF, 0x02, 0x25, 0x02, t[1], t[2], 0xFF, t[3], 0xF6, 0x0F, 0x08};
      for (int i = 0; i < dpt.length; i++) {
        rom[at + i] = (byte) dpt[i];
      }
    }
    for (int i = 0; i < Math.min(2, hardDisks.size()); i++) {
      DiskUnit d = hardDisks.get(i);
      int at = FIXED_DISK_TABLES + 16 * i;
      putWord(rom, at, d.cylinders);
      rom[at + 2] = (byte) d.heads;
      putWord(rom, at + 5, 0xFFFF); // no write precompensation
      rom[at + 8] = (byte) (d.heads > 8 ? 0x08 : 0x00);
      putWord(rom, at + 12, d.cylinders); // landing zone
      rom[at + 14] = (byte) d.sectorsPerTrack;
    }
    return rom;
  }

  private static void putWord(byte[] bytes, int at, int value) {
    bytes[at] = (byte) value;
    bytes[at + 1] = (byte) (value >>> 8);
  }

  private @Nullable DiskUnit unit(int drive) {
    List<DiskUnit> list = (drive & 0x80) != 0 ? hardDisks : floppies;
    int index = drive & 0x7F;
    return index < list.size() ? list.get(index) : null;
  }

  // ---- INT 13h -------------------------------------------------------------------------------

  private InterruptHook.Result int13(Registers regs) {
    int function = regs.ah();
    int drive = regs.dl();
    boolean hardDisk = (drive & 0x80) != 0;
    DiskUnit unit = unit(drive);
    int status;
    switch (function) {
      case 0x01 -> {
        int last = ctx().memory().readByte(0x40, hardDisk ? DISK_STATUS : FLOPPY_STATUS);
        regs.setAh(last);
        regs.setCf(last != OK);
        return InterruptHook.Result.HANDLED;
      }
      case 0x08 -> status = parameters(regs, unit, hardDisk);
      case 0x15 -> {
        driveType(regs, unit);
        return InterruptHook.Result.HANDLED;
      }
      case 0x41 -> {
        if (unit == null || unit.floppy || regs.bx() != 0x55AA) {
          status = BAD_COMMAND;
        } else {
          ctx().memory().writeByte(0x40, DISK_STATUS, OK);
          regs.setBx(0xAA55);
          regs.setCx(0x0001); // the fixed-disk access subset: 42h-44h, 47h, 48h
          regs.setAh(0x21); // version 2.1 (EDD 1.1)
          regs.setCf(false);
          return InterruptHook.Result.HANDLED;
        }
      }
      default -> {
        if (unit == null) {
          status = hardDisk ? BAD_COMMAND : NOT_READY;
          if (function == 0x00 && (hardDisk ? !hardDisks.isEmpty() : !floppies.isEmpty())) {
            status = OK; // a reset concerns the whole controller
          }
        } else {
          status = serve(regs, unit, function);
        }
      }
    }
    finish(regs, hardDisk, status);
    return InterruptHook.Result.HANDLED;
  }

  private void finish(Registers regs, boolean hardDisk, int status) {
    ctx().memory().writeByte(0x40, hardDisk ? DISK_STATUS : FLOPPY_STATUS, status);
    regs.setAh(status);
    regs.setCf(status != OK);
  }

  private int serve(Registers regs, DiskUnit unit, int function) {
    return switch (function) {
      case 0x00 -> OK; // reset
      case 0x02 -> transferChs(regs, unit, Op.READ);
      case 0x03 -> transferChs(regs, unit, Op.WRITE);
      case 0x04 -> transferChs(regs, unit, Op.VERIFY);
      case 0x05 -> formatTrack(regs, unit);
      // initialise with the drive's parameters, seek, alternate reset, test ready,
      // recalibrate, controller diagnostic, extended seek: hard-disk housekeeping
      case 0x09, 0x0C, 0x0D, 0x10, 0x11, 0x14, 0x47 -> unit.floppy ? BAD_COMMAND : OK;
      // change line (the medium never changes), set disk type for format
      case 0x16, 0x17 -> unit.floppy ? OK : BAD_COMMAND;
      case 0x18 -> unit.floppy ? mediaType(regs, unit) : BAD_COMMAND;
      case 0x42 -> unit.floppy ? BAD_COMMAND : transferLba(regs, unit, Op.READ);
      case 0x43 -> unit.floppy ? BAD_COMMAND : transferLba(regs, unit, Op.WRITE);
      case 0x44 -> unit.floppy ? BAD_COMMAND : transferLba(regs, unit, Op.VERIFY);
      case 0x48 -> unit.floppy ? BAD_COMMAND : extendedParameters(regs, unit);
      default -> {
        if (logged.add(function)) {
          ctx().logger().log(System.Logger.Level.WARNING, "VDD " + ID
              + " does not support INT 13h AH=" + VKbd.hex(function) + " (answered AH=01h)");
        }
        yield BAD_COMMAND;
      }
    };
  }

  /** AH=02h/03h/04h: AL sectors from CHS (CH, CL bits 6-7 and 0-5, DH) to or from ES:BX. */
  private int transferChs(Registers regs, DiskUnit unit, Op op) {
    int count = regs.al();
    int cylinder = regs.ch() | ((regs.cl() & 0xC0) << 2);
    int sector = regs.cl() & 0x3F;
    int head = regs.dh();
    regs.setAl(0);
    long lba = unit.lba(cylinder, head, sector);
    if (count == 0) {
      return BAD_COMMAND;
    }
    if (lba < 0) {
      return SECTOR_NOT_FOUND;
    }
    if (op == Op.WRITE && !unit.writable) {
      return WRITE_PROTECTED;
    }
    int possible = (int) Math.min(count, unit.chsSectors() - lba);
    int status = transfer(unit, lba, possible, Registers.linear(regs.es(), regs.bx()), op);
    if (status != OK) {
      return status;
    }
    regs.setAl(possible);
    return possible < count ? SECTOR_NOT_FOUND : OK;
  }

  /** Moves sectors between the image and guest memory. */
  private int transfer(DiskUnit unit, long lba, int count, int address, Op op) {
    GuestMemory memory = ctx().memory();
    try {
      switch (op) {
        case READ -> memory.write(address, unit.read(lba, count));
        case WRITE -> unit.write(lba, memory.read(address, count * DiskUnit.SECTOR));
        case VERIFY -> unit.read(lba, count);
      }
      return OK;
    } catch (IOException e) {
      ctx().logger().log(System.Logger.Level.WARNING, "VDD " + ID + ": " + op + " of "
          + count + " sectors at " + lba + " of " + unit + " failed", e);
      return CONTROLLER_FAILURE;
    }
  }

  /** AH=05h: a floppy track (CH, DH) is filled with the format's fill byte. */
  private int formatTrack(Registers regs, DiskUnit unit) {
    if (!unit.writable) {
      return WRITE_PROTECTED;
    }
    if (!unit.floppy) {
      return OK; // a low-level format changes nothing in an image
    }
    long lba = unit.lba(regs.ch(), regs.dh(), 1);
    if (lba < 0) {
      return SECTOR_NOT_FOUND;
    }
    byte[] fill = new byte[unit.sectorsPerTrack * DiskUnit.SECTOR];
    java.util.Arrays.fill(fill, (byte) 0xF6);
    try {
      unit.write(lba, fill);
      return OK;
    } catch (IOException e) {
      ctx().logger().log(System.Logger.Level.WARNING,
          "VDD " + ID + ": format of " + unit + " failed", e);
      return CONTROLLER_FAILURE;
    }
  }

  /** AH=18h: the media type for a format, CH/CL = maximum cylinder / sectors per track. */
  private int mediaType(Registers regs, DiskUnit unit) {
    int cylinder = regs.ch() | ((regs.cl() & 0xC0) << 2);
    int sectors = regs.cl() & 0x3F;
    if (cylinder != unit.cylinders - 1 || sectors != unit.sectorsPerTrack) {
      return MEDIA_TYPE_NOT_FOUND;
    }
    regs.setEs(tableRom >>> 4);
    regs.setDi(unit.floppyType * 16);
    return OK;
  }

  /** AH=08h. */
  private int parameters(Registers regs, @Nullable DiskUnit unit, boolean hardDisk) {
    int drives = hardDisk ? hardDisks.size() : floppies.size();
    if (unit == null) {
      regs.setDl(drives);
      return BAD_COMMAND;
    }
    int maxCylinder = unit.cylinders - 1;
    regs.setAx(0);
    regs.setCh(maxCylinder & 0xFF);
    regs.setCl(unit.sectorsPerTrack | ((maxCylinder >>> 2) & 0xC0));
    regs.setDh(unit.heads - 1);
    regs.setDl(drives);
    if (unit.floppy) {
      regs.setBx(unit.floppyType);
      regs.setEs(tableRom >>> 4);
      regs.setDi(unit.floppyType * 16);
    }
    return OK;
  }

  /** AH=15h: AH is the type, not a status. */
  private void driveType(Registers regs, @Nullable DiskUnit unit) {
    regs.setCf(false);
    if (unit == null) {
      regs.setAh(0x00);
    } else if (unit.floppy) {
      regs.setAh(0x02);
    } else {
      long sectors = unit.chsSectors();
      regs.setAh(0x03);
      regs.setCx((int) (sectors >>> 16));
      regs.setDx((int) (sectors & 0xFFFF));
    }
  }

  /**
   * AH=42h/43h/44h: the disk address packet at DS:SI: size (10h, or 18h with a 64-bit buffer
   * address), reserved, sector count (updated with the count done), buffer offset and segment
   * (FFFF:FFFF means the 64-bit address at 10h), 64-bit LBA.
   */
  private int transferLba(Registers regs, DiskUnit unit, Op op) {
    GuestMemory memory = ctx().memory();
    int packet = Registers.linear(regs.ds(), regs.si());
    int size = memory.readByte(packet);
    if (size < 0x10) {
      return BAD_COMMAND;
    }
    int count = memory.readWord(packet + 2);
    int offset = memory.readWord(packet + 4);
    int segment = memory.readWord(packet + 6);
    long lba = (memory.readDword(packet + 8) & 0xFFFF_FFFFL)
        | (long) memory.readDword(packet + 12) << 32;
    int address = Registers.linear(segment, offset);
    if (segment == 0xFFFF && offset == 0xFFFF && size >= 0x18) {
      address = memory.readDword(packet + 0x10);
    }
    memory.writeWord(packet + 2, 0);
    if (lba < 0 || lba >= unit.totalSectors) {
      return SECTOR_NOT_FOUND;
    }
    if (op == Op.WRITE && !unit.writable) {
      return WRITE_PROTECTED;
    }
    int possible = (int) Math.min(count, unit.totalSectors - lba);
    int status = transfer(unit, lba, possible, address, op);
    if (status != OK) {
      return status;
    }
    memory.writeWord(packet + 2, possible);
    return possible < count ? SECTOR_NOT_FOUND : OK;
  }

  /** AH=48h: the result buffer at DS:SI, whose first word gives its size (at least 1Ah). */
  private int extendedParameters(Registers regs, DiskUnit unit) {
    GuestMemory memory = ctx().memory();
    int buffer = Registers.linear(regs.ds(), regs.si());
    if (memory.readWord(buffer) < 0x1A) {
      return BAD_COMMAND;
    }
    memory.writeWord(buffer, 0x1A);
    memory.writeWord(buffer + 2, 0x0002); // the CHS geometry is valid
    memory.writeDword(buffer + 4, unit.cylinders);
    memory.writeDword(buffer + 8, unit.heads);
    memory.writeDword(buffer + 12, unit.sectorsPerTrack);
    memory.writeDword(buffer + 16, (int) unit.totalSectors);
    memory.writeDword(buffer + 20, (int) (unit.totalSectors >>> 32));
    memory.writeWord(buffer + 24, DiskUnit.SECTOR);
    return OK;
  }

  /** Makes VDISK a standard VDD for {@link java.util.ServiceLoader}. */
  public static final class Provider extends SimpleVddProvider {
    /** Called by {@link java.util.ServiceLoader}. */
    public Provider() {
      super(ID, VDisk::new, true);
    }
  }
}
