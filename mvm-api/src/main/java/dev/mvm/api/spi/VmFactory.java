package dev.mvm.api.spi;

import dev.mvm.api.Vm;
import dev.mvm.api.VmConfig;

/**
 * The engine that turns a {@link VmConfig} into a running machine. {@code dev.mvm.core}
 * provides it; {@link dev.mvm.api.VmBuilder#build()} finds it through {@link
 * java.util.ServiceLoader}. Host applications do not use it directly.
 */
public interface VmFactory {

  /**
   * Builds a VM.
   *
   * @param config the complete configuration
   * @return the VM, ready to run
   * @throws dev.mvm.api.VmConfigurationException if the machine cannot be built as described
   */
  Vm create(VmConfig config);
}
