package dev.mvm.ist.x86;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvm.api.cpu.CpuModel;
import dev.mvm.api.cpu.CpuStop;
import dev.mvm.api.cpu.Registers;
import dev.mvm.api.cpu.SegmentRegister;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs random real-mode programs twice, on the interpreter alone and with the block
 * translator translating every address from its second run, and requires the same outcome:
 * the stop, the instruction count, every register and every byte of memory.
 *
 * <p>A program is a loop of random instructions of the forms the translator writes out or
 * replays (ALU in all ModR/M modes, immediates, segment overrides, INC/DEC, PUSH/POP, MOV,
 * LEA, XCHG, TEST, shifts and rotates, MUL/IMUL/DIV, string instructions, flag instructions,
 * forward conditional jumps), mixed with forms it leaves to the interpreter (66h prefixes,
 * MOVZX, REP STOSB). Data and stack lie in a segment of their own and no instruction loads a
 * segment register, so the code never overwrites itself; every interrupt and exception
 * vector points at a HLT, which ends the run where a fault or a DIV overflow happens. Each
 * program runs in slices of random length, as a machine's timer deadlines cut them. A second
 * test runs random bytes, self-modifying code and all.
 */
class TranslatorDifferentialTest {
  // The interpreter is the reference; these tests hold the translator to it.

  private static final int CODE = 0x1000;
  private static final int DATA = 0x3000;
  private static final int EXTRA = 0x4000;
  private static final int HANDLER = 0x0500;
  private static final int ROUNDS = 300;

  @ParameterizedTest
  @EnumSource(
      value = CpuModel.class,
      names = {"I8086", "I80286", "I80486"})
  void translatedProgramsMatchTheInterpreter(CpuModel model) {
    Random rnd = new Random(0x7B10C + model.name().hashCode());
    // Each IN records the instruction count a device would see as the time: inside a block it
    // must be what the interpreter shows.
    List<Long> plainTimes = new ArrayList<>();
    List<Long> fastTimes = new ArrayList<>();
    X86Cpu[] cpus = new X86Cpu[2];
    TestBus plainBus = new ClockedBus(() -> plainTimes.add(cpus[0].instructionCount()));
    TestBus fastBus = new ClockedBus(() -> fastTimes.add(cpus[1].instructionCount()));
    X86Cpu plain = new X86Cpu(model, plainBus);
    X86Cpu fast = new X86Cpu(model, fastBus);
    cpus[0] = plain;
    cpus[1] = fast;
    plain.translation(0, X86Cpu.DEFAULT_BLOCK);
    fast.translation(2, X86Cpu.DEFAULT_BLOCK);
    long before = plain.instructionCount();
    int completed = 0;
    long ports = 0;
    for (int round = 0; round < ROUNDS; round++) {
      byte[] ram = new byte[1 << 20];
      rnd.nextBytes(ram);
      byte[] program = program(rnd, model);
      System.arraycopy(program, 0, ram, CODE << 4, program.length);
      for (int v = 0; v < 256; v++) {
        ram[v * 4] = (byte) HANDLER;
        ram[v * 4 + 1] = (byte) (HANDLER >> 8);
        ram[v * 4 + 2] = 0;
        ram[v * 4 + 3] = 0;
      }
      ram[HANDLER] = (byte) 0xF4; // HLT
      int iterations = 1 + rnd.nextInt(200);
      ram[EXTRA << 4] = (byte) iterations;
      ram[(EXTRA << 4) + 1] = 0;
      int[] regs = new int[8];
      for (int i = 0; i < 8; i++) {
        regs[i] = rnd.nextInt(0x10000);
      }
      int flags = rnd.nextInt(0x10000) & ~0x0300 & 0x0FFF; // no TF, no IF to start with
      long slices = rnd.nextLong();
      String plainRun = run(plain, plainBus, ram, regs, flags, slices);
      String fastRun = run(fast, fastBus, ram, regs, flags, slices);
      String where = "round " + round + " (" + hex(program) + ")";
      assertThat(fastRun).as(where).isEqualTo(plainRun);
      assertThat(fastTimes).as(where + ": the count at each IN").isEqualTo(plainTimes);
      ports += plainTimes.size();
      plainTimes.clear();
      fastTimes.clear();
      if (!Arrays.equals(fastBus.ram, plainBus.ram)) {
        int at = Arrays.mismatch(fastBus.ram, plainBus.ram);
        throw new AssertionError(where + ": memory differs first at " + Integer.toHexString(at));
      }
      if (plainRun.contains(" CS=" + Integer.toHexString(CODE) + " ")
          && plainRun.contains(" eip=" + Integer.toHexString(program.length) + " ")) {
        completed++;
      }
    }
    long instructions = plain.instructionCount() - before;
    System.out.println(
        "translator differential, " + model + ": " + ROUNDS + " programs, " + instructions
            + " instructions each way, " + fast.blocksTranslated() + " blocks translated, "
            + completed + " ran to their end, " + ports + " port reads");
    assertThat(fast.blocksTranslated()).isGreaterThan(ROUNDS);
    assertThat(completed).as("programs that ran all their iterations").isGreaterThan(ROUNDS / 4);
    assertThat(ports).isGreaterThan(ROUNDS);
    assertThat(plain.blocksTranslated()).isZero();
  }

  /**
   * Random bytes as code, as in FuzzTest: random registers and segments, code that jumps
   * anywhere, faults, writes over itself and runs into the interrupt table. Both CPUs take the
   * same rounds of at most 2,000 instructions and must end every round alike, memory included;
   * stores into a running block's own code end it after the store, so even self-modifying code
   * runs as the interpreter runs it.
   */
  @ParameterizedTest
  @EnumSource(
      value = CpuModel.class,
      names = {"I8086", "I80286", "I80486"})
  void randomCodeMatchesTheInterpreter(CpuModel model) {
    Random rnd = new Random(0x8086_0486L + model.name().hashCode());
    TestBus plainBus = new TestBus(1 << 24);
    rnd.nextBytes(plainBus.ram);
    TestBus fastBus = new TestBus(1 << 24);
    System.arraycopy(plainBus.ram, 0, fastBus.ram, 0, plainBus.ram.length);
    for (TestBus bus : List.of(plainBus, fastBus)) {
      for (int p = 0x20; p < 0x28; p++) {
        bus.pages[p] = 0; // behind the bus, not direct
      }
    }
    X86Cpu plain = new X86Cpu(model, plainBus);
    X86Cpu fast = new X86Cpu(model, fastBus);
    plain.translation(0, X86Cpu.DEFAULT_BLOCK);
    fast.translation(1, X86Cpu.DEFAULT_BLOCK);
    long before = plain.instructionCount();
    for (int round = 0; round < RANDOM_ROUNDS; round++) {
      boolean reset = rnd.nextInt(4) == 0;
      int cs = rnd.nextInt(0x10000);
      int ip = rnd.nextInt(0x10000);
      byte[] code = new byte[4096];
      rnd.nextBytes(code);
      int[] regs = new int[8];
      for (int i = 0; i < 8; i++) {
        regs[i] = rnd.nextInt(0x10000);
      }
      int[] segs = new int[6];
      for (int i = 0; i < 6; i++) {
        segs[i] = rnd.nextInt(0x10000);
      }
      segs[1] = cs;
      int flags = rnd.nextInt(0x10000) & ~0x100;
      int budget = 1 + rnd.nextInt(2000);
      String[] outcome = new String[2];
      for (int k = 0; k < 2; k++) {
        X86Cpu cpu = k == 0 ? plain : fast;
        TestBus bus = k == 0 ? plainBus : fastBus;
        if (reset) {
          cpu.reset();
        }
        for (int i = 0; i < code.length; i++) {
          bus.ram[Registers.linear(cs, ip + i) & (bus.ram.length - 1)] = code[i];
        }
        Registers r = cpu.registers();
        for (int i = 0; i < 8; i++) {
          r.setGeneral(i, regs[i]);
        }
        SegmentRegister[] all = SegmentRegister.values(); // ES CS SS DS FS GS
        for (int i = 0; i < all.length; i++) {
          r.setSegment(all[i], segs[i]);
        }
        r.setIp(ip);
        r.setFlags(flags);
        long start = cpu.instructionCount();
        CpuStop stop = cpu.run(budget);
        outcome[k] = describe(cpu, stop, cpu.instructionCount() - start);
      }
      String where = "round " + round + " from " + Integer.toHexString(cs) + ":"
          + Integer.toHexString(ip);
      assertThat(outcome[1]).as(where).isEqualTo(outcome[0]);
      if (!Arrays.equals(fastBus.ram, plainBus.ram)) {
        int at = Arrays.mismatch(fastBus.ram, plainBus.ram);
        throw new AssertionError(where + ": memory differs first at " + Integer.toHexString(at));
      }
    }
    System.out.println(
        "translator differential, " + model + ", random code: " + RANDOM_ROUNDS + " rounds, "
            + (plain.instructionCount() - before) + " instructions each way, "
            + fast.blocksTranslated() + " blocks translated");
    assertThat(fast.blocksTranslated()).isGreaterThan(RANDOM_ROUNDS);
  }

  private static final int RANDOM_ROUNDS = 1500;

  /** Runs a program from its first byte in random slices, as a machine's slices end anywhere. */
  private static String run(
      X86Cpu cpu, TestBus bus, byte[] ram, int[] regs, int flags, long slices) {
    System.arraycopy(ram, 0, bus.ram, 0, ram.length);
    cpu.reset();
    Registers r = cpu.registers();
    for (int i = 0; i < 8; i++) {
      r.setGeneral(i, regs[i]);
    }
    r.setCs(CODE);
    r.setIp(0);
    r.setDs(DATA);
    r.setSs(DATA);
    r.setEs(EXTRA);
    r.setFlags(flags);
    long before = cpu.instructionCount(); // reset() keeps the count
    Random slice = new Random(slices);
    CpuStop stop;
    do {
      stop = cpu.run(1 + slice.nextInt(3000));
    } while (stop == CpuStop.BUDGET && cpu.instructionCount() - before < 2_000_000);
    return describe(cpu, stop, cpu.instructionCount() - before);
  }

  private static String describe(X86Cpu cpu, CpuStop stop, long count) {
    Registers r = cpu.registers();
    StringBuilder s = new StringBuilder();
    s.append(stop).append(" count=").append(count);
    for (int i = 0; i < 8; i++) {
      s.append(' ').append(Integer.toHexString(r.general(i)));
    }
    for (SegmentRegister sr : SegmentRegister.values()) {
      s.append(' ').append(sr).append('=').append(Integer.toHexString(r.segment(sr)));
    }
    s.append(" eip=").append(Integer.toHexString(r.eip()));
    s.append(" eflags=").append(Integer.toHexString(r.eflags()));
    return s.toString();
  }

  /**
   * A random loop body, then {@code DEC WORD [ES:0]; JZ +3; JMP body; HLT}: the iteration count
   * at ES:0 lies in a segment that only string stores (ES:DI) can touch.
   */
  private static byte[] program(Random rnd, CpuModel model) {
    List<byte[]> body = new ArrayList<>();
    List<Integer> jumps = new ArrayList<>(); // indexes of Jcc placeholders
    int n = 20 + rnd.nextInt(120);
    for (int i = 0; i < n; i++) {
      if (rnd.nextInt(12) == 0) {
        jumps.add(body.size());
        body.add(new byte[] {(byte) (0x70 + rnd.nextInt(16)), 0});
      } else {
        body.add(instruction(rnd, model));
      }
    }
    // Forward targets on instruction boundaries, up to six instructions ahead.
    int[] starts = new int[body.size() + 1];
    for (int i = 0; i < body.size(); i++) {
      starts[i + 1] = starts[i] + body.get(i).length;
    }
    for (int j : jumps) {
      int target = Math.min(j + 1 + rnd.nextInt(6), body.size());
      body.get(j)[1] = (byte) (starts[target] - starts[j + 1]);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] b : body) {
      out.writeBytes(b);
    }
    int end = out.size();
    out.writeBytes(new byte[] {0x26, (byte) 0xFF, 0x0E, 0x00, 0x00}); // DEC WORD [ES:0000]
    out.writeBytes(new byte[] {0x74, 0x03}); // JZ over the JMP
    int rel = -(end + 5 + 2 + 3);
    out.writeBytes(new byte[] {(byte) 0xE9, (byte) rel, (byte) (rel >> 8)});
    out.write(0xF4);
    return out.toByteArray();
  }

  /** A bus whose port reads run an action, as a timer device reads the machine's clock. */
  private static final class ClockedBus extends TestBus {
    private final Runnable onIn;

    ClockedBus(Runnable onIn) {
      super(1 << 20);
      this.onIn = onIn;
    }

    @Override
    public int in(int port, int size) {
      onIn.run();
      return super.in(port, size);
    }
  }

  private static final int[] ALU_OPS = {0x00, 0x01, 0x02, 0x03};

  private static byte[] instruction(Random rnd, CpuModel model) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int kind = rnd.nextInt(26);
    if (model == CpuModel.I8086 && (kind == 16 || kind == 23)) {
      kind = 0; // C0h/C1h and 69h/6Bh are other instructions on the 8086
    }
    switch (kind) {
      case 0: case 1: case 2: case 3: case 4:
        prefix(rnd, b);
        b.write(rnd.nextInt(8) << 3 | ALU_OPS[rnd.nextInt(4)]);
        modrm(rnd, b, -1);
        break;
      case 5:
        b.write(rnd.nextInt(8) << 3 | 4 + rnd.nextInt(2));
        imm(rnd, b, (b.toByteArray()[0] & 1) != 0 ? 2 : 1);
        break;
      case 6:
        {
          prefix(rnd, b);
          int op = 0x80 + rnd.nextInt(4);
          b.write(op);
          modrm(rnd, b, -1);
          imm(rnd, b, op == 0x81 ? 2 : 1);
        }
        break;
      case 7:
        b.write(0x40 + rnd.nextInt(16)); // INC/DEC r16
        break;
      case 8:
        // PUSH r16 then POP r16 (any registers, SP included)
        b.write(0x50 + rnd.nextInt(8));
        b.write(0x58 + rnd.nextInt(8));
        break;
      case 9: case 10: case 11:
        prefix(rnd, b);
        b.write(0x88 + rnd.nextInt(4));
        modrm(rnd, b, -1);
        break;
      case 12:
        b.write(0xB0 + rnd.nextInt(16));
        imm(rnd, b, (b.toByteArray()[0] & 8) != 0 ? 2 : 1);
        break;
      case 13:
        {
          prefix(rnd, b);
          int op = 0xC6 + rnd.nextInt(2);
          b.write(op);
          modrm(rnd, b, 0);
          imm(rnd, b, op == 0xC7 ? 2 : 1);
        }
        break;
      case 14:
        b.write(0x8D); // LEA: memory forms only
        modrmMemory(rnd, b, rnd.nextInt(8));
        break;
      case 15:
        {
          prefix(rnd, b);
          int op = 0xD0 + rnd.nextInt(4);
          b.write(op);
          modrm(rnd, b, -1);
        }
        break;
      case 16:
        {
          int op = 0xC0 + rnd.nextInt(2);
          b.write(op);
          modrm(rnd, b, -1);
          imm(rnd, b, 1);
        }
        break;
      case 17:
        {
          // F6/F7: TEST, NOT, NEG, MUL, IMUL; DIV and IDIV now and then (a #DE ends at HLT)
          prefix(rnd, b);
          int op = 0xF6 + rnd.nextInt(2);
          b.write(op);
          int[] common = {0, 2, 3, 4, 5};
          int reg = rnd.nextInt(100) == 0 ? 6 + rnd.nextInt(2) : common[rnd.nextInt(5)];
          modrm(rnd, b, reg);
          if (reg == 0) {
            imm(rnd, b, op == 0xF7 ? 2 : 1);
          }
        }
        break;
      case 18:
        b.write(new int[] {0x84, 0x85, 0x86, 0x87}[rnd.nextInt(4)]);
        modrm(rnd, b, -1);
        break;
      case 19:
        b.write(
            new int[] {0x90, 0x91, 0x93, 0x96, 0x98, 0x99, 0x9E, 0x9F, 0xF5, 0xF8, 0xF9, 0xFC,
                0xFD, 0xD7}[rnd.nextInt(14)]);
        break;
      case 20:
        // Unrepeated string instructions (MOVS, CMPS, STOS, LODS, SCAS)
        b.write(
            new int[] {0xA4, 0xA5, 0xA6, 0xA7, 0xAA, 0xAB, 0xAC, 0xAD, 0xAE, 0xAF}[
                rnd.nextInt(10)]);
        break;
      case 21:
        if (rnd.nextInt(8) == 0) {
          b.write(0x9D); // POPF of whatever is on the stack: may set TF (a trap ends at HLT)
        } else {
          b.write(0x9C); // PUSHF, POPF
          b.write(0x9D);
        }
        break;
      case 22:
        {
          prefix(rnd, b);
          b.write(0xFE + rnd.nextInt(2));
          modrm(rnd, b, rnd.nextInt(2)); // INC/DEC r/m
        }
        break;
      case 23:
        {
          int op = rnd.nextBoolean() ? 0x69 : 0x6B;
          b.write(op);
          modrm(rnd, b, -1);
          imm(rnd, b, op == 0x69 ? 2 : 1);
        }
        break;
      case 24:
        // Left to the interpreter: an operand-size prefix, MOVZX, REP STOSB with a short count
        switch (model.atLeast(CpuModel.I80386) ? rnd.nextInt(4) : 2 + rnd.nextInt(2)) {
          case 3:
            b.write(0xE4); // IN AL, 40h: a device reads the time
            b.write(0x40);
            break;
          case 0:
            b.write(0x66);
            b.write(0x01 + (rnd.nextInt(8) << 3));
            b.write(0xC0 | rnd.nextInt(64));
            break;
          case 1:
            b.write(0x0F);
            b.write(0xB6 + rnd.nextInt(2));
            modrm(rnd, b, -1);
            break;
          default:
            b.write(0xB1); // MOV CL, n
            b.write(rnd.nextInt(8));
            b.write(0xB5); // MOV CH, 0
            b.write(0);
            b.write(0xF3);
            b.write(0xAA);
            break;
        }
        break;
      default:
        b.write(0xA0 + rnd.nextInt(4)); // MOV AL/AX <-> moffs
        imm(rnd, b, 2);
        break;
    }
    return b.toByteArray();
  }

  /** Now and then a segment override other than CS (CS would let a store reach the code). */
  private static void prefix(Random rnd, ByteArrayOutputStream b) {
    if (rnd.nextInt(6) == 0) {
      b.write(new int[] {0x26, 0x36, 0x3E}[rnd.nextInt(3)]);
    }
  }

  private static void modrm(Random rnd, ByteArrayOutputStream b, int reg) {
    int r = reg >= 0 ? reg : rnd.nextInt(8);
    if (rnd.nextInt(3) == 0) {
      b.write(0xC0 | r << 3 | rnd.nextInt(8));
    } else {
      modrmMemory(rnd, b, r);
    }
  }

  private static void modrmMemory(Random rnd, ByteArrayOutputStream b, int reg) {
    int mod = rnd.nextInt(3);
    int rm = rnd.nextInt(8);
    b.write(mod << 6 | reg << 3 | rm);
    if (mod == 0 && rm == 6) {
      imm(rnd, b, 2);
    } else if (mod == 1) {
      imm(rnd, b, 1);
    } else if (mod == 2) {
      imm(rnd, b, 2);
    }
  }

  private static void imm(Random rnd, ByteArrayOutputStream b, int size) {
    for (int i = 0; i < size; i++) {
      b.write(rnd.nextInt(256));
    }
  }

  private static String hex(byte[] code) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < Math.min(code.length, 64); i++) {
      s.append(String.format("%02X", code[i] & 0xFF));
    }
    return s + (code.length > 64 ? "..." : "");
  }
}
