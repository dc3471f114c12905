package dev.mvm.doskrnl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvm.api.ExitReason;
import dev.mvm.api.ExitStatus;
import dev.mvm.api.Vm;
import dev.mvm.api.cpu.CpuModel;
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
    install(drive, resource, name);
  }

  /** Copies a program of the test resources onto a drive under the given name. */
  static void install(Path drive, String resource, String name) throws IOException {
    try (InputStream in = DosProgramTest.class.getResourceAsStream("/programs/" + resource)) {
      if (in == null) {
        throw new IOException("no test program " + resource);
      }
      Files.write(drive.resolve(name), in.readAllBytes());
    }
  }

  /**
   * Copies programs of the test resources onto a drive, each under its name in upper case as
   * DOS shows it (a parent and the children it EXECs).
   */
  static void install(Path drive, String... resources) throws IOException {
    for (String resource : resources) {
      install(drive, resource, resource.toUpperCase(java.util.Locale.ROOT));
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
      Arenas.assertIntact(vm);
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
      Arenas.assertIntact(vm);
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
      Arenas.assertIntact(vm);
      assertThat(status.reason()).isEqualTo(ExitReason.FAULT);
      assertThat(status.message()).contains("C:\\NOPE.EXE").contains("DOS error 2");
    }
  }

  @Test
  void anEmptyProgramIsAnInvalidFormat() throws Exception {
    Files.write(drive.resolve("EMPTY.COM"), new byte[0]);
    try (Vm vm = Vm.builder().drive('C', drive).program("C:\\EMPTY.COM").build()) {
      ExitStatus status = vm.run();
      Arenas.assertIntact(vm);
      assertThat(status.reason()).isEqualTo(ExitReason.FAULT);
      assertThat(status.message()).contains("empty").contains("DOS error 11");
    }
  }

  /** Runs a program from the test resources on drive C: and returns what it printed. */
  private String run(
      String program, int expectedCode, java.util.function.Consumer<dev.mvm.api.VmBuilder> setup)
      throws Exception {
    return Arenas.run(drive, program, expectedCode, setup);
  }

  @Test
  void thirtyTwoBitCodeRunsInRealModeOnThe80386() throws Exception {
    String output = run("cpu386.com", 0, b -> b.cpu(CpuModel.I80386));
    assertThat(output).isEqualTo("CRC-32 414FA339\r\nMULDIV C2373CC9\r\n");
  }

  @Test
  void copiesAFileWithHandleReadsAndWrites() throws Exception {
    String text = "The quick brown fox jumps over the lazy dog.\r\n".repeat(3);
    Files.writeString(drive.resolve("in.txt"), text, StandardCharsets.ISO_8859_1);
    String output = run("copy.com", 0, b -> {});
    assertThat(output).isEqualTo(String.format("copied %04X \r\n", text.length()));
    assertThat(Files.readString(drive.resolve("OUT.TXT"), StandardCharsets.ISO_8859_1))
        .isEqualTo(text);
  }

  @Test
  void listsADirectoryWithWildcards() throws Exception {
    Path data = Files.createDirectories(drive.resolve("data"));
    Files.write(data.resolve("alpha.txt"), new byte[0x123]);
    Files.write(data.resolve("beta.TXT"), new byte[5]);
    Files.write(data.resolve("gamma.doc"), new byte[7]);
    Files.write(data.resolve("a long name.txt"), new byte[1]);
    Files.createDirectories(data.resolve("sub.txt"));
    String output = run("dir.com", 0, b -> {});
    assertThat(output.split("\r\n")).containsExactlyInAnyOrder(
        "ALPHA.TXT 0123 ", "BETA.TXT 0005 ", "ALONGN~1.TXT 0001 ", "end 0012 ");
  }

  @Test
  void aConfiguredCurrentDirectoryIsWherePathsStart() throws Exception {
    Path data = Files.createDirectories(drive.resolve("work").resolve("data"));
    Files.write(data.resolve("inner.txt"), new byte[2]);
    Files.createDirectories(drive.resolve("data"));
    Files.write(drive.resolve("data").resolve("outer.txt"), new byte[3]);
    assertThat(run("dir.com", 0, b -> b.currentDirectory("c:\\work")).split("\r\n"))
        .containsExactly("INNER.TXT 0002 ", "end 0012 ");
  }

  @Test
  void aCurrentDirectoryThatDoesNotExistIsAFaultThatNamesIt() throws Exception {
    install("dir.com", "DIR.COM");
    try (Vm vm = Vm.builder().drive('C', drive).program("C:\\DIR.COM")
        .currentDirectory("C:\\NOWHERE").build()) {
      ExitStatus status = vm.run();
      Arenas.assertIntact(vm);
      assertThat(status.reason()).isEqualTo(ExitReason.FAULT);
      assertThat(status.message()).contains("C:\\NOWHERE").contains("DOS error 3");
    }
    try (Vm vm = Vm.builder().drive('C', drive).program("C:\\DIR.COM")
        .currentDirectory("Q:\\").build()) {
      assertThat(vm.run().message()).contains("Q:\\ is not on a mapped drive");
    }
  }

  @Test
  void memoryFunctionsAndTheirErrors() throws Exception {
    String[] lines = run("memory.com", 0, b -> b.memoryKiB(640)).split("\r\n");
    assertThat(lines[0]).isEqualTo("ok ");
    assertThat(lines[1]).isEqualTo("ok ");
    assertThat(lines[2]).startsWith("E0008 "); // too much: the largest free size follows
    int largest = Integer.parseInt(lines[2].substring(6).strip(), 16);
    assertThat(largest).isBetween(0x7000, 0x9000);
    assertThat(lines[3]).isEqualTo("ok ");
    assertThat(lines[4]).isEqualTo("E0009 ");
    assertThat(lines[5]).isEqualTo("E0008 ");
  }

  @Test
  void anMzExecutableIsRelocated() throws Exception {
    String output = run("mz.exe", 2, b -> {});
    assertThat(output).isEqualTo("relocated data\r\n");
  }

  @Test
  void noWayOutOfADriveThroughInt21h() throws Exception {
    Path outside = Files.createDirectories(drive.resolveSibling(drive.getFileName() + "-outside"));
    Files.writeString(outside.resolve("SECRET.TXT"), "sentinel");
    Path readOnly = Files.createDirectories(drive.resolveSibling(drive.getFileName() + "-ro"));
    Files.writeString(readOnly.resolve("READ.TXT"), "readable");
    String output = run("escape.com", 0, b -> b.readOnlyDrive('D', readOnly));
    assertThat(output.split("\r\n")).containsExactly(
        "E0003 ", "E0003 ", "E0003 ", "E0003 ", "E0003 ", "ok ", "E0005 ", "E0005 ");
    assertThat(Files.readString(outside.resolve("SECRET.TXT"))).isEqualTo("sentinel");
    try (var listing = Files.list(readOnly)) {
      assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("READ.TXT");
    }
  }

  @Test
  void aCProgramBuiltWithBccReadsWritesAndSummarises() throws Exception {
    String text = "first line\nsecond line\nthird: MiXeD case\n";
    Files.writeString(drive.resolve("INPUT.TXT"), text, StandardCharsets.ISO_8859_1);
    String output = run("wc.com", 0, b -> {});
    assertThat(output).isEqualTo("3 lines, " + text.length() + " characters\r\n"); // the C library writes CR LF
    assertThat(Files.readString(drive.resolve("UPPER.TXT"), StandardCharsets.ISO_8859_1))
        .isEqualTo(text.toUpperCase(java.util.Locale.ROOT));
  }

  @Test
  void standardInputFeedsBufferedInputAndHandleReads() throws Exception {
    var input = new java.io.ByteArrayInputStream(
        "first line\r\nsecond line\r\nthird\r\n".getBytes(StandardCharsets.ISO_8859_1));
    String output = run("echo.com", 0, b -> b.stdin(input));
    // Standard input is redirected from a file, as PROG < FILE in DOS: 0Ah reads up to the CR
    // and echoes it (the LF stays in the input), and 3Fh reads the bytes as they are.
    assertThat(output).isEqualTo("first line\r000A \r\n\nsecond line\r\nthird\r\n");
  }

  @Test
  void standardInputIsBinaryClean() throws Exception {
    byte[] bytes = new byte[256];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    // echo.com's 0Ah takes the bytes up to the first CR (0Dh); 3Fh copies the rest, Ctrl-Z and
    // lone LFs included.
    String output = run("echo.com", 0, b -> b.stdin(new java.io.ByteArrayInputStream(bytes)));
    String all = new String(bytes, StandardCharsets.ISO_8859_1);
    assertThat(output).endsWith(all.substring(0x0E));
  }

  @Test
  void dateAndTimeComeFromTheVirtualClockAndCanBeSet() throws Exception {
    String output = run("datetime.com", 0,
        b -> b.startTime(java.time.LocalDateTime.of(1994, 5, 17, 13, 45, 30)));
    // 1994-05-17 was a Tuesday (2); the program runs for well under a second of virtual time.
    assertThat(output.split("\r\n")).containsExactly(
        "07CA 0005 0011 0002 ", "000D 002D 001E ", "0000 ", "07D1 0002 0003 0006 ");
  }

  @Test
  void clockDeviceGivesTheDateAndTime() throws Exception {
    Files.write(drive.resolve("CLOCK.COM"), dev.mvm.testkit.Asm.assemble(0x100, """
            mov  dx, name
            mov  ax, 0x3D00
            int  0x21
            mov  bx, ax
            mov  cx, 6
            mov  dx, record
            mov  ah, 0x3F
            int  0x21
            mov  bx, 1
            mov  cx, 6
            mov  dx, record
            mov  ah, 0x40
            int  0x21
            mov  ax, 0x4C00
            int  0x21
    name:   db   "CLOCK$", 0
    record: db   0, 0, 0, 0, 0, 0
    """));
    var out = new ByteArrayOutputStream();
    try (Vm vm = Vm.builder().drive('C', drive).stdout(out).program("C:\\CLOCK.COM")
        .startTime(java.time.LocalDateTime.of(1994, 5, 17, 13, 45, 30)).build()) {
      assertThat(vm.run().reason()).isEqualTo(ExitReason.PROGRAM_EXIT);
    }
    byte[] r = out.toByteArray();
    int days = (r[0] & 0xFF) | (r[1] & 0xFF) << 8;
    assertThat(days).isEqualTo(5250); // 1980-01-01 to 1994-05-17
    assertThat(new int[] {r[2], r[3], r[5]}).containsExactly(45, 13, 30);
  }

  @Test
  void printerOutputGoesThroughInt17hToTheParallelPort() throws Exception {
    Files.write(drive.resolve("PRINT.COM"), dev.mvm.testkit.Asm.assemble(0x100, """
            mov  ah, 0x05
            mov  dl, 'P'
            int  0x21
            mov  dl, 'R'
            int  0x21
            mov  ax, 0x4C00
            int  0x21
    """));
    var printer = new ByteArrayOutputStream();
    try (Vm vm = Vm.builder().drive('C', drive).stdout(new ByteArrayOutputStream())
        .program("C:\\PRINT.COM").property(dev.mvm.api.VmProperty.of("VLPT.OUTPUT", java.io.OutputStream.class,
            java.io.OutputStream.nullOutputStream()), printer).build()) {
      assertThat(vm.run().reason()).isEqualTo(ExitReason.PROGRAM_EXIT);
    }
    assertThat(printer.toString(StandardCharsets.ISO_8859_1)).isEqualTo("PR");
  }
}
