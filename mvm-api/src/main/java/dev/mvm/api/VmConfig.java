package dev.mvm.api;

import dev.mvm.api.cpu.CpuModel;
import dev.mvm.api.event.VmListener;
import dev.mvm.api.vdd.Vdd;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The complete, immutable description of a VM, as {@link VmBuilder} collected it. The engine
 * builds the machine from it; VDDs read it through their context.
 *
 * @param name a name for threads and log messages
 * @param cpuModel the CPU model, or null for the newest model the CPU provider supports
 * @param translation whether the CPU may translate hot code to JVM bytecode; false interprets
 *     every instruction (see {@link VmBuilder#translation})
 * @param memorySize bytes of physical RAM, a multiple of 4 KiB
 * @param clockMode virtual or paced time
 * @param instructionsPerSecond the nominal speed that maps executed instructions to time
 * @param startTime the guest's date and time at power-on
 * @param firmware the built-in BIOS or a BIOS image
 * @param personality DOS, or the bare machine
 * @param standardVdds whether the standard VDDs found through ServiceLoader are attached
 * @param excludedVdds ids of standard VDDs left out (to be replaced by custom ones)
 * @param vddIds ids of further VDDs to find through ServiceLoader
 * @param vdds VDD instances given by the host, attached as they are
 * @param dos the DOS personality's settings
 * @param instructionBudget the most instructions a run may execute, or 0 for no limit
 * @param timeout the longest wall-clock time a run may take, or null for no limit
 * @param properties the values of {@link VmProperty properties} the host set, by name
 * @param listeners listeners registered before the VM was built
 */
public record VmConfig(
    String name,
    @Nullable CpuModel cpuModel,
    boolean translation,
    long memorySize,
    ClockMode clockMode,
    long instructionsPerSecond,
    LocalDateTime startTime,
    Firmware firmware,
    Personality personality,
    boolean standardVdds,
    Set<String> excludedVdds,
    List<String> vddIds,
    List<Vdd> vdds,
    DosConfig dos,
    long instructionBudget,
    @Nullable Duration timeout,
    Map<String, Object> properties,
    List<VmListener> listeners) {

  /** Copies the collections. */
  public VmConfig {
    excludedVdds = Set.copyOf(excludedVdds);
    vddIds = List.copyOf(vddIds);
    vdds = List.copyOf(vdds);
    properties = Map.copyOf(properties);
    listeners = List.copyOf(listeners);
  }

  /**
   * The value of a property: the host's, or the property's default.
   *
   * @param property the property
   * @param <T> its type
   * @return its value for this VM
   */
  public <T> T property(VmProperty<T> property) {
    Object value = properties.get(property.name());
    return value == null ? property.defaultValue() : property.cast(value);
  }
}
