package dev.mvm.samples;

import dev.mvm.api.ExitReason;
import dev.mvm.api.ExitStatus;
import dev.mvm.api.Vm;
import dev.mvm.api.VmBuilder;
import dev.mvm.api.VmExecution;
import dev.mvm.api.cpu.CpuModel;
import dev.mvm.api.cpu.Registers;
import dev.mvm.samples.window.ScreenWindow;
import dev.mvm.samples.window.TerminalScreen;
import dev.mvm.vdd.std.Screen;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The options {@code mvm run} and {@code mvm boot} share: the machine, the limits, and how the
 * run is watched (trace, screen picture, window).
 */
final class MachineOptions {

  @Option(names = "--cpu", paramLabel = "MODEL",
      description = "8086, 186, 286, 386 or 486 (default: the newest the CPU supports).")
  @Nullable String cpu;

  @Option(names = "--interpret",
      description = "Interprets every instruction instead of translating hot code to JVM "
          + "bytecode: slower, the reference behaviour, to debug or compare.")
  boolean interpret;

  @Option(names = "--memory", paramLabel = "SIZE", description = "Memory, e.g. 640K or 16M.")
  @Nullable String memory;

  @Option(names = "--timeout", paramLabel = "DURATION",
      description = "Wall-clock limit, e.g. 60s or 2m.")
  @Nullable String timeout;

  @Option(names = "--max-instructions", paramLabel = "N", description = "Instruction budget.")
  long maxInstructions;

  @Option(names = "--trace",
      description = "Writes every instruction, disassembled, with the registers to stderr.")
  boolean trace;

  @Option(names = "--screen", paramLabel = "FILE.png",
      description = "Saves the final screen as a PNG picture.")
  @Nullable Path screen;

  @Option(names = "--window",
      description = "Shows the screen in a window with keyboard input, until the window is "
          + "closed (a text terminal when there is no display).")
  boolean window;

  /** Applies the machine options. */
  void configure(VmBuilder builder) {
    if (cpu != null) {
      builder.cpu(cpuModel(cpu));
    }
    if (interpret) {
      builder.translation(false);
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
        throw new IllegalArgumentException("invalid memory size " + size + " (say 640K or 16M)");
      }
    }
    String limit = timeout;
    if (limit != null) {
      try {
        builder.timeout(Duration.parse("PT" + limit.toUpperCase(Locale.ROOT)));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("invalid timeout " + limit + " (say 60s or 2m)");
      }
    }
    if (maxInstructions < 0) {
      throw new IllegalArgumentException("invalid --max-instructions " + maxInstructions);
    }
    if (maxInstructions > 0) {
      builder.instructionBudget(maxInstructions);
    }
  }

  private static CpuModel cpuModel(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "8086", "8088" -> CpuModel.I8086;
      case "186", "80186" -> CpuModel.I80186;
      case "286", "80286" -> CpuModel.I80286;
      case "386", "80386" -> CpuModel.I80386;
      case "486", "80486" -> CpuModel.I80486;
      default -> throw new IllegalArgumentException(
          "unknown CPU model " + name + " (say 8086, 186, 286, 386 or 486)");
    };
  }

  /**
   * Runs the VM to its end, traced or shown as asked, then saves the screen if asked.
   *
   * @param vm a VM built with {@link #configure}
   * @param title the window's title
   * @param in the keyboard of a terminal window (with {@code --window} and no display)
   * @param out where a terminal window draws
   * @param err where the trace goes
   * @return how the run ended
   * @throws IOException if the screen picture cannot be written
   * @throws InterruptedException if the thread was interrupted while a window was open
   */
  ExitStatus execute(Vm vm, String title, InputStream in, PrintStream out, PrintStream err)
      throws IOException, InterruptedException {
    ExitStatus status;
    if (!window) {
      status = trace ? traced(vm, err) : vm.run();
    } else if (trace) {
      throw new IllegalArgumentException("--trace and --window do not go together");
    } else if (GraphicsEnvironment.isHeadless()) {
      // No display: text modes on this terminal, keys from its input.
      TerminalScreen terminal = TerminalScreen.start(vm, out, in);
      try {
        status = vm.run();
      } finally {
        terminal.close();
      }
    } else {
      VmExecution execution = vm.start();
      ScreenWindow shown = ScreenWindow.open(vm, title, execution::stop);
      try {
        status = execution.await();
        if (status.reason() != ExitReason.STOPPED) {
          // The run ended by itself: leave its last screen up until the user has seen it.
          shown.setTitle(title + " \u2014 ended (" + ending(status) + "); close to exit");
          shown.awaitClose();
        }
      } finally {
        shown.close();
      }
    }
    Path picture = screen;
    if (picture != null) {
      savePicture(vm, picture);
    }
    return status;
  }

  private static String ending(ExitStatus status) {
    return status.reason() == ExitReason.PROGRAM_EXIT
        ? "exit code " + status.exitCode()
        : status.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  /**
   * Steps through the run, one trace line per instruction: where, what, and the registers
   * before it runs. The limits of the configuration hold as in an untraced run.
   */
  private ExitStatus traced(Vm vm, PrintStream err) {
    // A trace is long: buffer it, and leave the caller's stream open.
    PrintStream out = new PrintStream(new java.io.BufferedOutputStream(
        new java.io.FilterOutputStream(err) {
          @Override
          public void close() {
            // not the caller's stream
          }
        }, 1 << 16), false, java.nio.charset.StandardCharsets.UTF_8);
    long budget = vm.config().instructionBudget();
    Duration limit = vm.config().timeout();
    long started = System.nanoTime();
    long start = vm.instructionCount();
    try {
      while (true) {
        if (budget > 0 && vm.instructionCount() - start >= budget) {
          return ExitStatus.of(ExitReason.BUDGET_EXHAUSTED,
              "instruction budget of " + budget + " used up", vm.instructionCount());
        }
        if (limit != null && System.nanoTime() - started >= limit.toNanos()) {
          return ExitStatus.of(ExitReason.TIMEOUT, "wall-clock timeout of " + limit + " passed",
              vm.instructionCount());
        }
        out.println(traceLine(vm));
        ExitStatus status = vm.step();
        if (status.isTerminal()) {
          return status;
        }
      }
    } finally {
      out.flush();
    }
  }

  /**
   * {@code 0100:0105  mov ah, 9h            AX=.. BX=.. ...}: one traced instruction; in
   * protected mode the 32-bit registers, and the mode with the privilege level ({@code PM0}
   * to {@code PM3}, {@code V86}) at the end.
   */
  static String traceLine(Vm vm) {
    Registers r = vm.registers();
    if (!r.protectedMode()) {
      return String.format(Locale.ROOT,
          "%04X:%04X  %-28s AX=%04X BX=%04X CX=%04X DX=%04X SI=%04X DI=%04X BP=%04X SP=%04X "
              + "DS=%04X ES=%04X SS=%04X FL=%04X",
          r.cs(), r.eip(), vm.disassemble(r.cs(), r.eip()), r.ax(), r.bx(), r.cx(), r.dx(),
          r.si(), r.di(), r.bp(), r.sp(), r.ds(), r.es(), r.ss(), r.flags());
    }
    return String.format(Locale.ROOT,
        "%04X:%08X  %-28s EAX=%08X EBX=%08X ECX=%08X EDX=%08X ESI=%08X EDI=%08X EBP=%08X "
            + "ESP=%08X DS=%04X ES=%04X SS=%04X FL=%08X %s",
        r.cs(), r.eip(), vm.disassemble(r.cs(), r.eip()), r.eax(), r.ebx(), r.ecx(), r.edx(),
        r.esi(), r.edi(), r.ebp(), r.esp(), r.ds(), r.es(), r.ss(), r.eflags(),
        r.virtual8086() ? "V86" : "PM" + r.cpl());
  }

  /** Writes the screen as the run left it. */
  private static void savePicture(Vm vm, Path file) throws IOException {
    Screen screen = vm.device(Screen.class).orElseThrow(
        () -> new IllegalStateException("--screen needs the video VDD (VVIDEO)"));
    Screen.Frame frame;
    try {
      frame = screen.capture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      frame = screen.frame();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      frame = screen.frame();
    }
    Files.write(file, frame.png());
  }
}
