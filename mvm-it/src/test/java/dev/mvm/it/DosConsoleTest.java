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

  @Test
  void withoutAnInputStreamTheConsoleReadsTheKeyboard() throws Exception {
    Files.write(drive.resolve("ASK.COM"), Asm.assemble(0x100, """
            mov  ah, 0x01          ; one character, echoed
            int  0x21
            mov  [first], al
            mov  dx, buffer        ; a line, echoed, ended by Enter
            mov  ah, 0x0A
            int  0x21
            mov  bl, [buffer+1]    ; its length
            xor  bh, bh
            mov  byte [buffer+2+bx], '$'
            mov  dx, text
            mov  ah, 0x09
            int  0x21
            xor  bx, bx            ; then 3Fh on standard input: the next line with CR LF
            mov  cx, 20
            mov  dx, buffer
            mov  ah, 0x3F
            int  0x21
            mov  bx, 1
            mov  cx, ax
            mov  dx, buffer
            mov  ah, 0x40
            int  0x21
            mov  al, [first]
            mov  ah, 0x4C
            int  0x21
    first:  db   0
    buffer: db   20, 0
    text:   dw   0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
    """));
    try (Vm vm = Vm.builder().drive('C', drive).program("C:\\ASK.COM")
        .instructionBudget(50_000_000).build()) {
      vm.device(dev.mvm.vdd.std.Keyboard.class).orElseThrow().type("xhellp\bo\nworld\n");
      ExitStatus status = vm.run();
      assertThat(status.reason()).as(status.message()).isEqualTo(ExitReason.PROGRAM_EXIT);
      assertThat(status.exitCode()).isEqualTo('x');
      Screen.Frame frame = vm.device(Screen.class).orElseThrow().capture().get();
      // 0Ah echoes "xhello" and, for Enter, a CR only (as MS-DOS): the program's "hello"
      // then overwrites the row, and the handle read's echo "world" follows it there.
      assertThat(frame.row(0)).startsWith("helloworld");
      assertThat(frame.row(1)).startsWith("world");
    }
  }

  /** Ctrl-C on the keyboard: Ctrl held down around C, which INT 16h gives as 03h. */
  private static void ctrlC(dev.mvm.vdd.std.Keyboard keyboard) {
    keyboard.press("LCTRL");
    keyboard.tap("C");
    keyboard.release("LCTRL");
  }

  @Test
  void ctrlCOnTheKeyboardGoesToTheProgramsInt23hAndTheReadStartsAgain() throws Exception {
    Files.write(drive.resolve("BREAK.COM"), Asm.assemble(0x100, """
            mov  dx, handler
            mov  ax, 0x2523
            int  0x21
            mov  ah, 0x01          ; ^C, then 'a'
            int  0x21
            mov  [first], al
            mov  dx, buffer        ; "1", ^C, then "23" and Enter: the line starts again
            mov  ah, 0x0A
            int  0x21
            mov  dl, 10            ; 0Ah echoes only the CR of Enter: the line feed is ours
            mov  ah, 0x02
            int  0x21
            mov  ah, 0x07          ; 07h does not check: the 03h comes back
            int  0x21
            cmp  al, 3
            jne  bad
            mov  ah, 0x08          ; 08h checks: ^C, then 'z'
            int  0x21
            cmp  al, 'z'
            jne  bad
            cmp  byte [buffer+1], 2
            jne  bad
            mov  al, [first]
            mov  ah, 0x4C
            int  0x21
    bad:    mov  ax, 0x4CFF
            int  0x21
    handler:
            push ax
            push dx
            mov  dx, text
            mov  ah, 0x09
            int  0x21
            pop  dx
            pop  ax
            iret
    text:   db   "[handler]$"
    first:  db   0
    buffer: db   20, 0
            dw   0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
    """));
    try (Vm vm = Vm.builder().drive('C', drive).program("C:\\BREAK.COM")
        .instructionBudget(50_000_000).build()) {
      var keyboard = vm.device(dev.mvm.vdd.std.Keyboard.class).orElseThrow();
      ctrlC(keyboard);
      keyboard.type("a1");
      ctrlC(keyboard);
      keyboard.type("23\n");
      ctrlC(keyboard);
      ctrlC(keyboard);
      keyboard.type("z");
      ExitStatus status = vm.run();
      assertThat(status.reason()).as(status.message()).isEqualTo(ExitReason.PROGRAM_EXIT);
      assertThat(status.exitCode()).isEqualTo('a');
      Screen.Frame frame = vm.device(Screen.class).orElseThrow().capture().get();
      assertThat(frame.row(0)).startsWith("^C ");
      assertThat(frame.row(1)).startsWith("[handler]a1^C ");
      assertThat(frame.row(2)).startsWith("[handler]23 ");
      assertThat(frame.row(3)).startsWith("^C ");
      assertThat(frame.row(4)).startsWith("[handler] ");
    }
  }

  @Test
  void ctrlCOnTheKeyboardWithTheDefaultHandlerEndsTheProgram() throws Exception {
    Files.write(drive.resolve("WAIT.COM"), Asm.assemble(0x100, """
            mov  ah, 0x08
            int  0x21
            mov  ax, 0x4C01        ; not reached: ^C ends the program with code 0
            int  0x21
    """));
    try (Vm vm = Vm.builder().drive('C', drive).program("C:\\WAIT.COM")
        .instructionBudget(50_000_000).build()) {
      ctrlC(vm.device(dev.mvm.vdd.std.Keyboard.class).orElseThrow());
      ExitStatus status = vm.run();
      assertThat(status.reason()).as(status.message()).isEqualTo(ExitReason.PROGRAM_EXIT);
      assertThat(status.exitCode()).isZero();
      Screen.Frame frame = vm.device(Screen.class).orElseThrow().capture().get();
      assertThat(frame.row(0)).startsWith("^C ");
    }
  }
}
