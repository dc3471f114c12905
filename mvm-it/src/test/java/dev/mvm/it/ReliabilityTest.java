package dev.mvm.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvm.api.ExitReason;
import dev.mvm.api.ExitStatus;
import dev.mvm.api.Vm;
import dev.mvm.api.VmExecution;
import dev.mvm.api.cpu.Registers;
import dev.mvm.testkit.Asm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many DOS VMs at once, determinism, and what a stop in the middle of writing leaves behind
 * (issue 13). The full-size figures are in docs/RELIABILITY.md; the system property
 * {@code mvm.reliability.scale} multiplies the counts here (CI runs them at 1).
 */
class ReliabilityTest {
  private static final int SCALE = Integer.getInteger("mvm.reliability.scale", 1);

  /**
   * UPPER.COM: copies standard input in capitals to standard output and to OUT.TXT, and exits
   * with the low byte of the sum of the bytes it wrote.
   */
  static final byte[] UPPER = Asm.assemble(0x100, """
              mov  dx, name
              xor  cx, cx
              mov  ah, 0x3C
              int  0x21
              mov  [handle], ax
      again:  xor  bx, bx
              mov  cx, 64
              mov  dx, buffer
              mov  ah, 0x3F
              int  0x21
              or   ax, ax
              jz   done
              mov  di, ax
              mov  cx, ax
              mov  si, buffer
      next:   mov  al, [si]
              cmp  al, 0x61
              jb   keep
              cmp  al, 0x7A
              ja   keep
              sub  al, 0x20
              mov  [si], al
      keep:   add  [sum], al
              inc  si
              loop next
              mov  bx, 1
              mov  cx, di
              mov  dx, buffer
              mov  ah, 0x40
              int  0x21
              mov  bx, [handle]
              mov  cx, di
              mov  dx, buffer
              mov  ah, 0x40
              int  0x21
              jmp  again
      done:   mov  bx, [handle]
              mov  ah, 0x3E
              int  0x21
              mov  al, [sum]
              mov  ah, 0x4C
              int  0x21
      name:   db   "OUT.TXT", 0
      handle: dw   0
      sum:    db   0
      buffer: db   0
      """);

  private static String input(int i) {
    return ("VM number " + i + " says hello; ").repeat(1 + i % 7) + "the end of it\r\n";
  }

  private static int expectedCode(String upper) {
    int sum = 0;
    for (byte b : upper.getBytes(StandardCharsets.ISO_8859_1)) {
      sum += b & 0xFF;
    }
    return sum & 0xFF;
  }

  @Test
  @Timeout(300)
  void twoHundredDosVmsRunAtOnceEachWithItsOwnDriveAndOutput(@TempDir Path temp)
      throws Exception {
    int count = 200 * SCALE;
    List<Vm> vms = new ArrayList<>();
    List<VmExecution> runs = new ArrayList<>();
    List<ByteArrayOutputStream> outputs = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        Path drive = Files.createDirectories(temp.resolve("vm" + i));
        Files.write(drive.resolve("UPPER.COM"), UPPER);
        var out = new ByteArrayOutputStream();
        outputs.add(out);
        Vm vm = Vm.builder().name("vm" + i).drive('C', drive).stdout(out)
            .stdin(new ByteArrayInputStream(input(i).getBytes(StandardCharsets.ISO_8859_1)))
            .program("C:\\UPPER.COM").timeout(Duration.ofMinutes(2)).build();
        vms.add(vm);
        runs.add(vm.start()); // all of them on their own threads at once
      }
      for (int i = 0; i < count; i++) {
        ExitStatus status = runs.get(i).await();
        String upper = input(i).toUpperCase(Locale.ROOT);
        assertThat(status.reason()).as("vm%d: %s", i, status.message())
            .isEqualTo(ExitReason.PROGRAM_EXIT);
        assertThat(status.exitCode()).as("vm%d exit code", i).isEqualTo(expectedCode(upper));
        assertThat(outputs.get(i).toString(StandardCharsets.ISO_8859_1)).as("vm%d output", i)
            .isEqualTo(upper);
        assertThat(Files.readString(temp.resolve("vm" + i).resolve("OUT.TXT"),
            StandardCharsets.ISO_8859_1)).as("vm%d file", i).isEqualTo(upper);
      }
    } finally {
      vms.forEach(Vm::close);
    }
  }

  /** What a run leaves that can be compared: output, code, count, registers, memory. */
  private static String fingerprint(Path drive, String stdin) throws Exception {
    var out = new ByteArrayOutputStream();
    try (Vm vm = Vm.builder().drive('C', drive).stdout(out)
        .stdin(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.ISO_8859_1)))
        .program("C:\\UPPER.COM").instructionBudget(10_000_000).build()) {
      ExitStatus status = vm.run();
      Registers r = vm.registers();
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(vm.memory().read(0, 0x100000));
      return String.join(" ", status.reason().name(), String.valueOf(status.exitCode()),
          String.valueOf(vm.instructionCount()), out.toString(StandardCharsets.ISO_8859_1),
          String.format("%08X %08X %08X %08X %04X:%04X %08X", r.eax(), r.ebx(), r.ecx(),
              r.edx(), r.cs(), r.ip(), r.eflags()),
          HexFormat.of().formatHex(sha.digest()),
          Files.readString(drive.resolve("OUT.TXT"), StandardCharsets.ISO_8859_1));
    }
  }

  @Test
  @Timeout(300)
  void aHundredRunsOfTheSameProgramAreIdentical(@TempDir Path temp) throws Exception {
    Files.write(temp.resolve("UPPER.COM"), UPPER);
    String stdin = "Determinism: the same input, ".repeat(40) + "the same result.\r\n";
    Set<String> fingerprints = new HashSet<>();
    int runs = 100 * SCALE;
    for (int i = 0; i < runs; i++) {
      fingerprints.add(fingerprint(temp, stdin));
    }
    assertThat(fingerprints).hasSize(1);
    assertThat(fingerprints.iterator().next()).startsWith("PROGRAM_EXIT ");
  }

  /**
   * LOG.COM: appends 16-byte records to LOG.TXT forever, counting each completed write in the
   * intra-application communication area at 0000:04F0 (a word the BIOS leaves to programs).
   */
  static final byte[] LOG = Asm.assemble(0x100, """
              mov  dx, name
              xor  cx, cx
              mov  ah, 0x3C
              int  0x21
              mov  bx, ax
              xor  ax, ax
              mov  es, ax
              mov  word es:[0x4F0], 0
      again:  mov  cx, 16
              mov  dx, record
              mov  ah, 0x40
              int  0x21
              inc  word es:[0x4F0]
              jmp  again
      name:   db   "LOG.TXT", 0
      record: db   "record of a log", 10
      """);

  @Test
  @Timeout(120)
  void aRunStoppedInTheMiddleOfWritingLeavesExactlyWhatTheGuestWrote(@TempDir Path temp)
      throws Exception {
    Files.write(temp.resolve("LOG.COM"), LOG);
    for (long budget : new long[] {50_000, 123_457, 400_001}) {
      try (Vm vm = Vm.builder().drive('C', temp).program("C:\\LOG.COM")
          .instructionBudget(budget).build()) {
        ExitStatus status = vm.run();
        assertThat(status.reason()).isEqualTo(ExitReason.BUDGET_EXHAUSTED);
        byte[] counter = vm.memory().read(0x4F0, 2);
        int written = (counter[0] & 0xFF) | (counter[1] & 0xFF) << 8;
        assertThat(written).as("writes completed within %d instructions", budget).isPositive();
        // The file holds the completed writes; a write the stop cut short would be whole too,
        // since INT 21h runs in one step: so at most one record more than counted.
        long size = Files.size(temp.resolve("LOG.TXT"));
        assertThat(size).isIn(16L * written, 16L * (written + 1));
        assertThat(Files.readString(temp.resolve("LOG.TXT"), StandardCharsets.ISO_8859_1))
            .isEqualTo("record of a log\n".repeat((int) (size / 16)));
      }
    }
    // Stopped from another thread at an arbitrary moment.
    try (Vm vm = Vm.builder().drive('C', temp).program("C:\\LOG.COM").build()) {
      VmExecution run = vm.start();
      Thread.sleep(200);
      run.stop();
      assertThat(run.await().reason()).isEqualTo(ExitReason.STOPPED);
      long size = Files.size(temp.resolve("LOG.TXT"));
      assertThat(size % 16).isZero();
      assertThat(size).isPositive();
    }
  }
}
