package dev.mvm.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModuleTest {
  @Test
  void apiClassesAndTestsRunInTheNamedModule() {
    assertThat(Vm.class.getModule().getName()).isEqualTo("dev.mvm.api");
    assertThat(getClass().getModule()).isSameAs(Vm.class.getModule());
  }

  @Test
  void apiExportsEveryPublicPackage() {
    assertThat(Vm.class.getModule().getDescriptor().exports())
        .extracting(e -> e.source())
        .containsExactlyInAnyOrder(
            "dev.mvm.api", "dev.mvm.api.cpu", "dev.mvm.api.event", "dev.mvm.api.spi",
            "dev.mvm.api.vdd");
  }
}
