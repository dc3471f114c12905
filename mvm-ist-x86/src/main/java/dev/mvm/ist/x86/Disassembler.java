package dev.mvm.ist.x86;

import dev.mvm.api.cpu.CpuModel;
import java.util.function.IntUnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Renders one real-mode instruction in Intel syntax (nasm-like, the syntax of the
 * SingleStepTests 8086 names: {@code add byte [ds:B7B6h], ah}) from the same {@link
 * OpcodeTable} rows the interpreter decodes with. Memory operands always show their segment
 * and size; numbers are upper-case hexadecimal with an {@code h} suffix; a segment override
 * and REP show as words only on string instructions ({@code es rep stosb}); shifts by one
 * show no count. One deliberate difference from the vectors: relative jumps, calls and loops
 * show their absolute target offset rather than the displacement, which is what a trace
 * reader wants.
 *
 * <p>On the 80386 and 80486 the operand-size prefix (66h) turns word operands into doublewords
 * ({@code add eax, dword [ds:bx]}, {@code cwde}, {@code movsd}) and the address-size prefix
 * (67h) selects 32-bit addressing ({@code [ss:ebp+eax*4+10h]}); neither shows as a word of
 * its own.
 */
public final class Disassembler {

  private static final String[] REG8 = {"al", "cl", "dl", "bl", "ah", "ch", "dh", "bh"};
  private static final String[] REG16 = {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di"};
  private static final String[] REG32 = {
    "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"
  };
  private static final String[] SREG = {"es", "cs", "ss", "ds", "fs", "gs", "?", "?"};
  private static final String[] BASE = {
    "bx+si", "bx+di", "bp+si", "bp+di", "si", "di", "bp", "bx"
  };

  private Disassembler() {}

  /**
   * Disassembles the instruction at {@code segment:offset} for a model.
   *
   * @param model the model whose opcode map applies
   * @param memory reads a byte at a linear address
   * @param segment the code segment
   * @param offset the offset of the first byte (prefixes included)
   * @return the instruction text, or {@code invalid opcode XX ...} for an undefined opcode
   */
  public static String disassemble(
      CpuModel model, IntUnaryOperator memory, int segment, int offset) {
    return disassemble(OpcodeTable.forModel(model), memory, segment, offset);
  }

  static String disassemble(
      OpcodeTable.ModelTable table, IntUnaryOperator memory, int segment, int offset) {
    return new Decoder(table, memory, segment << 4, offset, false).decode();
  }

  /**
   * Disassembles code of a protected-mode segment: {@code base} is the segment's linear base,
   * {@code big} its D bit (32-bit default operand and address size).
   */
  static String disassembleAt(
      OpcodeTable.ModelTable table, IntUnaryOperator memory, int base, int offset, boolean big) {
    return new Decoder(table, memory, base, offset, big).decode();
  }

  private static final class Decoder {
    private final OpcodeTable.ModelTable table;
    private final IntUnaryOperator memory;
    private final int base;
    /** 32-bit code: the offset does not wrap at 64 KiB, and the default sizes are 32 bits. */
    private final boolean big;
    private final int start;
    private int ip;
    private int seg = -1;
    private int repeat;
    private boolean lock;
    private int modrm;
    private final boolean i386;
    /** Operand-size and address-size prefixes seen (80386 and later). */
    private boolean osz;
    private boolean asz;

    Decoder(
        OpcodeTable.ModelTable table, IntUnaryOperator memory, int base, int ip, boolean big) {
      this.table = table;
      this.memory = memory;
      this.base = base;
      this.big = big;
      this.start = ip;
      this.ip = ip;
      this.i386 = table.model.atLeast(CpuModel.I80386);
      this.osz = big;
      this.asz = big;
    }

    private int next() {
      int v = memory.applyAsInt(base + ip) & 0xFF;
      ip = big ? ip + 1 : (ip + 1) & 0xFFFF;
      return v;
    }

    private int next16() {
      int lo = next();
      return lo | next() << 8;
    }

    private int next32() {
      int lo = next16();
      return lo | next16() << 16;
    }

    String decode() {
      int op;
      for (int n = 0; ; n++) {
        op = next();
        if (n > 14) {
          return "(prefixes only)";
        }
        switch (op) {
          case 0x26:
          case 0x2E:
          case 0x36:
          case 0x3E:
            seg = (op >> 3) & 3;
            continue;
          case 0x64:
          case 0x65:
            if (!i386) {
              break;
            }
            seg = op - 0x60;
            continue;
          case 0x66:
            if (!i386) {
              break;
            }
            osz = !big;
            continue;
          case 0x67:
            if (!i386) {
              break;
            }
            asz = !big;
            continue;
          case 0xF1:
            if (i386) {
              break; // INT1 from the 80386 on
            }
            lock = true;
            continue;
          case 0xF0:
            lock = true;
            continue;
          case 0xF2:
          case 0xF3:
            repeat = op;
            continue;
          default:
            break;
        }
        break;
      }
      OpcodeTable.@Nullable Row row;
      int lowBits = op; // the opcode byte whose low three bits may name a register
      if (op == 0x0F && table.primary[0x0F] == null) {
        if (!table.model.atLeast(CpuModel.I80286)) {
          return invalid(); // the 80186 has no 0Fh page
        }
        int op2 = next();
        lowBits = op2;
        boolean hasModrm =
            table.group0f[op2] != null
                || (table.page0f[op2] != null && table.page0f[op2].hasModrm());
        if (hasModrm) {
          modrm = memory.applyAsInt(base + ip) & 0xFF;
          if (op2 >= 0x20 && op2 <= 0x26) {
            modrm |= 0xC0; // MOV to and from system registers ignore the mod field
          }
        }
        row = table.row0f(op2, modrm);
        if (row == null) {
          return invalid();
        }
        if (hasModrm) {
          next();
        }
      } else {
        if (table.modrm[op]) {
          modrm = next();
        }
        row = table.row(op, modrm);
        if (row == null) {
          return invalid();
        }
      }
      StringBuilder s = new StringBuilder();
      boolean stringOp = false;
      boolean compares = false;
      for (int k : row.operands()) {
        if (k >= OpcodeTable.XB && k <= OpcodeTable.YV) {
          stringOp = true;
        }
      }
      String mnemonic = osz ? row.mnemonic32() : row.mnemonic();
      if (op == 0xE3 && asz) {
        mnemonic = "jecxz";
      }
      if (stringOp) {
        // String instructions show an override and the repeat prefix as words; CMPS and
        // SCAS repeat while equal (F3h) or not equal (F2h), the others just repeat.
        compares = row.mnemonic().startsWith("cmps") || row.mnemonic().startsWith("scas");
        if (seg >= 0) {
          s.append(SREG[seg]).append(' ');
        }
        if (lock) {
          s.append("lock ");
        }
        if (repeat == 0xF3) {
          s.append(compares ? "repe " : "rep ");
        } else if (repeat == 0xF2) {
          s.append(compares ? "repne " : "rep ");
        }
        return s.append(mnemonic).toString();
      }
      if (lock) {
        s.append("lock ");
      }
      s.append(mnemonic);
      int[] ops = row.operands();
      String sep = " ";
      for (int k : ops) {
        if (k == OpcodeTable.ONE) {
          continue; // shifts by one show no count
        }
        s.append(sep).append(operand(k, lowBits));
        sep = ", ";
      }
      return s.toString();
    }

    private String invalid() {
      StringBuilder s = new StringBuilder("invalid opcode");
      int end = ip;
      for (int a = start; a != end; a = big ? a + 1 : (a + 1) & 0xFFFF) {
        s.append(String.format(" %02X", memory.applyAsInt(base + a) & 0xFF));
      }
      return s.toString();
    }

    private String operand(int kind, int op) {
      boolean reg = modrm >= 0xC0;
      switch (kind) {
        case OpcodeTable.EB:
          return reg ? REG8[modrm & 7] : "byte " + address();
        case OpcodeTable.EV:
          return reg ? regV(modrm & 7) : (osz ? "dword " : "word ") + address();
        case OpcodeTable.EW:
        case OpcodeTable.EX:
          return reg ? REG16[modrm & 7] : "word " + address();
        case OpcodeTable.M:
        case OpcodeTable.MS:
          return reg ? REG16[modrm & 7] : address();
        case OpcodeTable.MP:
          return reg ? REG16[modrm & 7] : (osz ? "fword " : "dword ") + address();
        case OpcodeTable.MA:
          return reg ? REG16[modrm & 7] : (osz ? "qword " : "dword ") + address();
        case OpcodeTable.MF:
          return reg ? REG16[modrm & 7] : (osz ? "dword " : "word ") + address();
        case OpcodeTable.GB:
          return REG8[(modrm >> 3) & 7];
        case OpcodeTable.GV:
          return regV((modrm >> 3) & 7);
        case OpcodeTable.GW:
          return REG16[(modrm >> 3) & 7];
        case OpcodeTable.SW:
          return SREG[(modrm >> 3) & (i386 ? 7 : 3)];
        case OpcodeTable.RD:
          return REG32[modrm & 7];
        case OpcodeTable.CD:
          return "cr" + ((modrm >> 3) & 7);
        case OpcodeTable.DD:
          return "dr" + ((modrm >> 3) & 7);
        case OpcodeTable.TD:
          return "tr" + ((modrm >> 3) & 7);
        case OpcodeTable.IB:
          return hex(next());
        case OpcodeTable.IV:
          return hex(osz ? next32() : next16());
        case OpcodeTable.IW:
          return hex(next16());
        case OpcodeTable.IS:
          return hex(((byte) next()) & (osz ? 0xFFFF_FFFF : 0xFFFF));
        case OpcodeTable.JB:
          {
            int d = (byte) next();
            return hex((ip + d) & (osz ? 0xFFFF_FFFF : 0xFFFF));
          }
        case OpcodeTable.JV:
          {
            int d = osz ? next32() : next16();
            return hex((ip + d) & (osz ? 0xFFFF_FFFF : 0xFFFF));
          }
        case OpcodeTable.AP:
          {
            int off = osz ? next32() : next16();
            int sg = next16();
            return String.format(osz ? "%04Xh:%08Xh" : "%04Xh:%04Xh", sg, off);
          }
        case OpcodeTable.OB:
          return "byte [" + SREG[seg >= 0 ? seg : 3] + ":" + hex(asz ? next32() : next16()) + "]";
        case OpcodeTable.OV:
          return (osz ? "dword [" : "word [")
              + SREG[seg >= 0 ? seg : 3]
              + ":"
              + hex(asz ? next32() : next16())
              + "]";
        case OpcodeTable.ZV:
          return regV(op & 7);
        case OpcodeTable.ZD:
          return REG32[op & 7];
        case OpcodeTable.ZB:
          return REG8[op & 7];
        case OpcodeTable.ONE:
          return "1";
        case OpcodeTable.AL:
          return "al";
        case OpcodeTable.EAX:
          return osz ? "eax" : "ax";
        case OpcodeTable.CL:
          return "cl";
        case OpcodeTable.DX:
          return "dx";
        case OpcodeTable.ES:
          return "es";
        case OpcodeTable.CS:
          return "cs";
        case OpcodeTable.SS:
          return "ss";
        case OpcodeTable.DS:
          return "ds";
        case OpcodeTable.FS:
          return "fs";
        case OpcodeTable.GS:
          return "gs";
        default:
          return OpcodeTable.kindName(kind);
      }
    }

    private String regV(int n) {
      return osz ? REG32[n] : REG16[n];
    }

    private String address() {
      if (asz) {
        return address32();
      }
      int mod = modrm >> 6;
      int rm = modrm & 7;
      int defSeg = (rm == 2 || rm == 3 || (rm == 6 && mod != 0)) ? 2 : 3;
      String sg = SREG[seg >= 0 ? seg : defSeg];
      if (mod == 0 && rm == 6) {
        return "[" + sg + ":" + hex(next16()) + "]";
      }
      StringBuilder s = new StringBuilder("[").append(sg).append(':').append(BASE[rm]);
      int disp = 0;
      if (mod == 1) {
        disp = (byte) next();
      } else if (mod == 2) {
        disp = (short) next16();
      }
      if (disp < 0) {
        s.append('-').append(hex(-disp));
      } else if (mod != 0) {
        s.append('+').append(hex(disp));
      }
      return s.append(']').toString();
    }

    /** A 32-bit address: base, scaled index (SIB) and displacement. */
    private String address32() {
      int mod = modrm >> 6;
      int rm = modrm & 7;
      StringBuilder parts = new StringBuilder();
      int defSeg = 3;
      boolean dispOnly = false;
      if (rm == 4) {
        int sib = next();
        int base = sib & 7;
        int index = (sib >> 3) & 7;
        if (base == 5 && mod == 0) {
          dispOnly = true;
        } else {
          parts.append(REG32[base]);
          if (base == 4 || base == 5) {
            defSeg = 2;
          }
        }
        if (index != 4) {
          if (parts.length() > 0) {
            parts.append('+');
          }
          parts.append(REG32[index]);
          if ((sib >> 6) != 0) {
            parts.append('*').append(1 << (sib >> 6));
          }
        }
      } else if (rm == 5 && mod == 0) {
        dispOnly = true;
      } else {
        parts.append(REG32[rm]);
        if (rm == 5) {
          defSeg = 2;
        }
      }
      String sg = SREG[seg >= 0 ? seg : defSeg];
      StringBuilder s = new StringBuilder("[").append(sg).append(':').append(parts);
      if (dispOnly) {
        int disp = next32();
        if (parts.length() > 0) {
          s.append('+');
        }
        s.append(hex(disp));
      } else if (mod == 1) {
        int disp = (byte) next();
        s.append(disp < 0 ? "-" : "+").append(hex(Math.abs(disp)));
      } else if (mod == 2) {
        int disp = next32();
        // The magnitude as unsigned: -80000000h has none as an int.
        s.append(disp < 0 ? "-" : "+").append(hex(disp < 0 ? -disp : disp));
      }
      return s.append(']').toString();
    }
  }

  static String hex(int v) {
    return Integer.toHexString(v).toUpperCase(java.util.Locale.ROOT) + "h";
  }
}
