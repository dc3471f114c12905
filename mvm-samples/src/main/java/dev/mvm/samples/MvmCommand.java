package dev.mvm.samples;

import dev.mvm.api.DriveMapping;
import dev.mvm.api.ExitStatus;
import dev.mvm.api.MvmException;
import dev.mvm.api.Vm;
import dev.mvm.api.VmBuilder;
import dev.mvm.api.cpu.CpuModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code mvm} command: runs a DOS program headless on the built-in defaults and exits with
 * the program's return code.
 *
 * <pre>
 * mvm run [--drive C=DIR]... [--cpu 286] [--memory 640K] [--timeout 60s] PROGRAM [ARGS]...
 * </pre>
 *
 * <p>Exit codes: the program's own (0&ndash;255) when it ends; 2 for a usage error; 124 when a
 * limit (timeout, instruction budget) stopped it; 125 when the VM could not run it (a fault, a
 * malformed program, a missing file); 126 when the machine halted without the program ending.
 */
@Command(name = "mvm", mixinStandardHelpOptions = true, version = "mvm 0.1.0-SNAPSHOT",
    description = "Runs DOS programs in an MVM virtual machine.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0-255:the DOS program's return code",
      "2:invalid command line",
      "124:a limit (--timeout, --max-instructions) stopped the program",
      "125:the program could not be run (a fault, a malformed program, a missing file)",
      "126:the machine halted before the program ended"
    })
public final class MvmCommand implements Callable<Integer> {

  /** Exit code when a limit stopped the program. */
  static final int EXIT_LIMIT = 124;

  /** Exit code when the VM could not run the program. */
  static final int EXIT_FAULT = 125;

  /** Exit code when the machine halted before the program ended. */
  static final int EXIT_HALTED = 126;

  @Override
  public Integer call() {
    new CommandLine(this).usage(System.err);
    return 2;
  }

  /**
   * Runs the command line.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    System.exit(execute(args, System.in, System.out, System.err));
  }

  /**
   * Runs the command line with given streams; what {@link #main} does, testable.
   *
   * @param args the arguments
   * @param in the DOS program's standard input unless {@code --stdin} says otherwise
   * @param out where its output goes
   * @param err where MVM's own messages go
   * @return the exit code
   */
  public static int execute(String[] args, InputStream in, PrintStream out, PrintStream err) {
    CommandLine line = new CommandLine(new MvmCommand()).addSubcommand(new Run(in, out, err))
        .addSubcommand(new Info(out));
    line.setOut(new java.io.PrintWriter(out, true));
    line.setErr(new java.io.PrintWriter(err, true));
    return line.execute(args);
  }

  /** {@code mvm run}: one DOS program, headless. */
  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Runs a DOS program headless; its console output goes to standard output.")
  static final class Run implements Callable<Integer> {
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    Run(InputStream in, PrintStream out, PrintStream err) {
      this.in = in;
      this.out = out;
      this.err = err;
    }

    @Parameters(index = "0", paramLabel = "PROGRAM",
        description = "A host path, or a DOS path such as C:\\TOOLS\\CL.EXE on a mapped drive.")
    String program = "";

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "The DOS command tail.")
    List<String> arguments = new ArrayList<>();

    @Option(names = "--drive", paramLabel = "X=DIR",
        description = "Maps drive X to a host directory (repeatable). Default: C: is the "
            + "program's folder.")
    List<String> drives = new ArrayList<>();

    @Option(names = "--cpu", paramLabel = "MODEL",
        description = "8086, 186 or 286 (default: the newest the CPU supports).")
    @Nullable String cpu;

    @Option(names = "--memory", paramLabel = "SIZE", description = "Memory, e.g. 640K or 16M.")
    @Nullable String memory;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "Wall-clock limit, e.g. 60s.")
    @Nullable String timeout;

    @Option(names = "--max-instructions", paramLabel = "N", description = "Instruction budget.")
    long maxInstructions;

    @Option(names = "--env", paramLabel = "NAME=VALUE", description = "An environment variable.")
    List<String> environment = new ArrayList<>();

    @Option(names = "--stdin", paramLabel = "FILE", description = "Standard input from a file.")
    @Nullable Path stdin;

    @Override
    public Integer call() throws IOException {
      try {
        VmBuilder builder = Vm.builder().stdout(out).stderr(out);
        String dosProgram = mapDrives(builder);
        builder.program(dosProgram, arguments.toArray(new String[0]));
        configure(builder);
        if (stdin != null) {
          builder.stdin(Files.newInputStream(stdin));
        } else {
          builder.stdin(in);
        }
        try (Vm vm = builder.build()) {
          ExitStatus status = vm.run();
          out.flush();
          return switch (status.reason()) {
            case PROGRAM_EXIT -> status.exitCode();
            case TIMEOUT, BUDGET_EXHAUSTED, STOPPED -> {
              err.println("mvm: " + status.message());
              yield EXIT_LIMIT;
            }
            case HALTED, SHUTDOWN -> {
              err.println("mvm: the machine stopped before the program ended: "
                  + status.message());
              yield EXIT_HALTED;
            }
            case FAULT -> {
              err.println("mvm: " + status.message());
              yield EXIT_FAULT;
            }
          };
        }
      } catch (MvmException | IllegalArgumentException e) {
        err.println("mvm: " + e.getMessage());
        return EXIT_FAULT;
      }
    }

    /** Maps the drives and returns the program as a DOS path. */
    private String mapDrives(VmBuilder builder) {
      for (String d : drives) {
        int eq = d.indexOf('=');
        if (eq != 1) {
          throw new IllegalArgumentException("--drive takes X=DIR, not " + d);
        }
        builder.drive(new DriveMapping(d.charAt(0), Path.of(d.substring(2)), false));
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

    private void configure(VmBuilder builder) {
      if (cpu != null) {
        builder.cpu(switch (cpu.toLowerCase(Locale.ROOT)) {
          case "8086", "8088" -> CpuModel.I8086;
          case "186", "80186" -> CpuModel.I80186;
          case "286", "80286" -> CpuModel.I80286;
          case "386", "80386" -> CpuModel.I80386;
          case "486", "80486" -> CpuModel.I80486;
          default -> throw new IllegalArgumentException("unknown CPU model " + cpu);
        });
      }
      String size = memory;
      if (size != null) {
        String s = size.toUpperCase(Locale.ROOT);
        try {
          if (s.endsWith("K")) {
            builder.memoryKiB(Integer.parseInt(s.substring(0, s.length() - 1)));
          } else if (s.endsWith("M")) {
            builder.memoryMiB(Integer.parseInt(s.substring(0, s.length() - 1)));
          } else {
            builder.memorySize(Long.parseLong(s));
          }
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("invalid memory size " + size);
        }
      }
      String limit = timeout;
      if (limit != null) {
        try {
          builder.timeout(Duration.parse("PT" + limit.toUpperCase(Locale.ROOT)));
        } catch (java.time.format.DateTimeParseException e) {
          throw new IllegalArgumentException("invalid timeout " + limit + " (say 60s or 2m)");
        }
      }
      if (maxInstructions > 0) {
        builder.instructionBudget(maxInstructions);
      }
      for (String e : environment) {
        int eq = e.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("--env takes NAME=VALUE, not " + e);
        }
        builder.env(e.substring(0, eq), e.substring(eq + 1));
      }
    }
  }

  /** {@code mvm info}: what this installation offers. */
  @Command(name = "info", mixinStandardHelpOptions = true,
      description = "Lists the CPU models and the VDDs found on the module path.")
  static final class Info implements Callable<Integer> {
    private final PrintStream out;

    Info(PrintStream out) {
      this.out = out;
    }

    @Override
    public Integer call() {
      out.println("CPU models:");
      java.util.ServiceLoader.load(dev.mvm.api.cpu.CpuProvider.class).forEach(provider ->
          provider.models().stream().sorted().forEach(model ->
              out.println("  " + model.name().substring(1) + "  (" + model.addressBits()
                  + "-bit address bus" + (model.hasProtectedMode() ? ", protected mode" : "")
                  + ")")));
      out.println("VDDs:");
      java.util.ServiceLoader.load(dev.mvm.api.vdd.VddProvider.class).stream()
          .map(java.util.ServiceLoader.Provider::get)
          .sorted(java.util.Comparator.comparing(dev.mvm.api.vdd.VddProvider::id))
          .forEach(p -> out.println("  " + p.id() + (p.isStandard() ? "  (standard)" : "")));
      return 0;
    }
  }
}
