package dev.mvm.benchmarks;

import dev.mvm.api.Vm;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The heap an idle VM holds: builds {@code count} VMs (the default DOS personality, 640 KiB of
 * guest memory, standard devices) through the public API, keeps them all open, and divides the
 * growth of the used heap after a full GC by their number. With the default count of 1,000 it
 * also shows that so many VMs fit in one JVM with the default maximum heap.
 *
 * <pre>
 * java -cp mvm-benchmarks/target/benchmarks.jar dev.mvm.benchmarks.IdleVmHeap 1000
 * </pre>
 */
public final class IdleVmHeap {

  private IdleVmHeap() {}

  /**
   * Runs the measurement.
   *
   * @param args {@code [COUNT]}, 1000 by default
   */
  public static void main(String[] args) {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    // One VM first, so that classes and shared tables are loaded before the baseline.
    Vm.builder().memoryKiB(640).build().close();
    long before = usedAfterGc(memory);
    List<Vm> vms = new ArrayList<>(count);
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      vms.add(Vm.builder().name("idle-" + i).memoryKiB(640).build());
    }
    long buildNanos = System.nanoTime() - start;
    long after = usedAfterGc(memory);
    long max = Runtime.getRuntime().maxMemory();
    System.out.printf(
        Locale.ROOT,
        "%d idle VMs with 640 KiB: %.0f KiB of heap each, %.1f MiB in all of a %.0f MiB maximum"
            + " heap; %.2f ms to build each%n",
        count,
        (after - before) / 1024.0 / count,
        (after - before) / 1048576.0,
        max / 1048576.0,
        buildNanos / 1e6 / count);
    for (Vm vm : vms) {
      vm.close();
    }
  }

  private static long usedAfterGc(MemoryMXBean memory) {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
