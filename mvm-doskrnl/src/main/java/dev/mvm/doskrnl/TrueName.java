package dev.mvm.doskrnl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * INT 21h function 60h, TRUENAME: the canonical form of a path, {@code D:\PATH\FILE.EXT}, as
 * MS-DOS 5 computes it. The path need not exist; nothing on the host is looked at. Letters are
 * upper-cased, forward slashes become backslashes, {@code .} and {@code ..} are resolved against
 * the drive's current directory, names are cut to 8.3 and {@code *} becomes as many {@code ?} as
 * its field holds. A device name without a directory (or in {@code \DEV}) comes back as
 * {@code D:/NAME}, with a forward slash, as MS-DOS 3.3&ndash;6 return it.
 *
 * <p>Errors, as MS-DOS returns them: 02h for an invalid name (a character DOS refuses, a
 * wildcard before the last component) or a drive letter alone; 03h for a malformed path (an
 * empty component, {@code ..} above the root, a result longer than DOS allows) or a drive that
 * is not mapped.
 */
final class TrueName {

  private TrueName() {}

  /**
   * Canonicalises a path.
   *
   * @param drives the drives and their current directories
   * @param path the path as the program gave it
   * @return the canonical path
   * @throws DosFailure file not found (02h) or path not found (03h)
   */
  static String of(DosDrives drives, String path) {
    String rest = path;
    char letter;
    if (rest.length() >= 2 && rest.charAt(1) == ':') {
      letter = Character.toUpperCase(rest.charAt(0));
      rest = rest.substring(2);
      if (letter < 'A' || letter > 'Z' || drives.drive(letter) == null) {
        throw DosError.PATH_NOT_FOUND.failure("drive " + path.charAt(0) + ": is not mapped");
      }
      if (rest.isEmpty()) {
        throw DosError.FILE_NOT_FOUND.failure("a drive letter alone: " + path);
      }
    } else {
      letter = drives.currentLetter();
    }
    DosDrives.Drive drive = drives.drive(letter);
    if (drive == null || rest.isEmpty()) {
      throw DosError.PATH_NOT_FOUND.failure("no path in \"" + path + "\"");
    }
    String[] parts = rest.split("[\\\\/]", -1);
    boolean absolute = isSeparator(rest.charAt(0));
    String upper = rest.toUpperCase(Locale.ROOT).replace('/', '\\');
    boolean explicitDirectory = parts.length > 1;
    if (!explicitDirectory || (upper.startsWith("\\DEV\\") && parts.length == 3)) {
      String name = DosName.normalize(parts[parts.length - 1]);
      if (name != null && DosName.device(name) != null) {
        return letter + ":/" + name;
      }
    }
    List<String> components = new ArrayList<>(absolute ? List.of() : drive.currentDirectory);
    for (int i = absolute ? 1 : 0; i < parts.length; i++) {
      String part = parts[i];
      boolean last = i == parts.length - 1;
      if (part.isEmpty()) {
        if (last) {
          break; // a trailing separator names the directory itself
        }
        throw DosError.PATH_NOT_FOUND.failure("empty component in \"" + path + "\"");
      }
      if (part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (components.isEmpty()) {
          throw DosError.PATH_NOT_FOUND.failure(".. above the root in \"" + path + "\"");
        }
        components.remove(components.size() - 1);
        continue;
      }
      String name = part.chars().allMatch(c -> c == '.') ? null
          : last ? DosName.normalizePattern(part) : DosName.normalize(part);
      if (name == null) {
        throw DosError.FILE_NOT_FOUND.failure("invalid name \"" + part + "\" in \"" + path + "\"");
      }
      components.add(last ? expandStars(name) : name);
    }
    int directory = 0;
    for (int i = 0; i < components.size() - 1; i++) {
      directory += components.get(i).length() + 1;
    }
    if (directory > DosDrives.MAX_DIRECTORY_LENGTH) {
      throw DosError.PATH_NOT_FOUND.failure("\"" + path + "\" is longer than DOS allows");
    }
    return letter + ":\\" + String.join("\\", components);
  }

  private static boolean isSeparator(char c) {
    return c == '\\' || c == '/';
  }

  /** {@code *} as the {@code ?}s of its field: {@code A*.*} is {@code A???????.???}. */
  private static String expandStars(String name) {
    if (name.indexOf('*') < 0) {
      return name;
    }
    String fcb = DosName.toFcb(name);
    String base = fcb.substring(0, 8).stripTrailing();
    String ext = fcb.substring(8).stripTrailing();
    return ext.isEmpty() ? base : base + "." + ext;
  }
}
