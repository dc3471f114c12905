package dev.mvm.ist.x86;

import dev.mvm.api.cpu.CpuModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The one table of x86 opcodes behind the interpreter, the disassembler and the tests: one
 * row per opcode (per {@code /reg} sub-opcode for the group opcodes, per {@code 0F xx} form
 * from the 80286 on) with its mnemonic, its operand kinds and the models that execute it.
 * Operand kinds follow the operand size where the 80386 and 80486 have one ({@code Ev} is a
 * word, or a doubleword after a 66h prefix), so one row serves both sizes.
 *
 * <p>The interpreter asks the table whether an opcode exists on its model (otherwise the
 * 80186 and 80286 raise the invalid-opcode exception, vector 6; the 8086 has a row for every
 * byte), whether it is followed by a ModR/M byte, whether its ModR/M must name memory (LEA,
 * LES, LDS, BOUND, far CALL/JMP through memory, LGDT/LIDT) and how wide its memory operand
 * is (the 80286 raises #GP, vector 13, when a word operand would wrap at offset FFFFh). The
 * disassembler renders the same rows. Behaviour of each row is in {@link X86Cpu}.
 *
 * <p>Sources: Intel's iAPX 86/88 User's Manual (1981), the 80186/80188, 80286, 80386 and i486
 * Programmer's Reference Manuals (opcode maps, group encodings), and the SingleStepTests
 * metadata for the 8086 aliases and undocumented opcodes (60h&ndash;6Fh = 70h&ndash;7Fh,
 * C0h/C1h/C8h/C9h = C2h/C3h/CAh/CBh, D6h SALC, SETMO/SETMOC in D0h&ndash;D3h /6, F6h/F7h /1 =
 * TEST, 82h = 80h, FFh /7 = PUSH, 8Fh/C6h/C7h ignoring their reg field).
 */
public final class OpcodeTable {

  /** Bit of {@link Row#models}: the 8086/8088. */
  public static final int M86 = 1;
  /** Bit of {@link Row#models}: the 80186/80188. */
  public static final int M186 = 2;
  /** Bit of {@link Row#models}: the 80286 (real mode). */
  public static final int M286 = 4;
  /** Bit of {@link Row#models}: the 80386 (real mode). */
  public static final int M386 = 8;
  /** Bit of {@link Row#models}: the 80486 (real mode). */
  public static final int M486 = 16;

  // Operand kinds, named as in Intel's opcode maps. E = ModR/M register or memory, G = ModR/M
  // reg field, I = immediate, J = relative target, O = direct offset, M = memory only, S =
  // segment register (reg field), Z = register encoded in the low three bits of the opcode,
  // X/Y = string source DS:SI and destination ES:DI, R/C/D/T = the general, control, debug
  // and test register of a MOV to or from a system register. Suffix b = byte, w = word, d =
  // doubleword, v = word or doubleword by the operand size (a 66h prefix on the 80386 and
  // 80486 selects the doubleword), p = a far pointer of a word and a v.
  /** ModR/M byte operand. */
  public static final int EB = 1;
  /** ModR/M word or doubleword operand. */
  public static final int EV = 2;
  /** ModR/M reg field, byte register. */
  public static final int GB = 3;
  /** ModR/M reg field, word or doubleword register. */
  public static final int GV = 4;
  /** Immediate byte. */
  public static final int IB = 5;
  /** Immediate word or doubleword. */
  public static final int IV = 6;
  /** Immediate byte sign-extended to the operand size. */
  public static final int IS = 7;
  /** Relative target, byte displacement. */
  public static final int JB = 8;
  /** Relative target, word or doubleword displacement. */
  public static final int JV = 9;
  /** Far pointer immediate offset:segment (a word or doubleword offset). */
  public static final int AP = 10;
  /** Direct byte memory operand (its offset, a word or with 67h a doubleword, follows). */
  public static final int OB = 11;
  /** Direct word or doubleword memory operand. */
  public static final int OV = 12;
  /** Memory address only; no access (LEA). */
  public static final int M = 13;
  /** Memory far pointer, offset then segment (LES, LDS, LSS, LFS, LGS). */
  public static final int MP = 14;
  /** Memory pair of words or doublewords (BOUND). */
  public static final int MA = 15;
  /** Segment register in the reg field. */
  public static final int SW = 16;
  /** ModR/M operand of an ESC (coprocessor) instruction: decoded, not used. */
  public static final int EX = 17;
  /** Word or doubleword register from the opcode's low three bits. */
  public static final int ZV = 18;
  /** Byte register from the opcode's low three bits. */
  public static final int ZB = 19;
  /** String source byte DS:SI. */
  public static final int XB = 20;
  /** String source word or doubleword DS:SI. */
  public static final int XV = 21;
  /** String destination byte ES:DI. */
  public static final int YB = 22;
  /** String destination word or doubleword ES:DI. */
  public static final int YV = 23;
  /** The constant 1 (shift by one). */
  public static final int ONE = 24;
  /** AL. */
  public static final int AL = 25;
  /** AX, or EAX with the operand-size prefix. */
  public static final int EAX = 26;
  /** CL. */
  public static final int CL = 27;
  /** DX (port). */
  public static final int DX = 28;
  /** ES. */
  public static final int ES = 29;
  /** CS. */
  public static final int CS = 30;
  /** SS. */
  public static final int SS = 31;
  /** DS. */
  public static final int DS = 32;
  /** ModR/M memory operand of the descriptor-table instructions (6 bytes). */
  public static final int MS = 33;
  /** Memory far pointer of a far CALL or JMP (shown as {@code word} as in the vectors). */
  public static final int MF = 34;
  /** ModR/M word operand whatever the operand size (segment moves, SMSW, LMSW). */
  public static final int EW = 35;
  /** Immediate word whatever the operand size (RET n, ENTER). */
  public static final int IW = 36;
  /** FS. */
  public static final int FS = 37;
  /** GS. */
  public static final int GS = 38;
  /** ModR/M r/m field as a doubleword register, whatever the mod field (MOV CRn and DRn). */
  public static final int RD = 39;
  /** Control register in the reg field. */
  public static final int CD = 40;
  /** Debug register in the reg field. */
  public static final int DD = 41;
  /** Test register in the reg field. */
  public static final int TD = 42;
  /** Doubleword register from the opcode's low three bits (BSWAP). */
  public static final int ZD = 43;
  /** ModR/M reg field, a word register whatever the operand size (ARPL). */
  public static final int GW = 44;

  private static final String[] KIND_NAMES = {
    "", "Eb", "Ev", "Gb", "Gv", "Ib", "Iv", "Is", "Jb", "Jv", "Ap", "Ob", "Ov", "M", "Mp",
    "Ma", "Sw", "Ex", "Zv", "Zb", "Xb", "Xv", "Yb", "Yv", "1", "AL", "eAX", "CL", "DX", "ES",
    "CS", "SS", "DS", "Ms", "Mf", "Ew", "Iw", "FS", "GS", "Rd", "Cd", "Dd", "Td", "Zd", "Gw"
  };

  /**
   * One opcode form.
   *
   * @param page 0 for the one-byte map, 0Fh for the 80286's two-byte map
   * @param opcode the opcode byte (the second byte on page 0Fh)
   * @param reg the ModR/M reg field that selects this row of a group, or -1
   * @param models the models that execute it, a mask of {@link #M86} to {@link #M486}
   * @param mnemonic the Intel mnemonic in lower case
   * @param mnemonic32 the mnemonic with a doubleword operand size where it differs ({@code
   *     cwde} for {@code cbw}), else the same as {@code mnemonic}
   * @param operands the operand kinds, destination first
   * @param note a short remark for undocumented forms, or empty
   */
  public record Row(
      int page,
      int opcode,
      int reg,
      int models,
      String mnemonic,
      String mnemonic32,
      int[] operands,
      String note) {

    /**
     * Whether a ModR/M byte follows the opcode.
     *
     * @return true for rows with a ModR/M operand or a group sub-opcode
     */
    public boolean hasModrm() {
      if (reg >= 0) {
        return true;
      }
      for (int k : operands) {
        if (k == EB || k == EV || k == EW || k == GB || k == GV || k == M || k == MP
            || k == MF || k == MA || k == SW || k == EX || k == MS || k == RD || k == GW) {
          return true;
        }
      }
      return false;
    }

    /**
     * Whether the ModR/M operand must be memory (a register form is invalid from the 80186
     * on).
     *
     * @return true for LEA, LES, LDS, BOUND, CALL/JMP far through memory, LGDT and the like
     */
    public boolean memoryOnly() {
      for (int k : operands) {
        if (k == M || k == MP || k == MF || k == MA || k == MS) {
          return true;
        }
      }
      return false;
    }

    /**
     * How many bytes the ModR/M memory operand spans from its offset with a 16-bit operand
     * size, as the 80286's segment-wrap check sees it: 1 for bytes, 2 for words, 4 for far
     * pointers and BOUND pairs (two words), 0 where memory is not accessed (LEA).
     *
     * @return 0, 1, 2 or 4
     */
    public int memoryWidth() {
      for (int k : operands) {
        switch (k) {
          case EB:
            return 1;
          case EV:
          case EW:
          case EX:
            return 2;
          case MP:
          case MF:
          case MA:
            return 4;
          default:
            break;
        }
      }
      return 0;
    }

    /**
     * Whether this row exists on the given model.
     *
     * @param model a model
     * @return true if the model executes this form
     */
    public boolean on(CpuModel model) {
      return (models & bit(model)) != 0;
    }

    @Override
    public String toString() {
      StringBuilder s = new StringBuilder();
      s.append(page == 0 ? "" : "0F ").append(String.format("%02X", opcode));
      if (reg >= 0) {
        s.append('/').append(reg);
      }
      s.append(' ').append(mnemonic);
      for (int i = 0; i < operands.length; i++) {
        s.append(i == 0 ? " " : ",").append(KIND_NAMES[operands[i]]);
      }
      return s.toString();
    }
  }

  /**
   * The rows of one model, indexed for decoding.
   *
   * @param model the model
   */
  static final class ModelTable {
    final CpuModel model;
    /** Row per one-byte opcode, null where the opcode is a prefix or invalid. */
    final @Nullable Row[] primary = new Row[256];
    /** Rows per group opcode and reg field: [opcode][reg]. */
    final @Nullable Row[][] group = new Row[256][];
    /** Rows of the 0Fh page (80286 and later), by second byte. */
    final @Nullable Row[] page0f = new Row[256];
    /** Rows of the 0Fh page groups (0F 00, 0F 01). */
    final @Nullable Row[][] group0f = new Row[256][];
    /** Whether a ModR/M byte follows the one-byte opcode. */
    final boolean[] modrm = new boolean[256];

    ModelTable(CpuModel model) {
      this.model = model;
    }

    @Nullable Row row(int opcode, int modrmByte) {
      Row[] g = group[opcode];
      if (g != null) {
        return g[(modrmByte >> 3) & 7];
      }
      return primary[opcode];
    }

    @Nullable Row row0f(int opcode, int modrmByte) {
      Row[] g = group0f[opcode];
      if (g != null) {
        return g[(modrmByte >> 3) & 7];
      }
      return page0f[opcode];
    }
  }

  // The table. Columns: opcode (xx, xx/r for a group row, 0Fxx[/r] for the two-byte map),
  // models (86 = 8086 only, 186+ = 80186 and later, 286 = 80286 only, 286+, 386 = 80386
  // only, 386+ = 80386 and 80486, 486 = 80486 only, all), mnemonic (with its
  // doubleword-operand form after a slash where that differs), operands, and an optional
  // remark after "--".
  private static final String TABLE =
      """
      00 all add Eb,Gb
      01 all add Ev,Gv
      02 all add Gb,Eb
      03 all add Gv,Ev
      04 all add AL,Ib
      05 all add eAX,Iv
      06 all push ES
      07 all pop ES
      08 all or Eb,Gb
      09 all or Ev,Gv
      0A all or Gb,Eb
      0B all or Gv,Ev
      0C all or AL,Ib
      0D all or eAX,Iv
      0E all push CS
      0F 86 pop CS -- the 8086 pops CS; later models use 0Fh as an escape
      10 all adc Eb,Gb
      11 all adc Ev,Gv
      12 all adc Gb,Eb
      13 all adc Gv,Ev
      14 all adc AL,Ib
      15 all adc eAX,Iv
      16 all push SS
      17 all pop SS
      18 all sbb Eb,Gb
      19 all sbb Ev,Gv
      1A all sbb Gb,Eb
      1B all sbb Gv,Ev
      1C all sbb AL,Ib
      1D all sbb eAX,Iv
      1E all push DS
      1F all pop DS
      20 all and Eb,Gb
      21 all and Ev,Gv
      22 all and Gb,Eb
      23 all and Gv,Ev
      24 all and AL,Ib
      25 all and eAX,Iv
      27 all daa
      28 all sub Eb,Gb
      29 all sub Ev,Gv
      2A all sub Gb,Eb
      2B all sub Gv,Ev
      2C all sub AL,Ib
      2D all sub eAX,Iv
      2F all das
      30 all xor Eb,Gb
      31 all xor Ev,Gv
      32 all xor Gb,Eb
      33 all xor Gv,Ev
      34 all xor AL,Ib
      35 all xor eAX,Iv
      37 all aaa
      38 all cmp Eb,Gb
      39 all cmp Ev,Gv
      3A all cmp Gb,Eb
      3B all cmp Gv,Ev
      3C all cmp AL,Ib
      3D all cmp eAX,Iv
      3F all aas
      40 all inc Zv
      41 all inc Zv
      42 all inc Zv
      43 all inc Zv
      44 all inc Zv
      45 all inc Zv
      46 all inc Zv
      47 all inc Zv
      48 all dec Zv
      49 all dec Zv
      4A all dec Zv
      4B all dec Zv
      4C all dec Zv
      4D all dec Zv
      4E all dec Zv
      4F all dec Zv
      50 all push Zv
      51 all push Zv
      52 all push Zv
      53 all push Zv
      54 all push Zv
      55 all push Zv
      56 all push Zv
      57 all push Zv
      58 all pop Zv
      59 all pop Zv
      5A all pop Zv
      5B all pop Zv
      5C all pop Zv
      5D all pop Zv
      5E all pop Zv
      5F all pop Zv
      60 86 jo Jb -- alias of 70h
      61 86 jno Jb -- alias of 71h
      62 86 jb Jb -- alias of 72h
      63 86 jnb Jb -- alias of 73h
      64 86 jz Jb -- alias of 74h
      65 86 jnz Jb -- alias of 75h
      66 86 jbe Jb -- alias of 76h
      67 86 jnbe Jb -- alias of 77h
      68 86 js Jb -- alias of 78h
      69 86 jns Jb -- alias of 79h
      6A 86 jp Jb -- alias of 7Ah
      6B 86 jnp Jb -- alias of 7Bh
      6C 86 jl Jb -- alias of 7Ch
      6D 86 jnl Jb -- alias of 7Dh
      6E 86 jle Jb -- alias of 7Eh
      6F 86 jnle Jb -- alias of 7Fh
      60 186+ pusha/pushad
      61 186+ popa/popad
      62 186+ bound Gv,Ma
      68 186+ push Iv
      69 186+ imul Gv,Ev,Iv
      6A 186+ push Is
      6B 186+ imul Gv,Ev,Is
      6C 186+ insb Yb,DX
      6D 186+ insw/insd Yv,DX
      6E 186+ outsb DX,Xb
      6F 186+ outsw/outsd DX,Xv
      63 386+ arpl Ew,Gw -- protected mode only: #UD in real mode
      70 all jo Jb
      71 all jno Jb
      72 all jb Jb
      73 all jnb Jb
      74 all jz Jb
      75 all jnz Jb
      76 all jbe Jb
      77 all jnbe Jb
      78 all js Jb
      79 all jns Jb
      7A all jp Jb
      7B all jnp Jb
      7C all jl Jb
      7D all jnl Jb
      7E all jle Jb
      7F all jnle Jb
      80/0 all add Eb,Ib
      80/1 all or Eb,Ib
      80/2 all adc Eb,Ib
      80/3 all sbb Eb,Ib
      80/4 all and Eb,Ib
      80/5 all sub Eb,Ib
      80/6 all xor Eb,Ib
      80/7 all cmp Eb,Ib
      81/0 all add Ev,Iv
      81/1 all or Ev,Iv
      81/2 all adc Ev,Iv
      81/3 all sbb Ev,Iv
      81/4 all and Ev,Iv
      81/5 all sub Ev,Iv
      81/6 all xor Ev,Iv
      81/7 all cmp Ev,Iv
      82/0 all add Eb,Ib -- alias of 80h
      82/1 all or Eb,Ib -- alias of 80h
      82/2 all adc Eb,Ib -- alias of 80h
      82/3 all sbb Eb,Ib -- alias of 80h
      82/4 all and Eb,Ib -- alias of 80h
      82/5 all sub Eb,Ib -- alias of 80h
      82/6 all xor Eb,Ib -- alias of 80h
      82/7 all cmp Eb,Ib -- alias of 80h
      83/0 all add Ev,Is
      83/1 all or Ev,Is
      83/2 all adc Ev,Is
      83/3 all sbb Ev,Is
      83/4 all and Ev,Is
      83/5 all sub Ev,Is
      83/6 all xor Ev,Is
      83/7 all cmp Ev,Is
      84 all test Eb,Gb
      85 all test Ev,Gv
      86 all xchg Gb,Eb
      87 all xchg Gv,Ev
      88 all mov Eb,Gb
      89 all mov Ev,Gv
      8A all mov Gb,Eb
      8B all mov Gv,Ev
      8C/0 all mov Ew,Sw
      8C/1 all mov Ew,Sw
      8C/2 all mov Ew,Sw
      8C/3 all mov Ew,Sw
      8C/4 86 mov Ew,Sw -- segment register 4-7 repeat ES, CS, SS, DS
      8C/5 86 mov Ew,Sw -- segment register 4-7 repeat ES, CS, SS, DS
      8C/4 386+ mov Ew,Sw
      8C/5 386+ mov Ew,Sw
      8C/6 86 mov Ew,Sw -- segment register 4-7 repeat ES, CS, SS, DS
      8C/7 86 mov Ew,Sw -- segment register 4-7 repeat ES, CS, SS, DS
      8D all lea Gv,M
      8E/0 all mov Sw,Ew
      8E/1 86 mov Sw,Ew -- loading CS: the 8086 does it
      8E/2 all mov Sw,Ew
      8E/3 all mov Sw,Ew
      8E/4 86 mov Sw,Ew -- segment register 4-7 repeat ES, CS, SS, DS
      8E/5 86 mov Sw,Ew -- segment register 4-7 repeat ES, CS, SS, DS
      8E/4 386+ mov Sw,Ew
      8E/5 386+ mov Sw,Ew
      8E/6 86 mov Sw,Ew -- segment register 4-7 repeat ES, CS, SS, DS
      8E/7 86 mov Sw,Ew -- segment register 4-7 repeat ES, CS, SS, DS
      8F/0 all pop Ev
      8F/1 86 pop Ev -- reg field ignored
      8F/2 86 pop Ev -- reg field ignored
      8F/3 86 pop Ev -- reg field ignored
      8F/4 86 pop Ev -- reg field ignored
      8F/5 86 pop Ev -- reg field ignored
      8F/6 86 pop Ev -- reg field ignored
      8F/7 86 pop Ev -- reg field ignored
      90 all nop
      91 all xchg Zv,eAX
      92 all xchg Zv,eAX
      93 all xchg Zv,eAX
      94 all xchg Zv,eAX
      95 all xchg Zv,eAX
      96 all xchg Zv,eAX
      97 all xchg Zv,eAX
      98 all cbw/cwde
      99 all cwd/cdq
      9A all callf Ap
      9B all wait
      9C all pushf/pushfd
      9D all popf/popfd
      9E all sahf
      9F all lahf
      A0 all mov AL,Ob
      A1 all mov eAX,Ov
      A2 all mov Ob,AL
      A3 all mov Ov,eAX
      A4 all movsb Yb,Xb
      A5 all movsw/movsd Yv,Xv
      A6 all cmpsb Xb,Yb
      A7 all cmpsw/cmpsd Xv,Yv
      A8 all test AL,Ib
      A9 all test eAX,Iv
      AA all stosb Yb,AL
      AB all stosw/stosd Yv,eAX
      AC all lodsb AL,Xb
      AD all lodsw/lodsd eAX,Xv
      AE all scasb AL,Yb
      AF all scasw/scasd eAX,Yv
      B0 all mov Zb,Ib
      B1 all mov Zb,Ib
      B2 all mov Zb,Ib
      B3 all mov Zb,Ib
      B4 all mov Zb,Ib
      B5 all mov Zb,Ib
      B6 all mov Zb,Ib
      B7 all mov Zb,Ib
      B8 all mov Zv,Iv
      B9 all mov Zv,Iv
      BA all mov Zv,Iv
      BB all mov Zv,Iv
      BC all mov Zv,Iv
      BD all mov Zv,Iv
      BE all mov Zv,Iv
      BF all mov Zv,Iv
      C0 86 retn Iw -- alias of C2h
      C1 86 retn -- alias of C3h
      C0/0 186+ rol Eb,Ib
      C0/1 186+ ror Eb,Ib
      C0/2 186+ rcl Eb,Ib
      C0/3 186+ rcr Eb,Ib
      C0/4 186+ shl Eb,Ib
      C0/5 186+ shr Eb,Ib
      C0/6 186+ sal Eb,Ib -- alias of /4
      C0/7 186+ sar Eb,Ib
      C1/0 186+ rol Ev,Ib
      C1/1 186+ ror Ev,Ib
      C1/2 186+ rcl Ev,Ib
      C1/3 186+ rcr Ev,Ib
      C1/4 186+ shl Ev,Ib
      C1/5 186+ shr Ev,Ib
      C1/6 186+ sal Ev,Ib -- alias of /4
      C1/7 186+ sar Ev,Ib
      C2 all retn Iw
      C3 all retn
      C4 all les Gv,Mp
      C5 all lds Gv,Mp
      C6/0 all mov Eb,Ib
      C6/1 86 mov Eb,Ib -- reg field ignored
      C6/2 86 mov Eb,Ib -- reg field ignored
      C6/3 86 mov Eb,Ib -- reg field ignored
      C6/4 86 mov Eb,Ib -- reg field ignored
      C6/5 86 mov Eb,Ib -- reg field ignored
      C6/6 86 mov Eb,Ib -- reg field ignored
      C6/7 86 mov Eb,Ib -- reg field ignored
      C7/0 all mov Ev,Iv
      C7/1 86 mov Ev,Iv -- reg field ignored
      C7/2 86 mov Ev,Iv -- reg field ignored
      C7/3 86 mov Ev,Iv -- reg field ignored
      C7/4 86 mov Ev,Iv -- reg field ignored
      C7/5 86 mov Ev,Iv -- reg field ignored
      C7/6 86 mov Ev,Iv -- reg field ignored
      C7/7 86 mov Ev,Iv -- reg field ignored
      C8 86 retf Iw -- alias of CAh
      C9 86 retf -- alias of CBh
      C8 186+ enter Iw,Ib
      C9 186+ leave
      CA all retf Iw
      CB all retf
      CC all int3
      CD all int Ib
      CE all into
      CF all iret/iretd
      D0/0 all rol Eb,1
      D0/1 all ror Eb,1
      D0/2 all rcl Eb,1
      D0/3 all rcr Eb,1
      D0/4 all shl Eb,1
      D0/5 all shr Eb,1
      D0/6 86 setmo Eb -- undocumented: sets all bits
      D0/6 186+ sal Eb,1 -- alias of /4
      D0/7 all sar Eb,1
      D1/0 all rol Ev,1
      D1/1 all ror Ev,1
      D1/2 all rcl Ev,1
      D1/3 all rcr Ev,1
      D1/4 all shl Ev,1
      D1/5 all shr Ev,1
      D1/6 86 setmo Ev -- undocumented: sets all bits
      D1/6 186+ sal Ev,1 -- alias of /4
      D1/7 all sar Ev,1
      D2/0 all rol Eb,CL
      D2/1 all ror Eb,CL
      D2/2 all rcl Eb,CL
      D2/3 all rcr Eb,CL
      D2/4 all shl Eb,CL
      D2/5 all shr Eb,CL
      D2/6 86 setmoc Eb,CL -- undocumented: sets all bits if CL is not zero
      D2/6 186+ sal Eb,CL -- alias of /4
      D2/7 all sar Eb,CL
      D3/0 all rol Ev,CL
      D3/1 all ror Ev,CL
      D3/2 all rcl Ev,CL
      D3/3 all rcr Ev,CL
      D3/4 all shl Ev,CL
      D3/5 all shr Ev,CL
      D3/6 86 setmoc Ev,CL -- undocumented: sets all bits if CL is not zero
      D3/6 186+ sal Ev,CL -- alias of /4
      D3/7 all sar Ev,CL
      D4 all aam Ib
      D5 all aad Ib
      D6 all salc -- undocumented: AL = CF ? FFh : 0
      D7 all xlat
      D8 all esc Ex
      D9 all esc Ex
      DA all esc Ex
      DB all esc Ex
      DC all esc Ex
      DD all esc Ex
      DE all esc Ex
      DF all esc Ex
      E0 all loopne Jb
      E1 all loope Jb
      E2 all loop Jb
      E3 all jcxz Jb
      E4 all in AL,Ib
      E5 all in eAX,Ib
      E6 all out Ib,AL
      E7 all out Ib,eAX
      E8 all call Jv
      E9 all jmp Jv
      EA all jmpf Ap
      EB all jmp Jb
      EC all in AL,DX
      ED all in eAX,DX
      EE all out DX,AL
      EF all out DX,eAX
      F1 386+ int1 -- undocumented: the in-circuit emulator breakpoint, INT 1
      F4 all hlt
      F5 all cmc
      F6/0 all test Eb,Ib
      F6/1 all test Eb,Ib -- alias of /0
      F6/2 all not Eb
      F6/3 all neg Eb
      F6/4 all mul Eb
      F6/5 all imul Eb
      F6/6 all div Eb
      F6/7 all idiv Eb
      F7/0 all test Ev,Iv
      F7/1 all test Ev,Iv -- alias of /0
      F7/2 all not Ev
      F7/3 all neg Ev
      F7/4 all mul Ev
      F7/5 all imul Ev
      F7/6 all div Ev
      F7/7 all idiv Ev
      F8 all clc
      F9 all stc
      FA all cli
      FB all sti
      FC all cld
      FD all std
      FE/0 all inc Eb
      FE/1 all dec Eb
      FE/2 86 call Ev -- undefined: treated as FFh /2
      FE/3 86 callf Mf -- undefined: treated as FFh /3
      FE/4 86 jmp Ev -- undefined: treated as FFh /4
      FE/5 86 jmpf Mf -- undefined: treated as FFh /5
      FE/6 86 push Ev -- undefined: treated as FFh /6
      FE/7 86 push Ev -- undefined: treated as FFh /6
      FF/0 all inc Ev
      FF/1 all dec Ev
      FF/2 all call Ev
      FF/3 all callf Mf
      FF/4 all jmp Ev
      FF/5 all jmpf Mf
      FF/6 all push Ev
      FF/7 86 push Ev -- alias of /6
      0F00/0 286+ sldt Ew -- protected mode only: #UD in real mode
      0F00/1 286+ str Ew -- protected mode only: #UD in real mode
      0F00/2 286+ lldt Ew -- protected mode only: #UD in real mode
      0F00/3 286+ ltr Ew -- protected mode only: #UD in real mode
      0F00/4 286+ verr Ew -- protected mode only: #UD in real mode
      0F00/5 286+ verw Ew -- protected mode only: #UD in real mode
      0F01/0 286+ sgdt Ms
      0F01/1 286+ sidt Ms
      0F01/2 286+ lgdt Ms
      0F01/3 286+ lidt Ms
      0F01/4 286+ smsw Ew
      0F01/6 286+ lmsw Ew
      0F02 286+ lar Gv,Ew -- protected mode only: #UD in real mode
      0F03 286+ lsl Gv,Ew -- protected mode only: #UD in real mode
      0F01/7 486 invlpg M
      0F05 286 loadall -- undocumented: loads the whole CPU state from 800h
      0F06 286+ clts
      0F07 386 loadall -- undocumented: loads the whole CPU state from ES:EDI
      0F08 486 invd
      0F09 486 wbinvd
      0F20/0 386+ mov Rd,Cd
      0F20/2 386+ mov Rd,Cd
      0F20/3 386+ mov Rd,Cd
      0F22/0 386+ mov Cd,Rd
      0F22/2 386+ mov Cd,Rd
      0F22/3 386+ mov Cd,Rd
      0F21/0 386+ mov Rd,Dd
      0F21/1 386+ mov Rd,Dd
      0F21/2 386+ mov Rd,Dd
      0F21/3 386+ mov Rd,Dd
      0F21/4 386+ mov Rd,Dd -- DR4 and DR5 are DR6 and DR7
      0F21/5 386+ mov Rd,Dd -- DR4 and DR5 are DR6 and DR7
      0F21/6 386+ mov Rd,Dd
      0F21/7 386+ mov Rd,Dd
      0F23/0 386+ mov Dd,Rd
      0F23/1 386+ mov Dd,Rd
      0F23/2 386+ mov Dd,Rd
      0F23/3 386+ mov Dd,Rd
      0F23/4 386+ mov Dd,Rd -- DR4 and DR5 are DR6 and DR7
      0F23/5 386+ mov Dd,Rd -- DR4 and DR5 are DR6 and DR7
      0F23/6 386+ mov Dd,Rd
      0F23/7 386+ mov Dd,Rd
      0F24/3 486 mov Rd,Td
      0F24/4 486 mov Rd,Td
      0F24/5 486 mov Rd,Td
      0F24/6 386+ mov Rd,Td
      0F24/7 386+ mov Rd,Td
      0F26/3 486 mov Td,Rd
      0F26/4 486 mov Td,Rd
      0F26/5 486 mov Td,Rd
      0F26/6 386+ mov Td,Rd
      0F26/7 386+ mov Td,Rd
      0F80 386+ jo Jv
      0F81 386+ jno Jv
      0F82 386+ jb Jv
      0F83 386+ jnb Jv
      0F84 386+ jz Jv
      0F85 386+ jnz Jv
      0F86 386+ jbe Jv
      0F87 386+ jnbe Jv
      0F88 386+ js Jv
      0F89 386+ jns Jv
      0F8A 386+ jp Jv
      0F8B 386+ jnp Jv
      0F8C 386+ jl Jv
      0F8D 386+ jnl Jv
      0F8E 386+ jle Jv
      0F8F 386+ jnle Jv
      0F90 386+ seto Eb
      0F91 386+ setno Eb
      0F92 386+ setb Eb
      0F93 386+ setnb Eb
      0F94 386+ setz Eb
      0F95 386+ setnz Eb
      0F96 386+ setbe Eb
      0F97 386+ setnbe Eb
      0F98 386+ sets Eb
      0F99 386+ setns Eb
      0F9A 386+ setp Eb
      0F9B 386+ setnp Eb
      0F9C 386+ setl Eb
      0F9D 386+ setnl Eb
      0F9E 386+ setle Eb
      0F9F 386+ setnle Eb
      0FA0 386+ push FS
      0FA1 386+ pop FS
      0FA2 486 cpuid
      0FA3 386+ bt Ev,Gv
      0FA4 386+ shld Ev,Gv,Ib
      0FA5 386+ shld Ev,Gv,CL
      0FA8 386+ push GS
      0FA9 386+ pop GS
      0FAB 386+ bts Ev,Gv
      0FAC 386+ shrd Ev,Gv,Ib
      0FAD 386+ shrd Ev,Gv,CL
      0FAF 386+ imul Gv,Ev
      0FB0 486 cmpxchg Eb,Gb
      0FB1 486 cmpxchg Ev,Gv
      0FB2 386+ lss Gv,Mp
      0FB3 386+ btr Ev,Gv
      0FB4 386+ lfs Gv,Mp
      0FB5 386+ lgs Gv,Mp
      0FB6 386+ movzx Gv,Eb
      0FB7 386+ movzx Gv,Ew
      0FBA/4 386+ bt Ev,Ib
      0FBA/5 386+ bts Ev,Ib
      0FBA/6 386+ btr Ev,Ib
      0FBA/7 386+ btc Ev,Ib
      0FBB 386+ btc Ev,Gv
      0FBC 386+ bsf Gv,Ev
      0FBD 386+ bsr Gv,Ev
      0FBE 386+ movsx Gv,Eb
      0FBF 386+ movsx Gv,Ew
      0FC0 486 xadd Eb,Gb
      0FC1 486 xadd Ev,Gv
      0FC8 486 bswap Zd
      0FC9 486 bswap Zd
      0FCA 486 bswap Zd
      0FCB 486 bswap Zd
      0FCC 486 bswap Zd
      0FCD 486 bswap Zd
      0FCE 486 bswap Zd
      0FCF 486 bswap Zd
      """;

  private static final List<Row> ROWS = parse();
  private static final ModelTable T8086 = build(CpuModel.I8086);
  private static final ModelTable T80186 = build(CpuModel.I80186);
  private static final ModelTable T80286 = build(CpuModel.I80286);
  private static final ModelTable T80386 = build(CpuModel.I80386);
  private static final ModelTable T80486 = build(CpuModel.I80486);

  private OpcodeTable() {}

  /**
   * Every row of the table, in table order.
   *
   * @return an unmodifiable list
   */
  public static List<Row> rows() {
    return ROWS;
  }

  /**
   * The row that a model executes for an opcode, looking at the ModR/M reg field for groups.
   *
   * @param model the model
   * @param opcode the one-byte opcode
   * @param modrm the ModR/M byte (ignored where the opcode has none)
   * @return the row, or null where the model treats the byte as a prefix or raises #UD
   */
  public static @Nullable Row lookup(CpuModel model, int opcode, int modrm) {
    return forModel(model).row(opcode & 0xFF, modrm & 0xFF);
  }

  static ModelTable forModel(CpuModel model) {
    switch (model) {
      case I8086:
        return T8086;
      case I80186:
        return T80186;
      case I80286:
        return T80286;
      case I80386:
        return T80386;
      default:
        return T80486;
    }
  }

  static int bit(CpuModel model) {
    switch (model) {
      case I8086:
        return M86;
      case I80186:
        return M186;
      case I80286:
        return M286;
      case I80386:
        return M386;
      default:
        return M486;
    }
  }

  static String kindName(int kind) {
    return KIND_NAMES[kind];
  }

  private static List<Row> parse() {
    List<Row> rows = new ArrayList<>();
    for (String line : TABLE.split("\n")) {
      String text = line.strip();
      if (text.isEmpty()) {
        continue;
      }
      String note = "";
      int dash = text.indexOf(" -- ");
      if (dash >= 0) {
        note = text.substring(dash + 4);
        text = text.substring(0, dash);
      }
      String[] f = text.split(" ");
      String code = f[0];
      int reg = -1;
      int slash = code.indexOf('/');
      if (slash >= 0) {
        reg = Integer.parseInt(code.substring(slash + 1));
        code = code.substring(0, slash);
      }
      int page = 0;
      if (code.length() == 4) {
        page = 0x0F;
        code = code.substring(2);
      }
      int opcode = Integer.parseInt(code, 16);
      int models;
      switch (f[1]) {
        case "all":
          models = M86 | M186 | M286 | M386 | M486;
          break;
        case "86":
          models = M86;
          break;
        case "186+":
          models = M186 | M286 | M386 | M486;
          break;
        case "286":
          models = M286;
          break;
        case "286+":
          models = M286 | M386 | M486;
          break;
        case "386":
          models = M386;
          break;
        case "386+":
          models = M386 | M486;
          break;
        case "486":
          models = M486;
          break;
        default:
          throw new IllegalStateException("bad model column: " + line);
      }
      int[] ops = new int[0];
      if (f.length > 3) {
        String[] names = f[3].split(",");
        ops = new int[names.length];
        for (int i = 0; i < names.length; i++) {
          ops[i] = kind(names[i], line);
        }
      }
      String mnemonic = f[2];
      String mnemonic32 = mnemonic;
      int alt = mnemonic.indexOf('/');
      if (alt >= 0) {
        mnemonic32 = mnemonic.substring(alt + 1);
        mnemonic = mnemonic.substring(0, alt);
      }
      rows.add(new Row(page, opcode, reg, models, mnemonic, mnemonic32, ops, note));
    }
    return Collections.unmodifiableList(rows);
  }

  private static int kind(String name, String line) {
    for (int i = 1; i < KIND_NAMES.length; i++) {
      if (KIND_NAMES[i].equals(name)) {
        return i;
      }
    }
    throw new IllegalStateException("bad operand kind " + name + " in: " + line);
  }

  private static ModelTable build(CpuModel model) {
    ModelTable t = new ModelTable(model);
    int b = bit(model);
    for (Row r : ROWS) {
      if ((r.models() & b) == 0) {
        continue;
      }
      @Nullable Row[] single = r.page() == 0 ? t.primary : t.page0f;
      @Nullable Row[][] groups = r.page() == 0 ? t.group : t.group0f;
      if (r.reg() >= 0) {
        @Nullable Row[] g = groups[r.opcode()];
        if (g == null) {
          g = new Row[8];
          groups[r.opcode()] = g;
        }
        g[r.reg()] = r;
      } else {
        single[r.opcode()] = r;
      }
    }
    for (int op = 0; op < 256; op++) {
      @Nullable Row p = t.primary[op];
      t.modrm[op] = t.group[op] != null || (p != null && p.hasModrm());
    }
    return t;
  }
}
