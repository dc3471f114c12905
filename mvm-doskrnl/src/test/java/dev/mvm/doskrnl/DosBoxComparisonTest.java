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
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
 *   <li>{@code fcbesc.com}: like {@code escape.com}, it needs a read-only drive.
 *   <li>{@code fcbrand.com}: DOSBox 0.74 itself crashes (SIGFPE) on its FCB random and block
 *       transfers with record sizes other than 128.
 *   <li>{@code fcbren.com}: DOSBox 0.74 has no wildcards in FCB rename (17h); it answers FFh
 *       with error 02h where MS-DOS renames each match.
 *   <li>{@code fcbparse.com}: DOSBox 0.74's parse-file-name (29h) is its own approximation: it
 *       leaves FCB bytes 0Ch&ndash;0Fh as they were where MS-DOS zeroes them, and parses names
 *       longer than 8 characters, a second dot and separators differently.
 *   <li>{@code cds.com}: DOSBox 0.74's current directory structures are a stub: no entry holds a
 *       path or the in-use flag (4000h), so every line reads "not in use".
 *   <li>{@code sft.com}: DOSBox 0.74 keeps its drives and open files inside the emulator, not in
 *       DOS's tables: the DPB chain of the list of lists holds no DPB of the drive, and the
 *       system file table entry behind a handle stays empty (no name, count, mode or size).
 *   <li>{@code devices.com}: DOSBox 0.74's device chain walks as MS-DOS's does (NUL first, CON
 *       in it), but its list of lists leaves the CON (0Ch) and CLOCK$ (08h) pointers away from
 *       the headers in the chain, where MS-DOS points them, and the program stops there.
 *   <li>{@code exterr.com}: DOSBox 0.74's extended error (59h) gives the right codes but not
 *       MS-DOS's class, action and locus (action 01h and locus 00h, which is no locus, for every
 *       error), and it has no 5D0Ah (it returns with CF set and AX unchanged).
 *   <li>{@code country.com}: DOSBox 0.74 stops itself ("unhandled country information call")
 *       at 65h 23h, the yes/no check; before that its case-map routine, upper-case table and
 *       65h 20h leave 80h&ndash;FFh as they are (MS-DOS maps {@code ä} to {@code Ä}, {@code é} to
 *       {@code E}), and 38h for another country sets CF without an error code in AX.
 *   <li>{@code handles.com}: DOSBox 0.74's set-handle-count (67h) neither takes memory for the
 *       table (it succeeds where MS-DOS, finding none free, fails with 08h) nor keeps the count
 *       asked for (30 becomes 32), so every later line differs.
 *   <li>{@code ioctl.com}: every line differs: under DOSBox standard output is the file the
 *       batch file redirects it to, not CON; its 4400h omits the not-written bit (40h) of a new
 *       file, it has no 440Ah (handle is remote), and its 440Dh 0860h puts the drive number
 *       where the BPB's bytes per sector belong.
 *   <li>{@code locks.com}: DOSBox 0.74 has no SHARE: every lock (5Ch) fails with 01h, as in
 *       MS-DOS 5 without SHARE.EXE, where MVM locks as under SHARE (see {@code RecordLocks}).
 *   <li>{@code loader.com}: its child reports whether its standard output is a device, and
 *       under this harness DOSBox's is a file (the batch file redirects it); DOSBox 0.74's
 *       load-without-executing (4B01h) also leaves a parameter block that the program's checks
 *       of MS-DOS's layout refuse.
 *   <li>{@code errors.com}: DOSBox 0.74 answers EXEC's failures its own way: 02h for a missing
 *       directory (MS-DOS: 03h) and where no handle is free (MS-DOS: 04h), it loads the
 *       malformed .EXE (MS-DOS: 0Bh), and answers an unknown subfunction with 0Bh (MS-DOS:
 *       01h); and, as for {@code loader.com}, its standard output is a file.
 *   <li>{@code overlay.exe} and {@code badexe.exe}: only {@code loader.com} and
 *       {@code errors.com} run them.
 *   <li>{@code break.com}, {@code brkrun.com} and {@code brkchild.com}: they type Ctrl-C into
 *       the BIOS keyboard buffer, and DOSBox 0.74's DOS never checks for it: its console input
 *       returns the 03h as a character, where MS-DOS echoes {@code ^C} and issues INT 23h (run
 *       with the keyboard as CON, no handler ran under DOSBox and no program was aborted).
 *   <li>{@code refs.com}: it reads the reference counts of its handles in the system file
 *       table, which DOSBox 0.74 leaves empty (see {@code sft.com}).
 *   <li>{@code diskfull.com} and {@code openmax.com}: they test MVM's per-VM limits (a write
 *       quota of a few thousand bytes, a cap of three open host files), which DOSBox 0.74
 *       cannot set; without them every call succeeds and nothing is tested.
 * </ul>
 *
 * <p>Where the two differ on single lines for a known reason, a case records both lines and why
 * (see {@link Departure}). Mostly DOSBox departs from MS-DOS there, and MVM's line is the one
 * MS-DOS prints.
 *
 * <p>Where the two differ by design, a case compares a normalised form and says why: FIND
 * FIRST/NEXT return entries in the host directory's order, which DOSBox and MVM read
 * differently, so {@code dir.com}'s lines are compared as a set.
 *
 * <p>DOSBox must be installed (Debian package {@code dosbox}); without it the test is skipped,
 * unless the system property {@code mvm.dosbox} names it, as CI does.
 */
class DosBoxComparisonTest {
  /** The programs the class comment leaves out, each for the reason it gives. */
  private static final Set<String> LEFT_OUT = Set.of("ESCAPE.COM", "DATETIME.COM", "MEMORY.COM",
      "FCBESC.COM", "FCBRAND.COM", "FCBREN.COM", "FCBPARSE.COM", "CDS.COM", "SFT.COM",
      "DEVICES.COM", "EXTERR.COM", "COUNTRY.COM", "HANDLES.COM", "IOCTL.COM", "LOCKS.COM",
      "LOADER.COM", "OVERLAY.EXE", "ERRORS.COM", "BADEXE.EXE", "REFS.COM",
      "BREAK.COM", "BRKRUN.COM", "BRKCHILD.COM", "DISKFULL.COM", "OPENMAX.COM");

  private static @Nullable DosBox dosBox;

  @BeforeAll
  static void findDosBox() {
    dosBox = DosBox.find();
  }

  /**
   * A program, its command tail, standard input and files (a name ending in {@code /} is a
   * directory), and how to compare.
   */
  record Case(String program, String arguments, String stdin, Map<String, byte[]> files,
      boolean linesInAnyOrder, List<Departure> departures) {
    @Override
    public String toString() {
      return program + (arguments.isEmpty() ? "" : " " + arguments);
    }

    /** The same case, where DOSBox departs from MS-DOS on one line of output. */
    Case departing(int line, String mvm, String dosBox, String why) {
      List<Departure> all = new java.util.ArrayList<>(departures);
      all.add(new Departure(line, mvm, dosBox, why));
      return new Case(program, arguments, stdin, files, linesInAnyOrder, List.copyOf(all));
    }
  }

  /**
   * A line of output where DOSBox 0.74 and MVM differ for a known reason, almost always that
   * DOSBox departs from MS-DOS: both sides must print exactly what is recorded here, so that a
   * change on either side shows.
   *
   * @param line the line's index, from 0
   * @param mvm what MVM prints: what MS-DOS prints, unless {@code why} says otherwise
   * @param dosBox what DOSBox prints
   * @param why how DOSBox departs (or why the two differ)
   */
  record Departure(int line, String mvm, String dosBox, String why) {}

  private static Case exact(String program, String arguments, String stdin, Object... files) {
    Map<String, byte[]> map = new TreeMap<>();
    for (int i = 0; i < files.length; i += 2) {
      map.put((String) files[i], ((String) files[i + 1]).getBytes(StandardCharsets.ISO_8859_1));
    }
    return new Case(program, arguments, stdin, map, false, List.of());
  }

  /** A case whose program runs others (EXEC): the children are files on its drive. */
  private static Case withChildren(Case c, String... children) {
    Map<String, byte[]> files = new TreeMap<>(c.files());
    for (String child : children) {
      try (InputStream in = DosBoxComparisonTest.class.getResourceAsStream(
          "/programs/" + child.toLowerCase(Locale.ROOT))) {
        if (in == null) {
          throw new IllegalStateException("no test program " + child);
        }
        files.put(child, in.readAllBytes());
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return new Case(c.program(), c.arguments(), c.stdin(), files,
        c.linesInAnyOrder(), c.departures());
  }

  static Stream<Case> cases() {
    Case dir = exact("DIR.COM", "", "", "DATA/ALPHA.TXT", "a".repeat(0x123),
        "DATA/BETA.TXT", "12345", "DATA/GAMMA.DOC", "1234567", "DATA/NOTES.TXT", "n");
    return Stream.of(
        exact("HELLO.COM", "", ""),
        exact("ARGS.COM", "report.txt /Q", ""),
        exact("COPY.COM", "", "", "IN.TXT", "The quick brown fox jumps over the lazy dog.\r\n"),
        new Case(dir.program(), "", "", dir.files(), true, List.of()),
        exact("MZ.EXE", "", ""),
        exact("CPU386.COM", "", ""),
        exact("WC.COM", "", "", "INPUT.TXT", "first line\nsecond line\nthird: MiXeD case\n"),
        exact("ECHO.COM", "", "first line\r\nsecond line\r\nthird\r\n"),
        exact("FCBFILE.COM", "", "")
            .departing(8, "00 03 [FCBTEST DAT] 0180 ", "00 03 [FCBTEST DAT] 0000 ",
                "DOSBox's FCB search leaves the found entry's size 0; MS-DOS copies the "
                    + "directory entry, size included")
            .departing(11, "00 FF 0012 FF 0002 ", "00 FF 0012 FF 0012 ",
                "DOSBox's FCB delete that matches nothing reports 12h (no more files); MS-DOS "
                    + "reports 02h (file not found)"),
        exact("FCBDIR.COM", "", "", "FCBWORK/SUBDIR/", "", "FCBWORK/SUBFILE.TXT", "sub",
            "FCBWORK/other.txt", "other")
            .departing(1, "00 FF 00 00 00 00 00 10 03 [SUBDIR     ] 10 ",
                "00 FF 00 00 00 00 00 10 03 [SUBDIR     ] 00 ",
                "DOSBox's FCB search leaves the found entry's attribute byte 0; MS-DOS copies "
                    + "the directory entry, attributes included")
            .departing(3, "0005 0003 FF 0012 ", "0005 0000 FF 0012 ",
                "the same: DOSBox's entries show no directory attribute, so none counts"),
        exact("MCBCHAIN.COM", "", ""),
        exact("MPLEX.COM", "", "")
            .departing(6, "idle 00 ", "idle 80 ",
                "MVM supports releasing the time slice (INT 2Fh 1680h) as a multitasking host "
                    + "does (Windows 3+, OS/2 2+, DPMI 1.0 hosts; Ralf Brown's list adds DOS 5+): "
                    + "AL = 00h, and the VM idles; DOSBox 0.74 leaves AL = 80h, not supported"),
        exact("TRUENAME.COM", "", "", "SUB/", "")
            .departing(2, "C:\\DIR\\????????.???", "C:\\DIR\\*.*",
                "DOSBox's TRUENAME (60h) keeps the '*'; MS-DOS expands each into '?'s, as its "
                    + "canonicalisation packs every name into the 8.3 form")
            .departing(4, "C:/CON", "C:\\SUB\\CON",
                "DOSBox makes a device name a file in the current directory; MS-DOS gives "
                    + "'d:/NAME', the form its own calls take for a device")
            .departing(6, "E0003 ", "C:\\X",
                "DOSBox lets '..' climb above the root; MS-DOS fails with 03h (path not found)")
            .departing(8, "E0002 ", "E0003 ",
                "for a name with a character DOS forbids ('a|b') DOSBox answers 03h; MS-DOS "
                    + "answers 02h (file not found) when no path separator follows the bad "
                    + "character")
            .departing(9, "E0002 ", "C:\\SUB",
                "for a drive alone ('c:') DOSBox gives the current directory; MS-DOS finds an "
                    + "empty name after the drive and fails with 02h (file not found)"),
        exact("PROBES.COM", "", "")
            .departing(0, "00 00 sda ok", "00 00 ",
                "DOSBox's 5D06h returns the swappable data area (InDOS at offset 1, where 34h "
                    + "points) but leaves CF as the caller had it; MS-DOS clears CF on success"),
        withChildren(exact("PARENT.COM", "", ""), "CHILD.COM")
            .departing(1, "code 0007 0000 ", "code 0007 0007 ",
                "DOSBox's 4Dh returns the child's code every time; MS-DOS returns it once, "
                    + "then 0"),
        exact("DUP.COM", "", ""),
        exact("REDIR.COM", "", ""),
        exact("LEVEL.COM", "", ""),
        withChildren(exact("GROWN.COM", "", ""), "CHILD.COM"),
        withChildren(exact("DRIVER.COM", "", ""), "TSR.COM", "USER.COM"));
  }

  @Test
  void everyTestProgramIsComparedOrLeftOutForAReason() throws Exception {
    Path folder = Path.of(Objects.requireNonNull(
        DosBoxComparisonTest.class.getResource("/programs/hello.com"), "hello.com").toURI())
        .getParent();
    Set<String> programs = new TreeSet<>();
    try (Stream<Path> files = Files.list(folder)) {
      files.map(p -> p.getFileName().toString().toUpperCase(Locale.ROOT))
          .filter(name -> name.endsWith(".COM") || name.endsWith(".EXE"))
          .forEach(programs::add);
    }
    // A case's program, and the programs it runs as children (files on its drive).
    Set<String> compared = cases().flatMap(c -> Stream.concat(Stream.of(c.program()),
            c.files().keySet().stream().filter(f -> f.endsWith(".COM") || f.endsWith(".EXE"))))
        .collect(Collectors.toSet());
    assertThat(compared).as("compared and left out both").doesNotContainAnyElementsOf(LEFT_OUT);
    Set<String> covered = new TreeSet<>(compared);
    covered.addAll(LEFT_OUT);
    assertThat(covered).as("the programs compared or left out").isEqualTo(programs);
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
      Arenas.assertIntact(vm);
      assertThat(status.reason()).as(status.message()).isEqualTo(ExitReason.PROGRAM_EXIT);
      mvmCode = status.exitCode();
    }
    DosBox.Result reference = box.run(boxDrive, c.program(), c.arguments(),
        c.stdin().getBytes(StandardCharsets.ISO_8859_1),
        Files.createDirectories(temp.resolve("scratch")));

    String mvmOut = out.toString(StandardCharsets.ISO_8859_1);
    String boxOut = new String(reference.stdout(), StandardCharsets.ISO_8859_1);
    for (Departure d : c.departures()) {
      String[] mvmLines = mvmOut.split("\r\n", -1);
      String[] boxLines = boxOut.split("\r\n", -1);
      assertThat(mvmLines[d.line()]).as("MVM's line %d (%s)", d.line(), d.why())
          .isEqualTo(d.mvm());
      assertThat(boxLines[d.line()]).as("DOSBox's line %d (%s)", d.line(), d.why())
          .isEqualTo(d.dosBox());
      boxLines[d.line()] = d.mvm();
      boxOut = String.join("\r\n", boxLines);
    }
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
      if (f.getKey().endsWith("/")) { // a directory
        Files.createDirectories(drive.resolve(f.getKey()));
        continue;
      }
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
