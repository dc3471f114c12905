package dev.mvm.ist.x86;

import dev.mvm.api.cpu.CpuBus;
import dev.mvm.api.cpu.CpuModel;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Translates hot runs of real-mode 16-bit code into JVM bytecode, one hidden class per {@link
 * Block}, for every model: called from the loops of {@code X86Cpu.run} (8086 to 80286) and
 * {@code X86Cpu.run386} (80386 and 80486).
 *
 * <p>The translation is the interpreter with the decoding done ahead: each instruction becomes
 * calls of the same {@code X86Cpu} methods the interpreter runs for it, with the opcode,
 * registers, displacement and immediate as constants, which the JIT then folds. The commonest
 * forms (ALU, MOV, INC/DEC, PUSH/POP, shifts by one, LEA, Jcc, JMP, CALL, RET, LOOP) are
 * written out that way on the 80386 and 80486, and the register forms among them on the 16-bit
 * models (whose memory, stack and shift forms differ by model); every other instruction of the
 * base set is "replayed": the block sets the decoder's state (IP after the ModR/M bytes,
 * ModR/M, effective address) and calls the model's {@code execute386} or {@code execute},
 * exactly as the interpreter's loop does after decoding. After a replayed
 * instruction the block goes on only if IP is the next instruction's, CS is unchanged, no
 * event (interrupt, trap, interrupt shadow, stop) is waiting and nothing was stored into the
 * block's code, so jumps, interrupts, faults raised as interrupts and instructions that change
 * IF end it. Faults thrown from memory accesses leave the block with the faulting
 * instruction's IP and SP recorded, as in the interpreter.
 *
 * <p>A block runs on past conditional jumps not taken; a jump (or LOOP) to one of its own
 * instructions branches inside the generated method, backwards only while the run's budget
 * allows another whole pass and no event is waiting, so a loop runs without leaving its block.
 * The block compares its bytes in RAM with those it was translated from at its entry and at
 * every such branch, and a store that reaches them ends the block after the storing
 * instruction: self-modifying code runs exactly as the interpreter runs it.
 *
 * <p>Not translated (a block ends before them and the interpreter runs them): prefixes other
 * than one segment override (so REP string instructions, LOCK, 66h, 67h, FS and GS), the 0Fh
 * page (host callbacks among it, and the 8086's POP CS), HLT, and opcodes or forms that raise
 * #UD. Protected mode, virtual-8086 mode and 32-bit code are left to the interpreter.
 *
 * <p>An address is translated once it has started {@link #threshold} interpreted instructions
 * or blocks; blocks live in a two-way table of {@link #SIZE} entries per CPU, an
 * untranslatable address being remembered as such while its first bytes stay the same.
 *
 * <p>The generated classes are shared by the CPUs of one JVM, keyed by everything they were
 * generated from (model, CS base, IP, physical address, code bytes): a second VM running the
 * same program finds its blocks already translated and compiled by the JIT. A class holds no
 * machine state (each CPU makes its own {@link Block} from it, with its own table), so sharing
 * it is as safe as sharing the JIT's code; the map is emptied when it reaches {@link
 * #SHARED_LIMIT} classes, which lets the classes be unloaded.
 */
final class BlockTranslator {

  /** Entries of the block table (a power of two). */
  static final int SIZE = 4096;

  private static final String CPU = "dev/mvm/ist/x86/X86Cpu";
  private static final String BLOCK = "dev/mvm/ist/x86/Block";
  private static final String SHAPE = "dev/mvm/ist/x86/Block$Shape";
  private static final MethodType CONSTRUCTOR =
      MethodType.methodType(void.class, Block.Shape.class);

  /** The most generated classes kept for sharing between CPUs. */
  static final int SHARED_LIMIT = 4096;

  /** What a generated class is a function of. */
  private record ClassKey(CpuModel model, int csBase, int ip, int phys, ByteBuffer code) {}

  private static final ConcurrentHashMap<ClassKey, Class<?>> SHARED = new ConcurrentHashMap<>();
  private static final AtomicLong GENERATED = new AtomicLong();

  /** Classes generated in this JVM so far, by every CPU (shared ones counted once). */
  static long classesGenerated() {
    return GENERATED.get();
  }

  private final MethodHandles.Lookup lookup;
  private final CpuModel model;
  /** The 80386 and 80486 ({@code run386}, {@code execute386}); else a 16-bit model. */
  private final boolean wide;
  /** The 8086's opcode map: 60h-6Fh are Jcc, C0h/C1h/C8h/C9h returns. */
  private final boolean is8086;
  private final byte[] ram;
  private final byte[] pages;
  private final byte[] decodeInfo;
  private final byte[] form;
  private final int threshold;
  private final int maxInstructions;
  // Allocated at the first lookup, so that a VM that never runs code does not pay for them.
  private Block[] blocks = new Block[0];
  private int[] heat = new int[0];
  private long translated;

  /**
   * Creates a translator for one CPU.
   *
   * @param lookup a lookup of {@link X86Cpu} with private access: the blocks are its
   *     nestmates and call its private methods
   * @param model the CPU's model, whose opcode map decoding follows
   * @param wide the 80386 or 80486, else a 16-bit model
   * @param is8086 the 8086's opcode map
   * @param threshold the runs of an address before it is translated (1 or more)
   * @param maxInstructions the most instructions in a block (1 or more)
   */
  BlockTranslator(
      MethodHandles.Lookup lookup,
      CpuModel model,
      boolean wide,
      boolean is8086,
      byte[] ram,
      byte[] pages,
      byte[] decodeInfo,
      byte[] form,
      int threshold,
      int maxInstructions) {
    if (threshold < 1 || maxInstructions < 1) {
      throw new IllegalArgumentException(
          "threshold " + threshold + " and block size " + maxInstructions + " must be >= 1");
    }
    this.lookup = lookup;
    this.model = model;
    this.wide = wide;
    this.is8086 = is8086;
    this.ram = ram;
    this.pages = pages;
    this.decodeInfo = decodeInfo;
    this.form = form;
    this.threshold = threshold;
    this.maxInstructions = maxInstructions;
  }

  /** Blocks translated so far (untranslatable addresses not counted). */
  long translated() {
    return translated;
  }

  /**
   * The block for the code at {@code csBase:ip} (physical address {@code phys}), translating
   * it if it has become hot; null while it is not. A block of no instructions (count 0) marks
   * code that could not be translated, for as long as its first bytes stay the same.
   */
  @Nullable Block find(int csBase, int ip, int phys) {
    if (blocks.length == 0) {
      blocks = new Block[SIZE];
      heat = new int[SIZE];
    }
    int i = slot(phys);
    Block b = blocks[i];
    if (b != null && b.phys == phys && b.ip == ip && b.csBase == csBase) {
      return b;
    }
    // Two ways: the block that last held the first entry waits in the second, so that two hot
    // blocks meeting in one set do not evict each other, to be translated again and again.
    Block other = blocks[i ^ 1];
    if (other != null && other.phys == phys && other.ip == ip && other.csBase == csBase) {
      blocks[i ^ 1] = b;
      blocks[i] = other;
      return other;
    }
    if (++heat[i] < threshold) {
      return null;
    }
    heat[i] = 0;
    Block fresh = translate(csBase, ip, phys);
    if (b != null) {
      blocks[i ^ 1] = b;
    }
    blocks[i] = fresh;
    return fresh;
  }

  /** Forgets a block whose bytes have changed. */
  void drop(Block b) {
    int i = slot(b.phys);
    if (blocks[i] == b) {
      blocks[i] = null;
    }
    if (blocks[i ^ 1] == b) {
      blocks[i ^ 1] = null;
    }
    heat[i] = 0;
  }

  /** The first entry of the address's set of two (adjacent addresses fall in other sets). */
  private static int slot(int phys) {
    return ((phys ^ (phys >>> 11)) & (SIZE / 2 - 1)) << 1;
  }

  // ==== decoding ===============================================================================

  /** One decoded instruction. */
  private static final class Insn {
    int at;
    int next;
    /** IP after the opcode, ModR/M and displacement: where the interpreter fetches on. */
    int decoded;

    int op;
    /** The ModR/M byte, or -1. */
    int modrm = -1;
    /** A segment override prefix (ES..DS), or -1. */
    int seg = -1;
    /** The effective address: 0-7 as rm, 8 for a direct offset; its displacement. */
    int eaKind;
    int disp;
    /** The segment the effective address uses, override included. */
    int eaSeg;
    int imm;

    boolean memory() {
      return modrm >= 0 && modrm < 0xC0;
    }
  }

  /** Decodes the instruction at {@code ip}; null if the block must end before it. */
  private @Nullable Insn decode(int ip, int phys, int firstPhys) {
    Insn in = new Insn();
    in.at = ip;
    int p = phys;
    int[] cursor = {p};
    int op = byteAt(cursor, firstPhys);
    if (op < 0) {
      return null;
    }
    switch (op) {
      case 0x26:
      case 0x2E:
      case 0x36:
      case 0x3E:
        in.seg = (op >> 3) & 3;
        op = byteAt(cursor, firstPhys);
        if (op < 0) {
          return null;
        }
        break;
      default:
        break;
    }
    int d = decodeInfo[op];
    if ((d & (X86Cpu.D_PREFIX386 | X86Cpu.D_TWO_BYTE | X86Cpu.D_INVALID)) != 0 || op == 0xF4) {
      return null; // another prefix (a second override too), 0Fh, an invalid opcode, HLT
    }
    in.op = op;
    int reg = 0;
    if ((d & X86Cpu.D_MODRM) != 0) {
      int m = byteAt(cursor, firstPhys);
      if (m < 0) {
        return null;
      }
      in.modrm = m;
      reg = (m >> 3) & 7;
      if ((d & X86Cpu.D_CHECK) != 0) {
        int f = form[op * 8 + reg];
        if (f == 0 || (f == 2 && m >= 0xC0)) {
          return null; // #UD: the interpreter raises it
        }
      }
      if (m < 0xC0) {
        int mod = m >> 6;
        int rm = m & 7;
        in.eaKind = mod == 0 && rm == 6 ? 8 : rm;
        int dispSize = mod == 0 ? (rm == 6 ? 2 : 0) : mod == 1 ? 1 : 2;
        int disp = immediate(cursor, firstPhys, dispSize);
        if (disp == Integer.MIN_VALUE) {
          return null;
        }
        in.disp = dispSize == 1 ? (byte) disp : disp;
        in.eaSeg = in.seg >= 0 ? in.seg : X86Cpu.segment16(mod, rm);
      }
    }
    in.decoded = ip + (cursor[0] - p);
    int imm = immediate(cursor, firstPhys, immediateSize(is8086 ? alias8086(op) : op, reg));
    if (imm == Integer.MIN_VALUE) {
      return null;
    }
    in.imm = imm;
    in.next = ip + (cursor[0] - p);
    if (in.next > 0xFFFF) {
      return null; // IP would wrap inside the instruction or right after it
    }
    return in;
  }

  /** The next code byte, or -1 where it is not in direct RAM within the block's MiB. */
  private int byteAt(int[] cursor, int firstPhys) {
    int a = cursor[0];
    if (a >= ram.length
        || (a >>> 20) != (firstPhys >>> 20)
        || (pages[a >>> CpuBus.PAGE_SHIFT] & CpuBus.DIRECT_READ) == 0) {
      return -1;
    }
    cursor[0] = a + 1;
    return ram[a] & 0xFF;
  }

  /** A little-endian immediate of 0-4 bytes; MIN_VALUE where the bytes are not readable. */
  private int immediate(int[] cursor, int firstPhys, int size) {
    int v = 0;
    for (int i = 0; i < size; i++) {
      int b = byteAt(cursor, firstPhys);
      if (b < 0) {
        return Integer.MIN_VALUE;
      }
      v |= b << (8 * i);
    }
    return v;
  }

  /** The opcode the 8086 runs for {@code op}: it decodes 60h-6Fh as Jcc and C0h-C9h as RETs. */
  private static int alias8086(int op) {
    if (op >= 0x60 && op <= 0x6F) {
      return op + 0x10;
    }
    switch (op) {
      case 0xC0:
        return 0xC2;
      case 0xC1:
        return 0xC3;
      case 0xC8:
        return 0xCA;
      case 0xC9:
        return 0xCB;
      default:
        return op;
    }
  }

  /** Bytes of immediate data after the ModR/M bytes, with 16-bit operands and addresses. */
  private static int immediateSize(int op, int reg) {
    if ((op >= 0x70 && op <= 0x7F) || (op >= 0xB0 && op <= 0xB7) || (op >= 0xE0 && op <= 0xE7)) {
      return 1;
    }
    if ((op >= 0xA0 && op <= 0xA3) || (op >= 0xB8 && op <= 0xBF)) {
      return 2;
    }
    if (op < 0x40 && (op & 7) == 4) {
      return 1; // ALU AL, imm8
    }
    if (op < 0x40 && (op & 7) == 5) {
      return 2; // ALU AX, imm16
    }
    switch (op) {
      case 0x6A: case 0x6B: case 0x80: case 0x82: case 0x83: case 0xA8: case 0xC0: case 0xC1:
      case 0xC6: case 0xCD: case 0xD4: case 0xD5: case 0xEB:
        return 1;
      case 0x68: case 0x69: case 0x81: case 0xA9: case 0xC2: case 0xC7: case 0xCA: case 0xE8:
      case 0xE9:
        return 2;
      case 0xC8:
        return 3;
      case 0x9A:
      case 0xEA:
        return 4;
      case 0xF6:
        return reg < 2 ? 1 : 0;
      case 0xF7:
        return reg < 2 ? 2 : 0;
      default:
        return 0;
    }
  }

  /** Whether nothing after the instruction can run in the same block: IP goes elsewhere. */
  private boolean transfers(Insn in) {
    switch (is8086 ? alias8086(in.op) : in.op) {
      case 0x9A: case 0xC2: case 0xC3: case 0xCA: case 0xCB: case 0xCC: case 0xCD: case 0xCF:
      case 0xE8: case 0xE9: case 0xEA: case 0xEB:
        return true;
      case 0xFF:
        int reg = (in.modrm >> 3) & 7;
        return reg >= 2 && reg <= 5;
      default:
        return false;
    }
  }

  // ==== translation ============================================================================

  private Block translate(int csBase, int ip, int phys) {
    @Nullable Insn[] insns = new Insn[maxInstructions];
    int n = 0;
    int at = ip;
    int p = phys;
    while (n < maxInstructions) {
      Insn in = decode(at, p, phys);
      if (in == null) {
        break;
      }
      insns[n++] = in;
      p += in.next - at;
      at = in.next;
      if (transfers(in)) {
        break;
      }
    }
    if (n == 0) {
      // Remember the first bytes (those that decided), so that other code there is tried.
      int[] cursor = {phys};
      int readable = 0;
      while (readable < 3 && byteAt(cursor, phys) >= 0) {
        readable++;
      }
      byte[] code = new byte[readable];
      System.arraycopy(ram, phys, code, 0, readable);
      return new NoBlock(new Block.Shape(csBase, ip, phys, new int[0], code));
    }
    int[] starts = new int[n];
    for (int i = 0; i < n; i++) {
      starts[i] = insns[i].at;
    }
    byte[] code = new byte[p - phys];
    System.arraycopy(ram, phys, code, 0, code.length);
    Block.Shape shape = new Block.Shape(csBase, ip, phys, starts, code);
    try {
      ClassKey key = new ClassKey(model, csBase, ip, phys, ByteBuffer.wrap(code));
      Class<?> c = SHARED.get(key);
      if (c == null) {
        byte[] bytes = generate(insns, n, csBase, phys, code);
        c =
            lookup
                .defineHiddenClass(bytes, true, MethodHandles.Lookup.ClassOption.NESTMATE)
                .lookupClass();
        GENERATED.incrementAndGet();
        if (SHARED.size() >= SHARED_LIMIT) {
          SHARED.clear();
        }
        Class<?> first = SHARED.putIfAbsent(key, c);
        if (first != null) {
          c = first; // another CPU translated the same block meanwhile
        }
      }
      Block b = (Block) lookup.findConstructor(c, CONSTRUCTOR).invoke(shape);
      translated++;
      return b;
    } catch (Throwable e) {
      // A translator that cannot define its classes is a defect of MVM, not of the guest:
      // say where, with the bytes it was translating.
      throw new IllegalStateException(
          "cannot translate the block at " + Integer.toHexString(phys) + "h", e);
    }
  }

  /** An address where translation found nothing to translate: the interpreter runs it. */
  private static final class NoBlock extends Block {
    NoBlock(Shape shape) {
      super(shape);
    }

    @Override
    int run(X86Cpu cpu, int budget) {
      throw new IllegalStateException("an untranslatable address has no block to run");
    }
  }

  private byte[] generate(Insn[] insns, int n, int csBase, int phys, byte[] code) {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
    cw.visit(
        Opcodes.V17,
        Opcodes.ACC_FINAL | Opcodes.ACC_SUPER,
        "dev/mvm/ist/x86/TranslatedBlock",
        null,
        BLOCK,
        null);
    MethodVisitor init = cw.visitMethod(0, "<init>", "(L" + SHAPE + ";)V", null, null);
    init.visitCode();
    init.visitVarInsn(Opcodes.ALOAD, 0);
    init.visitVarInsn(Opcodes.ALOAD, 1);
    init.visitMethodInsn(Opcodes.INVOKESPECIAL, BLOCK, "<init>", "(L" + SHAPE + ";)V", false);
    init.visitInsn(Opcodes.RETURN);
    init.visitMaxs(0, 0);
    init.visitEnd();

    MethodVisitor mv = cw.visitMethod(0, "run", "(L" + CPU + ";I)I", null, null);
    mv.visitCode();
    Emitter e = new Emitter(mv, wide, insns, n, csBase, phys, code);
    e.block();
    mv.visitMaxs(0, 0);
    mv.visitEnd();
    cw.visitEnd();
    return cw.toByteArray();
  }

  /**
   * Writes the bytecode of one block's {@code run(X86Cpu cpu, int budget)}. Locals: 1 the CPU,
   * 2 the budget, 3 {@code executed}: instructions finished in earlier passes, less those
   * skipped by forward jumps inside the block, so that leaving after the block's {@code i}th
   * instruction has done {@code executed + i + 1}; {@code X86Cpu.blockDone} mirrors it for a
   * fault thrown out of the block.
   */
  private static final class Emitter {
    private static final int CPU_LOCAL = 1;
    private static final int BUDGET = 2;
    private static final int EXECUTED = 3;

    private final MethodVisitor mv;
    private final boolean wide;
    private final Insn[] insns;
    private final int n;
    private final int csBase;
    private final int phys;
    private final byte[] code;
    private final Label[] starts;

    Emitter(
        MethodVisitor mv, boolean wide, Insn[] insns, int n, int csBase, int phys, byte[] code) {
      this.mv = mv;
      this.wide = wide;
      this.insns = insns;
      this.n = n;
      this.csBase = csBase;
      this.phys = phys;
      this.code = code;
      this.starts = new Label[n];
      for (int i = 0; i < n; i++) {
        starts[i] = new Label();
      }
    }

    void block() {
      Label stale = new Label();
      checkCode(stale);
      push(0);
      mv.visitVarInsn(Opcodes.ISTORE, EXECUTED);
      boolean open = true;
      for (int i = 0; i < n && open; i++) {
        mv.visitLabel(starts[i]);
        open = instruction(insns[i], i);
      }
      if (open) {
        setIp(insns[n - 1].next);
        returnDone(n - 1);
      }
      mv.visitLabel(stale);
      push(Block.STALE);
      mv.visitInsn(Opcodes.IRETURN);
    }

    /** Jumps to {@code fail} unless the block's pages are direct RAM holding its bytes. */
    private void checkCode(Label fail) {
      int first = phys >>> CpuBus.PAGE_SHIFT;
      int last = (phys + code.length - 1) >>> CpuBus.PAGE_SHIFT;
      for (int page = first; page <= last; page++) {
        mv.visitVarInsn(Opcodes.ALOAD, CPU_LOCAL);
        mv.visitFieldInsn(Opcodes.GETFIELD, CPU, "pages", "[B");
        push(page);
        mv.visitInsn(Opcodes.BALOAD);
        push(CpuBus.DIRECT_READ);
        mv.visitInsn(Opcodes.IAND);
        mv.visitJumpInsn(Opcodes.IFEQ, fail);
      }
      int len = code.length;
      if (len < 8) {
        for (int i = 0; i < len; i++) {
          mv.visitVarInsn(Opcodes.ALOAD, CPU_LOCAL);
          mv.visitFieldInsn(Opcodes.GETFIELD, CPU, "ram", "[B");
          push(phys + i);
          mv.visitInsn(Opcodes.BALOAD);
          push(code[i]);
          mv.visitJumpInsn(Opcodes.IF_ICMPNE, fail);
        }
        return;
      }
      for (int k = 0; k < (len + 7) / 8; k++) {
        int off = Math.min(k * 8, len - 8); // the last word overlaps rather than reads past
        long w = 0;
        for (int b = 7; b >= 0; b--) {
          w = w << 8 | (code[off + b] & 0xFF);
        }
        mv.visitVarInsn(Opcodes.ALOAD, CPU_LOCAL);
        mv.visitFieldInsn(Opcodes.GETFIELD, CPU, "ram", "[B");
        push(phys + off);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, BLOCK, "word", "([BI)J", false);
        mv.visitLdcInsn(w);
        mv.visitInsn(Opcodes.LCMP);
        mv.visitJumpInsn(Opcodes.IFNE, fail);
      }
    }

    /** The index of the instruction of this block at {@code target}, or -1. */
    private int indexAt(int target) {
      for (int k = 0; k < n; k++) {
        if (insns[k].at == target) {
          return k;
        }
      }
      return -1;
    }

    /**
     * A jump from the block's {@code i}th instruction to {@code target}: inside the block a
     * branch there if the block's bytes are unchanged (and, backwards, while the budget allows
     * a whole further pass and no event is waiting), else IP set and a return.
     */
    private void jump(int i, int target) {
      int t = indexAt(target);
      Label leave = new Label();
      if (t >= 0) {
        if (t <= i) {
          // After the branch executed grows by i + 1 - t, and leaving at the jth instruction
          // counts executed + j + 1: at most executed + n, which the budget must allow.
          mv.visitVarInsn(Opcodes.ILOAD, EXECUTED);
          push(i + 1 - t + n);
          mv.visitInsn(Opcodes.IADD);
          mv.visitVarInsn(Opcodes.ILOAD, BUDGET);
          mv.visitJumpInsn(Opcodes.IF_ICMPGT, leave);
          mv.visitVarInsn(Opcodes.ALOAD, CPU_LOCAL);
          mv.visitFieldInsn(Opcodes.GETFIELD, CPU, "events", "I");
          mv.visitJumpInsn(Opcodes.IFNE, leave);
        }
        // A jump drops what a processor prefetched: code written since the block began runs
        // from here, as in "modify; JMP $+2".
        checkCode(leave);
        mv.visitIincInsn(EXECUTED, i + 1 - t);
        mv.visitVarInsn(Opcodes.ALOAD, CPU_LOCAL);
        mv.visitVarInsn(Opcodes.ILOAD, EXECUTED);
        mv.visitFieldInsn(Opcodes.PUTFIELD, CPU, "blockDone", "I");
        mv.visitJumpInsn(Opcodes.GOTO, starts[t]);
      }
      mv.visitLabel(leave);
      setIp(target);
      returnDone(i);
    }

    /**
     * The instruction {@code in}, the block's {@code i}th.
     *
     * @return whether the code goes on to the next instruction (false after an unconditional
     *     transfer)
     */
    boolean instruction(Insn in, int i) {
      if (!fast(in)) {
        replay(in, i);
        return true;
      }
      boolean open = fastForm(in, i);
      if (open && stores(in)) {
        // A store into the block's own code ends it: the changed bytes run afterwards.
        Label clean = new Label();
        mv.visitVarInsn(Opcodes.ALOAD, CPU_LOCAL);
        mv.visitFieldInsn(Opcodes.GETFIELD, CPU, "smc", "Z");
        mv.visitJumpInsn(Opcodes.IFEQ, clean);
        setIp(in.next);
        returnDone(i);
        mv.visitLabel(clean);
      }
      return open;
    }

    /** Whether a fast form can write memory (CALL, which also does, ends the block anyway). */
    private static boolean stores(Insn in) {
      int op = in.op;
      if (op >= 0x50 && op <= 0x57) {
        return true;
      }
      if (!in.memory()) {
        return false;
      }
      if (op < 0x40) {
        return (op & 2) == 0 && (op & 0x38) != 0x38; // E,G forms but CMP
      }
      switch (op) {
        case 0x80: case 0x81: case 0x82: case 0x83:
          return ((in.modrm >> 3) & 7) != 7; // not CMP
        case 0x88: case 0x89: case 0xC6: case 0xC7: case 0xD1:
          return true;
        default:
          return false;
      }
    }

    /** The fast form of {@code in}; whether the code goes on after it. */
    private boolean fastForm(Insn in, int i) {
      int op = in.op;
      int m = in.modrm;
      int reg = (m >> 3) & 7;
      int rm = m & 7;
      boolean mem = in.memory();
      if (mem && !wide) {
        // The 16-bit models' own methods for these forms, on ModR/M and eaBase:eaOff.
        call("tMem16", "(IIIIII)V", in.at, in.next, in.eaKind, in.disp, in.eaSeg, m);
        if (op < 0x40) {
          String[] alu = {"aluEbGb", "aluEwGw", "aluGbEb", "aluGwEw"};
          call(alu[op & 3], "(I)V", op);
        } else {
          String[] mov = {"movEbGb", "movEwGw", "movGbEb", "movGwEw"};
          call(mov[op & 3], "()V");
        }
        return true;
      }
      if (mem || (op >= 0x50 && op <= 0x5F) || op == 0xE8 || op == 0xC3) {
        call("tBegin", "(II)V", in.at, in.next); // may fault: where it restarts
      }
      if (mem) {
        call("tEa", "(III)V", in.eaKind, in.disp, in.eaSeg);
      }
      if (op < 0x40 && (op & 7) <= 3) { // ALU E,G and G,E
        boolean word = (op & 1) != 0;
        if (mem) {
          call(word ? "aluWord16" : "aluByte16", "(II)V", op, m);
        } else if ((op & 2) == 0) {
          call(word ? "aluRwRw" : "aluRbRb", "(III)V", op, rm, reg);
        } else {
          call(word ? "aluRwRw" : "aluRbRb", "(III)V", op, reg, rm);
        }
        return true;
      }
      if (op < 0x40) { // ALU AL/AX, immediate
        call((op & 1) != 0 ? "tAluAx" : "tAluAl", "(II)V", op >> 3, in.imm);
        return true;
      }
      if (op < 0x48) {
        call("incReg", "(I)V", op & 7);
        return true;
      }
      if (op < 0x50) {
        call("decReg", "(I)V", op & 7);
        return true;
      }
      if (op < 0x58) {
        call("tPush", "(I)V", op & 7);
        return true;
      }
      if (op < 0x60) {
        call("tPop", "(I)V", op & 7);
        return true;
      }
      if (op >= 0x70 && op <= 0x7F) {
        Label notTaken = new Label();
        call("condition", "(I)Z", op & 0xF);
        mv.visitJumpInsn(Opcodes.IFEQ, notTaken);
        jump(i, (in.next + (byte) in.imm) & 0xFFFF);
        mv.visitLabel(notTaken);
        return true;
      }
      if (op >= 0xB0 && op <= 0xB7) {
        call("setReg8", "(II)V", op & 7, in.imm);
        return true;
      }
      if (op >= 0xB8 && op <= 0xBF) {
        call("tMovRI16", "(II)V", op & 7, in.imm);
        return true;
      }
      switch (op) {
        case 0x80:
        case 0x82:
          if (mem) {
            call("tAluMI8", "(II)V", reg, in.imm);
          } else {
            call("tAluRI8", "(III)V", reg, rm, in.imm);
          }
          return true;
        case 0x81:
        case 0x83:
          {
            int imm = op == 0x83 ? (byte) in.imm & 0xFFFF : in.imm;
            if (mem) {
              call("tAluMI16", "(II)V", reg, imm);
            } else {
              call("aluRwI", "(III)V", reg, rm, imm);
            }
          }
          return true;
        case 0x88: // MOV Eb,Gb; Ev,Gv; Gb,Eb; Gv,Ev
        case 0x89:
        case 0x8A:
        case 0x8B:
          {
            String size = (op & 1) != 0 ? "16" : "8";
            boolean toReg = (op & 2) != 0;
            if (mem) {
              call((toReg ? "tLoad" : "tStore") + size, "(I)V", reg);
            } else {
              call("tMovRR" + size, "(II)V", toReg ? reg : rm, toReg ? rm : reg);
            }
          }
          return true;
        case 0x8D:
          call("tLea", "(I)V", reg);
          return true;
        case 0xC6:
          call("tStoreImm8", "(I)V", in.imm);
          return true;
        case 0xC7:
          call("tStoreImm16", "(I)V", in.imm);
          return true;
        case 0xD0:
          call("tShiftR8", "(II)V", reg, rm);
          return true;
        case 0xD1:
          if (mem) {
            call("shiftWord1", "(I)V", m);
          } else {
            call("tShiftR16", "(II)V", reg, rm);
          }
          return true;
        case 0xE2:
          {
            Label done = new Label();
            call("tLoop", "()Z");
            mv.visitJumpInsn(Opcodes.IFEQ, done);
            jump(i, (in.next + (byte) in.imm) & 0xFFFF);
            mv.visitLabel(done);
          }
          return true;
        case 0xE8:
          call("tCall", "(II)V", in.next, (in.next + in.imm) & 0xFFFF);
          returnDone(i);
          return false;
        case 0xE9:
          jump(i, (in.next + in.imm) & 0xFFFF);
          return false;
        case 0xEB:
          jump(i, (in.next + (byte) in.imm) & 0xFFFF);
          return false;
        case 0xC3:
          call("tRet", "()V");
          returnDone(i);
          return false;
        default:
          throw new IllegalStateException("no fast form for opcode " + op);
      }
    }

    /**
     * Whether {@link #instruction} writes the instruction out rather than replaying it. The
     * 16-bit models write out the register forms whose methods they share with the 80386 and,
     * through their own methods, the memory forms of ALU E,G / G,E and MOV (which differ by
     * model at a word at FFFFh); their stack, shift and other forms, which differ by model too
     * (PUSH SP, the 8086's SETMO), they replay through their own {@code execute}.
     */
    private boolean fast(Insn in) {
      int op = in.op;
      boolean mem = in.memory();
      if (!wide) {
        if (op < 0x40) {
          return (op & 7) <= 5;
        }
        if (op < 0x50 || (op >= 0x70 && op <= 0x7F) || (op >= 0xB0 && op <= 0xBF)) {
          return true;
        }
        switch (op) {
          case 0x88: case 0x89: case 0x8A: case 0x8B:
            return true;
          case 0x80: case 0x81: case 0x82: case 0x83:
            return !mem;
          case 0xE2: case 0xE9: case 0xEB:
            return true;
          default:
            return false;
        }
      }
      if (op < 0x40) {
        return (op & 7) <= 5;
      }
      if (op < 0x60 || (op >= 0x70 && op <= 0x7F) || (op >= 0xB0 && op <= 0xBF)) {
        return true;
      }
      switch (op) {
        case 0x80: case 0x81: case 0x82: case 0x83: case 0x88: case 0x89: case 0x8A: case 0x8B:
        case 0xE2: case 0xE8: case 0xE9: case 0xEB: case 0xC3:
          return true;
        case 0x8D:
        case 0xC6:
        case 0xC7:
          return mem;
        case 0xD0:
          return !mem;
        case 0xD1:
          return true;
        default:
          return false;
      }
    }

    /**
     * The interpreter's execution of a decoded instruction: goes on, ends the block after it,
     * or ends the run before it.
     */
    private void replay(Insn in, int i) {
      if (in.memory()) {
        call("tEa", "(III)V", in.eaKind, in.disp, in.eaSeg);
      }
      call(
          "tReplay",
          "(IIIIIII)I",
          in.at,
          in.decoded,
          in.op,
          Math.max(in.modrm, 0),
          in.seg,
          in.next,
          csBase);
      Label goOn = new Label();
      Label end = new Label();
      mv.visitInsn(Opcodes.DUP);
      mv.visitJumpInsn(Opcodes.IFGT, goOn);
      mv.visitJumpInsn(Opcodes.IFEQ, end);
      // Ended the run: the complement of the instructions finished before it.
      mv.visitVarInsn(Opcodes.ILOAD, EXECUTED);
      push(i);
      mv.visitInsn(Opcodes.IADD);
      push(-1);
      mv.visitInsn(Opcodes.IXOR);
      mv.visitInsn(Opcodes.IRETURN);
      mv.visitLabel(end);
      returnDone(i);
      mv.visitLabel(goOn);
      mv.visitInsn(Opcodes.POP);
    }

    private void call(String name, String desc, int... args) {
      mv.visitVarInsn(Opcodes.ALOAD, CPU_LOCAL);
      for (int a : args) {
        push(a);
      }
      mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, CPU, name, desc, false);
    }

    private void setIp(int value) {
      mv.visitVarInsn(Opcodes.ALOAD, CPU_LOCAL);
      push(value);
      mv.visitFieldInsn(Opcodes.PUTFIELD, CPU, "ip", "I");
    }

    /** Returns the count after the block's {@code i}th instruction: executed + i + 1. */
    private void returnDone(int i) {
      mv.visitVarInsn(Opcodes.ILOAD, EXECUTED);
      push(i + 1);
      mv.visitInsn(Opcodes.IADD);
      mv.visitInsn(Opcodes.IRETURN);
    }

    private void push(int v) {
      if (v >= -1 && v <= 5) {
        mv.visitInsn(Opcodes.ICONST_0 + v);
      } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
        mv.visitIntInsn(Opcodes.BIPUSH, v);
      } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
        mv.visitIntInsn(Opcodes.SIPUSH, v);
      } else {
        mv.visitLdcInsn(v);
      }
    }
  }
}
