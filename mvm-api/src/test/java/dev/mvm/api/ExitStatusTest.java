package dev.mvm.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExitStatusTest {
  @Test
  void programExitCarriesTheCode() {
    ExitStatus status = ExitStatus.programExit(3, 1234);
    assertThat(status.reason()).isEqualTo(ExitReason.PROGRAM_EXIT);
    assertThat(status.exitCode()).isEqualTo(3);
    assertThat(status.message()).isEqualTo("program exited with code 3");
    assertThat(status.instructions()).isEqualTo(1234);
    assertThat(status.isTerminal()).isTrue();
  }

  @Test
  void faultKeepsItsCause() {
    var cause = new VddException("VPIC", "boom");
    ExitStatus status = ExitStatus.fault(cause, 7);
    assertThat(status.cause()).isSameAs(cause);
    assertThat(status.message()).isEqualTo("VDD VPIC: boom");
    assertThat(cause.vddId()).isEqualTo("VPIC");
  }

  @Test
  void resumableReasonsAreNotTerminal() {
    assertThat(ExitStatus.of(ExitReason.BUDGET_EXHAUSTED, "budget", 1).isTerminal()).isFalse();
    assertThat(ExitStatus.of(ExitReason.STOPPED, "stopped", 1).isTerminal()).isFalse();
    assertThat(ExitStatus.of(ExitReason.HALTED, "halted", 1).isTerminal()).isTrue();
    assertThat(ExitStatus.of(ExitReason.OUTPUT_LIMIT, "output", 1).isTerminal()).isTrue();
  }

  @Test
  void invalidStatusesAreRejected() {
    assertThatThrownBy(() -> ExitStatus.programExit(256, 0)).hasMessageContaining("256");
    assertThatThrownBy(() -> new ExitStatus(ExitReason.FAULT, 0, "x", null, 0))
        .hasMessageContaining("needs a cause");
  }

  @Test
  void buildWithoutAnEngineSaysWhichDependencyIsMissing() {
    // mvm-api's own tests run without dev.mvm.core, so no engine can be found.
    assertThatThrownBy(() -> Vm.builder().build())
        .isInstanceOf(VmConfigurationException.class)
        .hasMessageContaining("dev.mvm:mvm-core");
  }
}
