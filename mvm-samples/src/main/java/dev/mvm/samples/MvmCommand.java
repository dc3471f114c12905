package dev.mvm.samples;

import dev.mvm.api.ExitStatus;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code mvm} command: runs a DOS program on the built-in defaults and exits with the
 * program's return code, boots a PC from firmware and disk images, and lists what the
 * installation offers.
 *
 * <pre>
 * mvm run [--drive C=DIR]... [--cwd C:\DIR] [--cpu 286] [--timeout 60s] PROGRAM [ARGS]...
 * mvm boot [--bios FILE] [--floppy IMG] [--hdd IMG] [--screen FILE.png]
 * mvm info
 * </pre>
 *
 * <p>Exit codes: the program's own (0&ndash;255) when it ends; 2 for a usage error; 124 when a
 * limit (timeout, instruction budget, output limit) stopped it; 125 when the VM could not run it (a fault, a
 * malformed program, a missing file); 126 when the machine halted without the program ending.
 */
@Command(name = "mvm", mixinStandardHelpOptions = true, version = "mvm 0.1.0-SNAPSHOT",
    description = "Runs DOS programs in an MVM virtual machine.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0-255:the DOS program's return code",
      "2:invalid command line",
      "124:a limit (--timeout, --max-instructions, --max-output) stopped the program",
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
    CommandLine line = new CommandLine(new MvmCommand())
        .addSubcommand(new RunCommand(in, out, err))
        .addSubcommand(new BootCommand(in, out, err))
        .addSubcommand(new InfoCommand(out));
    line.setOut(new PrintWriter(new OutputStreamWriter(out, Charset.defaultCharset()), true));
    line.setErr(new PrintWriter(new OutputStreamWriter(err, Charset.defaultCharset()), true));
    return line.execute(args);
  }

  /**
   * The exit code for how a DOS program's run ended, with a message on {@code err} unless the
   * program ended by itself.
   */
  static int exitCode(ExitStatus status, PrintStream err) {
    return switch (status.reason()) {
      case PROGRAM_EXIT -> status.exitCode();
      case TIMEOUT, BUDGET_EXHAUSTED, OUTPUT_LIMIT, STOPPED -> {
        err.println("mvm: " + status.message());
        yield EXIT_LIMIT;
      }
      case HALTED, SHUTDOWN -> {
        err.println("mvm: the machine stopped before the program ended: " + status.message());
        yield EXIT_HALTED;
      }
      case FAULT -> {
        err.println("mvm: " + status.message());
        yield EXIT_FAULT;
      }
    };
  }
}
