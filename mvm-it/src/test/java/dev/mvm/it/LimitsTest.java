package dev.mvm.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvm.api.ExitReason;
import dev.mvm.api.ExitStatus;
import dev.mvm.api.Vm;
import dev.mvm.api.VmExecution;
import dev.mvm.testkit.Asm;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-VM limits of issue 13 through the whole VM, many VMs at once, each with limits of its
 * own: whatever limit a program meets, it ends in a defined way and its files hold exactly the
 * bytes it was told it wrote. The kernel's own tests ({@code mvm-doskrnl} {@code LimitsTest})
 * show what each limit looks like to a DOS program in detail.
 */
class LimitsTest {

  /** The 100-byte record FILL.COM writes. */
  private static final String TEXT = "record: " + "0123456789".repeat(9);
  private static final String RECORD = TEXT + "\r\n";

  /**
   * FILL.COM: appends {@link #RECORD} to FILL.DAT until a write reports fewer bytes than asked,
   * adding up the bytes each write reports in the dword at 0000:04F0; checks that one more write
   * writes nothing, still with CF clear; closes the file and exits with 0 (1 for a CF set).
   */
  static final byte[] FILL = Asm.assemble(0x100, """
              mov  dx, name
              xor  cx, cx
              mov  ah, 0x3C
              int  0x21
              jc   failed
              mov  bx, ax
              xor  ax, ax
              mov  es, ax
              mov  word es:[0x4F0], 0
              mov  word es:[0x4F2], 0
      again:  mov  cx, 100
              mov  dx, record
              mov  ah, 0x40
              int  0x21
              jc   failed
              add  es:[0x4F0], ax
              adc  word es:[0x4F2], 0
              cmp  ax, 100
              je   again
              mov  cx, 100
              mov  dx, record
              mov  ah, 0x40
              int  0x21
              jc   failed
              or   ax, ax
              jnz  failed
              mov  ah, 0x3E
              int  0x21
              mov  ax, 0x4C00
              int  0x21
      failed: mov  ax, 0x4C01
              int  0x21
      name:   db   "FILL.DAT", 0
      record: db   "%s", 13, 10
      """.formatted(TEXT));

  @Test
  @Timeout(120)
  void programsThatFillTheirDrivesKeepEveryByteTheyWereToldTheyWrote(@TempDir Path temp)
      throws Exception {
    long[] quotas = {0, 1, 99, 100, 101, 4096, 65_537, 250_000};
    List<Vm> vms = new ArrayList<>();
    List<VmExecution> runs = new ArrayList<>();
    try {
      for (int i = 0; i < quotas.length; i++) {
        Path drive = Files.createDirectories(temp.resolve("vm" + i));
        Files.write(drive.resolve("FILL.COM"), FILL);
        Vm vm = Vm.builder().name("fill" + i).drive('C', drive).writeQuota('C', quotas[i])
            .program("C:\\FILL.COM").timeout(Duration.ofSeconds(100)).build();
        vms.add(vm);
        runs.add(vm.start()); // each with its own account, all at once
      }
      for (int i = 0; i < quotas.length; i++) {
        ExitStatus status = runs.get(i).await();
        assertThat(status.reason()).as("quota %d: %s", quotas[i], status.message())
            .isEqualTo(ExitReason.PROGRAM_EXIT);
        assertThat(status.exitCode()).as("quota %d: a write failed", quotas[i]).isZero();
        byte[] counter = vms.get(i).memory().read(0x4F0, 4);
        long reported = (counter[0] & 0xFF) | (counter[1] & 0xFF) << 8
            | (counter[2] & 0xFF) << 16 | (long) (counter[3] & 0xFF) << 24;
        assertThat(reported).as("bytes the writes reported, quota %d", quotas[i])
            .isEqualTo(quotas[i]);
        String expected = RECORD.repeat((int) (quotas[i] / 100 + 1))
            .substring(0, (int) quotas[i]);
        assertThat(Files.readString(temp.resolve("vm" + i).resolve("FILL.DAT"),
            StandardCharsets.ISO_8859_1)).as("FILL.DAT, quota %d", quotas[i])
            .isEqualTo(expected);
      }
    } finally {
      vms.forEach(Vm::close);
    }
  }

  /**
   * OPEN.COM: creates FA.TMP, FB.TMP ... and writes its letter into each, until a create fails;
   * exits with the number it created, or with 255 if the failure was not 04h.
   */
  static final byte[] OPEN = Asm.assemble(0x100, """
              xor  si, si
      again:  mov  dx, name
              xor  cx, cx
              mov  ah, 0x3C
              int  0x21
              jc   full
              mov  bx, ax
              mov  cx, 1
              mov  dx, name
              inc  dx
              mov  ah, 0x40
              int  0x21
              inc  si
              inc  byte [name + 1]
              jmp  again
      full:   cmp  ax, 4
              jne  other
              mov  ax, si
              mov  ah, 0x4C
              int  0x21
      other:  mov  ax, 0x4CFF
              int  0x21
      name:   db   "FA.TMP", 0
      """);

  @Test
  @Timeout(60)
  void programsThatOpenFilesWithoutEndAreRefusedWith04(@TempDir Path temp) throws Exception {
    // 0: no limit but DOS's, where the program's 20 handles (5 of them standard) run out first.
    int[] limits = {1, 4, 9, 0};
    int[] expected = {1, 4, 9, 15};
    for (int i = 0; i < limits.length; i++) {
      Path drive = Files.createDirectories(temp.resolve("vm" + i));
      Files.write(drive.resolve("OPEN.COM"), OPEN);
      var builder = Vm.builder().drive('C', drive).program("C:\\OPEN.COM")
          .instructionBudget(1_000_000);
      if (limits[i] > 0) {
        builder.maxOpenFiles(limits[i]);
      }
      try (Vm vm = builder.build()) {
        ExitStatus status = vm.run();
        assertThat(status.reason()).as(status.message()).isEqualTo(ExitReason.PROGRAM_EXIT);
        assertThat(status.exitCode()).as("files created with a limit of %d", limits[i])
            .isEqualTo(expected[i]);
      }
      for (int k = 0; k < expected[i]; k++) {
        char letter = (char) ('A' + k);
        assertThat(Files.readString(drive.resolve("F" + letter + ".TMP")))
            .isEqualTo(String.valueOf(letter));
      }
      assertThat(drive.resolve("F" + (char) ('A' + expected[i]) + ".TMP")).doesNotExist();
    }
  }

  /** COUNT.COM: prints the digits 0 to 9 again and again, one write of ten bytes at a time. */
  static final byte[] COUNT = Asm.assemble(0x100, """
      again:  mov  bx, 1
              mov  cx, 10
              mov  dx, digits
              mov  ah, 0x40
              int  0x21
              jmp  again
      digits: db   "0123456789"
      """);

  @Test
  @Timeout(60)
  void eachVmDeliversExactlyItsOwnOutputLimit(@TempDir Path temp) throws Exception {
    long[] limits = {1, 10, 11, 999, 4097, 100_000};
    List<Vm> vms = new ArrayList<>();
    List<VmExecution> runs = new ArrayList<>();
    List<ByteArrayOutputStream> outputs = new ArrayList<>();
    Files.write(temp.resolve("COUNT.COM"), COUNT);
    try {
      for (long limit : limits) {
        var out = new ByteArrayOutputStream();
        outputs.add(out);
        Vm vm = Vm.builder().readOnlyDrive('C', temp).program("C:\\COUNT.COM").stdout(out)
            .maxOutput(limit).timeout(Duration.ofSeconds(50)).build();
        vms.add(vm);
        runs.add(vm.start());
      }
      for (int i = 0; i < limits.length; i++) {
        ExitStatus status = runs.get(i).await();
        assertThat(status.reason()).as(status.message()).isEqualTo(ExitReason.OUTPUT_LIMIT);
        assertThat(status.message()).contains("output limit of " + limits[i] + " bytes");
        assertThat(outputs.get(i).toString(StandardCharsets.ISO_8859_1))
            .isEqualTo("0123456789".repeat((int) (limits[i] / 10 + 1))
                .substring(0, (int) limits[i]));
      }
    } finally {
      vms.forEach(Vm::close);
    }
  }
}
