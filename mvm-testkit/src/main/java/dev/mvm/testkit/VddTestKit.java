package dev.mvm.testkit;

import dev.mvm.api.Personality;
import dev.mvm.api.Vm;
import dev.mvm.api.VmBuilder;
import dev.mvm.api.VmProperty;
import dev.mvm.api.cpu.CpuModel;
import dev.mvm.api.vdd.Vdd;
import dev.mvm.core.internal.Machine;
import dev.mvm.core.internal.MachineBuilder;
import dev.mvm.api.event.VmEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Embeds VDDs in a minimal machine for headless tests: the real monitor with a fake edge. The
 * machine has memory, the I/O bus, IRQ lines, virtual time and the VDDs you name; a CPU only if
 * you ask for one. Nothing sleeps and nothing reads the wall clock: time moves when the test
 * says so.
 *
 * <pre>{@code
 * @Test
 * void channel0InterruptsAtProgrammedRate() {
 *   try (var pit = VddTestKit.embed(new VTimer()).start()) {
 *     pit.outb(0x43, 0x34).outb(0x40, 0x9C).outb(0x40, 0x2E);  // count 11932, ~10 ms
 *     pit.advance(Duration.ofMillis(35));                      // virtual time, no sleeping
 *     assertThat(pit.irq(0).pulses()).isEqualTo(3);
 *   }
 * }
 * }</pre>
 *
 * <p>By default the machine uses no firmware services: VDDs see a BIOS image in the
 * configuration, so they power on as bare chips (as a BIOS would find them) rather than set up
 * as the built-in BIOS leaves them. {@link #builtInBios()} switches that on, for tests of BIOS
 * services.
 */
public final class VddTestKit {
  private final List<Vdd> instances = new ArrayList<>();
  private final List<String> ids = new ArrayList<>();
  /**
   * The wall-clock limit of every run of a test machine: a guest that halts with interrupts
   * enabled while no interrupt can reach it would otherwise wait forever in virtual time.
   */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private final VmBuilder builder = Vm.builder().standardVdds(false).timeout(DEFAULT_TIMEOUT);
  private @Nullable CpuModel cpu;
  private boolean builtInBios;

  private VddTestKit() {}

  /**
   * Starts a kit with VDD instances, attached in the order given.
   *
   * @param vdds the VDDs under test
   * @return the kit, to configure further
   */
  public static VddTestKit embed(Vdd... vdds) {
    VddTestKit kit = new VddTestKit();
    for (Vdd v : vdds) {
      kit.instances.add(Objects.requireNonNull(v, "vdd"));
    }
    return kit;
  }

  /**
   * Starts a kit with VDDs found through {@link java.util.ServiceLoader} by id, exactly as
   * production finds them.
   *
   * @param vddIds the ids, for example {@code "VPIC", "VTIMER"}
   * @return the kit
   */
  public static VddTestKit embed(String... vddIds) {
    VddTestKit kit = new VddTestKit();
    kit.ids.addAll(List.of(vddIds));
    return kit;
  }

  /**
   * Adds more VDD instances.
   *
   * @param vdds further VDDs
   * @return this kit
   */
  public VddTestKit with(Vdd... vdds) {
    instances.addAll(List.of(vdds));
    return this;
  }

  /**
   * Adds more VDDs by id.
   *
   * @param vddIds further ids
   * @return this kit
   */
  public VddTestKit with(String... vddIds) {
    ids.addAll(List.of(vddIds));
    return this;
  }

  /**
   * Gives the machine a real CPU, for {@link EmbeddedMachine#execute guest snippets}.
   *
   * @param model the CPU model
   * @return this kit
   */
  public VddTestKit withCpu(CpuModel model) {
    this.cpu = Objects.requireNonNull(model, "model");
    return this;
  }

  /**
   * Uses the built-in BIOS, so that VDDs provide their BIOS services and set their devices up
   * as the BIOS's POST would.
   *
   * @return this kit
   */
  public VddTestKit builtInBios() {
    this.builtInBios = true;
    return this;
  }

  /**
   * Sets a property the VDDs read.
   *
   * @param property the property
   * @param value its value
   * @param <T> its type
   * @return this kit
   */
  public <T> VddTestKit property(VmProperty<T> property, T value) {
    builder.property(property, value);
    return this;
  }

  /**
   * Sets the wall-clock limit of each run ({@link #DEFAULT_TIMEOUT} by default).
   *
   * @param limit the limit
   * @return this kit
   */
  public VddTestKit timeout(Duration limit) {
    builder.timeout(limit);
    return this;
  }

  /**
   * Sets the guest's date and time at power-on.
   *
   * @param dateTime the start time
   * @return this kit
   */
  public VddTestKit startTime(java.time.LocalDateTime dateTime) {
    builder.startTime(dateTime);
    return this;
  }

  /**
   * Sets the memory size.
   *
   * @param kib memory in KiB
   * @return this kit
   */
  public VddTestKit memoryKiB(int kib) {
    builder.memoryKiB(kib);
    return this;
  }

  /**
   * Builds the machine, attaches the VDDs and powers it on.
   *
   * @return the running test machine; close it at the end of the test
   */
  public EmbeddedMachine start() {
    List<VmEvent> events = Collections.synchronizedList(new ArrayList<>());
    builder.listener(events::add);
    ids.forEach(builder::vdd);
    if (cpu != null) {
      builder.cpu(cpu);
    }
    instances.forEach(builder::vdd);
    if (builtInBios) {
      builder.builtInBios().personality(Personality.BARE_MACHINE);
    } else {
      builder.biosImage(new byte[64 * 1024]); // never executed without a CPU
    }
    MachineBuilder machine = MachineBuilder.fromServiceLoader(builder.toConfig());
    if (cpu == null) {
      machine.withoutCpu();
    }
    Machine built = machine.build();
    return new EmbeddedMachine(built, cpu != null, events);
  }
}
