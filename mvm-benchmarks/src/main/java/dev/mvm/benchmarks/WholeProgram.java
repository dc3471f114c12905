package dev.mvm.benchmarks;

import dev.mvm.api.ExitReason;
import dev.mvm.api.ExitStatus;
import dev.mvm.api.Vm;
import dev.mvm.api.cpu.CpuModel;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A whole DOS program run through the public API, timed as a user would see it: a benchmark
 * program that takes an iteration count N on its command line (mix16 does) is run whole, VM
 * construction to exit, for N and for N/4 iterations, alternately, several rounds in one JVM.
 * The cost of one iteration is then free of start-up, loading and printing:
 *
 * <pre>
 * ms per iteration = (t(N) - t(N/4)) / (3N/4)        (medians of the rounds)
 * </pre>
 *
 * <p>The first rounds warm the JIT up and are not counted. MIPS is given twice: on the
 * program's own instruction count per iteration when one is passed ({@code --insns}, 646983
 * for mix16, the figure DOSBox's MIPS is quoted on), and on the instructions MVM counted
 * (where each iteration of a REP string instruction counts as one).
 *
 * <pre>
 * java -cp mvm-benchmarks/target/benchmarks.jar dev.mvm.benchmarks.WholeProgram \
 *     --cpu 486 --rounds 5 --insns 646983 ../shared/bench/mix16.com 2000
 * </pre>
 *
 * <p>{@code --interpret} turns the 80386's and 80486's translation of hot code to JVM bytecode
 * off ({@code VmBuilder.translation(false)}), to measure the interpreter alone; the header line
 * says which of the two ran.
 *
 * <p>The CPU time of the thread that runs the VM is given beside the wall time: on a shared
 * machine it moves less with the load of others (the JIT's own threads are not in it).
 *
 * <p>Each run's first output line is printed (mix16 prints its CHECKSUM there) so that a fast
 * but wrong run cannot pass unnoticed. Not run by the tests: timing is measured, never asserted.
 */
public final class WholeProgram {

  private WholeProgram() {}

  /** One whole run: its wall time, its instructions and its output. */
  record Run(long nanos, long cpuNanos, long instructions, String output) {}

  /**
   * Runs the benchmark.
   *
   * @param args {@code [--cpu MODEL] [--interpret] [--rounds R] [--warmup W] [--insns I]
   *     PROGRAM N}
   * @throws Exception if the program cannot be read or does not exit normally
   */
  public static void main(String[] args) throws Exception {
    CpuModel cpu = CpuModel.I80486;
    int rounds = 5;
    int warmup = 2;
    long insns = 0;
    boolean translation = true;
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--cpu" -> cpu = model(args[++i]);
        case "--interpret" -> translation = false;
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--insns" -> insns = Long.parseLong(args[++i]);
        default -> rest.add(args[i]);
      }
    }
    if (rest.size() != 2) {
      System.err.println(
          "usage: WholeProgram [--cpu 286|486...] [--interpret] [--rounds R] [--warmup W]"
              + " [--insns I] PROGRAM N");
      System.exit(2);
    }
    Path program = Path.of(rest.get(0)).toAbsolutePath();
    Path folder = program.getParent();
    long n = Long.parseLong(rest.get(1));
    long quarter = n / 4;
    if (folder == null || !Files.isRegularFile(program) || quarter == 0) {
      System.err.println("need an existing program and N of at least 4: " + program + " " + n);
      System.exit(2);
      return;
    }
    System.out.printf(
        Locale.ROOT,
        "%s, N=%d and N/4=%d, %d warm-up and %d measured rounds, cpu %s, translation %s,"
            + " java %s%n",
        program.getFileName(), n, quarter, warmup, rounds, cpu, onOff(translation),
        Runtime.version());
    for (int i = 0; i < warmup; i++) {
      Run w = run(cpu, translation, folder, program, quarter);
      System.out.printf(
          Locale.ROOT, "warm-up %d: t(N/4) = %.3f s  %s%n", i + 1, w.nanos() / 1e9, w.output());
    }
    long[] full = new long[rounds];
    long[] part = new long[rounds];
    long[] fullCpu = new long[rounds];
    long[] partCpu = new long[rounds];
    long fullInsns = 0;
    long partInsns = 0;
    for (int i = 0; i < rounds; i++) {
      Run q = run(cpu, translation, folder, program, quarter);
      Run f = run(cpu, translation, folder, program, n);
      part[i] = q.nanos();
      full[i] = f.nanos();
      partCpu[i] = q.cpuNanos();
      fullCpu[i] = f.cpuNanos();
      partInsns = q.instructions();
      fullInsns = f.instructions();
      System.out.printf(
          Locale.ROOT,
          "round %d: t(N/4) = %.3f s  t(N) = %.3f s  %s%n",
          i + 1, q.nanos() / 1e9, f.nanos() / 1e9, f.output());
    }
    double tFull = median(full);
    double tPart = median(part);
    double iterations = n - quarter;
    double ms = (tFull - tPart) / 1e6 / iterations;
    double counted = (fullInsns - partInsns) / iterations;
    double cpuMs = (median(fullCpu) - median(partCpu)) / 1e6 / iterations;
    System.out.printf(
        Locale.ROOT,
        "median t(N) = %.3f s, t(N/4) = %.3f s: %.3f ms per iteration (%.3f ms of the running"
            + " thread's CPU time), %.0f instructions counted per iteration, %.1f MIPS counted%n",
        tFull / 1e9, tPart / 1e9, ms, cpuMs, counted, counted / ms / 1000);
    if (insns > 0) {
      System.out.printf(
          Locale.ROOT,
          "RESULT cpu=%s translation=%s ms_per_iteration=%.3f mips=%.1f (on %d instructions"
              + " per iteration) cpu_ms_per_iteration=%.3f%n",
          cpu, onOff(translation), ms, insns / ms / 1000, insns, cpuMs);
    } else {
      System.out.printf(
          Locale.ROOT,
          "RESULT cpu=%s translation=%s ms_per_iteration=%.3f cpu_ms_per_iteration=%.3f%n",
          cpu, onOff(translation), ms, cpuMs);
    }
  }

  private static Run run(
      CpuModel cpu, boolean translation, Path folder, Path program, long iterations) {
    var out = new ByteArrayOutputStream();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long start = System.nanoTime();
    long cpuStart = threads.getCurrentThreadCpuTime();
    ExitStatus status;
    try (Vm vm =
        Vm.builder()
            .cpu(cpu)
            .translation(translation)
            .drive('C', folder)
            .stdout(out)
            .program("C:\\" + program.getFileName(), Long.toString(iterations))
            .build()) {
      status = vm.run();
    }
    long nanos = System.nanoTime() - start;
    long cpuNanos = threads.getCurrentThreadCpuTime() - cpuStart;
    if (status.reason() != ExitReason.PROGRAM_EXIT || status.exitCode() != 0) {
      throw new IllegalStateException(
          program.getFileName() + " did not exit normally: " + status.message(), status.cause());
    }
    String text = out.toString(StandardCharsets.ISO_8859_1).strip();
    int eol = text.indexOf('\n');
    return new Run(nanos, cpuNanos, status.instructions(), eol < 0 ? text : text.substring(0, eol).strip());
  }

  private static String onOff(boolean translation) {
    return translation ? "on" : "off";
  }

  private static CpuModel model(String name) {
    return switch (name) {
      case "8086" -> CpuModel.I8086;
      case "186" -> CpuModel.I80186;
      case "286" -> CpuModel.I80286;
      case "386" -> CpuModel.I80386;
      case "486" -> CpuModel.I80486;
      default -> CpuModel.valueOf(name);
    };
  }

  private static double median(long[] values) {
    long[] v = values.clone();
    Arrays.sort(v);
    int m = v.length / 2;
    return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2.0;
  }
}
