package dev.mvm.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvm.api.Vm;
import dev.mvm.api.cpu.Registers;
import dev.mvm.samples.embed.EmbedDos;
import dev.mvm.samples.stepping.Stepper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each example does what its documentation says. */
class ExamplesTest {
  @TempDir Path folder;

  @Test
  void embedDosReturnsTheOutputAndExitCode() throws Exception {
    Files.copy(Path.of("dos", "hello.com"), folder.resolve("HELLO.COM"));
    EmbedDos.Result result = EmbedDos.run(folder, "HELLO.COM");
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.output()).isEqualTo("Hello from DOS, inside MVM!\r\nThis is DOS 5.00\r\n");
  }

  @Test
  void stepperTracesToABreakpoint() throws Exception {
    Files.copy(Path.of("dos", "hello.com"), folder.resolve("HELLO.COM"));
    var trace = new ByteArrayOutputStream();
    try (Vm vm = Vm.builder().drive('C', folder).stdout(new ByteArrayOutputStream())
        .program("C:\\HELLO.COM").build()) {
      // Run through the BIOS and the kernel's start-up to the program's first instruction.
      while (vm.registers().ip() != 0x100 || vm.registers().cs() == 0xF000) {
        vm.step();
      }
      int psp = vm.registers().cs();
      int executed = Stepper.trace(vm, new PrintStream(trace, true, StandardCharsets.UTF_8),
          linear -> linear == Registers.linear(psp, 0x105), 100);
      // Two of the program's instructions, and whatever timer interrupts came in between.
      assertThat(executed).isBetween(2, 100 - 1);
      assertThat(trace.toString(StandardCharsets.UTF_8))
          .contains(String.format("%04X:0100  ", psp)).contains("mov dx, 12Eh")
          .contains(String.format("%04X:0103  ", psp)).contains("mov ah, 9h")
          .endsWith(String.format("breakpoint at %04X:0105%n", psp));
    }
  }
}
