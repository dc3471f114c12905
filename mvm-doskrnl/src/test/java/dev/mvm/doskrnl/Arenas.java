package dev.mvm.doskrnl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvm.api.Vm;
import java.util.List;

/** The check every kernel test makes after a run: the MCB chain is intact to its end. */
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
}
