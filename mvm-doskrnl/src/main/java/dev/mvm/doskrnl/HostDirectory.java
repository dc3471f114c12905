package dev.mvm.doskrnl;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One host directory as DOS sees it: every entry under a unique 8.3 name. An entry whose name
 * is already a valid 8.3 name (in any case) keeps it, upper-cased; the others (long names,
 * several dots, characters DOS refuses, or a name that differs only in case from another) get
 * an alias of the Windows kind, {@code LONGNA~1.TXT}.
 *
 * <p>Aliases are assigned in the order of the host names, first to the names that are valid as
 * they are, so a directory's listing always maps the same way; adding a file can only change
 * the alias of entries that sort after it and needed the same alias.
 */
final class HostDirectory {

  private final Map<String, String> hostByDosName;

  private HostDirectory(Map<String, String> hostByDosName) {
    this.hostByDosName = hostByDosName;
  }

  /**
   * Lists a host directory.
   *
   * @param dir an existing host directory
   * @return its entries by DOS name
   * @throws IOException if the directory cannot be listed
   */
  static HostDirectory list(Path dir) throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        Path fileName = entry.getFileName();
        if (fileName != null) {
          names.add(fileName.toString());
        }
      }
    }
    return of(names);
  }

  /**
   * Maps a list of host names.
   *
   * @param hostNames the names in a directory
   * @return the mapping
   */
  static HostDirectory of(List<String> hostNames) {
    List<String> sorted = new ArrayList<>(hostNames);
    Collections.sort(sorted);
    Map<String, String> byDos = new LinkedHashMap<>();
    Set<String> taken = new HashSet<>();
    List<String> needAlias = new ArrayList<>();
    for (String host : sorted) {
      String upper = host.toUpperCase(Locale.ROOT);
      if (isPlain83(upper) && DosName.device(upper) == null && taken.add(upper)) {
        byDos.put(upper, host);
      } else {
        needAlias.add(host);
      }
    }
    for (String host : needAlias) {
      String alias = alias(host, taken);
      if (alias != null) {
        taken.add(alias);
        byDos.put(alias, host);
      }
    }
    return new HostDirectory(byDos);
  }

  /** Whether an upper-cased host name is a DOS name as it stands (no truncation needed). */
  static boolean isPlain83(String upper) {
    String normalized = DosName.normalize(upper);
    return normalized != null && normalized.equals(upper) && !upper.endsWith(".");
  }

  /** The first free {@code BASE~N.EXT} for a host name, or null if none of 99,999 is free. */
  private static @Nullable String alias(String host, Set<String> taken) {
    String upper = host.toUpperCase(Locale.ROOT);
    int dot = upper.lastIndexOf('.');
    String base = sanitize(dot <= 0 ? upper : upper.substring(0, dot));
    String ext = dot <= 0 ? "" : sanitize(upper.substring(dot + 1));
    if (base.isEmpty()) {
      base = "_";
    }
    if (ext.length() > 3) {
      ext = ext.substring(0, 3);
    }
    String suffix = ext.isEmpty() ? "" : "." + ext;
    for (int n = 1; n < 100_000; n++) {
      String tail = "~" + n;
      String head = base.substring(0, Math.min(base.length(), 8 - tail.length()));
      String candidate = head + tail + suffix;
      if (!taken.contains(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /** Keeps the characters DOS allows, dropping dots and spaces, replacing others with _. */
  private static String sanitize(String part) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (c == '.' || c == ' ') {
        continue;
      }
      s.append(DosName.isValidChar(c) ? c : '_');
    }
    return s.toString();
  }

  /**
   * The host name behind a DOS name.
   *
   * @param dosName an upper-case 8.3 name
   * @return the host entry's name, or null if there is none
   */
  @Nullable String hostName(String dosName) {
    return hostByDosName.get(dosName);
  }

  /** The DOS names of all entries, in the order of their host names. */
  Set<String> dosNames() {
    return Collections.unmodifiableSet(hostByDosName.keySet());
  }
}
