package dev.mvm.doskrnl;

import java.util.ArrayList;
import java.util.List;

/**
 * Record locking, INT 21h function 5Ch, with the semantics SHARE gives MS-DOS: a lock covers a
 * range of bytes of an open file; locking a range that overlaps one already locked, by any
 * handle, fails with lock violation (21h); unlocking needs a lock with exactly the same start
 * and length through the same open file (the same system file table entry, so a duplicated
 * handle shares its original's locks), or it fails with lock violation too. The locks of a file
 * go when its last handle is closed.
 *
 * <p>The locks are advisory: reads and writes are not checked against them. Locking a device
 * succeeds and locks nothing. At most {@value #MAX_LOCKS} locks are held at once; one more fails
 * with sharing buffer exceeded (24h), as SHARE does when its lock table is full. MS-DOS 5 without SHARE answers 5Ch with invalid function (01h);
 * the kernel provides the locking itself, like later DOS versions, while INT 2Fh 1000h still
 * says SHARE is not installed.
 */
final class RecordLocks {

  /** A locked range of a file, held through one open file (an SFT entry). */
  private record Lock(FileTable.Entry holder, String file, long start, long length) {
    boolean overlaps(String otherFile, long otherStart, long otherLength) {
      return file.equals(otherFile) && start < otherStart + otherLength
          && otherStart < start + length;
    }
  }

  /** The most locks held at once, like SHARE's /L: switch (whose default is 20). */
  static final int MAX_LOCKS = 4096;

  private final FileTable files;
  private final List<Lock> locks = new ArrayList<>();

  RecordLocks(FileTable files) {
    this.files = files;
  }

  /**
   * 5Ch: AL = 00h lock, 01h unlock the range at offset CX:DX of length SI:DI.
   *
   * @param sftIndex the file's SFT index (from the handle in BX)
   * @param unlock whether to unlock
   * @param start the offset of the range
   * @param length its length in bytes
   * @throws DosFailure lock violation
   */
  void lock(int sftIndex, boolean unlock, long start, long length) {
    FileTable.Entry holder = files.get(sftIndex);
    locks.removeIf(l -> !isOpen(l.holder()));
    if (holder.isDevice() || length == 0) {
      return; // nothing to lock on a device; an empty range locks nothing
    }
    String file = holder.dosPath;
    if (unlock) {
      if (!locks.remove(new Lock(holder, file, start, length))) {
        throw DosError.LOCK_VIOLATION.failure("no lock of " + length + " bytes at " + start
            + " in " + file + " through this handle");
      }
      return;
    }
    for (Lock l : locks) {
      if (l.overlaps(file, start, length)) {
        throw DosError.LOCK_VIOLATION.failure(length + " bytes at " + start + " in " + file
            + " overlap a lock of " + l.length() + " bytes at " + l.start());
      }
    }
    if (locks.size() >= MAX_LOCKS) {
      throw DosError.SHARING_BUFFER_EXCEEDED.failure(MAX_LOCKS + " locks are held");
    }
    locks.add(new Lock(holder, file, start, length));
  }

  private boolean isOpen(FileTable.Entry file) {
    for (int i = 0; i < files.capacity(); i++) {
      if (files.peek(i) == file) {
        return true;
      }
    }
    return false;
  }
}
