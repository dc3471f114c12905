package dev.mvm.doskrnl;

import dev.mvm.api.vdd.GuestMemory;
import java.util.ArrayList;
import java.util.List;

/**
 * DOS's memory arena: the chain of memory control blocks (MCBs) in guest memory that INT 21h
 * functions 48h&ndash;4Ah and 58h manage, and that programs walk. Every MCB is a paragraph
 * before the block it describes:
 *
 * <pre>
 * 00h  'M' (another block follows) or 'Z' (the last block)
 * 01h  owner: the PSP segment of the owning program, 0 when free, 8 for DOS itself
 * 03h  size of the block in paragraphs, not counting the MCB
 * 08h  the owner's name, 8 characters (DOS 4 and later)
 * </pre>
 *
 * <p>The chain lives only in guest memory: a program that corrupts it gets error 7 (memory
 * control blocks destroyed) from the next call, as from MS-DOS. Allocation is first fit by
 * default; 58h switches between first, best and last fit.
 */
final class MemoryArena {

  /** The owner value of a free block. */
  static final int FREE = 0;

  /** The owner value DOS uses for its own blocks. */
  static final int DOS = 8;

  private final GuestMemory memory;
  private final int first;
  private int strategy;

  /**
   * Lays out one free block from {@code first} to {@code end}.
   *
   * @param memory guest memory
   * @param first the segment of the first MCB
   * @param end the first segment past the arena (A000h with 640 KiB)
   */
  MemoryArena(GuestMemory memory, int first, int end) {
    this.memory = memory;
    this.first = first;
    writeMcb(first, 'Z', FREE, end - first - 1);
  }

  /** The segment of the first MCB, which the list of lists points programs to. */
  int first() {
    return first;
  }

  /** The allocation strategy of function 58h: 0 first fit, 1 best fit, 2 last fit. */
  int strategy() {
    return strategy;
  }

  void setStrategy(int strategy) {
    if ((strategy & 0x3F) > 2) {
      throw DosError.INVALID_FUNCTION.failure("allocation strategy " + strategy);
    }
    this.strategy = strategy & 0x3F;
  }

  private int type(int mcb) {
    return memory.readByte(mcb << 4);
  }

  int owner(int mcb) {
    return memory.readWord((mcb << 4) + 1);
  }

  int size(int mcb) {
    return memory.readWord((mcb << 4) + 3);
  }

  private void writeMcb(int mcb, int type, int owner, int size) {
    int a = mcb << 4;
    memory.writeByte(a, type);
    memory.writeWord(a + 1, owner);
    memory.writeWord(a + 3, size);
  }

  /** The MCB after {@code mcb}, checking that the chain is intact. */
  private int next(int mcb) {
    int type = type(mcb);
    if (type != 'M' && type != 'Z') {
      throw DosError.MEMORY_CONTROL_BLOCKS_DESTROYED.failure(
          "no MCB at segment " + hex(mcb) + " (found " + hex(type) + ")");
    }
    return type == 'Z' ? -1 : mcb + size(mcb) + 1;
  }

  /** Merges free blocks that follow each other, as MS-DOS does while it walks the chain. */
  private void coalesce() {
    for (int mcb = first; mcb >= 0; mcb = next(mcb)) {
      while (owner(mcb) == FREE && type(mcb) == 'M') {
        int following = mcb + size(mcb) + 1;
        if (owner(following) != FREE) {
          break;
        }
        int type = type(following);
        if (type != 'M' && type != 'Z') {
          throw DosError.MEMORY_CONTROL_BLOCKS_DESTROYED.failure(
              "no MCB at segment " + hex(following));
        }
        writeMcb(mcb, type, FREE, size(mcb) + size(following) + 1);
      }
    }
  }

  /**
   * The largest free block, in paragraphs (what 48h reports in BX when it fails).
   *
   * @return its size
   */
  int largestFree() {
    coalesce();
    int largest = 0;
    for (int mcb = first; mcb >= 0; mcb = next(mcb)) {
      if (owner(mcb) == FREE) {
        largest = Math.max(largest, size(mcb));
      }
    }
    return largest;
  }

  /**
   * Allocates a block (function 48h).
   *
   * @param paragraphs the size wanted
   * @param owner the owning PSP
   * @return the segment of the block (the MCB's segment + 1)
   * @throws DosFailure insufficient memory, with the largest free size in the detail
   */
  int allocate(int paragraphs, int owner) {
    coalesce();
    int chosen = -1;
    for (int mcb = first; mcb >= 0; mcb = next(mcb)) {
      if (owner(mcb) != FREE || size(mcb) < paragraphs) {
        continue;
      }
      if (chosen < 0 || strategy == 2
          || strategy == 1 && size(mcb) < size(chosen)) {
        chosen = mcb;
      }
      if (strategy == 0) {
        break;
      }
    }
    if (chosen < 0) {
      throw new InsufficientMemory(paragraphs, largestFree());
    }
    int size = size(chosen);
    if (strategy == 2 && size > paragraphs) {
      // Last fit takes the top of the block and leaves the rest free below it.
      int rest = size - paragraphs - 1;
      int type = type(chosen);
      writeMcb(chosen, 'M', FREE, rest);
      int block = chosen + rest + 1;
      writeMcb(block, type, owner, paragraphs);
      return block + 1;
    }
    split(chosen, paragraphs);
    writeMcb(chosen, type(chosen), owner, paragraphs);
    return chosen + 1;
  }

  /** Cuts a block down to {@code paragraphs}, making the rest a free block after it. */
  private void split(int mcb, int paragraphs) {
    int size = size(mcb);
    if (size > paragraphs) {
      int type = type(mcb);
      int rest = mcb + paragraphs + 1;
      writeMcb(rest, type, FREE, size - paragraphs - 1);
      writeMcb(mcb, 'M', owner(mcb), paragraphs);
    }
  }

  /**
   * Frees a block (function 49h).
   *
   * @param segment the block's segment
   * @throws DosFailure invalid memory block address when it is not an allocated block
   */
  void free(int segment) {
    int mcb = find(segment);
    writeMcb(mcb, type(mcb), FREE, size(mcb));
  }

  /**
   * Resizes a block (function 4Ah).
   *
   * @param segment the block's segment
   * @param paragraphs the new size
   * @throws DosFailure insufficient memory when it cannot grow that far (the block then has
   *     the largest size it can have, reported in the failure)
   */
  void resize(int segment, int paragraphs) {
    int mcb = find(segment);
    coalesce();
    int size = size(mcb);
    if (paragraphs <= size) {
      split(mcb, paragraphs);
      return;
    }
    int available = size;
    if (type(mcb) == 'M') {
      int following = mcb + size + 1;
      if (owner(following) == FREE) {
        available += size(following) + 1;
        writeMcb(mcb, type(following), owner(mcb), available);
      }
    }
    if (available < paragraphs) {
      throw new InsufficientMemory(paragraphs, available);
    }
    split(mcb, paragraphs);
  }

  /** The MCB of an allocated block, or error 9. */
  private int find(int segment) {
    int wanted = segment - 1;
    for (int mcb = first; mcb >= 0; mcb = next(mcb)) {
      if (mcb == wanted) {
        if (owner(mcb) == FREE) {
          break;
        }
        return mcb;
      }
      if (mcb > wanted) {
        break;
      }
    }
    throw DosError.INVALID_MEMORY_BLOCK_ADDRESS.failure("no allocated block at " + hex(segment));
  }

  /**
   * Frees every block a program owns, as termination does.
   *
   * @param psp the program's PSP segment
   */
  void freeAll(int psp) {
    for (int mcb = first; mcb >= 0; mcb = next(mcb)) {
      if (owner(mcb) == psp) {
        writeMcb(mcb, type(mcb), FREE, size(mcb));
      }
    }
    coalesce();
  }

  /**
   * Writes the owner's name into a block's MCB (DOS 4 and later keep it for MEM and the like).
   *
   * @param segment the block's segment
   * @param name up to 8 characters
   */
  void setName(int segment, String name) {
    int a = (segment - 1) << 4;
    for (int i = 0; i < 8; i++) {
      memory.writeByte(a + 8 + i, i < name.length() ? name.charAt(i) : 0);
    }
  }

  /**
   * One block of the chain as {@link #chain} reads it.
   *
   * @param mcb the MCB's segment
   * @param type {@code 'M'} or {@code 'Z'}
   * @param owner the owning PSP, {@link #FREE} or {@link #DOS}
   * @param size the block's size in paragraphs, without the MCB
   */
  record Block(int mcb, char type, int owner, int size) {
    /** The block's own segment, what 48h returns. */
    int segment() {
      return mcb + 1;
    }

    /** The first segment past the block. */
    int end() {
      return mcb + 1 + size;
    }
  }

  /**
   * Walks the chain from its first MCB to the {@code 'Z'} block, as MEM does: every MCB must
   * start with 'M' or 'Z' and lie where the one before it ends.
   *
   * @param memory guest memory
   * @param first the segment of the first MCB
   * @return the blocks in address order, the last one the 'Z' block
   * @throws DosFailure memory control blocks destroyed (7) when the chain is broken
   */
  static List<Block> chain(GuestMemory memory, int first) {
    List<Block> blocks = new ArrayList<>();
    int mcb = first;
    while (true) {
      int type = memory.readByte(mcb << 4);
      if (type != 'M' && type != 'Z' || mcb > 0xFFFF) {
        throw DosError.MEMORY_CONTROL_BLOCKS_DESTROYED.failure(
            "no MCB at segment " + hex(mcb) + " after " + blocks.size() + " blocks");
      }
      Block b = new Block(mcb, (char) type, memory.readWord((mcb << 4) + 1),
          memory.readWord((mcb << 4) + 3));
      blocks.add(b);
      if (type == 'Z') {
        return blocks;
      }
      mcb = b.end();
    }
  }

  private static String hex(int value) {
    return String.format("%04Xh", value);
  }

  /** Error 8 with the size that could have been had, which 48h and 4Ah return in BX. */
  static final class InsufficientMemory extends DosFailure {
    private static final long serialVersionUID = 1L;
    final int available;

    InsufficientMemory(int wanted, int available) {
      super(DosError.INSUFFICIENT_MEMORY,
          wanted + " paragraphs wanted, " + available + " available");
      this.available = available;
    }
  }
}
