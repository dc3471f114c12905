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
 */
public final class Disassembler {

  private static final String[] REG8 = {"al", "cl", "dl", "bl", "ah", "ch", "dh", "bh"};
  private static final String[] REG16 = {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di"};
  private static final String[] SREG = {"es", "cs", "ss", "ds"};
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
    return new Decoder(table, memory, segment, offset).decode();
  }

  private static final class Decoder {
    private final OpcodeTable.ModelTable table;
    private final IntUnaryOperator memory;
    private final int cs;
    private final int start;
    private int ip;
    private int seg = -1;
    private int repeat;
    private boolean lock;
    private int modrm;

    Decoder(OpcodeTable.ModelTable table, IntUnaryOperator memory, int cs, int ip) {
      this.table = table;
      this.memory = memory;
      this.cs = cs;
      this.start = ip;
      this.ip = ip;
    }

    private int next() {
      int v = memory.applyAsInt((cs << 4) + ip) & 0xFF;
      ip = (ip + 1) & 0xFFFF;
      return v;
    }

    private int next16() {
      int lo = next();
      return lo | next() << 8;
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
          case 0xF0:
          case 0xF1:
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
      if (op == 0x0F && table.primary[0x0F] == null) {
        if (!table.model.atLeast(CpuModel.I80286)) {
          return invalid(); // the 80186 has no 0Fh page
        }
        int op2 = next();
        boolean hasModrm =
            table.group0f[op2] != null
                || (table.page0f[op2] != null && table.page0f[op2].hasModrm());
        if (hasModrm) {
          modrm = memory.applyAsInt((cs << 4) + ip) & 0xFF;
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
        if (k >= OpcodeTable.XB && k <= OpcodeTable.YW) {
          stringOp = true;
        }
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
        return s.append(row.mnemonic()).toString();
      }
      if (lock) {
        s.append("lock ");
      }
      s.append(row.mnemonic());
      int[] ops = row.operands();
      String sep = " ";
      for (int k : ops) {
        if (k == OpcodeTable.ONE) {
          continue; // shifts by one show no count
        }
        s.append(sep).append(operand(k, op));
        sep = ", ";
      }
      return s.toString();
    }

    private String invalid() {
      StringBuilder s = new StringBuilder("invalid opcode");
      int end = ip;
      for (int a = start; a != end; a = (a + 1) & 0xFFFF) {
        s.append(String.format(" %02X", memory.applyAsInt((cs << 4) + a) & 0xFF));
      }
      return s.toString();
    }

    private String operand(int kind, int op) {
      switch (kind) {
        case OpcodeTable.EB:
          return modrm >= 0xC0 ? REG8[modrm & 7] : "byte " + address();
        case OpcodeTable.EW:
        case OpcodeTable.EX:
          return modrm >= 0xC0 ? REG16[modrm & 7] : "word " + address();
        case OpcodeTable.M:
        case OpcodeTable.MS:
          return modrm >= 0xC0 ? REG16[modrm & 7] : address();
        case OpcodeTable.MP:
        case OpcodeTable.MA:
          return modrm >= 0xC0 ? REG16[modrm & 7] : "dword " + address();
        case OpcodeTable.MF:
          return modrm >= 0xC0 ? REG16[modrm & 7] : "word " + address();
        case OpcodeTable.GB:
          return REG8[(modrm >> 3) & 7];
        case OpcodeTable.GW:
          return REG16[(modrm >> 3) & 7];
        case OpcodeTable.SW:
          return SREG[(modrm >> 3) & 3];
        case OpcodeTable.IB:
          return hex(next());
        case OpcodeTable.IW:
          return hex(next16());
        case OpcodeTable.IS:
          return hex(((byte) next()) & 0xFFFF);
        case OpcodeTable.JB:
          {
            int d = (byte) next();
            return hex((ip + d) & 0xFFFF);
          }
        case OpcodeTable.JW:
          {
            int d = next16();
            return hex((ip + d) & 0xFFFF);
          }
        case OpcodeTable.AP:
          {
            int off = next16();
            int sg = next16();
            return String.format("%04Xh:%04Xh", sg, off);
          }
        case OpcodeTable.OB:
          return "byte [" + SREG[seg >= 0 ? seg : 3] + ":" + hex(next16()) + "]";
        case OpcodeTable.OW:
          return "word [" + SREG[seg >= 0 ? seg : 3] + ":" + hex(next16()) + "]";
        case OpcodeTable.ZW:
          return REG16[op & 7];
        case OpcodeTable.ZB:
          return REG8[op & 7];
        case OpcodeTable.ONE:
          return "1";
        case OpcodeTable.AL:
          return "al";
        case OpcodeTable.AX:
          return "ax";
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
        default:
          return OpcodeTable.kindName(kind);
      }
    }

    private String address() {
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
  }

  static String hex(int v) {
    return Integer.toHexString(v).toUpperCase(java.util.Locale.ROOT) + "h";
  }
}
