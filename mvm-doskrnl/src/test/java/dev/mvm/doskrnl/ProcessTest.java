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

  /** The blocks that are not free once the programs ended. */
  private static List<MemoryArena.Block> allocated(Run run) {
    return run.arena().stream().filter(b -> b.owner() != MemoryArena.FREE).toList();
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
  void ctrlCGoesToTheProgramsHandlerAndTheCallStartsAgain() throws Exception {
    byte[] input = "ab\u0003cx\u0003\u0003z12\u000334\n\u0003qab\u0003cd\n"
        .getBytes(StandardCharsets.ISO_8859_1);
    Run run = run(0, b -> b.stdin(new ByteArrayInputStream(input)), "break.com");
    assertThat(run.output()).isEqualTo("ab^C\r\n[handler]cx\r\n"
        + "0003 ^C\r\n[handler]007A \r\n"
        + "12^C\r\n[handler]34\r\n[34]\r\n"
        + "^C\r\n[retf]q\r\n"
        + "^C\r\n[retf]0004 cd\r\n");
  }

  @Test
  void ctrlCAbortsAChildWithTerminationType1() throws Exception {
    byte[] input = {3, 3, 3};
    Run run = run(0, b -> b.stdin(new ByteArrayInputStream(input)), "brkrun.com",
        "brkchild.com");
    assertThat(run.output()).isEqualTo("reading\r\n^C\r\nok 0100 same \r\n"
        + "reading\r\n^C\r\nok 0100 same \r\n"
        + "reading\r\n^C\r\nok 0005 same \r\n");
    assertThat(allocated(run)).isEmpty();
  }

  @Test
  void ctrlCAbortsTheProgramTheHostStartedWithCode0() throws Exception {
    Run run = run(0, b -> b.stdin(new ByteArrayInputStream(new byte[] {3})), "brkchild.com");
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
