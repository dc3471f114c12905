package dev.mvm.ist.x86;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvm.api.cpu.CpuProvider;
import org.junit.jupiter.api.Test;

class ModuleTest {
  @Test
  void classesAreInTheNamedModule() {
    assertThat(X86CpuProvider.class.getModule().isNamed()).isTrue();
    assertThat(X86CpuProvider.class.getModule().getName()).isEqualTo("dev.mvm.ist.x86");
    assertThat(X86Cpu.class.getModule().getName()).isEqualTo("dev.mvm.ist.x86");
  }

  @Test
  void moduleDescriptorProvidesTheCpuProvider() {
    var provides = X86CpuProvider.class.getModule().getDescriptor().provides();
    assertThat(provides)
        .anySatisfy(
            p -> {
              assertThat(p.service()).isEqualTo(CpuProvider.class.getName());
              assertThat(p.providers()).containsExactly(X86CpuProvider.class.getName());
            });
  }
}
