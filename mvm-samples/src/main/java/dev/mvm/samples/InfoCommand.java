package dev.mvm.samples;

import dev.mvm.api.cpu.CpuProvider;
import dev.mvm.api.vdd.VddProvider;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code mvm info}: what this installation offers. */
@Command(name = "info", mixinStandardHelpOptions = true,
    description = "Lists the CPU models and the VDDs found on the module path.")
final class InfoCommand implements Callable<Integer> {
  private final PrintStream out;

  InfoCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() {
    out.println("CPU models:");
    ServiceLoader.load(CpuProvider.class).forEach(provider ->
        provider.models().stream().sorted().forEach(model ->
            out.println("  " + model.name().substring(1) + "  (" + model.addressBits()
                + "-bit address bus" + (model.hasProtectedMode() ? ", protected mode" : "")
                + ")")));
    out.println("VDDs:");
    ServiceLoader.load(VddProvider.class).stream()
        .map(ServiceLoader.Provider::get)
        .sorted(Comparator.comparing(VddProvider::id))
        .forEach(p -> out.println("  " + p.id() + (p.isStandard() ? "  (standard)" : "")));
    return 0;
  }
}
