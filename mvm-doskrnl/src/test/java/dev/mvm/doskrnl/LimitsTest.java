package dev.mvm.doskrnl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mvm.api.ExitReason;
import dev.mvm.api.ExitStatus;
import dev.mvm.api.Vm;
import dev.mvm.api.VmBuilder;
import dev.mvm.api.VmConfigurationException;
import dev.mvm.testkit.Asm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-VM limits as the guest meets them: open host files and a drive's write quota, which
 * DOS reports to the program as it reports full tables and a full disk, and the cap on captured
 * output, which ends the run. Whatever limit hits, the files hold exactly what was written.
 */
class LimitsTest {
  @TempDir Path drive;

  /** Runs a program of the test resources on drive C: and returns what it printed. */
  private String run(String program, Consumer<VmBuilder> setup) throws Exception {
    DosProgramTest.install(drive, program);
    var out = new ByteArrayOutputStream();
    VmBuilder builder = Vm.builder().drive('C', drive).stdout(out)
        .program("C:\\" + program.toUpperCase(java.util.Locale.ROOT))
        .instructionBudget(5_000_000);
    setup.accept(builder);
    try (Vm vm = builder.build()) {
      ExitStatus status = vm.run();
      Arenas.assertIntact(vm);
      assertThat(status.reason()).as(status.message() + "; output " + out)
          .isEqualTo(ExitReason.PROGRAM_EXIT);
      assertThat(status.exitCode()).as("exit code; output " + out).isZero();
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  /** Byte i is i mod 251: the pattern diskfull.com writes. */
  private static byte[] pattern(int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) (i % 251);
    }
    return bytes;
  }

  @Test
  void aDriveWithAWriteQuotaFillsUpAsAFullDisk() throws Exception {
    String output = run("diskfull.com", b -> b.writeQuota('C', 3000));
    assertThat(output.split("\r\n")).containsExactly(
        "0001 0005 0200 ", // 36h: 3000 bytes left, 5 clusters of one 512-byte sector
        "ok ok 07D0 ", // A.DAT created, 2000 bytes written
        "0001 0001 0200 ",
        "ok 03E8 ok 0000 ", // 1000 of 2000 fit, then none: AX < CX, CF clear
        "0001 0000 0200 ",
        "ok ok 0000 ", // B.DAT is created on the full drive; nothing fits in it
        "ok 0010 ok 0000 ", // overwriting fits; cutting A.DAT to 1000 bytes frees 2000
        "0001 0003 0200 ",
        "ok 05DC 0001 0000 0200 ", // D.DAT takes 1500, leaving 500, less than a cluster
        "ok ", // deleting D.DAT gives them back
        "0001 0003 0200 ",
        "00 01 000F 0780 01 00 ", // FCB: 15 of 20 records fit, disk full; no more fits
        "0001 0000 0200 ");
    assertThat(Files.readAllBytes(drive.resolve("A.DAT"))).isEqualTo(pattern(1000));
    assertThat(Files.readAllBytes(drive.resolve("B.DAT"))).isEmpty();
    assertThat(Files.readAllBytes(drive.resolve("C.DAT"))).isEqualTo(pattern(1920));
    assertThat(drive.resolve("D.DAT")).doesNotExist();
  }

  @Test
  void aQuotaCountsWhatTheGuestAddsNotWhatTheDriveHeld() throws Exception {
    // Files already on the drive take none of the quota; deleting one frees its bytes, as on a
    // disk, so the guest may then add more than the quota.
    Files.write(drive.resolve("OLD.DAT"), new byte[5000]);
    Files.write(drive.resolve("FULL.COM"), Asm.assemble(0x100, """
            mov  dx, old
            mov  ah, 0x41
            int  0x21
            mov  dx, new
            xor  cx, cx
            mov  ah, 0x3C
            int  0x21
            mov  bx, ax
            mov  cx, 6000
            mov  dx, 0x1000
            mov  ah, 0x40
            int  0x21
            mov  ax, 0x4C00
            int  0x21
    old:    db   "OLD.DAT", 0
    new:    db   "NEW.DAT", 0
    """));
    try (Vm vm = Vm.builder().drive('C', drive).program("C:\\FULL.COM").writeQuota('C', 2000)
        .instructionBudget(100_000).build()) {
      ExitStatus status = vm.run();
      assertThat(status.reason()).as(status.message()).isEqualTo(ExitReason.PROGRAM_EXIT);
    }
    assertThat(Files.size(drive.resolve("NEW.DAT"))).isEqualTo(6000);
  }

  @Test
  void opensBeyondTheLimitOfHostFilesFailWithError4() throws Exception {
    String output = run("openmax.com", b -> b.maxOpenFiles(3));
    assertThat(output.split("\r\n")).containsExactly(
        "ok ok ok ", // F1-F3 take the three host files
        "E0004 0004 E0004 ", // a fourth create, and F1 again: too many open files
        "ok ok ", // NUL holds no host file
        "FF 0004 ", // an FCB open fails too
        "ok 00 ", // F3 closed: the FCB opens F1
        "ok 01 0004 ", // a handle takes the FCB's host file back; the FCB cannot read
        "ok 00 one  00 "); // until a handle is closed
    assertThat(Files.readString(drive.resolve("F1.TXT"))).isEqualTo("one  ");
    assertThat(Files.readString(drive.resolve("F2.TXT"))).isEqualTo("two  ");
    assertThat(Files.readString(drive.resolve("F3.TXT"))).isEqualTo("three");
    assertThat(drive.resolve("F4.TXT")).doesNotExist();
  }

  @Test
  void withoutALimitTheSameProgramOpensEverything() throws Exception {
    String output = run("openmax.com", b -> {});
    assertThat(output.split("\r\n")[1]).isEqualTo("ok 0000 ok "); // 59h: no error
  }

  @Test
  void aFullSystemFileTableRefusesACreateBeforeItTruncates() throws Exception {
    // FILES=8: the standard devices hold 4, the program's creates of F1-F4 the others, and
    // creating F1 again must fail with 04h before the host file is cut to nothing.
    String output = run("openmax.com", b -> b.property(DosKernel.FILES, 8));
    assertThat(output.split("\r\n")[1]).isEqualTo("ok 0000 E0004 ");
    assertThat(Files.readString(drive.resolve("F1.TXT"))).isEqualTo("one  ");
    assertThat(drive.resolve("F4.TXT")).exists();
  }

  @Test
  void filesOutsideWhatMsDosAcceptsAreRefused() {
    for (int files : new int[] {7, 256}) {
      assertThatThrownBy(() -> Vm.builder().drive('C', drive).program("C:\\X.COM")
          .property(DosKernel.FILES, files).build())
          .isInstanceOf(VmConfigurationException.class)
          .hasMessage("DOSKRNL.FILES (CONFIG.SYS's FILES=) must be 8 to 255, as in MS-DOS: "
              + files);
    }
  }

  @Test
  void theOutputLimitDeliversExactlyTheCapAndEndsTheRun() throws Exception {
    // Each turn appends a record to LOG.TXT, then prints it: the file holds every record the
    // program wrote, the output exactly the first 1000 bytes.
    Files.write(drive.resolve("LOG.COM"), Asm.assemble(0x100, """
            mov  dx, name
            xor  cx, cx
            mov  ah, 0x3C
            int  0x21
            mov  bp, ax
    again:  mov  bx, bp
            mov  cx, 16
            mov  dx, record
            mov  ah, 0x40
            int  0x21
            mov  bx, 1
            mov  cx, 16
            mov  dx, record
            mov  ah, 0x40
            int  0x21
            inc  byte [record + 7]
            cmp  byte [record + 7], '9'
            jbe  again
            mov  byte [record + 7], '0'
            jmp  again
    name:   db   "LOG.TXT", 0
    record: db   "record 0 of log", 10
    """));
    var out = new ByteArrayOutputStream();
    try (Vm vm = Vm.builder().drive('C', drive).program("C:\\LOG.COM").stdout(out)
        .maxOutput(1000).instructionBudget(1_000_000).build()) {
      ExitStatus status = vm.run();
      assertThat(status.reason()).as(status.message()).isEqualTo(ExitReason.OUTPUT_LIMIT);
      assertThat(status.message()).contains("output limit of 1000 bytes");
      assertThat(status.isTerminal()).isTrue();
      assertThat(vm.run()).isEqualTo(status); // nothing more runs
      // The file is complete and closed before the VM is: 63 whole records were written.
      byte[] log = Files.readAllBytes(drive.resolve("LOG.TXT"));
      assertThat(log).hasSize(63 * 16).isEqualTo(Arrays.copyOf(expected(63), 63 * 16));
      assertThat(openByThisProcess(drive.resolve("LOG.TXT"))).as("LOG.TXT still open").isFalse();
    }
    assertThat(out.toByteArray()).isEqualTo(Arrays.copyOf(expected(63), 1000));
  }

  /**
   * Whether this JVM holds a file open, from its descriptors in /proc (Linux, where CI runs);
   * elsewhere the check is skipped.
   */
  private static boolean openByThisProcess(Path file) throws IOException {
    Path fds = Path.of("/proc/self/fd");
    assumeTrue(Files.isDirectory(fds), "no /proc/self/fd to list open files");
    Path real = file.toRealPath();
    try (Stream<Path> list = Files.list(fds)) {
      return list.anyMatch(fd -> {
        try {
          return Files.readSymbolicLink(fd).equals(real);
        } catch (IOException gone) {
          return false; // closed while listing
        }
      });
    }
  }

  /** The records LOG.COM writes. */
  private static byte[] expected(int records) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < records; i++) {
      s.append("record ").append(i % 10).append(" of log\n");
    }
    return s.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void outputUpToTheLimitEndsNormally() throws Exception {
    DosProgramTest.install(drive, "hello.com");
    var out = new ByteArrayOutputStream();
    String hello = "Hello from DOS!\r\nwritten to handle 1\r\n";
    try (Vm vm = Vm.builder().drive('C', drive).stdout(out).program("C:\\HELLO.COM")
        .maxOutput(hello.length()).instructionBudget(1_000_000).build()) {
      ExitStatus status = vm.run();
      assertThat(status.reason()).as(status.message()).isEqualTo(ExitReason.PROGRAM_EXIT);
    }
    assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo(hello);
    out.reset();
    try (Vm vm = Vm.builder().drive('C', drive).stdout(out).program("C:\\HELLO.COM")
        .maxOutput(hello.length() - 1).instructionBudget(1_000_000).build()) {
      assertThat(vm.run().reason()).isEqualTo(ExitReason.OUTPUT_LIMIT);
    }
    assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo(hello.substring(0,
        hello.length() - 1));
  }

  @Test
  void standardErrorCountsTowardsTheSameLimit() throws Exception {
    Files.write(drive.resolve("BOTH.COM"), Asm.assemble(0x100, """
            mov  bx, 1
            mov  cx, 6
            mov  dx, text
            mov  ah, 0x40
            int  0x21
            mov  bx, 2
            mov  cx, 6
            mov  dx, text
            mov  ah, 0x40
            int  0x21
            mov  ax, 0x4C00
            int  0x21
    text:   db   "abcdef"
    """));
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    try (Vm vm = Vm.builder().drive('C', drive).stdout(out).stderr(err).program("C:\\BOTH.COM")
        .maxOutput(8).instructionBudget(100_000).build()) {
      assertThat(vm.run().reason()).isEqualTo(ExitReason.OUTPUT_LIMIT);
    }
    assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo("abcdef");
    assertThat(err.toString(StandardCharsets.ISO_8859_1)).isEqualTo("ab");
  }
}
