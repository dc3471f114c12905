package dev.mvm.doskrnl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * DOSBox 0.74 as an outside reference for the kernel's test programs: runs one program in a
 * headless DOSBox on a copy of its drive, with standard input and output redirected to files
 * on a second drive, and reads back its output and return code.
 *
 * <p>DOSBox's shell cannot pass a return code to the host, so the batch file that runs the
 * program writes it to a file with a ladder of {@code IF ERRORLEVEL} tests, highest first.
 */
final class DosBox {
  private final Path executable;

  private DosBox(Path executable) {
    this.executable = executable;
  }

  /**
   * Finds DOSBox: the system property {@code mvm.dosbox} (CI sets it, and then DOSBox must be
   * there), else {@code dosbox} on the PATH.
   *
   * @return DOSBox, or null when it is not installed and not required
   * @throws IllegalStateException if {@code mvm.dosbox} names a file that is not there
   */
  static @Nullable DosBox find() {
    String configured = System.getProperty("mvm.dosbox", "");
    if (!configured.isBlank()) {
      Path p = Path.of(configured);
      if (!Files.isExecutable(p)) {
        throw new IllegalStateException("mvm.dosbox is " + configured + ", not an executable");
      }
      return new DosBox(p);
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      Path p = Path.of(dir, "dosbox");
      if (Files.isExecutable(p)) {
        return new DosBox(p);
      }
    }
    return null;
  }

  /** What a program did under DOSBox. */
  record Result(int exitCode, byte[] stdout) {}

  /**
   * Runs a program from drive C: with its current directory at the root.
   *
   * @param drive the folder mounted as C:, holding the program and its files
   * @param program the program's name, such as {@code HELLO.COM}
   * @param arguments its command tail, without the leading space
   * @param stdin what standard input reads
   * @param scratch an empty folder for DOSBox's configuration and the redirected streams
   * @return the exit code and standard output
   * @throws IOException if DOSBox fails to run or leaves no result
   * @throws InterruptedException if the thread was interrupted while waiting
   */
  Result run(Path drive, String program, String arguments, byte[] stdin, Path scratch)
      throws IOException, InterruptedException {
    Path io = Files.createDirectories(scratch.resolve("io"));
    Files.write(io.resolve("IN.TXT"), stdin);
    Files.writeString(io.resolve("RUN.BAT"), batch(program, arguments), StandardCharsets.US_ASCII);
    Path conf = scratch.resolve("dosbox.conf");
    Files.writeString(conf, String.join("\n",
        "[sdl]", "output=surface", "[mixer]", "nosound=true", "[speaker]", "pcspeaker=false",
        "tandy=off", "disney=false", "[sblaster]", "sbtype=none", "[gus]", "gus=false",
        "[midi]", "mpu401=none", "mididevice=none", "[cpu]", "cycles=max", "[serial]",
        "serial1=disabled", "serial2=disabled", "serial3=disabled", "serial4=disabled",
        "[parallel]", "parallel1=disabled", // no [parallel] in 0.74: ignored there
        // A plain MS-DOS 5, as the kernel is: no XMS driver (INT 2Fh 4300h answers "not
        // installed"), no EMS, and no upper memory linked into the MCB chain.
        "[dos]", "xms=false", "ems=false", "umb=false", ""));
    List<String> command = new ArrayList<>(List.of(executable.toString(), "-conf",
        conf.toString(), "-c", "mount c \"" + drive + "\"", "-c",
        "mount d \"" + io + "\"", "-c", "d:", "-c", "call RUN.BAT", "-c", "exit"));
    ProcessBuilder pb = new ProcessBuilder(command).directory(scratch.toFile())
        .redirectErrorStream(true).redirectOutput(scratch.resolve("dosbox.log").toFile());
    pb.environment().put("SDL_VIDEODRIVER", "dummy");
    pb.environment().put("SDL_AUDIODRIVER", "dummy");
    pb.environment().put("HOME", scratch.toString()); // its own ~/.dosbox
    Process process = pb.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("DOSBox did not finish " + program + " within 60 s; log: "
          + Files.readString(scratch.resolve("dosbox.log")));
    }
    Path rc = io.resolve("RC.TXT");
    if (!Files.exists(rc)) {
      throw new IOException("DOSBox left no return code for " + program + "; log: "
          + Files.readString(scratch.resolve("dosbox.log")));
    }
    int code = Integer.parseInt(Files.readString(rc, StandardCharsets.US_ASCII).strip());
    return new Result(code, Files.readAllBytes(io.resolve("OUT.TXT")));
  }

  private static String batch(String program, String arguments) {
    StringBuilder b = new StringBuilder("@echo off\r\nc:\r\ncd \\\r\n");
    // The full path: COPY, DIR and ECHO would otherwise be the shell's own commands.
    b.append("C:\\").append(program).append(arguments.isEmpty() ? "" : " " + arguments)
        .append(" < D:\\IN.TXT > D:\\OUT.TXT\r\n");
    for (int code = 255; code >= 0; code--) {
      b.append(String.format(Locale.ROOT, "if errorlevel %d goto e%d\r\n", code, code));
    }
    for (int code = 255; code >= 0; code--) {
      b.append(String.format(Locale.ROOT, ":e%d\r\necho %d > D:\\RC.TXT\r\ngoto end\r\n",
          code, code));
    }
    return b.append(":end\r\n").toString();
  }
}
