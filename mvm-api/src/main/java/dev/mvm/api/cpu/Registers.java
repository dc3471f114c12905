package dev.mvm.api.cpu;

/**
 * The guest's register file: 8, 16 and 32-bit general registers, segment registers, the
 * instruction pointer and the flags, with named accessors.
 *
 * <p>An implementation provides the primitives ({@link #general(int)}, {@link #segment},
 * {@link #eip()}, {@link #eflags()} and their setters); the named, narrow and flag views are
 * derived from them. On 16-bit models the upper halves read as zero and writes to them are
 * ignored. Setting a segment register loads it as real mode does (base = selector &times; 16).
 *
 * <p>A register view is used on the VM's thread only (see {@code Vm} for inspection from
 * other threads). Interrupt hooks receive it as the guest's register frame:
 *
 * <pre>{@code
 * ctx.interrupts().hook(0x21, regs -> {
 *   if (regs.ah() != 0x30) return InterruptHook.Result.PASS;   // only "get DOS version"
 *   regs.setAx(0x0005);                                        // DOS 5.0
 *   return InterruptHook.Result.HANDLED;
 * });
 * }</pre>
 */
public interface Registers {

  /**
   * A general register by its encoding in ModR/M and opcode bytes.
   *
   * @param index 0 EAX, 1 ECX, 2 EDX, 3 EBX, 4 ESP, 5 EBP, 6 ESI, 7 EDI
   * @return its value (the 16-bit register on 16-bit models)
   */
  int general(int index);

  /**
   * Sets a general register by its encoding.
   *
   * @param index 0 EAX, 1 ECX, 2 EDX, 3 EBX, 4 ESP, 5 EBP, 6 ESI, 7 EDI
   * @param value the new value; 16-bit models keep the low half
   */
  void setGeneral(int index, int value);

  /** @return EAX (AX on 16-bit models) */
  default int eax() { return general(0); }

  /** @param value the new EAX */
  default void setEax(int value) { setGeneral(0, value); }

  /** @return EBX */
  default int ebx() { return general(3); }

  /** @param value the new EBX */
  default void setEbx(int value) { setGeneral(3, value); }

  /** @return ECX */
  default int ecx() { return general(1); }

  /** @param value the new ECX */
  default void setEcx(int value) { setGeneral(1, value); }

  /** @return EDX */
  default int edx() { return general(2); }

  /** @param value the new EDX */
  default void setEdx(int value) { setGeneral(2, value); }

  /** @return ESP */
  default int esp() { return general(4); }

  /** @param value the new ESP */
  default void setEsp(int value) { setGeneral(4, value); }

  /** @return EBP */
  default int ebp() { return general(5); }

  /** @param value the new EBP */
  default void setEbp(int value) { setGeneral(5, value); }

  /** @return ESI */
  default int esi() { return general(6); }

  /** @param value the new ESI */
  default void setEsi(int value) { setGeneral(6, value); }

  /** @return EDI */
  default int edi() { return general(7); }

  /** @param value the new EDI */
  default void setEdi(int value) { setGeneral(7, value); }

  /**
   * @param register which segment register
   * @return its selector (in real mode, the segment value)
   */
  int segment(SegmentRegister register);

  /**
   * Loads a segment register as real mode does: the base becomes {@code selector * 16}.
   *
   * @param register which segment register
   * @param selector the new value, 0 to FFFFh
   */
  void setSegment(SegmentRegister register, int selector);

  /** @return EIP (IP on 16-bit models) */
  int eip();

  /** @param value the new EIP */
  void setEip(int value);

  /** @return EFLAGS (FLAGS on 16-bit models), computed if the implementation keeps them lazily */
  int eflags();

  /**
   * Sets the flags. Bits that the model keeps fixed (bit 1 is always one, bits 12 to 15 on
   * the 8086 are always one) keep their fixed values.
   *
   * @param value the new EFLAGS
   */
  void setEflags(int value);

  /**
   * CR0 on the 80386 and later, the machine status word on the 80286; 0 on models without
   * either. Read-only here: a VM changes it by running the guest's own instructions.
   *
   * @return the control register, bit 0 (PE) set in protected mode
   */
  default int cr0() {
    return 0;
  }

  /** @return whether the CPU is in protected mode (CR0.PE), virtual-8086 mode included */
  default boolean protectedMode() {
    return (cr0() & 1) != 0;
  }

  /** @return whether the CPU runs real-mode code as a virtual-8086 task (EFLAGS.VM) */
  default boolean virtual8086() {
    return protectedMode() && (eflags() & Flags.VM) != 0;
  }

  /**
   * The current privilege level: 0 in real mode, 3 in virtual-8086 mode, else the RPL of CS.
   *
   * @return 0 to 3
   */
  default int cpl() {
    if (!protectedMode()) {
      return 0;
    }
    return virtual8086() ? 3 : cs() & 3;
  }

  // ---- 16-bit views -------------------------------------------------------------------

  /** @return AX */
  default int ax() { return eax() & 0xFFFF; }

  /** @param value the new AX; the upper half of EAX is kept */
  default void setAx(int value) { setEax((eax() & 0xFFFF_0000) | (value & 0xFFFF)); }

  /** @return BX */
  default int bx() { return ebx() & 0xFFFF; }

  /** @param value the new BX */
  default void setBx(int value) { setEbx((ebx() & 0xFFFF_0000) | (value & 0xFFFF)); }

  /** @return CX */
  default int cx() { return ecx() & 0xFFFF; }

  /** @param value the new CX */
  default void setCx(int value) { setEcx((ecx() & 0xFFFF_0000) | (value & 0xFFFF)); }

  /** @return DX */
  default int dx() { return edx() & 0xFFFF; }

  /** @param value the new DX */
  default void setDx(int value) { setEdx((edx() & 0xFFFF_0000) | (value & 0xFFFF)); }

  /** @return SP */
  default int sp() { return esp() & 0xFFFF; }

  /** @param value the new SP */
  default void setSp(int value) { setEsp((esp() & 0xFFFF_0000) | (value & 0xFFFF)); }

  /** @return BP */
  default int bp() { return ebp() & 0xFFFF; }

  /** @param value the new BP */
  default void setBp(int value) { setEbp((ebp() & 0xFFFF_0000) | (value & 0xFFFF)); }

  /** @return SI */
  default int si() { return esi() & 0xFFFF; }

  /** @param value the new SI */
  default void setSi(int value) { setEsi((esi() & 0xFFFF_0000) | (value & 0xFFFF)); }

  /** @return DI */
  default int di() { return edi() & 0xFFFF; }

  /** @param value the new DI */
  default void setDi(int value) { setEdi((edi() & 0xFFFF_0000) | (value & 0xFFFF)); }

  /** @return IP */
  default int ip() { return eip() & 0xFFFF; }

  /** @param value the new IP; on 32-bit models the upper half of EIP is cleared */
  default void setIp(int value) { setEip(value & 0xFFFF); }

  /** @return the low 16 bits of the flags */
  default int flags() { return eflags() & 0xFFFF; }

  /** @param value the new low 16 bits of the flags; the upper half of EFLAGS is kept */
  default void setFlags(int value) { setEflags((eflags() & 0xFFFF_0000) | (value & 0xFFFF)); }

  // ---- 8-bit views --------------------------------------------------------------------

  /** @return AL */
  default int al() { return eax() & 0xFF; }

  /** @param value the new AL */
  default void setAl(int value) { setEax((eax() & ~0xFF) | (value & 0xFF)); }

  /** @return AH */
  default int ah() { return (eax() >>> 8) & 0xFF; }

  /** @param value the new AH */
  default void setAh(int value) { setEax((eax() & ~0xFF00) | ((value & 0xFF) << 8)); }

  /** @return BL */
  default int bl() { return ebx() & 0xFF; }

  /** @param value the new BL */
  default void setBl(int value) { setEbx((ebx() & ~0xFF) | (value & 0xFF)); }

  /** @return BH */
  default int bh() { return (ebx() >>> 8) & 0xFF; }

  /** @param value the new BH */
  default void setBh(int value) { setEbx((ebx() & ~0xFF00) | ((value & 0xFF) << 8)); }

  /** @return CL */
  default int cl() { return ecx() & 0xFF; }

  /** @param value the new CL */
  default void setCl(int value) { setEcx((ecx() & ~0xFF) | (value & 0xFF)); }

  /** @return CH */
  default int ch() { return (ecx() >>> 8) & 0xFF; }

  /** @param value the new CH */
  default void setCh(int value) { setEcx((ecx() & ~0xFF00) | ((value & 0xFF) << 8)); }

  /** @return DL */
  default int dl() { return edx() & 0xFF; }

  /** @param value the new DL */
  default void setDl(int value) { setEdx((edx() & ~0xFF) | (value & 0xFF)); }

  /** @return DH */
  default int dh() { return (edx() >>> 8) & 0xFF; }

  /** @param value the new DH */
  default void setDh(int value) { setEdx((edx() & ~0xFF00) | ((value & 0xFF) << 8)); }

  // ---- segment registers --------------------------------------------------------------

  /** @return CS */
  default int cs() { return segment(SegmentRegister.CS); }

  /** @param value the new CS */
  default void setCs(int value) { setSegment(SegmentRegister.CS, value); }

  /** @return DS */
  default int ds() { return segment(SegmentRegister.DS); }

  /** @param value the new DS */
  default void setDs(int value) { setSegment(SegmentRegister.DS, value); }

  /** @return ES */
  default int es() { return segment(SegmentRegister.ES); }

  /** @param value the new ES */
  default void setEs(int value) { setSegment(SegmentRegister.ES, value); }

  /** @return SS */
  default int ss() { return segment(SegmentRegister.SS); }

  /** @param value the new SS */
  default void setSs(int value) { setSegment(SegmentRegister.SS, value); }

  /** @return FS (80386 and later) */
  default int fs() { return segment(SegmentRegister.FS); }

  /** @param value the new FS */
  default void setFs(int value) { setSegment(SegmentRegister.FS, value); }

  /** @return GS (80386 and later) */
  default int gs() { return segment(SegmentRegister.GS); }

  /** @param value the new GS */
  default void setGs(int value) { setSegment(SegmentRegister.GS, value); }

  // ---- single flags -------------------------------------------------------------------

  /**
   * @param mask one of the {@link Flags} constants
   * @return whether that flag is set
   */
  default boolean flag(int mask) { return (eflags() & mask) != 0; }

  /**
   * @param mask one of the {@link Flags} constants
   * @param set whether to set or clear it
   */
  default void setFlag(int mask, boolean set) {
    int f = eflags();
    setEflags(set ? f | mask : f & ~mask);
  }

  /** @return the carry flag */
  default boolean cf() { return flag(Flags.CF); }

  /** @param set the new carry flag; DOS and BIOS services report errors through it */
  default void setCf(boolean set) { setFlag(Flags.CF, set); }

  /** @return the parity flag */
  default boolean pf() { return flag(Flags.PF); }

  /** @return the auxiliary carry flag */
  default boolean af() { return flag(Flags.AF); }

  /** @return the zero flag */
  default boolean zf() { return flag(Flags.ZF); }

  /** @param set the new zero flag */
  default void setZf(boolean set) { setFlag(Flags.ZF, set); }

  /** @return the sign flag */
  default boolean sf() { return flag(Flags.SF); }

  /** @return the trap flag */
  default boolean tf() { return flag(Flags.TF); }

  /** @return the interrupt-enable flag */
  default boolean interruptsEnabled() { return flag(Flags.IF); }

  /** @param set the new interrupt-enable flag */
  default void setInterruptsEnabled(boolean set) { setFlag(Flags.IF, set); }

  /** @return the direction flag */
  default boolean df() { return flag(Flags.DF); }

  /** @return the overflow flag */
  default boolean of() { return flag(Flags.OF); }

  /**
   * The linear address {@code segment * 16 + offset} that real mode forms from a segment
   * value and an offset (no wrap at 1 MiB: the bus applies the A20 gate).
   *
   * @param segment a 16-bit segment value
   * @param offset a 16-bit offset
   * @return the linear address
   */
  static int linear(int segment, int offset) {
    return ((segment & 0xFFFF) << 4) + (offset & 0xFFFF);
  }
}
