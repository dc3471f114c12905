package dev.mvm.doskrnl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvm.api.ExitReason;
import dev.mvm.api.ExitStatus;
import dev.mvm.api.Vm;
import dev.mvm.api.event.VmEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DOS programs run end to end: the CPU, the monitor, the standard devices and the kernel. */
class DosProgramTest {
  @TempDir Path drive;

  private void install(String resource, String name) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/programs/" + resource)) {
      Files.write(drive.resolve(name), in.readAllBytes());
    }
  }

  @Test
  void helloPrintsAndExitsWithItsCode() throws Exception {
    install("hello.com", "HELLO.COM");
    var out = new ByteArrayOutputStream();
    List<VmEvent> events = new ArrayList<>();
    try (Vm vm = Vm.builder().drive('C', drive).stdout(out).program("C:\\HELLO.COM")
        .listener(events::add).instructionBudget(1_000_000).build()) {
      ExitStatus status = vm.run();
      assertThat(status.reason()).as(status.message()).isEqualTo(ExitReason.PROGRAM_EXIT);
      assertThat(status.exitCode()).isEqualTo(3);
      assertThat(out.toString(StandardCharsets.ISO_8859_1))
          .isEqualTo("Hello from DOS!\r\nwritten to handle 1\r\n");
      assertThat(events).contains(new VmEvent.ProgramStarted("C:\\HELLO.COM"),
          new VmEvent.ProgramExited("C:\\HELLO.COM", 3));
    }
  }

  @Test
  void theCommandTailFcbsAndProgramPathReachTheProgram() throws Exception {
    install("args.com", "args.com");
    var out = new ByteArrayOutputStream();
    try (Vm vm = Vm.builder().drive('C', drive).stdout(out).program("c:\\ARGS.COM", "report.txt",
        "/Q").instructionBudget(1_000_000).build()) {
      ExitStatus status = vm.run();
      assertThat(status.reason()).as(status.message()).isEqualTo(ExitReason.PROGRAM_EXIT);
      assertThat(out.toString(StandardCharsets.ISO_8859_1))
          .isEqualTo("[ report.txt /Q]<REPORT  TXT>C:\\ARGS.COM");
      assertThat(status.exitCode()).isEqualTo(" report.txt /Q".length());
    }
  }

  @Test
  void aMissingProgramIsAFaultThatNamesIt() {
    try (Vm vm = Vm.builder().drive('C', drive).program("C:\\NOPE.EXE").build()) {
      ExitStatus status = vm.run();
      assertThat(status.reason()).isEqualTo(ExitReason.FAULT);
      assertThat(status.message()).contains("C:\\NOPE.EXE").contains("DOS error 2");
    }
  }

  @Test
  void anEmptyProgramIsAnInvalidFormat() throws Exception {
    Files.write(drive.resolve("EMPTY.COM"), new byte[0]);
    try (Vm vm = Vm.builder().drive('C', drive).program("C:\\EMPTY.COM").build()) {
      ExitStatus status = vm.run();
      assertThat(status.reason()).isEqualTo(ExitReason.FAULT);
      assertThat(status.message()).contains("empty").contains("DOS error 11");
    }
  }
}
