package dev.mvm.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvm.api.ExitReason;
import dev.mvm.api.ExitStatus;
import dev.mvm.api.Vm;
import dev.mvm.testkit.Asm;
import dev.mvm.vdd.std.Screen;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without host streams, the DOS console is the screen: output goes through INT 10h. */
class DosConsoleTest {
  @TempDir Path drive;

  @Test
  void programOutputAppearsOnTheScreenAndRegistersSurvive() throws Exception {
    Files.write(drive.resolve("SHOW.COM"), Asm.assemble(0x100, """
            mov  dx, text
            mov  ah, 0x09
            int  0x21
            mov  si, 0x1234        ; a register the console must not disturb
            mov  ah, 0x02
            mov  dl, '!'
            int  0x21
            mov  ah, 0x40
            mov  bx, 1
            mov  cx, 4
            mov  dx, more
            int  0x21
            cmp  ax, 4             ; the write returns its count despite the guest calls
            jne  bad
            cmp  si, 0x1234
            jne  bad
            mov  ax, 0x4C00
            int  0x21
    bad:    mov  ax, 0x4C01
            int  0x21
    text:   db   "On screen$"
    more:   db   13, 10, "ok"
    """));
    try (Vm vm = Vm.builder().drive('C', drive).program("C:\\SHOW.COM")
        .instructionBudget(5_000_000).build()) {
      ExitStatus status = vm.run();
      assertThat(status.reason()).as(status.message()).isEqualTo(ExitReason.PROGRAM_EXIT);
      assertThat(status.exitCode()).isZero();
      Screen.Frame frame = vm.device(Screen.class).orElseThrow().capture().get();
      assertThat(frame.row(0)).startsWith("On screen!");
      assertThat(frame.row(1)).startsWith("ok");
    }
  }
}
