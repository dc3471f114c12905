package dev.mvm.api.cpu;

/**
 * The segment registers, in the order of their encoding in the {@code reg} field of a ModR/M
 * byte ({@code ES=0, CS=1, SS=2, DS=3, FS=4, GS=5}).
 */
public enum SegmentRegister {
  /** Extra segment. */
  ES,
  /** Code segment. */
  CS,
  /** Stack segment. */
  SS,
  /** Data segment. */
  DS,
  /** Extra segment, 80386 and later. */
  FS,
  /** Extra segment, 80386 and later. */
  GS;

  private static final SegmentRegister[] BY_ENCODING = values();

  /**
   * The register with the given encoding.
   *
   * @param encoding the 3-bit {@code sreg} field, 0 to 5
   * @return the register
   * @throws IllegalArgumentException if {@code encoding} is not 0 to 5
   */
  public static SegmentRegister ofEncoding(int encoding) {
    if (encoding < 0 || encoding >= BY_ENCODING.length) {
      throw new IllegalArgumentException("no segment register has encoding " + encoding);
    }
    return BY_ENCODING[encoding];
  }
}
