package dev.mvm.samples;

import dev.mvm.api.DriveMapping;
import dev.mvm.api.ExitStatus;
import dev.mvm.api.Vm;
import dev.mvm.api.VmBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mvm run}: one DOS program, headless unless asked for a window. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Runs a DOS program; its console output goes to standard output and its input "
        + "comes from standard input, and mvm exits with its return code.")
final class RunCommand extends VmCommand {

  RunCommand(InputStream in, PrintStream out, PrintStream err) {
    super(in, out, err);
  }

  @Parameters(index = "0", paramLabel = "PROGRAM",
      description = "A host path, or a DOS path such as C:\\TOOLS\\CL.EXE on a mapped drive.")
  String program = "";

  @Parameters(index = "1..*", paramLabel = "ARGS",
      description = "The DOS command tail, joined by spaces.")
  List<String> arguments = new ArrayList<>();

  @Option(names = "--drive", paramLabel = "X=DIR",
      description = "Maps drive X to a host directory (repeatable). Default: C: is the "
          + "program's folder.")
  List<String> drives = new ArrayList<>();

  @Option(names = "--cwd", paramLabel = "X:\\PATH",
      description = "The current drive and directory at start (default: the root of the "
          + "program's drive).")
  @Nullable String cwd;

  @Option(names = "--env", paramLabel = "NAME=VALUE", description = "An environment variable.")
  List<String> environment = new ArrayList<>();

  @Option(names = "--stdin", paramLabel = "FILE", description = "Standard input from a file.")
  @Nullable Path stdin;

  @Option(names = "--time", paramLabel = "YYYY-MM-DDTHH:MM[:SS]",
      description = "The DOS date and time at start (default: the host's).")
  @Nullable String time;

  @Option(names = "--quota", paramLabel = "X=SIZE",
      description = "A write quota for drive X: the bytes the program may add to the drive's "
          + "files, e.g. 10M (repeatable). At the quota the drive is full, as DOS reports it.")
  List<String> quotas = new ArrayList<>();

  @Option(names = "--max-files", paramLabel = "N",
      description = "The most host files the program may hold open at once; an open beyond "
          + "fails with DOS error 04h.")
  int maxFiles;

  @Option(names = "--max-output", paramLabel = "SIZE",
      description = "The most bytes of output, e.g. 1M; the program is stopped there (exit "
          + "code 124).")
  @Nullable String maxOutput;

  @Option(names = "--console", paramLabel = "stdio|screen",
      description = "Where the DOS console is: the host's standard streams (default), or the "
          + "VM's screen and keyboard (what --window uses).")
  @Nullable String console;

  @Override
  String configure(VmBuilder builder) throws IOException {
    String dosProgram = mapDrives(builder);
    builder.program(dosProgram, arguments.toArray(new String[0]));
    configureDos(builder);
    configureLimits(builder);
    return "MVM: " + dosProgram;
  }

  /** The DOS limits: write quotas, open files, output. */
  private void configureLimits(VmBuilder builder) {
    for (String q : quotas) {
      int eq = q.indexOf('=');
      if (eq != 1 || !Character.isLetter(q.charAt(0))) {
        throw new IllegalArgumentException("--quota takes X=SIZE, not " + q);
      }
      builder.writeQuota(q.charAt(0), size("--quota", q.substring(2)));
    }
    if (maxFiles != 0) {
      builder.maxOpenFiles(maxFiles);
    }
    String output = maxOutput;
    if (output != null) {
      builder.maxOutput(size("--max-output", output));
    }
  }

  /** A size in bytes: a number, or with K, M or G for KiB, MiB or GiB. */
  static long size(String option, String text) {
    String s = text.strip().toUpperCase(java.util.Locale.ROOT);
    int unit = s.isEmpty() ? -1 : "KMG".indexOf(s.charAt(s.length() - 1));
    try {
      long number = Long.parseLong(unit >= 0 ? s.substring(0, s.length() - 1) : s);
      return unit >= 0 ? Math.multiplyExact(number, 1L << (10 * (unit + 1))) : number;
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException(
          "invalid " + option + " size " + text + " (say 640K, 10M or a number of bytes)");
    }
  }

  @Override
  int exitCode(Vm vm, ExitStatus status) {
    return MvmCommand.exitCode(status, err);
  }

  /** Maps the drives and returns the program as a DOS path. */
  private String mapDrives(VmBuilder builder) {
    for (String d : drives) {
      int eq = d.indexOf('=');
      if (eq != 1 || !Character.isLetter(d.charAt(0))) {
        throw new IllegalArgumentException("--drive takes X=DIR, not " + d);
      }
      Path root = Path.of(d.substring(2));
      if (!Files.isDirectory(root)) {
        throw new IllegalArgumentException("--drive " + d + ": no such directory " + root);
      }
      builder.drive(new DriveMapping(d.charAt(0), root, false));
    }
    if (program.length() >= 2 && program.charAt(1) == ':' && !drives.isEmpty()) {
      return program; // already a DOS path on a mapped drive
    }
    Path host = Path.of(program).toAbsolutePath().normalize();
    if (!Files.isRegularFile(host)) {
      throw new IllegalArgumentException("no such program: " + program);
    }
    Path folder = host.getParent();
    if (drives.isEmpty() && folder != null) {
      builder.drive('C', folder);
    }
    Path name = host.getFileName();
    return "C:\\" + (name == null ? program : name.toString());
  }

  private void configureDos(VmBuilder builder) throws IOException {
    if (cwd != null) {
      builder.currentDirectory(cwd);
    }
    for (String e : environment) {
      int eq = e.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--env takes NAME=VALUE, not " + e);
      }
      builder.env(e.substring(0, eq), e.substring(eq + 1));
    }
    String at = time;
    try {
      builder.startTime(at == null ? LocalDateTime.now(ZoneId.systemDefault())
          : LocalDateTime.parse(at));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("invalid --time " + at + " (say 1994-06-01T09:30)");
    }
    boolean onScreen = machine.window || "screen".equals(console);
    if (console != null && !console.equals("screen") && !console.equals("stdio")) {
      throw new IllegalArgumentException("--console takes stdio or screen, not " + console);
    }
    if (!onScreen) {
      builder.stdout(out).stderr(out);
      Path input = stdin;
      if (input != null && !Files.isRegularFile(input)) {
        throw new IllegalArgumentException("--stdin: no such file " + input);
      }
      if (input != null) {
        builder.stdin(Files.newInputStream(input));
      } else {
        // Typing at a terminal: its LF line ends become the CR LF DOS programs expect.
        builder.stdin(System.console() != null && in == System.in ? new TerminalInput(in) : in);
      }
    } else if (stdin != null) {
      throw new IllegalArgumentException("--stdin needs the console on stdio, not the screen");
    }
  }
}
