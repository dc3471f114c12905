package dev.mvm.api.cpu;

/**
 * Bit masks of the FLAGS/EFLAGS register.
 *
 * <pre>{@code
 * boolean carry = (regs.flags() & Flags.CF) != 0;
 * }</pre>
 */
public final class Flags {
  /** Carry flag, bit 0. */
  public static final int CF = 1;
  /** Bit 1 reads as 1 on every x86. */
  public static final int RESERVED_1 = 1 << 1;
  /** Parity flag, bit 2: set when the low byte of a result has an even number of ones. */
  public static final int PF = 1 << 2;
  /** Auxiliary (half) carry flag, bit 4. */
  public static final int AF = 1 << 4;
  /** Zero flag, bit 6. */
  public static final int ZF = 1 << 6;
  /** Sign flag, bit 7. */
  public static final int SF = 1 << 7;
  /** Trap (single-step) flag, bit 8. */
  public static final int TF = 1 << 8;
  /** Interrupt-enable flag, bit 9. */
  public static final int IF = 1 << 9;
  /** Direction flag, bit 10. */
  public static final int DF = 1 << 10;
  /** Overflow flag, bit 11. */
  public static final int OF = 1 << 11;
  /** I/O privilege level, bits 12 and 13 (80286 and later). */
  public static final int IOPL = 3 << 12;
  /** Nested task flag, bit 14 (80286 and later). */
  public static final int NT = 1 << 14;
  /** Resume flag, bit 16 (80386 and later). */
  public static final int RF = 1 << 16;
  /** Virtual-8086 mode flag, bit 17 (80386 and later). */
  public static final int VM = 1 << 17;
  /** Alignment check flag, bit 18 (80486 and later). */
  public static final int AC = 1 << 18;
  /** ID flag, bit 21: software can toggle it where CPUID exists. */
  public static final int ID = 1 << 21;

  private Flags() {}
}
