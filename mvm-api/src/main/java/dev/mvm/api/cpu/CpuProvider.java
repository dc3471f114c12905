package dev.mvm.api.cpu;

import java.util.Set;

/**
 * Creates CPUs; found by the VM monitor through {@link java.util.ServiceLoader}. The x86
 * interpreter of {@code dev.mvm.ist.x86} is the standard provider.
 *
 * <pre>{@code
 * module my.cpu {
 *   requires dev.mvm.api;
 *   provides dev.mvm.api.cpu.CpuProvider with my.cpu.MyCpuProvider;
 * }
 * }</pre>
 */
public interface CpuProvider {

  /**
   * The models this provider can create.
   *
   * @return the supported models
   */
  Set<CpuModel> models();

  /**
   * Creates a CPU in its power-on state.
   *
   * @param model one of {@link #models()}
   * @param bus the machine the CPU executes on
   * @return a new CPU
   * @throws IllegalArgumentException if the model is not supported
   */
  Cpu create(CpuModel model, CpuBus bus);

  /**
   * Creates a CPU in its power-on state, saying whether it may translate hot code to JVM
   * bytecode ({@link dev.mvm.api.VmBuilder#translation}). The VM monitor calls this one.
   *
   * <p>The default calls {@link #create(CpuModel, CpuBus)} and ignores {@code translate}: it
   * suits a provider whose CPUs only interpret, which always behave as asked for with false. A
   * provider with a translator overrides it and turns the translator off when {@code translate}
   * is false.
   *
   * @param model one of {@link #models()}
   * @param bus the machine the CPU executes on
   * @param translate whether the CPU may translate hot code; false asks it to interpret every
   *     instruction
   * @return a new CPU
   * @throws IllegalArgumentException if the model is not supported
   */
  default Cpu create(CpuModel model, CpuBus bus, boolean translate) {
    return create(model, bus);
  }
}
