package dev.mvm.doskrnl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvm.api.ExitReason;
import dev.mvm.api.ExitStatus;
import dev.mvm.api.Vm;
import dev.mvm.api.VmBuilder;
import dev.mvm.api.event.VmEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Processes end to end: guest programs that EXEC children, redirect their output, go resident
 * and take Ctrl-C. After every run the memory arena must still be one chain of MCBs from the
 * first to a 'Z' block that ends where conventional memory ends.
 */
class ProcessTest {
  /** Where the arena ends with the default 640 KiB. */
  private static final int ARENA_END = 0xA000;

  @TempDir Path drive;

  /**
   * What a run left: its output, the events, the memory arena as MEM would list it, and
   * conventional memory as it was at the end.
   */
  private record Run(String output, List<VmEvent> events, List<MemoryArena.Block> arena,
      byte[] memory) {
    int word(int address) {
      return (memory[address] & 0xFF) | (memory[address + 1] & 0xFF) << 8;
    }
  }

  /** Installs the programs, runs the first and checks its exit and the arena afterwards. */
  private Run run(int expectedCode, Consumer<VmBuilder> setup, String... programs)
      throws Exception {
    DosProgramTest.install(drive, programs);
    var out = new ByteArrayOutputStream();
    List<VmEvent> events = new ArrayList<>();
    VmBuilder builder = Vm.builder().drive('C', drive).stdout(out).listener(events::add)
        .program("C:\\" + programs[0].toUpperCase(Locale.ROOT)).instructionBudget(5_000_000);
    setup.accept(builder);
    try (Vm vm = builder.build()) {
      ExitStatus status = vm.run();
      String output = out.toString(StandardCharsets.ISO_8859_1);
      assertThat(status.reason()).as(status.message() + "; output " + output)
          .isEqualTo(ExitReason.PROGRAM_EXIT);
      assertThat(status.exitCode()).as("exit code; output " + output).isEqualTo(expectedCode);
      List<MemoryArena.Block> arena = MemoryArena.chain(vm.memory(), DosKernel.FIRST_MCB);
      MemoryArena.Block last = arena.get(arena.size() - 1);
      assertThat(last.type()).isEqualTo('Z');
      assertThat(last.end()).as("the arena's end").isEqualTo(ARENA_END);
      return new Run(output, events, arena, vm.memory().read(0, ARENA_END << 4));
    }
  }

  private Run run(int expectedCode, String... programs) throws Exception {
    return run(expectedCode, b -> {}, programs);
  }

  /**
   * The blocks that are not free once the programs ended, but for the first: DOS's own data
   * (the current directory structures and the system file table), which stays.
   */
  private static List<MemoryArena.Block> allocated(Run run) {
    assertThat(run.arena().get(0).owner()).as("DOS's data block").isEqualTo(MemoryArena.DOS);
    return run.arena().stream().skip(1).filter(b -> b.owner() != MemoryArena.FREE).toList();
  }

  @Test
  void aParentRedirectsItsChildsOutputToAFileAndReadsItsReturnCode() throws Exception {
    Run run = run(0, "parent.com", "child.com");
    assertThat(run.output()).isEqualTo("exec ok \r\n"
        + "code 0007 0000 \r\n"
        + "write ok \r\n"
        + "child: tail=[ hello world] handles 0007 file path ok\r\n"
        + "parent line\r\n");
    assertThat(Files.readString(drive.resolve("OUT.TXT"), StandardCharsets.ISO_8859_1))
        .isEqualTo("child: tail=[ hello world] handles 0007 file path ok\r\nparent line\r\n");
    assertThat(run.events()).containsSubsequence(
        new VmEvent.ProgramStarted("C:\\PARENT.COM"),
        new VmEvent.ProgramStarted("C:\\CHILD.COM"),
        new VmEvent.ProgramExited("C:\\CHILD.COM", 7),
        new VmEvent.ProgramExited("C:\\PARENT.COM", 0));
    assertThat(allocated(run)).as("every block is free once the programs ended").isEmpty();
  }

  @Test
  void aChildGetsTheHandlesOfATableThatGrewOutOfThePsp() throws Exception {
    Run run = run(0, "grown.com", "child.com");
    assertThat(run.output()).isEqualTo("exec ok \r\n"
        + "code 0007 \r\n"
        + "child: tail=[ grown] handles 0007 file path ok\r\n");
    assertThat(allocated(run)).as("the grown table's block is freed with the rest").isEmpty();
  }

  @Test
  void theSystemFileTableCountsTheHandlesAChildInherits() throws Exception {
    Run run = run(0, "refs.com");
    assertThat(run.output()).isEqualTo("0001 0002 \r\n"
        + "0002 0004 \r\n"
        + "0001 0002 \r\n");
    assertThat(drive.resolve("REFS.TXT")).doesNotExist();
    assertThat(allocated(run)).isEmpty();
  }

  @Test
  void dupAndForceDupKeepAFileOpenUntilItsLastHandleCloses() throws Exception {
    Run run = run(0, "dup.com");
    assertThat(run.output()).isEqualTo("ok ok ok ok ok ok ok E0006 \r\nonetwo");
    assertThat(Files.readString(drive.resolve("DUP.TXT"))).isEqualTo("onetwo");
    assertThat(allocated(run)).isEmpty();
  }

  @Test
  void theCharacterFunctionsPrintWhereStandardOutputPoints() throws Exception {
    Run run = run(0, "redir.com");
    assertThat(run.output()).isEqualTo("back nine26");
    assertThat(Files.readString(drive.resolve("REDIR.TXT"))).isEqualTo("nine26");
  }

  @Test
  void execNestsThreeLevelsDeepAndEachPassesItsCodeUp() throws Exception {
    Run run = run(6, "level.com");
    assertThat(run.output()).isEqualTo("level 1 start\r\n"
        + "level 2 start\r\n"
        + "level 3 start\r\n"
        + "level 2 got 0003 \r\n"
        + "level 1 got 0005 \r\n");
    assertThat(run.events().stream().filter(e -> e instanceof VmEvent.ProgramExited))
        .containsExactly(new VmEvent.ProgramExited("C:\\LEVEL.COM", 3),
            new VmEvent.ProgramExited("C:\\LEVEL.COM", 5),
            new VmEvent.ProgramExited("C:\\LEVEL.COM", 6));
    assertThat(allocated(run)).isEmpty();
  }

  @Test
  void aTsrStaysResidentAndAnswersOtherPrograms() throws Exception {
    Run run = run(0, "driver.com", "tsr.com", "user.com");
    assertThat(run.output()).isEqualTo("resident\r\n"
        + "tsr ok 0305 \r\n"
        + "5453 0001 5453 0002 \r\n"
        + "user ok 0002 \r\n"
        + "driver 5453 0003 \r\n");
    // What stays is the TSR's: its PSP block, cut to the paragraphs it asked for (the PSP and
    // the handler: 112h bytes), and its environment. Everything else is free again.
    List<MemoryArena.Block> kept = allocated(run);
    assertThat(kept).hasSize(2);
    int tsr = kept.get(0).owner();
    assertThat(kept).allSatisfy(b -> assertThat(b.owner()).isEqualTo(tsr));
    MemoryArena.Block psp = kept.stream().filter(b -> b.segment() == tsr).findFirst()
        .orElseThrow();
    assertThat(psp.size()).isEqualTo(0x12);
    int environment = run.word((tsr << 4) + Psp.ENVIRONMENT);
    assertThat(kept).extracting(MemoryArena.Block::segment).contains(environment);
    assertThat(run.word(0x60 * 4 + 2)).as("INT 60h's segment").isEqualTo(tsr);
  }

  @Test
  void ctrlCAtTheKeyboardGoesToTheProgramsHandlerAndTheCallStartsAgain() throws Exception {
    // break.com types its keys into the BIOS keyboard buffer: with no input stream, CON is the
    // keyboard. The echoes are the keyboard's: 0Ah ends with CR only, 3Fh with CR LF.
    Run run = run(0, "break.com");
    assertThat(run.output()).isEqualTo("ab^C\r\n[handler]cx\r\n"
        + "0003 ^C\r\n[handler]007A \r\n"
        + "12^C\r\n[handler]34\r[34]\r\n"
        + "^C\r\n[retf]q\r\n"
        + "ab^C\r\n[retf]cd\r\n0004 cd\r\n");
  }

  @Test
  void ctrlCInARedirectedInputIsACharacterLikeAnyOther() throws Exception {
    // A host input stream is standard input redirected from a file: DOS checks for ^C at the
    // keyboard, not in the file, so 01h, 08h, 0Ah and 3Fh all hand the 03h to the program.
    Files.write(drive.resolve("RAW.COM"), dev.mvm.testkit.Asm.assemble(0x100, """
            mov  dx, handler
            mov  ax, 0x2523
            int  0x21
            mov  ah, 0x08
            int  0x21
            mov  [first], al
            mov  ah, 0x01
            int  0x21
            mov  [second], al
            mov  dx, line
            mov  ah, 0x0A
            int  0x21
            xor  bx, bx
            mov  cx, 2
            mov  dx, read
            mov  ah, 0x3F
            int  0x21
            cmp  ax, 2
            jne  bad
            cmp  byte [first], 3
            jne  bad
            cmp  byte [second], 3
            jne  bad
            cmp  word [read], 0x0303
            jne  bad
            cmp  word [line+1], 0x0302
            jne  bad
            mov  ax, 0x4C00
            int  0x21
    bad:    mov  ax, 0x4C01
            int  0x21
    handler:
            mov  dx, text
            mov  ah, 0x09
            int  0x21
            iret
    text:   db   "[handler]$"
    first:  db   0
    second: db   0
    read:   db   0, 0
    line:   db   10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
    """));
    byte[] input = {3, 3, 3, 'x', '\r', 3, 3};
    var out = new ByteArrayOutputStream();
    try (Vm vm = Vm.builder().drive('C', drive).stdout(out).program("C:\\RAW.COM")
        .stdin(new ByteArrayInputStream(input)).instructionBudget(1_000_000).build()) {
      ExitStatus status = vm.run();
      assertThat(status.reason()).as(status.message()).isEqualTo(ExitReason.PROGRAM_EXIT);
      assertThat(status.exitCode()).isZero();
    }
    // The echoes of 01h and 0Ah: no ^C, no handler.
    assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo("\u0003\u0003x\r");
  }

  @Test
  void ctrlCAbortsAChildWithTerminationType1() throws Exception {
    Run run = run(0, "brkrun.com", "brkchild.com");
    assertThat(run.output()).isEqualTo("reading\r\n^C\r\nok 0100 same \r\n"
        + "reading\r\n^C\r\nok 0100 same \r\n"
        + "reading\r\n^C\r\nok 0005 same \r\n");
    assertThat(allocated(run)).isEmpty();
  }

  @Test
  void ctrlCAbortsTheProgramTheHostStartedWithCode0() throws Exception {
    Run run = run(0, "brkchild.com");
    assertThat(run.output()).isEqualTo("reading\r\n^C\r\n");
  }

  @Test
  void loadWithoutExecutingAndLoadAnOverlay() throws Exception {
    Run run = run(0, "loader.com", "child.com", "overlay.exe");
    assertThat(run.output()).isEqualTo("load ok ok \r\n"
        + "child: tail=[ loaded] handles 0005 device path ok\r\n"
        + "back ok 0007 \r\n"
        + "overlay ok overlay data\r\n"
        + "0002 \r\n"
        + "ok \r\n");
    assertThat(allocated(run)).isEmpty();
  }

  @Test
  void execFailsAsMsDosFails() throws Exception {
    Files.createDirectories(drive.resolve("DATA"));
    Run run = run(0, "errors.com", "child.com", "badexe.exe");
    assertThat(run.output()).isEqualTo("E0008 E0002 E0003 E000B E0001 \r\n"
        + "E000A E0004 \r\n"
        + "child: tail=[] handles 0005 device path ok\r\n"
        + "ok 0007 \r\n");
    assertThat(allocated(run)).isEmpty();
  }
}
