package dev.mvm.doskrnl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mvm.api.vdd.GuestMemory;
import org.junit.jupiter.api.Test;

class MemoryArenaTest {
  /** Plain guest memory: 1 MiB of bytes. */
  static final class Ram implements GuestMemory {
    final byte[] bytes = new byte[1 << 20];

    @Override
    public long size() {
      return bytes.length;
    }

    @Override
    public int readByte(int address) {
      return bytes[address & 0xFFFFF] & 0xFF;
    }

    @Override
    public void writeByte(int address, int value) {
      bytes[address & 0xFFFFF] = (byte) value;
    }
  }

  private final Ram ram = new Ram();
  private final MemoryArena arena = new MemoryArena(ram, 0x100, 0xA000);

  @Test
  void allocatesFirstFitAndSplitsTheRest() {
    int a = arena.allocate(0x10, 0x200);
    int b = arena.allocate(0x20, 0x200);
    assertThat(a).isEqualTo(0x101);
    assertThat(b).isEqualTo(0x112);
    assertThat(ram.readByte(0x1000)).isEqualTo('M');
    assertThat(arena.owner(0x100)).isEqualTo(0x200);
    assertThat(arena.largestFree()).isEqualTo(0xA000 - 0x132 - 1);
  }

  @Test
  void resizesTheLastBlockDownAndUp() {
    int all = arena.allocate(arena.largestFree(), 0x200);
    arena.resize(all, 0x1000);
    assertThat(arena.size(all - 1)).isEqualTo(0x1000);
    int other = arena.allocate(0x100, 0x200);
    assertThat(other).isEqualTo(all + 0x1000 + 1);
    assertThatThrownBy(() -> arena.resize(all, 0x2000))
        .isInstanceOfSatisfying(MemoryArena.InsufficientMemory.class,
            e -> assertThat(e.available).isEqualTo(0x1000));
    arena.free(other);
    arena.resize(all, 0x2000);
    assertThat(arena.size(all - 1)).isEqualTo(0x2000);
  }

  @Test
  void errorsAsDosGivesThem() {
    int a = arena.allocate(0x10, 0x200);
    arena.free(a);
    assertThatThrownBy(() -> arena.free(a)).isInstanceOfSatisfying(DosFailure.class,
        f -> assertThat(f.error()).isEqualTo(DosError.INVALID_MEMORY_BLOCK_ADDRESS));
    assertThatThrownBy(() -> arena.allocate(0xFFFF, 0x200))
        .isInstanceOfSatisfying(MemoryArena.InsufficientMemory.class,
            e -> assertThat(e.available).isEqualTo(0xA000 - 0x100 - 1));
    ram.writeByte(0x1000, 'X'); // a program scribbles over the first MCB
    assertThatThrownBy(() -> arena.allocate(1, 0x200)).isInstanceOfSatisfying(DosFailure.class,
        f -> assertThat(f.error()).isEqualTo(DosError.MEMORY_CONTROL_BLOCKS_DESTROYED));
  }

  @Test
  void bestAndLastFit() {
    int a = arena.allocate(0x40, 1);
    int gap1 = arena.allocate(0x10, 1);
    int b = arena.allocate(0x20, 1);
    int gap2 = arena.allocate(0x8, 1);
    arena.allocate(0x10, 1);
    arena.free(a);
    arena.free(b);
    arena.setStrategy(1);
    assertThat(arena.allocate(0x18, 2)).isEqualTo(b);
    arena.setStrategy(2);
    int last = arena.allocate(0x10, 2);
    assertThat(last).isEqualTo(0xA000 - 0x10);
    assertThat(gap1).isLessThan(gap2);
  }

  @Test
  void theChainWalksFromTheFirstMcbToTheZBlock() {
    int a = arena.allocate(0x10, 0x200);
    arena.allocate(0x20, 0x300);
    arena.free(a);
    assertThat(MemoryArena.chain(ram, 0x100)).containsExactly(
        new MemoryArena.Block(0x100, 'M', MemoryArena.FREE, 0x10),
        new MemoryArena.Block(0x111, 'M', 0x300, 0x20),
        new MemoryArena.Block(0x132, 'Z', MemoryArena.FREE, 0xA000 - 0x132 - 1));
    ram.writeByte(0x111 << 4, 'X'); // a program scribbles over the second MCB
    assertThatThrownBy(() -> MemoryArena.chain(ram, 0x100))
        .isInstanceOfSatisfying(DosFailure.class,
            f -> assertThat(f.error()).isEqualTo(DosError.MEMORY_CONTROL_BLOCKS_DESTROYED));
  }
}
