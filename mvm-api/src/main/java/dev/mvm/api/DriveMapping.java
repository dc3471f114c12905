package dev.mvm.api;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * A DOS drive backed by a host directory. Every path a guest names is resolved inside
 * {@code root}: {@code ..}, absolute host paths, device names and links that lead outside are
 * refused with the DOS error a real DOS would give.
 *
 * @param letter the drive letter, {@code A} to {@code Z}
 * @param root the host directory that is the drive's root
 * @param readOnly whether the guest may only read
 */
public record DriveMapping(char letter, Path root, boolean readOnly) {

  /**
   * Normalises the letter to upper case and checks it.
   *
   * @throws VmConfigurationException if the letter is not A to Z
   */
  public DriveMapping {
    Objects.requireNonNull(root, "root");
    char upper = Character.toUpperCase(letter);
    if (upper < 'A' || upper > 'Z') {
      throw new VmConfigurationException("drive letter must be A to Z: '" + letter + "'");
    }
    letter = upper;
    root = root.toAbsolutePath().normalize();
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%c: -> %s%s", letter, root, readOnly ? " (read-only)" : "");
  }
}
