package dev.mvm.doskrnl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mvm.api.ExitReason;
import dev.mvm.api.ExitStatus;
import dev.mvm.api.Vm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The kernel against an outside reference: each guest test program of the kernel runs under
 * MVM and under DOSBox 0.74 on identical copies of its drive, and the two must agree on the
 * bytes written to standard output, the return code, and every file left on the drive.
 *
 * <p>Programs left out, and why:
 *
 * <ul>
 *   <li>{@code escape.com}: it tests MVM's sandbox (a read-only drive, links out of a drive),
 *       which DOSBox 0.74's {@code mount} cannot express.
 *   <li>{@code datetime.com}: it sets and reads the clock against a start time MVM fixes; DOSBox
 *       starts at the host's time.
 *   <li>{@code memory.com}: it prints the largest free block, which depends on how much memory
 *       the DOS itself occupies (MVM's kernel lives outside conventional memory).
 *   <li>{@code echo.com} (for now): MVM gives the host's standard input to the program as typed
 *       at the keyboard behind CON, while DOSBox reads a redirected file, so line ends differ.
 * </ul>
 *
 * <p>Where the two differ by design, a case compares a normalised form and says why: FIND
 * FIRST/NEXT return entries in the host directory's order, which DOSBox and MVM read
 * differently, so {@code dir.com}'s lines are compared as a set.
 *
 * <p>DOSBox must be installed (Debian package {@code dosbox}); without it the test is skipped,
 * unless the system property {@code mvm.dosbox} names it, as CI does.
 */
class DosBoxComparisonTest {
  private static @Nullable DosBox dosBox;

  @BeforeAll
  static void findDosBox() {
    dosBox = DosBox.find();
  }

  /** A program, its command tail, standard input and files, and how to compare. */
  record Case(String program, String arguments, String stdin, Map<String, byte[]> files,
      boolean linesInAnyOrder) {
    @Override
    public String toString() {
      return program + (arguments.isEmpty() ? "" : " " + arguments);
    }
  }

  private static Case exact(String program, String arguments, String stdin, Object... files) {
    Map<String, byte[]> map = new TreeMap<>();
    for (int i = 0; i < files.length; i += 2) {
      map.put((String) files[i], ((String) files[i + 1]).getBytes(StandardCharsets.ISO_8859_1));
    }
    return new Case(program, arguments, stdin, map, false);
  }

  static Stream<Case> cases() {
    Case dir = exact("DIR.COM", "", "", "DATA/ALPHA.TXT", "a".repeat(0x123),
        "DATA/BETA.TXT", "12345", "DATA/GAMMA.DOC", "1234567", "DATA/NOTES.TXT", "n");
    return Stream.of(
        exact("HELLO.COM", "", ""),
        exact("ARGS.COM", "report.txt /Q", ""),
        exact("COPY.COM", "", "", "IN.TXT", "The quick brown fox jumps over the lazy dog.\r\n"),
        new Case(dir.program(), "", "", dir.files(), true),
        exact("MZ.EXE", "", ""),
        exact("CPU386.COM", "", ""),
        exact("WC.COM", "", "", "INPUT.TXT", "first line\nsecond line\nthird: MiXeD case\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void mvmAndDosBoxAgree(Case c, @TempDir Path temp) throws Exception {
    DosBox box = dosBox;
    assumeTrue(box != null, "DOSBox is not installed (apt-get install dosbox): the comparison "
        + "with an outside DOS is skipped");
    Path mvmDrive = prepare(c, Files.createDirectories(temp.resolve("mvm")));
    Path boxDrive = prepare(c, Files.createDirectories(temp.resolve("dosbox")));

    var out = new ByteArrayOutputStream();
    String[] arguments = c.arguments().isEmpty() ? new String[0] : c.arguments().split(" ");
    int mvmCode;
    try (Vm vm = Vm.builder().drive('C', mvmDrive).stdout(out)
        .stdin(new ByteArrayInputStream(c.stdin().getBytes(StandardCharsets.ISO_8859_1)))
        .program("C:\\" + c.program(), arguments).timeout(Duration.ofSeconds(30)).build()) {
      ExitStatus status = vm.run();
      assertThat(status.reason()).as(status.message()).isEqualTo(ExitReason.PROGRAM_EXIT);
      mvmCode = status.exitCode();
    }
    DosBox.Result reference = box.run(boxDrive, c.program(), c.arguments(),
        c.stdin().getBytes(StandardCharsets.ISO_8859_1),
        Files.createDirectories(temp.resolve("scratch")));

    String mvmOut = out.toString(StandardCharsets.ISO_8859_1);
    String boxOut = new String(reference.stdout(), StandardCharsets.ISO_8859_1);
    if (c.linesInAnyOrder()) {
      assertThat(sortedLines(mvmOut)).as("stdout lines").isEqualTo(sortedLines(boxOut));
    } else {
      assertThat(mvmOut).as("stdout").isEqualTo(boxOut);
    }
    assertThat(mvmCode).as("exit code").isEqualTo(reference.exitCode());
    assertThat(files(mvmDrive)).as("files on the drive").isEqualTo(files(boxDrive));
  }

  private static Path prepare(Case c, Path drive) throws IOException {
    try (InputStream in = DosBoxComparisonTest.class.getResourceAsStream(
        "/programs/" + c.program().toLowerCase(Locale.ROOT))) {
      assertThat(in).as(c.program()).isNotNull();
      Files.write(drive.resolve(c.program()), in.readAllBytes());
    }
    for (Map.Entry<String, byte[]> f : c.files().entrySet()) {
      Path file = drive.resolve(f.getKey());
      Files.createDirectories(file.getParent());
      Files.write(file, f.getValue());
    }
    return drive;
  }

  private static List<String> sortedLines(String text) {
    String[] lines = text.split("\r\n", -1);
    Arrays.sort(lines);
    return List.of(lines);
  }

  /** Every file below a folder: its path in upper case (as DOS names it), and its content. */
  private static Map<String, String> files(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        files.put(root.relativize(p).toString().toUpperCase(Locale.ROOT),
            new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
      }
    }
    return files;
  }
}
