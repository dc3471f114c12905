package dev.mvm.ist.x86;

import dev.mvm.api.cpu.Cpu;
import dev.mvm.api.cpu.CpuBus;
import dev.mvm.api.cpu.CpuModel;
import dev.mvm.api.cpu.CpuStop;
import dev.mvm.api.cpu.Flags;
import dev.mvm.api.cpu.Registers;
import dev.mvm.api.cpu.SegmentRegister;
import org.jspecify.annotations.Nullable;

/**
 * The real-mode interpreter for the 8086, 80186 and 80286: one dense {@code switch} on the
 * opcode, registers in plain fields, arithmetic flags kept lazily as the last operation and
 * its operands and derived only when something reads them (ADD/ADC/SUB/SBB/CMP/NEG, the
 * logical operations, INC/DEC; the rarer shifts, multiplies and decimal adjustments store
 * their flags directly).
 *
 * <p>What is modelled, and from where: the instruction set and its flags from Intel's iAPX
 * 86/88 User's Manual, the 80186/80188 data sheet and the 80286 Programmer's Reference
 * Manual; the undocumented and model-specific behaviour from the hardware-recorded
 * SingleStepTests vectors (8086 and 80286 real mode) that the conformance test replays.
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
 *       interrupt table). Entering protected mode (LMSW with PE, LOADALL) ends the run with
 *       {@link CpuStop#UNSUPPORTED} before anything of the instruction is done.
 * </ul>
 *
 * <p>There is no coprocessor: ESC decodes its operand and does nothing, WAIT does nothing
 * (on the 80286, ESC and WAIT raise #NM, vector 7, where MSW.EM or MSW.TS ask for it).
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

  // Bits of events: something to do before the next instruction.
  private static final int EV_INTR = 1;
  private static final int EV_NMI = 2;
  private static final int EV_TRAP = 4;
  private static final int EV_STOP = 8;
  private static final int EV_SHADOW = 16;
  private static final int EV_SHUTDOWN = 32;

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

  private final boolean is8086;
  private final boolean is286;
  /** The 80186 and 80286 report faults at the faulting instruction and raise #UD. */
  private final boolean faultsAtStart;

  private int addressMask;

  // The register file.
  private final int[] r = new int[8];
  private final int[] sreg = new int[4];
  private int ip;
  /** TF, IF and DF. */
  private int control;
  // Lazy arithmetic flags: the last operation, its operands and its unmasked result.
  private int lazyOp;
  private int lazyA;
  private int lazyB;
  private int lazyRes;
  private boolean lazyWord;
  /** The arithmetic flags when lazyOp is L_NONE; CF when it is L_INC or L_DEC. */
  private int flagBits;

  // 80286 machine status word and descriptor-table registers.
  private int msw;
  private int idtBase;
  private int idtLimit;
  private int gdtBase;
  private int gdtLimit;

  // Decoding state of the current instruction.
  private int startIp;
  private int startSp;
  private int segOverride;
  private int rep;
  private int modrm;
  private boolean regForm;
  private int eaBase;
  private int eaOff;

  // Between instructions.
  private int events;
  private boolean intrLine;
  private boolean nmiPending;
  private boolean trapPending;
  private boolean stopRequested;
  private boolean shadow;
  private boolean halted;
  private boolean shutdown;
  private boolean repeating;
  private long instructions;
  private @Nullable CpuStop exit;
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
    this.addressMask = model.addressMask() & bus.addressMask();
    reset();
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
    }
    sreg[ES] = 0;
    sreg[SS] = 0;
    sreg[DS] = 0;
    if (is286) {
      sreg[CS] = 0xF000;
      ip = 0xFFF0;
    } else {
      sreg[CS] = 0xFFFF;
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
    repeating = false;
    stopDetail = null;
    updateEvents();
  }

  @Override
  public CpuStop run(long maxInstructions) {
    addressMask = model.addressMask() & bus.addressMask();
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
    for (long n = 0; n < maxInstructions; n++) {
      if (events != 0) {
        CpuStop s = serviceEvents();
        if (s != null) {
          return s;
        }
      }
      boolean done;
      try {
        done = step();
      } catch (SegmentWrapFault f) {
        r[SP] = startSp;
        repeating = false;
        raise(13, startIp);
        done = true;
      }
      if (!done) {
        CpuStop s = exit;
        exit = null;
        if (s != null && s != CpuStop.UNSUPPORTED) {
          instructions++;
        }
        return s == null ? CpuStop.BUDGET : s;
      }
      instructions++;
    }
    return CpuStop.BUDGET;
  }

  @Override
  public long instructionCount() {
    return instructions;
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
    return repeating;
  }

  private int peek(int linear) {
    int a = linear & addressMask;
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
    trapPending = false;
    int entry = idtBase + vector * 4;
    ip = rb(entry) | rb(entry + 1) << 8;
    sreg[CS] = rb(entry + 2) | rb(entry + 3) << 8;
    updateEvents();
  }

  /** An exception raised by an instruction, returning to {@code returnIp}. */
  private void raise(int vector, int returnIp) {
    deliver(vector, returnIp);
  }

  /** Invalid opcode (80186 and later): vector 6, returning to the instruction. */
  private void invalidOpcode() {
    repeating = false;
    raise(6, startIp);
  }

  // ==== memory ===============================================================================

  private int rb(int linear) {
    int a = linear & addressMask;
    if ((pages[a >>> CpuBus.PAGE_SHIFT] & CpuBus.DIRECT_READ) != 0) {
      return ram[a] & 0xFF;
    }
    return bus.readByte(a) & 0xFF;
  }

  private void wb(int linear, int value) {
    int a = linear & addressMask;
    if ((pages[a >>> CpuBus.PAGE_SHIFT] & CpuBus.DIRECT_WRITE) != 0) {
      ram[a] = (byte) value;
    } else {
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
      ram[a] = (byte) value;
      ram[a + 1] = (byte) (value >> 8);
      return;
    }
    wb(base + off, value);
    wb(base + off + 1, value >> 8);
  }

  private int fetch8() {
    int v = rb((sreg[CS] << 4) + ip);
    ip = (ip + 1) & 0xFFFF;
    return v;
  }

  private int fetch16() {
    int lo = fetch8();
    return lo | fetch8() << 8;
  }

  private int fetchS8() {
    return (byte) fetch8();
  }

  private void push(int value) {
    int sp = (r[SP] - 2) & 0xFFFF;
    ww(sreg[SS] << 4, sp, value);
    r[SP] = sp;
  }

  private int pop() {
    int sp = r[SP];
    int v = rw(sreg[SS] << 4, sp);
    r[SP] = (sp + 2) & 0xFFFF;
    return v;
  }

  /** Pushes for interrupt entry: wraps at the segment end on every model. */
  private void pushUnchecked(int value) {
    int sp = (r[SP] - 2) & 0xFFFF;
    int base = sreg[SS] << 4;
    wb(base + sp, value);
    wb(base + ((sp + 1) & 0xFFFF), value >> 8);
    r[SP] = sp;
  }

  // ==== ModR/M ===============================================================================

  /** Decodes the effective address of a memory ModR/M operand (mod 0 to 2). */
  private void decodeEa() {
    int mod = modrm >> 6;
    int rm = modrm & 7;
    int off;
    int seg = DS;
    switch (rm) {
      case 0:
        off = r[BX] + r[SI];
        break;
      case 1:
        off = r[BX] + r[DI];
        break;
      case 2:
        off = r[BP] + r[SI];
        seg = SS;
        break;
      case 3:
        off = r[BP] + r[DI];
        seg = SS;
        break;
      case 4:
        off = r[SI];
        break;
      case 5:
        off = r[DI];
        break;
      case 6:
        if (mod == 0) {
          off = fetch16();
        } else {
          off = r[BP];
          seg = SS;
        }
        break;
      default:
        off = r[BX];
        break;
    }
    if (mod == 1) {
      off += fetchS8();
    } else if (mod == 2) {
      off += fetch16();
    }
    eaOff = off & 0xFFFF;
    eaBase = sreg[segOverride >= 0 ? segOverride : seg] << 4;
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
    return sreg[segOverride >= 0 ? segOverride : DS] << 4;
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
    lazyWord = word;
  }

  /** The arithmetic flags (CF, PF, AF, ZF, SF, OF) derived from the last operation. */
  private int arith() {
    int op = lazyOp;
    if (op == L_NONE) {
      return flagBits;
    }
    int mask = lazyWord ? 0xFFFF : 0xFF;
    int sign = lazyWord ? 0x8000 : 0x80;
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

  private int cf() {
    return lazyOp == L_NONE ? flagBits & CF : arith() & CF;
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

  /** The FLAGS word as the model shows it. */
  int flagsWord() {
    int f = arith() | control | Flags.RESERVED_1;
    if (!is286) {
      f |= 0xF000;
    }
    return f;
  }

  /** Loads FLAGS (POPF, IRET, the register view); fixed bits keep their values. */
  void loadFlags(int value) {
    setArith(value);
    control = value & CONTROL;
    updateEvents();
  }

  private boolean condition(int cc) {
    if ((cc >> 1) == 2 && lazyOp != L_NONE) {
      // JZ/JNZ after an ALU operation, the commonest test: ZF straight from the result
      boolean z = (lazyRes & (lazyWord ? 0xFFFF : 0xFF)) == 0;
      return z != ((cc & 1) != 0);
    }
    int f = arith();
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
    int mask = word ? 0xFFFF : 0xFF;
    int res;
    switch (op) {
      case 0:
        res = a + b;
        lazy(L_ADD, a, b, res, word);
        break;
      case 1:
        res = a | b;
        lazy(L_LOGIC, a, b, res, word);
        break;
      case 2:
        res = a + b + cf();
        lazy(L_ADD, a, b, res, word);
        break;
      case 3:
        res = a - b - cf();
        lazy(L_SUB, a, b, res, word);
        break;
      case 4:
        res = a & b;
        lazy(L_LOGIC, a, b, res, word);
        break;
      case 6:
        res = a ^ b;
        lazy(L_LOGIC, a, b, res, word);
        break;
      default: // 5 SUB, 7 CMP
        res = a - b;
        lazy(L_SUB, a, b, res, word);
        break;
    }
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
  private int shift(int op, int v, int count, boolean word) {
    if (count == 0) {
      return v;
    }
    int mask = word ? 0xFFFF : 0xFF;
    int sign = word ? 0x8000 : 0x80;
    int f = arith();
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
          v = (v >> 1) | (c != 0 ? sign : 0);
          break;
        case 2: // RCL
          v = ((v << 1) | c) & mask;
          c = top != 0 ? 1 : 0;
          break;
        case 3: // RCR
          {
            int out = v & 1;
            v = (v >> 1) | (c != 0 ? sign : 0);
            c = out;
          }
          break;
        case 5: // SHR
          c = v & 1;
          v >>= 1;
          break;
        case 7: // SAR
          c = v & 1;
          v = (v >> 1) | top;
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
          of = (newTop != 0) != ((v & (sign >> 1)) != 0);
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
      setSzp(v, word, c | (of ? OF : 0) | (f & AF));
    } else {
      setArith((f & ~(CF | OF)) | c | (of ? OF : 0));
    }
    return v;
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

  /**
   * Executes one instruction (one iteration of a repeated string instruction).
   *
   * @return false where the run must end: HLT, or an instruction that is not supported
   */
  private boolean step() {
    startIp = ip;
    startSp = r[SP];
    segOverride = -1;
    rep = 0;
    repeating = false;
    int op;
    int prefixes = 0;
    prefixLoop:
    for (; ; prefixes++) {
      if (prefixes > 255) {
        return true; // an endless run of prefixes: end the instruction here
      }
      op = fetch8();
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
    if (op == 0x0F) {
      if (hostCallback()) {
        return true;
      }
      if (!is8086) {
        return twoByte();
      }
    }
    boolean longForm = is286 && prefixes >= 4;
    if (table.modrm[op]) {
      modrm = fetch8();
      regForm = modrm >= 0xC0;
      int f = form[op * 8 + ((modrm >> 3) & 7)];
      if (!regForm) {
        decodeEa();
      }
      if (!is8086) {
        if (f == 0 || (f == 2 && regForm)) {
          invalidOpcode();
          return true;
        }
      }
    } else if (form[op * 8] == 0) {
      invalidOpcode();
      return true;
    }
    if (longForm && tooLong(op)) {
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
          case OpcodeTable.IW:
          case OpcodeTable.JW:
          case OpcodeTable.OB:
          case OpcodeTable.OW:
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

  private boolean execute(int op) {
    switch (op) {
      // ---- ALU: ADD OR ADC SBB AND SUB XOR CMP in six forms each ----
      case 0x00: case 0x08: case 0x10: case 0x18: case 0x20: case 0x28: case 0x30: case 0x38:
        {
          int res = alu(op >> 3, getEb(), getGb(), false);
          if (op != 0x38) {
            setEb(res);
          }
        }
        break;
      case 0x01: case 0x09: case 0x11: case 0x19: case 0x21: case 0x29: case 0x31: case 0x39:
        {
          int res = alu(op >> 3, getEw(), getGw(), true);
          if (op != 0x39) {
            setEw(res);
          }
        }
        break;
      case 0x02: case 0x0A: case 0x12: case 0x1A: case 0x22: case 0x2A: case 0x32: case 0x3A:
        {
          int res = alu(op >> 3, getGb(), getEb(), false);
          if (op != 0x3A) {
            setGb(res);
          }
        }
        break;
      case 0x03: case 0x0B: case 0x13: case 0x1B: case 0x23: case 0x2B: case 0x33: case 0x3B:
        {
          int res = alu(op >> 3, getGw(), getEw(), true);
          if (op != 0x3B) {
            setGw(res);
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
        {
          int res = alu(op >> 3, r[AX], fetch16(), true);
          if (op != 0x3D) {
            r[AX] = res;
          }
        }
        break;
      // ---- segment register push/pop ----
      case 0x06: case 0x0E: case 0x16: case 0x1E:
        push(sreg[op >> 3]);
        break;
      case 0x07: case 0x0F: case 0x17: case 0x1F:
        // 0Fh reaches here only on the 8086: POP CS
        {
          int v = pop();
          sreg[op >> 3] = v;
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
        r[op & 7] = inc(r[op & 7], true);
        break;
      case 0x48: case 0x49: case 0x4A: case 0x4B: case 0x4C: case 0x4D: case 0x4E: case 0x4F:
        r[op & 7] = dec(r[op & 7], true);
        break;
      case 0x50: case 0x51: case 0x52: case 0x53: case 0x55: case 0x56: case 0x57:
        push(r[op & 7]);
        break;
      case 0x54:
        // The 8086 and 80186 push the value after the decrement, the 80286 the old SP.
        push(is286 ? r[SP] : (r[SP] - 2) & 0xFFFF);
        break;
      case 0x58: case 0x59: case 0x5A: case 0x5B: case 0x5C: case 0x5D: case 0x5E: case 0x5F:
        {
          int v = pop();
          r[op & 7] = v;
        }
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
        {
          int sub = regField();
          int res = alu(sub, getEb(), fetch8(), false);
          if (sub != 7) {
            setEb(res);
          }
        }
        break;
      case 0x81:
        {
          int sub = regField();
          int res = alu(sub, getEw(), fetch16(), true);
          if (sub != 7) {
            setEw(res);
          }
        }
        break;
      case 0x83:
        {
          int sub = regField();
          int res = alu(sub, getEw(), fetchS8() & 0xFFFF, true);
          if (sub != 7) {
            setEw(res);
          }
        }
        break;
      case 0x84:
        {
          int a = getEb();
          int b = getGb();
          lazy(L_LOGIC, a, b, a & b, false);
        }
        break;
      case 0x85:
        {
          int a = getEw();
          int b = getGw();
          lazy(L_LOGIC, a, b, a & b, true);
        }
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
        setEb(getGb());
        break;
      case 0x89:
        setEw(getGw());
        break;
      case 0x8A:
        setGb(getEb());
        break;
      case 0x8B:
        setGw(getEw());
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
          sreg[s & 3] = getEw();
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
          sreg[CS] = seg;
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
        setReg8(op & 7, fetch8());
        break;
      case 0xB8: case 0xB9: case 0xBA: case 0xBB: case 0xBC: case 0xBD: case 0xBE: case 0xBF:
        r[op & 7] = fetch16();
        break;
      case 0xC0:
      case 0xC1:
        if (is8086) {
          return execute(op | 2); // RET aliases
        } else {
          boolean word = op == 0xC1;
          int v = word ? getEw() : getEb();
          int res = shift(regField(), v, fetch8() & 0x1F, word);
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
        ip = pop();
        break;
      case 0xC4:
      case 0xC5:
        {
          int off = rw(eaBase, eaOff);
          int seg = rw(eaBase, eaOff + 2);
          setGw(off);
          sreg[op == 0xC4 ? ES : DS] = seg;
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
          sreg[CS] = newCs;
          r[SP] = (r[SP] + n) & 0xFFFF;
        }
        break;
      case 0xCB:
        {
          int newIp = pop();
          int newCs = pop();
          ip = newIp;
          sreg[CS] = newCs;
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
          sreg[CS] = newCs;
          loadFlags(f);
        }
        break;
      case 0xD0:
      case 0xD1:
      case 0xD2:
      case 0xD3:
        {
          boolean word = (op & 1) != 0;
          int count = (op & 2) != 0 ? shiftCount(r[CX] & 0xFF) : 1;
          int v = word ? getEw() : getEb();
          int res = shift(regField(), v, count, word);
          if (word) {
            setEw(res);
          } else {
            setEb(res);
          }
        }
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
        {
          int d = fetchS8();
          int cx = (r[CX] - 1) & 0xFFFF;
          r[CX] = cx;
          boolean z = (arith() & ZF) != 0;
          boolean take = cx != 0 && (op == 0xE2 || (op == 0xE1) == z);
          if (take) {
            ip = (ip + d) & 0xFFFF;
          }
        }
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
        {
          int d = fetch16();
          push(ip);
          ip = (ip + d) & 0xFFFF;
        }
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
          sreg[CS] = seg;
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
          sreg[CS] = seg;
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
          sreg[CS] = seg;
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

  private void jcc(int op) {
    int d = fetchS8();
    if (condition(op & 0xF)) {
      ip = (ip + d) & 0xFFFF;
    }
  }

  private void inhibitInterrupts() {
    shadow = true;
    updateEvents();
  }

  private int in(int port, int size) {
    int v = bus.in(port & 0xFFFF, size);
    addressMask = model.addressMask() & bus.addressMask();
    return v & (size == 1 ? 0xFF : 0xFFFF);
  }

  private void out(int port, int size, int value) {
    bus.out(port & 0xFFFF, size, value & (size == 1 ? 0xFF : 0xFFFF));
    addressMask = model.addressMask() & bus.addressMask();
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
    int dst = sreg[ES] << 4;
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
        repeating = true;
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
      int ssBase = sreg[SS] << 4;
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
    int at = (sreg[CS] << 4) + ((ip - 1) & 0xFFFF);
    if (rb((sreg[CS] << 4) + ip) != 0xFF || !bus.isHostCallbackAddress(at)) {
      return false;
    }
    ip = (ip + 1) & 0xFFFF;
    int number = fetch16();
    bus.hostCallback(number);
    addressMask = model.addressMask() & bus.addressMask();
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
              if ((v & 1) != 0) {
                unsupported("LMSW entering protected mode");
                return false;
              }
              msw = (msw & ~0xE) | (v & 0xE) | 0xFFF0 | (msw & 1);
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
    int len = (ip - startIp) & 0xFFFF;
    for (int i = 0; i < len; i++) {
      if (i > 0) {
        bytes.append(' ');
      }
      bytes.append(String.format("%02X", rb((cs << 4) + ((startIp + i) & 0xFFFF))));
    }
    stopDetail =
        String.format(
            "%s at %04X:%04X (%s: %s) is not supported yet",
            what, cs, startIp, bytes, disassemble(cs, startIp));
    r[SP] = startSp;
    ip = startIp;
    exit = CpuStop.UNSUPPORTED;
  }

  // ==== the register view ====================================================================

  /** The live register file as the API sees it; 16-bit, so upper halves read as zero. */
  private final class RegisterView implements Registers {
    @Override
    public int general(int index) {
      return r[index & 7];
    }

    @Override
    public void setGeneral(int index, int value) {
      r[index & 7] = value & 0xFFFF;
    }

    @Override
    public int segment(SegmentRegister register) {
      int n = register.ordinal();
      return n < 4 ? sreg[n] : 0;
    }

    @Override
    public void setSegment(SegmentRegister register, int selector) {
      int n = register.ordinal();
      if (n < 4) {
        sreg[n] = selector & 0xFFFF;
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
      return flagsWord();
    }

    @Override
    public void setEflags(int value) {
      loadFlags(value);
    }
  }
}
