package dev.mvm.api;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * A DOS drive backed by a host directory. Every path a guest names is resolved inside
 * {@code root}: {@code ..}, absolute host paths, device names and links that lead outside are
 * refused with the DOS error a real DOS would give.
 *
 * <p>A drive can have a write quota: the bytes the guest may add to the drive's files, as if
 * the drive had that much free space (see {@link VmBuilder#writeQuota}).
 *
 * @param letter the drive letter, {@code A} to {@code Z}
 * @param root the host directory that is the drive's root
 * @param readOnly whether the guest may only read
 * @param writeQuota the bytes the guest may add to the drive's files, net of what it deletes or
 *     truncates, or {@link #NO_QUOTA}
 */
public record DriveMapping(char letter, Path root, boolean readOnly, long writeQuota) {

  /** The {@link #writeQuota} of a drive the guest may fill as far as the host's disk allows. */
  public static final long NO_QUOTA = -1;

  /**
   * Normalises the letter to upper case and checks it.
   *
   * @throws VmConfigurationException if the letter is not A to Z, or the quota is negative and
   *     not {@link #NO_QUOTA}
   */
  public DriveMapping {
    Objects.requireNonNull(root, "root");
    char upper = Character.toUpperCase(letter);
    if (upper < 'A' || upper > 'Z') {
      throw new VmConfigurationException("drive letter must be A to Z: '" + letter + "'");
    }
    if (writeQuota < 0 && writeQuota != NO_QUOTA) {
      throw new VmConfigurationException(
          "write quota must not be negative: " + writeQuota + " bytes for drive " + upper + ":");
    }
    letter = upper;
    root = root.toAbsolutePath().normalize();
  }

  /**
   * A drive without a write quota.
   *
   * @param letter the drive letter, {@code A} to {@code Z}
   * @param root the host directory that is the drive's root
   * @param readOnly whether the guest may only read
   */
  public DriveMapping(char letter, Path root, boolean readOnly) {
    this(letter, root, readOnly, NO_QUOTA);
  }

  /**
   * This drive with a write quota.
   *
   * @param bytes the bytes the guest may add to the drive's files, or {@link #NO_QUOTA}
   * @return a mapping of the same letter and root with that quota
   */
  public DriveMapping withWriteQuota(long bytes) {
    return new DriveMapping(letter, root, readOnly, bytes);
  }

  /**
   * Whether the drive has a write quota.
   *
   * @return true unless the quota is {@link #NO_QUOTA}
   */
  public boolean hasWriteQuota() {
    return writeQuota != NO_QUOTA;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%c: -> %s%s%s", letter, root, readOnly ? " (read-only)" : "",
        hasWriteQuota() ? " (write quota " + writeQuota + " bytes)" : "");
  }
}
