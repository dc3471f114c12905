package dev.mvm.core.internal;

import dev.mvm.api.Firmware;
import dev.mvm.api.Personality;
import dev.mvm.api.VmConfig;
import dev.mvm.api.VmConfigurationException;
import dev.mvm.api.cpu.Cpu;
import dev.mvm.api.cpu.CpuBus;
import dev.mvm.api.cpu.CpuModel;
import dev.mvm.api.cpu.CpuProvider;
import dev.mvm.api.vdd.Vdd;
import dev.mvm.api.vdd.VddProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link Machine} from a configuration: chooses the CPU, collects the VDDs, attaches
 * them and powers on.
 *
 * <p>The CPU is the one given with {@link #cpu}, none with {@link #withoutCpu()}, or else the
 * first provider that supports the configured model (without a model, the newest model any
 * provider supports). VDDs are attached in a fixed order: the standard VDDs (if the
 * configuration wants them, minus the excluded ones) sorted by id, then the VDDs named by id in
 * the order given (a name that is already attached as a standard VDD is skipped), then the
 * instances in the order given.
 *
 * <pre>{@code
 * Machine m = new MachineBuilder(config).withoutCpu().build();   // a headless device test
 * }</pre>
 */
public final class MachineBuilder {
  private final VmConfig config;
  private List<CpuProvider> cpuProviders = List.of();
  private List<VddProvider> vddProviders = List.of();
  private @Nullable Function<CpuBus, Cpu> cpu;

  /**
   * @param config the configuration
   */
  public MachineBuilder(VmConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * A builder whose CPU and VDD providers come from {@link ServiceLoader}, as in production.
   *
   * @param config the configuration
   * @return the builder
   */
  public static MachineBuilder fromServiceLoader(VmConfig config) {
    return new MachineBuilder(config)
        .cpuProviders(load(CpuProvider.class))
        .vddProviders(load(VddProvider.class));
  }

  private static <S> List<S> load(Class<S> service) {
    List<S> found = new ArrayList<>();
    ServiceLoader.load(service).forEach(found::add);
    if (found.isEmpty()) {
      ServiceLoader.load(service, MachineBuilder.class.getClassLoader()).forEach(found::add);
    }
    return found;
  }

  /**
   * Sets where CPUs come from.
   *
   * @param providers the providers, tried in order
   * @return this builder
   */
  public MachineBuilder cpuProviders(List<CpuProvider> providers) {
    this.cpuProviders = List.copyOf(providers);
    return this;
  }

  /**
   * Sets where standard and named VDDs come from.
   *
   * @param providers the providers
   * @return this builder
   */
  public MachineBuilder vddProviders(List<VddProvider> providers) {
    this.vddProviders = List.copyOf(providers);
    return this;
  }

  /**
   * Uses a given CPU (a fake one in tests) instead of a provider's.
   *
   * @param factory creates the CPU on the machine's bus
   * @return this builder
   */
  public MachineBuilder cpu(Function<CpuBus, Cpu> factory) {
    this.cpu = Objects.requireNonNull(factory, "factory");
    return this;
  }

  /**
   * Builds the machine without a CPU: a stand-in that is always halted, for device tests that
   * drive ports and virtual time directly.
   *
   * @return this builder
   */
  public MachineBuilder withoutCpu() {
    CpuModel model = config.cpuModel() != null ? config.cpuModel() : CpuModel.I80286;
    this.cpu = bus -> new IdleCpu(model);
    return this;
  }

  /**
   * Builds, attaches and powers on the machine.
   *
   * @return the machine, ready to run
   * @throws VmConfigurationException if the machine cannot be built as configured
   */
  public Machine build() {
    check(config);
    Function<CpuBus, Cpu> factory = cpu != null ? cpu : chooseCpu();
    List<Vdd> vdds = collectVdds();
    Machine machine = new Machine(config, factory);
    try {
      machine.attachAll(vdds);
      machine.powerOn();
    } catch (RuntimeException e) {
      machine.discard(e);
      throw e;
    }
    return machine;
  }

  private static void check(VmConfig config) {
    long size = config.memorySize();
    if (size < 64 * 1024 || size > (1L << 30) || size % 4096 != 0) {
      throw new VmConfigurationException(
          "memory size must be a multiple of 4 KiB from 64 KiB to 1 GiB: " + size + " bytes");
    }
    if (config.instructionsPerSecond() < 1000) {
      throw new VmConfigurationException(
          "instructions per second must be at least 1000: " + config.instructionsPerSecond());
    }
    if (config.personality() == Personality.DOS && config.firmware() instanceof Firmware.Image i) {
      throw new VmConfigurationException(
          "the DOS personality needs the built-in BIOS, not the BIOS image " + i.source());
    }
  }

  private Function<CpuBus, Cpu> chooseCpu() {
    if (cpuProviders.isEmpty()) {
      throw new VmConfigurationException(
          "no CPU found: no dev.mvm.api.cpu.CpuProvider on the module or class path"
              + " (add dev.mvm:mvm-ist-x86)");
    }
    CpuModel wanted = config.cpuModel();
    CpuModel model =
        wanted != null
            ? wanted
            : cpuProviders.stream()
                .flatMap(p -> p.models().stream())
                .max(Comparator.naturalOrder())
                .orElseThrow(
                    () -> new VmConfigurationException("no CPU provider supports any CPU model"));
    for (CpuProvider provider : cpuProviders) {
      if (provider.models().contains(model)) {
        boolean translate = config.translation();
        return bus -> provider.create(model, bus, translate);
      }
    }
    throw new VmConfigurationException(
        "no CPU provider supports the "
            + model
            + "; the providers found support "
            + cpuProviders.stream()
                .flatMap(p -> p.models().stream())
                .distinct()
                .sorted()
                .map(Enum::name)
                .collect(Collectors.joining(", ")));
  }

  private List<Vdd> collectVdds() {
    List<Vdd> vdds = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    if (config.standardVdds()) {
      List<VddProvider> standard =
          vddProviders.stream()
              .filter(VddProvider::isStandard)
              .filter(p -> !config.excludedVdds().contains(p.id()))
              .sorted(Comparator.comparing(VddProvider::id))
              .collect(Collectors.toList());
      for (VddProvider p : standard) {
        if (ids.add(p.id())) {
          vdds.add(create(p));
        }
      }
    }
    for (String id : config.vddIds()) {
      if (ids.contains(id)) {
        continue;
      }
      VddProvider provider =
          vddProviders.stream()
              .filter(p -> p.id().equals(id))
              .findFirst()
              .orElseThrow(
                  () ->
                      new VmConfigurationException(
                          "no VDD provider with id "
                              + id
                              + " found (dev.mvm.api.vdd.VddProvider through ServiceLoader)"));
      ids.add(id);
      vdds.add(create(provider));
    }
    vdds.addAll(config.vdds());
    return vdds;
  }

  private static Vdd create(VddProvider provider) {
    try {
      return provider.create();
    } catch (RuntimeException e) {
      throw new VmConfigurationException(
          "VDD provider " + provider.id() + " failed to create its VDD: " + e.getMessage(), e);
    }
  }
}
