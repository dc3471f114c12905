package dev.mvm.ist.x86;

/**
 * The fields of an 80386 segment descriptor, given as the 64-bit value of its eight bytes in
 * memory (little-endian: bytes 0-3 in the low half). Layout, from the 80386 Programmer's
 * Reference Manual: limit 15-0 and base 15-0 in the low doubleword; base 23-16, the access
 * byte (type, S, DPL, P), limit 19-16, the flags AVL, D/B and G, and base 31-24 in the high
 * one.
 */
final class Descriptor {

  private Descriptor() {}

  /** The 32-bit segment base. */
  static int base(long d) {
    return (int) ((d >>> 16) & 0xFF_FFFFL) | (int) ((d >>> 32) & 0xFF00_0000L);
  }

  /** The highest valid offset: the 20-bit limit, in 4 KiB units with G set. */
  static int limit(long d) {
    int limit = (int) (d & 0xFFFF) | (int) ((d >>> 32) & 0xF_0000);
    return (d & (1L << 55)) != 0 ? limit << 12 | 0xFFF : limit;
  }

  /** The access byte: P (bit 7), DPL (bits 5-6), S (bit 4) and the type (bits 0-3). */
  static int access(long d) {
    return (int) (d >>> 40) & 0xFF;
  }

  /** The access byte in bits 0-7 and the flags G, D/B, AVL in bits 12-15, as a cache holds. */
  static int attributes(long d) {
    return (int) (d >>> 40) & 0xF0FF;
  }

  /** The descriptor privilege level. */
  static int dpl(long d) {
    return (access(d) >> 5) & 3;
  }

  /** The present bit. */
  static boolean present(long d) {
    return (access(d) & 0x80) != 0;
  }

  /** D/B: 32-bit code (default operand and address size), or a 32-bit stack (ESP). */
  static boolean big(long d) {
    return (d & (1L << 54)) != 0;
  }
}
