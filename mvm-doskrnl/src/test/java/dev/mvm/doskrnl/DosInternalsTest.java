package dev.mvm.doskrnl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvm.api.ExitReason;
import dev.mvm.api.ExitStatus;
import dev.mvm.api.Vm;
import dev.mvm.api.VmBuilder;
import dev.mvm.api.vdd.GuestMemory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DOS internals programs read, checked by guest programs that walk them: the list of lists
 * and the tables behind it, the extended error, country information, IOCTL, record locks,
 * TRUENAME, the handle count, INT 2Fh; and the memory layout seen from the host.
 */
class DosInternalsTest {
  @TempDir Path drive;
  @TempDir Path driveD;

  private void install(String resource, String name) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/programs/" + resource)) {
      Files.write(drive.resolve(name), in.readAllBytes());
    }
  }

  /** Runs a program from the test resources on drive C: and returns what it printed. */
  private String run(String program, int expectedCode, Consumer<VmBuilder> setup)
      throws Exception {
    return Arenas.run(drive, program, expectedCode, setup);
  }

  private String run(String program) throws Exception {
    return run(program, 0, b -> {});
  }

  @Test
  void theMcbChainFromTheListOfListsAddsUpToTheTopOfMemory() throws Exception {
    assertThat(run("mcbchain.com")).isEqualTo(
        "chain ok 2 blocks\r\npsp end ok\r\nchain ok 3 blocks\r\nchain ok 2 blocks\r\n");
  }

  @Test
  void theCurrentDirectoryStructuresFollowChdirAndTheCurrentDrive() throws Exception {
    Files.createDirectories(drive.resolve("sub"));
    Files.createDirectories(driveD.resolve("data"));
    assertThat(run("cds.com", 0, b -> b.drive('D', driveD)).split("\r\n")).containsExactly(
        "C:\\SUB", "C:\\", "D:\\DATA", "D:\\DATA", "not in use");
  }

  @Test
  void theDeviceChainFromNulReachesCon() throws Exception {
    assertThat(run("devices.com").split("\r\n")).containsExactly("NUL first", "chain ends",
        "CON found, standard input and output", "CON pointer ok", "CLOCK pointer ok");
  }

  @Test
  void theSystemFileTableMirrorsOpenFilesAndTheDpbChainTheDrives() throws Exception {
    assertThat(run("sft.com").split("\r\n")).containsExactly(
        "dpb 0200 ",
        "SFTTEST TXT 0001 0002 file",
        "0002 0005 0005 0000 ",
        "CON         device");
    assertThat(drive.resolve("SFTTEST.TXT")).doesNotExist();
  }

  @Test
  void extendedErrorGivesClassActionAndLocusAsMsDos() throws Exception {
    Files.createDirectories(drive.resolve("SUB"));
    assertThat(run("exterr.com").split("\r\n")).containsExactly(
        "E0002 0002 08 03 02 ", // file not found: not found, user, disk
        "E0003 0003 08 03 02 ", // path not found
        "E0006 0006 07 04 01 ", // invalid handle: application, abort, unknown
        "E0008 0008 01 04 05 ", // insufficient memory: out of resource, abort, memory
        "E0005 0005 03 03 02 ", // access denied: authorisation, user, disk (a path call)
        "ok 0021 0A 02 02 "); // set by 5D0Ah
  }

  @Test
  void countryInformationIsTheUnitedStatesOnCodePage437() throws Exception {
    assertThat(run("country.com").split("\r\n")).containsExactly(
        "ok 0001 ",
        "0000 $ , . - : 00 02 00 , ",
        "8E 45 61 ", // the case-map routine: a-umlaut, e-acute, 'a' left alone
        "E0001 ", // Germany: no NLSFUNC to ask
        "ok 0029 01 0026 0001 01B5 0000 $ ",
        "ok 02 0080 9A A5 ",
        "51 80 MIXED CASE 0001 0000 ",
        "ok 01B5 01B5 ");
  }

  @Test
  void withoutNlsfuncAnotherCountryOrCodePageIsAnInvalidFunction() throws Exception {
    // MS-DOS hands these to NLSFUNC (INT 2Fh 14xxh) and, with none resident, fails them with
    // 01h; only the active country and code page are its own. Exit code: the failed check.
    Files.write(drive.resolve("NLS.COM"), dev.mvm.testkit.Asm.assemble(0x100, """
            mov  dx, 0x400
            mov  bx, 49
            mov  ax, 0x38FF       ; get Germany's information
            int  0x21
            mov  bl, 1
            call invalid
            mov  dx, 0xFFFF
            mov  bx, 49
            mov  ax, 0x38FF       ; make Germany the country
            int  0x21
            mov  bl, 2
            call invalid
            mov  dx, 0xFFFF
            mov  ax, 0x3801       ; make the United States the country: it is already
            int  0x21
            mov  bl, 3
            jc   fail
            mov  di, 0x400
            mov  cx, 41
            mov  bx, 0xFFFF
            mov  dx, 49
            mov  ax, 0x6501       ; Germany's extended information
            int  0x21
            mov  bl, 4
            call invalid
            mov  di, 0x400
            mov  cx, 41
            mov  bx, 850
            mov  dx, 0xFFFF
            mov  ax, 0x6501       ; the information for code page 850
            int  0x21
            mov  bl, 5
            call invalid
            mov  bx, 437
            mov  ax, 0x6602       ; set the code page, even to the active one
            int  0x21
            mov  bl, 6
            call invalid
            mov  ah, 0x59
            xor  bx, bx
            int  0x21
            mov  bl, 7
            cmp  ax, 1            ; and 59h says so too
            jne  fail
            mov  ax, 0x4C00
            int  0x21
    invalid: jnc fail
            cmp  ax, 1
            jne  fail
            ret
    fail:   mov  al, bl
            mov  ah, 0x4C
            int  0x21
    """));
    try (Vm vm = Vm.builder().drive('C', drive).program("C:\\NLS.COM").build()) {
      ExitStatus status = vm.run();
      Arenas.assertIntact(vm);
      assertThat(status.reason()).as(status.message()).isEqualTo(ExitReason.PROGRAM_EXIT);
      assertThat(status.exitCode()).as("the first check that failed").isEqualTo(0);
    }
  }

  @Test
  void multiplexInstallationChecksFindNothingInstalled() throws Exception {
    assertThat(run("mplex.com").split("\r\n")).containsExactly("print 00 ", "share 00 ",
        "windows 00 ", "xms 00 ", "append 00 ", "hma 0000 FFFF FFFF ", "idle 00 ");
  }

  @Test
  void setHandleCountGrowsTheJobFileTableBeyondTwenty() throws Exception {
    assertThat(run("handles.com").split("\r\n")).containsExactly(
        "E0008 ", "ok 001E moved", "25 files, last handle 001D ", "E0004 ", "E0004 ",
        "ok 0014 0018 in the PSP");
    try (var files = Files.list(drive)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("HANDLES.COM");
    }
  }

  @Test
  void truenameCanonicalisesWithoutLookingAtTheDisk() throws Exception {
    Files.createDirectories(drive.resolve("SUB"));
    assertThat(run("truename.com").split("\r\n")).containsExactly(
        "C:\\SUB\\FILE.TXT", "C:\\OTHER\\X.DAT", "C:\\DIR\\????????.???",
        "C:\\A\\LONGFILE.EXT", "C:/CON", "C:\\", "E0003 ", "E0003 ", "E0002 ", "E0002 ");
  }

  @Test
  void ioctlReportsDevicesFilesAndDrivesAsMsDos() throws Exception {
    assertThat(run("ioctl.com").split("\r\n")).containsExactly(
        "80D3 ok 80F3 E000D ",
        "8084 0042 0002 ",
        "ok 0001 E000F ok local ok local ",
        "ok 05 0200 ok 00 E0001 ");
  }

  @Test
  void recordLocksConflictAsUnderShare() throws Exception {
    assertThat(run("locks.com")).isEqualTo(
        "ok E0021 ok E0021 E0021 ok ok E0021 E0001 E0006 \r\n");
  }

  @Test
  void probesOfInDosSwitcharPspAndNetworkAnswerAsMsDos() throws Exception {
    assertThat(run("probes.com").split("\r\n")).containsExactly(
        "00 00 sda ok", "00 2F ", "1234 psp ok", "ok 00 E0001 ", "ok E0006 ");
  }

  @Test
  void theDosSegmentLiesBelowTheArenaWhoseFirstBlockIsDosData() throws Exception {
    install("mcbchain.com", "MCBCHAIN.COM");
    try (Vm vm = Vm.builder().drive('C', drive).stdout(new ByteArrayOutputStream())
        .program("C:\\MCBCHAIN.COM").build()) {
      assertThat(vm.run().reason()).isEqualTo(ExitReason.PROGRAM_EXIT);
      checkLayout(vm.memory());
    }
  }

  private static void checkLayout(GuestMemory memory) {
    int lol = (DosTables.SEGMENT << 4) + DosTables.LOL;
    assertThat(memory.readWord(lol - 2)).isEqualTo(DosKernel.FIRST_MCB);
    int mcb = DosKernel.FIRST_MCB << 4;
    assertThat((char) memory.readByte(mcb)).isEqualTo('M');
    assertThat(memory.readWord(mcb + 1)).isEqualTo(MemoryArena.DOS);
    assertThat(memory.readWord(mcb + 8)).isEqualTo('S' | 'D' << 8);
    // The CDS and the SFT are in that block; the DOS segment ends below it.
    assertThat(memory.readWord(lol + 0x18)).isEqualTo(DosKernel.FIRST_MCB + 1);
    assertThat(memory.readWord(lol + 0x06)).isEqualTo(DosKernel.FIRST_MCB + 1);
    assertThat((DosTables.SEGMENT << 4) + DosTables.DPBS + 26 * DosTables.DPB_SIZE)
        .isLessThanOrEqualTo(DosKernel.FIRST_MCB << 4);
    // The list of lists says what the VM has: LASTDRIVE E:, 512-byte sectors.
    assertThat(memory.readByte(lol + 0x21)).isEqualTo(5);
    assertThat(memory.readWord(lol + 0x10)).isEqualTo(512);
  }

  @Test
  void int2eRunsNothingWithoutAShellAndChangesNoRegister() throws Exception {
    Files.write(drive.resolve("SHELL.COM"), dev.mvm.testkit.Asm.assemble(0x100, """
            mov  si, command
            mov  ax, 0x1234
            mov  bx, 0x5678
            int  0x2E
            cmp  ax, 0x1234
            jne  bad
            cmp  bx, 0x5678
            jne  bad
            mov  ax, 0x4C00
            int  0x21
    bad:    mov  ax, 0x4C01
            int  0x21
    command: db  8, "DIR /W", 13
    """));
    try (Vm vm = Vm.builder().drive('C', drive).program("C:\\SHELL.COM").build()) {
      ExitStatus status = vm.run();
      Arenas.assertIntact(vm);
      assertThat(status.reason()).isEqualTo(ExitReason.PROGRAM_EXIT);
      assertThat(status.exitCode()).isEqualTo(0);
    }
  }

  @Test
  void releasingTheTimeSliceLetsTheClockTickInsteadOfSpinning() throws Exception {
    // Ten INT 2Fh 1680h calls each wait for the next interrupt: the BIOS tick count moves.
    Files.write(drive.resolve("IDLE.COM"), dev.mvm.testkit.Asm.assemble(0x100, """
            mov  ax, 0x40
            mov  es, ax
            mov  bx, es:[0x6C]
            mov  cx, 10
    again:  mov  ax, 0x1680
            int  0x2F
            loop again
            mov  ax, es:[0x6C]
            sub  ax, bx
            mov  ah, 0x4C
            int  0x21
    """));
    try (Vm vm = Vm.builder().drive('C', drive).program("C:\\IDLE.COM")
        .instructionBudget(100_000).build()) {
      ExitStatus status = vm.run();
      Arenas.assertIntact(vm);
      assertThat(status.reason()).as(status.message()).isEqualTo(ExitReason.PROGRAM_EXIT);
      assertThat(status.exitCode()).isBetween(9, 11);
    }
  }

  @Test
  void aDuplicatedHandleKeepsTheFileOpenWhenTheOriginalIsClosed() throws Exception {
    // The SFT counts every handle: closing one of two leaves the file open for the other.
    Files.write(drive.resolve("DUP.COM"), dev.mvm.testkit.Asm.assemble(0x100, """
            mov  dx, name
            xor  cx, cx
            mov  ah, 0x3C
            int  0x21
            mov  bx, ax
            mov  ah, 0x45
            int  0x21
            mov  si, ax
            mov  ah, 0x3E
            int  0x21
            mov  bx, si
            mov  cx, 4
            mov  dx, text
            mov  ah, 0x40
            int  0x21
            jc   bad
            mov  ah, 0x3E
            int  0x21
            mov  ax, 0x4C00
            int  0x21
    bad:    mov  ah, 0x4C
            int  0x21
    name:   db   "DUP.TXT", 0
    text:   db   "kept"
    """));
    try (Vm vm = Vm.builder().drive('C', drive).program("C:\\DUP.COM").build()) {
      ExitStatus status = vm.run();
      Arenas.assertIntact(vm);
      assertThat(status.reason()).isEqualTo(ExitReason.PROGRAM_EXIT);
      assertThat(status.exitCode()).isEqualTo(0);
    }
    assertThat(Files.readString(drive.resolve("DUP.TXT"))).isEqualTo("kept");
  }

  @Test
  void aFunctionReportsTheNearestErrorItMayReturnAnd59hTheRealOne() {
    var error = new ExtendedError();
    // CHDIR may return 02h and 03h only: access denied becomes path not found in AX.
    assertThat(error.fail(DosError.ACCESS_DENIED, 0x3B00)).isEqualTo(0x03);
    assertThat(error.code()).isEqualTo(0x05);
    assertThat(error.locus()).isEqualTo(DosError.LOCUS_DISK);
    // Read may return 05h: it stays, with the locus of a handle call.
    assertThat(error.fail(DosError.ACCESS_DENIED, 0x3F00)).isEqualTo(0x05);
    assertThat(error.locus()).isEqualTo(DosError.LOCUS_UNKNOWN);
    // A function without a list returns the error as it is.
    assertThat(error.fail(DosError.INVALID_DRIVE, 0x0E00)).isEqualTo(0x0F);
  }
}
