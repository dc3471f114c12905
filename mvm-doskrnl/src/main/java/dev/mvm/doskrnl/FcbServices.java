package dev.mvm.doskrnl;

import dev.mvm.api.cpu.Registers;
import dev.mvm.api.vdd.GuestMemory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The File Control Block functions of INT 21h, the CP/M-style file interface of DOS 1 that
 * programs kept using: open, close, create, delete and rename (with wildcards), search
 * first/next, sequential, random and random-block reads and writes, file size, set random record
 * (0Fh-17h, 21h-24h, 27h, 28h); and 29h, parse a file name into an FCB.
 *
 * <pre>
 * FCB                                    extended FCB: FFh, 5 reserved bytes, attribute (06h),
 * 00h  drive: 0 default, 1 = A: ...                    then the FCB at 07h
 * 01h  name, 8 characters, blank-padded
 * 09h  extension, 3 characters           18h  reserved: here the slot of the open file (18h),
 * 0Ch  current block (128 records)            its drive and state (19h), its serial (1Ah)
 * 0Eh  record size (128 after open)      20h  current record in the block
 * 10h  file size                         21h  random record: 4 bytes when the record size is
 * 14h  date, 16h time of last write           below 64, else 3
 * </pre>
 *
 * <p>As in MS-DOS, an FCB names a file in the current directory of its drive and nowhere else;
 * names go through {@link DosDrives}, so FCBs reach nothing outside a drive. The results are
 * MS-DOS's: AL = 00h or FFh (and the error function 59h reports), and for reads and writes 00h
 * done, 01h end of file (or disk full), 02h the DTA's segment too small, 03h a partial last
 * record, padded with zeros. CF is left as it was. Positions come from the FCB at every call
 * (the current block and record, or the random record), the file size from its size field: a
 * program may move an FCB, copy it, or change its fields between calls.
 *
 * <p>Open files are kept in a table of this kernel, found again from the slot and serial number
 * that open writes into the FCB's reserved area. As MS-DOS does for programs that never close
 * their FCBs, the least recently used files give back their host file when too many are open,
 * and are reopened when used again; an FCB that is used after its file was closed (or was never
 * opened) reopens its file by name in the current directory, which MS-DOS's FCB regeneration
 * also allows. A program's files are closed when it ends. Host files are opened and closed
 * through {@link HostFiles}; at the VM's limit of open host files, these give back the one used
 * longest ago, for handles and for other FCBs alike.
 *
 * <p>On a drive with a write quota, a write that does not fit writes the whole records that do
 * and answers 01h (disk full), as on a full disk; no record is half written.
 */
final class FcbServices {

  // Offsets in an FCB.
  static final int DRIVE = 0x00;
  static final int NAME = 0x01;
  static final int CURRENT_BLOCK = 0x0C;
  static final int RECORD_SIZE = 0x0E;
  static final int FILE_SIZE = 0x10;
  static final int DATE = 0x14;
  static final int TIME = 0x16;
  static final int CURRENT_RECORD = 0x20;
  static final int RANDOM_RECORD = 0x21;
  /** Rename's new name, after a drive byte at 10h. */
  static final int NEW_NAME = 0x11;

  // The reserved area as this kernel uses it.
  private static final int SLOT = 0x18;
  private static final int STATE = 0x19;
  private static final int SERIAL = 0x1A;
  /** In the state byte, besides the drive (0 = A:) in bits 0-5: written since open. */
  private static final int STATE_WRITTEN = 0x40;

  // Where search first leaves what search next needs, as MS-DOS does: in the FCB itself.
  private static final int SEARCH_ATTRIBUTES = 0x0C;
  private static final int SEARCH_INDEX = 0x0D;
  private static final int SEARCH_KEY = 0x0F;
  private static final int SEARCH_DRIVE = 0x15;

  // The kinds of transfer, as MS-DOS's FCBIO names them.
  private static final int RANDOM = 2;
  private static final int READ = 4;
  private static final int BLOCK = 8;

  // AL after a transfer.
  private static final int END_OF_FILE = 1;
  private static final int SEGMENT_WRAP = 2;

  private static final int DEFAULT_RECORD_SIZE = 128;
  /** The largest file FAT16 (MS-DOS 5) allows; writing past it is a full disk. */
  private static final long MAX_FILE_SIZE = 0x7FFF_FFFFL;
  /** Open files kept at once (the slot is one byte of the FCB). */
  private static final int MAX_FILES = 255;
  /** Host files kept open at once; the least recently used others are reopened on demand. */
  private static final int MAX_CHANNELS = 16;
  private static final String DOT = ".          ";
  private static final String DOT_DOT = "..         ";

  private final GuestMemory memory;
  private final DosDrives drives;
  private final Console console;
  private final Supplier<LocalDateTime> clock;
  private final HostFiles host;
  private final @Nullable OpenFile[] files = new OpenFile[MAX_FILES];
  /** The directories of searches, by the key search first leaves in the FCB. */
  private final List<Search> searches = new ArrayList<>();
  private int lastSerial;
  private long uses;

  /** A file opened through an FCB. */
  private static final class OpenFile {
    final int serial;
    final int psp;
    /** The FCB's name when it was opened, upper-cased, to know its FCB again. */
    final String fcbName;
    /** 0 = A:. */
    final int drive;
    final @Nullable String device;
    final Path host;
    final boolean readOnly;
    @Nullable FileChannel channel;
    boolean written;
    long lastUse;

    OpenFile(int serial, int psp, String fcbName, int drive, @Nullable String device, Path host,
        boolean readOnly) {
      this.serial = serial;
      this.psp = psp;
      this.fcbName = fcbName;
      this.drive = drive;
      this.device = device;
      this.host = host;
      this.readOnly = readOnly;
    }
  }

  /** A directory searched through FCBs. */
  private record Search(DosDrives.Drive drive, Path directory) {}

  /** Where a call's FCB is: the normal part, and the attributes of an extended FCB's header. */
  private record Fcb(int address, boolean extended, int attributes) {}

  /** A name in a directory, in FCB form, and the host entry behind it. */
  private record Name(String fcbName, Path host) {}

  /** A directory entry an FCB function found: its name, host entry and attributes. */
  private record Entry(String fcbName, Path host, int attributes) {}

  /** What an FCB names: a device, or a host path that may not exist yet. */
  private record Target(DosDrives.Drive drive, @Nullable String device, Path host,
      boolean exists) {}

  FcbServices(GuestMemory memory, DosDrives drives, Console console,
      Supplier<LocalDateTime> clock, HostFiles host) {
    this.memory = memory;
    this.drives = drives;
    this.console = console;
    this.clock = clock;
    this.host = host;
    host.setGiveBack(this::giveBackOldest);
  }

  /**
   * Runs an FCB function: AH = 0Fh-17h, 21h-24h, 27h-29h.
   *
   * @param r the registers
   * @param psp the running program, which owns the files it opens
   * @param dta the disk transfer area's linear address
   * @param dtaOffset its offset in its segment: transfers stop at the segment's end
   * @return the failure function 59h reports from now on, or null when the call succeeded
   */
  @Nullable DosFailure call(Registers r, int psp, int dta, int dtaOffset) {
    try {
      switch (r.ah()) {
        case 0x0F -> open(r, fcb(r), psp, false); // open
        case 0x10 -> close(r, fcb(r), psp); // close
        case 0x11 -> searchFirst(r, fcb(r), dta); // search first
        case 0x12 -> searchNext(r, fcb(r), dta); // search next
        case 0x13 -> delete(r, fcb(r)); // delete
        case 0x14 -> { // sequential read
          return transfer(r, psp, dta, dtaOffset, READ);
        }
        case 0x15 -> { // sequential write
          return transfer(r, psp, dta, dtaOffset, 0);
        }
        case 0x16 -> open(r, fcb(r), psp, true); // create or truncate
        case 0x17 -> rename(r, fcb(r)); // rename
        case 0x21 -> { // random read
          return transfer(r, psp, dta, dtaOffset, RANDOM | READ);
        }
        case 0x22 -> { // random write
          return transfer(r, psp, dta, dtaOffset, RANDOM);
        }
        case 0x23 -> fileSize(r, fcb(r)); // file size in records
        case 0x24 -> setRandomRecord(r, fcb(r)); // random record from the current position
        case 0x27 -> { // random block read
          return transfer(r, psp, dta, dtaOffset, RANDOM | READ | BLOCK);
        }
        case 0x28 -> { // random block write
          return transfer(r, psp, dta, dtaOffset, RANDOM | BLOCK);
        }
        case 0x29 -> parse(r); // parse a file name
        default -> throw new IllegalArgumentException("not an FCB function: " + r.ah());
      }
      return null;
    } catch (DosFailure f) {
      r.setAl(0xFF);
      return f;
    } catch (IOException | UncheckedIOException e) {
      r.setAl(0xFF);
      return DosError.ACCESS_DENIED.failure("host I/O error: " + e.getMessage());
    }
  }

  /** Closes the files a program opened through FCBs, as its termination does. */
  void closeAll(int psp) {
    for (int i = 0; i < MAX_FILES; i++) {
      OpenFile f = files[i];
      if (f != null && f.psp == psp) {
        release(i);
      }
    }
  }

  /** Closes every host file, for the VM's end. */
  void closeAll() {
    for (int i = 0; i < MAX_FILES; i++) {
      if (files[i] != null) {
        release(i);
      }
    }
  }

  // ---- the FCB ---------------------------------------------------------------------------

  private Fcb fcb(Registers r) {
    int at = Registers.linear(r.ds(), r.dx());
    if (memory.readByte(at) == 0xFF) {
      return new Fcb(at + 7, true, memory.readByte(at + 6));
    }
    return new Fcb(at, false, 0);
  }

  /** The FCB's name as stored, upper-cased: what an open file is known by. */
  private String rawName(int at) {
    StringBuilder s = new StringBuilder(11);
    for (int i = 0; i < 11; i++) {
      s.append((char) upper(memory.readByte(at + i)));
    }
    return s.toString();
  }

  /**
   * The 11-character name at {@code at} as MS-DOS reads it: upper case, {@code *} filling the
   * rest of its field with {@code ?}.
   *
   * @throws DosFailure path not found (3) for a character an FCB name may not hold
   */
  private String pattern(int at) {
    char[] name = rawName(at).toCharArray();
    for (int i = 0; i < 11; i++) {
      char c = name[i];
      if (c < ' ' || "\"/\\[]:<|>+=;,".indexOf(c) >= 0) {
        throw DosError.PATH_NOT_FOUND.failure(
            String.format("character %02Xh in an FCB name", (int) c));
      }
      if (c == '*') {
        int end = i < 8 ? 8 : 11;
        for (int k = i; k < end; k++) {
          name[k] = '?';
        }
      }
    }
    return new String(name);
  }

  /** {@code NAME.EXT} from the FCB form of a name without wildcards. */
  private static String packed(String fcbName) {
    String name = fcbName.substring(0, 8).stripTrailing();
    String ext = fcbName.substring(8).stripTrailing();
    if (name.isEmpty() && ext.isEmpty()) {
      throw DosError.PATH_NOT_FOUND.failure("an FCB with a blank name");
    }
    // "." and ".." are directory entries, never files an FCB names.
    if (name.isEmpty() || name.indexOf('.') >= 0 || ext.indexOf('.') >= 0) {
      throw DosError.FILE_NOT_FOUND.failure("no file \"" + name + "." + ext + "\"");
    }
    return ext.isEmpty() ? name : name + "." + ext;
  }

  private static int upper(int c) {
    return c >= 'a' && c <= 'z' ? c - 0x20 : c;
  }

  /** The drive of an open file. */
  private DosDrives.Drive drive(OpenFile f) {
    DosDrives.Drive d = drives.drive((char) ('A' + f.drive));
    if (d == null) {
      throw DosError.PATH_NOT_FOUND.failure("drive " + (char) ('A' + f.drive) + ": is gone");
    }
    return d;
  }

  /** The drive an FCB's drive byte names: 0 the current drive, 1 = A: ... */
  private DosDrives.Drive drive(int number) {
    DosDrives.Drive d = number == 0 ? drives.drive(drives.currentLetter())
        : number <= 26 ? drives.drive((char) ('A' + number - 1)) : null;
    if (d == null) {
      throw DosError.PATH_NOT_FOUND.failure("drive " + number + " of an FCB is not mapped");
    }
    return d;
  }

  private DosDrives.Drive drive(Fcb f) {
    return drive(memory.readByte(f.address + DRIVE));
  }

  /** The host directory that is the current directory of a drive. */
  private Path currentDirectory(DosDrives.Drive d) {
    DosDrives.Resolved r = drives.resolve(d.letter + ":", DosDrives.Purpose.DIRECTORY);
    if (!r.exists() || !Files.isDirectory(r.host())) {
      throw DosError.PATH_NOT_FOUND.failure("the current directory of " + d.letter + ": is gone");
    }
    return r.host();
  }

  /** The names in a directory, with "." and ".." in a subdirectory, in a stable order. */
  private static List<Name> names(DosDrives.Drive d, Path dir) throws IOException {
    List<Name> list = new ArrayList<>();
    Path parent = dir.getParent();
    if (!dir.equals(d.root) && parent != null) {
      list.add(new Name(DOT, dir));
      list.add(new Name(DOT_DOT, parent));
    }
    HostDirectory listing = HostDirectory.list(dir);
    for (String name : listing.dosNames()) {
      String host = listing.hostName(name);
      if (host != null) {
        list.add(new Name(DosName.toFcb(name), dir.resolve(host)));
      }
    }
    return list;
  }

  /**
   * The entry behind a name when it matches the pattern and a search with these attributes
   * sees it; a link that leads out of the drive is not there at all.
   */
  private static @Nullable Entry match(DosDrives.Drive d, Name n, String pattern, int search) {
    if (!matches(pattern, n.fcbName())) {
      return null;
    }
    int attributes = n.fcbName().startsWith(".") ? FileServices.DIRECTORY
        : FileServices.attributesOf(n.host());
    if (!visible(attributes, search) || !inside(d, n.host())) {
      return null;
    }
    return new Entry(n.fcbName(), n.host(), attributes);
  }

  private static boolean inside(DosDrives.Drive d, Path entry) {
    try {
      return entry.toRealPath().startsWith(d.root);
    } catch (IOException e) {
      return false; // a broken link
    }
  }

  private static boolean matches(String pattern, String fcbName) {
    for (int i = 0; i < 11; i++) {
      char c = pattern.charAt(i);
      if (c != '?' && c != fcbName.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a search with these attributes sees an entry: hidden, system and directory entries
   * need their bit. A search for the volume label alone finds nothing: host drives have none.
   */
  private static boolean visible(int attributes, int search) {
    if (search == FileServices.VOLUME) {
      return false;
    }
    int special = FileServices.HIDDEN | FileServices.SYSTEM | FileServices.DIRECTORY;
    return (attributes & special & ~search) == 0;
  }

  /** Finds what an FCB names: the file, or with wildcards the first entry that matches. */
  private Target locate(Fcb f, String pattern) throws IOException {
    DosDrives.Drive d = drive(f);
    if (pattern.indexOf('?') >= 0) {
      Path dir = currentDirectory(d);
      for (Name n : names(d, dir)) {
        Entry e = match(d, n, pattern, f.attributes());
        if (e != null) {
          return new Target(d, null, e.host(), true);
        }
      }
      throw DosError.FILE_NOT_FOUND.failure("nothing matches " + pattern);
    }
    DosDrives.Resolved r = drives.resolve(d.letter + ":" + packed(pattern),
        DosDrives.Purpose.FILE);
    return new Target(d, r.device(), r.host(), r.exists());
  }

  // ---- the open files --------------------------------------------------------------------

  /** Enters a newly opened file into the table and its slot and serial into the FCB. */
  private OpenFile enter(int fcb, int psp, Target t, @Nullable FileChannel channel,
      boolean readOnly) {
    if (lookup(fcb) != null) {
      release(memory.readByte(fcb + SLOT)); // opened again without a close: one file per FCB
    }
    int slot = -1;
    for (int i = 0; i < MAX_FILES && slot < 0; i++) {
      if (files[i] == null) {
        slot = i;
      }
    }
    if (slot < 0) {
      slot = leastRecentlyUsed(false);
      release(slot);
    }
    lastSerial = lastSerial % 0xFFFF + 1;
    OpenFile f = new OpenFile(lastSerial, psp, rawName(fcb + NAME), t.drive().letter - 'A',
        t.device(), t.host(), readOnly);
    f.channel = channel;
    f.lastUse = ++uses;
    files[slot] = f;
    memory.writeByte(fcb + SLOT, slot);
    memory.writeByte(fcb + STATE, f.drive);
    memory.writeWord(fcb + SERIAL, f.serial);
    memory.writeDword(fcb + SERIAL + 2, 0);
    return f;
  }

  /** The open file of an FCB, or null when it has none (closed, or never opened). */
  private @Nullable OpenFile lookup(int fcb) {
    int slot = memory.readByte(fcb + SLOT);
    OpenFile f = slot < MAX_FILES ? files[slot] : null;
    if (f == null || f.serial != memory.readWord(fcb + SERIAL)
        || f.drive != (memory.readByte(fcb + STATE) & 0x3F)
        || !f.fcbName.equals(rawName(fcb + NAME))) {
      return null;
    }
    f.lastUse = ++uses;
    return f;
  }

  /** The open file of an FCB, reopened by name in the current directory if it has none. */
  private OpenFile openFile(Fcb f, int psp) throws IOException {
    OpenFile file = lookup(f.address());
    if (file != null) {
      return file;
    }
    boolean written = (memory.readByte(f.address() + STATE) & STATE_WRITTEN) != 0;
    file = open(f, psp, false, pattern(f.address() + NAME));
    file.written = written;
    if (written) {
      memory.writeByte(f.address() + STATE, file.drive | STATE_WRITTEN);
    }
    return file;
  }

  /** The host file of an open file, opened again if it was given back. */
  private FileChannel channel(OpenFile f) throws IOException {
    FileChannel c = f.channel;
    if (c != null) {
      return c;
    }
    makeRoom();
    if (!Files.exists(f.host)) {
      throw DosError.FILE_NOT_FOUND.failure("the file of an FCB is gone: " + f.host.getFileName());
    }
    c = f.readOnly ? host.open(f.host, Set.of(StandardOpenOption.READ))
        : host.open(f.host, Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE));
    f.channel = c;
    return c;
  }

  /** Gives back the least recently used host file when as many are open as are kept. */
  private void makeRoom() throws IOException {
    int open = 0;
    for (OpenFile o : files) {
      if (o != null && o.channel != null) {
        open++;
      }
    }
    if (open >= MAX_CHANNELS) {
      giveBackOldest();
    }
  }

  /**
   * Closes the host file of the FCB file used longest ago, which stays open for DOS and opens
   * its host file again when it is next used.
   *
   * @return whether there was one to close
   */
  private boolean giveBackOldest() {
    int slot = leastRecentlyUsed(true);
    OpenFile oldest = files[slot];
    FileChannel old = oldest == null ? null : oldest.channel;
    if (oldest == null || old == null) {
      return false;
    }
    oldest.channel = null;
    try {
      host.close(old);
    } catch (IOException ignored) {
      // what was written is on the host already: nothing is buffered here
    }
    return true;
  }

  /** The slot used longest ago, among those with a host file open if {@code withChannel}. */
  private int leastRecentlyUsed(boolean withChannel) {
    int oldest = 0;
    long age = Long.MAX_VALUE;
    for (int i = 0; i < MAX_FILES; i++) {
      OpenFile f = files[i];
      if (f != null && f.lastUse < age && (!withChannel || f.channel != null)) {
        oldest = i;
        age = f.lastUse;
      }
    }
    return oldest;
  }

  private void release(int slot) {
    OpenFile f = files[slot];
    files[slot] = null;
    FileChannel c = f == null ? null : f.channel;
    if (c != null) {
      try {
        host.close(c);
      } catch (IOException ignored) {
        // what was written is on the host already: nothing is buffered here
      }
    }
  }

  // ---- open, create, close ---------------------------------------------------------------

  /** 0Fh open and 16h create (which truncates a file that exists). */
  private void open(Registers r, Fcb f, int psp, boolean create) throws IOException {
    String pattern = pattern(f.address() + NAME);
    OpenFile file = open(f, psp, create, pattern);
    int at = f.address();
    long size = 0;
    int stamp = FileServices.pack(FileTime.from(clock.get().toInstant(ZoneOffset.UTC)));
    if (file.device == null) {
      memory.writeByte(at + DRIVE, file.drive + 1);
      if (!create) {
        BasicFileAttributes a = Files.readAttributes(file.host, BasicFileAttributes.class);
        size = Math.min(a.size(), 0xFFFF_FFFFL);
        stamp = FileServices.pack(a.lastModifiedTime());
      }
    }
    memory.writeWord(at + CURRENT_BLOCK, 0);
    memory.writeWord(at + RECORD_SIZE, DEFAULT_RECORD_SIZE);
    memory.writeDword(at + FILE_SIZE, (int) size);
    memory.writeWord(at + DATE, stamp >>> 16);
    memory.writeWord(at + TIME, stamp & 0xFFFF);
    if (create) {
      // The new entry's date goes to the host at close, as MS-DOS writes it from the FCB.
      file.written = true;
      memory.writeByte(at + STATE, file.drive | STATE_WRITTEN);
    }
    r.setAl(0);
  }

  private OpenFile open(Fcb f, int psp, boolean create, String pattern) throws IOException {
    int attributes = f.extended() ? f.attributes() : 0;
    if (create && pattern.indexOf('?') >= 0) {
      throw DosError.PATH_NOT_FOUND.failure("create with wildcards: " + pattern);
    }
    if (create && (attributes & (FileServices.VOLUME | FileServices.DIRECTORY | 0x40)) != 0) {
      throw DosError.ACCESS_DENIED.failure(String.format("create with attributes %02Xh",
          attributes));
    }
    Target t = locate(f, pattern);
    if (t.device() != null) {
      return enter(f.address(), psp, t, null, false);
    }
    boolean directory = t.exists() && Files.isDirectory(t.host());
    if (!create && !t.exists()) {
      throw DosError.FILE_NOT_FOUND.failure("no file " + t.host().getFileName());
    }
    if (directory) {
      throw DosError.ACCESS_DENIED.failure(t.host().getFileName() + " is a directory");
    }
    boolean readOnly = t.drive().readOnly || (t.exists() && !Files.isWritable(t.host()));
    if (create && readOnly) {
      throw DosError.ACCESS_DENIED.failure("cannot create " + t.host().getFileName()
          + ": it or its drive is read-only");
    }
    makeRoom();
    FileChannel c;
    try {
      long before = create && t.exists() ? Files.size(t.host()) : 0;
      c = create ? host.open(t.host(), Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE,
              StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING))
          : readOnly ? host.open(t.host(), Set.of(StandardOpenOption.READ))
          : host.open(t.host(), Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE));
      t.drive().grew(-before);
    } catch (java.nio.file.AccessDeniedException e) {
      throw DosError.ACCESS_DENIED.failure("host refuses " + t.host().getFileName());
    }
    if (create && (attributes & FileServices.READ_ONLY) != 0) {
      t.host().toFile().setWritable(false); // this FCB keeps writing; later opens read only
    }
    return enter(f.address(), psp, t, c, readOnly);
  }

  /** 10h: close. Closing what is not open succeeds, as MS-DOS lets it. */
  private void close(Registers r, Fcb f, int psp) throws IOException {
    int at = f.address();
    OpenFile file = lookup(at);
    if (file == null && (memory.readByte(at + STATE) & STATE_WRITTEN) != 0
        && memory.readWord(at + SERIAL) != 0) {
      try {
        file = openFile(f, psp); // written and given back: the date and size still go out
      } catch (DosFailure gone) {
        file = null;
      }
    }
    r.setAl(0);
    if (file == null) {
      return;
    }
    if (!file.written || file.device != null) {
      release(memory.readByte(at + SLOT));
      return;
    }
    // MS-DOS writes the directory entry from the FCB: its size and its date and time.
    memory.writeByte(at + STATE, file.drive);
    try {
      FileChannel c = channel(file);
      long size = memory.readDword(at + FILE_SIZE) & 0xFFFF_FFFFL;
      long before = c.size();
      if (size < before) {
        c.truncate(size);
        drive(file).grew(c.size() - before);
      }
    } finally {
      release(memory.readByte(at + SLOT));
    }
    LocalDateTime stamp = unpack(memory.readWord(at + DATE), memory.readWord(at + TIME));
    if (stamp != null) { // a written file is on a writable drive
      Files.setLastModifiedTime(file.host, FileTime.from(stamp.toInstant(ZoneOffset.UTC)));
    }
  }

  private static @Nullable LocalDateTime unpack(int date, int time) {
    try {
      return LocalDateTime.of(1980 + (date >>> 9), date >>> 5 & 0xF, date & 0x1F,
          time >>> 11, time >>> 5 & 0x3F, (time & 0x1F) * 2);
    } catch (java.time.DateTimeException e) {
      return null; // a date the program made up: the host keeps its own
    }
  }

  // ---- reads and writes ------------------------------------------------------------------

  /**
   * 14h, 15h, 21h, 22h, 27h, 28h: MS-DOS's FCBIO. The record comes from the current block and
   * record, or from the random record; the transfer is cut to what fits before the end of the
   * DTA's segment; a partial record read is padded with zeros; sequential and block transfers
   * move the current record past what was transferred, block transfers the random record too.
   */
  private @Nullable DosFailure transfer(Registers r, int psp, int dta, int dtaOffset, int op) {
    Fcb f = fcb(r);
    int at = f.address();
    boolean read = (op & READ) != 0;
    boolean block = (op & BLOCK) != 0;
    long count = block ? r.cx() : 1;
    long record = (long) memory.readWord(at + CURRENT_BLOCK) << 7
        | (memory.readByte(at + CURRENT_RECORD) & 0x7F);
    int size = memory.readWord(at + RECORD_SIZE);
    if (size == 0) {
      size = DEFAULT_RECORD_SIZE;
      memory.writeWord(at + RECORD_SIZE, size);
    }
    if ((op & RANDOM) != 0) {
      record = memory.readDword(at + RANDOM_RECORD) & (size < 64 ? 0xFFFF_FFFFL : 0xFF_FFFFL);
    }
    setCurrentRecord(at, record);
    long position = record * size & 0xFFFF_FFFFL;
    int result = 0;
    if (count * size + dtaOffset > 0xFFFF) {
      result = SEGMENT_WRAP;
      count = (dtaOffset == 0 ? 0xFFFF : 0x10000 - dtaOffset) / size;
    }
    int bytes = (int) (count * size);
    long done = 0;
    boolean device = false;
    if (bytes != 0 || result == 0) {
      try {
        OpenFile file = openFile(f, psp);
        device = file.device != null;
        done = read ? read(file, at, position, dta, bytes) : write(file, at, position, dta, bytes);
      } catch (DosFailure e) {
        return failed(r, block, e);
      } catch (IOException | UncheckedIOException e) {
        return failed(r, block,
            DosError.ACCESS_DENIED.failure("host I/O error: " + e.getMessage()));
      }
    }
    boolean diskFull = done < 0;
    done = Math.max(done, 0);
    long records = done / size;
    long rest = done % size;
    record += records;
    if ((records != count && (read || !device)) || diskFull) {
      result = END_OF_FILE; // on output, a full disk; output to a device is never short
    }
    if (rest != 0) {
      record++;
      if (read) {
        records++;
        result = SEGMENT_WRAP | END_OF_FILE;
        memory.write(dta + (int) done, new byte[(int) (size - rest)]);
      }
    }
    record &= 0xFFFF_FFFFL;
    if ((op & RANDOM) == 0 || block) {
      setCurrentRecord(at, record);
    }
    if (block) {
      memory.writeWord(at + RANDOM_RECORD, (int) record);
      memory.writeByte(at + RANDOM_RECORD + 2, (int) (record >>> 16));
      if (memory.readWord(at + RECORD_SIZE) < 64) {
        memory.writeByte(at + RANDOM_RECORD + 3, (int) (record >>> 24));
      }
      r.setCx((int) records);
    }
    if (!read) {
      int stamp = FileServices.pack(FileTime.from(clock.get().toInstant(ZoneOffset.UTC)));
      memory.writeWord(at + DATE, stamp >>> 16);
      memory.writeWord(at + TIME, stamp & 0xFFFF);
    }
    r.setAl(result);
    return null;
  }

  /** A transfer that could not reach its file: AL = 01h, nothing transferred. */
  private static DosFailure failed(Registers r, boolean block, DosFailure e) {
    r.setAl(END_OF_FILE);
    if (block) {
      r.setCx(0);
    }
    return e;
  }

  private void setCurrentRecord(int at, long record) {
    memory.writeByte(at + CURRENT_RECORD, (int) record & 0x7F);
    memory.writeWord(at + CURRENT_BLOCK, (int) (record >>> 7));
  }

  /** Reads up to the FCB's file size, which is what MS-DOS takes as the file's end. */
  private long read(OpenFile file, int at, long position, int dta, int bytes) throws IOException {
    String device = file.device;
    if (device != null) {
      byte[] data = console.readDevice(device, bytes);
      memory.write(dta, data);
      return data.length;
    }
    FileChannel c = channel(file);
    long end = Math.min(memory.readDword(at + FILE_SIZE) & 0xFFFF_FFFFL, c.size());
    ByteBuffer buffer = ByteBuffer.allocate((int) Math.max(0, Math.min(bytes, end - position)));
    while (buffer.hasRemaining() && c.read(buffer, position + buffer.position()) > 0) {
      // a host file may deliver fewer bytes than asked before its end
    }
    memory.write(dta, buffer.array(), 0, buffer.position());
    return buffer.position();
  }

  /**
   * Writes and sets the FCB's file size; a write of no bytes sets the file's size to the
   * position, cutting or extending it. On a drive with a write quota, only the whole records
   * that fit are written.
   *
   * @return the bytes written, or -1 when the disk is full
   */
  private long write(OpenFile file, int at, long position, int dta, int bytes) throws IOException {
    byte[] data = memory.read(dta, bytes);
    String device = file.device;
    if (device != null) {
      console.writeDevice(device, false, data);
      return bytes;
    }
    if (file.readOnly) {
      throw DosError.ACCESS_DENIED.failure(file.host.getFileName() + " is read-only");
    }
    if (position + bytes > MAX_FILE_SIZE) {
      return -1;
    }
    FileChannel c = channel(file);
    DosDrives.Drive d = drive(file);
    long size = memory.readDword(at + FILE_SIZE) & 0xFFFF_FFFFL;
    long before = c.size();
    if (bytes == 0) {
      if (position < before) {
        c.truncate(position);
      } else if (position > before) {
        if (position - before > d.room()) {
          return -1; // no room to extend the file so far
        }
        c.write(ByteBuffer.wrap(new byte[1]), position - 1);
      }
      size = position;
    } else {
      int record = Math.max(1, memory.readWord(at + RECORD_SIZE));
      long fits = d.fit(before, position, bytes);
      if (fits < bytes) {
        fits -= fits % record; // whole records only, as a full disk takes them
        if (fits == 0) {
          return -1;
        }
      }
      ByteBuffer buffer = ByteBuffer.wrap(data, 0, (int) fits);
      while (buffer.hasRemaining()) {
        c.write(buffer, position + buffer.position());
      }
      size = Math.max(size, position + fits);
      bytes = (int) fits;
    }
    d.grew(c.size() - before);
    memory.writeDword(at + FILE_SIZE, (int) size);
    file.written = true;
    memory.writeByte(at + STATE, file.drive | STATE_WRITTEN);
    return bytes;
  }

  // ---- searches --------------------------------------------------------------------------

  /** 11h: the first entry matching the FCB's name, as an unopened FCB in the DTA. */
  private void searchFirst(Registers r, Fcb f, int dta) throws IOException {
    String pattern = pattern(f.address() + NAME);
    DosDrives.Drive d = drive(f);
    Search search = new Search(d, currentDirectory(d));
    int key = searches.indexOf(search);
    if (key < 0) {
      searches.add(search);
      key = searches.size() - 1;
    }
    if (!found(r, f, dta, pattern, f.attributes(), 0, key)) {
      throw DosError.NO_MORE_FILES.failure("nothing matches " + pattern);
    }
  }

  /** 12h: the next entry of the search that search first left in the FCB. */
  private void searchNext(Registers r, Fcb f, int dta) throws IOException {
    int at = f.address();
    int index = memory.readWord(at + SEARCH_INDEX);
    int key = memory.readWord(at + SEARCH_KEY);
    if (index >= 0x8000 || key >= searches.size()
        || !found(r, f, dta, rawName(at + NAME), memory.readByte(at + SEARCH_ATTRIBUTES), index,
            key)) {
      throw DosError.NO_MORE_FILES.failure("no more files");
    }
  }

  /**
   * Looks for a match from entry {@code index} on; when there is one, writes it to the DTA and
   * what the next search needs to the FCB.
   */
  private boolean found(Registers r, Fcb f, int dta, String pattern, int attributes, int index,
      int key) throws IOException {
    Search search = searches.get(key);
    if (!Files.isDirectory(search.directory())) {
      return false;
    }
    List<Name> names = names(search.drive(), search.directory());
    for (int i = index; i < names.size(); i++) {
      Entry e = match(search.drive(), names.get(i), pattern, attributes);
      if (e == null) {
        continue;
      }
      int at = f.address();
      for (int k = 0; k < 11; k++) {
        memory.writeByte(at + NAME + k, pattern.charAt(k));
      }
      memory.writeByte(at + SEARCH_ATTRIBUTES, attributes);
      memory.writeWord(at + SEARCH_INDEX, i + 1);
      memory.writeWord(at + SEARCH_KEY, key);
      memory.writeDword(at + SEARCH_KEY + 2, 0);
      memory.writeByte(at + SEARCH_DRIVE, search.drive().letter - 'A' + 1);
      int out = dta;
      if (f.extended()) {
        memory.writeByte(out, 0xFF);
        memory.write(out + 1, new byte[5]);
        memory.writeByte(out + 6, f.attributes());
        out += 7;
      }
      int drive = memory.readByte(at + DRIVE);
      memory.writeByte(out, drive != 0 ? drive : drives.currentLetter() - 'A' + 1);
      directoryEntry(out + 1, e);
      r.setAl(0);
      return true;
    }
    return false;
  }

  /** The 32 bytes of a directory entry: name, attributes, time, date, cluster, size. */
  private void directoryEntry(int at, Entry e) throws IOException {
    BasicFileAttributes a = Files.readAttributes(e.host(), BasicFileAttributes.class);
    int stamp = FileServices.pack(a.lastModifiedTime());
    memory.write(at, new byte[32]);
    for (int k = 0; k < 11; k++) {
      memory.writeByte(at + k, e.fcbName().charAt(k));
    }
    memory.writeByte(at + 0x0B, e.attributes());
    memory.writeWord(at + 0x16, stamp & 0xFFFF);
    memory.writeWord(at + 0x18, stamp >>> 16);
    if (!a.isDirectory()) {
      memory.writeDword(at + 0x1C, (int) Math.min(a.size(), 0xFFFF_FFFFL));
    }
  }

  // ---- delete, rename, size, random record ------------------------------------------------

  /**
   * 13h: deletes every file that matches. Read-only files are kept unless the extended FCB's
   * attributes include read-only; directories are never deleted.
   */
  private void delete(Registers r, Fcb f) throws IOException {
    String pattern = pattern(f.address() + NAME);
    DosDrives.Drive d = drive(f);
    if (pattern.indexOf('?') < 0 && DosName.device(packed(pattern)) != null) {
      throw DosError.ACCESS_DENIED.failure("a device cannot be deleted: " + packed(pattern));
    }
    boolean found = false;
    boolean deleted = false;
    for (Name n : names(d, currentDirectory(d))) {
      Entry e = match(d, n, pattern, f.attributes());
      if (e == null || e.fcbName().startsWith(".")) {
        continue;
      }
      found = true;
      boolean keep = (e.attributes() & FileServices.DIRECTORY) != 0 || d.readOnly
          || (e.attributes() & FileServices.READ_ONLY & ~f.attributes()) != 0;
      if (!keep) {
        try {
          long size = Files.size(e.host());
          Files.delete(e.host());
          d.grew(-size);
          deleted = true;
        } catch (IOException refused) {
          // the host keeps it: counted as found, not deleted
        }
      }
    }
    if (!found) {
      throw DosError.FILE_NOT_FOUND.failure("nothing matches " + pattern);
    }
    if (!deleted) {
      throw DosError.ACCESS_DENIED.failure("nothing matching " + pattern + " could be deleted");
    }
    r.setAl(0);
  }

  /**
   * 17h: renames every entry that matches the name at 01h to the name at 11h, where a {@code ?}
   * keeps the old name's character. It stops at the first new name that exists, after the
   * renames before it, as MS-DOS does.
   */
  private void rename(Registers r, Fcb f) throws IOException {
    int at = f.address();
    String pattern = pattern(at + NAME);
    String template = pattern(at + NEW_NAME);
    DosDrives.Drive d = drive(f);
    if (pattern.indexOf('?') < 0 && DosName.device(packed(pattern)) != null) {
      throw DosError.ACCESS_DENIED.failure("a device cannot be renamed: " + packed(pattern));
    }
    Path dir = currentDirectory(d);
    Set<String> taken = new HashSet<>();
    List<Entry> sources = new ArrayList<>();
    for (Name n : names(d, dir)) {
      taken.add(n.fcbName());
      Entry e = match(d, n, pattern, f.attributes());
      if (e != null && !e.fcbName().startsWith(".")) {
        sources.add(e);
      }
    }
    if (sources.isEmpty()) {
      throw DosError.FILE_NOT_FOUND.failure("nothing matches " + pattern);
    }
    for (Entry source : sources) {
      StringBuilder name = new StringBuilder(11);
      for (int i = 0; i < 11; i++) {
        char c = template.charAt(i);
        name.append(c == '?' ? source.fcbName().charAt(i) : c);
      }
      String fcbName = name.toString();
      String newName;
      try {
        newName = packed(fcbName);
      } catch (DosFailure blank) {
        newName = "";
      }
      if (newName.isEmpty() || !newName.equals(DosName.normalize(newName))) {
        throw DosError.PATH_NOT_FOUND.failure("invalid new name \"" + newName + "\"");
      }
      if (DosName.device(newName) != null || taken.contains(fcbName)) {
        throw DosError.ACCESS_DENIED.failure("cannot rename to " + newName + ": it exists");
      }
      if (d.readOnly) {
        throw DosError.ACCESS_DENIED.failure("drive " + d.letter + ": is read-only");
      }
      Files.move(source.host(), dir.resolve(newName));
      taken.remove(source.fcbName());
      taken.add(fcbName);
    }
    r.setAl(0);
  }

  /**
   * 23h: the file's size in records of the FCB's record size (128 if 0), rounded up, into the
   * random record. As in MS-DOS, the fourth byte is written only when it is not zero.
   */
  private void fileSize(Registers r, Fcb f) throws IOException {
    int at = f.address();
    Target t = locate(f, pattern(at + NAME));
    if (t.device() != null || !t.exists()
        || (Files.isDirectory(t.host()) && !visible(FileServices.DIRECTORY, f.attributes()))) {
      throw DosError.FILE_NOT_FOUND.failure("no file " + t.host().getFileName());
    }
    long bytes = Files.isDirectory(t.host()) ? 0 : Math.min(Files.size(t.host()), 0xFFFF_FFFFL);
    int size = memory.readWord(at + RECORD_SIZE);
    if (size == 0) {
      size = DEFAULT_RECORD_SIZE;
    }
    long records = (bytes + size - 1) / size;
    memory.writeWord(at + RANDOM_RECORD, (int) records);
    memory.writeByte(at + RANDOM_RECORD + 2, (int) (records >>> 16));
    if (records >>> 24 != 0) {
      memory.writeByte(at + RANDOM_RECORD + 3, (int) (records >>> 24));
    }
    r.setAl(0);
  }

  /** 24h: the random record from the current block and record. */
  private void setRandomRecord(Registers r, Fcb f) {
    int at = f.address();
    int record = memory.readWord(at + CURRENT_BLOCK) << 7
        | (memory.readByte(at + CURRENT_RECORD) & 0x7F);
    memory.writeWord(at + RANDOM_RECORD, record);
    memory.writeByte(at + RANDOM_RECORD + 2, record >>> 16);
    if (memory.readWord(at + RECORD_SIZE) < 64) {
      memory.writeByte(at + RANDOM_RECORD + 3, 0);
    }
    r.setAl(0);
  }

  /** 29h: parse the name at DS:SI into the FCB at ES:DI. */
  private void parse(Registers r) {
    FcbParser.Result p = FcbParser.parse(memory,
        drive -> drives.drive((char) ('A' + drive - 1)) != null, r.ds(), r.si(),
        Registers.linear(r.es(), r.di()), r.al());
    r.setSi(p.offset());
    r.setAl(p.result());
  }
}
