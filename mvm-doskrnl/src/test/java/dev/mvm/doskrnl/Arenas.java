package dev.mvm.doskrnl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvm.api.ExitReason;
import dev.mvm.api.ExitStatus;
import dev.mvm.api.Vm;
import dev.mvm.api.VmBuilder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * How the kernel's tests run a guest program, and the check every one of them makes after a
 * run: the MCB chain is intact to its end.
 */
final class Arenas {
  /** Where the arena ends with the default 640 KiB: the segment after the last block. */
  static final int END = 0xA000;

  private Arenas() {}

  /**
   * Walks the MCB chain from the first block: every block is 'M' or 'Z', the last is 'Z', and
   * it ends at the top of conventional memory.
   *
   * @param vm a VM after a run
   * @return the blocks
   */
  static List<MemoryArena.Block> assertIntact(Vm vm) {
    List<MemoryArena.Block> arena = MemoryArena.chain(vm.memory(), DosKernel.FIRST_MCB);
    MemoryArena.Block last = arena.get(arena.size() - 1);
    assertThat(last.type()).as("the last MCB").isEqualTo('Z');
    assertThat(last.end()).as("the arena's end").isEqualTo(END);
    return arena;
  }

  /**
   * Runs a program of the test resources from drive C: (copied there under its name in upper
   * case), and checks that it ended by itself with the expected code and left the arena intact.
   *
   * @param drive the folder of drive C:
   * @param program its name under {@code programs/}, such as {@code fcbfile.com}
   * @param expectedCode its exit code
   * @param setup more configuration of the VM
   * @return what it wrote to standard output
   * @throws Exception if the program cannot be installed or the VM not built
   */
  static String run(Path drive, String program, int expectedCode, Consumer<VmBuilder> setup)
      throws Exception {
    String name = program.toUpperCase(Locale.ROOT);
    DosProgramTest.install(drive, program, name);
    var out = new ByteArrayOutputStream();
    VmBuilder builder = Vm.builder().drive('C', drive).stdout(out).program("C:\\" + name)
        .instructionBudget(5_000_000);
    setup.accept(builder);
    try (Vm vm = builder.build()) {
      ExitStatus status = vm.run();
      assertIntact(vm);
      assertThat(status.reason()).as(status.message() + "; output " + out)
          .isEqualTo(ExitReason.PROGRAM_EXIT);
      assertThat(status.exitCode()).as("exit code; output " + out).isEqualTo(expectedCode);
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }
}
