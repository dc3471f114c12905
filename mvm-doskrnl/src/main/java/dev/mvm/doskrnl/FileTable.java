package dev.mvm.doskrnl;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The system file table: every file and device open in the VM, shared by the handles that
 * refer to it (a program's job file table holds indices into it): an entry counts its handles
 * in every program's table, one for the open, one more for each DUP, FORCE DUP or handle a
 * child inherits, and goes when the last is closed. The first entries are the standard devices
 * the first program starts with and every child inherits; the kernel never closes them, so they
 * stay in the table, with a count of 0 when no handle refers to them.
 *
 * <p>Host files are opened through {@link java.nio.channels.FileChannel} and closed when the
 * last handle goes, so what the guest wrote is on the host as soon as it closes (and on every
 * write: nothing is buffered on the Java side). They are opened and closed through {@link
 * HostFiles}, which counts them against the VM's limit.
 */
final class FileTable {

  /** SFT entry of CON for standard input and output. */
  static final int CON = 0;
  /** SFT entry of CON as standard error, which a host may capture apart. */
  static final int CON_ERR = 1;
  /** SFT entry of AUX. */
  static final int AUX = 2;
  /** SFT entry of PRN. */
  static final int PRN = 3;

  /** The job file table a first program starts with: stdin, stdout, stderr, stdaux, stdprn. */
  static byte[] standardJft() {
    byte[] jft = new byte[Psp.JFT_ENTRIES];
    java.util.Arrays.fill(jft, (byte) 0xFF);
    jft[0] = CON;
    jft[1] = CON;
    jft[2] = CON_ERR;
    jft[3] = AUX;
    jft[4] = PRN;
    return jft;
  }

  /** One open file or device. */
  static final class Entry {
    final String dosPath;
    final @Nullable FileChannel channel;
    final @Nullable String device;
    /** 0 read, 1 write, 2 read/write: the access bits of the open mode. */
    final int access;
    final int drive;
    /**
     * The handles that refer to it, in every program's job file table: a new file starts with
     * the one handle its open gives it, and the SFT mirror shows this count.
     */
    int references = 1;
    boolean written;
    /**
     * The low byte of a device's information word as a program set it with IOCTL 4401h (the
     * raw bit, 20h, among others), or -1 for the device's own.
     */
    int flags = -1;
    /** Open mode bit 7: a child started with EXEC does not get this file's handles. */
    boolean noInherit;

    Entry(String dosPath, @Nullable FileChannel channel, @Nullable String device, int access,
        int drive) {
      this.dosPath = dosPath;
      this.channel = channel;
      this.device = device;
      this.access = access;
      this.drive = drive;
    }

    boolean isDevice() {
      return device != null;
    }

    FileChannel channel() {
      FileChannel c = channel;
      if (c == null) {
        throw DosError.INVALID_HANDLE.failure(dosPath + " is a device");
      }
      return c;
    }
  }

  private final List<@Nullable Entry> entries = new ArrayList<>();
  private final int capacity;
  private final HostFiles host;

  /**
   * @param capacity the most files open at once in the VM (CONFIG.SYS's FILES=)
   * @param host the host files of the VM, where this table's are closed
   */
  FileTable(int capacity, HostFiles host) {
    this.capacity = capacity;
    this.host = host;
    add(new Entry("CON", null, "CON", 2, -1));
    add(new Entry("CON", null, "CON", 1, -1));
    add(new Entry("AUX", null, "AUX", 2, -1));
    add(new Entry("PRN", null, "PRN", 1, -1));
    for (int i = 0; i <= PRN; i++) {
      entries.get(i).references = 0; // until a program gets handles to them
    }
  }

  /**
   * Enters an open file.
   *
   * @param entry the file
   * @return its index
   * @throws DosFailure too many open files (4) when the table is full
   */
  int add(Entry entry) {
    try {
      checkRoom();
    } catch (DosFailure full) {
      closeQuietly(entry);
      throw full;
    }
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i) == null) {
        entries.set(i, entry);
        return i;
      }
    }
    entries.add(entry);
    return entries.size() - 1;
  }

  /**
   * Checks that the table has room for one more file, before anything is opened or truncated.
   *
   * @throws DosFailure too many open files (4) when the table is full
   */
  void checkRoom() {
    if (entries.size() >= capacity && !entries.contains(null)) {
      throw DosError.TOO_MANY_OPEN_FILES.failure("the system file table holds " + capacity);
    }
  }

  /**
   * The entry at an index.
   *
   * @param index an SFT index from a job file table
   * @return the entry
   * @throws DosFailure invalid handle (6) when nothing is open there
   */
  Entry get(int index) {
    Entry e = index < entries.size() ? entries.get(index) : null;
    if (e == null) {
      throw DosError.INVALID_HANDLE.failure("no open file at SFT index " + index);
    }
    return e;
  }

  /** The most files open at once (FILES=), the size of the system file table. */
  int capacity() {
    return capacity;
  }

  /**
   * The entry at an index, if one is open there.
   *
   * @param index an SFT index
   * @return the entry, or null
   */
  @Nullable Entry peek(int index) {
    return index >= 0 && index < entries.size() ? entries.get(index) : null;
  }

  /**
   * Counts the handles of a job file table a program starts with (the first program, or a child
   * of EXEC that inherits them): one more reference for each.
   *
   * @param jft the SFT indices, FFh for a closed handle
   */
  void addReferences(byte[] jft) {
    for (byte sft : jft) {
      if (sft != (byte) 0xFF) {
        get(sft & 0xFF).references++;
      }
    }
  }

  /**
   * Drops one reference (a handle closed); the last closes the host file. The standard
   * devices stay in the table with no handles, as the kernel never closes them.
   */
  void release(int index) throws IOException {
    Entry e = get(index);
    if (--e.references <= 0) {
      if (index <= PRN) {
        e.references = 0;
        return;
      }
      entries.set(index, null);
      FileChannel c = e.channel;
      if (c != null) {
        host.close(c);
      }
    }
  }

  /**
   * Forgets every open file, for the machine's reset: the host files are closed and the
   * standard devices are left with no handles.
   */
  void reset() {
    closeAll();
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      if (i <= PRN && e != null) {
        e.references = 0;
      } else {
        entries.set(i, null);
      }
    }
  }

  /** Closes every host file, for the VM's end: what the guest wrote stays intact. */
  void closeAll() {
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      if (e != null) {
        closeQuietly(e);
        if (e.channel != null) {
          entries.set(i, null);
        }
      }
    }
  }

  private void closeQuietly(Entry e) {
    FileChannel c = e.channel;
    if (c != null) {
      try {
        host.close(c);
      } catch (IOException ignored) {
        // the VM is ending; the bytes written are already on the host
      }
    }
  }
}
