package dev.mvm.ist.x86;

import dev.mvm.api.cpu.CpuBus;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A run of real-mode instructions translated to JVM bytecode by {@link BlockTranslator}: the
 * generated subclass's {@link #run} does what the interpreter would do for each instruction,
 * with the decoding done once, at translation.
 *
 * <p>A block is valid for the code segment base, IP and physical address it was translated at,
 * and for as long as its bytes in RAM are the bytes it was translated from: the generated code
 * compares them at its entry and at every branch within it, and a store that reaches them ends
 * the block after the storing instruction, so code that is overwritten (self-modifying code, a
 * program loaded over another) runs as the interpreter would run it and is translated again.
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
  /**
   * The code bytes. The generated {@link #run} compares RAM with them as constants; {@link
   * #matches} reads them for a block of no instructions, which has no generated code.
   */
  private final byte[] code;

  /**
   * What a block was translated from: its place, its instructions and its bytes (a class, not a
   * record: it is never compared, and a record's equality would not look into its arrays).
   */
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
    code = shape.code;
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
    return code.length;
  }

  /** Eight code bytes as a little-endian long, for the generated checks. */
  static long word(byte[] ram, int at) {
    return (long) LONGS.get(ram, at);
  }

  /**
   * Whether the block's bytes are still in RAM at its address, on pages read directly (for a
   * block of no bytes: whether its page is still not direct).
   */
  final boolean matches(byte[] ram, byte[] pages) {
    if (code.length == 0) {
      return (pages[phys >>> CpuBus.PAGE_SHIFT] & CpuBus.DIRECT_READ) == 0; // still not RAM
    }
    int end = phys + code.length - 1;
    if ((pages[phys >>> CpuBus.PAGE_SHIFT] & CpuBus.DIRECT_READ) == 0
        || (pages[end >>> CpuBus.PAGE_SHIFT] & CpuBus.DIRECT_READ) == 0) {
      return false;
    }
    return Arrays.equals(ram, phys, end + 1, code, 0, code.length);
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
