package dev.mvm.ist.x86;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvm.api.cpu.CpuModel;
import dev.mvm.api.cpu.Registers;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Differential test against the host processor: {@code src/test/oracle/alu_oracle.c} ran every
 * ALU, shift, rotate, double-shift, bit-test, bit-scan, multiply, divide, BSWAP, XADD and
 * CMPXCHG form on 10,000 operand sets per form and size and recorded the results and flags
 * in {@code oracle/alu.bin.gz} (its header says how to regenerate them). This test draws the
 * same operands from the same generator, runs each form through the interpreter as the 80486
 * and compares the results and the flags each instruction defines, once with its operands in
 * registers and once with the ModR/M operand in memory through a 32-bit SIB address ({@code
 * [esi+edi*2+10h]}; not for the bit tests, whose memory forms address differently, nor
 * BSWAP). Flags the manuals leave
 * undefined (AF after a logical operation, OF after a multi-bit shift, all but CF after BT,
 * and so on) and undefined results (BSF of zero, a 16-bit SHLD by more than 16) are masked.
 */
class OracleDifferentialTest {

  private static final long SEED = 0x386486C0FFEEL;
  private static final int[] SPECIAL = {
    0, 1, 2, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF,
    0x10, 0x0F, 0x100, 0xFFFE
  };
  private static final List<String> ALU =
      List.of("add", "or", "adc", "sbb", "and", "sub", "xor", "cmp");
  private static final List<String> SHIFTS =
      List.of("rol", "ror", "rcl", "rcr", "shl", "shr", "", "sar");

  // Packed flags of the oracle file.
  private static final int P_CF = 1;
  private static final int P_PF = 2;
  private static final int P_AF = 4;
  private static final int P_ZF = 8;
  private static final int P_SF = 16;
  private static final int P_OF = 32;
  private static final int P_ALL = 63;
  private static final int P_DE = 0x80;

  private long state;

  private long next() {
    long z = (state += 0x9E37_79B9_7F4A_7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
    return z ^ (z >>> 31);
  }

  private static int mask(int size) {
    return size == 4 ? -1 : (1 << (size * 8)) - 1;
  }

  private int operand(int size) {
    long r = next();
    int v = (r & 3) == 0 ? SPECIAL[(int) ((r >>> 8) % 16)] : (int) (r >>> 32);
    return v & mask(size);
  }

  private static long fnv1a(String s) {
    long h = 0xCBF2_9CE4_8422_2325L;
    for (byte b : s.getBytes(StandardCharsets.US_ASCII)) {
      h ^= b & 0xFF;
      h *= 0x100_0000_01B3L; // the 64-bit FNV prime, 2^40 + 2^8 + B3h
    }
    return h;
  }

  private final TestBus bus = new TestBus(1 << 20);
  private final X86Cpu cpu = new X86Cpu(CpuModel.I80486, bus);
  private final Registers regs = cpu.registers();

  @Test
  void theInterpreterComputesWhatTheHostProcessorComputes() throws IOException {
    bus.load(0, 0x00, 0x00, 0x00, 0x50); // #DE to 5000:0000
    Map<String, Integer> mismatches = new TreeMap<>();
    List<String> examples = new ArrayList<>();
    int forms = 0;
    long sets = 0;
    try (InputStream raw = getClass().getResourceAsStream("/oracle/alu.bin.gz")) {
      assertThat(raw).as("oracle/alu.bin.gz on the test class path").isNotNull();
      DataInputStream in = new DataInputStream(new GZIPInputStream(raw, 1 << 16));
      while (true) {
        String name;
        try {
          name = readName(in);
        } catch (EOFException end) {
          break;
        }
        int size = in.readUnsignedByte();
        int results = in.readUnsignedByte();
        int count = Integer.reverseBytes(in.readInt());
        forms++;
        state = SEED ^ fnv1a(name);
        String op = name.replaceAll("_?\\d+$", "");
        int m = mask(size);
        for (int i = 0; i < count; i++) {
          int a = operand(size);
          int b = operand(size);
          int c = operand(size);
          int cin = (int) (next() & 1);
          int shiftCount = (int) (next() & 0xFF);
          long u = next();
          if ((op.equals("div") || op.equals("idiv")) && (u & 1) != 0 && b != 0) {
            a = Integer.remainderUnsigned(a, b) & m;
          } else if (op.equals("cmpxchg") && (u & 1) != 0) {
            b = a;
          }
          int want1 = results > 0 ? readLe(in, size) : 0;
          int want2 = results > 1 ? readLe(in, size) : 0;
          int wantFlags = in.readUnsignedByte();
          boolean memoryForm = !op.startsWith("bt") && !op.equals("bswap");
          for (boolean memory : memoryForm ? new boolean[] {false, true} : new boolean[] {false}) {
            int[] got = execute(op, size, a, b, c, cin, shiftCount, memory);
            sets++;
            String problem =
                compare(op, size, b, shiftCount, results, want1, want2, wantFlags, got);
            if (problem != null) {
              String form = memory ? name + " (memory)" : name;
              mismatches.merge(form, 1, Integer::sum);
              if (examples.size() < 20) {
                examples.add(
                    String.format(
                        "%s a=%X b=%X c=%X cf=%d count=%d: %s", form, a, b, c, cin, shiftCount,
                        problem));
              }
            }
          }
        }
      }
    }
    System.out.println(
        "oracle: " + forms + " forms, " + sets + " executions, "
            + mismatches.values().stream().mapToInt(Integer::intValue).sum() + " mismatches "
            + mismatches);
    assertThat(forms).isGreaterThanOrEqualTo(90);
    assertThat(examples).isEmpty();
  }

  private static String readName(DataInputStream in) throws IOException {
    StringBuilder s = new StringBuilder();
    for (int ch = in.readUnsignedByte(); ch != 0; ch = in.readUnsignedByte()) {
      s.append((char) ch);
    }
    return s.toString();
  }

  private static int readLe(DataInputStream in, int size) throws IOException {
    int v = 0;
    for (int i = 0; i < size; i++) {
      v |= in.readUnsignedByte() << (8 * i);
    }
    return v;
  }

  /** The memory operand of the memory forms: DS:[ESI+EDI*2+10h] = 3000:0190. */
  private static final int OPERAND = 0x30190;

  /**
   * Runs one form; returns {r1, r2, packed flags (with P_DE after a divide error)}. With
   * {@code memory}, the ModR/M register operand's value is placed at {@link #OPERAND} and
   * the instruction addresses it there instead.
   */
  private int[] execute(
      String op, int size, int a, int b, int c, int cin, int count, boolean memory) {
    int w = size == 1 ? 0 : 1; // the opcode's width bit
    int[] code;
    int alu = ALU.indexOf(op);
    int shift = SHIFTS.indexOf(op);
    regs.setEax(a);
    regs.setEbx(b);
    regs.setEcx(c);
    regs.setEdx(0);
    switch (op) {
      case "inc" -> code = new int[] {0xFE | w, 0xC0};
      case "dec" -> code = new int[] {0xFE | w, 0xC8};
      case "neg" -> code = new int[] {0xF6 | w, 0xD8};
      case "not" -> code = new int[] {0xF6 | w, 0xD0};
      case "shld" -> code = new int[] {0x0F, 0xA5, 0xD8};
      case "shrd" -> code = new int[] {0x0F, 0xAD, 0xD8};
      case "bt" -> code = new int[] {0x0F, 0xA3, 0xD8};
      case "bts" -> code = new int[] {0x0F, 0xAB, 0xD8};
      case "btr" -> code = new int[] {0x0F, 0xB3, 0xD8};
      case "btc" -> code = new int[] {0x0F, 0xBB, 0xD8};
      case "bsf" -> code = new int[] {0x0F, 0xBC, 0xC3};
      case "bsr" -> code = new int[] {0x0F, 0xBD, 0xC3};
      case "mul" -> code = new int[] {0xF6 | w, 0xE3};
      case "imul" -> code = new int[] {0xF6 | w, 0xEB};
      case "imul2" -> code = new int[] {0x0F, 0xAF, 0xC3};
      case "div" -> code = new int[] {0xF6 | w, 0xF3};
      case "idiv" -> code = new int[] {0xF6 | w, 0xFB};
      case "bswap" -> code = new int[] {0x0F, 0xC8};
      case "xadd" -> code = new int[] {0x0F, 0xC0 | w, 0xD8};
      case "cmpxchg" -> code = new int[] {0x0F, 0xB0 | w, 0xCB};
      default -> {
        if (alu >= 0) {
          code = new int[] {alu << 3 | w, 0xD8};
        } else if (shift >= 0) {
          code = new int[] {0xD2 | w, 0xC0 | shift << 3};
        } else {
          throw new IllegalStateException("no encoding for " + op);
        }
      }
    }
    if (op.equals("shld") || op.equals("shrd") || shift >= 0) {
      regs.setEcx(count);
    }
    if (op.equals("div") || op.equals("idiv")) {
      if (size == 1) {
        regs.setEax((a << 8 | c) & 0xFFFF);
      } else {
        regs.setEdx(a);
        regs.setEax(c);
      }
    }
    int at = 0x10000;
    int n = 0;
    if (size == 4) {
      bus.ram[at + n++] = 0x66;
    }
    int rm = code[code.length - 1] & 7; // every encoding above ends in a register ModR/M
    if (memory) {
      bus.ram[at + n++] = 0x67;
      int value = regs.general(rm);
      for (int i = 0; i < size; i++) {
        bus.ram[OPERAND + i] = (byte) (value >>> (8 * i));
      }
      regs.setGeneral(rm, 0x5A5A_5A5A); // not the operand any more
      regs.setEsi(0x100);
      regs.setEdi(0x40);
      regs.setDs(0x3000);
      int modrm = code[code.length - 1];
      code[code.length - 1] = 0x40 | (modrm & 0x38) | 4; // [SIB + disp8]
      code = java.util.Arrays.copyOf(code, code.length + 2);
      code[code.length - 2] = 0x7E; // scale 2, index EDI, base ESI
      code[code.length - 1] = 0x10;
    }
    for (int v : code) {
      bus.ram[at + n++] = (byte) v;
    }
    regs.setCs(0x1000);
    regs.setIp(0);
    regs.setSs(0x2000);
    regs.setSp(0x1000);
    regs.setEflags(2 | cin);
    cpu.run(1);
    if (regs.cs() == 0x5000) {
      return new int[] {0, 0, P_DE};
    }
    int f = regs.eflags();
    int flags =
        (f & 1) | (f >> 1 & P_PF) | (f >> 2 & P_AF) | (f >> 3 & P_ZF) | (f >> 3 & P_SF)
            | (f >> 6 & P_OF);
    int m = mask(size);
    int inMemory = 0;
    for (int i = 0; i < size; i++) {
      inMemory |= (bus.ram[OPERAND + i] & 0xFF) << (8 * i);
    }
    int r1;
    int r2;
    switch (op) {
      case "mul", "imul", "div", "idiv" -> {
        if (size == 1) {
          r1 = regs.al();
          r2 = regs.ah();
        } else {
          r1 = regs.eax() & m;
          r2 = regs.edx() & m;
        }
      }
      case "xadd" -> {
        r1 = memory ? inMemory : regs.eax() & m;
        r2 = regs.ebx() & m;
      }
      case "cmpxchg" -> {
        r1 = regs.eax() & m;
        r2 = memory ? inMemory : regs.ebx() & m;
      }
      case "bsf", "bsr", "imul2" -> {
        r1 = regs.eax() & m;
        r2 = 0;
      }
      default -> {
        r1 = memory ? inMemory : regs.eax() & m;
        r2 = 0;
      }
    }
    return new int[] {r1, r2, flags};
  }

  /** Null where the interpreter agrees on everything the instruction defines. */
  private static String compare(
      String op, int size, int b, int shiftCount, int results, int want1, int want2,
      int wantFlags, int[] got) {
    if ((wantFlags & P_DE) != 0 || (got[2] & P_DE) != 0) {
      return (wantFlags & P_DE) == (got[2] & P_DE)
          ? null
          : "divide error " + ((got[2] & P_DE) != 0) + ", the host " + ((wantFlags & P_DE) != 0);
    }
    int bits = size * 8;
    int c = shiftCount & 0x1F;
    int defined;
    boolean resultDefined = true;
    switch (op) {
      case "and", "or", "xor" -> defined = P_ALL & ~P_AF;
      case "shl", "shr", "sar" -> {
        if (c == 0) {
          defined = P_ALL;
        } else {
          defined = P_CF | P_PF | P_ZF | P_SF | (c == 1 ? P_OF : 0);
          if (c >= bits && !op.equals("sar")) {
            defined &= ~P_CF;
          }
        }
      }
      case "rol", "ror", "rcl", "rcr" ->
          defined = c == 0 ? P_ALL : P_ALL & ~P_OF | (c == 1 ? P_OF : 0);
      case "shld", "shrd" -> {
        if (c == 0) {
          defined = P_ALL;
        } else if (c > bits) {
          defined = 0;
          resultDefined = false;
        } else {
          defined = P_CF | P_PF | P_ZF | P_SF | (c == 1 ? P_OF : 0);
        }
      }
      case "bt", "bts", "btr", "btc" -> defined = P_CF;
      case "bsf", "bsr" -> {
        defined = P_ZF;
        resultDefined = b != 0;
      }
      case "mul", "imul", "imul2" -> defined = P_CF | P_OF;
      case "div", "idiv" -> defined = 0;
      default -> defined = P_ALL; // ADD ... CMP, INC, DEC, NEG, NOT, BSWAP, XADD, CMPXCHG
    }
    StringBuilder s = new StringBuilder();
    if (resultDefined && results > 0 && got[0] != want1) {
      s.append(String.format("result %X, the host %X; ", got[0], want1));
    }
    if (resultDefined && results > 1 && got[1] != want2) {
      s.append(String.format("second result %X, the host %X; ", got[1], want2));
    }
    if ((got[2] & defined) != (wantFlags & defined)) {
      s.append(
          String.format(
              "flags %s, the host %s", flags(got[2] & defined), flags(wantFlags & defined)));
    }
    return s.length() == 0 ? null : s.toString();
  }

  private static String flags(int packed) {
    StringBuilder s = new StringBuilder();
    String[] names = {"CF", "PF", "AF", "ZF", "SF", "OF"};
    for (int i = 0; i < names.length; i++) {
      if ((packed & (1 << i)) != 0) {
        s.append(names[i]).append(' ');
      }
    }
    return "[" + s.toString().trim() + "]";
  }
}
