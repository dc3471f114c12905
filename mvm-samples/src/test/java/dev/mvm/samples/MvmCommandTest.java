package dev.mvm.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mvm command as a user runs it, with the sample program the README names. */
class MvmCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int mvm(String... args) {
    return MvmCommand.execute(args, new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.ISO_8859_1),
        new PrintStream(err, true, StandardCharsets.ISO_8859_1));
  }

  /** The sample lives in the module's dos/ folder; tests run in the module's directory. */
  private static Path hello() {
    return Path.of("dos", "hello.com").toAbsolutePath();
  }

  @Test
  void runsTheSampleAndExitsWithItsReturnCode() {
    int code = mvm("run", hello().toString());
    assertThat(err.toString(StandardCharsets.ISO_8859_1)).isEmpty();
    assertThat(out.toString(StandardCharsets.ISO_8859_1))
        .isEqualTo("Hello from DOS, inside MVM!\r\nThis is DOS 5.00\r\n");
    assertThat(code).isEqualTo(3);
  }

  @Test
  void aDosPathOnAMappedDrive(@TempDir Path tools) throws Exception {
    Files.copy(hello(), tools.resolve("HELLO.COM"));
    int code = mvm("run", "--drive", "D=" + tools, "--cpu", "8086", "--memory", "640K",
        "D:\\HELLO.COM");
    assertThat(code).isEqualTo(3);
    assertThat(out.toString(StandardCharsets.ISO_8859_1)).startsWith("Hello from DOS, inside MVM!");
  }

  @Test
  void problemsAreReportedWithTheValueAndAnExitCode() {
    assertThat(mvm("run", "no-such.com")).isEqualTo(MvmCommand.EXIT_FAULT);
    assertThat(err.toString(StandardCharsets.ISO_8859_1)).contains("no such program: no-such.com");
    err.reset();
    assertThat(mvm("run", "--cpu", "z80", hello().toString())).isEqualTo(MvmCommand.EXIT_FAULT);
    assertThat(err.toString(StandardCharsets.ISO_8859_1)).contains("unknown CPU model z80");
    err.reset();
    assertThat(mvm("run", "--memory", "lots", hello().toString()))
        .isEqualTo(MvmCommand.EXIT_FAULT);
    assertThat(err.toString(StandardCharsets.ISO_8859_1)).contains("invalid memory size lots");
  }

  @Test
  void aLimitStopsTheProgram() {
    assertThat(mvm("run", "--max-instructions", "3", hello().toString()))
        .isEqualTo(MvmCommand.EXIT_LIMIT);
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertThat(mvm("run")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.ISO_8859_1)).contains("PROGRAM");
  }

  @Test
  void infoListsTheCpuModelsAndTheStandardVdds() {
    assertThat(mvm("info")).isZero();
    assertThat(out.toString(StandardCharsets.ISO_8859_1))
        .contains("  8086  (20-bit address bus)")
        .contains("  80286  (24-bit address bus, protected mode)")
        .contains("  DOSKRNL  (standard)")
        .contains("  VPIC  (standard)")
        .contains("  VVIDEO  (standard)");
  }
}
