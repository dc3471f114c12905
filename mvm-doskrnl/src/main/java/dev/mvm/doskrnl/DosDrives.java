package dev.mvm.doskrnl;

import dev.mvm.api.DriveMapping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The drives of one VM, each a host directory, with the current drive and the current
 * directory of each drive; and the one place where a path a guest names becomes a host path.
 *
 * <p>Every path is resolved inside its drive's root, component by component, through the 8.3
 * names of {@link HostDirectory}: a guest cannot name a host path at all, only DOS names of
 * entries that exist below the root. On top of that, the real path of what was found (links
 * followed) must still lie inside the root's real path; a link that leads outside is refused
 * with access denied. {@code ..} above the root, empty components ({@code A\\B}), a device
 * name used as a directory, a component of dots only, and a directory part longer than DOS's
 * 64 characters are refused with path not found, as MS-DOS answers them.
 */
final class DosDrives {

  /** The longest directory part DOS keeps: 64 characters after {@code X:}. */
  static final int MAX_DIRECTORY_LENGTH = 64;

  /** What a path is resolved for: the last component names a file, or a directory. */
  enum Purpose {
    FILE,
    DIRECTORY,
    /** FIND FIRST: the last component is a pattern with {@code ?} and {@code *}. */
    PATTERN
  }

  /** Sectors per cluster of a drive as DOS sees it: 32 KiB clusters of 512-byte sectors. */
  static final int SECTORS_PER_CLUSTER = 64;

  /** The most clusters a drive's DPB gives (FAT16's). */
  static final int MAX_CLUSTERS = 0xFFF4;

  /**
   * A mapped drive, its current directory, and its write quota: the account of the bytes the
   * guest added to the drive's files.
   */
  static final class Drive {
    final char letter;
    final Path root;
    final boolean readOnly;
    /** The bytes the guest may add to the drive's files, net; -1 for no quota. */
    final long quota;
    /**
     * Sectors per cluster as the DPB, 36h and IOCTL show the drive: 64, or on a drive with a
     * write quota the fewest that count the quota in at most {@link #MAX_CLUSTERS} clusters, so
     * that 36h shows the room left to within a cluster (512 bytes for quotas up to 32 MiB).
     */
    final int sectorsPerCluster;
    /** The bytes the guest added to the drive's files so far, net of what it deleted. */
    long added;
    /** The current directory as DOS names from the root; empty at the root. */
    List<String> currentDirectory = List.of();

    Drive(char letter, Path root, boolean readOnly, long quota) {
      this.letter = letter;
      this.root = root;
      this.readOnly = readOnly;
      this.quota = quota;
      int spc = SECTORS_PER_CLUSTER;
      if (quota >= 0) {
        spc = 1;
        while (spc < SECTORS_PER_CLUSTER && quota / (spc * 512L) > MAX_CLUSTERS) {
          spc *= 2;
        }
      }
      this.sectorsPerCluster = spc;
    }

    /** The bytes the guest may still add to the drive's files; Long.MAX_VALUE without quota. */
    long room() {
      return quota < 0 ? Long.MAX_VALUE : Math.max(0, quota - added);
    }

    /**
     * How many of {@code count} bytes written at {@code position} of a file of {@code size}
     * bytes fit: all when the file does not grow, else as many as leave the file at most the
     * room left larger (a gap before the position takes room too), possibly none.
     */
    long fit(long size, long position, long count) {
      long end = position + count;
      long room = room();
      if (end <= size || room == Long.MAX_VALUE) {
        return count;
      }
      return Math.max(0, Math.min(end, size + room) - position);
    }

    /**
     * Books a change of a file's size on the quota's account: growth takes room, and what a
     * deletion or truncation frees gives it back.
     *
     * @param bytes the file's new size less its old one
     */
    void grew(long bytes) {
      added += bytes;
    }

    /** {@code \DIR\SUB} or {@code \}: the current directory as DOS shows it. */
    String currentPath() {
      return "\\" + String.join("\\", currentDirectory);
    }
  }

  /**
   * A path resolved on its drive.
   *
   * @param drive the drive
   * @param components the DOS names from the root, the last one the file or directory named
   * @param host the host path (for a device, the host directory it was named in)
   * @param device the device's name when the path names one ({@code NUL}, {@code CON} ...)
   * @param exists whether the host entry exists
   */
  record Resolved(
      Drive drive, List<String> components, Path host, @Nullable String device, boolean exists) {

    /** The DOS name of the last component, or empty for the root. */
    String name() {
      return components.isEmpty() ? "" : components.get(components.size() - 1);
    }

    /** {@code C:\DIR\FILE.TXT}: the full DOS path (what TRUENAME gives). */
    String dosPath() {
      return drive.letter + ":\\" + String.join("\\", components);
    }
  }

  private final Map<Character, Drive> drives = new TreeMap<>();
  private char current;

  /**
   * Maps the configured drives. The first one becomes current.
   *
   * @param mappings the builder's drive mappings
   * @throws IOException if a root is not an existing directory
   */
  DosDrives(List<DriveMapping> mappings) throws IOException {
    for (DriveMapping m : mappings) {
      if (!Files.isDirectory(m.root())) {
        throw new IOException(
            "drive " + m.letter() + ": root " + m.root() + " is not an existing directory");
      }
      drives.put(m.letter(),
          new Drive(m.letter(), m.root().toRealPath(), m.readOnly(), m.writeQuota()));
    }
    current = drives.isEmpty() ? 'C' : drives.keySet().iterator().next();
  }

  /** The current drive's letter. */
  char currentLetter() {
    return current;
  }

  /**
   * Makes a drive current.
   *
   * @param letter a drive letter
   * @return whether the drive is mapped (if not, the current drive stays)
   */
  boolean setCurrent(char letter) {
    char upper = Character.toUpperCase(letter);
    if (!drives.containsKey(upper)) {
      return false;
    }
    current = upper;
    return true;
  }

  /** The drive with a letter, or null. */
  @Nullable Drive drive(char letter) {
    return drives.get(Character.toUpperCase(letter));
  }

  /** The highest mapped letter, for the "number of drives" DOS reports. */
  char lastLetter() {
    return drives.isEmpty() ? 'C' : ((TreeMap<Character, Drive>) drives).lastKey();
  }

  /**
   * Resolves a guest's path.
   *
   * @param dosPath the path as the guest gave it
   * @param purpose what the last component names
   * @return the resolved path
   * @throws DosFailure with the error DOS would give
   */
  Resolved resolve(String dosPath, Purpose purpose) {
    String rest = dosPath;
    Drive drive;
    if (rest.length() >= 2 && rest.charAt(1) == ':') {
      char letter = Character.toUpperCase(rest.charAt(0));
      Drive d = drives.get(letter);
      if (d == null) {
        throw DosError.PATH_NOT_FOUND.failure("drive " + rest.charAt(0) + ": is not mapped");
      }
      drive = d;
      rest = rest.substring(2);
    } else {
      Drive d = drives.get(current);
      if (d == null) {
        throw DosError.PATH_NOT_FOUND.failure("no drive is mapped");
      }
      drive = d;
    }
    List<String> components = parse(drive, rest, purpose, dosPath);
    return locate(drive, components, purpose, dosPath);
  }

  /** Splits and normalises the components, applying {@code .} and {@code ..}. */
  private static List<String> parse(Drive drive, String rest, Purpose purpose, String original) {
    boolean absolute = !rest.isEmpty() && isSeparator(rest.charAt(0));
    List<String> stack = new ArrayList<>(absolute ? List.of() : drive.currentDirectory);
    if (rest.isEmpty()) {
      if (purpose != Purpose.DIRECTORY) {
        throw DosError.PATH_NOT_FOUND.failure("empty path");
      }
      return stack;
    }
    String[] raw = rest.split("[\\\\/]", -1);
    int first = absolute ? 1 : 0;
    for (int i = first; i < raw.length; i++) {
      String part = raw[i];
      boolean last = i == raw.length - 1;
      if (part.isEmpty()) {
        // Only a trailing separator of a directory path, or the root itself, may be empty.
        if (last && (purpose == Purpose.DIRECTORY || i == first)) {
          continue;
        }
        throw DosError.PATH_NOT_FOUND.failure("empty component in " + quoted(original));
      }
      if (part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (stack.isEmpty()) {
          throw DosError.PATH_NOT_FOUND.failure(".. above the root in " + quoted(original));
        }
        stack.remove(stack.size() - 1);
        continue;
      }
      String name = part.chars().allMatch(c -> c == '.') ? null
          : last && purpose == Purpose.PATTERN ? DosName.normalizePattern(part)
          : DosName.normalize(part);
      if (name == null) {
        DosError error =
            last && purpose != Purpose.DIRECTORY ? DosError.FILE_NOT_FOUND : DosError.PATH_NOT_FOUND;
        throw error.failure("invalid name " + quoted(part) + " in " + quoted(original));
      }
      if (!last && DosName.device(name) != null) {
        throw DosError.PATH_NOT_FOUND.failure(
            "device " + name + " used as a directory in " + quoted(original));
      }
      stack.add(name);
    }
    int directoryLength = 0;
    for (int i = 0; i < stack.size() - (purpose != Purpose.DIRECTORY ? 1 : 0); i++) {
      directoryLength += stack.get(i).length() + 1;
    }
    if (directoryLength > MAX_DIRECTORY_LENGTH) {
      throw DosError.PATH_NOT_FOUND.failure("path longer than DOS allows: " + quoted(original));
    }
    return stack;
  }

  private static boolean isSeparator(char c) {
    return c == '\\' || c == '/';
  }

  /** Finds the host entries behind the components and checks the result stays inside. */
  private Resolved locate(Drive drive, List<String> components, Purpose purpose, String original) {
    Path dir = drive.root;
    try {
      for (int i = 0; i < components.size() - 1; i++) {
        String name = components.get(i);
        String host = HostDirectory.list(dir).hostName(name);
        if (host == null || !Files.isDirectory(dir.resolve(host))) {
          throw DosError.PATH_NOT_FOUND.failure(
              "no directory " + name + " in " + quoted(original));
        }
        dir = dir.resolve(host);
      }
      checkInside(drive, dir.toRealPath(), original);
      if (components.isEmpty()) {
        return new Resolved(drive, components, dir, null, true);
      }
      String name = components.get(components.size() - 1);
      if (purpose == Purpose.PATTERN) {
        return new Resolved(drive, components, dir, null, false); // the directory to search
      }
      if (purpose == Purpose.FILE && DosName.device(name) != null) {
        return new Resolved(drive, components, dir, DosName.device(name), true);
      }
      String host = HostDirectory.list(dir).hostName(name);
      if (host == null) {
        Path created = dir.resolve(name);
        return new Resolved(drive, components, created, null, false);
      }
      Path found = dir.resolve(host);
      if (!Files.exists(found)) { // a dangling link: it leads nowhere we could serve
        throw DosError.ACCESS_DENIED.failure("broken link " + name + " in " + quoted(original));
      }
      checkInside(drive, found.toRealPath(), original);
      return new Resolved(drive, components, found, null, true);
    } catch (IOException e) {
      throw DosError.ACCESS_DENIED.failure(
          "host error on " + quoted(original) + ": " + e.getMessage());
    }
  }

  private static void checkInside(Drive drive, Path real, String original) {
    if (!real.startsWith(drive.root)) {
      throw DosError.ACCESS_DENIED.failure(quoted(original) + " leads outside drive "
          + drive.letter + ":");
    }
  }

  /**
   * Changes a drive's current directory (INT 21h function 3Bh).
   *
   * @param dosPath the new directory
   * @throws DosFailure path not found when it is not an existing directory
   */
  void changeDirectory(String dosPath) {
    Resolved r = resolve(dosPath, Purpose.DIRECTORY);
    if (!r.exists() || r.device() != null || !Files.isDirectory(r.host())) {
      throw DosError.PATH_NOT_FOUND.failure("no directory " + quoted(dosPath));
    }
    r.drive().currentDirectory = List.copyOf(r.components());
  }

  private static String quoted(String s) {
    return "\"" + s.replace("\"", "\\\"") + "\"";
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    drives.values().forEach(d -> s.append(String.format(Locale.ROOT, "%c: %s%s%s; ", d.letter,
        d.root, d.readOnly ? " (read-only)" : "",
        d.quota >= 0 ? " (" + d.added + " of " + d.quota + " bytes added)" : "")));
    return s.toString();
  }
}
