package dev.mvm.doskrnl;

import dev.mvm.api.cpu.Registers;
import dev.mvm.api.vdd.GuestMemory;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The kernel's data in guest memory: the tables programs find through the list of lists (INT 21h
 * function 52h) and read or walk themselves. The kernel's own state stays in Java; these tables
 * mirror it, and the kernel rewrites what changed after every INT 21h call. What a program
 * writes into them is not read back.
 *
 * <h2>Memory layout</h2>
 *
 * <pre>
 * 0000:0000  interrupt vectors
 * 0040:0000  BIOS data area
 * 0070:0000  the DOS segment (below the arena, where MS-DOS keeps its data too; up to 0FFFh)
 *   0000  swappable data area (5D06h): 00h critical error flag, 01h InDOS flag (34h),
 *         02h error drive, 03h locus, 04h error code, 06h action, 07h class, 08h ES:DI,
 *         0Ch DTA, 10h current PSP, 12h SP, 14h return code (4Dh), 16h current drive,
 *         17h extended break flag
 *   0020  fields below the list of lists (-18h..-01h; -02h the first MCB's segment)
 *   0038  the list of lists (52h returns 0070:0038), MS-DOS 5's layout up to 47h; the NUL
 *         device header is inside it at 22h
 *   0080  device headers, chained from NUL: CON, AUX, PRN, CLOCK$, the block device of the
 *         mapped drives, COM1, LPT1, LPT2, LPT3, COM2, COM3, COM4
 *   0160  the drivers' strategy and interrupt routines (real code, see below)
 *   0190  disk buffer info (no buffers; first UMB FFFFh)
 *   01C0  the FCB table (empty)
 *   01D0  national tables (65h 02h&ndash;07h): upper case, file-name upper case, file-name
 *         terminators, collating sequence, DBCS lead bytes
 *   0430  drive parameter blocks, one per mapped drive, chained
 * 0100:0000  the first MCB: a DOS block (owner 0008h, name "SD") with
 *   0000  the current directory structures, one per drive letter up to LASTDRIVE
 *   then  the system file table: a block of 5 entries and one of the rest (FILES=)
 * then       the rest of the arena: the program's environment, its PSP, free memory
 * </pre>
 *
 * <h2>What the tables say</h2>
 *
 * <ul>
 *   <li>The list of lists counts as block devices (20h) the drive letters up to the highest
 *       mapped one, so that every mapped drive is below the count, and has LASTDRIVE (21h) at
 *       5 or the highest mapped letter; BUFFERS is 15, the boot drive the program's drive,
 *       the extended memory the VM's above 1 MiB; there are no JOINed drives and no SETVER
 *       list.
 *   <li>The current directory structures have each mapped drive's current directory as
 *       {@code C:\DIR}, flag 4000h (a physical drive) and its DPB; other letters up to
 *       LASTDRIVE are flagged 0 (not valid).
 *   <li>The system file table mirrors the kernel's open files at the same indices as the job
 *       file tables use: reference count, access mode, attribute, device information word,
 *       device header or DPB, time and date, size, position, name in FCB form and the PSP that
 *       opened it. Size and position are refreshed for the handle a read, write or seek used.
 *       The reference count is the number of handles to the entry in every program's job file
 *       table (a child's inherited ones included); the standard devices, which the kernel never
 *       closes, show 0 when no handle is left to them.
 *   <li>The drive parameter blocks describe each mapped drive as a FAT16 disk of 32 KiB
 *       clusters the size of the host file system (capped at 65,524 clusters), the numbers 36h
 *       gives; the count of free clusters is unknown (FFFFh). A drive with a small write quota
 *       has smaller clusters (down to one sector), so that 36h can report the quota finely.
 *   <li>The device drivers' strategy routine stores the request header's address; NUL's
 *       interrupt routine answers every request "done", the others' "unknown command" (the
 *       kernel's devices are served in Java, not through these drivers).
 *   <li>The InDOS flag is 0 while a program runs: the kernel's functions run in Java between
 *       two guest instructions. The one exception is a wait for keyboard input, during which
 *       the guest's interrupt handlers run and InDOS stays 0.
 * </ul>
 */
final class DosTables {

  /** The DOS segment. */
  static final int SEGMENT = 0x0070;

  static final int SDA = 0x0000;
  static final int SDA_SIZE = 0x20;
  /** The part of the swappable data area that must always be swapped (5D06h's DX). */
  static final int SDA_ALWAYS = 0x1A;
  static final int INDOS = SDA + 1;
  static final int LOL = 0x0038;
  static final int NUL = LOL + 0x22;
  static final int DEVICES = 0x0080;
  static final int HEADER_SIZE = 0x12;
  static final int REQUEST = 0x0160;
  static final int STRATEGY = 0x0164;
  static final int INTERRUPT_DONE = 0x0170;
  static final int INTERRUPT_UNKNOWN = 0x0180;
  static final int BUFFER_INFO = 0x0190;
  static final int FCB_TABLE = 0x01C0;
  static final int UPPERCASE = 0x01D0;
  static final int FILE_UPPERCASE = 0x0260;
  static final int TERMINATORS = 0x02F0;
  static final int COLLATE = 0x0310;
  static final int DBCS = 0x0420;
  static final int DPBS = 0x0430;
  static final int DPB_SIZE = 0x21;

  static final int CDS_SIZE = 0x58;
  static final int SFT_HEADER = 6;
  static final int SFT_ENTRY = 0x3B;

  /** Character device attribute words, as MS-DOS 5's IO.SYS has them. */
  static final int ATTR_CON = 0x8013;
  static final int ATTR_NUL = 0x8004;
  static final int ATTR_CLOCK = 0x8008;
  static final int ATTR_AUX = 0x8000;
  static final int ATTR_PRN = 0xA0C0;
  /** The block device: open/close/removable, IOCTL queries, generic IOCTL, 32-bit sectors. */
  static final int ATTR_DISK = 0x08C2;

  /** CDS flag of a drive DOS can use. */
  static final int CDS_PHYSICAL = 0x4000;

  /** Bytes per sector of the drives as DOS sees them. */
  static final int SECTOR = 512;
  private static final int MAX_CLUSTERS = DosDrives.MAX_CLUSTERS;

  /** The device chain after NUL, by name; the block device sits where IO.SYS puts it. */
  private static final List<String> CHAIN = List.of("CON", "AUX", "PRN", "CLOCK$", "",
      "COM1", "LPT1", "LPT2", "LPT3", "COM2", "COM3", "COM4");

  private final GuestMemory memory;
  private final DosDrives drives;
  private final FileTable files;
  private final ExtendedError error;
  private final Nls nls;
  private final int lastDrive;
  /** The cluster count of each drive's DPB, by drive number (0 = A:). */
  private final int[] clusters = new int[26];
  private int systemData;
  private int cds;
  private int sft;
  /** What the SFT mirror last wrote at each index. */
  private @Nullable FileTable.Entry[] mirrored = new FileTable.Entry[0];
  private int[] mirroredReferences = new int[0];
  private boolean[] mirroredWritten = new boolean[0];
  private int[] mirroredFlags = new int[0];
  private int[] owners = new int[0];
  /** The current directory each CDS entry last showed. */
  private final List<@Nullable List<String>> shownDirectories = new ArrayList<>();

  /**
   * @param memory guest memory
   * @param drives the mapped drives
   * @param files the system file table
   * @param error the extended error, mirrored into the swappable data area
   * @param nls the national tables
   */
  DosTables(GuestMemory memory, DosDrives drives, FileTable files, ExtendedError error, Nls nls) {
    this.memory = memory;
    this.drives = drives;
    this.files = files;
    this.error = error;
    this.nls = nls;
    this.lastDrive = Math.max(5, drives.lastLetter() - 'A' + 1);
  }

  /** The number of drive letters DOS knows: 5 or the highest mapped drive (LASTDRIVE). */
  int lastDrive() {
    return lastDrive;
  }

  private static int address(int offset) {
    return (SEGMENT << 4) + offset;
  }

  /** The far pointer {@code SEGMENT:offset} as a dword. */
  private static int far(int offset) {
    return SEGMENT << 16 | offset;
  }

  /** Where the device header of a character device is, as a far pointer; -1 for none. */
  static int deviceHeader(String name) {
    if (name.equals("NUL")) {
      return far(NUL);
    }
    int i = name.isEmpty() ? -1 : CHAIN.indexOf(name);
    return i < 0 ? -1 : far(DEVICES + i * HEADER_SIZE);
  }

  /** The attribute word of a character device. */
  static int deviceAttributes(String name) {
    return switch (name) {
      case "CON" -> ATTR_CON;
      case "NUL" -> ATTR_NUL;
      case "CLOCK$" -> ATTR_CLOCK;
      case "PRN", "LPT1", "LPT2", "LPT3" -> ATTR_PRN;
      default -> ATTR_AUX;
    };
  }

  /** The far pointer to a mapped drive's DPB, or 0. */
  int dpb(char letter) {
    int unit = 0;
    for (char c = 'A'; c <= 'Z'; c++) {
      if (drives.drive(c) != null) {
        if (c == Character.toUpperCase(letter)) {
          return far(DPBS + unit * DPB_SIZE);
        }
        unit++;
      }
    }
    return 0;
  }

  /**
   * Writes the tables: the DOS segment, and the system data block, which it allocates as the
   * arena's first block.
   *
   * @param arena the memory arena, still empty
   * @param memorySize the VM's memory in bytes
   * @param cpuIs386 whether the CPU has 32-bit registers (the list of lists says so)
   */
  void install(MemoryArena arena, long memorySize, boolean cpuIs386) {
    memory.write(address(0), new byte[DPBS + 26 * DPB_SIZE]);
    int capacity = files.capacity();
    int firstBlock = Math.min(5, capacity);
    int secondBlock = capacity - firstBlock;
    int cdsBytes = lastDrive * CDS_SIZE;
    int sftBytes = SFT_HEADER + firstBlock * SFT_ENTRY
        + (secondBlock > 0 ? SFT_HEADER + secondBlock * SFT_ENTRY : 0);
    systemData = arena.allocate((cdsBytes + sftBytes + 15) >>> 4, MemoryArena.DOS);
    arena.setName(systemData, "SD");
    memory.write(systemData << 4, new byte[cdsBytes + sftBytes]);
    cds = 0;
    sft = cdsBytes;
    writeSft(firstBlock, secondBlock);
    writeDevices();
    writeDpbs();
    writeListOfLists(arena.first(), memorySize, cpuIs386);
    nls.writeTables(memory, address(UPPERCASE), address(FILE_UPPERCASE), address(TERMINATORS),
        address(COLLATE), address(DBCS));
    memory.writeWord(address(FCB_TABLE), 0xFFFF); // an empty FCB table: no next, no entries
    memory.writeWord(address(FCB_TABLE + 2), 0xFFFF);
    memory.writeWord(address(FCB_TABLE + 4), 0);
    memory.writeWord(address(BUFFER_INFO + 0x1F), 0xFFFF); // no upper memory blocks
    memory.writeByte(address(SDA + 2), 0xFF); // no critical error drive
    mirrored = new FileTable.Entry[capacity];
    mirroredReferences = new int[capacity];
    mirroredWritten = new boolean[capacity];
    mirroredFlags = new int[capacity];
    owners = new int[capacity];
    shownDirectories.clear();
    for (int i = 0; i < lastDrive; i++) {
      shownDirectories.add(null);
    }
    writeCds();
  }

  private void writeListOfLists(int firstMcb, long memorySize, boolean cpuIs386) {
    int lol = address(LOL);
    memory.writeDword(lol - 18, 0xFFFF_FFFF); // no OEM function handler
    memory.writeWord(lol - 12, 3); // sharing retry count
    memory.writeWord(lol - 10, 1); // sharing retry delay
    memory.writeWord(lol - 2, firstMcb);
    boolean anyDrive = dpb(drives.lastLetter()) != 0;
    memory.writeDword(lol, anyDrive ? far(DPBS) : 0xFFFF_FFFF);
    memory.writeDword(lol + 0x04, systemData << 16 | sft);
    memory.writeDword(lol + 0x08, deviceHeader("CLOCK$"));
    memory.writeDword(lol + 0x0C, deviceHeader("CON"));
    memory.writeWord(lol + 0x10, SECTOR);
    memory.writeDword(lol + 0x12, far(BUFFER_INFO));
    memory.writeDword(lol + 0x16, systemData << 16 | cds);
    memory.writeDword(lol + 0x1A, far(FCB_TABLE));
    memory.writeWord(lol + 0x1E, 0);
    // Block devices: every mapped drive lies below this count, as DOS numbers its units.
    memory.writeByte(lol + 0x20, anyDrive ? drives.lastLetter() - 'A' + 1 : 0);
    memory.writeByte(lol + 0x21, lastDrive);
    // 22h: the NUL device header, written with the chain.
    memory.writeByte(lol + 0x34, 0); // no JOINed drives
    memory.writeDword(lol + 0x37, 0); // no SETVER list
    memory.writeWord(lol + 0x3F, 15); // BUFFERS=15
    memory.writeWord(lol + 0x41, 0);
    memory.writeByte(lol + 0x43, drives.currentLetter() - 'A' + 1);
    memory.writeByte(lol + 0x44, cpuIs386 ? 1 : 0);
    long extended = Math.max(0, memorySize - 0x100000) / 1024;
    memory.writeWord(lol + 0x45, (int) Math.min(extended, 0xFFFF));
  }

  /** Records the drive the program was started from (the "boot drive" of 52h's 43h). */
  void setBootDrive(char letter) {
    memory.writeByte(address(LOL + 0x43), Character.toUpperCase(letter) - 'A' + 1);
  }

  private void writeDevices() {
    writeHeader(NUL, DEVICES, ATTR_NUL, "NUL", INTERRUPT_DONE);
    for (int i = 0; i < CHAIN.size(); i++) {
      String name = CHAIN.get(i);
      int at = DEVICES + i * HEADER_SIZE;
      int next = i + 1 < CHAIN.size() ? at + HEADER_SIZE : 0xFFFF;
      if (name.isEmpty()) {
        writeHeader(at, next, ATTR_DISK, "", INTERRUPT_UNKNOWN);
        memory.writeByte(address(at + 0x0A), units()); // a block device names its units
      } else {
        writeHeader(at, next, deviceAttributes(name), name, INTERRUPT_UNKNOWN);
      }
    }
    // strategy: MOV CS:[REQUEST],BX; MOV CS:[REQUEST+2],ES; RETF
    memory.write(address(STRATEGY), bytes(0x2E, 0x89, 0x1E, REQUEST & 0xFF, REQUEST >>> 8,
        0x2E, 0x8C, 0x06, (REQUEST + 2) & 0xFF, (REQUEST + 2) >>> 8, 0xCB));
    writeInterrupt(INTERRUPT_DONE, 0x0100); // status: done
    writeInterrupt(INTERRUPT_UNKNOWN, 0x8103); // status: error, done, unknown command
  }

  /** PUSH DS; PUSH BX; LDS BX,CS:[REQUEST]; MOV WORD [BX+3],status; POP BX; POP DS; RETF. */
  private void writeInterrupt(int at, int status) {
    memory.write(address(at), bytes(0x1E, 0x53, 0x2E, 0xC5, 0x1E, REQUEST & 0xFF, REQUEST >>> 8,
        0xC7, 0x47, 0x03, status & 0xFF, status >>> 8, 0x5B, 0x1F, 0xCB));
  }

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  private void writeHeader(int at, int next, int attributes, String name, int interrupt) {
    int a = address(at);
    memory.writeWord(a, next);
    memory.writeWord(a + 2, next == 0xFFFF ? 0xFFFF : SEGMENT);
    memory.writeWord(a + 4, attributes);
    memory.writeWord(a + 6, STRATEGY);
    memory.writeWord(a + 8, interrupt);
    for (int i = 0; i < 8; i++) {
      memory.writeByte(a + 0x0A + i, i < name.length() ? name.charAt(i) : ' ');
    }
  }

  private int units() {
    int n = 0;
    for (char c = 'A'; c <= 'Z'; c++) {
      if (drives.drive(c) != null) {
        n++;
      }
    }
    return n;
  }

  private void writeDpbs() {
    int unit = 0;
    int units = units();
    for (char c = 'A'; c <= 'Z'; c++) {
      DosDrives.Drive d = drives.drive(c);
      if (d == null) {
        continue;
      }
      int clusters;
      try {
        clusters = Math.max(1, Math.min(FileServices.freeSpace(d)[3], MAX_CLUSTERS));
      } catch (IOException e) {
        clusters = MAX_CLUSTERS;
      }
      this.clusters[c - 'A'] = clusters;
      int sectorsPerFat = sectorsPerFat(clusters);
      int directory = 1 + 2 * sectorsPerFat;
      int a = address(DPBS + unit * DPB_SIZE);
      memory.writeByte(a, c - 'A');
      memory.writeByte(a + 0x01, unit);
      memory.writeWord(a + 0x02, SECTOR);
      memory.writeByte(a + 0x04, d.sectorsPerCluster - 1);
      memory.writeByte(a + 0x05, Integer.numberOfTrailingZeros(d.sectorsPerCluster));
      memory.writeWord(a + 0x06, 1); // reserved sectors
      memory.writeByte(a + 0x08, 2); // FATs
      memory.writeWord(a + 0x09, 512); // root directory entries
      memory.writeWord(a + 0x0B, directory + 32); // first data sector
      memory.writeWord(a + 0x0D, clusters + 1);
      memory.writeWord(a + 0x0F, sectorsPerFat);
      memory.writeWord(a + 0x11, directory);
      memory.writeDword(a + 0x13, far(DEVICES + CHAIN.indexOf("") * HEADER_SIZE));
      memory.writeByte(a + 0x17, 0xF8); // media: fixed disk
      memory.writeByte(a + 0x18, 0); // accessed
      unit++;
      memory.writeDword(a + 0x19, unit < units ? far(DPBS + unit * DPB_SIZE) : 0xFFFF_FFFF);
      memory.writeWord(a + 0x1D, 0);
      memory.writeWord(a + 0x1F, 0xFFFF); // free clusters unknown
    }
  }

  /** The sectors of one FAT16 copy for a number of clusters. */
  static int sectorsPerFat(int clusters) {
    return ((clusters + 2) * 2 + SECTOR - 1) / SECTOR;
  }

  /** The number of clusters a mapped drive's DPB gives. */
  int clusters(char letter) {
    return clusters[Character.toUpperCase(letter) - 'A'];
  }

  private void writeSft(int firstBlock, int secondBlock) {
    int a = (systemData << 4) + sft;
    int second = sft + SFT_HEADER + firstBlock * SFT_ENTRY;
    memory.writeWord(a, secondBlock > 0 ? second : 0xFFFF);
    memory.writeWord(a + 2, secondBlock > 0 ? systemData : 0xFFFF);
    memory.writeWord(a + 4, firstBlock);
    if (secondBlock > 0) {
      int b = (systemData << 4) + second;
      memory.writeWord(b, 0xFFFF);
      memory.writeWord(b + 2, 0xFFFF);
      memory.writeWord(b + 4, secondBlock);
    }
  }

  /** The physical address of SFT entry {@code index}. */
  private int sftEntry(int index) {
    int base = (systemData << 4) + sft + SFT_HEADER;
    return index < 5 ? base + index * SFT_ENTRY
        : base + 5 * SFT_ENTRY + SFT_HEADER + (index - 5) * SFT_ENTRY;
  }

  private void writeCds() {
    for (int i = 0; i < lastDrive; i++) {
      char letter = (char) ('A' + i);
      DosDrives.Drive d = drives.drive(letter);
      List<String> directory = d == null ? List.of() : d.currentDirectory;
      if (shownDirectories.get(i) == directory) {
        continue; // the kernel replaces the list when the directory changes
      }
      shownDirectories.set(i, directory);
      int a = (systemData << 4) + cds + i * CDS_SIZE;
      memory.write(a, new byte[CDS_SIZE]);
      String path = letter + ":\\" + String.join("\\", directory);
      memory.writeAsciiz(a, path);
      memory.writeWord(a + 0x43, d == null ? 0 : CDS_PHYSICAL);
      memory.writeDword(a + 0x45, dpb(letter));
      memory.writeWord(a + 0x49, directory.isEmpty() ? 0 : 0xFFFF); // cluster: root, or unknown
      memory.writeDword(a + 0x4B, 0xFFFF_FFFF); // no redirector
      memory.writeWord(a + 0x4F, 2); // the root's backslash: after "C:"
    }
  }

  /**
   * Brings the tables up to date after a call: the swappable data area, the current directory
   * structures and the system file table.
   *
   * @param psp the current PSP
   * @param dta the current DTA, linear
   * @param returnCode what 4Dh would return
   * @param breakChecking the extended break flag
   * @param handle the handle whose file position may have moved (3Fh, 40h, 42h), or -1
   */
  void sync(int psp, int dta, int returnCode, boolean breakChecking, int handle) {
    int s = address(SDA);
    memory.writeByte(s + 3, error.locus());
    memory.writeWord(s + 4, error.code());
    memory.writeByte(s + 6, error.action());
    memory.writeByte(s + 7, error.errorClass());
    memory.writeWord(s + 0x0C, dta & 0xF);
    memory.writeWord(s + 0x0E, dta >>> 4);
    memory.writeWord(s + 0x10, psp);
    memory.writeWord(s + 0x14, returnCode);
    memory.writeByte(s + 0x16, drives.currentLetter() - 'A');
    memory.writeByte(s + 0x17, breakChecking ? 1 : 0);
    writeCds();
    syncSft(psp);
    if (handle >= 0 && psp != 0) {
      int index = Psp.sftIndexOf(memory, psp, handle);
      if (index >= 0 && index < mirrored.length && mirrored[index] != null) {
        writePosition(index, files.peek(index));
      }
    }
  }

  private void syncSft(int psp) {
    for (int i = 0; i < mirrored.length; i++) {
      FileTable.Entry e = files.peek(i);
      int references = e == null ? 0 : e.references;
      boolean written = e != null && e.written;
      int flags = e == null ? 0 : e.flags;
      if (e == mirrored[i] && references == mirroredReferences[i] && written == mirroredWritten[i]
          && flags == mirroredFlags[i]) {
        continue;
      }
      if (e != mirrored[i]) {
        owners[i] = psp;
      }
      mirrored[i] = e;
      mirroredReferences[i] = references;
      mirroredWritten[i] = written;
      mirroredFlags[i] = flags;
      writeSftEntry(i, e, references);
    }
  }

  private void writeSftEntry(int index, FileTable.@Nullable Entry e, int references) {
    int a = sftEntry(index);
    memory.write(a, new byte[SFT_ENTRY]);
    if (e == null) {
      return;
    }
    memory.writeWord(a, Math.min(references, 0xFFFE));
    memory.writeWord(a + 0x02, e.access);
    String device = e.device;
    int info = FileServices.deviceInfo(e);
    memory.writeWord(a + 0x05, info);
    if (device != null) {
      memory.writeDword(a + 0x07, Math.max(0, deviceHeader(device)));
      String name = device + "        ";
      for (int i = 0; i < 11; i++) {
        memory.writeByte(a + 0x20 + i, i < 8 ? name.charAt(i) : ' ');
      }
    } else {
      memory.writeByte(a + 0x04, FileServices.ARCHIVE);
      memory.writeDword(a + 0x07, dpb((char) ('A' + e.drive)));
      String name = e.dosPath.substring(e.dosPath.lastIndexOf('\\') + 1);
      String fcb = DosName.toFcb(name);
      for (int i = 0; i < 11; i++) {
        memory.writeByte(a + 0x20 + i, fcb.charAt(i));
      }
      try {
        DosDrives.Resolved r = drives.resolve(e.dosPath, DosDrives.Purpose.FILE);
        int stamp = FileServices.pack(Files.getLastModifiedTime(r.host()));
        memory.writeWord(a + 0x0D, stamp & 0xFFFF);
        memory.writeWord(a + 0x0F, stamp >>> 16);
      } catch (IOException | DosFailure ignored) {
        // the file went away on the host; its time stays 0
      }
      writePosition(index, e);
    }
    memory.writeWord(a + 0x31, owners[index]);
  }

  private void writePosition(int index, FileTable.@Nullable Entry e) {
    FileChannel c = e == null ? null : e.channel;
    if (c == null || !c.isOpen()) {
      return;
    }
    int a = sftEntry(index);
    try {
      memory.writeDword(a + 0x11, (int) Math.min(c.size(), 0xFFFF_FFFFL));
      memory.writeDword(a + 0x15, (int) Math.min(c.position(), 0xFFFF_FFFFL));
    } catch (IOException ignored) {
      // a host error on a file the next call will report
    }
  }

  // ---- the functions that point programs at these tables --------------------------------

  /** 52h: ES:BX = the list of lists. */
  void listOfLists(Registers r) {
    r.setEs(SEGMENT);
    r.setBx(LOL);
  }

  /** 34h: ES:BX = the InDOS flag; the critical error flag is the byte before it. */
  void inDosFlag(Registers r) {
    r.setEs(SEGMENT);
    r.setBx(INDOS);
  }

  /** 5D06h: DS:SI = the swappable data area, CX its size, DX the part always swapped. */
  void swappableDataArea(Registers r) {
    r.setDs(SEGMENT);
    r.setSi(SDA);
    r.setCx(SDA_SIZE);
    r.setDx(SDA_ALWAYS);
  }

  /** The far pointer to a national table, for 65h. */
  static int table(int offset) {
    return far(offset);
  }
}
