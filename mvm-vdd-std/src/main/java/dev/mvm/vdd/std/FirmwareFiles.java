package dev.mvm.vdd.std;

import dev.mvm.api.VmConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Named files a host hands to the firmware through QEMU's firmware configuration interface, for
 * {@link VFwCfg#FILES}: the VGA BIOS SeaBIOS runs as an option ROM, a boot order, settings
 * under {@code etc/}. An immutable value: {@link #with} returns a new one. The firmware finds
 * the files by name in the fw_cfg file directory, in name order.
 *
 * <pre>{@code
 * Vm vm = Vm.builder()
 *     .biosImage(Path.of("/usr/share/seabios/bios.bin"))
 *     .property(VFwCfg.FILES, FirmwareFiles.NONE
 *         .with(FirmwareFiles.VGA_BIOS, Path.of("/usr/share/seabios/vgabios-isavga.bin"))
 *         .with("etc/boot-fail-wait", new byte[] {0x10, 0x27, 0, 0}))   // 10 s, little-endian
 *     .build();
 * }</pre>
 */
public final class FirmwareFiles {

  /** No files: the default. */
  public static final FirmwareFiles NONE = new FirmwareFiles(new TreeMap<>());

  /**
   * The name under which SeaBIOS looks for a VGA BIOS on a machine without PCI, as QEMU's ISA VGA
   * card hands it: {@code vgaroms/vgabios.bin}.
   */
  public static final String VGA_BIOS = "vgaroms/vgabios.bin";

  /** The longest name, in characters: the directory entry has 56 bytes with the final zero. */
  public static final int MAX_NAME_LENGTH = 55;

  /** The most files the selectors from 0020h to 3FFFh have room for. */
  public static final int MAX_FILES = 0x4000 - 0x20;

  private final TreeMap<String, byte[]> files;

  private FirmwareFiles(TreeMap<String, byte[]> files) {
    this.files = files;
  }

  /**
   * Returns these files and one more; a file of the same name is replaced.
   *
   * @param name the file's name, for example {@code etc/boot-fail-wait}: 1 to 55 printable
   *     ASCII characters, no spaces
   * @param contents the bytes; copied
   * @return the new set of files
   * @throws IllegalArgumentException if the name is not of that form or there are too many files
   */
  public FirmwareFiles with(String name, byte[] contents) {
    checkName(name);
    TreeMap<String, byte[]> more = new TreeMap<>(files);
    more.put(name, contents.clone());
    if (more.size() > MAX_FILES) {
      throw new IllegalArgumentException("fw_cfg has room for " + MAX_FILES + " files");
    }
    return new FirmwareFiles(more);
  }

  /**
   * Returns these files and one more, read from a host file now.
   *
   * @param name the file's name for the firmware
   * @param file the host file
   * @return the new set of files
   * @throws VmConfigurationException if the host file cannot be read
   * @throws IllegalArgumentException if the name is not of the form {@link #with(String,
   *     byte[])} describes
   */
  public FirmwareFiles with(String name, Path file) {
    checkName(name);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException | RuntimeException e) {
      throw new VmConfigurationException(
          "cannot read " + file + " for the firmware file " + name + ": " + e, e);
    }
    return with(name, bytes);
  }

  /**
   * Returns these files without one.
   *
   * @param name the file's name
   * @return the new set of files
   */
  public FirmwareFiles without(String name) {
    TreeMap<String, byte[]> fewer = new TreeMap<>(files);
    fewer.remove(name);
    return new FirmwareFiles(fewer);
  }

  /**
   * The names, in the order of the file directory.
   *
   * @return the names, sorted
   */
  public SortedSet<String> names() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(files.keySet()));
  }

  /**
   * A file's bytes.
   *
   * @param name the file's name
   * @return a copy of its bytes, or empty if there is no such file
   */
  public Optional<byte[]> contents(String name) {
    byte[] bytes = files.get(name);
    return bytes == null ? Optional.empty() : Optional.of(bytes.clone());
  }

  /** The files, in name order, shared with VFWCFG without copying. */
  Map<String, byte[]> entries() {
    return Collections.unmodifiableMap(files);
  }

  private static void checkName(String name) {
    if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException(
          "a firmware file name has 1 to " + MAX_NAME_LENGTH + " characters: '" + name + "'");
    }
    for (int i = 0; i < name.length(); i++) {
      char ch = name.charAt(i);
      if (ch <= ' ' || ch > '~') {
        throw new IllegalArgumentException("a firmware file name has printable ASCII characters"
            + " and no spaces: '" + name + "'");
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FirmwareFiles other) || !files.keySet().equals(other.files.keySet())) {
      return false;
    }
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      if (!Arrays.equals(e.getValue(), other.files.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int hash = 0;
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      hash += e.getKey().hashCode() ^ Arrays.hashCode(e.getValue());
    }
    return hash;
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("FirmwareFiles[");
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      if (s.length() > "FirmwareFiles[".length()) {
        s.append(", ");
      }
      s.append(e.getKey()).append(" (").append(e.getValue().length).append(" bytes)");
    }
    return s.append(']').toString();
  }
}
