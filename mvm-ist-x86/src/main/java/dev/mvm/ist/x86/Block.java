package dev.mvm.ist.x86;

import dev.mvm.api.cpu.CpuBus;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A run of real-mode instructions translated to JVM bytecode by {@link BlockTranslator}: the
 * generated subclass's {@link #run} does what the interpreter would do for each instruction,
 * with the decoding done once, at translation.
 *
 * <p>A block is valid for the code segment base, IP and physical address it was translated at,
 * and for as long as its bytes in RAM are the bytes it was translated from: {@link #matches}
 * compares them before every run, so code that is overwritten (self-modifying code, a program
 * loaded over another) is translated again rather than run stale. Within one run of a block
 * its instructions are the ones decoded at its entry, as a prefetching processor's are.
 */
abstract class Block {

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** What {@link #run} returns when the block's bytes in RAM are no longer its own. */
  static final int STALE = Integer.MIN_VALUE;

  /** The code segment base, IP and physical address of the first instruction. */
  final int csBase;

  final int ip;
  final int phys;
  /** The most instructions one run executes (fewer when a branch leaves the block early). */
  final int count;
  /** The IP of each instruction, to count the instructions done when one faults. */
  private final int[] starts;

  // The code bytes as little-endian longs at byte offsets: the last long overlaps the one
  // before it rather than reading past the block; a block shorter than eight bytes keeps a
  // byte array instead.
  private final int length;
  private final int[] offsets;
  private final long[] words;
  private final byte[] shortCode;

  /** What a block was translated from: its place, its instructions and its bytes. */
  static final class Shape {
    final int csBase;
    final int ip;
    final int phys;
    final int[] starts;
    final byte[] code;

    Shape(int csBase, int ip, int phys, int[] starts, byte[] code) {
      this.csBase = csBase;
      this.ip = ip;
      this.phys = phys;
      this.starts = starts;
      this.code = code;
    }
  }

  protected Block(Shape shape) {
    csBase = shape.csBase;
    ip = shape.ip;
    phys = shape.phys;
    starts = shape.starts;
    count = starts.length;
    length = shape.code.length;
    if (length >= 8) {
      int n = (length + 7) / 8;
      offsets = new int[n];
      words = new long[n];
      for (int i = 0; i < n; i++) {
        offsets[i] = Math.min(i * 8, length - 8);
        words[i] = (long) LONGS.get(shape.code, offsets[i]);
      }
      shortCode = new byte[0];
    } else {
      offsets = new int[0];
      words = new long[0];
      shortCode = shape.code.clone();
    }
  }

  /**
   * Runs the block on {@code cpu}, whose CS base and IP are this block's. A branch back into
   * the block loops inside it while the budget allows another pass and no event is waiting;
   * before its first instruction, and before each such pass, the block checks that its bytes
   * are still in RAM.
   *
   * @param budget the most instructions to execute, at least {@link #count}
   * @return the number of instructions executed, all of them finished; the bitwise complement
   *     of the number finished before an instruction that ended the run (the interpreter's
   *     {@code execute386} returned false for it); or {@link #STALE} before any instruction if
   *     the block's bytes have changed
   */
  abstract int run(X86Cpu cpu, int budget);

  /** The number of code bytes. */
  final int codeLength() {
    return length;
  }

  /** Eight code bytes as a little-endian long, for the generated checks. */
  static long word(byte[] ram, int at) {
    return (long) LONGS.get(ram, at);
  }

  /** Whether the block's bytes are still in RAM at its address, on pages read directly. */
  final boolean matches(byte[] ram, byte[] pages) {
    if (length == 0) {
      return (pages[phys >>> CpuBus.PAGE_SHIFT] & CpuBus.DIRECT_READ) == 0; // still not RAM
    }
    int end = phys + length - 1;
    if ((pages[phys >>> CpuBus.PAGE_SHIFT] & CpuBus.DIRECT_READ) == 0
        || (pages[end >>> CpuBus.PAGE_SHIFT] & CpuBus.DIRECT_READ) == 0) {
      return false;
    }
    long[] w = words;
    for (int i = 0; i < w.length; i++) {
      if ((long) LONGS.get(ram, phys + offsets[i]) != w[i]) {
        return false;
      }
    }
    byte[] s = shortCode;
    for (int i = 0; i < s.length; i++) {
      if (ram[phys + i] != s[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * As {@link #indexOf}, or 0 where no instruction of the block starts at {@code at}: for a
   * count read from another thread while the block runs, which may see a stale IP.
   */
  final int positionOf(int at) {
    return Math.max(search(at), 0);
  }

  /** The position in the block of the instruction at {@code at}: how many come before it. */
  final int indexOf(int at) {
    int i = search(at);
    if (i < 0) {
      throw new IllegalStateException("no instruction of the block starts at " + at);
    }
    return i;
  }

  private int search(int at) {
    int[] s = starts;
    for (int i = 0; i < s.length; i++) {
      if (s[i] == at) {
        return i;
      }
    }
    return -1;
  }
}
