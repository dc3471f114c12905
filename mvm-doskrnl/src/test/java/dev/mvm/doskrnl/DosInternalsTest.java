package dev.mvm.doskrnl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvm.api.ExitReason;
import dev.mvm.api.ExitStatus;
import dev.mvm.api.Vm;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DOS internals programs read, checked by guest programs that use and walk them. */
class DosInternalsTest {
  @TempDir Path drive;

  @Test
  void aDuplicatedHandleKeepsTheFileOpenWhenTheOriginalIsClosed() throws Exception {
    // The SFT counts every handle: closing one of two leaves the file open for the other.
    Files.write(drive.resolve("DUP.COM"), dev.mvm.testkit.Asm.assemble(0x100, """
            mov  dx, name
            xor  cx, cx
            mov  ah, 0x3C
            int  0x21
            mov  bx, ax
            mov  ah, 0x45
            int  0x21
            mov  si, ax
            mov  ah, 0x3E
            int  0x21
            mov  bx, si
            mov  cx, 4
            mov  dx, text
            mov  ah, 0x40
            int  0x21
            jc   bad
            mov  ah, 0x3E
            int  0x21
            mov  ax, 0x4C00
            int  0x21
    bad:    mov  ah, 0x4C
            int  0x21
    name:   db   "DUP.TXT", 0
    text:   db   "kept"
    """));
    try (Vm vm = Vm.builder().drive('C', drive).program("C:\\DUP.COM").build()) {
      ExitStatus status = vm.run();
      assertThat(status.reason()).isEqualTo(ExitReason.PROGRAM_EXIT);
      assertThat(status.exitCode()).isEqualTo(0);
    }
    assertThat(Files.readString(drive.resolve("DUP.TXT"))).isEqualTo("kept");
  }
}
