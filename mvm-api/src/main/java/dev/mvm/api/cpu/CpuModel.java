package dev.mvm.api.cpu;

/**
 * The x86 processor a VM emulates. The model decides decoding (the {@code 0Fh} page,
 * {@code PUSH SP}, shift-count masking, which opcodes are invalid), flag behaviour and the
 * width of the address bus.
 *
 * <pre>{@code
 * Vm vm = Vm.builder().cpu(CpuModel.I80286).build();
 * }</pre>
 */
public enum CpuModel {
  /** Intel 8086 (and 8088): 20 address lines, no invalid-opcode exception. */
  I8086(20, false),
  /** Intel 80186 (and 80188): the 8086 plus PUSHA, BOUND, ENTER, INS/OUTS; raises #UD. */
  I80186(20, false),
  /** Intel 80286: 24 address lines, real and 16-bit protected mode. */
  I80286(24, true),
  /** Intel 80386: 32-bit registers and addressing, paging, virtual-8086 mode. */
  I80386(32, true),
  /** Intel 80486: the 80386 plus BSWAP, CMPXCHG, XADD, INVLPG and CPUID on later steppings. */
  I80486(32, true);

  private final int addressBits;
  private final boolean protectedMode;

  CpuModel(int addressBits, boolean protectedMode) {
    this.addressBits = addressBits;
    this.protectedMode = protectedMode;
  }

  /**
   * Number of physical address lines of this model: 20, 24 or 32.
   *
   * @return the address bus width in bits
   */
  public int addressBits() {
    return addressBits;
  }

  /**
   * The mask that a linear address is ANDed with before it reaches memory (before the A20
   * gate is applied): {@code 0xFFFFF} on the 8086, {@code 0xFFFFFF} on the 80286.
   *
   * @return the address mask of this model's bus
   */
  public int addressMask() {
    return addressBits == 32 ? 0xFFFF_FFFF : (1 << addressBits) - 1;
  }

  /**
   * Whether this model has a protected mode.
   *
   * @return true from the 80286 on
   */
  public boolean hasProtectedMode() {
    return protectedMode;
  }

  /**
   * Whether this model executes everything that {@code other} executes.
   *
   * @param other another model
   * @return true when this model is the same as or newer than {@code other}
   */
  public boolean atLeast(CpuModel other) {
    return compareTo(other) >= 0;
  }
}
