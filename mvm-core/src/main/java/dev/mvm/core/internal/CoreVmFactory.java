package dev.mvm.core.internal;

import dev.mvm.api.Vm;
import dev.mvm.api.VmConfig;
import dev.mvm.api.spi.VmFactory;

/**
 * The engine {@link dev.mvm.api.VmBuilder#build()} finds through {@link
 * java.util.ServiceLoader}: builds a {@link Machine} with the CPU and VDD providers found the
 * same way.
 */
public final class CoreVmFactory implements VmFactory {

  /** Called by {@link java.util.ServiceLoader}. */
  public CoreVmFactory() {}

  @Override
  public Vm create(VmConfig config) {
    return MachineBuilder.fromServiceLoader(config).build();
  }
}
