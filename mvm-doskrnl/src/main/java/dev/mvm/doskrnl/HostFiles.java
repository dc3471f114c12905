package dev.mvm.doskrnl;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The host files the kernel holds open for the guest, handles and FCB files alike, counted
 * against the VM's limit ({@link dev.mvm.api.VmBuilder#maxOpenFiles}). Every host file the
 * kernel keeps open is opened and closed here.
 *
 * <p>At the limit, an open first asks the FCB files to give back the host file they used longest
 * ago (an FCB file reopens its host file when it is used again, as MS-DOS's FCBS= cache does),
 * and fails with too many open files (4) only when none can.
 */
final class HostFiles {

  private final int limit;
  private int open;
  private BooleanSupplier giveBack = () -> false;

  /**
   * @param limit the most host files open at once, or 0 for no limit beyond DOS's own tables
   */
  HostFiles(int limit) {
    this.limit = limit;
  }

  /**
   * Sets who can give a host file back at the limit: the FCB files.
   *
   * @param giveBack closes one host file and says true, or says false when it has none to close
   */
  void setGiveBack(BooleanSupplier giveBack) {
    this.giveBack = giveBack;
  }

  /**
   * Opens a host file, counted.
   *
   * @throws DosFailure too many open files (4) at the limit when no FCB file can give one back
   */
  FileChannel open(Path path, Set<? extends OpenOption> options) throws IOException {
    makeRoom();
    FileChannel channel = FileChannel.open(path, options);
    open++;
    return channel;
  }

  /**
   * Checks that one more host file may be opened, giving back an FCB's if needed, without
   * opening one: for a caller that wants to know before it changes anything.
   *
   * @throws DosFailure too many open files (4) when it may not
   */
  void makeRoom() {
    while (limit > 0 && open >= limit) {
      int before = open;
      if (!giveBack.getAsBoolean() || open >= before) {
        throw DosError.TOO_MANY_OPEN_FILES.failure(
            "the VM holds its limit of " + limit + " open host files");
      }
    }
  }

  /** Closes a host file this class opened. */
  void close(FileChannel channel) throws IOException {
    if (channel.isOpen()) {
      open--;
      channel.close();
    }
  }

  /** Host files open now. */
  int open() {
    return open;
  }

  /** The limit, or 0 for none. */
  int limit() {
    return limit;
  }
}
