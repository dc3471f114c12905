package dev.mvm.ist.x86;

import dev.mvm.api.cpu.Cpu;
import dev.mvm.api.cpu.CpuBus;
import dev.mvm.api.cpu.CpuModel;
import dev.mvm.api.cpu.CpuStop;
import dev.mvm.api.cpu.Flags;
import dev.mvm.api.cpu.Registers;
import dev.mvm.api.cpu.SegmentRegister;
import java.lang.invoke.MethodHandles;
import org.jspecify.annotations.Nullable;

/**
 * The real-mode interpreter for the 8086, 80186, 80286, 80386 and 80486: one dense {@code
 * switch} on the opcode, registers in plain fields, arithmetic flags kept lazily as the last
 * operation and its operands and derived only when something reads them
 * (ADD/ADC/SUB/SBB/CMP/NEG, the logical operations, INC/DEC; the rarer shifts, multiplies and
 * decimal adjustments store their flags directly).
 *
 * <p>What is modelled, and from where: the instruction set and its flags from Intel's iAPX
 * 86/88 User's Manual, the 80186/80188 data sheet, the 80286 and 80386 Programmer's Reference
 * Manuals and Intel's current Software Developer's Manual (for the 80486); the undocumented
 * and model-specific behaviour from the hardware-recorded SingleStepTests vectors (8086 and
 * 80286 real mode) that the conformance test replays, and the 32-bit arithmetic checked
 * against the host processor (OracleDifferentialTest).
 * Model differences are decided by the {@link OpcodeTable} (which opcodes exist, which take
 * a ModR/M byte, which must address memory) and by a few flags of this class:
 *
 * <ul>
 *   <li>8086: 60h&ndash;6Fh repeat the conditional jumps, C0h/C1h/C8h/C9h are RET/RETF, 0Fh
 *       is POP CS, nothing is invalid; PUSH SP pushes the decremented SP; shift counts are
 *       not masked; the divide error returns to the next instruction; a REP prefix negates
 *       the quotient of IDIV and the product of IMUL; FLAGS bits 12&ndash;15 read as one.
 *   <li>80186: the 8086 plus PUSHA/POPA, BOUND, IMUL by immediate, INS/OUTS, ENTER/LEAVE,
 *       PUSH immediate and shifts by immediate; counts masked to five bits; undefined
 *       opcodes raise #UD (vector 6); faults return to the faulting instruction.
 *   <li>80286 (real mode): the 80186, PUSH SP pushes the old SP, FLAGS bits 12&ndash;15
 *       read as zero, a word operand that would wrap at offset FFFFh raises #GP (vector 13),
 *       and the 0Fh page: SMSW, LMSW, CLTS, SGDT/SIDT/LGDT/LIDT (LIDT moves the real-mode
 *       interrupt table). LMSW with PE enters protected mode, which {@link #run386} decodes
 *       with the 80286's opcode table and descriptor format (see below); LOADALL ends the run
 *       with {@link CpuStop#UNSUPPORTED} before anything of the instruction is done.
 *   <li>80386 (real mode): decoded on a path of its own ({@link #run386}) that the 16-bit
 *       models never enter, with the operand size (16, or 32 after 66h) and the address size
 *       (16, or 32 with SIB after 67h) as variables; 32-bit registers (the low halves where the
 *       16-bit path keeps them, the upper halves beside), FS and GS, and the 80386's
 *       instructions that work in real mode (the 0Fh page: MOVZX/MOVSX, SETcc, bit tests and
 *       scans, SHLD/SHRD, long Jcc, LSS/LFS/LGS, MOV to and from CR0/CR2/CR3, DR0-DR7 and
 *       TR6/TR7). Every memory access is checked against its segment's cached limit, FFFFh
 *       after reset: past it the access raises #GP (vector 13), or #SS (12) through SS, before
 *       anything is written, and the instruction restarts with ESP as it was. Real mode never
 *       changes a cached limit, so one left at 4 GiB by protected mode persists ("big real
 *       mode"); a real-mode load sets the cached base to selector &times; 16, and EIP stays
 *       below 10000h (a transfer beyond raises #GP). IOPL and NT can be set by POPF; FLAGS
 *       bits 12-15 read as set bits. CR0 reads with its reserved bits 5-30 set, ET clear (no
 *       coprocessor). LOCK before anything but a read-modify-write of memory raises #UD; F1h
 *       is INT1. The 80386's LOADALL (0F 07) and setting PG end the run with {@link
 *       CpuStop#UNSUPPORTED}. Debug registers are kept but breakpoints never fire.
 *   <li>Protected mode (80286, 80386, 80486; PE set with MOV CR0 or LMSW): segment registers
 *       load descriptors from the GDT or LDT into their caches (base, limit, attributes) with
 *       the type, privilege and presence checks, expand-down and null segments included; CS.D
 *       and SS.B choose 32-bit operands, addresses and ESP; instruction bytes past CS's limit
 *       raise #GP. Far JMP and CALL go to code segments, through call gates (to inner levels
 *       on the TSS's stack, parameters copied) and to tasks; RETF and IRET return to the same
 *       or outer levels, IRET with NT to the calling task. Interrupts and exceptions go
 *       through interrupt, trap and task gates with their error codes; a fault while delivering
 *       one becomes a double fault where both are contributory, and a fault while delivering
 *       that shuts the processor down. Task switches save and load 286 and 386 TSSs (busy
 *       bits, back link, NT, CR0.TS, LDT, CR3). IOPL guards CLI, STI, POPF and I/O, past which
 *       the TSS's I/O permission bitmap decides. Paging (80386 and 80486) walks CR3's
 *       directory and tables with accessed and dirty bits and user/supervisor and read/write
 *       checks (CR0.WP on the 80486), raising #PF with CR2, through a TLB flushed by CR3,
 *       task switches and INVLPG. Virtual-8086 mode runs real-mode code at CPL 3, its
 *       interrupts and IOPL-sensitive instructions going to a ring-0 monitor. The 80286 uses
 *       its own descriptors (the last word reserved, the 386 system types invalid) and has no
 *       paging, V86 mode or 32-bit prefixes. Not modelled: debug-register breakpoints, the
 *       80486's alignment check, and a task switch before any LTR, which ends the run with
 *       {@link CpuStop#UNSUPPORTED}.
 *   <li>80486 (real mode): the 80386 plus BSWAP, XADD, CMPXCHG, INVD, WBINVD, INVLPG, TR3-TR5
 *       and CPUID, which reports an Intel 486SX ("GenuineIntel", family 4 model 2, no feature
 *       flags: no FPU, VME, TSC, APIC or MTRR; the vendor is Intel's so that software that
 *       picks code paths by vendor and family treats it as what it emulates). EFLAGS.AC can be
 *       set (the 80386 keeps it clear) and EFLAGS.ID toggles, as where CPUID exists; an
 *       interrupt clears AC. CR0 resets to 60000010h.
 * </ul>
 *
 * <p>There is no coprocessor: ESC decodes its operand and does nothing, WAIT does nothing
 * (on the 80286, ESC and WAIT raise #NM, vector 7, where MSW.EM or MSW.TS ask for it). The
 * 80386 and 80486 do the same by CR0: ESC raises #NM when EM or TS is set (an emulator's
 * hook; a BIOS for a machine without FPU sets EM), WAIT when MP and TS are; with EM clear, as
 * after reset, nothing answers an ESC, so FNINIT changes nothing and FNSTSW leaves its memory
 * operand as it was: the usual detection sequence finds no FPU.
 *
 * <p>Real-mode 16-bit code that runs often is translated to JVM bytecode by a {@link
 * BlockTranslator} on every model (unless {@link #translation} turns it off): the same
 * methods with the decoding done once, blocks that loop within themselves, checked against
 * their bytes so that overwritten code is translated again. The interpreter stays the
 * reference; the translated blocks execute the same instructions with the same results,
 * counts and faults, which the tests check on the single-step vectors and on random code.
 *
 * <p>An instruction with a REP prefix executes one iteration per step and, while iterations
 * remain, leaves IP on its first prefix, so interrupts are taken between iterations and each
 * iteration counts as one instruction. Interrupts (INTR, NMI, the single-step trap, a stop
 * request) are tested with one field, {@code events}, before each instruction.
 */
public final class X86Cpu implements Cpu {

  // Register numbers as encoded in ModR/M.
  private static final int AX = 0;
  private static final int CX = 1;
  private static final int DX = 2;
  private static final int BX = 3;
  private static final int SP = 4;
  private static final int BP = 5;
  private static final int SI = 6;
  private static final int DI = 7;
  private static final int ES = 0;
  private static final int CS = 1;
  private static final int SS = 2;
  private static final int DS = 3;
  private static final int FS = 4;
  private static final int GS = 5;

  private static final int CF = Flags.CF;
  private static final int PF = Flags.PF;
  private static final int AF = Flags.AF;
  private static final int ZF = Flags.ZF;
  private static final int SF = Flags.SF;
  private static final int TF = Flags.TF;
  private static final int IF = Flags.IF;
  private static final int DF = Flags.DF;
  private static final int OF = Flags.OF;
  private static final int ARITH = CF | PF | AF | ZF | SF | OF;
  private static final int CONTROL = TF | IF | DF;

  // Kinds of the last arithmetic operation, from which the flags are derived.
  private static final int L_NONE = 0;
  private static final int L_ADD = 1;
  private static final int L_SUB = 2;
  private static final int L_LOGIC = 3;
  private static final int L_INC = 4;
  private static final int L_DEC = 5;
  private static final int L_ADD32 = 6;
  private static final int L_SUB32 = 7;

  // Bits of decodeInfo.
  static final int D_MODRM = 1;
  static final int D_CHECK = 2;
  static final int D_INVALID = 4;
  // Marks for run386's dispatch, so that one test of decodeInfo sends the first byte to its
  // path: a prefix of the 80386 and 80486 (segments, LOCK, REP, FS, GS, 66h, 67h), and 0Fh.
  // Their other bits are as before; the other paths test these bytes by value.
  static final int D_PREFIX386 = 8;
  static final int D_TWO_BYTE = 16;

  // The TLB: entries, and the rights an entry records (from the PDE and PTE together).
  private static final int TLB_SIZE = 256;
  private static final int TLB_USER = 1;
  private static final int TLB_WRITABLE = 2;
  private static final int TLB_DIRTY = 4;

  // Bits of events: something to do before the next instruction.
  private static final int EV_INTR = 1;
  private static final int EV_NMI = 2;
  private static final int EV_TRAP = 4;
  private static final int EV_STOP = 8;
  private static final int EV_SHADOW = 16;
  private static final int EV_SHUTDOWN = 32;
  /** The 80286 entered protected mode: the 16-bit loop hands over to {@link #run386}. */
  private static final int EV_MODE = 64;

  /** Parity flag value per byte: PF is set when the byte has an even number of ones. */
  private static final int[] PARITY = new int[256];

  static {
    for (int i = 0; i < 256; i++) {
      PARITY[i] = (Integer.bitCount(i) & 1) == 0 ? PF : 0;
    }
  }

  /**
   * Aborts an instruction whose word operand would wrap at offset FFFFh on the 80286: the
   * hardware checks the segment limit on each access and faults in the middle of the
   * instruction, keeping the writes done so far. {@link #run} restores SP (the only register
   * an instruction changes before its last memory access, apart from the string index
   * registers, which the hardware also leaves moved) and delivers #GP (vector 13), returning
   * to the instruction. One preallocated instance without a stack trace, never used for
   * anything but this guest fault; {@link #run} catches only this type.
   */
  private static final class SegmentWrapFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SegmentWrapFault() {
      super("80286 segment wrap", null, false, false);
    }
  }

  private static final SegmentWrapFault WRAP_FAULT = new SegmentWrapFault();

  private final CpuModel model;
  private final CpuBus bus;
  private final byte[] ram;
  private final byte[] pages;
  private final OpcodeTable.ModelTable table;
  private final RegisterView view = new RegisterView();
  /** Per opcode*8+reg: 0 invalid (#UD), 1 valid, 2 valid with a memory operand only. */
  private final byte[] form = new byte[256 * 8];
  /**
   * Per opcode, what decoding needs from the tables above in one load: {@link #D_MODRM}, {@link
   * #D_CHECK} (some reg fields are invalid or memory-only, on models that raise #UD) and {@link
   * #D_INVALID} (an opcode without ModR/M that raises #UD).
   */
  private final byte[] decodeInfo = new byte[256];

  private final boolean is8086;
  private final boolean is286;
  /** The 80386 and 80486: run by {@link #run386}, never by the 16-bit loop of {@link #run}. */
  private final boolean is386;
  private final boolean is486;
  /** FLAGS bits 12-15 that read as one: all four on the 8086 and 80186, none later. */
  private final int fixedFlags;
  /** The FLAGS bits above the arithmetic ones that POPF loads: IOPL and NT from the 80386 on. */
  private final int controlMask;
  /** The 80186 and 80286 report faults at the faulting instruction and raise #UD. */
  private final boolean faultsAtStart;

  private int addressMask;

  // The register file. r holds the low 16 bits of each general register (all of it on the
  // 16-bit models), rh the upper 16 bits on the 80386 and 80486, so that the 16-bit paths
  // touch exactly what they did before and a 16-bit write keeps the upper half.
  private final int[] r = new int[8];
  private final int[] rh = new int[8];
  private final int[] sreg = new int[6];
  private int ip;
  /** TF, IF and DF; IOPL and NT too on the 80386 and 80486. */
  private int control;
  /** EFLAGS bits 16-31 (AC and ID; RF and VM stay clear in real mode), 80386 and 80486. */
  private int eflagsHigh;
  // Lazy arithmetic flags: the last operation, its operands and its unmasked result.
  private int lazyOp;
  private int lazyA;
  private int lazyB;
  private int lazyRes;
  /** The width of the last operation as a mask: FFh, FFFFh or FFFFFFFFh. */
  private int lazyMask;
  /** The arithmetic flags when lazyOp is L_NONE; CF when it is L_INC or L_DEC. */
  private int flagBits;

  // 80286 machine status word and descriptor-table registers.
  private int msw;
  private int idtBase;
  private int idtLimit;
  private int gdtBase;
  private int gdtLimit;

  // 80386 and 80486 system state. In real mode a segment register's cached base is always
  // selector * 16 (so it is not stored); its cached limit is kept, and only a descriptor load
  // in protected mode changes it, so a 4 GiB limit left there survives ("big real mode").
  private final int[] segLimit = new int[6];
  /**
   * Cached segment bases: selector &times; 16 in real mode (on every model), the descriptor's
   * base in protected mode.
   */
  private final int[] segBase = new int[6];
  /**
   * Cached descriptor attributes per segment register (80386 and 80486): the access byte in
   * bits 0-7 (present, DPL, S, type) and the flags nibble (G, D/B, AVL) in bits 12-15.
   */
  private final int[] segAttr = new int[6];
  /** CR0.PE: descriptors give the segments their bases, limits and attributes. */
  private boolean protectedMode;
  /** CS.D: the default operand and address size is 32 bits. */
  private boolean codeBig;
  /** SS.B: the stack pointer is ESP rather than SP. */
  private boolean stackBig;
  /** The current privilege level: CS's RPL in protected mode, 0 in real mode. */
  private int cpl;
  /** The error code of the fault thrown as SegmentWrapFault, or -1 for none. */
  private int faultCode = -1;
  /**
   * The lowest valid offset per segment, as an unsigned value: 0, or the limit + 1 of an
   * expand-down data segment, or 2<sup>32</sup> for an unusable (null) segment.
   */
  private final long[] segFloor = new long[6];
  // The LDT and the task register: selector and cached base and limit (TR also the type).
  private int ldtr;
  private int ldtBase;
  private int ldtLimit;
  private int trSelector;
  private int trBase;
  private int trLimit;
  private int trType;
  // Paging: CR0.PG, a direct-mapped TLB of linear page -> page frame with the rights found.
  private boolean paging;
  /** Accesses by the processor itself (descriptor tables, TSS): supervisor ones. */
  private boolean systemAccess;
  private final int[] tlbPage = new int[TLB_SIZE];
  private final int[] tlbFrame = new int[TLB_SIZE];
  private final byte[] tlbRights = new byte[TLB_SIZE];
  private int cr0;
  private int cr2;
  private int cr3;
  private final int[] dr = new int[8];
  private final int[] tr = new int[8];

  // Decoding state of the current instruction.
  private int startIp;
  private int startSp;
  private int segOverride;
  private int rep;
  private int modrm;
  private boolean regForm;
  private int eaBase;
  private int eaOff;
  // 80386 decoding: operand-size (66h) and address-size (67h) prefixes, the segment of the
  // memory operand, whether its address used ESP (POP [ESP+n] adjusts it), the high half of
  // ESP at the start, and the vector of a fault thrown as SegmentWrapFault.
  private boolean osz;
  private boolean asz;
  private int eaSeg;
  private boolean eaEsp;
  private int startSpHigh;
  private int faultVector;

  // The code window (see fetch8): CS it was opened for, the IPs it covers, RAM index of IP 0.
  private int fetchStart;
  private int fetchEnd;
  // The window test as one signed compare, without a call to Integer.compareUnsigned (not an
  // intrinsic on Java 17, and every call counts against the loop's inlining budget): IP is in
  // the window when ip + fetchBias < fetchLimit, with fetchBias = MIN_VALUE - fetchStart and
  // fetchLimit = MIN_VALUE + (fetchEnd - fetchStart); fetchLimit16 is one less (both bytes of
  // fetch16 in the window). A closed window has a span of 0.
  private int fetchBias = Integer.MIN_VALUE;
  private int fetchLimit = Integer.MIN_VALUE;
  private int fetchLimit16 = Integer.MIN_VALUE;
  private int fetchDelta;

  // Between instructions.
  private int events;
  private boolean intrLine;
  private boolean nmiPending;
  private boolean trapPending;
  private boolean stopRequested;
  private boolean shadow;
  private boolean halted;
  private boolean shutdown;
  // The instruction count at the end of a step that was an unfinished iteration of a repeated
  // string instruction (see repeating()), -1 when none: set by the iteration itself rather than
  // cleared before every instruction.
  private long repeatingAt = -1;
  private long instructions;
  private @Nullable CpuStop exit;
  /** Translates hot real-mode code to bytecode; null: interpret everything. */
  private @Nullable BlockTranslator translator;
  /**
   * Set by a running block when it branches inside itself: the instructions it has finished
   * other than those of the current pass before the instruction at startIp (see Block.run).
   */
  private int blockDone;
  /** The block running now, or null. */
  private @Nullable Block running;
  // The running block's code as a window for stores (a + smcBias < smcLimit, from three bytes
  // before it so that any word or doubleword touching it is seen; never true between blocks),
  // and whether a store has hit it: the block ends after that instruction, so that the
  // changed code runs as the interpreter would run it.
  private int smcBias;
  private int smcLimit = Integer.MIN_VALUE;
  private boolean smc;
  private @Nullable String stopDetail;

  /**
   * Creates a CPU in its power-on state.
   *
   * @param model the 8086, 80186 or 80286
   * @param bus the machine
   */
  public X86Cpu(CpuModel model, CpuBus bus) {
    this.model = model;
    this.bus = bus;
    this.ram = bus.ram();
    this.pages = bus.pageFlags();
    this.table = OpcodeTable.forModel(model);
    this.is8086 = model == CpuModel.I8086;
    this.is286 = model == CpuModel.I80286;
    this.is386 = model.atLeast(CpuModel.I80386);
    this.is486 = model == CpuModel.I80486;
    this.fixedFlags = model.atLeast(CpuModel.I80286) ? 0 : 0xF000;
    this.controlMask = is386 ? CONTROL | Flags.IOPL | Flags.NT : CONTROL;
    this.faultsAtStart = !is8086;
    for (int op = 0; op < 256; op++) {
      for (int reg = 0; reg < 8; reg++) {
        OpcodeTable.@Nullable Row row = table.row(op, reg << 3);
        byte f = 0;
        if (row != null) {
          f = row.memoryOnly() ? (byte) 2 : (byte) 1;
        } else if (op == 0x0F && !is8086) {
          f = 1; // the two-byte page, decoded on its own
        }
        form[op * 8 + reg] = f;
      }
    }
    for (int op = 0; op < 256; op++) {
      int d = 0;
      if (table.modrm[op]) {
        d |= D_MODRM;
        for (int reg = 0; reg < 8; reg++) {
          if (form[op * 8 + reg] != 1 && !is8086) {
            d |= D_CHECK;
          }
        }
      } else if (form[op * 8] == 0) {
        d |= D_INVALID;
      }
      if ((op & 0xE7) == 0x26 || (op & 0xFC) == 0xF0 || (op & 0xFC) == 0x64) {
        d |= D_PREFIX386;
      }
      if (op == 0x0F) {
        d |= D_TWO_BYTE;
      }
      decodeInfo[op] = (byte) d;
    }
    this.addressMask = model.addressMask() & bus.addressMask();
    translation(DEFAULT_THRESHOLD, DEFAULT_BLOCK);
    reset();
  }

  /** Runs of an address before it is translated, by default. */
  static final int DEFAULT_THRESHOLD = 32;

  /** The most instructions in a translated block, by default. */
  static final int DEFAULT_BLOCK = 32;

  /**
   * Sets how hot real-mode code is translated to bytecode, dropping what was translated.
   *
   * @param threshold the runs of an address before it is translated; 0 to interpret
   *     everything
   * @param maxInstructions the most instructions in a block
   */
  void translation(int threshold, int maxInstructions) {
    translator =
        threshold > 0
            ? new BlockTranslator(
                MethodHandles.lookup(),
                model,
                is386,
                is8086,
                ram,
                pages,
                decodeInfo,
                form,
                threshold,
                maxInstructions)
            : null;
  }

  /** Blocks translated so far (0 without translation). */
  long blocksTranslated() {
    BlockTranslator t = translator;
    return t == null ? 0 : t.translated();
  }

  // ==== Cpu ==================================================================================

  @Override
  public CpuModel model() {
    return model;
  }

  @Override
  public Registers registers() {
    return view;
  }

  @Override
  public void reset() {
    for (int i = 0; i < 8; i++) {
      r[i] = 0;
      rh[i] = 0;
    }
    setSegReal(ES, 0);
    setSegReal(SS, 0);
    setSegReal(DS, 0);
    setSegReal(FS, 0);
    setSegReal(GS, 0);
    for (int i = 0; i < 6; i++) {
      // The caches after reset (the 80286 keeps them too, for its protected mode).
      segLimit[i] = 0xFFFF;
      segAttr[i] = i == CS ? 0x9B : 0x93; // present, accessed, code or writable data
    }
    protectedMode = false;
    codeBig = false;
    stackBig = false;
    cpl = 0;
    java.util.Arrays.fill(segFloor, 0);
    ldtr = 0;
    ldtBase = 0;
    ldtLimit = 0;
    trSelector = 0;
    trBase = 0;
    trLimit = 0xFFFF;
    trType = 0x0B;
    paging = false;
    flushTlb();
    if (is386) {
      reset386();
    }
    if (is286 || is386) {
      setSegReal(CS, 0xF000);
      ip = 0xFFF0;
    } else {
      setSegReal(CS, 0xFFFF);
      ip = 0;
    }
    control = 0;
    setArith(0);
    msw = 0xFFF0;
    idtBase = 0;
    idtLimit = 0x3FF;
    gdtBase = 0;
    gdtLimit = 0xFFFF;
    halted = false;
    shutdown = false;
    nmiPending = false;
    trapPending = false;
    shadow = false;
    repeatingAt = -1;
    stopDetail = null;
    updateEvents();
  }

  @Override
  public CpuStop run(long maxInstructions) {
    addressMask = model.addressMask() & bus.addressMask();
    closeFetchWindow();
    if (shutdown) {
      return CpuStop.SHUTDOWN;
    }
    stopDetail = null;
    if (halted) {
      if (stopRequested) {
        stopRequested = false;
        updateEvents();
        return CpuStop.STOP_REQUESTED;
      }
      if (!nmiPending && !(intrLine && (control & IF) != 0)) {
        return CpuStop.HALTED;
      }
      halted = false;
    }
    if (is386 || protectedMode) {
      return run386(maxInstructions);
    }
    for (long n = 0; n < maxInstructions; n++) {
      if (events != 0) {
        if ((events & EV_MODE) != 0) {
          updateEvents();
          return run386(maxInstructions - n);
        }
        CpuStop s = serviceEvents();
        if (s != null) {
          return s;
        }
      }
      BlockTranslator t = translator;
      if (t != null) {
        int k = runBlock(t, maxInstructions - n);
        if (k > 0) {
          n += k - 1;
          continue;
        }
        if (k < 0) {
          return stopAfterInstruction();
        }
      }
      boolean done;
      try {
        // One instruction (one iteration of a repeated string instruction). Its decoding is
        // written out here, so that the JIT compiles it into this loop; the rarer forms
        // (prefixes, 0Fh, ModR/M) are methods that end in execute().
        startIp = ip;
        startSp = r[SP];
        segOverride = -1;
        rep = 0;
        int op = fetch8();
        int d = decodeInfo[op];
        // Prefixes and 0Fh have bits of their own in decodeInfo (64h-67h too, which the 16-bit
        // models decode as other bytes, in decode), so the common forms take one compare.
        if (d == D_MODRM) {
          int m = fetch8();
          modrm = m;
          regForm = m >= 0xC0;
          if (m < 0xC0) {
            decodeEa();
          }
          done = execute(op);
        } else if (d == 0) {
          done = execute(op);
        } else if ((op & 0xE7) == 0x26 || (op & 0xFC) == 0xF0) {
          done = stepPrefixed(op); // 26h, 2Eh, 36h, 3Eh, F0h-F3h
        } else {
          done = decode(op, 0);
        }
      } catch (SegmentWrapFault f) {
        r[SP] = startSp;
        repeatingAt = -1;
        raise(13, startIp);
        done = true;
      }
      if (!done) {
        return stopAfterInstruction();
      }
      instructions++;
    }
    return CpuStop.BUDGET;
  }

  @Override
  public long instructionCount() {
    Block b = running;
    // Inside a block (a device asking the time during an instruction's bus access): the
    // instructions finished before this one, as the interpreter counts them. Every block
    // instruction that can reach the bus records its IP in startIp first.
    return b == null ? instructions : instructions + blockDone + b.positionOf(startIp);
  }

  @Override
  public void setIntr(boolean asserted) {
    intrLine = asserted;
    updateEvents();
  }

  @Override
  public void nmi() {
    nmiPending = true;
    updateEvents();
  }

  @Override
  public void requestStop() {
    stopRequested = true;
    updateEvents();
  }

  @Override
  public boolean isHalted() {
    return halted;
  }

  @Override
  public void interrupt(int vector) {
    halted = false;
    deliver(vector & 0xFF, ip);
  }

  @Override
  public String disassemble(int segment, int offset) {
    int at = Registers.linear(segment, offset);
    if (peek(at) == 0x0F
        && peek(Registers.linear(segment, offset + 1)) == 0xFF
        && bus.isHostCallbackAddress(at)) {
      int number =
          peek(Registers.linear(segment, offset + 2))
              | peek(Registers.linear(segment, offset + 3)) << 8;
      return "hostcall " + Disassembler.hex(number);
    }
    if (protectedMode && segment == sreg[CS]) {
      // The current code segment: its descriptor's base and size, not selector * 16.
      return Disassembler.disassembleAt(table, a -> peek(a), segBase[CS], offset, codeBig);
    }
    return Disassembler.disassemble(table, a -> peek(a), segment & 0xFFFF, offset & 0xFFFF);
  }

  @Override
  public @Nullable String stopDetail() {
    return stopDetail;
  }

  /**
   * Whether the last step was an iteration of a repeated string instruction that has more
   * iterations to go (IP is back on its prefix). Test harnesses that want whole instructions
   * keep stepping while this is true.
   *
   * @return true while a REP instruction is unfinished
   */
  boolean repeating() {
    return repeatingAt == instructions;
  }

  /** A byte for the disassembler: no fault, no accessed bit; an unmapped page reads FFh. */
  private int peek(int linear) {
    int a = linear & addressMask;
    if (paging) {
      int pde = physRead32((cr3 & 0xFFFF_F000) | (linear >>> 22) << 2);
      int pte =
          (pde & 1) == 0
              ? 0
              : physRead32((pde & 0xFFFF_F000) | ((linear >>> 12) & 0x3FF) << 2);
      if ((pte & 1) == 0) {
        return 0xFF;
      }
      a = ((pte & 0xFFFF_F000) | (linear & 0xFFF)) & addressMask;
    }
    if ((pages[a >>> CpuBus.PAGE_SHIFT] & CpuBus.DIRECT_READ) != 0) {
      return ram[a] & 0xFF;
    }
    return bus.readByte(a) & 0xFF;
  }

  // ==== events ===============================================================================

  private void updateEvents() {
    int e = 0;
    if (intrLine && (control & IF) != 0) {
      e |= EV_INTR;
    }
    if (nmiPending) {
      e |= EV_NMI;
    }
    if ((control & TF) != 0 || trapPending) {
      e |= EV_TRAP;
    }
    if (stopRequested) {
      e |= EV_STOP;
    }
    if (shadow) {
      e |= EV_SHADOW;
    }
    if (shutdown) {
      e |= EV_SHUTDOWN;
    }
    events = e;
  }

  /** Before an instruction: stop requests, the single-step trap, NMI and INTR. */
  private @Nullable CpuStop serviceEvents() {
    if (shutdown) {
      return CpuStop.SHUTDOWN;
    }
    if (stopRequested) {
      stopRequested = false;
      updateEvents();
      return CpuStop.STOP_REQUESTED;
    }
    boolean inhibited = shadow;
    shadow = false;
    if (trapPending) {
      trapPending = false;
      deliver(1, ip);
    }
    if (!inhibited) {
      if (nmiPending) {
        nmiPending = false;
        deliver(2, ip);
      } else if (intrLine && (control & IF) != 0) {
        int vector = bus.acknowledgeInterrupt() & 0xFF;
        closeFetchWindow();
        deliver(vector, ip);
      }
    }
    // The instruction about to run traps afterwards if it starts with TF set.
    trapPending = (control & TF) != 0;
    updateEvents();
    return null;
  }

  /**
   * Enters an interrupt or exception handler: pushes FLAGS, CS and the return IP, clears IF
   * and TF and loads CS:IP from the interrupt table (at the 80286's IDT base, 0 on reset).
   */
  private void deliver(int vector, int returnIp) {
    if (protectedMode) {
      deliverProtected(vector, returnIp, -1, false);
      return;
    }
    if (vector * 4 + 3 > idtLimit) {
      // Beyond the 80286's interrupt table limit (set by LIDT): #GP, then a double fault,
      // which fails the same way; the processor shuts down (the reset trick of 286 DOS
      // extenders). Vector 8 is tried once in case only high vectors are cut off.
      if (vector != 8 && 8 * 4 + 3 <= idtLimit) {
        deliver(8, returnIp);
        return;
      }
      shutdown = true;
      stopDetail =
          String.format(
              "shutdown: interrupt %02Xh beyond the interrupt table limit %04Xh at %04X:%04X",
              vector, idtLimit, sreg[CS], startIp);
      updateEvents();
      return;
    }
    int flags = flagsWord();
    pushUnchecked(flags);
    pushUnchecked(sreg[CS]);
    pushUnchecked(returnIp);
    control &= ~(IF | TF);
    eflagsHigh &= ~Flags.AC;
    trapPending = false;
    int entry = idtBase + vector * 4;
    ip = rb(entry) | rb(entry + 1) << 8;
    setSegReal(CS, rb(entry + 2) | rb(entry + 3) << 8);
    updateEvents();
  }

  /**
   * An exception raised by an instruction, returning to {@code returnIp}. In protected mode
   * the exceptions that have one push an error code: the one given to {@link #fault(int,
   * int)}, zero otherwise.
   */
  private void raise(int vector, int returnIp) {
    if (protectedMode) {
      int code = hasErrorCode(vector) ? Math.max(faultCode, 0) : -1;
      faultCode = -1;
      deliverProtected(vector, returnIp, code, false);
      return;
    }
    deliver(vector, returnIp);
  }

  /**
   * INT n, INT3 and INTO: like an exception in real mode; in protected mode the gate's DPL
   * must admit the current privilege level, and no error code is pushed.
   */
  private void softwareInterrupt(int vector) {
    if (protectedMode) {
      deliverProtected(vector, ip, -1, true);
      return;
    }
    deliver(vector, ip);
  }

  /** Invalid opcode (80186 and later): vector 6, returning to the instruction. */
  private void invalidOpcode() {
    repeatingAt = -1;
    raise(6, startIp);
  }

  // ==== memory ===============================================================================

  private int rb(int linear) {
    int a = (paging ? translate(linear, false) : linear) & addressMask;
    if ((pages[a >>> CpuBus.PAGE_SHIFT] & CpuBus.DIRECT_READ) != 0) {
      return ram[a] & 0xFF;
    }
    closeFetchWindow(); // device memory: its handler may change the page map
    return bus.readByte(a) & 0xFF;
  }

  private void wb(int linear, int value) {
    int a = (paging ? translate(linear, true) : linear) & addressMask;
    if (a + smcBias < smcLimit) {
      smc = true; // into the running block's code: it ends after this instruction
    }
    if ((pages[a >>> CpuBus.PAGE_SHIFT] & CpuBus.DIRECT_WRITE) != 0) {
      ram[a] = (byte) value;
    } else {
      closeFetchWindow();
      bus.writeByte(a, value & 0xFF);
    }
  }

  /**
   * Reads a word at base + offset. An offset of FFFFh or more wraps within the segment on the
   * 8086 and 80186 and faults on the 80286.
   */
  private int rw(int base, int off) {
    if (off >= 0xFFFF) {
      if (is286) {
        throw WRAP_FAULT;
      }
      off &= 0xFFFF;
      return rb(base + off) | rb(base + ((off + 1) & 0xFFFF)) << 8;
    }
    int a = (base + off) & addressMask;
    if ((a & 0xFFF) != 0xFFF && (pages[a >>> CpuBus.PAGE_SHIFT] & CpuBus.DIRECT_READ) != 0) {
      return (ram[a] & 0xFF) | (ram[a + 1] & 0xFF) << 8;
    }
    return rb(base + off) | rb(base + off + 1) << 8;
  }

  private void ww(int base, int off, int value) {
    if (off >= 0xFFFF) {
      if (is286) {
        throw WRAP_FAULT;
      }
      off &= 0xFFFF;
      wb(base + off, value);
      wb(base + ((off + 1) & 0xFFFF), value >> 8);
      return;
    }
    int a = (base + off) & addressMask;
    if ((a & 0xFFF) != 0xFFF && (pages[a >>> CpuBus.PAGE_SHIFT] & CpuBus.DIRECT_WRITE) != 0) {
      if (a + smcBias < smcLimit) {
        smc = true;
      }
      ram[a] = (byte) value;
      ram[a + 1] = (byte) (value >> 8);
      return;
    }
    wb(base + off, value);
    wb(base + off + 1, value >> 8);
  }

  // ---- the code window: instruction bytes straight from RAM ----------------------------------
  //
  // Instruction bytes are read from ram[fetchDelta + ip] while IP lies in [fetchStart,
  // fetchEnd): the run of direct-read pages around IP in the code segment, without a wrap of
  // the address (A20) inside it. fetchEnd stays at most FFFFh, so that the byte at FFFFh, after
  // which IP wraps, always takes the slow way. The window is for the current CS: every load of
  // CS drops it, as does anything that can change the page map or the address mask: the start
  // of a run, and every call out to the bus (ports, host callbacks, device memory, interrupt
  // acknowledge).

  private int fetch8() {
    int i = ip;
    if (i + fetchBias < fetchLimit) {
      ip = i + 1;
      return ram[fetchDelta + i] & 0xFF;
    }
    return fetch8Slow();
  }

  private int fetch16() {
    int i = ip;
    if (i + fetchBias < fetchLimit16) {
      ip = i + 2;
      int k = fetchDelta + i;
      return (ram[k] & 0xFF) | (ram[k + 1] & 0xFF) << 8;
    }
    int lo = fetch8();
    return lo | fetch8() << 8;
  }

  private int fetch8Slow() {
    openFetchWindow();
    int i = ip;
    if (i < fetchEnd && i >= fetchStart) {
      ip = i + 1;
      return ram[fetchDelta + i] & 0xFF;
    }
    if (protectedMode && Integer.compareUnsigned(i, segLimit[CS]) > 0) {
      throw fault(13, 0); // an instruction byte past the code segment's limit
    }
    int v = rb(segBase[CS] + ip);
    ip = codeBig ? ip + 1 : (ip + 1) & 0xFFFF;
    return v;
  }

  private void closeFetchWindow() {
    fetchStart = 0;
    fetchEnd = 0;
    fetchBias = Integer.MIN_VALUE;
    fetchLimit = Integer.MIN_VALUE;
    fetchLimit16 = Integer.MIN_VALUE;
  }

  /** Opens the window around IP, if IP's page is direct RAM; else leaves it closed. */
  private void openFetchWindow() {
    closeFetchWindow();
    if (paging) {
      return; // instruction bytes go through the TLB one by one
    }
    int base = segBase[CS];
    int i = ip;
    int lin = base + i;
    if (!directCode(lin)) {
      return;
    }
    int lo = i - (lin & 0xFFF); // IP of the start of its page (negative below the segment)
    int hi = lo + 0x1000; // IP of the start of the next page
    while (lo > 0 && directCode(base + lo - 1)) {
      lo -= 0x1000;
    }
    // 16-bit code: the byte at FFFFh, after which IP wraps, takes the slow way; in protected
    // mode the window also ends at the code segment's limit, whose byte and what lies beyond
    // take the slow way, which checks it.
    int end = codeBig ? (int) Math.min(segLimit[CS] & 0xFFFF_FFFFL, 0x7FFF_0000L) : 0xFFFF;
    if (protectedMode && !codeBig) {
      end = (int) Math.min(segLimit[CS] & 0xFFFF_FFFFL, end);
    }
    while (hi < end && directCode(base + hi)) {
      hi += 0x1000;
    }
    fetchStart = Math.max(lo, 0);
    fetchEnd = Math.min(hi, end);
    int span = Math.max(fetchEnd - fetchStart, 0);
    fetchBias = Integer.MIN_VALUE - fetchStart;
    fetchLimit = Integer.MIN_VALUE + span;
    fetchLimit16 = Integer.MIN_VALUE + Math.max(span - 1, 0);
    fetchDelta = base;
  }

  private boolean directCode(int lin) {
    return (lin & addressMask) == lin
        && (lin >>> CpuBus.PAGE_SHIFT) < pages.length
        && (pages[lin >>> CpuBus.PAGE_SHIFT] & CpuBus.DIRECT_READ) != 0
        && lin < ram.length;
  }

  private int fetchS8() {
    return (byte) fetch8();
  }

  private void push(int value) {
    int sp = (r[SP] - 2) & 0xFFFF;
    ww(segBase[SS], sp, value);
    r[SP] = sp;
  }

  private int pop() {
    int sp = r[SP];
    int v = rw(segBase[SS], sp);
    r[SP] = (sp + 2) & 0xFFFF;
    return v;
  }

  /** Pushes for interrupt entry: wraps at the segment end on every model. */
  private void pushUnchecked(int value) {
    int sp = (r[SP] - 2) & 0xFFFF;
    int base = segBase[SS];
    wb(base + sp, value);
    wb(base + ((sp + 1) & 0xFFFF), value >> 8);
    r[SP] = sp;
  }

  // ==== ModR/M ===============================================================================

  /**
   * Decodes the effective address of a memory ModR/M operand (mod 0 to 2) for the 16-bit
   * models, which address by the segment's base (eaBase) rather than by the segment register.
   */
  private void decodeEa() {
    decodeEa16();
    eaBase = segBase[eaSeg];
  }

  private int reg8(int n) {
    return n < 4 ? r[n] & 0xFF : (r[n - 4] >> 8) & 0xFF;
  }

  private void setReg8(int n, int v) {
    if (n < 4) {
      r[n] = (r[n] & 0xFF00) | (v & 0xFF);
    } else {
      r[n - 4] = (r[n - 4] & 0xFF) | (v & 0xFF) << 8;
    }
  }

  private int regField() {
    return (modrm >> 3) & 7;
  }

  private int getEb() {
    return regForm ? reg8(modrm & 7) : rb(eaBase + eaOff);
  }

  private void setEb(int v) {
    if (regForm) {
      setReg8(modrm & 7, v);
    } else {
      wb(eaBase + eaOff, v);
    }
  }

  private int getEw() {
    return regForm ? r[modrm & 7] : rw(eaBase, eaOff);
  }

  private void setEw(int v) {
    if (regForm) {
      r[modrm & 7] = v & 0xFFFF;
    } else {
      ww(eaBase, eaOff, v & 0xFFFF);
    }
  }

  private int getGb() {
    return reg8(regField());
  }

  private void setGb(int v) {
    setReg8(regField(), v);
  }

  private int getGw() {
    return r[regField()];
  }

  private void setGw(int v) {
    r[regField()] = v & 0xFFFF;
  }

  /** Segment base for string sources and XLAT: DS unless overridden. */
  private int dataBase() {
    return segBase[segOverride >= 0 ? segOverride : DS];
  }

  // ==== flags ================================================================================

  private void setArith(int f) {
    lazyOp = L_NONE;
    flagBits = f & ARITH;
  }

  private void lazy(int op, int a, int b, int res, boolean word) {
    lazyOp = op;
    lazyA = a;
    lazyB = b;
    lazyRes = res;
    lazyMask = word ? 0xFFFF : 0xFF;
  }

  /** As {@link #lazy}, with the width as a mask (FFFFFFFFh for doublewords). */
  private void lazyM(int op, int a, int b, int res, int mask) {
    lazyOp = op;
    lazyA = a;
    lazyB = b;
    lazyRes = res;
    lazyMask = mask;
  }

  /** The arithmetic flags (CF, PF, AF, ZF, SF, OF) derived from the last operation. */
  private int arith() {
    int op = lazyOp;
    if (op == L_NONE) {
      return flagBits;
    }
    int mask = lazyMask;
    int sign = (mask >>> 1) + 1;
    int res = lazyRes;
    int m = res & mask;
    int f = PARITY[m & 0xFF];
    if (m == 0) {
      f |= ZF;
    }
    if ((m & sign) != 0) {
      f |= SF;
    }
    int a = lazyA;
    int b = lazyB;
    switch (op) {
      case L_ADD:
        if ((res & (mask + 1)) != 0) {
          f |= CF;
        }
        f |= (a ^ b ^ res) & AF;
        if (((a ^ res) & (b ^ res) & sign) != 0) {
          f |= OF;
        }
        break;
      case L_SUB:
        if ((res & (mask + 1)) != 0) {
          f |= CF;
        }
        f |= (a ^ b ^ res) & AF;
        if (((a ^ b) & (a ^ res) & sign) != 0) {
          f |= OF;
        }
        break;
      case L_ADD32:
        // No bit above the doubleword holds the carry: derive it from the operands' top bits.
        f |= ((a & b) | ((a | b) & ~res)) >>> 31;
        f |= (a ^ b ^ res) & AF;
        if (((a ^ res) & (b ^ res) & sign) != 0) {
          f |= OF;
        }
        break;
      case L_SUB32:
        f |= ((~a & b) | ((~a | b) & res)) >>> 31;
        f |= (a ^ b ^ res) & AF;
        if (((a ^ b) & (a ^ res) & sign) != 0) {
          f |= OF;
        }
        break;
      case L_INC:
        f |= flagBits & CF;
        if (m == sign) {
          f |= OF;
        }
        if ((m & 0xF) == 0) {
          f |= AF;
        }
        break;
      case L_DEC:
        f |= flagBits & CF;
        if (m == sign - 1) {
          f |= OF;
        }
        if ((m & 0xF) == 0xF) {
          f |= AF;
        }
        break;
      default: // L_LOGIC: CF, OF and AF clear
        break;
    }
    return f;
  }

  /** CF alone, without deriving the other flags (ADC, SBB, RCL, RCR, SALC, INC, DEC). */
  private int cf() {
    switch (lazyOp) {
      case L_ADD:
      case L_SUB:
        return (lazyRes & (lazyMask + 1)) != 0 ? CF : 0;
      case L_LOGIC:
        return 0;
      case L_NONE:
      case L_INC:
      case L_DEC:
        return flagBits & CF;
      default:
        return arith() & CF;
    }
  }

  /** AF alone (the shifts keep it), without deriving the other flags. */
  private int af() {
    switch (lazyOp) {
      case L_NONE:
        return flagBits & AF;
      case L_LOGIC:
        return 0;
      case L_INC:
        return (lazyRes & 0xF) == 0 ? AF : 0;
      case L_DEC:
        return (lazyRes & 0xF) == 0xF ? AF : 0;
      default:
        return (lazyA ^ lazyB ^ lazyRes) & AF;
    }
  }

  /** Sets ZF, SF and PF from a result and leaves the given CF, AF and OF. */
  private void setSzp(int res, boolean word, int others) {
    int mask = word ? 0xFFFF : 0xFF;
    int m = res & mask;
    int f = PARITY[m & 0xFF] | (others & (CF | AF | OF));
    if (m == 0) {
      f |= ZF;
    }
    if ((m & (word ? 0x8000 : 0x80)) != 0) {
      f |= SF;
    }
    setArith(f);
  }

  /** Sets ZF, SF and PF from a result of the width given as a mask, and the given others. */
  private void setSzpM(int res, int mask, int others) {
    int m = res & mask;
    int f = PARITY[m & 0xFF] | (others & (CF | AF | OF));
    if (m == 0) {
      f |= ZF;
    }
    if ((m & ((mask >>> 1) + 1)) != 0) {
      f |= SF;
    }
    setArith(f);
  }

  /** The FLAGS word as the model shows it. */
  int flagsWord() {
    return arith() | control | Flags.RESERVED_1 | fixedFlags;
  }

  /** Loads FLAGS (POPF, IRET, the register view); fixed bits keep their values. */
  void loadFlags(int value) {
    setArith(value);
    // The 80286 has IOPL and NT in protected mode only.
    control = value & (protectedMode ? controlMask | Flags.IOPL | Flags.NT : controlMask);
    updateEvents();
  }

  private boolean condition(int cc) {
    int k = cc >> 1;
    if (lazyOp != L_NONE) {
      // After an ALU operation: ZF straight from the result, CF without the other flags.
      if (k == 2) {
        boolean z = (lazyRes & lazyMask) == 0;
        return z != ((cc & 1) != 0);
      }
      if (k == 1) {
        return (cf() != 0) != ((cc & 1) != 0);
      }
      if (k == 3) {
        boolean be = (lazyRes & lazyMask) == 0 || cf() != 0;
        return be != ((cc & 1) != 0);
      }
    }
    return conditionOf(cc, arith());
  }

  /** Condition {@code cc} (the low four bits of a Jcc opcode) on the flags {@code f}. */
  private static boolean conditionOf(int cc, int f) {
    boolean t;
    switch (cc >> 1) {
      case 0:
        t = (f & OF) != 0;
        break;
      case 1:
        t = (f & CF) != 0;
        break;
      case 2:
        t = (f & ZF) != 0;
        break;
      case 3:
        t = (f & (CF | ZF)) != 0;
        break;
      case 4:
        t = (f & SF) != 0;
        break;
      case 5:
        t = (f & PF) != 0;
        break;
      case 6:
        t = ((f & SF) != 0) != ((f & OF) != 0);
        break;
      default:
        t = (f & ZF) != 0 || (((f & SF) != 0) != ((f & OF) != 0));
        break;
    }
    return t != ((cc & 1) != 0);
  }

  // ==== arithmetic ===========================================================================

  /** The eight ALU operations of 00h&ndash;3Fh and the 80h&ndash;83h groups. */
  private int alu(int op, int a, int b, boolean word) {
    return aluM(op, a, b, word ? 0xFFFF : 0xFF);
  }

  /**
   * As {@link #alu}, with the width as a mask (FFh or FFFFh). The lazy flags are written once at
   * the end, so that the method stays small enough for the JIT to inline where it is hot.
   */
  private int aluM(int op, int a, int b, int mask) {
    int res;
    int kind;
    switch (op) {
      case 0:
        res = a + b;
        kind = L_ADD;
        break;
      case 1:
        res = a | b;
        kind = L_LOGIC;
        break;
      case 2:
        res = a + b + cf();
        kind = L_ADD;
        break;
      case 3:
        res = a - b - cf();
        kind = L_SUB;
        break;
      case 4:
        res = a & b;
        kind = L_LOGIC;
        break;
      case 6:
        res = a ^ b;
        kind = L_LOGIC;
        break;
      default: // 5 SUB, 7 CMP
        res = a - b;
        kind = L_SUB;
        break;
    }
    lazyOp = kind;
    lazyA = a;
    lazyB = b;
    lazyRes = res;
    lazyMask = mask;
    return res & mask;
  }

  private int inc(int v, boolean word) {
    int c = cf();
    int res = v + 1;
    lazy(L_INC, v, 1, res, word);
    flagBits = c;
    return res & (word ? 0xFFFF : 0xFF);
  }

  private int dec(int v, boolean word) {
    int c = cf();
    int res = v - 1;
    lazy(L_DEC, v, 1, res, word);
    flagBits = c;
    return res & (word ? 0xFFFF : 0xFF);
  }

  /**
   * Shifts and rotates (group D0h&ndash;D3h, C0h/C1h), one bit per count step as the 8086's
   * microcode does; a count of zero changes nothing. SETMO/SETMOC (/6 on the 8086) set all
   * bits.
   */
  private int shift(int op, int v, int count, int mask) {
    if (count == 1 && (op != 6 || !is8086)) {
      return shift1(op, v, mask);
    }
    if (count == 0) {
      return v;
    }
    int sign = (mask >>> 1) + 1;
    // The shifts keep only AF of the old flags; the rotates keep all but CF and OF.
    int f = op >= 4 ? af() : arith();
    if (op == 6 && is8086) {
      setArith(PF | SF); // SETMO: result all ones, CF, OF, AF clear
      return mask;
    }
    int c = f & CF;
    boolean of = false;
    boolean shiftOp = op >= 4;
    for (int i = 0; i < count; i++) {
      int top = v & sign;
      switch (op) {
        case 0: // ROL
          c = top != 0 ? 1 : 0;
          v = ((v << 1) | c) & mask;
          break;
        case 1: // ROR
          c = v & 1;
          v = (v >>> 1) | (c != 0 ? sign : 0);
          break;
        case 2: // RCL
          v = ((v << 1) | c) & mask;
          c = top != 0 ? 1 : 0;
          break;
        case 3: // RCR
          {
            int out = v & 1;
            v = (v >>> 1) | (c != 0 ? sign : 0);
            c = out;
          }
          break;
        case 5: // SHR
          c = v & 1;
          v >>>= 1;
          break;
        case 7: // SAR
          c = v & 1;
          v = (v >>> 1) | top;
          break;
        default: // 4 SHL, 6 SAL
          c = top != 0 ? 1 : 0;
          v = (v << 1) & mask;
          break;
      }
      int newTop = v & sign;
      switch (op) {
        case 1:
        case 3:
          of = (newTop != 0) != ((v & (sign >>> 1)) != 0);
          break;
        case 5:
          of = top != 0;
          break;
        case 7:
          of = false;
          break;
        default:
          of = (newTop != 0) != (c != 0);
          break;
      }
    }
    if (shiftOp) {
      setSzpM(v, mask, c | (of ? OF : 0) | (f & AF));
    } else {
      setArith((f & ~(CF | OF)) | c | (of ? OF : 0));
    }
    return v;
  }

  /**
   * A shift or rotate by one, the commonest count, exactly as one step of {@link #shift} (not
   * SETMO on the 8086): without its loop, so that it is small enough to inline.
   */
  private int shift1(int op, int v, int mask) {
    int sign = (mask >>> 1) + 1;
    int top = v & sign;
    int res;
    int c;
    boolean of;
    switch (op) {
      case 0: // ROL
        c = top != 0 ? 1 : 0;
        res = ((v << 1) | c) & mask;
        of = ((res & sign) != 0) != (c != 0);
        break;
      case 1: // ROR
        c = v & 1;
        res = (v >>> 1) | (c != 0 ? sign : 0);
        of = ((res & sign) != 0) != ((res & (sign >>> 1)) != 0);
        break;
      case 2: // RCL
        res = ((v << 1) | cf()) & mask;
        c = top != 0 ? 1 : 0;
        of = ((res & sign) != 0) != (c != 0);
        break;
      case 3: // RCR
        res = (v >>> 1) | (cf() != 0 ? sign : 0);
        c = v & 1;
        of = ((res & sign) != 0) != ((res & (sign >>> 1)) != 0);
        break;
      case 5: // SHR
        c = v & 1;
        res = v >>> 1;
        setSzpM(res, mask, c | (top != 0 ? OF : 0) | af());
        return res;
      case 7: // SAR
        c = v & 1;
        res = (v >>> 1) | top;
        setSzpM(res, mask, c | af());
        return res;
      default: // 4 SHL, 6 SAL
        c = top != 0 ? 1 : 0;
        res = (v << 1) & mask;
        setSzpM(res, mask, c | (((res & sign) != 0) != (c != 0) ? OF : 0) | af());
        return res;
    }
    // The rotates change only CF and OF.
    int old = lazyOp == L_NONE ? flagBits : arith();
    setArith((old & ~(CF | OF)) | c | (of ? OF : 0));
    return res;
  }

  private int shiftCount(int count) {
    return is8086 ? count & 0xFF : count & 0x1F;
  }

  /** Group F6h/F7h: TEST, NOT, NEG, MUL, IMUL, DIV, IDIV (the last two may raise #DE). */
  private void group3(int op, boolean word) {
    int v = word ? getEw() : getEb();
    switch (op) {
      case 0:
      case 1:
        {
          int imm = word ? fetch16() : fetch8();
          int res = v & imm;
          lazy(L_LOGIC, v, imm, res, word);
        }
        break;
      case 2:
        if (word) {
          setEw(~v);
        } else {
          setEb(~v);
        }
        break;
      case 3:
        {
          int res = 0 - v;
          lazy(L_SUB, 0, v, res, word);
          if (word) {
            setEw(res);
          } else {
            setEb(res);
          }
        }
        break;
      case 4:
        if (word) {
          int p = r[AX] * v;
          r[AX] = p & 0xFFFF;
          r[DX] = (p >>> 16) & 0xFFFF;
          int hi = r[DX];
          setSzp(is8086 ? hi : p, true, hi != 0 ? CF | OF : 0);
        } else {
          int p = (r[AX] & 0xFF) * v;
          r[AX] = p & 0xFFFF;
          int hi = p >> 8;
          setSzp(is8086 ? hi : p, false, hi != 0 ? CF | OF : 0);
        }
        break;
      case 5:
        if (word) {
          int p = (short) r[AX] * (short) v;
          if (is8086 && rep != 0) {
            p = -p;
          }
          r[AX] = p & 0xFFFF;
          r[DX] = (p >>> 16) & 0xFFFF;
          boolean fits = p == (short) p;
          setSzp(is8086 ? r[DX] : p, true, fits ? 0 : CF | OF);
        } else {
          int p = (byte) r[AX] * (byte) v;
          if (is8086 && rep != 0) {
            p = -p;
          }
          r[AX] = p & 0xFFFF;
          boolean fits = p == (byte) p;
          setSzp(is8086 ? p >> 8 : p, false, fits ? 0 : CF | OF);
        }
        break;
      case 6:
        if (word) {
          long dividend = ((long) r[DX] << 16) | r[AX];
          if (v == 0 || dividend / v > 0xFFFF) {
            divideError();
            return;
          }
          r[AX] = (int) (dividend / v);
          r[DX] = (int) (dividend % v);
        } else {
          int dividend = r[AX];
          if (v == 0 || dividend / v > 0xFF) {
            divideError();
            return;
          }
          r[AX] = (dividend / v) | (dividend % v) << 8;
        }
        break;
      default:
        if (word) {
          int dividend = (r[DX] << 16) | r[AX];
          int divisor = (short) v;
          if (divisor == 0) {
            divideError();
            return;
          }
          long q = (long) dividend / divisor;
          long rem = (long) dividend % divisor;
          if (q > 0x7FFF || q < (is8086 ? -0x7FFF : -0x8000)) {
            divideError();
            return;
          }
          if (is8086 && rep != 0) {
            q = -q;
          }
          r[AX] = (int) q & 0xFFFF;
          r[DX] = (int) rem & 0xFFFF;
        } else {
          int dividend = (short) r[AX];
          int divisor = (byte) v;
          if (divisor == 0) {
            divideError();
            return;
          }
          int q = dividend / divisor;
          int rem = dividend % divisor;
          if (q > 0x7F || q < (is8086 ? -0x7F : -0x80)) {
            divideError();
            return;
          }
          if (is8086 && rep != 0) {
            q = -q;
          }
          r[AX] = (q & 0xFF) | (rem & 0xFF) << 8;
        }
        break;
    }
  }

  /** Divide error: the 8086 returns after the instruction, later models to it. */
  private void divideError() {
    raise(0, faultsAtStart ? startIp : ip);
  }

  // ==== one instruction ======================================================================

  /** An instruction that starts with a prefix: collects the prefixes, then decodes as usual. */
  private boolean stepPrefixed(int first) {
    int op = first;
    int prefixes = 0;
    prefixLoop:
    for (; ; prefixes++) {
      if (prefixes > 255) {
        return true; // an endless run of prefixes: end the instruction here
      }
      if (prefixes > 0) {
        op = fetch8();
      }
      switch (op) {
        case 0x26:
          segOverride = ES;
          break;
        case 0x2E:
          segOverride = CS;
          break;
        case 0x36:
          segOverride = SS;
          break;
        case 0x3E:
          segOverride = DS;
          break;
        case 0xF2:
          rep = 2;
          break;
        case 0xF3:
          rep = 3;
          break;
        case 0xF0:
        case 0xF1: // LOCK and its undocumented alias: no bus to lock
          break;
        default:
          break prefixLoop;
      }
    }
    return decode(op, prefixes);
  }

  /** After the prefixes: the ModR/M operand, the model's validity checks, then the opcode. */
  private boolean decode(int op, int prefixes) {
    if (op == 0x0F) {
      if (hostCallback()) {
        return true;
      }
      if (!is8086) {
        return twoByte();
      }
    }
    int d = decodeInfo[op];
    if ((d & D_MODRM) != 0) {
      int m = fetch8();
      modrm = m;
      regForm = m >= 0xC0;
      if (m < 0xC0) {
        decodeEa();
      }
      if ((d & D_CHECK) != 0) {
        int f = form[op * 8 + ((m >> 3) & 7)];
        if (f == 0 || (f == 2 && m >= 0xC0)) {
          invalidOpcode();
          return true;
        }
      }
    } else if ((d & D_INVALID) != 0) {
      invalidOpcode();
      return true;
    }
    if (prefixes >= 4 && is286 && tooLong(op)) {
      raise(13, startIp); // the 80286 limits an instruction to ten bytes
      return true;
    }
    return execute(op);
  }

  /**
   * Whether the instruction being decoded, with its prefixes, ModR/M and immediates, is longer
   * than the 80286's limit of ten bytes. Only asked when there are four or more prefixes; the
   * immediate sizes come from the opcode table.
   */
  private boolean tooLong(int op) {
    OpcodeTable.@Nullable Row row = table.row(op, modrm);
    int length = (ip - startIp) & 0xFFFF;
    if (row != null) {
      for (int k : row.operands()) {
        switch (k) {
          case OpcodeTable.IB:
          case OpcodeTable.IS:
          case OpcodeTable.JB:
            length += 1;
            break;
          case OpcodeTable.IV:
          case OpcodeTable.IW:
          case OpcodeTable.JV:
          case OpcodeTable.OB:
          case OpcodeTable.OV:
            length += 2;
            break;
          case OpcodeTable.AP:
            length += 4;
            break;
          default:
            break;
        }
      }
    }
    return length > 10;
  }

  // ---- the commonest instructions, each in a method of its own -----------------------------
  //
  // The JIT inlines a small method into a call site that is reached in a large share of its
  // caller's invocations. A case of the 256-way switch is never such a site, so helpers called
  // from the switch itself (getEw, push, alu ...) stay real calls, several per instruction.
  // Called from the switch, each of these methods costs one call; inside it, the helpers are on
  // its one hot path and are inlined.

  // Each of these is longer than the JIT's limit for inlining at a cold site (35 bytes of
  // bytecode), so that it stays a method of its own rather than being inlined into the switch
  // with its helpers left as calls. Register forms, the commonest, come first and are shared
  // with the 80386 path where the operand size is 16 bits.

  private void aluEbGb(int op) {
    int m = modrm;
    if (m >= 0xC0) {
      aluRbRb(op, m & 7, (m >> 3) & 7);
    } else {
      int a = rb(eaBase + eaOff);
      int res = aluM(op >> 3, a, reg8((m >> 3) & 7), 0xFF);
      if (op != 0x38) {
        wb(eaBase + eaOff, res);
      }
    }
  }

  private void aluEwGw(int op) {
    int m = modrm;
    if (m >= 0xC0) {
      aluRwRw(op, m & 7, (m >> 3) & 7);
    } else {
      int a = rw(eaBase, eaOff);
      int res = aluM(op >> 3, a, r[(m >> 3) & 7], 0xFFFF);
      if (op != 0x39) {
        ww(eaBase, eaOff, res);
      }
    }
  }

  private void aluGbEb(int op) {
    int m = modrm;
    if (m >= 0xC0) {
      aluRbRb(op, (m >> 3) & 7, m & 7);
    } else {
      int n = (m >> 3) & 7;
      int res = aluM(op >> 3, reg8(n), rb(eaBase + eaOff), 0xFF);
      if (op != 0x3A) {
        setReg8(n, res);
      }
    }
  }

  private void aluGwEw(int op) {
    int m = modrm;
    if (m >= 0xC0) {
      aluRwRw(op, (m >> 3) & 7, m & 7);
    } else {
      int n = (m >> 3) & 7;
      int res = aluM(op >> 3, r[n], rw(eaBase, eaOff), 0xFFFF);
      if (op != 0x3B) {
        r[n] = res;
      }
    }
  }

  /** An ALU opcode (00h-3Fh) between two byte registers: dst = dst op src; CMP keeps dst. */
  private void aluRbRb(int op, int dst, int src) {
    int res = aluM(op >> 3, reg8(dst), reg8(src), 0xFF);
    if ((op & 0x38) != 0x38) {
      setReg8(dst, res);
    }
  }

  /** An ALU opcode (00h-3Fh) between two word registers: dst = dst op src; CMP keeps dst. */
  private void aluRwRw(int op, int dst, int src) {
    int res = aluM(op >> 3, r[dst], r[src], 0xFFFF);
    if ((op & 0x38) != 0x38) {
      r[dst] = res;
    }
  }

  private void aluAlIb(int op) {
    int imm = fetch8();
    int res = aluM(op >> 3, r[AX] & 0xFF, imm, 0xFF);
    if (op != 0x3C) {
      r[AX] = (r[AX] & 0xFF00) | res;
    }
  }

  private void aluAxIw(int op) {
    int imm = fetch16();
    int res = aluM(op >> 3, r[AX], imm, 0xFFFF);
    if (op != 0x3D) {
      r[AX] = res;
    }
  }

  /** 80h/82h: an ALU operation on a byte with an immediate byte. */
  private void aluEbIb() {
    int m = modrm;
    int sub = (m >> 3) & 7;
    if (m >= 0xC0) {
      int n = m & 7;
      int res = aluM(sub, reg8(n), fetch8(), 0xFF);
      if (sub != 7) {
        setReg8(n, res);
      }
    } else {
      int a = rb(eaBase + eaOff);
      int res = aluM(sub, a, fetch8(), 0xFF);
      if (sub != 7) {
        wb(eaBase + eaOff, res);
      }
    }
  }

  /** 81h and 83h: an ALU operation on a word with an immediate word or sign-extended byte. */
  private void aluEwI(int op) {
    int m = modrm;
    int sub = (m >> 3) & 7;
    if (m >= 0xC0) {
      int imm = op == 0x81 ? fetch16() : fetchS8() & 0xFFFF;
      aluRwI(sub, m & 7, imm);
    } else {
      int a = rw(eaBase, eaOff);
      int imm = op == 0x81 ? fetch16() : fetchS8() & 0xFFFF;
      int res = aluM(sub, a, imm, 0xFFFF);
      if (sub != 7) {
        ww(eaBase, eaOff, res);
      }
    }
  }

  /** ALU operation {@code sub} (0-7) of a word register with an immediate. */
  private void aluRwI(int sub, int n, int imm) {
    int res = aluM(sub, r[n], imm, 0xFFFF);
    if (sub != 7) {
      r[n] = res;
    }
  }

  private void testEbGb() {
    int m = modrm;
    int a = m >= 0xC0 ? reg8(m & 7) : rb(eaBase + eaOff);
    int b = reg8((m >> 3) & 7);
    lazyOp = L_LOGIC;
    lazyA = a;
    lazyB = b;
    lazyRes = a & b;
    lazyMask = 0xFF;
  }

  private void testEwGw() {
    int m = modrm;
    int a = m >= 0xC0 ? r[m & 7] : rw(eaBase, eaOff);
    int b = r[(m >> 3) & 7];
    lazyOp = L_LOGIC;
    lazyA = a;
    lazyB = b;
    lazyRes = a & b;
    lazyMask = 0xFFFF;
  }

  /** INC (40h-47h) of a word register. */
  private void incReg(int n) {
    int v = r[n];
    int c = cf();
    int res = v + 1;
    lazyOp = L_INC;
    lazyA = v;
    lazyB = 1;
    lazyRes = res;
    lazyMask = 0xFFFF;
    flagBits = c;
    r[n] = res & 0xFFFF;
  }

  /** DEC (48h-4Fh) of a word register. */
  private void decReg(int n) {
    int v = r[n];
    int c = cf();
    int res = v - 1;
    lazyOp = L_DEC;
    lazyA = v;
    lazyB = 1;
    lazyRes = res;
    lazyMask = 0xFFFF;
    flagBits = c;
    r[n] = res & 0xFFFF;
  }

  private void pushReg(int n) {
    int v = r[n];
    int sp = (r[SP] - 2) & 0xFFFF;
    ww(segBase[SS], sp, v);
    r[SP] = sp;
  }

  private void popReg(int n) {
    int sp = r[SP];
    int v = rw(segBase[SS], sp);
    r[SP] = (sp + 2) & 0xFFFF;
    r[n] = v;
  }

  private void movEbGb() {
    int m = modrm;
    int v = reg8((m >> 3) & 7);
    if (m >= 0xC0) {
      setReg8(m & 7, v);
    } else {
      wb(eaBase + eaOff, v);
    }
  }

  private void movEwGw() {
    int m = modrm;
    int v = r[(m >> 3) & 7];
    if (m >= 0xC0) {
      r[m & 7] = v;
    } else {
      ww(eaBase, eaOff, v);
    }
  }

  private void movGbEb() {
    int m = modrm;
    int v = m >= 0xC0 ? reg8(m & 7) : rb(eaBase + eaOff);
    setReg8((m >> 3) & 7, v);
  }

  private void movGwEw() {
    int m = modrm;
    int v = m >= 0xC0 ? r[m & 7] : rw(eaBase, eaOff);
    r[(m >> 3) & 7] = v;
  }

  private void movRbIb(int n) {
    int v = fetch8();
    if (n < 4) {
      r[n] = (r[n] & 0xFF00) | v;
    } else {
      r[n - 4] = (r[n - 4] & 0xFF) | v << 8;
    }
  }

  private void movRwIw(int n) {
    int v = fetch16();
    r[n] = v;
  }

  private void retNear() {
    int sp = r[SP];
    int v = rw(segBase[SS], sp);
    r[SP] = (sp + 2) & 0xFFFF;
    ip = v;
  }

  private void callNear() {
    int d = fetch16();
    int sp = (r[SP] - 2) & 0xFFFF;
    ww(segBase[SS], sp, ip);
    r[SP] = sp;
    ip = (ip + d) & 0xFFFF;
  }

  /** D0h-D3h: shifts and rotates by one or by CL. */
  private void shiftGroup(int op) {
    int m = modrm;
    int count = (op & 2) != 0 ? shiftCount(r[CX] & 0xFF) : 1;
    if ((op & 1) != 0) {
      if (m >= 0xC0) {
        int n = m & 7;
        int sub = (m >> 3) & 7;
        r[n] = count == 1 && (sub != 6 || !is8086)
            ? shift1(sub, r[n], 0xFFFF)
            : shift(sub, r[n], count, 0xFFFF);
      } else {
        ww(eaBase, eaOff, shift((m >> 3) & 7, rw(eaBase, eaOff), count, 0xFFFF));
      }
    } else {
      setEb(shift((m >> 3) & 7, getEb(), count, 0xFF));
    }
  }

  private void loopCx(int op) {
    int d = fetchS8();
    int cx = (r[CX] - 1) & 0xFFFF;
    r[CX] = cx;
    boolean take;
    if (op == 0xE2) {
      take = cx != 0;
    } else {
      boolean z = (arith() & ZF) != 0;
      take = cx != 0 && (op == 0xE1) == z;
    }
    if (take) {
      ip = (ip + d) & 0xFFFF;
    }
  }

  private void jcc(int op) {
    int d = fetchS8();
    if (condition(op & 0xF)) {
      ip = (ip + d) & 0xFFFF;
    }
  }

  private boolean execute(int op) {
    switch (op) {
      // ---- ALU: ADD OR ADC SBB AND SUB XOR CMP in six forms each ----
      case 0x00: case 0x08: case 0x10: case 0x18: case 0x20: case 0x28: case 0x30: case 0x38:
        aluEbGb(op);
        break;
      case 0x01: case 0x09: case 0x11: case 0x19: case 0x21: case 0x29: case 0x31: case 0x39:
        aluEwGw(op);
        break;
      case 0x02: case 0x0A: case 0x12: case 0x1A: case 0x22: case 0x2A: case 0x32: case 0x3A:
        aluGbEb(op);
        break;
      case 0x03: case 0x0B: case 0x13: case 0x1B: case 0x23: case 0x2B: case 0x33: case 0x3B:
        aluGwEw(op);
        break;
      case 0x04: case 0x0C: case 0x14: case 0x1C: case 0x24: case 0x2C: case 0x34: case 0x3C:
        aluAlIb(op);
        break;
      case 0x05: case 0x0D: case 0x15: case 0x1D: case 0x25: case 0x2D: case 0x35: case 0x3D:
        aluAxIw(op);
        break;
      // ---- segment register push/pop ----
      case 0x06: case 0x0E: case 0x16: case 0x1E:
        push(sreg[op >> 3]);
        break;
      case 0x07: case 0x0F: case 0x17: case 0x1F:
        // 0Fh reaches here only on the 8086: POP CS
        {
          int v = pop();
          setSegReal(op >> 3, v);
          if (op == 0x17 || is8086) {
            inhibitInterrupts();
          }
        }
        break;
      case 0x27:
        daa();
        break;
      case 0x2F:
        das();
        break;
      case 0x37:
        aaa();
        break;
      case 0x3F:
        aas();
        break;
      case 0x40: case 0x41: case 0x42: case 0x43: case 0x44: case 0x45: case 0x46: case 0x47:
        incReg(op & 7);
        break;
      case 0x48: case 0x49: case 0x4A: case 0x4B: case 0x4C: case 0x4D: case 0x4E: case 0x4F:
        decReg(op & 7);
        break;
      case 0x50: case 0x51: case 0x52: case 0x53: case 0x55: case 0x56: case 0x57:
        pushReg(op & 7);
        break;
      case 0x54:
        // The 8086 and 80186 push the value after the decrement, the 80286 the old SP.
        push(is286 ? r[SP] : (r[SP] - 2) & 0xFFFF);
        break;
      case 0x58: case 0x59: case 0x5A: case 0x5B: case 0x5C: case 0x5D: case 0x5E: case 0x5F:
        popReg(op & 7);
        break;
      case 0x60:
        if (is8086) {
          jcc(op);
        } else {
          int sp = r[SP];
          for (int i = 0; i < 8; i++) {
            push(i == SP ? sp : r[i]);
          }
        }
        break;
      case 0x61:
        if (is8086) {
          jcc(op);
        } else {
          for (int i = 7; i >= 0; i--) {
            int v = pop();
            if (i != SP) {
              r[i] = v;
            }
          }
        }
        break;
      case 0x62:
        if (is8086) {
          jcc(op);
        } else {
          int lo = (short) rw(eaBase, eaOff);
          int hi = (short) rw(eaBase, eaOff + 2);
          int v = (short) getGw();
          if (v < lo || v > hi) {
            raise(5, startIp);
          }
        }
        break;
      case 0x68:
        if (is8086) {
          jcc(op);
        } else {
          push(fetch16());
        }
        break;
      case 0x6A:
        if (is8086) {
          jcc(op);
        } else {
          push(fetchS8() & 0xFFFF);
        }
        break;
      case 0x69:
      case 0x6B:
        if (is8086) {
          jcc(op);
        } else {
          int a = (short) getEw();
          int b = op == 0x69 ? (short) fetch16() : fetchS8();
          int p = a * b;
          setGw(p);
          setSzp(p, true, p == (short) p ? 0 : CF | OF);
        }
        break;
      case 0x6C: case 0x6D: case 0x6E: case 0x6F:
        if (is8086) {
          jcc(op);
        } else {
          stringOp(op);
        }
        break;
      case 0x63: case 0x64: case 0x65: case 0x66: case 0x67:
        jcc(op); // 8086 only; invalid elsewhere (filtered by the table)
        break;
      case 0x70: case 0x71: case 0x72: case 0x73: case 0x74: case 0x75: case 0x76: case 0x77:
      case 0x78: case 0x79: case 0x7A: case 0x7B: case 0x7C: case 0x7D: case 0x7E: case 0x7F:
        jcc(op);
        break;
      case 0x80:
      case 0x82:
        aluEbIb();
        break;
      case 0x81:
      case 0x83:
        aluEwI(op);
        break;
      case 0x84:
        testEbGb();
        break;
      case 0x85:
        testEwGw();
        break;
      case 0x86:
        {
          int a = getEb();
          int b = getGb();
          setEb(b);
          setGb(a);
        }
        break;
      case 0x87:
        {
          int a = getEw();
          int b = getGw();
          setEw(b);
          setGw(a);
        }
        break;
      case 0x88:
        movEbGb();
        break;
      case 0x89:
        movEwGw();
        break;
      case 0x8A:
        movGbEb();
        break;
      case 0x8B:
        movGwEw();
        break;
      case 0x8C:
        setEw(sreg[regField() & 3]);
        break;
      case 0x8D:
        // LEA; on the 8086 a register form yields the last address computed
        setGw(eaOff);
        break;
      case 0x8E:
        {
          int s = regField();
          setSegReal(s & 3, getEw());
          if ((s & 3) == SS || is8086) {
            inhibitInterrupts();
          }
        }
        break;
      case 0x8F:
        {
          // The address was formed before SP moves; the 8086 ignores the reg field.
          int v = pop();
          setEw(v);
        }
        break;
      case 0x90:
        break;
      case 0x91: case 0x92: case 0x93: case 0x94: case 0x95: case 0x96: case 0x97:
        {
          int t = r[AX];
          r[AX] = r[op & 7];
          r[op & 7] = t;
        }
        break;
      case 0x98:
        r[AX] = (byte) r[AX] & 0xFFFF;
        break;
      case 0x99:
        r[DX] = (r[AX] & 0x8000) != 0 ? 0xFFFF : 0;
        break;
      case 0x9A:
        {
          int off = fetch16();
          int seg = fetch16();
          push(sreg[CS]);
          push(ip);
          setSegReal(CS, seg);
          ip = off;
        }
        break;
      case 0x9B:
        if (is286 && (msw & 0xA) == 0xA) {
          raise(7, startIp); // WAIT with MP and TS set: #NM
        }
        break;
      case 0x9C:
        push(flagsWord());
        break;
      case 0x9D:
        loadFlags(pop());
        break;
      case 0x9E:
        setArith((arith() & OF) | ((r[AX] >> 8) & (CF | PF | AF | ZF | SF)));
        break;
      case 0x9F:
        setReg8(4, (flagsWord() & 0xFF));
        break;
      case 0xA0:
        setReg8(0, rb(dataBase() + fetch16()));
        break;
      case 0xA1:
        {
          int off = fetch16();
          r[AX] = rw(dataBase(), off);
        }
        break;
      case 0xA2:
        wb(dataBase() + fetch16(), r[AX]);
        break;
      case 0xA3:
        {
          int off = fetch16();
          ww(dataBase(), off, r[AX]);
        }
        break;
      case 0xA4: case 0xA5: case 0xA6: case 0xA7:
      case 0xAA: case 0xAB: case 0xAC: case 0xAD: case 0xAE: case 0xAF:
        stringOp(op);
        break;
      case 0xA8:
        {
          int a = r[AX] & 0xFF;
          int b = fetch8();
          lazy(L_LOGIC, a, b, a & b, false);
        }
        break;
      case 0xA9:
        {
          int a = r[AX];
          int b = fetch16();
          lazy(L_LOGIC, a, b, a & b, true);
        }
        break;
      case 0xB0: case 0xB1: case 0xB2: case 0xB3: case 0xB4: case 0xB5: case 0xB6: case 0xB7:
        movRbIb(op & 7);
        break;
      case 0xB8: case 0xB9: case 0xBA: case 0xBB: case 0xBC: case 0xBD: case 0xBE: case 0xBF:
        movRwIw(op & 7);
        break;
      case 0xC0:
      case 0xC1:
        if (is8086) {
          return execute(op | 2); // RET aliases
        } else {
          boolean word = op == 0xC1;
          int v = word ? getEw() : getEb();
          int res = shift(regField(), v, fetch8() & 0x1F, word ? 0xFFFF : 0xFF);
          if (word) {
            setEw(res);
          } else {
            setEb(res);
          }
        }
        break;
      case 0xC2:
        {
          int n = fetch16();
          ip = pop();
          r[SP] = (r[SP] + n) & 0xFFFF;
        }
        break;
      case 0xC3:
        retNear();
        break;
      case 0xC4:
      case 0xC5:
        {
          int off = rw(eaBase, eaOff);
          int seg = rw(eaBase, eaOff + 2);
          setGw(off);
          setSegReal(op == 0xC4 ? ES : DS, seg);
        }
        break;
      case 0xC6:
        setEb(fetch8());
        break;
      case 0xC7:
        setEw(fetch16());
        break;
      case 0xC8:
        if (is8086) {
          return execute(0xCA);
        }
        enter();
        break;
      case 0xC9:
        if (is8086) {
          return execute(0xCB);
        }
        r[SP] = r[BP];
        r[BP] = pop();
        break;
      case 0xCA:
        {
          int n = fetch16();
          int newIp = pop();
          int newCs = pop();
          ip = newIp;
          setSegReal(CS, newCs);
          r[SP] = (r[SP] + n) & 0xFFFF;
        }
        break;
      case 0xCB:
        {
          int newIp = pop();
          int newCs = pop();
          ip = newIp;
          setSegReal(CS, newCs);
        }
        break;
      case 0xCC:
        raise(3, ip);
        break;
      case 0xCD:
        {
          int v = fetch8();
          raise(v, ip);
        }
        break;
      case 0xCE:
        if ((arith() & OF) != 0) {
          raise(4, ip);
        }
        break;
      case 0xCF:
        {
          int newIp = pop();
          int newCs = pop();
          int f = pop();
          ip = newIp;
          setSegReal(CS, newCs);
          loadFlags(f);
        }
        break;
      case 0xD0:
      case 0xD1:
      case 0xD2:
      case 0xD3:
        shiftGroup(op);
        break;
      case 0xD4:
        {
          int base = fetch8();
          if (base == 0) {
            if (is8086) {
              setSzp(0, false, 0); // the 8086 leaves the flags of a zero result
            }
            divideError();
            break;
          }
          int al = r[AX] & 0xFF;
          int res = (al / base) << 8 | (al % base);
          r[AX] = res;
          setSzp(res, false, 0);
        }
        break;
      case 0xD5:
        {
          int base = fetch8();
          int al = r[AX] & 0xFF;
          int b = (((r[AX] >> 8) & 0xFF) * base) & 0xFF;
          int res = al + b;
          lazy(L_ADD, al, b, res, false);
          r[AX] = res & 0xFF;
        }
        break;
      case 0xD6:
        setReg8(0, cf() != 0 ? 0xFF : 0);
        break;
      case 0xD7:
        setReg8(0, rb(dataBase() + ((r[BX] + (r[AX] & 0xFF)) & 0xFFFF)));
        break;
      case 0xD8: case 0xD9: case 0xDA: case 0xDB: case 0xDC: case 0xDD: case 0xDE: case 0xDF:
        if (is286 && (msw & 0xC) != 0) {
          raise(7, startIp); // EM or TS set: #NM
        } else if (is286 && !regForm) {
          rw(eaBase, eaOff); // the operand is fetched for the coprocessor; faults at FFFFh
        }
        break;
      case 0xE0:
      case 0xE1:
      case 0xE2:
        loopCx(op);
        break;
      case 0xE3:
        {
          int d = fetchS8();
          if (r[CX] == 0) {
            ip = (ip + d) & 0xFFFF;
          }
        }
        break;
      case 0xE4:
        setReg8(0, in(fetch8(), 1));
        break;
      case 0xE5:
        r[AX] = in(fetch8(), 2);
        break;
      case 0xE6:
        out(fetch8(), 1, r[AX] & 0xFF);
        break;
      case 0xE7:
        out(fetch8(), 2, r[AX]);
        break;
      case 0xE8:
        callNear();
        break;
      case 0xE9:
        {
          int d = fetch16();
          ip = (ip + d) & 0xFFFF;
        }
        break;
      case 0xEA:
        {
          int off = fetch16();
          int seg = fetch16();
          setSegReal(CS, seg);
          ip = off;
        }
        break;
      case 0xEB:
        {
          int d = fetchS8();
          ip = (ip + d) & 0xFFFF;
        }
        break;
      case 0xEC:
        setReg8(0, in(r[DX], 1));
        break;
      case 0xED:
        r[AX] = in(r[DX], 2);
        break;
      case 0xEE:
        out(r[DX], 1, r[AX] & 0xFF);
        break;
      case 0xEF:
        out(r[DX], 2, r[AX]);
        break;
      case 0xF4:
        halted = true;
        exit = CpuStop.HALTED;
        return false;
      case 0xF5:
        setArith(arith() ^ CF);
        break;
      case 0xF6:
        group3(regField(), false);
        break;
      case 0xF7:
        group3(regField(), true);
        break;
      case 0xF8:
        setArith(arith() & ~CF);
        break;
      case 0xF9:
        setArith(arith() | CF);
        break;
      case 0xFA:
        control &= ~IF;
        updateEvents();
        break;
      case 0xFB:
        if ((control & IF) == 0) {
          control |= IF;
          inhibitInterrupts(); // STI enables interrupts after the next instruction
        }
        break;
      case 0xFC:
        control &= ~DF;
        break;
      case 0xFD:
        control |= DF;
        break;
      case 0xFE:
        {
          int sub = regField();
          if (sub == 0) {
            setEb(inc(getEb(), false));
          } else if (sub == 1) {
            setEb(dec(getEb(), false));
          } else {
            group5(sub);
          }
        }
        break;
      case 0xFF:
        group5(regField());
        break;
      default:
        // Prefixes never reach here; every other byte has a case above or is invalid.
        invalidOpcode();
        break;
    }
    return true;
  }

  /** Group FFh: INC, DEC, CALL, CALL far, JMP, JMP far, PUSH (and 8086's /7 = PUSH). */
  private void group5(int sub) {
    switch (sub) {
      case 0:
        setEw(inc(getEw(), true));
        break;
      case 1:
        setEw(dec(getEw(), true));
        break;
      case 2:
        {
          int target = getEw();
          push(ip);
          ip = target;
        }
        break;
      case 3:
        {
          int off = rw(eaBase, eaOff);
          int seg = rw(eaBase, eaOff + 2);
          push(sreg[CS]);
          push(ip);
          setSegReal(CS, seg);
          ip = off;
        }
        break;
      case 4:
        ip = getEw();
        break;
      case 5:
        {
          int off = rw(eaBase, eaOff);
          int seg = rw(eaBase, eaOff + 2);
          setSegReal(CS, seg);
          ip = off;
        }
        break;
      default:
        if (regForm && (modrm & 7) == SP) {
          push(is286 ? r[SP] : (r[SP] - 2) & 0xFFFF);
        } else {
          push(getEw());
        }
        break;
    }
  }

  private void inhibitInterrupts() {
    shadow = true;
    updateEvents();
  }

  private int in(int port, int size) {
    checkIo(port, size);
    int v = bus.in(port & 0xFFFF, size);
    addressMask = model.addressMask() & bus.addressMask();
    closeFetchWindow();
    return size == 4 ? v : v & (size == 1 ? 0xFF : 0xFFFF);
  }

  private void out(int port, int size, int value) {
    checkIo(port, size);
    bus.out(port & 0xFFFF, size, size == 4 ? value : value & (size == 1 ? 0xFF : 0xFFFF));
    addressMask = model.addressMask() & bus.addressMask();
    closeFetchWindow();
  }

  /**
   * One iteration of a string instruction. With a REP prefix, CX counts the iterations;
   * CMPS and SCAS also stop when ZF differs from the prefix (F3h: stop when not equal, F2h:
   * stop when equal). While iterations remain, IP goes back to the first prefix.
   */
  private void stringOp(int op) {
    if (rep != 0 && r[CX] == 0) {
      return;
    }
    boolean word = (op & 1) != 0;
    int step = (control & DF) != 0 ? (word ? -2 : -1) : (word ? 2 : 1);
    if (is286 && word && (r[SI] == 0xFFFF || r[DI] == 0xFFFF)) {
      wrapFaultInString(op, step);
    }
    int src = dataBase();
    int dst = segBase[ES];
    boolean compares = false;
    switch (op) {
      case 0xA4:
        wb(dst + r[DI], rb(src + r[SI]));
        advance(SI, step);
        advance(DI, step);
        break;
      case 0xA5:
        ww(dst, r[DI], rw(src, r[SI]));
        advance(SI, step);
        advance(DI, step);
        break;
      case 0xA6:
        alu(7, rb(src + r[SI]), rb(dst + r[DI]), false);
        advance(SI, step);
        advance(DI, step);
        compares = true;
        break;
      case 0xA7:
        {
          int a = rw(src, r[SI]);
          int b = rw(dst, r[DI]);
          alu(7, a, b, true);
        }
        advance(SI, step);
        advance(DI, step);
        compares = true;
        break;
      case 0xAA:
        wb(dst + r[DI], r[AX]);
        advance(DI, step);
        break;
      case 0xAB:
        ww(dst, r[DI], r[AX]);
        advance(DI, step);
        break;
      case 0xAC:
        setReg8(0, rb(src + r[SI]));
        advance(SI, step);
        break;
      case 0xAD:
        r[AX] = rw(src, r[SI]);
        advance(SI, step);
        break;
      case 0xAE:
        alu(7, r[AX] & 0xFF, rb(dst + r[DI]), false);
        advance(DI, step);
        compares = true;
        break;
      case 0xAF:
        alu(7, r[AX], rw(dst, r[DI]), true);
        advance(DI, step);
        compares = true;
        break;
      case 0x6C:
        {
          int v = in(r[DX], 1);
          wb(dst + r[DI], v);
        }
        advance(DI, step);
        break;
      case 0x6D:
        {
          if (is286 && r[DI] == 0xFFFF) {
            throw WRAP_FAULT;
          }
          int v = in(r[DX], 2);
          ww(dst, r[DI], v);
        }
        advance(DI, step);
        break;
      case 0x6E:
        out(r[DX], 1, rb(src + r[SI]));
        advance(SI, step);
        break;
      default: // 0x6F
        out(r[DX], 2, rw(src, r[SI]));
        advance(SI, step);
        break;
    }
    if (rep != 0) {
      int cx = (r[CX] - 1) & 0xFFFF;
      r[CX] = cx;
      boolean more = cx != 0;
      if (compares && more) {
        boolean z = (arith() & ZF) != 0;
        more = rep == 3 ? z : !z;
      }
      if (more) {
        ip = startIp;
        repeatingAt = instructions + 1; // the count once this step has been counted
      }
    }
  }

  /**
   * The 80286's #GP when a word string operand sits at offset FFFFh. As recorded on the
   * hardware, the index register of each operand accessed up to and including the faulting
   * one has already moved on, and under REP CX has counted down once for a faulting read and
   * twice for a faulting write (CMPS: not at all). MOVS accesses SI then DI, CMPS DI then SI.
   */
  private void wrapFaultInString(int op, int step) {
    boolean siWraps = r[SI] == 0xFFFF;
    boolean diWraps = r[DI] == 0xFFFF;
    int first;
    int second = -1;
    int count;
    switch (op) {
      case 0xA5:
        if (siWraps) {
          first = SI;
          count = 1;
        } else {
          first = SI;
          second = DI;
          count = 2;
        }
        break;
      case 0xA7:
        if (diWraps) {
          first = DI;
        } else {
          first = DI;
          second = SI;
        }
        count = 0;
        break;
      case 0xAB:
      case 0x6D:
        if (!diWraps) {
          return;
        }
        first = DI;
        count = 2;
        break;
      case 0xAF:
        if (!diWraps) {
          return;
        }
        first = DI;
        count = 1;
        break;
      default: // LODSW, OUTSW
        if (!siWraps) {
          return;
        }
        first = SI;
        count = 1;
        break;
    }
    advance(first, step);
    if (second >= 0) {
      advance(second, step);
    }
    if (rep != 0) {
      r[CX] = (r[CX] - count) & 0xFFFF;
    }
    throw WRAP_FAULT;
  }

  private void advance(int reg, int step) {
    r[reg] = (r[reg] + step) & 0xFFFF;
  }

  /** ENTER (80186+): makes a stack frame, copying {@code level} enclosing frame pointers. */
  private void enter() {
    int size = fetch16();
    int level = fetch8() & 0x1F;
    push(r[BP]);
    int frame = r[SP];
    if (level > 0) {
      int ssBase = segBase[SS];
      for (int i = 1; i < level; i++) {
        r[BP] = (r[BP] - 2) & 0xFFFF;
        push(rw(ssBase, r[BP]));
      }
      push(frame);
    }
    r[BP] = frame;
    r[SP] = (r[SP] - size) & 0xFFFF;
  }

  // ==== decimal adjust =======================================================================

  private void daa() {
    int f = arith();
    int al = r[AX] & 0xFF;
    int oldAl = al;
    boolean oldCf = (f & CF) != 0;
    int cf = 0;
    int af = 0;
    if ((al & 0xF) > 9 || (f & AF) != 0) {
      al += 6;
      cf = (oldCf || al > 0xFF) ? CF : 0;
      af = AF;
    }
    if (oldAl > (is8086 && af != 0 ? 0x9F : 0x99) || oldCf) {
      al += 0x60;
      cf = CF;
    }
    al &= 0xFF;
    setReg8(0, al);
    int of = ((oldAl ^ al) & al & 0x80) != 0 ? OF : 0;
    setSzp(al, false, cf | af | of);
  }

  private void das() {
    int f = arith();
    int al = r[AX] & 0xFF;
    int oldAl = al;
    boolean oldCf = (f & CF) != 0;
    int cf = 0;
    int af = 0;
    if ((al & 0xF) > 9 || (f & AF) != 0) {
      al -= 6;
      // The 8086 takes CF from the second adjustment only.
      cf = (!is8086 && (oldCf || al < 0)) ? CF : 0;
      af = AF;
    }
    if (oldAl > (is8086 && (f & AF) != 0 ? 0x9F : 0x99) || oldCf) {
      al -= 0x60;
      cf = CF;
    }
    al &= 0xFF;
    setReg8(0, al);
    int of = ((oldAl ^ al) & oldAl & 0x80) != 0 ? OF : 0;
    setSzp(al, false, cf | af | of);
  }

  private void aaa() {
    int f = arith();
    int ax = r[AX];
    int al = ax & 0xFF;
    if ((al & 0xF) > 9 || (f & AF) != 0) {
      if (is8086) {
        ax = (((ax >> 8) + 1) & 0xFF) << 8 | ((al + 6) & 0x0F);
      } else {
        ax = ((ax + 0x106) & 0xFF00) | ((al + 6) & 0x0F);
      }
      r[AX] = ax & 0xFFFF;
      setSzp(al, false, CF | AF);
    } else {
      r[AX] = ax & 0xFF0F;
      setSzp(al, false, 0);
    }
  }

  private void aas() {
    int f = arith();
    int ax = r[AX];
    int al = ax & 0xFF;
    if ((al & 0xF) > 9 || (f & AF) != 0) {
      if (is8086) {
        ax = (((ax >> 8) - 1) & 0xFF) << 8 | ((al - 6) & 0x0F);
      } else {
        ax = ((ax - 0x106) & 0xFF00) | ((al - 6) & 0x0F);
      }
      r[AX] = ax & 0xFFFF;
      setSzp(al, false, CF | AF);
    } else {
      r[AX] = ax & 0xFF0F;
      setSzp(al, false, 0);
    }
  }

  // ==== the 80286's 0Fh page =================================================================

  /**
   * The host-callback trap {@code 0F FF lo hi}, honoured only where the bus says the 0Fh byte
   * lies in its callback area: IP moves past the four bytes, then the bus runs the callback.
   *
   * @return true if the trap was taken
   */
  private boolean hostCallback() {
    if (protectedMode) {
      return false; // the callback stubs are real-mode code
    }
    int at = segBase[CS] + ((ip - 1) & 0xFFFF);
    if (rb(segBase[CS] + ip) != 0xFF || !bus.isHostCallbackAddress(at)) {
      return false;
    }
    ip = (ip + 1) & 0xFFFF;
    int number = fetch16();
    bus.hostCallback(number);
    addressMask = model.addressMask() & bus.addressMask();
    closeFetchWindow();
    return true;
  }

  private boolean twoByte() {
    if (!is286) {
      invalidOpcode(); // the 80186 has no 0Fh page
      return true;
    }
    int op2 = fetch8();
    OpcodeTable.@Nullable Row row = table.page0f[op2];
    boolean group = table.group0f[op2] != null;
    if (row == null && !group) {
      invalidOpcode();
      return true;
    }
    if (group || (row != null && row.hasModrm())) {
      modrm = fetch8();
      regForm = modrm >= 0xC0;
      if (!regForm) {
        decodeEa();
      }
      row = table.row0f(op2, modrm);
      if (row == null || (regForm && row.memoryOnly())) {
        invalidOpcode();
        return true;
      }
    }
    switch (op2) {
      case 0x00:
      case 0x02:
      case 0x03:
        invalidOpcode(); // descriptor instructions are not recognised in real mode
        return true;
      case 0x01:
        switch (regField()) {
          case 0:
          case 1:
            {
              boolean gdt = regField() == 0;
              int limit = gdt ? gdtLimit : idtLimit;
              int base = gdt ? gdtBase : idtBase;
              ww(eaBase, eaOff, limit);
              ww(eaBase, eaOff + 2, base);
              ww(eaBase, eaOff + 4, 0xFF00 | (base >> 16));
            }
            break;
          case 2:
          case 3:
            {
              int limit = rw(eaBase, eaOff);
              int base = rw(eaBase, eaOff + 2) | (rw(eaBase, eaOff + 4) & 0xFF) << 16;
              if (regField() == 2) {
                gdtLimit = limit;
                gdtBase = base;
              } else {
                idtLimit = limit;
                idtBase = base;
              }
            }
            break;
          case 4:
            setEw(msw);
            break;
          default: // 6: LMSW
            {
              int v = getEw();
              msw = (msw & ~0xE) | (v & 0xF) | 0xFFF0 | (msw & 1);
              if ((msw & 1) != 0 && !protectedMode) {
                // The 80286 enters protected mode, which the 32-bit path decodes with the
                // 80286's opcode table and descriptor formats; nothing but a reset leaves it.
                cr0 = msw;
                setProtectedMode(true);
                events |= EV_MODE;
              }
            }
            break;
        }
        break;
      case 0x05:
        unsupported("LOADALL");
        return false;
      case 0x06:
        msw &= ~8; // CLTS
        break;
      default:
        invalidOpcode();
        break;
    }
    return true;
  }

  /** Ends the run before an instruction this interpreter does not model; undoes its fetch. */
  private void unsupported(String what) {
    StringBuilder bytes = new StringBuilder();
    int cs = sreg[CS];
    int len = Math.min((ip - startIp) & 0xFFFF, 15);
    for (int i = 0; i < len; i++) {
      if (i > 0) {
        bytes.append(' ');
      }
      bytes.append(String.format("%02X", rb(segBase[CS] + startIp + i)));
    }
    stopDetail =
        String.format(
            "%s at %04X:%04X (%s: %s) is not supported yet",
            what,
            cs,
            startIp,
            bytes,
            disassemble(cs, startIp));
    r[SP] = startSp;
    rh[SP] = startSpHigh;
    ip = startIp;
    exit = CpuStop.UNSUPPORTED;
  }

  // ==== the 80386 and 80486 ==================================================================
  //
  // The 32-bit models decode every instruction here, with the operand size (16 bits, or 32
  // after a 66h prefix) and the address size (16, or 32 after 67h) as variables, and every
  // memory access checked against the segment's cached limit: past it the access raises #GP
  // (vector 13), or #SS (vector 12) through SS, before anything is written, and the
  // instruction is restarted with ESP as it was. The 16-bit models never come here, so their
  // path is untouched by any of it.

  /** CPUID signature of the 80486 model: family 4, model 2 (the 486SX, which has no FPU). */
  static final int SIGNATURE_486 = 0x0000_0422;
  /** Reset signature in DX of the 80386 model: family 3, the D1 stepping of the 386DX. */
  static final int SIGNATURE_386 = 0x0000_0308;

  private static final int CR0_PE = 1;
  private static final int CR0_MP = 2;
  private static final int CR0_EM = 4;
  private static final int CR0_TS = 8;
  private static final int CR0_ET = 0x10;
  private static final int CR0_PG = 0x8000_0000;
  /** 80486 CR0.WP: supervisor writes respect read-only pages. */
  private static final int CR0_WP = 0x1_0000;
  /** 80386 CR0: bits 5-30 are reserved and read as one; PG, ET, TS, EM, MP and PE are kept. */
  private static final int CR0_386_FIXED = 0x7FFF_FFE0;
  private static final int CR0_386_WRITABLE = CR0_PG | CR0_ET | CR0_TS | CR0_EM | CR0_MP | CR0_PE;
  /** 80486 CR0: PG, CD, NW, AM, WP, NE, TS, EM, MP, PE; ET reads as one. */
  private static final int CR0_486_WRITABLE = 0xE005_002F;

  private void reset386() {
    // DX holds the component identifier after reset: the family in DH, the stepping in DL.
    r[DX] = is486 ? SIGNATURE_486 : SIGNATURE_386;
    cr0 = is486 ? 0x6000_0010 : CR0_386_FIXED;
    cr2 = 0;
    cr3 = 0;
    for (int i = 0; i < 8; i++) {
      dr[i] = 0;
      tr[i] = 0;
    }
    dr[6] = 0xFFFF_0FF0;
    dr[7] = 0x0000_0400;
    eflagsHigh = 0;
  }

  /**
   * Sets a segment register's cached limit, as a descriptor load in protected mode would
   * (80386 and 80486; real mode never changes it). For tests, and for protected mode later.
   *
   * @param register the segment register
   * @param limit the highest valid offset, FFFFh after reset
   */
  void setSegmentLimit(SegmentRegister register, int limit) {
    segLimit[register.ordinal()] = limit;
  }

  // ==== protected mode (80286, 80386 and 80486) ===============================================
  //
  // From the 80386 Programmer's Reference Manual (chapters 6-9 and 15) and Intel's SDM, vol. 3:
  // segment registers load descriptors from the GDT or the LDT into their caches (base,
  // limit, attributes) with the type, privilege and presence checks and their error codes;
  // CS.D and SS.B choose 32-bit operands, addresses and ESP; far JMP and CALL go to code
  // segments, through call gates (a CALL to an inner level switching to the stack the TSS
  // names and copying the gate's parameters), or to another task (a TSS or a task gate);
  // RETF and IRET return to the same or an outer level, or with NT to the task that called;
  // interrupts and exceptions go through the IDT's interrupt, trap and task gates, to an
  // inner level on the TSS's stack, from virtual-8086 mode too; IOPL guards CLI, STI, POPF
  // and I/O, past which the TSS's I/O permission bitmap decides; paging translates linear
  // addresses through CR3's page directory with a TLB. What is left out ends the run with
  // UNSUPPORTED naming it.

  /**
   * Ends an instruction that needs something this CPU does not model: {@link #unsupported}
   * has recorded what and restored the instruction's start. One preallocated instance without
   * a stack trace, caught only by {@link #run386}.
   */
  private static final class NotModelled extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotModelled() {
      super("not modelled", null, false, false);
    }
  }

  private static final NotModelled NOT_MODELLED = new NotModelled();

  // Task-switch sources, as the manual distinguishes them (busy bits, NT, the back link).
  private static final int SWITCH_JMP = 0;
  private static final int SWITCH_CALL = 1;
  private static final int SWITCH_INT = 2;
  private static final int SWITCH_IRET = 3;

  /** Stops the run before the current instruction: see {@link NotModelled}. */
  private RuntimeException notModelled(String what) {
    unsupported(what);
    return NOT_MODELLED;
  }

  /** Aborts the instruction with a fault that pushes {@code code} in protected mode. */
  private RuntimeException fault(int vector, int code) {
    faultVector = vector;
    faultCode = code;
    return WRAP_FAULT;
  }

  /** #DF, #TS, #NP, #SS, #GP, #PF and #AC push an error code in protected mode. */
  private static boolean hasErrorCode(int vector) {
    return vector == 8 || (vector >= 10 && vector <= 14) || vector == 17;
  }

  /** The contributory exceptions (#DE, #TS, #NP, #SS, #GP) of the double-fault rules. */
  private static boolean contributory(int vector) {
    return vector == 0 || (vector >= 10 && vector <= 13);
  }

  /** EFLAGS.VM: virtual-8086 mode (protected mode running real-mode code at CPL 3). */
  private boolean v86() {
    return (eflagsHigh & Flags.VM) != 0;
  }

  private int iopl() {
    return (control >> 12) & 3;
  }

  /** #GP(0) for a privileged instruction anywhere but at CPL 0 (V86 mode is CPL 3). */
  private void requireCpl0() {
    if (cpl != 0) {
      throw fault(13, 0);
    }
  }

  /** #GP(0) for CLI and STI where CPL is above IOPL (in V86 mode: IOPL below 3). */
  private void requireIopl() {
    if (protectedMode && cpl > iopl()) {
      throw fault(13, 0);
    }
  }

  /** PUSHF, POPF, INT n and IRET in V86 mode need IOPL 3 (there is no VME). */
  private void requireV86Iopl() {
    if (v86() && iopl() < 3) {
      throw fault(13, 0);
    }
  }

  /**
   * I/O in protected mode where CPL is above IOPL, and always in V86 mode: every port the
   * access touches must have a clear bit in the 80386 TSS's I/O permission bitmap, which
   * must lie within the TSS's limit; otherwise #GP(0).
   */
  private void checkIo(int port, int size) {
    if (!protectedMode || (!v86() && cpl <= iopl())) {
      return;
    }
    if ((trType & 8) == 0 || trLimit < 0x67) {
      throw fault(13, 0);
    }
    int mapBase = read16System(trBase + 0x66);
    int first = mapBase + ((port & 0xFFFF) >>> 3);
    if (first + 1 > trLimit) {
      throw fault(13, 0);
    }
    int bits = read16System(trBase + first) >>> (port & 7);
    if ((bits & ((1 << size) - 1)) != 0) {
      throw fault(13, 0);
    }
  }

  /**
   * A segment register loaded in real mode: base = selector &times; 16, the limit kept; a
   * segment left unusable by a null selector in protected mode becomes usable again.
   */
  private void setSegReal(int seg, int selector) {
    sreg[seg] = selector & 0xFFFF;
    segBase[seg] = (selector & 0xFFFF) << 4;
    if (seg == CS) {
      closeFetchWindow();
    }
    if (segFloor[seg] > 0xFFFF_FFFFL) {
      segFloor[seg] = 0;
    }
  }

  /** A segment register loaded in V86 mode: base = selector &times; 16, 64 KiB, DPL 3. */
  private void setSegV86(int seg, int selector) {
    setSegReal(seg, selector);
    segLimit[seg] = 0xFFFF;
    segFloor[seg] = 0;
    segAttr[seg] = seg == CS ? 0xFB : 0xF3;
    if (seg == CS) {
      codeBig = false;
      closeFetchWindow();
    } else if (seg == SS) {
      stackBig = false;
    }
  }

  /** MOV, POP, LDS and their kind: real mode sets the base, protected mode a descriptor. */
  private void loadSeg(int seg, int selector) {
    if (!protectedMode) {
      setSegReal(seg, selector);
      return;
    }
    if (v86()) {
      setSegV86(seg, selector);
      return;
    }
    int sel = selector & 0xFFFF;
    if (seg == SS) {
      long d = checkStack(sel, cpl, 13);
      markAccessed(sel, d);
      sreg[SS] = sel;
      cacheDescriptor(SS, d);
      return;
    }
    if ((sel & 0xFFFC) == 0) {
      nullSegment(seg, sel);
      return;
    }
    long d = descriptor(sel, 13);
    int access = Descriptor.access(d);
    int dpl = Descriptor.dpl(d);
    int rpl = sel & 3;
    // Data, or readable code; conforming code is readable at any level.
    if ((access & 0x10) == 0 || (access & 0x0A) == 0x08) {
      throw fault(13, sel & 0xFFFC);
    }
    boolean conforming = (access & 0x0C) == 0x0C;
    if (!conforming && (rpl > dpl || cpl > dpl)) {
      throw fault(13, sel & 0xFFFC);
    }
    if (!Descriptor.present(d)) {
      throw fault(11, sel & 0xFFFC);
    }
    markAccessed(sel, d);
    sreg[seg] = sel;
    cacheDescriptor(seg, d);
  }

  /** A null selector in DS, ES, FS or GS: the register is loaded, any access through it #GP. */
  private void nullSegment(int seg, int sel) {
    sreg[seg] = sel;
    segBase[seg] = 0;
    segLimit[seg] = 0;
    segAttr[seg] = 0;
    segFloor[seg] = 1L << 32;
  }

  /**
   * The checks of a stack segment for level {@code level}: a writable data segment whose RPL
   * and DPL are that level, else the fault {@code vector} (#GP on a load, #TS in a stack or
   * task switch) with the selector; #SS when it is not present.
   */
  private long checkStack(int sel, int level, int vector) {
    if ((sel & 0xFFFC) == 0) {
      throw fault(vector, 0);
    }
    long d = descriptor(sel, vector);
    int access = Descriptor.access(d);
    if ((sel & 3) != level || Descriptor.dpl(d) != level || (access & 0x1A) != 0x12) {
      throw fault(vector, sel & 0xFFFC);
    }
    if (!Descriptor.present(d)) {
      throw fault(12, sel & 0xFFFC);
    }
    return d;
  }

  private void cacheDescriptor(int seg, long d) {
    segBase[seg] = Descriptor.base(d);
    int access = Descriptor.access(d);
    if ((access & 0x1C) == 0x14) {
      // Expand-down data: the valid offsets lie above the limit, up to 64 KiB or 4 GiB.
      segFloor[seg] = (Descriptor.limit(d) & 0xFFFF_FFFFL) + 1;
      segLimit[seg] = Descriptor.big(d) ? 0xFFFF_FFFF : 0xFFFF;
    } else {
      segFloor[seg] = 0;
      segLimit[seg] = Descriptor.limit(d);
    }
    segAttr[seg] = Descriptor.attributes(d);
    if (seg == SS) {
      stackBig = Descriptor.big(d);
    } else if (seg == CS) {
      codeBig = Descriptor.big(d);
      closeFetchWindow();
    }
  }

  /**
   * Reads the descriptor a selector names from the GDT, or with TI set from the LDT: beyond the
   * table's limit (or without an LDT) the fault {@code vector} with the selector.
   */
  private long descriptor(int sel, int vector) {
    int index = sel & 0xFFF8;
    int limit = (sel & 4) != 0 ? ((ldtr & 0xFFFC) == 0 ? -1 : ldtLimit) : gdtLimit;
    if (index + 7 > limit) {
      throw fault(vector, sel & 0xFFFC);
    }
    int at = tableBase(sel) + index;
    long d = (read32System(at) & 0xFFFF_FFFFL) | (long) read32System(at + 4) << 32;
    if (!is386) {
      // An 80286 descriptor: the last word is reserved (no limit 19-16, flags or base
      // 31-24), and the 80386's system types (8-15) are undefined, so invalid.
      d &= 0x0000_FFFF_FFFF_FFFFL;
      if ((d & (0x18L << 40)) == (0x08L << 40)) {
        d &= ~(0x0FL << 40);
      }
    }
    return d;
  }

  private long descriptor(int sel) {
    return descriptor(sel, 13);
  }

  private int tableBase(int sel) {
    return (sel & 4) != 0 ? ldtBase : gdtBase;
  }

  /** Sets a descriptor's accessed bit in its table, as the processor does on a load. */
  private void markAccessed(int sel, long d) {
    int access = Descriptor.access(d);
    if ((access & 1) == 0) {
      writeSystem(tableBase(sel) + (sel & 0xFFF8) + 5, access | 1);
    }
  }

  /** Sets or clears the busy bit of the TSS descriptor {@code sel} in the GDT. */
  private void setBusy(int sel, boolean busy) {
    int at = gdtBase + (sel & 0xFFF8) + 5;
    int access = readSystem(at);
    writeSystem(at, busy ? access | 2 : access & ~2);
  }

  /**
   * Checks a code segment as the target of a far JMP or CALL at the current level (or, for
   * {@code level} other than CPL, a return to that level): nonconforming code must have
   * DPL = the level and RPL &le; it, conforming code DPL &le; it. #GP or #NP with the selector.
   */
  private void checkCode(int sel, long d, int level, boolean viaGate) {
    int access = Descriptor.access(d);
    if ((access & 0x18) != 0x18) {
      throw fault(13, sel & 0xFFFC);
    }
    int dpl = Descriptor.dpl(d);
    boolean conforming = (access & 0x04) != 0;
    boolean ok;
    if (viaGate) {
      ok = dpl <= level;
    } else {
      ok = conforming ? dpl <= level : dpl == level && (sel & 3) <= level;
    }
    if (!ok) {
      throw fault(13, sel & 0xFFFC);
    }
    if (!Descriptor.present(d)) {
      throw fault(11, sel & 0xFFFC);
    }
  }

  private boolean withinLimit(long d, int off) {
    return (off & 0xFFFF_FFFFL) <= (Descriptor.limit(d) & 0xFFFF_FFFFL);
  }

  /** Loads CS from a checked descriptor at privilege level {@code level}. */
  private void commitCs(int sel, long d, int level, int off) {
    markAccessed(sel, d);
    cpl = level;
    sreg[CS] = (sel & 0xFFFC) | level;
    cacheDescriptor(CS, d);
    ip = off;
  }

  /**
   * A far JMP or CALL in protected mode: to a code segment at the current level (a CALL
   * pushing CS and EIP at the operand size), through a call gate (a CALL at the gate's size,
   * to an inner level on a new stack with the gate's parameters copied; a JMP never changes
   * the level), or to a task.
   */
  private void farTransferProtected(int sel, int off, boolean call) {
    sel &= 0xFFFF;
    if ((sel & 0xFFFC) == 0) {
      throw fault(13, 0);
    }
    long d = descriptor(sel);
    int access = Descriptor.access(d);
    if ((access & 0x10) != 0) {
      checkCode(sel, d, cpl, false);
      if (!withinLimit(d, off)) {
        throw fault(13, 0);
      }
      if (call) {
        pushV(sreg[CS]);
        pushV(ip);
      }
      commitCs(sel, d, cpl, off);
      return;
    }
    checkSystemTarget(sel, d);
    int kind = call ? SWITCH_CALL : SWITCH_JMP;
    switch (access & 0x0F) {
      case 0x04:
      case 0x0C:
        if (call) {
          callGate(d, (access & 0x08) != 0);
        } else {
          jumpGate(d);
        }
        break;
      case 0x05:
        taskGate(d, kind, ip, -1);
        break;
      case 0x01:
      case 0x09:
        taskSwitch(sel, d, kind, ip, -1);
        break;
      default:
        throw fault(13, sel & 0xFFFC);
    }
  }

  /** A JMP through a call gate: to its code segment at the current level only. */
  private void jumpGate(long gate) {
    int target = gateSelector(gate);
    int offset = gateOffset(gate);
    long t = gateTarget(target);
    checkCode(target, t, cpl, true);
    if ((Descriptor.access(t) & 0x04) == 0 && Descriptor.dpl(t) != cpl) {
      throw fault(13, target & 0xFFFC);
    }
    if (!withinLimit(t, offset)) {
      throw fault(13, 0);
    }
    commitCs(target, t, cpl, offset);
  }

  /** A gate or TSS named by JMP or CALL: DPL &ge; CPL and RPL, and present. */
  private void checkSystemTarget(int sel, long d) {
    int dpl = Descriptor.dpl(d);
    int type = Descriptor.access(d) & 0x0F;
    boolean known = type == 0x01 || type == 0x04 || type == 0x05 || type == 0x09 || type == 0x0C;
    if (!known || dpl < cpl || dpl < (sel & 3)) {
      throw fault(13, sel & 0xFFFC);
    }
    if (!Descriptor.present(d)) {
      throw fault(11, sel & 0xFFFC);
    }
  }

  private static int gateSelector(long d) {
    return (int) (d >>> 16) & 0xFFFF;
  }

  /** A gate's offset: 16 bits in a 286 gate, 32 in a 386 gate (type bit 3). */
  private static int gateOffset(long d) {
    int low = (int) d & 0xFFFF;
    return (d & (8L << 40)) != 0 ? low | (int) (d >>> 32) & 0xFFFF_0000 : low;
  }

  /** The code segment a gate names: not null, then read with #GP(selector) faults. */
  private long gateTarget(int target) {
    if ((target & 0xFFFC) == 0) {
      throw fault(13, 0);
    }
    return descriptor(target);
  }

  private void callGate(long gate, boolean gate32) {
    int target = gateSelector(gate);
    int offset = gateOffset(gate);
    long t = gateTarget(target);
    checkCode(target, t, cpl, true);
    if (!withinLimit(t, offset)) {
      throw fault(13, 0);
    }
    int dpl = Descriptor.dpl(t);
    boolean conforming = (Descriptor.access(t) & 0x04) != 0;
    int returnCs = sreg[CS];
    int returnIp = ip;
    if (conforming || dpl == cpl) {
      pushSized(gate32, returnCs);
      pushSized(gate32, returnIp);
      commitCs(target, t, cpl, offset);
      return;
    }
    // To an inner level: the stack for that level from the TSS, the parameters copied.
    int count = (int) (gate >>> 32) & 0x1F;
    int size = gate32 ? 4 : 2;
    int oldSs = sreg[SS];
    int oldSp = sp();
    int[] params = new int[count];
    for (int i = 0; i < count; i++) {
      int at = stackBig ? oldSp + i * size : (oldSp + i * size) & 0xFFFF;
      params[i] = gate32 ? ld32(SS, at) : ld16(SS, at);
    }
    StackState caller = new StackState();
    try {
      switchStack(dpl);
      cpl = dpl; // the pushes on the inner stack are the new level's
      pushSized(gate32, oldSs);
      pushSized(gate32, oldSp);
      for (int i = count - 1; i >= 0; i--) {
        pushSized(gate32, params[i]);
      }
      pushSized(gate32, returnCs);
      pushSized(gate32, returnIp);
    } catch (SegmentWrapFault f) {
      caller.restore();
      throw f;
    }
    commitCs(target, t, dpl, offset);
  }

  /**
   * SS's register and cache and the CPL before a stack switch, to put back when a fault
   * aborts the transfer (the fault is then taken on the old stack, as on the processor).
   */
  private final class StackState {
    private final int selector = sreg[SS];
    private final int base = segBase[SS];
    private final int limit = segLimit[SS];
    private final int attributes = segAttr[SS];
    private final long floor = segFloor[SS];
    private final boolean big = stackBig;
    private final int level = cpl;
    private final int espLow = r[SP];
    private final int espHigh = rh[SP];

    void restore() {
      sreg[SS] = selector;
      segBase[SS] = base;
      segLimit[SS] = limit;
      segAttr[SS] = attributes;
      segFloor[SS] = floor;
      stackBig = big;
      cpl = level;
      r[SP] = espLow;
      rh[SP] = espHigh;
    }
  }

  private void pushSized(boolean wide, int v) {
    if (wide) {
      push32(v);
    } else {
      push16(v);
    }
  }

  /**
   * Loads SS:ESP for privilege level {@code level} from the current TSS (#TS with the new SS
   * where it is not a writable stack of that level). The old stack is forgotten: the caller
   * has what it pushes.
   */
  private void switchStack(int level) {
    int newSs;
    int newSp;
    if ((trType & 8) != 0) {
      if (8 * level + 11 > trLimit) {
        throw fault(10, trSelector & 0xFFFC);
      }
      newSp = read32System(trBase + 4 + 8 * level);
      newSs = read16System(trBase + 8 + 8 * level);
    } else {
      if (4 * level + 5 > trLimit) {
        throw fault(10, trSelector & 0xFFFC);
      }
      newSp = read16System(trBase + 2 + 4 * level);
      newSs = read16System(trBase + 4 + 4 * level);
    }
    long d = checkStack(newSs, level, 10);
    markAccessed(newSs, d);
    sreg[SS] = newSs;
    cacheDescriptor(SS, d);
    setSpFull(newSp);
  }

  /** ESP as a whole, whatever the stack's size (a stack switch loads all of it). */
  private void setSpFull(int v) {
    r[SP] = v & 0xFFFF;
    rh[SP] = v >>> 16;
  }

  /**
   * RETF in protected mode: to the same level, or to an outer one (RPL of the popped CS above
   * CPL) popping that level's SS:ESP too; data segment registers the outer level may not use
   * are cleared.
   */
  private void returnFarProtected(int n) {
    int newIp = popV();
    int newCs = popV() & 0xFFFF;
    long d = checkReturnCs(newCs);
    int level = newCs & 3;
    if (!withinLimit(d, newIp)) {
      throw fault(13, 0);
    }
    if (level == cpl) {
      commitCs(newCs, d, level, newIp);
      setSp(sp() + n);
      return;
    }
    setSp(sp() + n);
    int newSp = popV();
    int newSs = popV() & 0xFFFF;
    long s = checkStack(newSs, level, 13);
    commitCs(newCs, d, level, newIp);
    markAccessed(newSs, s);
    sreg[SS] = newSs;
    cacheDescriptor(SS, s);
    setSp(newSp + n);
    clearInaccessibleSegments();
  }

  /** The CS popped by RETF or IRET: code, RPL not below CPL, DPL by conformity, present. */
  private long checkReturnCs(int sel) {
    if ((sel & 0xFFFC) == 0) {
      throw fault(13, 0);
    }
    long d = descriptor(sel);
    int access = Descriptor.access(d);
    int rpl = sel & 3;
    int dpl = Descriptor.dpl(d);
    boolean conforming = (access & 0x04) != 0;
    if ((access & 0x18) != 0x18 || rpl < cpl || (conforming ? dpl > rpl : dpl != rpl)) {
      throw fault(13, sel & 0xFFFC);
    }
    if (!Descriptor.present(d)) {
      throw fault(11, sel & 0xFFFC);
    }
    return d;
  }

  /** After a return to an outer level: DS, ES, FS, GS with a DPL below CPL become null. */
  private void clearInaccessibleSegments() {
    for (int seg : new int[] {ES, DS, FS, GS}) {
      int attr = segAttr[seg];
      boolean conformingCode = (attr & 0x1C) == 0x1C;
      if (!conformingCode && ((attr >> 5) & 3) < cpl) {
        nullSegment(seg, 0);
      }
    }
  }

  /**
   * IRET in protected mode: with NT set, back to the task that called; to V86 mode where the
   * popped EFLAGS has VM (from CPL 0); else to the same or an outer level, as RETF.
   */
  private void iretProtected() {
    if ((control & Flags.NT) != 0) {
      int backLink = read16System(trBase);
      long d = descriptor(backLink, 10);
      int type = Descriptor.access(d) & 0x1F;
      if ((backLink & 4) != 0 || (type != 0x03 && type != 0x0B)) {
        throw fault(10, backLink & 0xFFFC);
      }
      taskSwitch(backLink, d, SWITCH_IRET, ip, -1);
      return;
    }
    int newIp = popV();
    int newCs = popV() & 0xFFFF;
    int f = popV();
    if (osz && (f & Flags.VM) != 0 && cpl == 0) {
      returnToV86(newIp, newCs, f);
      return;
    }
    long d = checkReturnCs(newCs);
    int level = newCs & 3;
    if (!withinLimit(d, newIp)) {
      throw fault(13, 0);
    }
    int oldCpl = cpl;
    if (level == cpl) {
      commitCs(newCs, d, level, newIp);
      loadFlagsAt(f, osz, oldCpl);
      return;
    }
    int newSp = popV();
    int newSs = popV() & 0xFFFF;
    long s = checkStack(newSs, level, 13);
    commitCs(newCs, d, level, newIp);
    markAccessed(newSs, s);
    sreg[SS] = newSs;
    cacheDescriptor(SS, s);
    setSp(newSp);
    loadFlagsAt(f, osz, oldCpl);
    clearInaccessibleSegments();
  }

  /** IRETD from CPL 0 into V86 mode: ESP, SS, ES, DS, FS and GS come off the stack too. */
  private void returnToV86(int newIp, int newCs, int f) {
    int newSp = pop32();
    int newSs = pop32();
    int es = pop32();
    int ds = pop32();
    int fs = pop32();
    int gs = pop32();
    loadFlags(f);
    eflagsHigh = (eflagsHigh & ~(highFlagsMask() | Flags.VM | Flags.RF)) | (f & highFlagsMask())
        | Flags.VM;
    cpl = 3;
    setSegV86(CS, newCs);
    setSegV86(SS, newSs);
    setSegV86(ES, es);
    setSegV86(DS, ds);
    setSegV86(FS, fs);
    setSegV86(GS, gs);
    setSpFull(newSp);
    ip = newIp & 0xFFFF;
  }

  /**
   * POPF, POPFD and IRET's flags at privilege level {@code level}: IOPL changes only at CPL 0,
   * IF only where CPL &le; IOPL (real mode: both).
   */
  private void loadFlagsAt(int v, boolean wide, int level) {
    int keep = 0;
    if (protectedMode) {
      if (level > 0) {
        keep |= Flags.IOPL;
      }
      if (level > iopl()) {
        keep |= IF;
      }
    }
    int merged = (v & ~keep) | (flagsWord() & keep);
    if (wide) {
      loadEflags32(merged);
    } else {
      loadFlags(merged);
    }
  }

  /**
   * Delivers an interrupt or exception through the IDT. A fault while doing so is delivered in
   * its place, or as a double fault where both are contributory; a fault while delivering a
   * double fault shuts the processor down.
   */
  private void deliverProtected(int vector, int returnIp, int errorCode, boolean software) {
    int savedSp = r[SP];
    int savedSpHigh = rh[SP];
    try {
      enterGate(vector, returnIp, errorCode, software);
    } catch (SegmentWrapFault f) {
      r[SP] = savedSp;
      rh[SP] = savedSpHigh;
      int second = faultVector;
      int secondCode = Math.max(faultCode, 0);
      faultCode = -1;
      if (vector == 8) {
        shutdown = true;
        stopDetail =
            String.format(
                "shutdown: triple fault (exception %02Xh while delivering a double fault) at"
                    + " %04X:%08X",
                second, sreg[CS], startIp);
        updateEvents();
        return;
      }
      // A double fault: contributory then contributory, or a page fault then either; else
      // the second exception is delivered as it is (a contributory one then a page fault too).
      if ((contributory(vector) && contributory(second))
          || (vector == 14 && (contributory(second) || second == 14))) {
        deliverProtected(8, returnIp, 0, false);
      } else {
        deliverProtected(second, returnIp, hasErrorCode(second) ? secondCode : -1, false);
      }
    }
  }

  private void enterGate(int vector, int returnIp, int errorCode, boolean software) {
    int ext = software ? 0 : 1;
    int gateCode = vector * 8 + 2 + ext;
    if (vector * 8 + 7 > idtLimit) {
      throw fault(13, gateCode);
    }
    long gate =
        (read32System(idtBase + vector * 8) & 0xFFFF_FFFFL)
            | (long) read32System(idtBase + vector * 8 + 4) << 32;
    int type = Descriptor.access(gate) & 0x1F; // the S bit and the type
    if (type != 0x05 && type != 0x06 && type != 0x07 && type != 0x0E && type != 0x0F) {
      throw fault(13, gateCode);
    }
    if (software && Descriptor.dpl(gate) < cpl) {
      throw fault(13, gateCode);
    }
    if (!Descriptor.present(gate)) {
      throw fault(11, gateCode);
    }
    if (type == 0x05) {
      taskGate(gate, SWITCH_INT, returnIp, errorCode);
      return;
    }
    boolean gate32 = (type & 8) != 0;
    int sel = gateSelector(gate);
    int offset = gateOffset(gate);
    if ((sel & 0xFFFC) == 0) {
      throw fault(13, ext);
    }
    long d = descriptor(sel, 13);
    int access = Descriptor.access(d);
    int dpl = Descriptor.dpl(d);
    if ((access & 0x18) != 0x18 || dpl > cpl) {
      throw fault(13, (sel & 0xFFFC) + ext);
    }
    if (!Descriptor.present(d)) {
      throw fault(11, (sel & 0xFFFC) + ext);
    }
    if (!withinLimit(d, offset)) {
      throw fault(13, ext);
    }
    boolean conforming = (access & 0x04) != 0;
    boolean fromV86 = v86();
    if (fromV86 && (conforming || dpl != 0)) {
      throw fault(13, sel & 0xFFFC); // V86 mode interrupts only to a ring-0 handler
    }
    int flags = flagsWord() | (eflagsHigh & ~Flags.RF);
    int oldCs = sreg[CS];
    if (conforming || dpl >= cpl) {
      // The same stack: a fault while pushing leaves only ESP to restore, which the caller does.
      pushFrame(gate32, dpl, conforming, fromV86, flags, oldCs, returnIp, errorCode);
    } else {
      StackState interrupted = new StackState();
      int[] interruptedSegments = fromV86 ? sreg.clone() : sreg;
      try {
        pushFrame(gate32, dpl, conforming, fromV86, flags, oldCs, returnIp, errorCode);
      } catch (SegmentWrapFault f) {
        interrupted.restore();
        if (fromV86) {
          eflagsHigh |= Flags.VM;
          for (int seg : new int[] {ES, DS, FS, GS}) {
            setSegV86(seg, interruptedSegments[seg]);
          }
        }
        throw f;
      }
    }
    control &= ~(TF | Flags.NT);
    if ((type & 1) == 0) {
      control &= ~IF; // an interrupt gate; a trap gate leaves IF
    }
    eflagsHigh &= ~(Flags.RF | Flags.VM);
    trapPending = false;
    commitCs(sel, d, cpl, offset);
    updateEvents();
  }

  /**
   * The stack frame of an interrupt: on the inner level's stack from the TSS where the
   * handler is more privileged (with SS and ESP, and from V86 mode the data segment
   * registers, which are then cleared), then EFLAGS, CS, EIP and an error code.
   */
  private void pushFrame(
      boolean gate32,
      int dpl,
      boolean conforming,
      boolean fromV86,
      int flags,
      int oldCs,
      int returnIp,
      int errorCode) {
    if (!conforming && dpl < cpl) {
      int oldSs = sreg[SS];
      int oldSp = sp();
      if (fromV86) {
        oldSp = r[SP] | rh[SP] << 16;
      }
      int[] v86Segments = {sreg[GS], sreg[FS], sreg[DS], sreg[ES]};
      switchStack(dpl);
      cpl = dpl; // the pushes on the inner stack are the new level's
      if (fromV86) {
        for (int s : v86Segments) {
          pushSized(gate32, s);
        }
      }
      pushSized(gate32, oldSs);
      pushSized(gate32, oldSp);
      if (fromV86) {
        eflagsHigh &= ~Flags.VM;
        for (int seg : new int[] {ES, DS, FS, GS}) {
          nullSegment(seg, 0);
        }
      }
    }
    pushSized(gate32, flags);
    pushSized(gate32, oldCs);
    pushSized(gate32, returnIp);
    if (errorCode >= 0) {
      pushSized(gate32, errorCode);
    }
  }

  /** Through a task gate: the TSS it names must be an available TSS in the GDT. */
  private void taskGate(long gate, int kind, int returnIp, int errorCode) {
    int sel = gateSelector(gate);
    if ((sel & 4) != 0) {
      throw fault(13, sel & 0xFFFC);
    }
    long d = descriptor(sel);
    int type = Descriptor.access(d) & 0x1F;
    if (type != 0x01 && type != 0x09) {
      throw fault(13, sel & 0xFFFC);
    }
    if (!Descriptor.present(d)) {
      throw fault(11, sel & 0xFFFC);
    }
    taskSwitch(sel, d, kind, returnIp, errorCode);
  }

  /**
   * Switches to the task whose TSS descriptor {@code sel} is: saves this task's registers in
   * its TSS, updates the busy bits, the back link and NT as JMP, CALL, an interrupt or IRET
   * does, sets CR0.TS, and loads the new task's registers, LDT, CR3 and segments (faults in
   * loading them are #TS with the selector, in the new task). An exception that came through
   * a task gate pushes its error code on the new task's stack.
   */
  private void taskSwitch(int sel, long d, int kind, int returnIp, int errorCode) {
    int type = Descriptor.access(d) & 0x0F;
    boolean newIs386 = (type & 8) != 0;
    if ((sel & 4) != 0) {
      throw fault(13, sel & 0xFFFC);
    }
    if (kind != SWITCH_IRET && (type & 2) != 0) {
      throw fault(13, sel & 0xFFFC); // busy
    }
    if (!Descriptor.present(d)) {
      throw fault(11, sel & 0xFFFC);
    }
    if (Descriptor.limit(d) < (newIs386 ? 0x67 : 0x2B)) {
      throw fault(10, sel & 0xFFFC);
    }
    if ((trSelector & 0xFFFC) == 0) {
      throw notModelled(
          "a task switch to TSS " + Disassembler.hex(sel) + " before any task register (LTR)");
    }
    int newBase = Descriptor.base(d);
    // Save the outgoing task.
    int oldFlags = flagsWord() | (eflagsHigh & ~Flags.RF);
    if (kind == SWITCH_IRET) {
      oldFlags &= ~Flags.NT;
    }
    if ((trType & 8) != 0) {
      write32System(trBase + 0x20, returnIp);
      write32System(trBase + 0x24, oldFlags);
      for (int i = 0; i < 8; i++) {
        write32System(trBase + 0x28 + 4 * i, reg32(i));
      }
      for (int s = 0; s < 6; s++) {
        write16System(trBase + 0x48 + 4 * s, sreg[s]);
      }
    } else {
      write16System(trBase + 0x0E, returnIp);
      write16System(trBase + 0x10, oldFlags);
      for (int i = 0; i < 8; i++) {
        write16System(trBase + 0x12 + 2 * i, r[i]);
      }
      for (int s = 0; s < 4; s++) {
        write16System(trBase + 0x22 + 2 * s, sreg[s]);
      }
    }
    int oldTr = trSelector;
    if (kind == SWITCH_JMP || kind == SWITCH_IRET) {
      setBusy(oldTr, false);
    }
    if (kind == SWITCH_CALL || kind == SWITCH_INT) {
      write16System(newBase, oldTr);
    }
    if (kind != SWITCH_IRET) {
      setBusy(sel, true);
    }
    trSelector = sel;
    trBase = newBase;
    trLimit = Descriptor.limit(d);
    trType = type | 2;
    cr0 |= CR0_TS;
    // Load the incoming task.
    int[] seg = new int[6];
    int newFlags;
    int newIp;
    int newLdt;
    if (newIs386) {
      int newCr3 = read32System(newBase + 0x1C);
      newIp = read32System(newBase + 0x20);
      newFlags = read32System(newBase + 0x24);
      for (int i = 0; i < 8; i++) {
        setReg32(i, read32System(newBase + 0x28 + 4 * i));
      }
      for (int s = 0; s < 6; s++) {
        seg[s] = read16System(newBase + 0x48 + 4 * s);
      }
      newLdt = read16System(newBase + 0x60);
      if (paging) {
        cr3 = newCr3 & 0xFFFF_F000;
        flushTlb();
      } else {
        cr3 = newCr3 & 0xFFFF_F000;
      }
    } else {
      newIp = read16System(newBase + 0x0E);
      newFlags = read16System(newBase + 0x10);
      for (int i = 0; i < 8; i++) {
        r[i] = read16System(newBase + 0x12 + 2 * i);
      }
      for (int s = 0; s < 4; s++) {
        seg[s] = read16System(newBase + 0x22 + 2 * s);
      }
      newLdt = read16System(newBase + 0x2A);
    }
    if (kind == SWITCH_CALL || kind == SWITCH_INT) {
      newFlags |= Flags.NT;
    }
    loadFlags(newFlags);
    int high = newIs386 ? newFlags & (highFlagsMask() | Flags.VM | Flags.RF) : 0;
    eflagsHigh = (eflagsHigh & ~(highFlagsMask() | Flags.VM | Flags.RF)) | high;
    ip = newIp;
    loadLdt(newLdt, 10);
    if (v86()) {
      cpl = 3;
      for (int s = 0; s < 6; s++) {
        setSegV86(s, seg[s]);
      }
    } else {
      int newCpl = seg[CS] & 3;
      long c = checkTaskCode(seg[CS], newCpl);
      cpl = newCpl;
      markAccessed(seg[CS], c);
      sreg[CS] = seg[CS];
      cacheDescriptor(CS, c);
      long s = checkStack(seg[SS], newCpl, 10);
      markAccessed(seg[SS], s);
      sreg[SS] = seg[SS];
      cacheDescriptor(SS, s);
      for (int k : new int[] {ES, DS, FS, GS}) {
        if (!newIs386 && k >= FS) {
          nullSegment(k, 0);
          continue;
        }
        loadTaskData(k, seg[k]);
      }
      if (!withinLimit(c, newIp)) {
        throw fault(13, 0);
      }
    }
    if (errorCode >= 0) {
      pushSized(newIs386, errorCode);
    }
    updateEvents();
  }

  private long checkTaskCode(int sel, int level) {
    if ((sel & 0xFFFC) == 0) {
      throw fault(10, 0);
    }
    long d = descriptor(sel, 10);
    int access = Descriptor.access(d);
    int dpl = Descriptor.dpl(d);
    boolean conforming = (access & 0x04) != 0;
    if ((access & 0x18) != 0x18 || (conforming ? dpl > level : dpl != level)) {
      throw fault(10, sel & 0xFFFC);
    }
    if (!Descriptor.present(d)) {
      throw fault(11, sel & 0xFFFC);
    }
    return d;
  }

  /** A data segment register of the incoming task: as a load, with #TS for #GP. */
  private void loadTaskData(int seg, int sel) {
    if ((sel & 0xFFFC) == 0) {
      nullSegment(seg, sel);
      return;
    }
    long d = descriptor(sel, 10);
    int access = Descriptor.access(d);
    boolean conforming = (access & 0x0C) == 0x0C;
    int dpl = Descriptor.dpl(d);
    if ((access & 0x10) == 0
        || (access & 0x0A) == 0x08
        || (!conforming && ((sel & 3) > dpl || cpl > dpl))) {
      throw fault(10, sel & 0xFFFC);
    }
    if (!Descriptor.present(d)) {
      throw fault(11, sel & 0xFFFC);
    }
    markAccessed(sel, d);
    sreg[seg] = sel;
    cacheDescriptor(seg, d);
  }

  /** LLDT, and the LDT of an incoming task: an LDT descriptor in the GDT, or null. */
  private void loadLdt(int sel, int vector) {
    sel &= 0xFFFF;
    if ((sel & 0xFFFC) == 0) {
      ldtr = sel;
      ldtBase = 0;
      ldtLimit = 0;
      return;
    }
    if ((sel & 4) != 0) {
      throw fault(vector, sel & 0xFFFC);
    }
    long d = descriptor(sel, vector);
    if ((Descriptor.access(d) & 0x1F) != 0x02) {
      throw fault(vector, sel & 0xFFFC);
    }
    if (!Descriptor.present(d)) {
      throw fault(11, sel & 0xFFFC);
    }
    ldtr = sel;
    ldtBase = Descriptor.base(d);
    ldtLimit = Descriptor.limit(d);
  }

  /** LTR: an available TSS in the GDT, marked busy. */
  private void loadTr(int sel) {
    sel &= 0xFFFF;
    if ((sel & 0xFFFC) == 0) {
      throw fault(13, 0);
    }
    if ((sel & 4) != 0) {
      throw fault(13, sel & 0xFFFC);
    }
    long d = descriptor(sel);
    int type = Descriptor.access(d) & 0x1F;
    if (type != 0x01 && type != 0x09) {
      throw fault(13, sel & 0xFFFC);
    }
    if (!Descriptor.present(d)) {
      throw fault(11, sel & 0xFFFC);
    }
    setBusy(sel, true);
    trSelector = sel;
    trBase = Descriptor.base(d);
    trLimit = Descriptor.limit(d);
    trType = type | 2;
  }

  /** Sets or clears CR0.PE: the segment caches stay as they are until the next loads. */
  private void setProtectedMode(boolean pe) {
    if (pe != protectedMode) {
      protectedMode = pe;
      cpl = 0;
      closeFetchWindow();
    }
  }

  /** The stack pointer at the stack's size: ESP with a 32-bit stack segment, else SP. */
  private int sp() {
    return stackBig ? r[SP] | rh[SP] << 16 : r[SP];
  }

  private void setSp(int v) {
    r[SP] = v & 0xFFFF;
    if (stackBig) {
      rh[SP] = v >>> 16;
    }
  }

  // ---- the processor's own accesses, and paging ------------------------------------------------

  /** A byte of a descriptor table or TSS: a supervisor access, translated when paging. */
  private int readSystem(int linear) {
    boolean was = systemAccess;
    systemAccess = true;
    try {
      return rb(linear);
    } finally {
      systemAccess = was;
    }
  }

  private void writeSystem(int linear, int value) {
    boolean was = systemAccess;
    systemAccess = true;
    try {
      wb(linear, value);
    } finally {
      systemAccess = was;
    }
  }

  private int read16System(int linear) {
    return readSystem(linear) | readSystem(linear + 1) << 8;
  }

  private int read32System(int linear) {
    return read16System(linear) | read16System(linear + 2) << 16;
  }

  private void write16System(int linear, int value) {
    writeSystem(linear, value);
    writeSystem(linear + 1, value >> 8);
  }

  private void write32System(int linear, int value) {
    write16System(linear, value);
    write16System(linear + 2, value >>> 16);
  }

  /** Empties the TLB: a write to CR3, a task switch with paging, turning paging on or off. */
  private void flushTlb() {
    java.util.Arrays.fill(tlbPage, -1);
    closeFetchWindow();
  }

  /**
   * The physical address of a linear one under paging: from the TLB when it holds the page
   * with the rights the access needs, else by walking the page directory and table (setting
   * their accessed bits, and the dirty bit on a write). Faults #PF with CR2 = the address and
   * the error code (P, W/R, U/S). User accesses are those at CPL 3 that are not the
   * processor's own; supervisor writes respect read-only pages only with CR0.WP (80486).
   */
  private int translate(int linear, boolean write) {
    int page = linear >>> 12;
    int slot = page & (TLB_SIZE - 1);
    boolean user = cpl == 3 && !systemAccess;
    if (tlbPage[slot] == page) {
      int rights = tlbRights[slot];
      boolean ok = !user || (rights & TLB_USER) != 0;
      if (write) {
        boolean checked = user || (is486 && (cr0 & CR0_WP) != 0);
        ok &= (rights & TLB_DIRTY) != 0 && (!checked || (rights & TLB_WRITABLE) != 0);
      }
      if (ok) {
        return tlbFrame[slot] | (linear & 0xFFF);
      }
    }
    return walk(linear, write, user, slot);
  }

  private int walk(int linear, boolean write, boolean user, int slot) {
    int pdeAt = (cr3 & 0xFFFF_F000) | (linear >>> 22) << 2;
    int pde = physRead32(pdeAt);
    if ((pde & 1) == 0) {
      throw pageFault(linear, false, write, user);
    }
    int pteAt = (pde & 0xFFFF_F000) | ((linear >>> 12) & 0x3FF) << 2;
    int pte = physRead32(pteAt);
    if ((pte & 1) == 0) {
      throw pageFault(linear, false, write, user);
    }
    boolean userPage = (pde & pte & 4) != 0;
    boolean writable = (pde & pte & 2) != 0;
    if (user && !userPage) {
      throw pageFault(linear, true, write, user);
    }
    if (write && !writable && (user || (is486 && (cr0 & CR0_WP) != 0))) {
      throw pageFault(linear, true, write, user);
    }
    if ((pde & 0x20) == 0) {
      physWrite32(pdeAt, pde | 0x20);
    }
    int updated = pte | 0x20 | (write ? 0x40 : 0);
    if (updated != pte) {
      physWrite32(pteAt, updated);
    }
    tlbPage[slot] = linear >>> 12;
    tlbFrame[slot] = pte & 0xFFFF_F000;
    tlbRights[slot] =
        (byte)
            ((userPage ? TLB_USER : 0)
                | (writable ? TLB_WRITABLE : 0)
                | ((updated & 0x40) != 0 ? TLB_DIRTY : 0));
    return (pte & 0xFFFF_F000) | (linear & 0xFFF);
  }

  private RuntimeException pageFault(int linear, boolean present, boolean write, boolean user) {
    cr2 = linear;
    return fault(14, (present ? 1 : 0) | (write ? 2 : 0) | (user ? 4 : 0));
  }

  /** Before a multi-byte write under paging: every page it touches must be writable. */
  private void probeWrite(int linear, int size) {
    translate(linear, true);
    if (((linear & 0xFFF) + size - 1) > 0xFFF) {
      translate(linear + size - 1, true);
    }
  }

  private int physRead32(int address) {
    int v = 0;
    for (int i = 3; i >= 0; i--) {
      v = v << 8 | physByte(address + i);
    }
    return v;
  }

  private int physByte(int address) {
    int a = address & addressMask;
    if ((pages[a >>> CpuBus.PAGE_SHIFT] & CpuBus.DIRECT_READ) != 0) {
      return ram[a] & 0xFF;
    }
    closeFetchWindow();
    return bus.readByte(a) & 0xFF;
  }

  private void physWrite32(int address, int value) {
    for (int i = 0; i < 4; i++) {
      int a = (address + i) & addressMask;
      if ((pages[a >>> CpuBus.PAGE_SHIFT] & CpuBus.DIRECT_WRITE) != 0) {
        ram[a] = (byte) (value >> (8 * i));
      } else {
        closeFetchWindow();
        bus.writeByte(a, (value >> (8 * i)) & 0xFF);
      }
    }
  }

  /** The EFLAGS bits above 15 that software can change: AC on the 80486, and ID with CPUID. */
  private int highFlagsMask() {
    return is486 ? Flags.AC | Flags.ID : 0;
  }

  private CpuStop run386(long maxInstructions) {
    // The prefixes are reset after each prefixed instruction, not before every instruction.
    segOverride = -1;
    rep = 0;
    osz = false;
    asz = false;
    // The loop runs on the instruction count itself rather than on a counter of its own: C2
    // turns a loop on a long counter into a nest of int loops, whose bookkeeping (a dozen
    // instructions with stack loads) ran after every instruction, as this loop's body never
    // stays in the inner loop for long.
    long end =
        maxInstructions > Long.MAX_VALUE - instructions
            ? Long.MAX_VALUE
            : instructions + maxInstructions;
    while (instructions < end) {
      if (events != 0) {
        startIp = ip;
        startSp = r[SP];
        startSpHigh = rh[SP];
        CpuStop s;
        try {
          s = serviceEvents();
        } catch (NotModelled e) {
          s = exit;
          exit = null;
        }
        if (s != null) {
          return s;
        }
      }
      BlockTranslator t = translator;
      if (t != null) {
        int k = runBlock(t, end - instructions); // counts what it runs
        if (k > 0) {
          continue;
        }
        if (k < 0) {
          return stopAfterInstruction();
        }
      }
      boolean done;
      // Whether startSp and startSpHigh hold this instruction's ESP: saved only on the way to
      // the general decoders, whose instructions may move ESP before they fault. The fast forms
      // below leave ESP alone until they can no longer fault, so that a fault in them needs no
      // restore, and their commonest cases are spared two loads and two stores.
      boolean spSaved = false;
      try {
        // One instruction on the 80386 and 80486, decoded as in run(): prefixes (with FS, GS,
        // operand and address size), the opcode, its ModR/M operand, then execute386 or
        // twoByte386.
        startIp = ip;
        if (codeBig) {
          startSp = r[SP];
          startSpHigh = rh[SP];
          spSaved = true;
          done = step32(); // 32-bit code: no fast 16-bit forms
        } else {
          int op = fetch8();
          int d = decodeInfo[op];
          if (d == D_MODRM) { // not 0Fh nor a prefix, which have bits of their own

            int m = fetch8();
            modrm = m;
            regForm = m >= 0xC0;
            if (m < 0xC0) {
              eaEsp = false;
              decodeEa16();
            }
            // The commonest forms without a prefix are dispatched here rather than in
            // execute386, so that they are hot call sites of this loop, which the JIT inlines
            // whole; they do exactly what execute386 does with 16-bit operands and addresses.
            done = true;
            switch (op) {
              case 0x01: case 0x03: case 0x09: case 0x0B: case 0x11: case 0x13: case 0x19:
              case 0x1B: case 0x21: case 0x23: case 0x29: case 0x2B: case 0x31: case 0x33:
              case 0x39: case 0x3B:
                // The register form here rather than in aluWord16, which C2 compiles on its
                // own and then finds too big to inline: a call for the commonest ALU form.
                if (m >= 0xC0) {
                  if ((op & 2) == 0) {
                    aluRwRw(op, m & 7, (m >> 3) & 7);
                  } else {
                    aluRwRw(op, (m >> 3) & 7, m & 7);
                  }
                } else {
                  aluWord16(op, m);
                }
                break;
              case 0x00: case 0x02: case 0x08: case 0x0A: case 0x10: case 0x12: case 0x18:
              case 0x1A: case 0x20: case 0x22: case 0x28: case 0x2A: case 0x30: case 0x32:
              case 0x38: case 0x3A:
                aluByte16(op, m);
                break;
              case 0x81:
              case 0x83:
                aluWordImm16(op, m);
                break;
              case 0x89:
                if (m >= 0xC0) {
                  r[m & 7] = r[(m >> 3) & 7];
                } else {
                  st16(eaSeg, eaOff, r[(m >> 3) & 7]);
                }
                break;
              case 0x8B:
                r[(m >> 3) & 7] = m >= 0xC0 ? r[m & 7] : ld16(eaSeg, eaOff);
                break;
              case 0xD1:
                shiftWord1(m);
                break;
              default:
                startSp = r[SP];
                startSpHigh = rh[SP];
                spSaved = true;
                done = execute386(op);
                break;
            }
          } else if (d == 0) {
            done = true;
            switch (op) {
              case 0x40: case 0x41: case 0x42: case 0x43: case 0x44: case 0x45: case 0x46:
              case 0x47:
                incReg(op & 7);
                break;
              case 0x48: case 0x49: case 0x4A: case 0x4B: case 0x4C: case 0x4D: case 0x4E:
              case 0x4F:
                decReg(op & 7);
                break;
              case 0x50: case 0x51: case 0x52: case 0x53: case 0x54: case 0x55: case 0x56:
              case 0x57:
                push16(r[op & 7]); // PUSH SP pushes SP as it was before the push
                break;
              case 0x58: case 0x59: case 0x5A: case 0x5B: case 0x5C: case 0x5D: case 0x5E:
              case 0x5F:
                {
                  int v = pop16();
                  r[op & 7] = v;
                }
                break;
              case 0x70: case 0x71: case 0x72: case 0x73: case 0x74: case 0x75: case 0x76:
              case 0x77: case 0x78: case 0x79: case 0x7A: case 0x7B: case 0x7C: case 0x7D:
              case 0x7E: case 0x7F:
                jcc(op);
                break;
              case 0xB8: case 0xB9: case 0xBA: case 0xBB: case 0xBC: case 0xBD: case 0xBE:
              case 0xBF:
                r[op & 7] = fetch16();
                break;
              case 0xC3:
                ip = pop16();
                break;
              case 0xE8:
                {
                  int d16 = fetch16();
                  int target = ip + d16;
                  push16(ip);
                  ip = target & 0xFFFF;
                }
                break;
              case 0xE2:
                loopCx(op);
                break;
              default:
                startSp = r[SP];
                startSpHigh = rh[SP];
                spSaved = true;
                done = execute386(op);
                break;
            }
          } else if ((d & D_PREFIX386) != 0) {
            startSp = r[SP];
            startSpHigh = rh[SP];
            spSaved = true;
            try {
              done = step386Prefixed(op);
            } finally {
              segOverride = -1;
              rep = 0;
              osz = false;
              asz = false;
            }
          } else {
            startSp = r[SP];
            startSpHigh = rh[SP];
            spSaved = true;
            done = decode386(op);
          }
        }
      } catch (SegmentWrapFault f) {
        if (spSaved) {
          r[SP] = startSp;
          rh[SP] = startSpHigh;
        }
        repeatingAt = -1;
        raise(faultVector, startIp);
        done = true;
      } catch (NotModelled e) {
        done = false;
      }
      if (!done) {
        return stopAfterInstruction();
      }
      instructions++;
    }
    return CpuStop.BUDGET;
  }

  /**
   * The end of a run at an instruction that did not finish normally (it halted, stopped, called
   * the host or is not modelled): it counts unless it is not modelled.
   */
  private CpuStop stopAfterInstruction() {
    CpuStop s = exit;
    exit = null;
    if (s != null && s != CpuStop.UNSUPPORTED) {
      instructions++;
    }
    return s == null ? CpuStop.BUDGET : s;
  }

  /**
   * One instruction of a 32-bit code segment (CS.D set): the operand and address size are 32
   * bits unless a prefix says otherwise. Afterwards the prefix fields are back at the 16-bit
   * defaults that {@link #run386}'s loop expects between instructions.
   */
  private boolean step32() {
    osz = true;
    asz = true;
    try {
      int op = fetch8();
      int d = decodeInfo[op];
      if ((op & 0xE7) == 0x26 || (op & 0xFC) == 0xF0 || (op & 0xFC) == 0x64) {
        return step386Prefixed(op);
      }
      if (d == D_MODRM && op != 0x0F) {
        int m = fetch8();
        modrm = m;
        regForm = m >= 0xC0;
        if (m < 0xC0) {
          eaEsp = false;
          decodeEa32();
        }
        return execute386(op);
      }
      if (d == 0 && op != 0x0F) {
        return execute386(op);
      }
      return decode386(op);
    } finally {
      segOverride = -1;
      rep = 0;
      osz = false;
      asz = false;
    }
  }

  // ---- translated blocks (BlockTranslator) ---------------------------------------------------

  /**
   * Runs the translated block at CS:IP, translating the code there once it is hot.
   *
   * @return the instructions executed and counted; 0 where the interpreter is to run the next
   *     instruction; -1 where the run ends at an instruction, as when {@code execute386}
   *     returns false (the instructions before it counted, {@link #exit} set)
   */
  private int runBlock(BlockTranslator t, long left) {
    if (protectedMode || codeBig || events != 0 || repeatingAt == instructions) {
      return 0;
    }
    int base = segBase[CS];
    int lin = base + ip;
    if ((lin & addressMask) != lin || lin >= ram.length) {
      return 0;
    }
    Block b = t.find(base, ip, lin);
    if (b == null) {
      return 0;
    }
    if (b.count == 0) { // untranslatable: tried again if its bytes change
      if (!b.matches(ram, pages)) {
        t.drop(b);
      }
      return 0;
    }
    if (b.count > left) {
      return 0;
    }
    int k;
    blockDone = 0;
    startIp = ip;
    running = b;
    smcBias = Integer.MIN_VALUE - (b.phys - 3);
    smcLimit = Integer.MIN_VALUE + b.codeLength() + 3;
    try {
      k = b.run(this, (int) Math.min(left, Integer.MAX_VALUE));
    } catch (SegmentWrapFault f) {
      // As the interpreter's loop: the faulting instruction counts, restarts with SP as it was.
      segOverride = -1;
      running = null;
      int before = blockDone + b.indexOf(startIp);
      instructions += before; // the fault is delivered before its instruction counts
      r[SP] = startSp;
      rh[SP] = startSpHigh;
      repeatingAt = -1;
      raise(is386 ? faultVector : 13, startIp); // the 80286's word wrap is always #GP
      instructions++;
      return before + 1;
    } catch (NotModelled e) {
      segOverride = -1;
      running = null;
      instructions += blockDone + b.indexOf(startIp);
      return -1;
    } finally {
      running = null;
      smcLimit = Integer.MIN_VALUE;
      smc = false;
    }
    if (k == Block.STALE) {
      t.drop(b); // overwritten: translated again once hot
      return 0;
    }
    if (k < 0) {
      instructions += ~k;
      return -1;
    }
    instructions += k;
    return k;
  }

  // The pieces of instructions that translated blocks call, with what the decoder found as
  // arguments; each does what the interpreter does for that form (see run386 and execute386).

  /** Before an instruction that can fault: where it restarts and with which SP; IP after it. */
  void tBegin(int at, int next) {
    startIp = at;
    startSp = r[SP];
    startSpHigh = rh[SP];
    ip = next;
  }

  /** A 16-bit effective address: {@code kind} is ModR/M's rm, or 8 for a direct offset. */
  void tEa(int kind, int disp, int seg) {
    eaOff = ((kind == 8 ? 0 : base16(kind)) + disp) & 0xFFFF;
    eaSeg = seg;
    eaBase = segBase[seg]; // what the 16-bit models' methods address by
  }


  /**
   * Any instruction, as the interpreter runs it after decoding its opcode, ModR/M and
   * displacement (IP at {@code decoded}; the effective address set by {@link #tEa}): through
   * the model's execute386 or execute.
   *
   * @return 1 to go on with the block (IP is {@code next}, CS unchanged, no event waiting, the
   *     block's code not written), 0
   *     to end the block after the instruction, -1 to end the run at it
   */
  int tReplay(int at, int decoded, int op, int m, int seg, int next, int csBase) {
    startIp = at;
    startSp = r[SP];
    startSpHigh = rh[SP];
    ip = decoded;
    modrm = m;
    regForm = m >= 0xC0;
    eaEsp = false;
    segOverride = seg;
    rep = 0; // the 16-bit loop clears it per instruction, not after prefixed ones
    boolean done = is386 ? execute386(op) : execute(op);
    segOverride = -1;
    if (!done) {
      return -1;
    }
    return ip == next && segBase[CS] == csBase && events == 0 && !smc ? 1 : 0;
  }

  /**
   * Before a 16-bit model's written-out memory form: where it restarts, with which SP, IP after
   * it, its ModR/M and its effective address, as its decoder leaves them.
   */
  void tMem16(int at, int next, int kind, int disp, int seg, int m) {
    startIp = at;
    startSp = r[SP];
    ip = next;
    modrm = m;
    regForm = false;
    tEa(kind, disp, seg);
  }

  void tAluAl(int sub, int imm) {
    int res = aluM(sub, r[AX] & 0xFF, imm, 0xFF);
    if (sub != 7) {
      setReg8(AX, res);
    }
  }

  void tAluAx(int sub, int imm) {
    int res = aluM(sub, r[AX], imm, 0xFFFF);
    if (sub != 7) {
      r[AX] = res;
    }
  }

  void tAluRI8(int sub, int n, int imm) {
    int res = aluM(sub, reg8(n), imm, 0xFF);
    if (sub != 7) {
      setReg8(n, res);
    }
  }

  void tAluMI8(int sub, int imm) {
    int res = aluM(sub, ld8(eaSeg, eaOff), imm, 0xFF);
    if (sub != 7) {
      st8(eaSeg, eaOff, res);
    }
  }

  void tAluMI16(int sub, int imm) {
    int res = aluM(sub, ld16(eaSeg, eaOff), imm, 0xFFFF);
    if (sub != 7) {
      st16(eaSeg, eaOff, res);
    }
  }

  void tPush(int n) {
    push16(r[n]); // PUSH SP pushes SP as it was before the push
  }

  void tPop(int n) {
    int v = pop16();
    r[n] = v;
  }

  void tMovRI16(int n, int v) {
    r[n] = v;
  }

  void tMovRR8(int dst, int src) {
    setReg8(dst, reg8(src));
  }

  void tMovRR16(int dst, int src) {
    r[dst] = r[src];
  }

  void tStore8(int g) {
    st8(eaSeg, eaOff, reg8(g));
  }

  void tStore16(int g) {
    st16(eaSeg, eaOff, r[g]);
  }

  void tLoad8(int g) {
    setReg8(g, ld8(eaSeg, eaOff));
  }

  void tLoad16(int g) {
    r[g] = ld16(eaSeg, eaOff);
  }

  void tLea(int g) {
    r[g] = eaOff;
  }

  void tStoreImm8(int v) {
    st8(eaSeg, eaOff, v);
  }

  void tStoreImm16(int v) {
    st16(eaSeg, eaOff, v);
  }

  void tShiftR8(int sub, int n) {
    setReg8(n, shift1(sub, reg8(n), 0xFF));
  }

  void tShiftR16(int sub, int n) {
    r[n] = shift1(sub, r[n], 0xFFFF);
  }

  /** LOOP's count: whether CX, decremented, is not zero. */
  boolean tLoop() {
    int cx = (r[CX] - 1) & 0xFFFF;
    r[CX] = cx;
    return cx != 0;
  }

  void tCall(int next, int target) {
    push16(next);
    ip = target;
  }

  void tRet() {
    ip = pop16();
  }

  // ---- the fast forms of run386: 16-bit operands and addresses, no prefix ------------------

  /**
   * ALU 01h/03h-3Bh with a memory operand: Ev op Gv or Gv op Ev, as execute386 with a 16-bit
   * operand size (run386 does the register form itself).
   */
  private void aluWord16(int op, int m) {
    int g = (m >> 3) & 7;
    int e = ld16(eaSeg, eaOff);
    if ((op & 2) == 0) {
      int res = aluM(op >> 3, e, r[g], 0xFFFF);
      if ((op & 0x38) != 0x38) {
        st16(eaSeg, eaOff, res);
      }
    } else {
      int res = aluM(op >> 3, r[g], e, 0xFFFF);
      if ((op & 0x38) != 0x38) {
        r[g] = res;
      }
    }
  }

  /** ALU 00h/02h-3Ah: Eb op Gb or Gb op Eb. */
  private void aluByte16(int op, int m) {
    int g = (m >> 3) & 7;
    if (m >= 0xC0) {
      if ((op & 2) == 0) {
        aluRbRb(op, m & 7, g);
      } else {
        aluRbRb(op, g, m & 7);
      }
      return;
    }
    int e = ld8(eaSeg, eaOff);
    if ((op & 2) == 0) {
      int res = aluM(op >> 3, e, reg8(g), 0xFF);
      if ((op & 0x38) != 0x38) {
        st8(eaSeg, eaOff, res);
      }
    } else {
      int res = aluM(op >> 3, reg8(g), e, 0xFF);
      if ((op & 0x38) != 0x38) {
        setReg8(g, res);
      }
    }
  }

  /** 81h and 83h with a 16-bit operand size: the operand is read before the immediate. */
  private void aluWordImm16(int op, int m) {
    int sub = (m >> 3) & 7;
    if (m >= 0xC0) {
      int imm = op == 0x81 ? fetch16() : fetchS8() & 0xFFFF;
      aluRwI(sub, m & 7, imm);
      return;
    }
    int a = ld16(eaSeg, eaOff);
    int imm = op == 0x81 ? fetch16() : fetchS8() & 0xFFFF;
    int res = aluM(sub, a, imm, 0xFFFF);
    if (sub != 7) {
      st16(eaSeg, eaOff, res);
    }
  }

  /** D1h with a 16-bit operand size: a word shifted or rotated by one. */
  private void shiftWord1(int m) {
    int sub = (m >> 3) & 7;
    if (m >= 0xC0) {
      int n = m & 7;
      r[n] = shift1(sub, r[n], 0xFFFF);
    } else {
      st16(eaSeg, eaOff, shift1(sub, ld16(eaSeg, eaOff), 0xFFFF));
    }
  }

  /** Aborts the instruction with a fault: restarted after the handler, ESP as it was. */
  private RuntimeException fault(int vector) {
    faultVector = vector;
    faultCode = 0;
    return WRAP_FAULT;
  }

  /** An offset past a segment's limit: #SS through SS, #GP otherwise. */
  private RuntimeException limitFault(int seg) {
    return fault(seg == SS ? 12 : 13);
  }

  private void checkLimit(int seg, int off, int extra) {
    long o = off & 0xFFFF_FFFFL;
    if (o + extra > (segLimit[seg] & 0xFFFF_FFFFL) || o < segFloor[seg]) {
      throw limitFault(seg);
    }
  }

  private int ld8(int seg, int off) {
    checkLimit(seg, off, 0);
    return rb(segBase[seg] + off);
  }

  private int ld16(int seg, int off) {
    checkLimit(seg, off, 1);
    int lin = segBase[seg] + off;
    int a = lin & addressMask;
    if (!paging
        && (a & 0xFFF) != 0xFFF
        && (pages[a >>> CpuBus.PAGE_SHIFT] & CpuBus.DIRECT_READ) != 0) {
      return (ram[a] & 0xFF) | (ram[a + 1] & 0xFF) << 8;
    }
    return rb(lin) | rb(lin + 1) << 8;
  }

  private int ld32(int seg, int off) {
    checkLimit(seg, off, 3);
    int lin = segBase[seg] + off;
    int a = lin & addressMask;
    if (!paging
        && (a & 0xFFF) <= 0xFFC
        && (pages[a >>> CpuBus.PAGE_SHIFT] & CpuBus.DIRECT_READ) != 0) {
      return (ram[a] & 0xFF)
          | (ram[a + 1] & 0xFF) << 8
          | (ram[a + 2] & 0xFF) << 16
          | (ram[a + 3] & 0xFF) << 24;
    }
    return rb(lin) | rb(lin + 1) << 8 | rb(lin + 2) << 16 | rb(lin + 3) << 24;
  }

  private void st8(int seg, int off, int v) {
    checkLimit(seg, off, 0);
    wb(segBase[seg] + off, v);
  }

  private void st16(int seg, int off, int v) {
    checkLimit(seg, off, 1);
    int lin = segBase[seg] + off;
    int a = lin & addressMask;
    if (paging) {
      probeWrite(lin, 2);
    } else if ((a & 0xFFF) != 0xFFF
        && (pages[a >>> CpuBus.PAGE_SHIFT] & CpuBus.DIRECT_WRITE) != 0) {
      if (a + smcBias < smcLimit) {
        smc = true;
      }
      ram[a] = (byte) v;
      ram[a + 1] = (byte) (v >> 8);
      return;
    }
    wb(lin, v);
    wb(lin + 1, v >> 8);
  }

  private void st32(int seg, int off, int v) {
    checkLimit(seg, off, 3);
    int lin = segBase[seg] + off;
    int a = lin & addressMask;
    if (paging) {
      probeWrite(lin, 4);
    } else if ((a & 0xFFF) <= 0xFFC
        && (pages[a >>> CpuBus.PAGE_SHIFT] & CpuBus.DIRECT_WRITE) != 0) {
      if (a + smcBias < smcLimit) {
        smc = true;
      }
      ram[a] = (byte) v;
      ram[a + 1] = (byte) (v >> 8);
      ram[a + 2] = (byte) (v >> 16);
      ram[a + 3] = (byte) (v >> 24);
      return;
    }
    wb(lin, v);
    wb(lin + 1, v >> 8);
    wb(lin + 2, v >> 16);
    wb(lin + 3, v >> 24);
  }

  /** Reads 1, 2 or 4 bytes. */
  private int ldN(int seg, int off, int size) {
    return size == 1 ? ld8(seg, off) : size == 2 ? ld16(seg, off) : ld32(seg, off);
  }

  private void stN(int seg, int off, int v, int size) {
    if (size == 1) {
      st8(seg, off, v);
    } else if (size == 2) {
      st16(seg, off, v);
    } else {
      st32(seg, off, v);
    }
  }

  private int fetch32() {
    int lo = fetch16();
    return lo | fetch16() << 16;
  }

  /** An immediate of the operand size. */
  private int fetchV() {
    return osz ? fetch32() : fetch16();
  }

  private int reg32(int n) {
    return r[n] | rh[n] << 16;
  }

  private void setReg32(int n, int v) {
    r[n] = v & 0xFFFF;
    rh[n] = v >>> 16;
  }

  /** A general register at the operand size. */
  private int regV(int n) {
    return osz ? r[n] | rh[n] << 16 : r[n];
  }

  private void setRegV(int n, int v) {
    r[n] = v & 0xFFFF;
    if (osz) {
      rh[n] = v >>> 16;
    }
  }

  /** The mask of the operand size. */
  private int vmask() {
    return osz ? 0xFFFF_FFFF : 0xFFFF;
  }

  private int vsize() {
    return osz ? 4 : 2;
  }

  // ---- ModR/M on the 32-bit models -----------------------------------------------------------

  private void decodeEa386() {
    eaEsp = false;
    if (asz) {
      decodeEa32();
    } else {
      decodeEa16();
    }
  }

  /** The 16-bit forms, as {@link #decodeEa}, keeping the segment for the limit check. */
  private void decodeEa16() {
    int mod = modrm >> 6;
    int rm = modrm & 7;
    int off = mod == 0 && rm == 6 ? fetch16() : base16(rm);
    if (mod == 1) {
      off += fetchS8();
    } else if (mod == 2) {
      off += fetch16();
    }
    eaOff = off & 0xFFFF;
    eaSeg = segOverride >= 0 ? segOverride : segment16(mod, rm);
  }

  /** The registers' part of a 16-bit effective address (rm 6 is BP; mod 0 rm 6 has none). */
  private int base16(int rm) {
    switch (rm) {
      case 0:
        return r[BX] + r[SI];
      case 1:
        return r[BX] + r[DI];
      case 2:
        return r[BP] + r[SI];
      case 3:
        return r[BP] + r[DI];
      case 4:
        return r[SI];
      case 5:
        return r[DI];
      case 6:
        return r[BP];
      default:
        return r[BX];
    }
  }

  /** The default segment of a 16-bit memory operand: SS where BP is a base, else DS. */
  static int segment16(int mod, int rm) {
    return rm == 2 || rm == 3 || (rm == 6 && mod != 0) ? SS : DS;
  }


  /**
   * The 32-bit forms: any general register as a base, a SIB byte (rm = 4) adding a scaled
   * index, a 32-bit displacement alone (mod 0, rm or SIB base 5), EBP or ESP as a base taking
   * SS.
   */
  private void decodeEa32() {
    int mod = modrm >> 6;
    int rm = modrm & 7;
    int off;
    int seg = DS;
    if (rm == 4) {
      int sib = fetch8();
      int base = sib & 7;
      int index = (sib >> 3) & 7;
      off = index == 4 ? 0 : reg32(index) << (sib >> 6);
      if (base == 5 && mod == 0) {
        off += fetch32();
      } else {
        off += reg32(base);
        if (base == SP || base == BP) {
          seg = SS;
        }
        eaEsp = base == SP;
      }
    } else if (rm == 5 && mod == 0) {
      off = fetch32();
    } else {
      off = reg32(rm);
      if (rm == BP) {
        seg = SS;
      }
    }
    if (mod == 1) {
      off += fetchS8();
    } else if (mod == 2) {
      off += fetch32();
    }
    eaOff = off;
    eaSeg = segOverride >= 0 ? segOverride : seg;
  }

  private int getE8() {
    return regForm ? reg8(modrm & 7) : ld8(eaSeg, eaOff);
  }

  private void setE8(int v) {
    if (regForm) {
      setReg8(modrm & 7, v);
    } else {
      st8(eaSeg, eaOff, v);
    }
  }

  private int getE16() {
    return regForm ? r[modrm & 7] : ld16(eaSeg, eaOff);
  }

  private void setE16(int v) {
    if (regForm) {
      r[modrm & 7] = v & 0xFFFF;
    } else {
      st16(eaSeg, eaOff, v);
    }
  }

  private int getEv() {
    if (regForm) {
      return regV(modrm & 7);
    }
    return osz ? ld32(eaSeg, eaOff) : ld16(eaSeg, eaOff);
  }

  private void setEv(int v) {
    if (regForm) {
      setRegV(modrm & 7, v);
    } else if (osz) {
      st32(eaSeg, eaOff, v);
    } else {
      st16(eaSeg, eaOff, v);
    }
  }

  private int getGv() {
    return regV(regField());
  }

  private void setGv(int v) {
    setRegV(regField(), v);
  }

  /** A memory operand at the operand size, {@code extra} bytes past the effective address. */
  private int ldV(int extra) {
    int off = eaOff + extra;
    return osz ? ld32(eaSeg, off) : ld16(eaSeg, off);
  }

  /** Segment for string sources, XLAT and moffs: DS unless overridden. */
  private int dataSeg() {
    return segOverride >= 0 ? segOverride : DS;
  }

  // ---- stack (a 16-bit stack segment moves SP and keeps ESP's upper half; a 32-bit one ESP) ---

  private void push16(int v) {
    if (stackBig) {
      int sp = sp() - 2;
      st16(SS, sp, v);
      setSp(sp);
      return;
    }
    int sp = (r[SP] - 2) & 0xFFFF;
    st16(SS, sp, v);
    r[SP] = sp;
  }

  private void push32(int v) {
    if (stackBig) {
      int sp = sp() - 4;
      st32(SS, sp, v);
      setSp(sp);
      return;
    }
    int sp = (r[SP] - 4) & 0xFFFF;
    st32(SS, sp, v);
    r[SP] = sp;
  }

  private void pushV(int v) {
    if (osz) {
      push32(v);
    } else {
      push16(v);
    }
  }

  private int pop16() {
    if (stackBig) {
      int sp = sp();
      int v = ld16(SS, sp);
      setSp(sp + 2);
      return v;
    }
    int sp = r[SP];
    int v = ld16(SS, sp);
    r[SP] = (sp + 2) & 0xFFFF;
    return v;
  }

  private int pop32() {
    if (stackBig) {
      int sp = sp();
      int v = ld32(SS, sp);
      setSp(sp + 4);
      return v;
    }
    int sp = r[SP];
    int v = ld32(SS, sp);
    r[SP] = (sp + 4) & 0xFFFF;
    return v;
  }

  private int popV() {
    return osz ? pop32() : pop16();
  }

  /**
   * A near transfer to {@code target}: with a 16-bit operand size IP wraps within the
   * segment; with a 32-bit one a target past the code segment's limit raises #GP.
   */
  private void jumpNear(int target) {
    if (osz) {
      checkNearTarget(target);
      ip = target;
    } else {
      ip = target & 0xFFFF;
    }
  }

  /** #GP for a 32-bit near target past the code segment's limit, before anything is pushed. */
  private void checkNearTarget(int target) {
    if (Integer.compareUnsigned(target, segLimit[CS]) > 0) {
      throw fault(13);
    }
  }

  /**
   * A far JMP: in real and V86 mode the offset is checked against the 64 KiB of the segment
   * before CS changes; in protected mode the target's descriptor decides.
   */
  private void jumpFar(int seg, int off) {
    if (protectedMode && !v86()) {
      farTransferProtected(seg, off, false);
      return;
    }
    loadCsReal(seg, off);
  }

  /** A far CALL: CS and EIP pushed at the operand size, unless a gate or task decides. */
  private void callFar(int seg, int off) {
    if (protectedMode && !v86()) {
      farTransferProtected(seg, off, true);
      return;
    }
    checkRealFarOffset(off);
    pushV(sreg[CS]);
    pushV(ip);
    loadCsReal(seg, off);
  }

  /** RETF, with {@code n} bytes of parameters to release. */
  private void returnFar(int n) {
    if (protectedMode && !v86()) {
      returnFarProtected(n);
      return;
    }
    int newIp = popV();
    int newCs = popV() & 0xFFFF;
    loadCsReal(newCs, newIp);
    setSp(sp() + n);
  }

  /** IRET and IRETD. */
  private void interruptReturn() {
    if (protectedMode && !v86()) {
      iretProtected();
      return;
    }
    requireV86Iopl();
    int newIp = popV();
    int newCs = popV() & 0xFFFF;
    int f = popV();
    loadCsReal(newCs, newIp);
    loadFlagsAt(f, osz, cpl);
  }

  private void loadCsReal(int seg, int off) {
    checkRealFarOffset(off);
    if (v86()) {
      setSegV86(CS, seg);
    } else {
      setSegReal(CS, seg);
    }
    ip = off;
  }

  private void checkRealFarOffset(int off) {
    if ((!protectedMode || v86()) && (off & 0xFFFF_0000) != 0) {
      throw fault(13);
    }
  }

  // ---- EFLAGS --------------------------------------------------------------------------------

  /** EFLAGS as PUSHFD stores it: RF and VM read as zero in the image. */
  private int eflags32() {
    return flagsWord() | (eflagsHigh & ~(Flags.RF | Flags.VM));
  }

  /** POPFD and IRETD in real mode: the low word as POPF, AC (80486) and ID (with CPUID). */
  private void loadEflags32(int v) {
    loadFlags(v);
    int m = highFlagsMask();
    eflagsHigh = (eflagsHigh & ~m) | (v & m);
  }

  // ---- arithmetic at the operand size -----------------------------------------------------------

  private int alu32(int op, int a, int b) {
    int res;
    switch (op) {
      case 0:
        res = a + b;
        lazyM(L_ADD32, a, b, res, -1);
        break;
      case 1:
        res = a | b;
        lazyM(L_LOGIC, a, b, res, -1);
        break;
      case 2:
        res = a + b + cf();
        lazyM(L_ADD32, a, b, res, -1);
        break;
      case 3:
        res = a - b - cf();
        lazyM(L_SUB32, a, b, res, -1);
        break;
      case 4:
        res = a & b;
        lazyM(L_LOGIC, a, b, res, -1);
        break;
      case 6:
        res = a ^ b;
        lazyM(L_LOGIC, a, b, res, -1);
        break;
      default:
        res = a - b;
        lazyM(L_SUB32, a, b, res, -1);
        break;
    }
    return res;
  }

  private int aluV(int op, int a, int b) {
    return osz ? alu32(op, a, b) : alu(op, a, b, true);
  }

  private int aluN(int op, int a, int b, int size) {
    return size == 4 ? alu32(op, a, b) : alu(op, a, b, size == 2);
  }

  private int incV(int v) {
    if (!osz) {
      return inc(v, true);
    }
    int c = cf();
    int res = v + 1;
    lazyM(L_INC, v, 1, res, -1);
    flagBits = c;
    return res;
  }

  private int decV(int v) {
    if (!osz) {
      return dec(v, true);
    }
    int c = cf();
    int res = v - 1;
    lazyM(L_DEC, v, 1, res, -1);
    flagBits = c;
    return res;
  }

  private void testV(int a, int b) {
    lazyM(L_LOGIC, a, b, a & b, vmask());
  }

  // ---- decoding --------------------------------------------------------------------------------

  /** An instruction without prefixes, after its first byte, at the code segment's sizes. */
  private boolean decode386(int op) {
    if (op == 0x0F) {
      if (hostCallback()) {
        return true;
      }
      return twoByte386(0, false);
    }
    int d = decodeInfo[op];
    if ((d & D_MODRM) != 0) {
      int m = fetch8();
      modrm = m;
      regForm = m >= 0xC0;
      if (m < 0xC0) {
        decodeEa386();
      }
      if ((d & D_CHECK) != 0) {
        int f = form[op * 8 + ((m >> 3) & 7)];
        if (f == 0 || (f == 2 && m >= 0xC0)) {
          invalidOpcode();
          return true;
        }
      }
    } else if ((d & D_INVALID) != 0) {
      invalidOpcode();
      return true;
    }
    return execute386(op);
  }

  /** An instruction that starts with a prefix on the 80386 and 80486. */
  private boolean step386Prefixed(int first) {
    boolean lock = false;
    int op = first;
    int prefixes = 0;
    prefixLoop:
    for (; ; prefixes++) {
      if (prefixes >= 15) {
        raise(13, startIp); // longer than the 15 bytes an instruction may have
        return true;
      }
      if (prefixes > 0) {
        op = fetch8();
      }
      switch (op) {
        case 0x26:
          segOverride = ES;
          break;
        case 0x2E:
          segOverride = CS;
          break;
        case 0x36:
          segOverride = SS;
          break;
        case 0x3E:
          segOverride = DS;
          break;
        case 0x64:
        case 0x65:
        case 0x66:
        case 0x67:
          if (!is386) {
            invalidOpcode(); // the 80286 in protected mode: not prefixes
            return true;
          }
          if (op == 0x64 || op == 0x65) {
            segOverride = op - 0x60;
          } else if (op == 0x66) {
            osz = !codeBig;
          } else {
            asz = !codeBig;
          }
          break;
        case 0xF0:
          lock = true;
          break;
        case 0xF2:
          rep = 2;
          break;
        case 0xF3:
          rep = 3;
          break;
        default:
          break prefixLoop;
      }
    }
    if (op == 0x0F) {
      if (hostCallback()) {
        return true;
      }
      return twoByte386(prefixes, lock);
    }
    if (table.modrm[op]) {
      modrm = fetch8();
      regForm = modrm >= 0xC0;
      int f = form[op * 8 + ((modrm >> 3) & 7)];
      if (!regForm) {
        decodeEa386();
      }
      if (f == 0 || (f == 2 && regForm)) {
        invalidOpcode();
        return true;
      }
    } else if (form[op * 8] == 0) {
      invalidOpcode();
      return true;
    }
    if (lock && (regForm || !lockable(op))) {
      invalidOpcode(); // LOCK only before a read-modify-write of memory
      return true;
    }
    if (prefixes >= 4 && tooLong386(table.row(op, modrm))) {
      raise(13, startIp);
      return true;
    }
    return execute386(op);
  }

  /** The one-byte instructions LOCK may prefix (with a memory destination). */
  private boolean lockable(int op) {
    if (op < 0x40) {
      return (op & 7) <= 1 && op != 0x38 && op != 0x39 && table.modrm[op];
    }
    int sub = regField();
    switch (op) {
      case 0x80:
      case 0x81:
      case 0x82:
      case 0x83:
        return sub != 7;
      case 0x86:
      case 0x87:
        return true;
      case 0xF6:
      case 0xF7:
        return sub == 2 || sub == 3;
      case 0xFE:
      case 0xFF:
        return sub <= 1;
      default:
        return false;
    }
  }

  /**
   * Whether the instruction being decoded is longer than 15 bytes with its immediates; only
   * asked when there are four or more prefixes.
   */
  private boolean tooLong386(OpcodeTable.@Nullable Row row) {
    int length = (ip - startIp) & 0xFFFF;
    if (row != null) {
      for (int k : row.operands()) {
        switch (k) {
          case OpcodeTable.IB:
          case OpcodeTable.IS:
          case OpcodeTable.JB:
            length += 1;
            break;
          case OpcodeTable.IW:
            length += 2;
            break;
          case OpcodeTable.IV:
          case OpcodeTable.JV:
            length += osz ? 4 : 2;
            break;
          case OpcodeTable.OB:
          case OpcodeTable.OV:
            length += asz ? 4 : 2;
            break;
          case OpcodeTable.AP:
            length += osz ? 6 : 4;
            break;
          default:
            break;
        }
      }
    }
    return length > 15;
  }

  private boolean execute386(int op) {
    switch (op) {
      case 0x00: case 0x08: case 0x10: case 0x18: case 0x20: case 0x28: case 0x30: case 0x38:
        if (regForm) {
          aluRbRb(op, modrm & 7, (modrm >> 3) & 7);
          break;
        }
        {
          int res = alu(op >> 3, getE8(), getGb(), false);
          if (op != 0x38) {
            setE8(res);
          }
        }
        break;
      case 0x01: case 0x09: case 0x11: case 0x19: case 0x21: case 0x29: case 0x31: case 0x39:
        if (regForm && !osz) {
          aluRwRw(op, modrm & 7, (modrm >> 3) & 7);
          break;
        }
        {
          int res = aluV(op >> 3, getEv(), getGv());
          if (op != 0x39) {
            setEv(res);
          }
        }
        break;
      case 0x02: case 0x0A: case 0x12: case 0x1A: case 0x22: case 0x2A: case 0x32: case 0x3A:
        if (regForm) {
          aluRbRb(op, (modrm >> 3) & 7, modrm & 7);
          break;
        }
        {
          int res = alu(op >> 3, getGb(), getE8(), false);
          if (op != 0x3A) {
            setGb(res);
          }
        }
        break;
      case 0x03: case 0x0B: case 0x13: case 0x1B: case 0x23: case 0x2B: case 0x33: case 0x3B:
        if (regForm && !osz) {
          aluRwRw(op, (modrm >> 3) & 7, modrm & 7);
          break;
        }
        {
          int res = aluV(op >> 3, getGv(), getEv());
          if (op != 0x3B) {
            setGv(res);
          }
        }
        break;
      case 0x04: case 0x0C: case 0x14: case 0x1C: case 0x24: case 0x2C: case 0x34: case 0x3C:
        {
          int res = alu(op >> 3, r[AX] & 0xFF, fetch8(), false);
          if (op != 0x3C) {
            setReg8(0, res);
          }
        }
        break;
      case 0x05: case 0x0D: case 0x15: case 0x1D: case 0x25: case 0x2D: case 0x35: case 0x3D:
        if (!osz) {
          aluAxIw(op);
          break;
        }
        {
          int res = aluV(op >> 3, regV(AX), fetchV());
          if (op != 0x3D) {
            setRegV(AX, res);
          }
        }
        break;
      case 0x06: case 0x0E: case 0x16: case 0x1E:
        pushV(sreg[op >> 3]); // a doubleword push stores the selector zero-extended
        break;
      case 0x07: case 0x17: case 0x1F:
        {
          int v = popV();
          loadSeg(op >> 3, v);
          if (op == 0x17) {
            inhibitInterrupts();
          }
        }
        break;
      case 0x27:
        daa();
        break;
      case 0x2F:
        das();
        break;
      case 0x37:
        aaa();
        break;
      case 0x3F:
        aas();
        break;
      case 0x40: case 0x41: case 0x42: case 0x43: case 0x44: case 0x45: case 0x46: case 0x47:
        if (!osz) {
          incReg(op & 7);
          break;
        }
        setRegV(op & 7, incV(regV(op & 7)));
        break;
      case 0x48: case 0x49: case 0x4A: case 0x4B: case 0x4C: case 0x4D: case 0x4E: case 0x4F:
        if (!osz) {
          decReg(op & 7);
          break;
        }
        setRegV(op & 7, decV(regV(op & 7)));
        break;
      case 0x50: case 0x51: case 0x52: case 0x53: case 0x54: case 0x55: case 0x56: case 0x57:
        pushV(regV(op & 7)); // PUSH SP pushes SP as it was before the push
        break;
      case 0x58: case 0x59: case 0x5A: case 0x5B: case 0x5C: case 0x5D: case 0x5E: case 0x5F:
        {
          int v = popV();
          setRegV(op & 7, v);
        }
        break;
      case 0x60:
        {
          int sp = regV(SP);
          for (int i = 0; i < 8; i++) {
            pushV(i == SP ? sp : regV(i));
          }
        }
        break;
      case 0x61:
        {
          for (int i = 7; i >= 0; i--) {
            int v = popV();
            if (i != SP) {
              setRegV(i, v);
            }
          }
        }
        break;
      case 0x62:
        {
          int lo = osz ? ldV(0) : (short) ldV(0);
          int hi = osz ? ldV(4) : (short) ldV(2);
          int v = osz ? getGv() : (short) getGv();
          if (v < lo || v > hi) {
            raise(5, startIp);
          }
        }
        break;
      case 0x63:
        if (!protectedMode || v86()) {
          invalidOpcode(); // ARPL: protected mode only
          break;
        }
        {
          int dest = getE16();
          int src = r[regField()];
          if ((dest & 3) < (src & 3)) {
            setE16((dest & ~3) | (src & 3));
            setArith(arith() | ZF);
          } else {
            setArith(arith() & ~ZF);
          }
        }
        break;
      case 0x68:
        pushV(fetchV());
        break;
      case 0x6A:
        pushV(fetchS8());
        break;
      case 0x69:
      case 0x6B:
        if (osz) {
          int a = getEv();
          int b = op == 0x69 ? fetch32() : fetchS8();
          long p = (long) a * b;
          setGv((int) p);
          setSzpM((int) p, -1, p == (int) p ? 0 : CF | OF);
        } else {
          int a = (short) getEv();
          int b = op == 0x69 ? (short) fetch16() : fetchS8();
          int p = a * b;
          setGv(p);
          setSzp(p, true, p == (short) p ? 0 : CF | OF);
        }
        break;
      case 0x6C: case 0x6D: case 0x6E: case 0x6F:
      case 0xA4: case 0xA5: case 0xA6: case 0xA7:
      case 0xAA: case 0xAB: case 0xAC: case 0xAD: case 0xAE: case 0xAF:
        stringOp386(op);
        break;
      case 0x70: case 0x71: case 0x72: case 0x73: case 0x74: case 0x75: case 0x76: case 0x77:
      case 0x78: case 0x79: case 0x7A: case 0x7B: case 0x7C: case 0x7D: case 0x7E: case 0x7F:
        if (!osz) {
          jcc(op); // IP wraps within the segment, as jumpNear does at this operand size
          break;
        }
        {
          int d = fetchS8();
          if (condition(op & 0xF)) {
            jumpNear(ip + d);
          }
        }
        break;
      case 0x80:
      case 0x82:
        if (regForm) {
          aluEbIb();
          break;
        }
        {
          int sub = regField();
          int res = alu(sub, getE8(), fetch8(), false);
          if (sub != 7) {
            setE8(res);
          }
        }
        break;
      case 0x81:
      case 0x83:
        if (regForm && !osz) {
          int imm = op == 0x81 ? fetch16() : fetchS8() & 0xFFFF;
          aluRwI((modrm >> 3) & 7, modrm & 7, imm);
          break;
        }
        {
          int sub = regField();
          int a = getEv();
          int b = op == 0x81 ? fetchV() : fetchS8() & vmask();
          int res = aluV(sub, a, b);
          if (sub != 7) {
            setEv(res);
          }
        }
        break;
      case 0x84:
        {
          int a = getE8();
          int b = getGb();
          lazy(L_LOGIC, a, b, a & b, false);
        }
        break;
      case 0x85:
        if (regForm && !osz) {
          testEwGw();
          break;
        }
        testV(getEv(), getGv());
        break;
      case 0x86:
        {
          int a = getE8();
          int b = getGb();
          setE8(b);
          setGb(a);
        }
        break;
      case 0x87:
        {
          int a = getEv();
          int b = getGv();
          setEv(b);
          setGv(a);
        }
        break;
      case 0x88:
        if (regForm) {
          movEbGb();
          break;
        }
        setE8(getGb());
        break;
      case 0x89:
        if (regForm && !osz) {
          movEwGw();
          break;
        }
        setEv(getGv());
        break;
      case 0x8A:
        if (regForm) {
          movGbEb();
          break;
        }
        setGb(getE8());
        break;
      case 0x8B:
        if (regForm && !osz) {
          movGwEw();
          break;
        }
        setGv(getEv());
        break;
      case 0x8C:
        // A register destination takes the selector zero-extended at the operand size; memory
        // always a word.
        if (regForm) {
          setRegV(modrm & 7, sreg[regField()]);
        } else {
          st16(eaSeg, eaOff, sreg[regField()]);
        }
        break;
      case 0x8D:
        setGv(eaOff);
        break;
      case 0x8E:
        {
          int s = regField();
          loadSeg(s, getE16());
          if (s == SS) {
            inhibitInterrupts();
          }
        }
        break;
      case 0x8F:
        {
          // POP [ESP+n] addresses with ESP as it is after the pop.
          int v = popV();
          if (eaEsp && !regForm) {
            eaOff += vsize();
          }
          setEv(v);
        }
        break;
      case 0x90:
        break;
      case 0x91: case 0x92: case 0x93: case 0x94: case 0x95: case 0x96: case 0x97:
        {
          int t = regV(AX);
          setRegV(AX, regV(op & 7));
          setRegV(op & 7, t);
        }
        break;
      case 0x98:
        if (osz) {
          setReg32(AX, (short) r[AX]);
        } else {
          r[AX] = (byte) r[AX] & 0xFFFF;
        }
        break;
      case 0x99:
        if (osz) {
          setReg32(DX, reg32(AX) >> 31);
        } else {
          r[DX] = (r[AX] & 0x8000) != 0 ? 0xFFFF : 0;
        }
        break;
      case 0x9A:
        {
          int off = fetchV();
          int seg = fetch16();
          callFar(seg, off);
        }
        break;
      case 0x9B:
        if ((cr0 & (CR0_MP | CR0_TS)) == (CR0_MP | CR0_TS)) {
          raise(7, startIp); // WAIT with MP and TS set: #NM
        }
        break;
      case 0x9C:
        requireV86Iopl();
        if (osz) {
          push32(eflags32());
        } else {
          push16(flagsWord());
        }
        break;
      case 0x9D:
        requireV86Iopl();
        loadFlagsAt(osz ? pop32() : pop16(), osz, cpl);
        break;
      case 0x9E:
        setArith((arith() & OF) | ((r[AX] >> 8) & (CF | PF | AF | ZF | SF)));
        break;
      case 0x9F:
        setReg8(4, flagsWord() & 0xFF);
        break;
      case 0xA0:
        {
          int off = asz ? fetch32() : fetch16();
          setReg8(0, ld8(dataSeg(), off));
        }
        break;
      case 0xA1:
        {
          int off = asz ? fetch32() : fetch16();
          setRegV(AX, osz ? ld32(dataSeg(), off) : ld16(dataSeg(), off));
        }
        break;
      case 0xA2:
        {
          int off = asz ? fetch32() : fetch16();
          st8(dataSeg(), off, r[AX]);
        }
        break;
      case 0xA3:
        {
          int off = asz ? fetch32() : fetch16();
          if (osz) {
            st32(dataSeg(), off, reg32(AX));
          } else {
            st16(dataSeg(), off, r[AX]);
          }
        }
        break;
      case 0xA8:
        {
          int a = r[AX] & 0xFF;
          int b = fetch8();
          lazy(L_LOGIC, a, b, a & b, false);
        }
        break;
      case 0xA9:
        testV(regV(AX), fetchV());
        break;
      case 0xB0: case 0xB1: case 0xB2: case 0xB3: case 0xB4: case 0xB5: case 0xB6: case 0xB7:
        setReg8(op & 7, fetch8());
        break;
      case 0xB8: case 0xB9: case 0xBA: case 0xBB: case 0xBC: case 0xBD: case 0xBE: case 0xBF:
        if (!osz) {
          movRwIw(op & 7);
          break;
        }
        setRegV(op & 7, fetchV());
        break;
      case 0xC0:
      case 0xC1:
      case 0xD0:
      case 0xD1:
      case 0xD2:
      case 0xD3:
        if (op >= 0xD0 && regForm && (!osz || (op & 1) == 0)) {
          shiftGroup(op); // counts masked to five bits, as here
          break;
        }
        {
          boolean bytes = (op & 1) == 0;
          int v = bytes ? getE8() : getEv();
          int count;
          if (op <= 0xC1) {
            count = fetch8() & 0x1F;
          } else {
            count = (op & 2) != 0 ? r[CX] & 0x1F : 1;
          }
          int res = shift(regField(), v, count, bytes ? 0xFF : vmask());
          if (bytes) {
            setE8(res);
          } else {
            setEv(res);
          }
        }
        break;
      case 0xC2:
      case 0xC3:
        {
          int n = op == 0xC2 ? fetch16() : 0;
          int target = popV();
          jumpNear(target);
          setSp(sp() + n);
        }
        break;
      case 0xC4:
      case 0xC5:
        {
          int off = ldV(0);
          int seg = ld16(eaSeg, eaOff + vsize());
          loadSeg(op == 0xC4 ? ES : DS, seg);
          setGv(off);
        }
        break;
      case 0xC6:
        setE8(fetch8());
        break;
      case 0xC7:
        setEv(fetchV());
        break;
      case 0xC8:
        enter386();
        break;
      case 0xC9:
        {
          setSp(stackBig ? reg32(BP) : r[BP]);
          int v = popV();
          setRegV(BP, v);
        }
        break;
      case 0xCA:
      case 0xCB:
        {
          returnFar(op == 0xCA ? fetch16() : 0);
        }
        break;
      case 0xCC:
        softwareInterrupt(3);
        break;
      case 0xCD:
        {
          int v = fetch8();
          requireV86Iopl();
          softwareInterrupt(v);
        }
        break;
      case 0xCE:
        if ((arith() & OF) != 0) {
          softwareInterrupt(4);
        }
        break;
      case 0xCF:
        interruptReturn();
        break;
      case 0xD4:
        {
          int base = fetch8();
          if (base == 0) {
            divideError();
            break;
          }
          int al = r[AX] & 0xFF;
          int res = (al / base) << 8 | (al % base);
          r[AX] = res;
          setSzp(res, false, 0);
        }
        break;
      case 0xD5:
        {
          int base = fetch8();
          int al = r[AX] & 0xFF;
          int b = (((r[AX] >> 8) & 0xFF) * base) & 0xFF;
          int res = al + b;
          lazy(L_ADD, al, b, res, false);
          r[AX] = res & 0xFF;
        }
        break;
      case 0xD6:
        setReg8(0, cf() != 0 ? 0xFF : 0);
        break;
      case 0xD7:
        {
          int off = asz ? reg32(BX) + (r[AX] & 0xFF) : (r[BX] + (r[AX] & 0xFF)) & 0xFFFF;
          setReg8(0, ld8(dataSeg(), off));
        }
        break;
      case 0xD8: case 0xD9: case 0xDA: case 0xDB: case 0xDC: case 0xDD: case 0xDE: case 0xDF:
        // No FPU: with EM or TS set the ESC raises #NM for an emulator; otherwise nothing
        // answers, so nothing is stored (FNSTSW [mem] leaves memory as it was, the usual
        // detection sequence finds no FPU).
        if ((cr0 & (CR0_EM | CR0_TS)) != 0) {
          raise(7, startIp);
        }
        break;
      case 0xE0:
      case 0xE1:
      case 0xE2:
        if (!osz && !asz) {
          loopCx(op);
          break;
        }
        {
          int d = fetchS8();
          int count;
          if (asz) {
            count = reg32(CX) - 1;
            setReg32(CX, count);
          } else {
            count = (r[CX] - 1) & 0xFFFF;
            r[CX] = count;
          }
          boolean z = (arith() & ZF) != 0;
          if (count != 0 && (op == 0xE2 || (op == 0xE1) == z)) {
            jumpNear(ip + d);
          }
        }
        break;
      case 0xE3:
        {
          int d = fetchS8();
          if ((asz ? reg32(CX) : r[CX]) == 0) {
            jumpNear(ip + d);
          }
        }
        break;
      case 0xE4:
        setReg8(0, in(fetch8(), 1));
        break;
      case 0xE5:
        {
          int port = fetch8();
          setRegV(AX, in(port, vsize()));
        }
        break;
      case 0xE6:
        out(fetch8(), 1, r[AX] & 0xFF);
        break;
      case 0xE7:
        {
          int port = fetch8();
          out(port, vsize(), regV(AX));
        }
        break;
      case 0xE8:
        {
          int d = osz ? fetch32() : fetch16();
          int target = ip + d;
          if (osz) {
            checkNearTarget(target);
          }
          pushV(ip);
          jumpNear(target);
        }
        break;
      case 0xE9:
        {
          int d = osz ? fetch32() : fetch16();
          jumpNear(ip + d);
        }
        break;
      case 0xEA:
        {
          int off = fetchV();
          int seg = fetch16();
          jumpFar(seg, off);
        }
        break;
      case 0xEB:
        {
          int d = fetchS8();
          jumpNear(ip + d);
        }
        break;
      case 0xEC:
        setReg8(0, in(r[DX], 1));
        break;
      case 0xED:
        setRegV(AX, in(r[DX], vsize()));
        break;
      case 0xEE:
        out(r[DX], 1, r[AX] & 0xFF);
        break;
      case 0xEF:
        out(r[DX], vsize(), regV(AX));
        break;
      case 0xF1:
        raise(1, ip); // ICEBP
        break;
      case 0xF4:
        requireCpl0();
        halted = true;
        exit = CpuStop.HALTED;
        return false;
      case 0xF5:
        setArith(arith() ^ CF);
        break;
      case 0xF6:
        group3Byte386(regField());
        break;
      case 0xF7:
        group3V(regField());
        break;
      case 0xF8:
        setArith(arith() & ~CF);
        break;
      case 0xF9:
        setArith(arith() | CF);
        break;
      case 0xFA:
        requireIopl();
        control &= ~IF;
        updateEvents();
        break;
      case 0xFB:
        requireIopl();
        if ((control & IF) == 0) {
          control |= IF;
          inhibitInterrupts();
        }
        break;
      case 0xFC:
        control &= ~DF;
        break;
      case 0xFD:
        control |= DF;
        break;
      case 0xFE:
        if (regField() == 0) {
          setE8(inc(getE8(), false));
        } else {
          setE8(dec(getE8(), false));
        }
        break;
      case 0xFF:
        group5V(regField());
        break;
      default:
        invalidOpcode();
        break;
    }
    return true;
  }

  /** Group F6h on the 32-bit models: as the 80286 with the limit-checked accessors. */
  private void group3Byte386(int op) {
    int v = getE8();
    switch (op) {
      case 0:
      case 1:
        {
          int imm = fetch8();
          lazy(L_LOGIC, v, imm, v & imm, false);
        }
        break;
      case 2:
        setE8(~v);
        break;
      case 3:
        {
          int res = 0 - v;
          lazy(L_SUB, 0, v, res, false);
          setE8(res);
        }
        break;
      case 4:
        {
          int p = (r[AX] & 0xFF) * v;
          r[AX] = p & 0xFFFF;
          setSzp(p, false, (p >> 8) != 0 ? CF | OF : 0);
        }
        break;
      case 5:
        {
          int p = (byte) r[AX] * (byte) v;
          r[AX] = p & 0xFFFF;
          setSzp(p, false, p == (byte) p ? 0 : CF | OF);
        }
        break;
      case 6:
        {
          int dividend = r[AX];
          if (v == 0 || dividend / v > 0xFF) {
            divideError();
            return;
          }
          r[AX] = (dividend / v) | (dividend % v) << 8;
        }
        break;
      default:
        {
          int dividend = (short) r[AX];
          int divisor = (byte) v;
          if (divisor == 0) {
            divideError();
            return;
          }
          int q = dividend / divisor;
          int rem = dividend % divisor;
          if (q > 0x7F || q < -0x80) {
            divideError();
            return;
          }
          r[AX] = (q & 0xFF) | (rem & 0xFF) << 8;
        }
        break;
    }
  }

  /** Group F7h at the operand size; DIV and IDIV raise #DE on a zero divisor or overflow. */
  private void group3V(int op) {
    int v = getEv();
    switch (op) {
      case 0:
      case 1:
        testV(v, fetchV());
        break;
      case 2:
        setEv(~v);
        break;
      case 3:
        {
          int res = 0 - v;
          if (osz) {
            lazyM(L_SUB32, 0, v, res, -1);
          } else {
            lazy(L_SUB, 0, v, res, true);
          }
          setEv(res);
        }
        break;
      case 4:
        if (osz) {
          long p = (reg32(AX) & 0xFFFF_FFFFL) * (v & 0xFFFF_FFFFL);
          int hi = (int) (p >>> 32);
          setReg32(AX, (int) p);
          setReg32(DX, hi);
          setSzpM((int) p, -1, hi != 0 ? CF | OF : 0);
        } else {
          int p = r[AX] * v;
          r[AX] = p & 0xFFFF;
          r[DX] = (p >>> 16) & 0xFFFF;
          setSzp(p, true, r[DX] != 0 ? CF | OF : 0);
        }
        break;
      case 5:
        if (osz) {
          long p = (long) reg32(AX) * v;
          setReg32(AX, (int) p);
          setReg32(DX, (int) (p >>> 32));
          setSzpM((int) p, -1, p == (int) p ? 0 : CF | OF);
        } else {
          int p = (short) r[AX] * (short) v;
          r[AX] = p & 0xFFFF;
          r[DX] = (p >>> 16) & 0xFFFF;
          setSzp(p, true, p == (short) p ? 0 : CF | OF);
        }
        break;
      case 6:
        if (osz) {
          long dividend = (long) reg32(DX) << 32 | (reg32(AX) & 0xFFFF_FFFFL);
          long divisor = v & 0xFFFF_FFFFL;
          if (divisor == 0) {
            divideError();
            return;
          }
          long q = Long.divideUnsigned(dividend, divisor);
          if ((q >>> 32) != 0) {
            divideError();
            return;
          }
          setReg32(AX, (int) q);
          setReg32(DX, (int) Long.remainderUnsigned(dividend, divisor));
        } else {
          long dividend = ((long) r[DX] << 16) | r[AX];
          if (v == 0 || dividend / v > 0xFFFF) {
            divideError();
            return;
          }
          r[AX] = (int) (dividend / v);
          r[DX] = (int) (dividend % v);
        }
        break;
      default:
        if (osz) {
          long dividend = (long) reg32(DX) << 32 | (reg32(AX) & 0xFFFF_FFFFL);
          if (v == 0 || (dividend == Long.MIN_VALUE && v == -1)) {
            divideError();
            return;
          }
          long q = dividend / v;
          if (q != (int) q) {
            divideError();
            return;
          }
          setReg32(AX, (int) q);
          setReg32(DX, (int) (dividend % v));
        } else {
          int dividend = (r[DX] << 16) | r[AX];
          int divisor = (short) v;
          if (divisor == 0) {
            divideError();
            return;
          }
          long q = (long) dividend / divisor;
          long rem = (long) dividend % divisor;
          if (q > 0x7FFF || q < -0x8000) {
            divideError();
            return;
          }
          r[AX] = (int) q & 0xFFFF;
          r[DX] = (int) rem & 0xFFFF;
        }
        break;
    }
  }

  /** Group FFh at the operand size: INC, DEC, CALL, CALL far, JMP, JMP far, PUSH. */
  private void group5V(int sub) {
    switch (sub) {
      case 0:
        setEv(incV(getEv()));
        break;
      case 1:
        setEv(decV(getEv()));
        break;
      case 2:
        {
          int target = getEv();
          if (osz) {
            checkNearTarget(target);
          }
          pushV(ip);
          jumpNear(target);
        }
        break;
      case 3:
        {
          int off = ldV(0);
          int seg = ld16(eaSeg, eaOff + vsize());
          callFar(seg, off);
        }
        break;
      case 4:
        jumpNear(getEv());
        break;
      case 5:
        {
          int off = ldV(0);
          int seg = ld16(eaSeg, eaOff + vsize());
          jumpFar(seg, off);
        }
        break;
      default:
        pushV(getEv());
        break;
    }
  }

  /**
   * One iteration of a string instruction on the 32-bit models: SI, DI and CX, or with a 67h
   * prefix ESI, EDI and ECX; bytes, or words or doublewords by the operand size. The limit is
   * checked before anything moves, so a faulting iteration is restarted whole.
   */
  private void stringOp386(int op) {
    int count = asz ? reg32(CX) : r[CX];
    if (rep != 0 && count == 0) {
      return;
    }
    int size = (op & 1) == 0 ? 1 : vsize();
    int step = (control & DF) != 0 ? -size : size;
    int src = dataSeg();
    int si = asz ? reg32(SI) : r[SI];
    int di = asz ? reg32(DI) : r[DI];
    int mask = size == 1 ? 0xFF : vmask();
    boolean moveSi = true;
    boolean moveDi = true;
    boolean compares = false;
    switch (op) {
      case 0xA4:
      case 0xA5:
        {
          int v = ldN(src, si, size);
          stN(ES, di, v, size);
        }
        break;
      case 0xA6:
      case 0xA7:
        {
          int a = ldN(src, si, size);
          int b = ldN(ES, di, size);
          aluN(7, a, b, size);
          compares = true;
        }
        break;
      case 0xAA:
      case 0xAB:
        stN(ES, di, regV(AX), size);
        moveSi = false;
        break;
      case 0xAC:
      case 0xAD:
        {
          int v = ldN(src, si, size);
          if (size == 1) {
            setReg8(0, v);
          } else {
            setRegV(AX, v);
          }
          moveDi = false;
        }
        break;
      case 0xAE:
      case 0xAF:
        aluN(7, regV(AX) & mask, ldN(ES, di, size), size);
        compares = true;
        moveSi = false;
        break;
      case 0x6C:
      case 0x6D:
        {
          checkLimit(ES, di, size - 1); // before the port is read
          int v = in(r[DX], size);
          stN(ES, di, v, size);
          moveSi = false;
        }
        break;
      default: // 0x6E, 0x6F
        out(r[DX], size, ldN(src, si, size));
        moveDi = false;
        break;
    }
    if (moveSi) {
      if (asz) {
        setReg32(SI, si + step);
      } else {
        r[SI] = (si + step) & 0xFFFF;
      }
    }
    if (moveDi) {
      if (asz) {
        setReg32(DI, di + step);
      } else {
        r[DI] = (di + step) & 0xFFFF;
      }
    }
    if (rep != 0) {
      count--;
      if (asz) {
        setReg32(CX, count);
      } else {
        count &= 0xFFFF;
        r[CX] = count;
      }
      boolean more = count != 0;
      if (compares && more) {
        boolean z = (arith() & ZF) != 0;
        more = rep == 3 ? z : !z;
      }
      if (more) {
        ip = startIp;
        repeatingAt = instructions + 1; // the count once this step has been counted
      }
    }
  }

  /** ENTER on the 32-bit models, with a 16-bit stack: frame pointers of the operand size. */
  private void enter386() {
    int size = fetch16();
    int level = fetch8() & 0x1F;
    pushV(regV(BP));
    int frame = sp();
    if (level > 0) {
      int bp = stackBig ? reg32(BP) : r[BP];
      for (int i = 1; i < level; i++) {
        bp = stackBig ? bp - vsize() : (bp - vsize()) & 0xFFFF;
        pushV(osz ? ld32(SS, bp) : ld16(SS, bp));
      }
      pushV(frame);
    }
    setRegV(BP, frame);
    setSp(sp() - size);
  }

  // ---- the 0Fh page of the 80386 and 80486 -----------------------------------------------------

  /** The 0Fh instructions LOCK may prefix (with a memory destination). */
  private static boolean lockable0f(int op2, int sub) {
    switch (op2) {
      case 0xAB:
      case 0xB3:
      case 0xBB:
      case 0xB0:
      case 0xB1:
      case 0xC0:
      case 0xC1:
        return true;
      case 0xBA:
        return sub >= 5;
      default:
        return false;
    }
  }

  private boolean twoByte386(int prefixes, boolean lock) {
    int op2 = fetch8();
    OpcodeTable.@Nullable Row row = table.page0f[op2];
    boolean group = table.group0f[op2] != null;
    if (row == null && !group) {
      invalidOpcode();
      return true;
    }
    if (group || (row != null && row.hasModrm())) {
      modrm = fetch8();
      if (op2 >= 0x20 && op2 <= 0x26) {
        regForm = true; // MOV to and from CRn, DRn, TRn: the mod field is ignored
      } else {
        regForm = modrm >= 0xC0;
        if (!regForm) {
          decodeEa386();
        }
      }
      row = table.row0f(op2, modrm);
      if (row == null || (regForm && row.memoryOnly())) {
        invalidOpcode();
        return true;
      }
    }
    if (lock && (regForm || !lockable0f(op2, regField()))) {
      invalidOpcode();
      return true;
    }
    if (prefixes >= 4 && tooLong386(row)) {
      raise(13, startIp);
      return true;
    }
    switch (op2) {
      case 0x00:
      case 0x02:
      case 0x03:
        if (!protectedMode || v86()) {
          invalidOpcode(); // descriptor instructions are not recognised in real mode
          return true;
        }
        if (op2 == 0x00) {
          system00();
        } else {
          accessRights(op2 == 0x02);
        }
        break;
      case 0x01:
        return system01();
      case 0x06:
        requireCpl0();
        cr0 &= ~CR0_TS; // CLTS
        break;
      case 0x05:
      case 0x07:
        unsupported("LOADALL"); // 0F 05 on the 80286, 0F 07 on the 80386
        return false;
      case 0x08:
      case 0x09:
        requireCpl0();
        break; // INVD, WBINVD: there is no cache to flush
      case 0x20:
        requireCpl0();
        {
          int v;
          switch (regField()) {
            case 0:
              v = cr0;
              break;
            case 2:
              v = cr2;
              break;
            case 3:
              v = cr3;
              break;
            default:
              invalidOpcode();
              return true;
          }
          setReg32(modrm & 7, v);
        }
        break;
      case 0x22:
        requireCpl0();
        return movToCr(regField(), reg32(modrm & 7));
      case 0x21:
        requireCpl0();
        setReg32(modrm & 7, dr[debugRegister(regField())]);
        break;
      case 0x23:
        requireCpl0();
        dr[debugRegister(regField())] = reg32(modrm & 7);
        break;
      case 0x24:
      case 0x26:
        {
          int n = regField();
          if (n < (is486 ? 3 : 6)) {
            invalidOpcode(); // the 80386 has TR6 and TR7, the 80486 TR3 to TR7
            return true;
          }
          if (op2 == 0x24) {
            setReg32(modrm & 7, tr[n]);
          } else {
            tr[n] = reg32(modrm & 7);
          }
        }
        break;
      case 0x80: case 0x81: case 0x82: case 0x83: case 0x84: case 0x85: case 0x86: case 0x87:
      case 0x88: case 0x89: case 0x8A: case 0x8B: case 0x8C: case 0x8D: case 0x8E: case 0x8F:
        {
          int d = osz ? fetch32() : fetch16();
          if (condition(op2 & 0xF)) {
            jumpNear(ip + d);
          }
        }
        break;
      case 0x90: case 0x91: case 0x92: case 0x93: case 0x94: case 0x95: case 0x96: case 0x97:
      case 0x98: case 0x99: case 0x9A: case 0x9B: case 0x9C: case 0x9D: case 0x9E: case 0x9F:
        setE8(condition(op2 & 0xF) ? 1 : 0);
        break;
      case 0xA0:
      case 0xA8:
        pushV(sreg[op2 == 0xA0 ? FS : GS]);
        break;
      case 0xA1:
      case 0xA9:
        {
          int v = popV();
          loadSeg(op2 == 0xA1 ? FS : GS, v);
        }
        break;
      case 0xA2:
        cpuid();
        break;
      case 0xA3:
      case 0xAB:
      case 0xB3:
      case 0xBB:
        bitTest((op2 >> 3) & 3, getGv(), true);
        break;
      case 0xBA:
        bitTest(regField() & 3, fetch8(), false);
        break;
      case 0xA4:
      case 0xA5:
      case 0xAC:
      case 0xAD:
        {
          int count = (op2 & 1) == 0 ? fetch8() : r[CX];
          doubleShift(op2 < 0xA8, count & 0x1F);
        }
        break;
      case 0xAF:
        if (osz) {
          long p = (long) getGv() * getEv();
          setGv((int) p);
          setSzpM((int) p, -1, p == (int) p ? 0 : CF | OF);
        } else {
          int p = (short) getGv() * (short) getEv();
          setGv(p);
          setSzp(p, true, p == (short) p ? 0 : CF | OF);
        }
        break;
      case 0xB0:
        {
          int dest = getE8();
          alu(7, r[AX] & 0xFF, dest, false);
          if ((arith() & ZF) != 0) {
            setE8(getGb());
          } else {
            setE8(dest); // the 80486 writes the destination back either way
            setReg8(0, dest);
          }
        }
        break;
      case 0xB1:
        {
          int dest = getEv();
          aluV(7, regV(AX), dest);
          if ((arith() & ZF) != 0) {
            setEv(getGv());
          } else {
            setEv(dest);
            setRegV(AX, dest);
          }
        }
        break;
      case 0xB2:
      case 0xB4:
      case 0xB5:
        {
          int off = ldV(0);
          int seg = ld16(eaSeg, eaOff + vsize());
          loadSeg(op2 == 0xB2 ? SS : op2 == 0xB4 ? FS : GS, seg); // LSS loads SS:SP at once
          setGv(off);
        }
        break;
      case 0xB6:
        setGv(getE8());
        break;
      case 0xB7:
        setGv(getE16());
        break;
      case 0xBE:
        setGv((byte) getE8());
        break;
      case 0xBF:
        setGv((short) getE16());
        break;
      case 0xBC:
      case 0xBD:
        {
          int v = getEv() & vmask();
          if (v == 0) {
            setArith(arith() | ZF); // the destination keeps its value
          } else {
            setArith(arith() & ~ZF);
            setGv(
                op2 == 0xBC
                    ? Integer.numberOfTrailingZeros(v)
                    : 31 - Integer.numberOfLeadingZeros(v));
          }
        }
        break;
      case 0xC0:
        {
          int dest = getE8();
          int sum = alu(0, dest, getGb(), false);
          setGb(dest);
          setE8(sum);
        }
        break;
      case 0xC1:
        {
          int dest = getEv();
          int sum = aluV(0, dest, getGv());
          setGv(dest);
          setEv(sum);
        }
        break;
      case 0xC8: case 0xC9: case 0xCA: case 0xCB: case 0xCC: case 0xCD: case 0xCE: case 0xCF:
        if (osz) {
          setReg32(op2 & 7, Integer.reverseBytes(reg32(op2 & 7)));
        } else {
          r[op2 & 7] = 0; // BSWAP of a 16-bit register is undefined; Intel's processors clear it
        }
        break;
      default:
        invalidOpcode();
        break;
    }
    return true;
  }

  /** 0F 01 on the 32-bit models: SGDT, SIDT, LGDT, LIDT, SMSW, LMSW, INVLPG. */
  private boolean system01() {
    int sub = regField();
    if (sub == 2 || sub == 3 || sub >= 6) {
      requireCpl0(); // LGDT, LIDT, LMSW, INVLPG
    }
    switch (sub) {
      case 0:
      case 1:
        {
          boolean gdt = sub == 0;
          int limit = gdt ? gdtLimit : idtLimit;
          int base = gdt ? gdtBase : idtBase;
          // A 16-bit operand size stores 24 bits of the base and a zero byte (the 80286
          // stored FFh there).
          checkLimit(eaSeg, eaOff, 5);
          st16(eaSeg, eaOff, limit);
          st32(eaSeg, eaOff + 2, osz ? base : (base & 0xFF_FFFF) | (is286 ? 0xFF00_0000 : 0));
        }
        break;
      case 2:
      case 3:
        {
          checkLimit(eaSeg, eaOff, 5);
          int limit = ld16(eaSeg, eaOff);
          int base = ld32(eaSeg, eaOff + 2);
          if (!osz) {
            base &= 0xFF_FFFF;
          }
          if (sub == 2) {
            gdtLimit = limit;
            gdtBase = base;
          } else {
            idtLimit = limit;
            idtBase = base;
          }
        }
        break;
      case 4:
        // SMSW: the low word of CR0 (a 32-bit register destination gets all of CR0)
        if (regForm) {
          setRegV(modrm & 7, cr0);
        } else {
          st16(eaSeg, eaOff, cr0);
        }
        break;
      case 6:
        {
          int v = getE16();
          // LMSW loads PE, MP, EM and TS, and cannot clear PE.
          cr0 = (cr0 & ~0xE) | (v & 0xF);
          setProtectedMode((cr0 & CR0_PE) != 0);
        }
        break;
      default:
        // 7: INVLPG drops the page's TLB entry.
        tlbPage[((segBase[eaSeg] + eaOff) >>> 12) & (TLB_SIZE - 1)] = -1;
        closeFetchWindow();
        break;
    }
    return true;
  }

  /** 0F 00 in protected mode: SLDT, STR, LLDT, LTR, VERR, VERW. */
  private void system00() {
    int sub = regField();
    switch (sub) {
      case 0:
      case 1:
        {
          int v = sub == 0 ? ldtr : trSelector;
          if (regForm) {
            setRegV(modrm & 7, v);
          } else {
            st16(eaSeg, eaOff, v);
          }
        }
        break;
      case 2:
        requireCpl0();
        loadLdt(getE16(), 13);
        break;
      case 3:
        requireCpl0();
        loadTr(getE16());
        break;
      case 4:
      case 5:
        {
          int sel = getE16();
          boolean ok = false;
          if ((sel & 0xFFFC) != 0 && visible(sel)) {
            long d = descriptor(sel);
            int access = Descriptor.access(d);
            boolean code = (access & 0x18) == 0x18;
            boolean conforming = code && (access & 0x04) != 0;
            int dpl = Descriptor.dpl(d);
            boolean allowed = conforming || (dpl >= cpl && dpl >= (sel & 3));
            if ((access & 0x10) != 0 && allowed) {
              ok = sub == 4 ? !code || (access & 0x02) != 0 : !code && (access & 0x02) != 0;
            }
          }
          setArith(ok ? arith() | ZF : arith() & ~ZF);
        }
        break;
      default:
        invalidOpcode();
        break;
    }
  }

  /** Whether a selector's descriptor lies within its table (VERR, VERW, LAR, LSL). */
  private boolean visible(int sel) {
    int limit = (sel & 4) != 0 ? ((ldtr & 0xFFFC) == 0 ? -1 : ldtLimit) : gdtLimit;
    return (sel & 0xFFF8) + 7 <= limit;
  }

  /**
   * LAR (access rights: the descriptor's second doubleword masked to 00F0FF00h) and LSL (the
   * limit in bytes): ZF set and the register loaded where the descriptor is visible at CPL and
   * RPL and of a type the instruction accepts, else ZF clear and the register kept.
   */
  private void accessRights(boolean lar) {
    int sel = getE16();
    boolean ok = false;
    long d = 0;
    if ((sel & 0xFFFC) != 0 && visible(sel)) {
      d = descriptor(sel);
      int access = Descriptor.access(d);
      int type = access & 0x1F;
      boolean conformingCode = (access & 0x1C) == 0x1C;
      int dpl = Descriptor.dpl(d);
      boolean typeOk;
      if ((access & 0x10) != 0) {
        typeOk = true;
      } else if (lar) {
        typeOk = type == 1 || type == 2 || type == 3 || type == 4 || type == 5 || type == 9
            || type == 0x0B || type == 0x0C;
      } else {
        typeOk = type == 1 || type == 2 || type == 3 || type == 9 || type == 0x0B;
      }
      ok = typeOk && (conformingCode || (dpl >= cpl && dpl >= (sel & 3)));
    }
    if (ok) {
      int v = lar ? (int) (d >>> 32) & 0x00F0_FF00 : Descriptor.limit(d);
      setGv(v);
      setArith(arith() | ZF);
    } else {
      setArith(arith() & ~ZF);
    }
  }

  /** MOV CRn, r32. Setting PE (or PG without PE) is what real mode cannot do. */
  private boolean movToCr(int n, int v) {
    switch (n) {
      case 0:
        // PG without PE, and on the 80486 NW (not write-through) without CD (cache disable),
        // are combinations the processor refuses with #GP.
        if (((v & CR0_PG) != 0 && (v & CR0_PE) == 0)
            || (is486 && (v & 0x6000_0000) == 0x2000_0000)) {
          raise(13, startIp);
          return true;
        }
        if (is486) {
          cr0 = (v & CR0_486_WRITABLE) | CR0_ET;
        } else {
          cr0 = (v & CR0_386_WRITABLE) | CR0_386_FIXED;
        }
        setProtectedMode((v & CR0_PE) != 0);
        if (paging != ((v & CR0_PG) != 0)) {
          paging = (v & CR0_PG) != 0;
          flushTlb();
        }
        break;
      case 2:
        cr2 = v;
        break;
      case 3:
        cr3 = v & (is486 ? 0xFFFF_F018 : 0xFFFF_F000);
        flushTlb();
        break;
      default:
        invalidOpcode();
        break;
    }
    return true;
  }

  /** DR4 and DR5 are the names of DR6 and DR7 on the 80386 and 80486. */
  private static int debugRegister(int n) {
    return n == 4 || n == 5 ? n + 2 : n;
  }

  /**
   * BT, BTS, BTR, BTC (op 0 to 3). With a register bit offset and a memory operand the offset
   * is signed and may reach outside the operand: the word or doubleword it falls in is
   * addressed. An immediate offset is taken modulo the operand width. CF gets the bit; the
   * other arithmetic flags keep their values (the manuals leave them undefined).
   */
  private void bitTest(int op, int offset, boolean register) {
    int bits = osz ? 32 : 16;
    int bit;
    int v;
    int off = eaOff;
    if (regForm) {
      bit = offset & (bits - 1);
      v = regV(modrm & 7);
    } else {
      if (register) {
        int signed = osz ? offset : (short) offset;
        off = eaOff + (signed >> (osz ? 5 : 4)) * (bits / 8);
        if (!asz) {
          off &= 0xFFFF;
        }
      }
      bit = offset & (bits - 1);
      v = osz ? ld32(eaSeg, off) : ld16(eaSeg, off);
    }
    int old = (v >>> bit) & 1;
    int res;
    switch (op) {
      case 1:
        res = v | (1 << bit);
        break;
      case 2:
        res = v & ~(1 << bit);
        break;
      case 3:
        res = v ^ (1 << bit);
        break;
      default:
        res = v;
        break;
    }
    if (op != 0) {
      if (regForm) {
        setRegV(modrm & 7, res);
      } else if (osz) {
        st32(eaSeg, off, res);
      } else {
        st16(eaSeg, off, res);
      }
    }
    setArith((arith() & ~CF) | old);
  }

  /**
   * SHLD (left) and SHRD: shift the destination, filling from the register operand. A count
   * of zero changes nothing; OF is defined for a count of one. With a 16-bit operand and a
   * count above 16 (undefined) the two operands rotate as one 32-bit value.
   */
  private void doubleShift(boolean left, int count) {
    if (count == 0) {
      getEv(); // the operand is still read (and checked)
      return;
    }
    int dest = getEv();
    int src = getGv();
    int res;
    int c;
    if (osz) {
      if (left) {
        res = dest << count | src >>> (32 - count);
        c = (dest >>> (32 - count)) & 1;
      } else {
        res = dest >>> count | src << (32 - count);
        c = (dest >>> (count - 1)) & 1;
      }
      setSzpM(res, -1, c | (((res ^ dest) & 0x8000_0000) != 0 ? OF : 0));
    } else {
      long both;
      if (left) {
        both = ((dest & 0xFFFFL) << 16 | (src & 0xFFFF)) & 0xFFFF_FFFFL;
        long wide = both << 32 | both;
        res = (int) (wide >>> (48 - count)) & 0xFFFF;
        c = (int) (wide >>> (64 - count)) & 1;
      } else {
        both = ((src & 0xFFFFL) << 16 | (dest & 0xFFFF)) & 0xFFFF_FFFFL;
        long wide = both << 32 | both;
        res = (int) (wide >>> count) & 0xFFFF;
        c = (int) (wide >>> (count - 1)) & 1;
      }
      setSzpM(res, 0xFFFF, c | (((res ^ dest) & 0x8000) != 0 ? OF : 0));
    }
    setEv(res);
  }

  /**
   * CPUID (80486): leaf 0 gives the highest leaf, 1, and the vendor "GenuineIntel" (the
   * model is Intel's 486SX); leaf 1 the signature, family 4 model 2, and no feature flags (no
   * FPU, no VME, no TSC). Higher leaves answer as the highest one, as Intel's processors do.
   */
  private void cpuid() {
    if (reg32(AX) == 0) {
      setReg32(AX, 1);
      setReg32(BX, 0x756E_6547); // "Genu"
      setReg32(DX, 0x4965_6E69); // "ineI"
      setReg32(CX, 0x6C65_746E); // "ntel"
    } else {
      setReg32(AX, SIGNATURE_486);
      setReg32(BX, 0);
      setReg32(CX, 0);
      setReg32(DX, 0);
    }
  }

  // ==== the register view ====================================================================

  /**
   * The live register file as the API sees it. On the 16-bit models upper halves read as zero
   * and FS and GS as zero; writes to them are ignored.
   */
  private final class RegisterView implements Registers {
    @Override
    public int cr0() {
      return is386 || protectedMode ? cr0 : is286 ? msw : 0;
    }

    @Override
    public int general(int index) {
      return r[index & 7] | rh[index & 7] << 16;
    }

    @Override
    public void setGeneral(int index, int value) {
      r[index & 7] = value & 0xFFFF;
      if (is386) {
        rh[index & 7] = value >>> 16;
      }
    }

    @Override
    public int segment(SegmentRegister register) {
      int n = register.ordinal();
      return n < 4 || is386 ? sreg[n] : 0;
    }

    @Override
    public void setSegment(SegmentRegister register, int selector) {
      int n = register.ordinal();
      if (n < 4 || is386) {
        setSegReal(n, selector); // as a real-mode load: the base is selector * 16
      }
    }

    @Override
    public int eip() {
      return ip;
    }

    @Override
    public void setEip(int value) {
      ip = value & 0xFFFF;
    }

    @Override
    public int eflags() {
      return flagsWord() | eflagsHigh;
    }

    @Override
    public void setEflags(int value) {
      loadFlags(value);
      if (is386) {
        eflagsHigh = value & highFlagsMask();
      }
    }
  }
}
