package dev.mvm.doskrnl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvm.api.ExitReason;
import dev.mvm.api.ExitStatus;
import dev.mvm.api.Vm;
import dev.mvm.api.VmBuilder;
import dev.mvm.api.event.VmEvent;
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
}
