package dev.mvm.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModuleTest {
  @Test
  void testsRunInTheNamedModule() {
    assertThat(getClass().getModule().getName()).isEqualTo("dev.mvm.it");
  }

  @Test
  void theEngineAndTheCpuJoinThroughServiceBinding() {
    ModuleLayer layer = getClass().getModule().getLayer();
    assertThat(layer.findModule("dev.mvm.core")).isPresent();
    assertThat(layer.findModule("dev.mvm.ist.x86")).isPresent();
  }
}
