package dev.mvm.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mvm.api.ExitReason;
import dev.mvm.testkit.Asm;
import dev.mvm.testkit.DosRun;
import org.junit.jupiter.api.Test;

/** The testkit's runner for DOS programs, with programs made by the testkit's assembler. */
class DosRunTest {

  /** Copies INPUT.TXT to standard output through handles, then exits with code 7. */
  private static final byte[] TYPE = Asm.assemble(0x100, """
              mov  dx, name
              mov  ax, 0x3D00
              int  0x21
              mov  bx, ax
      again:  mov  cx, 64
              mov  dx, buffer
              mov  ah, 0x3F
              int  0x21
              cmp  ax, 0
              jz   done
              mov  cx, ax
              push bx
              mov  bx, 1
              mov  ah, 0x40
              int  0x21
              pop  bx
              jmp  again
      done:   mov  ax, 0x4C07
              int  0x21
      name:   db   "INPUT.TXT", 0
      buffer: db   0
      """);

  /** Echoes standard input to standard output until its end; the exit code is 0. */
  private static final byte[] ECHO = Asm.assemble(0x100, """
      again:  xor  bx, bx
              mov  cx, 1
              mov  dx, buffer
              mov  ah, 0x3F
              int  0x21
              cmp  ax, 0
              jz   done
              mov  bx, 1
              mov  cx, 1
              mov  ah, 0x40
              int  0x21
              jmp  again
      done:   mov  ax, 0x4C00
              int  0x21
      buffer: db   0
      """);

  @Test
  void runsAProgramWithFilesAndCapturesItsOutput() {
    DosRun.Result r = DosRun.program("TYPE.COM", TYPE).file("INPUT.TXT", "one\r\ntwo\r\n").run();
    assertThat(r.exitCode()).isEqualTo(7);
    assertThat(r.stdout()).isEqualTo("one\r\ntwo\r\n");
    assertThat(r.file("INPUT.TXT")).isEqualTo("one\r\ntwo\r\n");
  }

  @Test
  void feedsStandardInput() {
    DosRun.Result r = DosRun.program("ECHO.COM", ECHO).stdin("typed\nrest\n").run();
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEqualTo("typed\nrest\n"); // redirected input: bytes as they are
  }

  @Test
  void aProgramThatDoesNotEndIsReported() {
    DosRun.Result r = DosRun.program("ECHO.COM", ECHO).stdin("no end")
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
