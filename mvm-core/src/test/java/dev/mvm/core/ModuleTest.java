package dev.mvm.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModuleTest {
  @Test
  void testsRunInTheNamedModule() {
    assertThat(getClass().getModule().isNamed()).isTrue();
    assertThat(getClass().getModule().getName()).isEqualTo("dev.mvm.core");
  }
}
