package dev.mvm.api;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the DOS personality starts with: drives, standard streams, environment and the program.
 * Built through {@link VmBuilder}; the DOS kernel reads it from {@link VmConfig#dos()}.
 *
 * @param drives the drives mapped to host directories, at most one per letter
 * @param stdin where the program's standard input comes from; null to read the keyboard VDD
 * @param stdout where its standard output goes; null to write to the video VDD
 * @param stderr where its standard error goes; null to write to the video VDD
 * @param environment the environment block's variables, in order
 * @param program the program to run, a DOS path such as {@code C:\HELLO.COM}; null for none
 * @param arguments the command tail, one entry per argument
 * @param currentDirectory the drive and directory current when the program starts, such as
 *     {@code C:\WORK}; null for the root of the program's drive
 * @param maxOpenFiles the most host files the kernel may hold open at once for the guest,
 *     across handles, FCBs and programs, or 0 for no limit beyond DOS's own tables (see {@link
 *     VmBuilder#maxOpenFiles})
 * @param maxOutput the most bytes the program may write to the host streams {@code stdout} and
 *     {@code stderr} together, or 0 for no limit (see {@link VmBuilder#maxOutput})
 */
public record DosConfig(
    List<DriveMapping> drives,
    @Nullable InputStream stdin,
    @Nullable OutputStream stdout,
    @Nullable OutputStream stderr,
    Map<String, String> environment,
    @Nullable String program,
    List<String> arguments,
    @Nullable String currentDirectory,
    int maxOpenFiles,
    long maxOutput) {

  /**
   * Copies the collections, so that the configuration cannot change after it was built, and
   * checks the limits.
   *
   * @throws VmConfigurationException if a limit is negative
   */
  public DosConfig {
    if (maxOpenFiles < 0) {
      throw new VmConfigurationException("most open files must not be negative: " + maxOpenFiles);
    }
    if (maxOutput < 0) {
      throw new VmConfigurationException("output limit must not be negative: " + maxOutput);
    }
    drives = List.copyOf(drives);
    environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
    arguments = List.copyOf(arguments);
  }

  /**
   * The drive with the given letter.
   *
   * @param letter a drive letter, either case
   * @return the mapping, if that drive is mapped
   */
  public Optional<DriveMapping> drive(char letter) {
    char upper = Character.toUpperCase(letter);
    return drives.stream().filter(d -> d.letter() == upper).findFirst();
  }
}
