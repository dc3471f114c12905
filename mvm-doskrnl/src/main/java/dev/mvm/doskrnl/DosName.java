package dev.mvm.doskrnl;

import java.util.Locale;
import java.util.Set;

/**
 * DOS file names: the 8.3 form, the characters it allows, the devices whose names shadow
 * files, and wildcard matching as FIND FIRST does it.
 *
 * <p>As MS-DOS does, a name part longer than eight characters and an extension longer than
 * three are truncated rather than refused, names are upper-cased, and a device name (CON, NUL,
 * ...) means the device whatever its extension and in every directory.
 */
final class DosName {

  /** Characters DOS refuses in a file name, besides control characters and space. */
  private static final String FORBIDDEN = "\"*+,./:;<=>?[\\]|";

  /** Names of the character devices, which every directory appears to contain. */
  static final Set<String> DEVICES =
      Set.of("CON", "PRN", "AUX", "NUL", "CLOCK$", "COM1", "COM2", "COM3", "COM4", "LPT1",
          "LPT2", "LPT3");

  private DosName() {}

  /** Whether {@code c} may appear in a DOS name part or extension. */
  static boolean isValidChar(char c) {
    return c > ' ' && c < 0x100 && c != 0x7F && FORBIDDEN.indexOf(c) < 0;
  }

  /**
   * Normalises one path component as DOS does: upper case, name truncated to 8 and extension
   * to 3 characters.
   *
   * @param component a component without separators
   * @return the 8.3 name, or null when it has a character DOS refuses, is empty, or has more
   *     than one dot
   */
  static @org.jspecify.annotations.Nullable String normalize(String component) {
    String upper = component.toUpperCase(Locale.ROOT);
    int dot = upper.indexOf('.');
    String name = dot < 0 ? upper : upper.substring(0, dot);
    String ext = dot < 0 ? "" : upper.substring(dot + 1);
    if (name.isEmpty() || ext.indexOf('.') >= 0) {
      return null;
    }
    for (int i = 0; i < upper.length(); i++) {
      char c = upper.charAt(i);
      if (c != '.' && !isValidChar(c)) {
        return null;
      }
    }
    if (name.length() > 8) {
      name = name.substring(0, 8);
    }
    if (ext.length() > 3) {
      ext = ext.substring(0, 3);
    }
    return ext.isEmpty() ? name : name + "." + ext;
  }

  /**
   * Normalises the last component of a FIND FIRST pattern: as {@link #normalize}, but {@code ?}
   * and {@code *} are allowed.
   *
   * @param pattern a component without separators
   * @return the upper-case pattern, or null when it has a character DOS refuses
   */
  static @org.jspecify.annotations.Nullable String normalizePattern(String pattern) {
    String masked = pattern.replace('*', 'A').replace('?', 'A');
    String normalized = normalize(masked);
    if (normalized == null) {
      return null;
    }
    String upper = pattern.toUpperCase(Locale.ROOT);
    int dot = upper.indexOf('.');
    String name = dot < 0 ? upper : upper.substring(0, dot);
    String ext = dot < 0 ? "" : upper.substring(dot + 1);
    name = name.length() > 8 ? name.substring(0, 8) : name;
    ext = ext.length() > 3 ? ext.substring(0, 3) : ext;
    return dot < 0 ? name : name + "." + ext;
  }

  /**
   * Whether a normalised name is a device: its part before the dot names one.
   *
   * @param name an 8.3 name
   * @return the device name, or null
   */
  static @org.jspecify.annotations.Nullable String device(String name) {
    int dot = name.indexOf('.');
    String base = dot < 0 ? name : name.substring(0, dot);
    return DEVICES.contains(base) ? base : null;
  }

  /**
   * The 11-character FCB form: name padded to 8, extension padded to 3, no dot.
   *
   * @param name an 8.3 name or a pattern with {@code ?} and {@code *}
   * @return the padded form; {@code *} fills the rest of its field with {@code ?}
   */
  static String toFcb(String name) {
    int dot = name.lastIndexOf('.');
    String base = dot < 0 ? name : name.substring(0, dot);
    String ext = dot < 0 ? "" : name.substring(dot + 1);
    return field(base, 8) + field(ext, 3);
  }

  private static String field(String part, int width) {
    StringBuilder s = new StringBuilder(width);
    for (int i = 0; i < part.length() && s.length() < width; i++) {
      char c = part.charAt(i);
      if (c == '*') {
        while (s.length() < width) {
          s.append('?');
        }
        break;
      }
      s.append(c);
    }
    while (s.length() < width) {
      s.append(' ');
    }
    return s.toString();
  }

  /**
   * FIND FIRST's match: both in FCB form, a {@code ?} in the pattern matches any character,
   * including the padding.
   *
   * @param pattern the pattern as the program gave it, upper-cased
   * @param name an 8.3 name
   * @return whether the name matches
   */
  static boolean matches(String pattern, String name) {
    String p = toFcb(pattern);
    String n = toFcb(name);
    for (int i = 0; i < 11; i++) {
      char c = p.charAt(i);
      if (c != '?' && c != n.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
