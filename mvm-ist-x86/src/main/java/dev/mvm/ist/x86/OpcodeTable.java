package dev.mvm.ist.x86;

import dev.mvm.api.cpu.CpuModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The one table of x86 opcodes behind the interpreter, the disassembler and the tests: one
 * row per opcode (per {@code /reg} sub-opcode for the group opcodes, per {@code 0F xx} form on
 * the 80286) with its mnemonic, its operand kinds and the models that execute it.
 *
 * <p>The interpreter asks the table whether an opcode exists on its model (otherwise the
 * 80186 and 80286 raise the invalid-opcode exception, vector 6; the 8086 has a row for every
 * byte), whether it is followed by a ModR/M byte, whether its ModR/M must name memory (LEA,
 * LES, LDS, BOUND, far CALL/JMP through memory, LGDT/LIDT) and how wide its memory operand
 * is (the 80286 raises #GP, vector 13, when a word operand would wrap at offset FFFFh). The
 * disassembler renders the same rows. Behaviour of each row is in {@link X86Cpu}.
 *
 * <p>Sources: Intel's iAPX 86/88 User's Manual (1981), the 80186/80188 and 80286
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

  // Operand kinds. E = ModR/M register or memory, G = ModR/M reg field, I = immediate,
  // J = relative target, O = direct offset, M = memory only, S = segment register (reg
  // field), Z = register encoded in the low three bits of the opcode, X/Y = string source
  // DS:SI and destination ES:DI. Suffix b = byte, w = word.
  /** ModR/M byte operand. */
  public static final int EB = 1;
  /** ModR/M word operand. */
  public static final int EW = 2;
  /** ModR/M reg field, byte register. */
  public static final int GB = 3;
  /** ModR/M reg field, word register. */
  public static final int GW = 4;
  /** Immediate byte. */
  public static final int IB = 5;
  /** Immediate word. */
  public static final int IW = 6;
  /** Immediate byte sign-extended to a word. */
  public static final int IS = 7;
  /** Relative target, byte displacement. */
  public static final int JB = 8;
  /** Relative target, word displacement. */
  public static final int JW = 9;
  /** Far pointer immediate offset:segment. */
  public static final int AP = 10;
  /** Direct byte memory operand (offset word follows the opcode). */
  public static final int OB = 11;
  /** Direct word memory operand. */
  public static final int OW = 12;
  /** Memory address only; no access (LEA). */
  public static final int M = 13;
  /** Memory far pointer, offset then segment (LES, LDS, CALL/JMP far). */
  public static final int MP = 14;
  /** Memory pair of words (BOUND). */
  public static final int MA = 15;
  /** Segment register in the reg field. */
  public static final int SW = 16;
  /** ModR/M operand of an ESC (coprocessor) instruction: decoded, not used. */
  public static final int EX = 17;
  /** Word register from the opcode's low three bits. */
  public static final int ZW = 18;
  /** Byte register from the opcode's low three bits. */
  public static final int ZB = 19;
  /** String source byte DS:SI. */
  public static final int XB = 20;
  /** String source word DS:SI. */
  public static final int XW = 21;
  /** String destination byte ES:DI. */
  public static final int YB = 22;
  /** String destination word ES:DI. */
  public static final int YW = 23;
  /** The constant 1 (shift by one). */
  public static final int ONE = 24;
  /** AL. */
  public static final int AL = 25;
  /** AX. */
  public static final int AX = 26;
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
  /** ModR/M word memory operand of the 80286 system instructions (6 bytes for LGDT). */
  public static final int MS = 33;
  /** Memory far pointer of a far CALL or JMP (shown as {@code word} as in the vectors). */
  public static final int MF = 34;

  private static final String[] KIND_NAMES = {
    "", "Eb", "Ew", "Gb", "Gw", "Ib", "Iw", "Is", "Jb", "Jw", "Ap", "Ob", "Ow", "M", "Mp",
    "Ma", "Sw", "Ex", "Zw", "Zb", "Xb", "Xw", "Yb", "Yw", "1", "AL", "AX", "CL", "DX", "ES",
    "CS", "SS", "DS", "Ms", "Mf"
  };

  /**
   * One opcode form.
   *
   * @param page 0 for the one-byte map, 0Fh for the 80286's two-byte map
   * @param opcode the opcode byte (the second byte on page 0Fh)
   * @param reg the ModR/M reg field that selects this row of a group, or -1
   * @param models the models that execute it, a mask of {@link #M86}, {@link #M186}, {@link #M286}
   * @param mnemonic the Intel mnemonic in lower case
   * @param operands the operand kinds, destination first
   * @param note a short remark for undocumented forms, or empty
   */
  public record Row(
      int page, int opcode, int reg, int models, String mnemonic, int[] operands, String note) {

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
        if (k == EB || k == EW || k == GB || k == GW || k == M || k == MP || k == MF
            || k == MA || k == SW || k == EX || k == MS) {
          return true;
        }
      }
      return false;
    }

    /**
     * Whether the ModR/M operand must be memory (a register form is invalid on the 80186 and
     * 80286).
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
     * How many bytes the ModR/M memory operand spans from its offset, as the 80286's
     * segment-wrap check sees it: 1 for bytes, 2 for words, 4 for far pointers and BOUND
     * pairs (two words), 0 where memory is not accessed (LEA).
     *
     * @return 0, 1, 2 or 4
     */
    public int memoryWidth() {
      for (int k : operands) {
        switch (k) {
          case EB:
            return 1;
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
    /** Rows of the 0Fh page (80286), by second byte. */
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
  // models (86 = 8086 only, 186+ = 80186 and 80286, 286 = 80286 only, all), mnemonic,
  // operands, and an optional remark after "--".
  private static final String TABLE =
      """
      00 all add Eb,Gb
      01 all add Ew,Gw
      02 all add Gb,Eb
      03 all add Gw,Ew
      04 all add AL,Ib
      05 all add AX,Iw
      06 all push ES
      07 all pop ES
      08 all or Eb,Gb
      09 all or Ew,Gw
      0A all or Gb,Eb
      0B all or Gw,Ew
      0C all or AL,Ib
      0D all or AX,Iw
      0E all push CS
      0F 86 pop CS -- the 8086 pops CS; later models use 0Fh as an escape
      10 all adc Eb,Gb
      11 all adc Ew,Gw
      12 all adc Gb,Eb
      13 all adc Gw,Ew
      14 all adc AL,Ib
      15 all adc AX,Iw
      16 all push SS
      17 all pop SS
      18 all sbb Eb,Gb
      19 all sbb Ew,Gw
      1A all sbb Gb,Eb
      1B all sbb Gw,Ew
      1C all sbb AL,Ib
      1D all sbb AX,Iw
      1E all push DS
      1F all pop DS
      20 all and Eb,Gb
      21 all and Ew,Gw
      22 all and Gb,Eb
      23 all and Gw,Ew
      24 all and AL,Ib
      25 all and AX,Iw
      27 all daa
      28 all sub Eb,Gb
      29 all sub Ew,Gw
      2A all sub Gb,Eb
      2B all sub Gw,Ew
      2C all sub AL,Ib
      2D all sub AX,Iw
      2F all das
      30 all xor Eb,Gb
      31 all xor Ew,Gw
      32 all xor Gb,Eb
      33 all xor Gw,Ew
      34 all xor AL,Ib
      35 all xor AX,Iw
      37 all aaa
      38 all cmp Eb,Gb
      39 all cmp Ew,Gw
      3A all cmp Gb,Eb
      3B all cmp Gw,Ew
      3C all cmp AL,Ib
      3D all cmp AX,Iw
      3F all aas
      40 all inc Zw
      41 all inc Zw
      42 all inc Zw
      43 all inc Zw
      44 all inc Zw
      45 all inc Zw
      46 all inc Zw
      47 all inc Zw
      48 all dec Zw
      49 all dec Zw
      4A all dec Zw
      4B all dec Zw
      4C all dec Zw
      4D all dec Zw
      4E all dec Zw
      4F all dec Zw
      50 all push Zw
      51 all push Zw
      52 all push Zw
      53 all push Zw
      54 all push Zw
      55 all push Zw
      56 all push Zw
      57 all push Zw
      58 all pop Zw
      59 all pop Zw
      5A all pop Zw
      5B all pop Zw
      5C all pop Zw
      5D all pop Zw
      5E all pop Zw
      5F all pop Zw
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
      60 186+ pusha
      61 186+ popa
      62 186+ bound Gw,Ma
      68 186+ push Iw
      69 186+ imul Gw,Ew,Iw
      6A 186+ push Is
      6B 186+ imul Gw,Ew,Is
      6C 186+ insb Yb,DX
      6D 186+ insw Yw,DX
      6E 186+ outsb DX,Xb
      6F 186+ outsw DX,Xw
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
      81/0 all add Ew,Iw
      81/1 all or Ew,Iw
      81/2 all adc Ew,Iw
      81/3 all sbb Ew,Iw
      81/4 all and Ew,Iw
      81/5 all sub Ew,Iw
      81/6 all xor Ew,Iw
      81/7 all cmp Ew,Iw
      82/0 all add Eb,Ib -- alias of 80h
      82/1 all or Eb,Ib -- alias of 80h
      82/2 all adc Eb,Ib -- alias of 80h
      82/3 all sbb Eb,Ib -- alias of 80h
      82/4 all and Eb,Ib -- alias of 80h
      82/5 all sub Eb,Ib -- alias of 80h
      82/6 all xor Eb,Ib -- alias of 80h
      82/7 all cmp Eb,Ib -- alias of 80h
      83/0 all add Ew,Is
      83/1 all or Ew,Is
      83/2 all adc Ew,Is
      83/3 all sbb Ew,Is
      83/4 all and Ew,Is
      83/5 all sub Ew,Is
      83/6 all xor Ew,Is
      83/7 all cmp Ew,Is
      84 all test Eb,Gb
      85 all test Ew,Gw
      86 all xchg Gb,Eb
      87 all xchg Gw,Ew
      88 all mov Eb,Gb
      89 all mov Ew,Gw
      8A all mov Gb,Eb
      8B all mov Gw,Ew
      8C/0 all mov Ew,Sw
      8C/1 all mov Ew,Sw
      8C/2 all mov Ew,Sw
      8C/3 all mov Ew,Sw
      8C/4 86 mov Ew,Sw -- segment register 4-7 repeat ES, CS, SS, DS
      8C/5 86 mov Ew,Sw -- segment register 4-7 repeat ES, CS, SS, DS
      8C/6 86 mov Ew,Sw -- segment register 4-7 repeat ES, CS, SS, DS
      8C/7 86 mov Ew,Sw -- segment register 4-7 repeat ES, CS, SS, DS
      8D all lea Gw,M
      8E/0 all mov Sw,Ew
      8E/1 86 mov Sw,Ew -- loading CS: the 8086 does it
      8E/2 all mov Sw,Ew
      8E/3 all mov Sw,Ew
      8E/4 86 mov Sw,Ew -- segment register 4-7 repeat ES, CS, SS, DS
      8E/5 86 mov Sw,Ew -- segment register 4-7 repeat ES, CS, SS, DS
      8E/6 86 mov Sw,Ew -- segment register 4-7 repeat ES, CS, SS, DS
      8E/7 86 mov Sw,Ew -- segment register 4-7 repeat ES, CS, SS, DS
      8F/0 all pop Ew
      8F/1 86 pop Ew -- reg field ignored
      8F/2 86 pop Ew -- reg field ignored
      8F/3 86 pop Ew -- reg field ignored
      8F/4 86 pop Ew -- reg field ignored
      8F/5 86 pop Ew -- reg field ignored
      8F/6 86 pop Ew -- reg field ignored
      8F/7 86 pop Ew -- reg field ignored
      90 all nop
      91 all xchg Zw,AX
      92 all xchg Zw,AX
      93 all xchg Zw,AX
      94 all xchg Zw,AX
      95 all xchg Zw,AX
      96 all xchg Zw,AX
      97 all xchg Zw,AX
      98 all cbw
      99 all cwd
      9A all callf Ap
      9B all wait
      9C all pushf
      9D all popf
      9E all sahf
      9F all lahf
      A0 all mov AL,Ob
      A1 all mov AX,Ow
      A2 all mov Ob,AL
      A3 all mov Ow,AX
      A4 all movsb Yb,Xb
      A5 all movsw Yw,Xw
      A6 all cmpsb Xb,Yb
      A7 all cmpsw Xw,Yw
      A8 all test AL,Ib
      A9 all test AX,Iw
      AA all stosb Yb,AL
      AB all stosw Yw,AX
      AC all lodsb AL,Xb
      AD all lodsw AX,Xw
      AE all scasb AL,Yb
      AF all scasw AX,Yw
      B0 all mov Zb,Ib
      B1 all mov Zb,Ib
      B2 all mov Zb,Ib
      B3 all mov Zb,Ib
      B4 all mov Zb,Ib
      B5 all mov Zb,Ib
      B6 all mov Zb,Ib
      B7 all mov Zb,Ib
      B8 all mov Zw,Iw
      B9 all mov Zw,Iw
      BA all mov Zw,Iw
      BB all mov Zw,Iw
      BC all mov Zw,Iw
      BD all mov Zw,Iw
      BE all mov Zw,Iw
      BF all mov Zw,Iw
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
      C1/0 186+ rol Ew,Ib
      C1/1 186+ ror Ew,Ib
      C1/2 186+ rcl Ew,Ib
      C1/3 186+ rcr Ew,Ib
      C1/4 186+ shl Ew,Ib
      C1/5 186+ shr Ew,Ib
      C1/6 186+ sal Ew,Ib -- alias of /4
      C1/7 186+ sar Ew,Ib
      C2 all retn Iw
      C3 all retn
      C4 all les Gw,Mp
      C5 all lds Gw,Mp
      C6/0 all mov Eb,Ib
      C6/1 86 mov Eb,Ib -- reg field ignored
      C6/2 86 mov Eb,Ib -- reg field ignored
      C6/3 86 mov Eb,Ib -- reg field ignored
      C6/4 86 mov Eb,Ib -- reg field ignored
      C6/5 86 mov Eb,Ib -- reg field ignored
      C6/6 86 mov Eb,Ib -- reg field ignored
      C6/7 86 mov Eb,Ib -- reg field ignored
      C7/0 all mov Ew,Iw
      C7/1 86 mov Ew,Iw -- reg field ignored
      C7/2 86 mov Ew,Iw -- reg field ignored
      C7/3 86 mov Ew,Iw -- reg field ignored
      C7/4 86 mov Ew,Iw -- reg field ignored
      C7/5 86 mov Ew,Iw -- reg field ignored
      C7/6 86 mov Ew,Iw -- reg field ignored
      C7/7 86 mov Ew,Iw -- reg field ignored
      C8 86 retf Iw -- alias of CAh
      C9 86 retf -- alias of CBh
      C8 186+ enter Iw,Ib
      C9 186+ leave
      CA all retf Iw
      CB all retf
      CC all int3
      CD all int Ib
      CE all into
      CF all iret
      D0/0 all rol Eb,1
      D0/1 all ror Eb,1
      D0/2 all rcl Eb,1
      D0/3 all rcr Eb,1
      D0/4 all shl Eb,1
      D0/5 all shr Eb,1
      D0/6 86 setmo Eb -- undocumented: sets all bits
      D0/6 186+ sal Eb,1 -- alias of /4
      D0/7 all sar Eb,1
      D1/0 all rol Ew,1
      D1/1 all ror Ew,1
      D1/2 all rcl Ew,1
      D1/3 all rcr Ew,1
      D1/4 all shl Ew,1
      D1/5 all shr Ew,1
      D1/6 86 setmo Ew -- undocumented: sets all bits
      D1/6 186+ sal Ew,1 -- alias of /4
      D1/7 all sar Ew,1
      D2/0 all rol Eb,CL
      D2/1 all ror Eb,CL
      D2/2 all rcl Eb,CL
      D2/3 all rcr Eb,CL
      D2/4 all shl Eb,CL
      D2/5 all shr Eb,CL
      D2/6 86 setmoc Eb,CL -- undocumented: sets all bits if CL is not zero
      D2/6 186+ sal Eb,CL -- alias of /4
      D2/7 all sar Eb,CL
      D3/0 all rol Ew,CL
      D3/1 all ror Ew,CL
      D3/2 all rcl Ew,CL
      D3/3 all rcr Ew,CL
      D3/4 all shl Ew,CL
      D3/5 all shr Ew,CL
      D3/6 86 setmoc Ew,CL -- undocumented: sets all bits if CL is not zero
      D3/6 186+ sal Ew,CL -- alias of /4
      D3/7 all sar Ew,CL
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
      E5 all in AX,Ib
      E6 all out Ib,AL
      E7 all out Ib,AX
      E8 all call Jw
      E9 all jmp Jw
      EA all jmpf Ap
      EB all jmp Jb
      EC all in AL,DX
      ED all in AX,DX
      EE all out DX,AL
      EF all out DX,AX
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
      F7/0 all test Ew,Iw
      F7/1 all test Ew,Iw -- alias of /0
      F7/2 all not Ew
      F7/3 all neg Ew
      F7/4 all mul Ew
      F7/5 all imul Ew
      F7/6 all div Ew
      F7/7 all idiv Ew
      F8 all clc
      F9 all stc
      FA all cli
      FB all sti
      FC all cld
      FD all std
      FE/0 all inc Eb
      FE/1 all dec Eb
      FE/2 86 call Ew -- undefined: treated as FFh /2
      FE/3 86 callf Mf -- undefined: treated as FFh /3
      FE/4 86 jmp Ew -- undefined: treated as FFh /4
      FE/5 86 jmpf Mf -- undefined: treated as FFh /5
      FE/6 86 push Ew -- undefined: treated as FFh /6
      FE/7 86 push Ew -- undefined: treated as FFh /6
      FF/0 all inc Ew
      FF/1 all dec Ew
      FF/2 all call Ew
      FF/3 all callf Mf
      FF/4 all jmp Ew
      FF/5 all jmpf Mf
      FF/6 all push Ew
      FF/7 86 push Ew -- alias of /6
      0F00/0 286 sldt Ew -- protected mode only: #UD in real mode
      0F00/1 286 str Ew -- protected mode only: #UD in real mode
      0F00/2 286 lldt Ew -- protected mode only: #UD in real mode
      0F00/3 286 ltr Ew -- protected mode only: #UD in real mode
      0F00/4 286 verr Ew -- protected mode only: #UD in real mode
      0F00/5 286 verw Ew -- protected mode only: #UD in real mode
      0F01/0 286 sgdt Ms
      0F01/1 286 sidt Ms
      0F01/2 286 lgdt Ms
      0F01/3 286 lidt Ms
      0F01/4 286 smsw Ew
      0F01/6 286 lmsw Ew
      0F02 286 lar Gw,Ew -- protected mode only: #UD in real mode
      0F03 286 lsl Gw,Ew -- protected mode only: #UD in real mode
      0F05 286 loadall -- undocumented: loads the whole CPU state from 800h
      0F06 286 clts
      """;

  private static final List<Row> ROWS = parse();
  private static final ModelTable T8086 = build(CpuModel.I8086);
  private static final ModelTable T80186 = build(CpuModel.I80186);
  private static final ModelTable T80286 = build(CpuModel.I80286);

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
      default:
        throw new IllegalArgumentException("no x86 table for " + model);
    }
  }

  static int bit(CpuModel model) {
    switch (model) {
      case I8086:
        return M86;
      case I80186:
        return M186;
      default:
        return M286;
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
          models = M86 | M186 | M286;
          break;
        case "86":
          models = M86;
          break;
        case "186+":
          models = M186 | M286;
          break;
        case "286":
          models = M286;
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
      rows.add(new Row(page, opcode, reg, models, f[2], ops, note));
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
