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
}
