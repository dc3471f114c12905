package dev.mvm.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mvm.api.ExitReason;
import dev.mvm.testkit.DosRun;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The testkit's runner for DOS programs from test resources. */
class DosRunTest {
  @Test
  void runsAProgramWithFilesAndCapturesItsOutput() {
    DosRun.Result r = DosRun.program("WC.COM", DosRunTest.class.getResourceAsStream("/programs/wc.com"))
        .file("INPUT.TXT", "one\ntwo\n")
        .run();
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEqualTo("2 lines, 8 characters\r\n");
    assertThat(r.file("UPPER.TXT")).isEqualTo("ONE\nTWO\n");
  }

  @Test
  void feedsStandardInput() {
    DosRun.Result r = DosRun.program("ECHO.COM", DosRunTest.class.getResourceAsStream("/programs/echo.com"))
        .stdin("typed\nrest\n")
        .run();
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEqualTo("typed\r\n0005 \r\nrest\r\n");
  }

  @Test
  void aProgramThatDoesNotEndIsReported() {
    DosRun.Result r = DosRun.program("ECHO.COM", DosRunTest.class.getResourceAsStream("/programs/echo.com"))
        .stdin("no end").timeout(Duration.ofSeconds(30))
        .configure(b -> b.instructionBudget(50))
        .run();
    assertThat(r.status().reason()).isEqualTo(ExitReason.BUDGET_EXHAUSTED);
    assertThatThrownBy(r::exitCode).hasMessageContaining("did not end");
  }

  @Test
  void aMissingResourceIsNamed() {
    assertThatThrownBy(() -> DosRun.program("NONE.COM",
        DosRunTest.class.getResourceAsStream("/programs/none.com")))
        .hasMessageContaining("NONE.COM");
  }
}
