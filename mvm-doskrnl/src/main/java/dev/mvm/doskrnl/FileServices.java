package dev.mvm.doskrnl;

import dev.mvm.api.vdd.GuestMemory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The handle and directory functions of INT 21h on host files: create, open, read, write,
 * seek, close, duplicate; delete, rename, attributes and time stamps; directories; FIND
 * FIRST/NEXT. Every path goes through {@link DosDrives}, so nothing outside a drive's root is
 * read or written; a read-only drive refuses every change with access denied.
 *
 * <p>A drive with a write quota fills up as a disk does: a file may grow only by the room left
 * (its drive's {@link DosDrives.Drive#room}), a write that does not fit writes the bytes that do
 * and reports fewer than asked, and deleting or truncating gives room back. Host files are
 * opened and closed through {@link HostFiles}, which holds them to the VM's limit.
 *
 * <p>Host time stamps are shown and set in UTC, so that a run gives the same listing on every
 * host.
 */
final class FileServices {

  /** File attributes as DOS keeps them. */
  static final int READ_ONLY = 0x01;
  static final int HIDDEN = 0x02;
  static final int SYSTEM = 0x04;
  static final int VOLUME = 0x08;
  static final int DIRECTORY = 0x10;
  static final int ARCHIVE = 0x20;

  private final GuestMemory memory;
  private final DosDrives drives;
  private final FileTable files;
  private final Console console;
  private final HostFiles host;
  /** Directories of FIND FIRST searches, by the key kept in the DTA. */
  private final List<Path> searches = new ArrayList<>();

  FileServices(GuestMemory memory, DosDrives drives, FileTable files, Console console,
      HostFiles host) {
    this.memory = memory;
    this.drives = drives;
    this.files = files;
    this.console = console;
    this.host = host;
  }

  // ---- handles ---------------------------------------------------------------------------

  /**
   * The SFT index behind a handle of the current program, through its job file table (which
   * the PSP's 32h and 34h locate, so that a table grown by 67h is used).
   */
  int sftIndex(int psp, int handle) {
    if (handle < 0 || handle >= Psp.jftSize(memory, psp)) {
      throw DosError.INVALID_HANDLE.failure("handle " + handle);
    }
    int index = memory.readByte(Psp.jftAddress(memory, psp) + handle);
    if (index == 0xFF) {
      throw DosError.INVALID_HANDLE.failure("handle " + handle + " is not open");
    }
    return index;
  }

  /**
   * Checks that the program has a free handle and the system file table a free entry, before an
   * open changes anything (a create truncates).
   *
   * @throws DosFailure too many open files (4) when either is full
   */
  private void checkRoom(int psp) {
    int jft = Psp.jftAddress(memory, psp);
    int size = Psp.jftSize(memory, psp);
    boolean free = false;
    for (int h = 0; h < size && !free; h++) {
      free = memory.readByte(jft + h) == 0xFF;
    }
    if (!free) {
      throw DosError.TOO_MANY_OPEN_FILES.failure("all " + size + " handles are in use");
    }
    files.checkRoom();
  }

  /** Puts an SFT index into the first free slot of the program's handle table. */
  private int newHandle(int psp, int sft) {
    int jft = Psp.jftAddress(memory, psp);
    int size = Psp.jftSize(memory, psp);
    for (int h = 0; h < size; h++) {
      if (memory.readByte(jft + h) == 0xFF) {
        memory.writeByte(jft + h, sft);
        return h;
      }
    }
    try {
      files.release(sft);
    } catch (IOException ignored) {
      // the file was just opened; nothing was written to it
    }
    throw DosError.TOO_MANY_OPEN_FILES.failure("all " + size + " handles are in use");
  }

  /** 3Ch create, 5Bh create new, 3Dh open, 6Ch extended open: the common part. */
  int open(int psp, String path, int mode, boolean create, boolean truncate, boolean mustBeNew) {
    DosDrives.Resolved r = drives.resolve(path, DosDrives.Purpose.FILE);
    int access = create ? 2 : mode & 7;
    if (access > 2) {
      throw DosError.INVALID_ACCESS_MODE.failure("open mode " + mode + " for " + path);
    }
    if (r.device() != null) {
      FileTable.Entry entry = new FileTable.Entry(r.device(), null, r.device(), access, -1);
      entry.noInherit = (mode & 0x80) != 0;
      return newHandle(psp, files.add(entry));
    }
    boolean writing = access != 0 || create;
    if (r.exists() && Files.isDirectory(r.host())) {
      throw DosError.ACCESS_DENIED.failure(path + " is a directory");
    }
    if (writing && r.drive().readOnly) {
      throw DosError.ACCESS_DENIED.failure("drive " + r.drive().letter + ": is read-only");
    }
    if (mustBeNew && r.exists()) {
      throw DosError.FILE_EXISTS.failure(path + " exists");
    }
    if (!create && !r.exists()) {
      throw DosError.FILE_NOT_FOUND.failure("no file " + r.dosPath());
    }
    checkRoom(psp);
    Set<OpenOption> options = new java.util.HashSet<>();
    options.add(StandardOpenOption.READ);
    if (writing) {
      options.add(StandardOpenOption.WRITE);
    }
    if (create) {
      options.add(StandardOpenOption.CREATE);
    }
    if (truncate) {
      options.add(StandardOpenOption.TRUNCATE_EXISTING);
    }
    try {
      long before = truncate && r.exists() ? Files.size(r.host()) : 0;
      FileChannel channel = host.open(r.host(), options);
      r.drive().grew(-before);
      FileTable.Entry entry = new FileTable.Entry(r.dosPath(), channel, null, access,
          r.drive().letter - 'A');
      entry.noInherit = (mode & 0x80) != 0;
      return newHandle(psp, files.add(entry));
    } catch (java.nio.file.AccessDeniedException e) {
      throw DosError.ACCESS_DENIED.failure("host refuses " + r.dosPath());
    } catch (IOException e) {
      throw DosError.ACCESS_DENIED.failure("cannot open " + r.dosPath() + ": " + e.getMessage());
    }
  }

  /** 3Eh: close a handle. */
  void close(int psp, int handle) throws IOException {
    int sft = sftIndex(psp, handle);
    memory.writeByte(Psp.jftAddress(memory, psp) + handle, 0xFF);
    files.release(sft);
  }

  /** Closes every handle a program still has open, as termination does. */
  void closeAll(int psp) {
    int jft = Psp.jftAddress(memory, psp);
    for (int h = 0; h < Psp.jftSize(memory, psp); h++) {
      if (memory.readByte(jft + h) != 0xFF) {
        try {
          close(psp, h);
        } catch (IOException | DosFailure ignored) {
          // closing at termination cannot fail towards a program that is gone
        }
      }
    }
  }

  /** Whether a handle reads CON (and so, without an input stream, the keyboard). */
  boolean isConsoleInput(int psp, int handle) {
    FileTable.Entry e = files.get(sftIndex(psp, handle));
    return "CON".equals(e.device) && e.access != 1;
  }

  /** 45h: duplicate a handle. */
  int dup(int psp, int handle) {
    int sft = sftIndex(psp, handle);
    files.get(sft).references++;
    return newHandle(psp, sft);
  }

  /** 46h: make {@code target} refer to what {@code handle} refers to. */
  void dup2(int psp, int handle, int target) throws IOException {
    int sft = sftIndex(psp, handle);
    if (target < 0 || target >= Psp.jftSize(memory, psp)) {
      throw DosError.INVALID_HANDLE.failure("handle " + target);
    }
    int slot = Psp.jftAddress(memory, psp) + target;
    int previous = memory.readByte(slot);
    if (previous == sft) {
      return; // already the same file: closing it first could close it for good
    }
    files.get(sft).references++;
    memory.writeByte(slot, sft);
    if (previous != 0xFF) {
      files.release(previous);
    }
  }

  /**
   * 3Fh: read from a handle into guest memory.
   *
   * @return the bytes read; fewer than asked at the end of a file
   */
  int read(int psp, int handle, int address, int count) throws IOException {
    FileTable.Entry e = files.get(sftIndex(psp, handle));
    if (e.access == 1) {
      throw DosError.ACCESS_DENIED.failure(e.dosPath + " is open for writing only");
    }
    if (e.isDevice()) {
      byte[] bytes = console.readDevice(e.device, count);
      memory.write(address, bytes);
      return bytes.length;
    }
    ByteBuffer buffer = ByteBuffer.allocate(count);
    FileChannel c = e.channel();
    while (buffer.hasRemaining() && c.read(buffer) > 0) {
      // a host file may deliver fewer bytes than asked before its end
    }
    memory.write(address, buffer.array(), 0, buffer.position());
    return buffer.position();
  }

  /** 40h: write from guest memory to a handle; a count of 0 truncates a file there. */
  int write(int psp, int handle, int address, int count) throws IOException {
    int sft = sftIndex(psp, handle);
    FileTable.Entry e = files.get(sft);
    if (e.access == 0) {
      throw DosError.ACCESS_DENIED.failure(e.dosPath + " is open for reading only");
    }
    if (count == 0 && !e.isDevice()) {
      FileChannel c = e.channel();
      long before = c.size();
      c.truncate(c.position());
      account(e, c.size() - before);
      return 0;
    }
    return put(sft, e, memory.read(address, count));
  }

  /**
   * Writes to a device or file: to a file on a drive with a write quota, only the bytes that
   * fit, as DOS writes on a full disk.
   *
   * @return the bytes written
   */
  private int put(int sft, FileTable.Entry e, byte[] bytes) throws IOException {
    if (e.isDevice()) {
      console.writeDevice(e.device, sft == FileTable.CON_ERR, bytes);
      return bytes.length;
    }
    FileChannel c = e.channel();
    long size = c.size();
    DosDrives.Drive d = drives.drive((char) ('A' + e.drive));
    int fits = d == null ? bytes.length : (int) d.fit(size, c.position(), bytes.length);
    ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, fits);
    while (buffer.hasRemaining()) {
      c.write(buffer);
    }
    account(e, c.size() - size);
    e.written = true;
    return fits;
  }

  /** Books a change of an open file's size on its drive's quota. */
  private void account(FileTable.Entry e, long grown) {
    DosDrives.Drive d = drives.drive((char) ('A' + e.drive));
    if (d != null && grown != 0) {
      d.grew(grown);
    }
  }

  /**
   * Writes what the character functions (02h, 06h, 09h, the echo of 01h and 0Ah) print: to
   * standard output, handle 1, which a parent may have pointed at a file before EXEC. As in
   * MS-DOS, nothing is written when the program closed handle 1 or opened it for reading.
   */
  void writeStandardOutput(int psp, byte[] bytes) throws IOException {
    int sft;
    try {
      sft = sftIndex(psp, 1);
    } catch (DosFailure closed) {
      return;
    }
    FileTable.Entry e = files.get(sft);
    if (e.access != 0) {
      put(sft, e, bytes);
    }
  }

  /** 42h: move the file pointer; returns the new position. */
  long seek(int psp, int handle, int origin, int offset) throws IOException {
    FileTable.Entry e = files.get(sftIndex(psp, handle));
    if (e.isDevice()) {
      return 0;
    }
    FileChannel c = e.channel();
    long base = switch (origin) {
      case 0 -> 0;
      case 1 -> c.position();
      case 2 -> c.size();
      default -> throw DosError.INVALID_FUNCTION.failure("seek origin " + origin);
    };
    long position = base + offset; // CX:DX is signed for origins 1 and 2
    if (position < 0) {
      throw DosError.INVALID_FUNCTION.failure("seek before the start of " + e.dosPath);
    }
    c.position(position);
    return position;
  }

  /** 44h 00h: device information word of a handle. */
  int deviceInfo(int psp, int handle) {
    return deviceInfo(files.get(sftIndex(psp, handle)));
  }

  /**
   * The device information word of an open file or device, as 4400h returns it. For a file:
   * the drive (bits 0-5) and bit 6 while it has not been written. For a device: the high byte
   * of its driver's attribute word, bit 7, bit 6 (not at end of input; NUL always is), the raw
   * bit 5 as 4401h set it, and the standard input/output, NUL and clock bits: CON 80D3h, NUL
   * 8084h, CLOCK$ 80C8h, AUX and COMn 80C0h, PRN and LPTn A0C0h, as MS-DOS reports them.
   */
  static int deviceInfo(FileTable.Entry e) {
    String device = e.device;
    if (device == null) {
      return (e.written ? 0 : 0x40) | (e.drive & 0x3F);
    }
    int attributes = DosTables.deviceAttributes(device);
    int low = e.flags >= 0 ? e.flags
        : (attributes & 0x1F) | (device.equals("NUL") ? 0 : 0x40);
    return (attributes & 0xFF00) | 0x80 | (low & 0x7F);
  }

  /** 44h 06h/07h: whether a handle is ready for input or output. */
  boolean ready(int psp, int handle, boolean input) throws IOException {
    FileTable.Entry e = files.get(sftIndex(psp, handle));
    if (e.isDevice()) {
      return !input || console.inputReady(e.device);
    }
    FileChannel c = e.channel();
    return !input || c.position() < c.size();
  }

  // ---- names ---------------------------------------------------------------------------

  /** 41h: delete a file. */
  void delete(String path) throws IOException {
    DosDrives.Resolved r = drives.resolve(path, DosDrives.Purpose.FILE);
    if (r.device() != null || !r.exists()) {
      throw DosError.FILE_NOT_FOUND.failure("no file " + path);
    }
    if (Files.isDirectory(r.host())) {
      throw DosError.ACCESS_DENIED.failure(path + " is a directory");
    }
    checkWritable(r);
    long size = Files.size(r.host());
    Files.delete(r.host());
    r.drive().grew(-size);
  }

  /** 56h: rename or move a file within a drive. */
  void rename(String from, String to) throws IOException {
    DosDrives.Resolved a = drives.resolve(from, DosDrives.Purpose.FILE);
    DosDrives.Resolved b = drives.resolve(to, DosDrives.Purpose.FILE);
    if (a.device() != null || !a.exists()) {
      throw DosError.FILE_NOT_FOUND.failure("no file " + from);
    }
    if (a.drive() != b.drive()) {
      throw DosError.NOT_SAME_DEVICE.failure(from + " and " + to + " are on different drives");
    }
    if (b.device() != null || b.exists()) {
      throw DosError.ACCESS_DENIED.failure(to + " exists");
    }
    checkWritable(a);
    Files.move(a.host(), b.host());
  }

  /** 43h 00h/01h: get or set attributes. */
  int attributes(String path, boolean set, int attributes) throws IOException {
    DosDrives.Resolved r = drives.resolve(path, DosDrives.Purpose.FILE);
    if (r.device() != null || !r.exists()) {
      throw DosError.FILE_NOT_FOUND.failure("no file " + path);
    }
    if (set) {
      checkWritable(r);
      if ((attributes & (VOLUME | DIRECTORY)) != 0) {
        throw DosError.ACCESS_DENIED.failure("attributes " + attributes + " for " + path);
      }
      r.host().toFile().setWritable((attributes & READ_ONLY) == 0);
      return attributes;
    }
    return attributesOf(r.host());
  }

  static int attributesOf(Path host) {
    if (Files.isDirectory(host)) {
      return DIRECTORY;
    }
    return (Files.isWritable(host) ? 0 : READ_ONLY) | ARCHIVE;
  }

  private static void checkWritable(DosDrives.Resolved r) {
    if (r.drive().readOnly) {
      throw DosError.ACCESS_DENIED.failure("drive " + r.drive().letter + ": is read-only");
    }
  }

  /** 57h: a handle's time stamp as DOS packs it: time in the low word, date in the high. */
  int timestamp(int psp, int handle, boolean set, int time, int date) throws IOException {
    FileTable.Entry e = files.get(sftIndex(psp, handle));
    if (e.isDevice()) {
      return 0;
    }
    DosDrives.Resolved r = drives.resolve(e.dosPath, DosDrives.Purpose.FILE);
    if (set) {
      checkWritable(r);
      Files.setLastModifiedTime(r.host(), FileTime.from(unpack(date, time).toInstant(ZoneOffset.UTC)));
      return 0;
    }
    return pack(Files.getLastModifiedTime(r.host()));
  }

  static int pack(FileTime time) {
    LocalDateTime t = LocalDateTime.ofInstant(time.toInstant(), ZoneOffset.UTC);
    if (t.getYear() < 1980) {
      t = LocalDateTime.of(1980, 1, 1, 0, 0);
    }
    int dosTime = t.getHour() << 11 | t.getMinute() << 5 | t.getSecond() / 2;
    int dosDate = (Math.min(t.getYear(), 2107) - 1980) << 9 | t.getMonthValue() << 5
        | t.getDayOfMonth();
    return dosDate << 16 | dosTime;
  }

  private static LocalDateTime unpack(int date, int time) {
    try {
      return LocalDateTime.of(1980 + (date >>> 9), date >>> 5 & 0xF, date & 0x1F,
          time >>> 11, time >>> 5 & 0x3F, (time & 0x1F) * 2);
    } catch (java.time.DateTimeException e) {
      throw DosError.INVALID_DATA.failure("date " + date + " time " + time);
    }
  }

  // ---- directories ---------------------------------------------------------------------

  /** 39h: make a directory. */
  void mkdir(String path) throws IOException {
    DosDrives.Resolved r = drives.resolve(path, DosDrives.Purpose.DIRECTORY);
    if (r.components().isEmpty() || r.exists()) {
      throw DosError.ACCESS_DENIED.failure(path + " exists");
    }
    checkWritable(r);
    try {
      Files.createDirectory(r.host());
    } catch (FileAlreadyExistsException e) {
      throw DosError.ACCESS_DENIED.failure(path + " exists");
    }
  }

  /** 3Ah: remove an empty directory that is no drive's current directory. */
  void rmdir(String path) throws IOException {
    DosDrives.Resolved r = drives.resolve(path, DosDrives.Purpose.DIRECTORY);
    if (!r.exists() || !Files.isDirectory(r.host())) {
      throw DosError.PATH_NOT_FOUND.failure("no directory " + path);
    }
    if (r.components().isEmpty()) {
      throw DosError.ACCESS_DENIED.failure("the root cannot be removed");
    }
    if (r.components().equals(r.drive().currentDirectory)) {
      throw DosError.REMOVE_CURRENT_DIRECTORY.failure(path + " is the current directory");
    }
    checkWritable(r);
    try {
      Files.delete(r.host());
    } catch (DirectoryNotEmptyException e) {
      throw DosError.ACCESS_DENIED.failure(path + " is not empty");
    } catch (NoSuchFileException e) {
      throw DosError.PATH_NOT_FOUND.failure("no directory " + path);
    }
  }

  // ---- FIND FIRST / FIND NEXT ----------------------------------------------------------

  /*
   * The DTA's first 21 bytes are DOS's own: here the drive letter (0), the pattern in FCB form
   * (1-11), the search attributes (12), the index of the next entry (13-14) and the key of the
   * search's directory (15-16). Then the entry found: attribute (15h), time (16h), date (18h),
   * size (1Ah) and name (1Eh, 13 bytes).
   */

  /** 4Eh: the first entry matching a pattern. */
  void findFirst(int dta, String pattern, int attributes) throws IOException {
    DosDrives.Resolved r = drives.resolve(pattern, DosDrives.Purpose.PATTERN);
    String name = r.name();
    Path dir = r.host();
    int key = searches.indexOf(dir);
    if (key < 0) {
      searches.add(dir);
      key = searches.size() - 1;
    }
    memory.writeByte(dta, r.drive().letter);
    String fcb = DosName.toFcb(name);
    for (int i = 0; i < 11; i++) {
      memory.writeByte(dta + 1 + i, fcb.charAt(i));
    }
    memory.writeByte(dta + 12, attributes);
    memory.writeWord(dta + 13, 0);
    memory.writeWord(dta + 15, key);
    if (!findNext(dta)) {
      throw DosError.FILE_NOT_FOUND.failure("nothing matches " + pattern);
    }
  }

  /**
   * 4Fh: the next entry of the search kept in the DTA.
   *
   * @return whether one was found
   */
  boolean findNext(int dta) throws IOException {
    int key = memory.readWord(dta + 15);
    if (key >= searches.size()) {
      throw DosError.NO_MORE_FILES.failure("no search in the DTA");
    }
    Path dir = searches.get(key);
    StringBuilder pattern = new StringBuilder();
    for (int i = 0; i < 11; i++) {
      pattern.append((char) memory.readByte(dta + 1 + i));
    }
    String fcbPattern = pattern.toString();
    int wanted = memory.readByte(dta + 12);
    int index = memory.readWord(dta + 13);
    HostDirectory listing = HostDirectory.list(dir);
    List<String> names = new ArrayList<>(listing.dosNames());
    while (index < names.size()) {
      String name = names.get(index++);
      String host = listing.hostName(name);
      if (host == null) {
        continue;
      }
      Path entry = dir.resolve(host);
      if (!matchesFcb(fcbPattern, name) || !entry.normalize().startsWith(dir)) {
        continue;
      }
      int attr = attributesOf(entry);
      // Hidden, system and directory entries need their bit in the search attributes.
      if ((attr & (HIDDEN | SYSTEM | DIRECTORY) & ~wanted) != 0) {
        continue;
      }
      BasicFileAttributes a = Files.readAttributes(entry, BasicFileAttributes.class);
      int stamp = pack(a.lastModifiedTime());
      memory.writeWord(dta + 13, index);
      memory.writeByte(dta + 0x15, attr);
      memory.writeWord(dta + 0x16, stamp & 0xFFFF);
      memory.writeWord(dta + 0x18, stamp >>> 16);
      memory.writeDword(dta + 0x1A, (int) Math.min(a.size(), 0xFFFF_FFFFL));
      byte[] bytes = name.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
      memory.write(dta + 0x1E, new byte[13]);
      memory.write(dta + 0x1E, bytes);
      return true;
    }
    memory.writeWord(dta + 13, index);
    return false;
  }

  private static boolean matchesFcb(String fcbPattern, String name) {
    String n = DosName.toFcb(name);
    for (int i = 0; i < 11; i++) {
      char c = fcbPattern.charAt(i);
      if (c != '?' && c != n.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * 36h: sectors per cluster, free clusters, bytes per sector and total clusters of a drive,
   * capped as DOS does. Free space is the host's, or on a drive with a write quota the room
   * left if that is less, in whole clusters.
   */
  static int[] freeSpace(DosDrives.Drive d) throws IOException {
    java.nio.file.FileStore store = Files.getFileStore(d.root);
    long free = Math.min(store.getUsableSpace(), d.room());
    long cluster = d.sectorsPerCluster * 512L;
    int clusters = (int) Math.min(free / cluster, 0xFFFE);
    int totalClusters = (int) Math.min(store.getTotalSpace() / cluster, 0xFFFE);
    return new int[] {d.sectorsPerCluster, clusters, 512, Math.max(totalClusters, clusters)};
  }

}
