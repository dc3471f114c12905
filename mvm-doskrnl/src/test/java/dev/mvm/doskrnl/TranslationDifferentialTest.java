package dev.mvm.doskrnl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvm.api.ExitReason;
import dev.mvm.api.ExitStatus;
import dev.mvm.api.Vm;
import dev.mvm.api.cpu.CpuModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole DOS programs on the 80486, once with the CPU's translation of hot code to JVM bytecode
 * (the default) and once interpreting every instruction ({@code VmBuilder.translation(false)}):
 * the interpreter is the reference, so the two runs must print the same, leave the same files,
 * exit with the same code and count the same instructions. The programs loop enough for their
 * loops to be translated: wc.com (a C program) over a few kilobytes of text, copy.com over a
 * file in 7-byte reads, and cpu386.com's CRC-32 and divide loops.
 */
class TranslationDifferentialTest {

  @TempDir Path base;

  /** What a run left: how it ended, its instruction count, its output and an output file. */
  private record Outcome(
      ExitReason reason, int exitCode, long instructions, String stdout, String file) {}

  /**
   * Runs a program of the test resources on a fresh drive C: holding {@code input} as {@code
   * inputName}, with translation on or off.
   */
  private Outcome run(
      String program, String inputName, String input, String outputName, boolean translation)
      throws IOException {
    Path drive = Files.createDirectories(base.resolve(translation ? "translated" : "interpreted"));
    String name = program.toUpperCase(Locale.ROOT);
    DosProgramTest.install(drive, program, name);
    Files.writeString(drive.resolve(inputName), input, StandardCharsets.ISO_8859_1);
    var out = new ByteArrayOutputStream();
    ExitStatus status;
    try (Vm vm = Vm.builder().cpu(CpuModel.I80486).translation(translation).drive('C', drive)
        .stdout(out).program("C:\\" + name).instructionBudget(50_000_000).build()) {
      status = vm.run();
      Arenas.assertIntact(vm);
    }
    Path written = drive.resolve(outputName);
    String file =
        Files.exists(written) ? Files.readString(written, StandardCharsets.ISO_8859_1) : "";
    return new Outcome(status.reason(), status.exitCode(), status.instructions(),
        out.toString(StandardCharsets.ISO_8859_1), file);
  }

  /** Runs the program both ways, requires the same outcome and returns it. */
  private Outcome both(String program, String inputName, String input, String outputName)
      throws IOException {
    Outcome interpreted = run(program, inputName, input, outputName, false);
    Outcome translated = run(program, inputName, input, outputName, true);
    assertThat(interpreted.reason()).as(program + ": " + interpreted.stdout())
        .isEqualTo(ExitReason.PROGRAM_EXIT);
    assertThat(translated).as(program).isEqualTo(interpreted);
    return translated;
  }

  private static String text() {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      s.append("Line ").append(i).append(": the quick brown fox jumps over the lazy dog.\n");
    }
    return s.toString();
  }

  @Test
  void aCProgramCountsAndCopiesTheSameWithoutTranslation() throws Exception {
    String text = text();
    Outcome wc = both("wc.com", "INPUT.TXT", text, "UPPER.TXT");
    assertThat(wc.stdout()).isEqualTo("100 lines, " + text.length() + " characters\r\n");
    assertThat(wc.file()).isEqualTo(text.toUpperCase(Locale.ROOT));
    assertThat(wc.exitCode()).isZero();
  }

  @Test
  void aCopyLoopOfHandleCallsRunsTheSameWithoutTranslation() throws Exception {
    String text = text().replace("\n", "\r\n");
    Outcome copy = both("copy.com", "IN.TXT", text, "OUT.TXT");
    assertThat(copy.stdout())
        .isEqualTo(String.format(Locale.ROOT, "copied %04X \r\n", text.length()));
    assertThat(copy.file()).isEqualTo(text);
  }

  @Test
  void thirtyTwoBitArithmeticGivesTheSameResultsWithoutTranslation() throws Exception {
    Outcome crc = both("cpu386.com", "UNUSED.TXT", "", "UNUSED.TXT");
    assertThat(crc.stdout()).isEqualTo("CRC-32 414FA339\r\nMULDIV C2373CC9\r\n");
  }
}
