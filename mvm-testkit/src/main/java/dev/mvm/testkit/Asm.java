package dev.mvm.testkit;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A small assembler for 16-bit real-mode x86, so that a test can run a few real instructions
 * against its VDD without external tools. Intel syntax as nasm writes it, one instruction per
 * line, {@code ;} comments, {@code name:} labels.
 *
 * <pre>{@code
 * byte[] code = Asm.assemble(0x100, """
 *         mov  al, 0x34        ; timer channel 0, mode 2
 *         out  0x43, al
 *         mov  cx, 3
 *   wait: in   al, 0x40
 *         loop wait
 *         mov  si, msg
 *         hlt
 *   msg:  db   "done", 0
 *   """);
 * }</pre>
 *
 * <p>What it knows: the general, byte and segment registers; immediates in decimal, {@code
 * 0x1F}, {@code 1Fh}, {@code 'c'} and labels; memory operands {@code [bx+si+disp]} in every
 * 16-bit form, with {@code byte}/{@code word} size and a segment override ({@code es:[di]});
 * MOV, ADD, OR, ADC, SBB, AND, SUB, XOR, CMP, TEST, XCHG, LEA, INC, DEC, NOT, NEG, MUL, IMUL,
 * DIV, IDIV, SHL/SAL, SHR, SAR, ROL, ROR (by 1 or CL), PUSH, POP, IN, OUT, INT, INT3, IRET,
 * JMP (near, {@code short}, or far {@code seg:off}), the conditional jumps (short), LOOP, LOOPE,
 * LOOPNE, JCXZ, CALL (near or far {@code seg:off}), RET, RETF, HLT, CLI, STI, CLD, STD, CLC,
 * STC, CMC, NOP, PUSHF, POPF, CBW, CWD, the string instructions with REP, REPE and REPNE, and
 * the directives DB and DW (numbers, labels and strings). Anything else is an {@link
 * IllegalArgumentException} naming the line.
 */
public final class Asm {

  private static final List<String> REG8 = List.of("al", "cl", "dl", "bl", "ah", "ch", "dh", "bh");
  private static final List<String> REG16 = List.of("ax", "cx", "dx", "bx", "sp", "bp", "si", "di");
  private static final List<String> SREG = List.of("es", "cs", "ss", "ds");
  private static final List<String> ALU = List.of("add", "or", "adc", "sbb", "and", "sub", "xor", "cmp");
  private static final List<String> SHIFTS =
      List.of("rol", "ror", "rcl", "rcr", "shl", "shr", "sal", "sar");
  private static final Map<String, Integer> JCC = new HashMap<>();
  private static final Map<String, Integer> SIMPLE = new HashMap<>();

  static {
    String[][] jcc = {
      {"jo"}, {"jno"}, {"jb", "jc", "jnae"}, {"jnb", "jnc", "jae"}, {"jz", "je"}, {"jnz", "jne"},
      {"jbe", "jna"}, {"ja", "jnbe"}, {"js"}, {"jns"}, {"jp", "jpe"}, {"jnp", "jpo"},
      {"jl", "jnge"}, {"jge", "jnl"}, {"jle", "jng"}, {"jg", "jnle"}
    };
    for (int i = 0; i < jcc.length; i++) {
      for (String name : jcc[i]) {
        JCC.put(name, 0x70 + i);
      }
    }
    Object[][] simple = {
      {"hlt", 0xF4}, {"cli", 0xFA}, {"sti", 0xFB}, {"cld", 0xFC}, {"std", 0xFD}, {"clc", 0xF8},
      {"stc", 0xF9}, {"cmc", 0xF5}, {"nop", 0x90}, {"pushf", 0x9C}, {"popf", 0x9D},
      {"iret", 0xCF}, {"int3", 0xCC}, {"cbw", 0x98}, {"cwd", 0x99}, {"retf", 0xCB},
      {"movsb", 0xA4}, {"movsw", 0xA5}, {"cmpsb", 0xA6}, {"cmpsw", 0xA7}, {"stosb", 0xAA},
      {"stosw", 0xAB}, {"lodsb", 0xAC}, {"lodsw", 0xAD}, {"scasb", 0xAE}, {"scasw", 0xAF},
      {"insb", 0x6C}, {"insw", 0x6D}, {"outsb", 0x6E}, {"outsw", 0x6F}, {"xlat", 0xD7},
      {"sahf", 0x9E}, {"lahf", 0x9F}, {"pusha", 0x60}, {"popa", 0x61}
    };
    for (Object[] s : simple) {
      SIMPLE.put((String) s[0], (Integer) s[1]);
    }
  }

  private final int origin;
  private final Map<String, Integer> labels = new HashMap<>();
  private ByteArrayOutputStream out = new ByteArrayOutputStream();
  private boolean finalPass;
  private int lineNumber;
  private String line = "";

  private Asm(int origin) {
    this.origin = origin;
  }

  /**
   * Assembles a program.
   *
   * @param origin the offset at which the code will run (labels are relative to it)
   * @param source the program, one instruction per line
   * @return the machine code
   * @throws IllegalArgumentException for anything it does not know, naming the line
   */
  public static byte[] assemble(int origin, String source) {
    Asm asm = new Asm(origin);
    asm.pass(source); // pass 1: addresses of labels
    asm.finalPass = true;
    asm.out = new ByteArrayOutputStream();
    asm.pass(source);
    return asm.out.toByteArray();
  }

  /**
   * Assembles a program that runs at offset 0.
   *
   * @param source the program
   * @return the machine code
   */
  public static byte[] assemble(String source) {
    return assemble(0, source);
  }

  private void pass(String source) {
    lineNumber = 0;
    for (String raw : source.split("\n", -1)) {
      lineNumber++;
      line = raw;
      String text = stripComment(raw).strip();
      int colon = labelEnd(text);
      if (colon >= 0) {
        String label = text.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        if (!label.matches("[a-z_.$][a-z0-9_.$]*")) {
          throw error("invalid label '" + label + "'");
        }
        if (!finalPass && labels.put(label, here()) != null) {
          throw error("label '" + label + "' defined twice");
        }
        text = text.substring(colon + 1).strip();
      }
      if (!text.isEmpty()) {
        instruction(text);
      }
    }
  }

  /** The index of a label's colon, or -1; a colon inside brackets or quotes is no label. */
  private static int labelEnd(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ':') {
        return i;
      }
      if (c == ' ' || c == '\t' || c == '[' || c == '\'' || c == '"') {
        return -1;
      }
    }
    return -1;
  }

  private static String stripComment(String raw) {
    boolean quoted = false;
    char quote = 0;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (quoted) {
        quoted = c != quote;
      } else if (c == '\'' || c == '"') {
        quoted = true;
        quote = c;
      } else if (c == ';') {
        return raw.substring(0, i);
      }
    }
    return raw;
  }

  private int here() {
    return origin + out.size();
  }

  private IllegalArgumentException error(String message) {
    return new IllegalArgumentException(
        "line " + lineNumber + " (" + line.strip() + "): " + message);
  }

  // ---- operands ------------------------------------------------------------------------

  /** A parsed operand. */
  private static final class Operand {
    enum Kind { REG8, REG16, SREG, IMM, MEM }

    Kind kind = Kind.IMM;
    int reg;
    int value;
    /** Memory: size from a {@code byte}/{@code word} keyword, 0 when not given. */
    int size;
    int segmentPrefix = -1;
    int modrmRm;
    int mod;
    int displacement;
    /** Memory: how many displacement bytes follow the ModR/M byte. */
    int displacementBytes;
    /** An immediate that is a far pointer {@code seg:off}. */
    int farSegment = -1;
  }

  private Operand operand(String text) {
    Operand op = new Operand();
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.startsWith("byte ")) {
      op.size = 1;
      t = t.substring(5).strip();
    } else if (t.startsWith("word ")) {
      op.size = 2;
      t = t.substring(5).strip();
    }
    if (t.startsWith("short ")) {
      t = t.substring(6).strip();
    }
    if (REG8.contains(t)) {
      op.kind = Operand.Kind.REG8;
      op.reg = REG8.indexOf(t);
      return op;
    }
    if (REG16.contains(t)) {
      op.kind = Operand.Kind.REG16;
      op.reg = REG16.indexOf(t);
      return op;
    }
    if (SREG.contains(t)) {
      op.kind = Operand.Kind.SREG;
      op.reg = SREG.indexOf(t);
      return op;
    }
    int bracket = t.indexOf('[');
    if (bracket >= 0) {
      String prefix = t.substring(0, bracket).strip();
      if (prefix.endsWith(":")) {
        String seg = prefix.substring(0, prefix.length() - 1).strip();
        if (!SREG.contains(seg)) {
          throw error("unknown segment override '" + seg + "'");
        }
        op.segmentPrefix = 0x26 + 8 * SREG.indexOf(seg);
      } else if (!prefix.isEmpty()) {
        throw error("cannot parse operand '" + text + "'");
      }
      if (!t.endsWith("]")) {
        throw error("missing ] in '" + text + "'");
      }
      String inside = t.substring(bracket + 1, t.length() - 1);
      int override = inside.indexOf(':');
      if (override >= 0) { // nasm's [es:di]
        String seg = inside.substring(0, override).strip();
        if (!SREG.contains(seg)) {
          throw error("unknown segment override '" + seg + "'");
        }
        op.segmentPrefix = 0x26 + 8 * SREG.indexOf(seg);
        inside = inside.substring(override + 1);
      }
      memory(op, inside);
      return op;
    }
    int colon = t.indexOf(':');
    if (colon > 0) {
      op.kind = Operand.Kind.IMM;
      op.farSegment = number(t.substring(0, colon));
      op.value = number(t.substring(colon + 1));
      return op;
    }
    op.kind = Operand.Kind.IMM;
    String original = text.strip();
    // a character literal keeps its case: the operand was lower-cased for the keywords
    op.value = number(original.substring(original.length() - t.length()));
    return op;
  }

  /** Parses {@code bx+si+disp} into ModR/M's mod, rm and displacement. */
  private void memory(Operand op, String inside) {
    op.kind = Operand.Kind.MEM;
    boolean bx = false;
    boolean bp = false;
    boolean si = false;
    boolean di = false;
    int disp = 0;
    boolean hasDisp = false;
    boolean symbolic = false; // a label's value is only known in the final pass: keep 16 bits
    for (String term : inside.replace("-", "+-").split("\\+")) {
      String s = term.strip();
      if (s.isEmpty()) {
        continue;
      }
      switch (s) {
        case "bx" -> bx = true;
        case "bp" -> bp = true;
        case "si" -> si = true;
        case "di" -> di = true;
        default -> {
          disp += s.startsWith("-") ? -number(s.substring(1)) : number(s);
          hasDisp = true;
          symbolic |= !Character.isDigit(s.charAt(s.startsWith("-") ? 1 : 0));
        }
      }
    }
    int rm;
    if (bx && si) {
      rm = 0;
    } else if (bx && di) {
      rm = 1;
    } else if (bp && si) {
      rm = 2;
    } else if (bp && di) {
      rm = 3;
    } else if (si && !bx && !bp && !di) {
      rm = 4;
    } else if (di && !bx && !bp && !si) {
      rm = 5;
    } else if (bp && !si && !di && !bx) {
      rm = 6;
    } else if (bx && !si && !di && !bp) {
      rm = 7;
    } else if (!bx && !bp && !si && !di) {
      op.mod = 0;
      op.modrmRm = 6; // direct address
      op.displacement = disp & 0xFFFF;
      op.displacementBytes = 2;
      return;
    } else {
      throw error("no 16-bit addressing form for [" + inside + "]");
    }
    op.modrmRm = rm;
    if (!hasDisp && rm != 6) {
      op.mod = 0;
      op.displacementBytes = 0;
    } else if (!symbolic && disp >= -128 && disp <= 127) {
      op.mod = 1;
      op.displacementBytes = 1;
    } else {
      op.mod = 2;
      op.displacementBytes = 2;
    }
    op.displacement = disp;
  }

  private int number(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.isEmpty()) {
      throw error("missing number");
    }
    if (t.startsWith("-")) {
      return -number(t.substring(1));
    }
    if (t.length() == 3 && t.charAt(0) == '\'' && t.charAt(2) == '\'') {
      return text.strip().charAt(1);
    }
    try {
      if (t.startsWith("0x")) {
        return Integer.parseInt(t.substring(2), 16);
      }
      if (t.endsWith("h") && Character.isDigit(t.charAt(0))) {
        return Integer.parseInt(t.substring(0, t.length() - 1), 16);
      }
      if (Character.isDigit(t.charAt(0))) {
        return Integer.parseInt(t);
      }
    } catch (NumberFormatException e) {
      throw error("invalid number '" + text.strip() + "'");
    }
    Integer label = labels.get(t);
    if (label == null) {
      if (finalPass) {
        throw error("unknown label '" + t + "'");
      }
      return 0; // resolved in the final pass
    }
    return label;
  }

  // ---- emitting --------------------------------------------------------------------------

  private void emit(int... bytes) {
    for (int b : bytes) {
      out.write(b & 0xFF);
    }
  }

  private void emitWord(int value) {
    emit(value, value >>> 8);
  }

  /** Emits the ModR/M byte and displacement for a register or memory operand. */
  private void modrm(int reg, Operand rm) {
    if (rm.kind == Operand.Kind.MEM) {
      emit(rm.mod << 6 | reg << 3 | rm.modrmRm);
      if (rm.displacementBytes == 1) {
        emit(rm.displacement);
      } else if (rm.displacementBytes == 2) {
        emitWord(rm.displacement);
      }
    } else {
      emit(0xC0 | reg << 3 | rm.reg);
    }
  }

  private void prefix(Operand... ops) {
    for (Operand op : ops) {
      if (op.kind == Operand.Kind.MEM && op.segmentPrefix >= 0) {
        emit(op.segmentPrefix);
      }
    }
  }

  /** The operand size of a register or sized memory operand: 1, 2, or 0 when unknown. */
  private static int size(Operand op) {
    return switch (op.kind) {
      case REG8 -> 1;
      case REG16, SREG -> 2;
      case MEM -> op.size;
      default -> 0;
    };
  }

  private int sizeOf(Operand a, @Nullable Operand b) {
    int s = size(a);
    if (s == 0 && b != null) {
      s = size(b);
    }
    if (s == 0) {
      throw error("operand size unknown: say byte or word");
    }
    return s;
  }

  private static boolean isRm(Operand op) {
    return op.kind == Operand.Kind.REG8 || op.kind == Operand.Kind.REG16
        || op.kind == Operand.Kind.MEM;
  }

  // ---- instructions ----------------------------------------------------------------------

  private void instruction(String text) {
    String[] parts = text.split("\\s+", 2);
    String mnemonic = parts[0].toLowerCase(Locale.ROOT);
    String rest = parts.length > 1 ? parts[1].strip() : "";
    switch (mnemonic) {
      case "rep", "repe", "repz" -> {
        emit(0xF3);
        instruction(rest);
        return;
      }
      case "repne", "repnz" -> {
        emit(0xF2);
        instruction(rest);
        return;
      }
      case "es", "cs", "ss", "ds" -> {
        emit(0x26 + 8 * SREG.indexOf(mnemonic)); // a segment override on its own line
        instruction(rest);
        return;
      }
      case "db", "dw" -> {
        data(mnemonic.equals("dw"), rest);
        return;
      }
      default -> {}
    }
    Integer simple = SIMPLE.get(mnemonic);
    if (simple != null && rest.isEmpty()) {
      emit(simple);
      return;
    }
    List<Operand> ops = new ArrayList<>();
    for (String o : splitOperands(rest)) {
      ops.add(operand(o));
    }
    Integer jcc = JCC.get(mnemonic);
    if (jcc != null) {
      relative8(jcc, one(ops));
      return;
    }
    switch (mnemonic) {
      case "mov" -> mov(two(ops, 0), two(ops, 1));
      case "add", "or", "adc", "sbb", "and", "sub", "xor", "cmp" ->
          alu(ALU.indexOf(mnemonic), two(ops, 0), two(ops, 1));
      case "test" -> test(two(ops, 0), two(ops, 1));
      case "xchg" -> {
        Operand a = two(ops, 0);
        Operand b = two(ops, 1);
        if (a.kind == Operand.Kind.REG16 && b.kind == Operand.Kind.REG16
            && (a.reg == 0 || b.reg == 0)) {
          emit(0x90 + a.reg + b.reg); // XCHG AX, reg has a one-byte form
          return;
        }
        Operand reg = isRegister(a) ? a : b;
        Operand rm = reg == a ? b : a;
        prefix(rm);
        emit(sizeOf(a, b) == 1 ? 0x86 : 0x87);
        modrm(reg.reg, rm);
      }
      case "lea" -> {
        prefix(two(ops, 1));
        emit(0x8D);
        modrm(two(ops, 0).reg, two(ops, 1));
      }
      case "inc", "dec" -> {
        Operand op = one(ops);
        int sub = mnemonic.equals("inc") ? 0 : 1;
        if (op.kind == Operand.Kind.REG16) {
          emit(0x40 + 8 * sub + op.reg);
        } else {
          prefix(op);
          emit(sizeOf(op, null) == 1 ? 0xFE : 0xFF);
          modrm(sub, op);
        }
      }
      case "not", "neg", "mul", "imul", "div", "idiv" -> {
        Operand op = one(ops);
        prefix(op);
        emit(sizeOf(op, null) == 1 ? 0xF6 : 0xF7);
        modrm(List.of("", "", "not", "neg", "mul", "imul", "div", "idiv").indexOf(mnemonic), op);
      }
      case "rol", "ror", "rcl", "rcr", "shl", "shr", "sal", "sar" -> {
        Operand op = two(ops, 0);
        Operand count = two(ops, 1);
        int sub = SHIFTS.indexOf(mnemonic) == 6 ? 4 : SHIFTS.indexOf(mnemonic);
        boolean byte1 = sizeOf(op, null) == 1;
        prefix(op);
        if (count.kind == Operand.Kind.REG8 && count.reg == 1) {
          emit(byte1 ? 0xD2 : 0xD3);
          modrm(sub, op);
        } else if (count.kind == Operand.Kind.IMM && count.value == 1) {
          emit(byte1 ? 0xD0 : 0xD1);
          modrm(sub, op);
        } else if (count.kind == Operand.Kind.IMM) {
          emit(byte1 ? 0xC0 : 0xC1); // 80186 and later
          modrm(sub, op);
          emit(count.value);
        } else {
          throw error("shift count must be 1, CL or an immediate");
        }
      }
      case "push" -> push(one(ops));
      case "pop" -> pop(one(ops));
      case "in" -> inOut(true, two(ops, 0), two(ops, 1));
      case "out" -> inOut(false, two(ops, 1), two(ops, 0));
      case "int" -> emit(0xCD, one(ops).value); // INT 3 as CD 03; INT3 is CC
      case "jmp" -> {
        Operand target = one(ops);
        if (target.farSegment >= 0) {
          emit(0xEA);
          emitWord(target.value);
          emitWord(target.farSegment);
        } else if (isRm(target)) {
          prefix(target);
          emit(0xFF);
          modrm(4, target);
        } else if (rest.toLowerCase(Locale.ROOT).startsWith("short")) {
          relative8(0xEB, target);
        } else {
          emit(0xE9);
          emitWord(target.value - (here() + 2));
        }
      }
      case "call" -> {
        Operand target = one(ops);
        if (target.farSegment >= 0) {
          emit(0x9A);
          emitWord(target.value);
          emitWord(target.farSegment);
        } else if (isRm(target)) {
          prefix(target);
          emit(0xFF);
          modrm(2, target);
        } else {
          emit(0xE8);
          emitWord(target.value - (here() + 2));
        }
      }
      case "loop" -> relative8(0xE2, one(ops));
      case "loope", "loopz" -> relative8(0xE1, one(ops));
      case "loopne", "loopnz" -> relative8(0xE0, one(ops));
      case "jcxz" -> relative8(0xE3, one(ops));
      case "ret", "retf" -> {
        boolean far = mnemonic.equals("retf");
        if (ops.isEmpty()) {
          emit(far ? 0xCB : 0xC3);
        } else {
          emit(far ? 0xCA : 0xC2);
          emitWord(one(ops).value);
        }
      }
      default -> throw error("unknown instruction '" + mnemonic + "'");
    }
  }

  private static boolean isRegister(Operand op) {
    return op.kind == Operand.Kind.REG8 || op.kind == Operand.Kind.REG16;
  }

  private Operand one(List<Operand> ops) {
    if (ops.size() != 1) {
      throw error("expected one operand, found " + ops.size());
    }
    return ops.get(0);
  }

  private Operand two(List<Operand> ops, int index) {
    if (ops.size() != 2) {
      throw error("expected two operands, found " + ops.size());
    }
    return ops.get(index);
  }

  private static List<String> splitOperands(String rest) {
    List<String> parts = new ArrayList<>();
    if (rest.isEmpty()) {
      return parts;
    }
    int depth = 0;
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < rest.length(); i++) {
      char c = rest.charAt(i);
      if (c == '\'' || c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == '[') {
        depth++;
      } else if (!quoted && c == ']') {
        depth--;
      } else if (!quoted && depth == 0 && c == ',') {
        parts.add(rest.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(rest.substring(start));
    return parts;
  }

  private void relative8(int opcode, Operand target) {
    int displacement = target.value - (here() + 2);
    if (finalPass && (displacement < -128 || displacement > 127)) {
      throw error("jump target out of short range: " + displacement + " bytes");
    }
    emit(opcode, displacement);
  }

  private void mov(Operand dst, Operand src) {
    if (dst.kind == Operand.Kind.SREG || src.kind == Operand.Kind.SREG) {
      boolean toSreg = dst.kind == Operand.Kind.SREG;
      Operand rm = toSreg ? src : dst;
      prefix(rm);
      emit(toSreg ? 0x8E : 0x8C);
      modrm((toSreg ? dst : src).reg, rm);
      return;
    }
    if (src.kind == Operand.Kind.IMM) {
      int size = sizeOf(dst, null);
      if (isRegister(dst)) {
        emit((size == 1 ? 0xB0 : 0xB8) + dst.reg);
      } else {
        prefix(dst);
        emit(size == 1 ? 0xC6 : 0xC7);
        modrm(0, dst);
      }
      immediate(size, src.value);
      return;
    }
    int size = sizeOf(dst, src);
    if (isRegister(src)) { // register to register uses this form too, as nasm does
      prefix(dst);
      emit(size == 1 ? 0x88 : 0x89);
      modrm(src.reg, dst);
    } else if (isRegister(dst)) {
      prefix(src);
      emit(size == 1 ? 0x8A : 0x8B);
      modrm(dst.reg, src);
    } else {
      throw error("mov cannot take two memory operands");
    }
  }

  private void immediate(int size, int value) {
    if (size == 1) {
      emit(value);
    } else {
      emitWord(value);
    }
  }

  private void alu(int op, Operand dst, Operand src) {
    if (src.kind == Operand.Kind.IMM) {
      int size = sizeOf(dst, null);
      if (isRegister(dst) && dst.reg == 0) {
        emit(op * 8 + (size == 1 ? 4 : 5)); // AL/AX short form
      } else {
        prefix(dst);
        emit(size == 1 ? 0x80 : 0x81);
        modrm(op, dst);
      }
      immediate(size, src.value);
      return;
    }
    int size = sizeOf(dst, src);
    if (isRegister(src)) {
      prefix(dst);
      emit(op * 8 + (size == 1 ? 0 : 1));
      modrm(src.reg, dst);
    } else if (isRegister(dst)) {
      prefix(src);
      emit(op * 8 + (size == 1 ? 2 : 3));
      modrm(dst.reg, src);
    } else {
      throw error("two memory operands");
    }
  }

  private void test(Operand dst, Operand src) {
    if (src.kind == Operand.Kind.IMM) {
      int size = sizeOf(dst, null);
      if (isRegister(dst) && dst.reg == 0) {
        emit(size == 1 ? 0xA8 : 0xA9);
      } else {
        prefix(dst);
        emit(size == 1 ? 0xF6 : 0xF7);
        modrm(0, dst);
      }
      immediate(size, src.value);
      return;
    }
    Operand reg = isRegister(src) ? src : dst;
    Operand rm = reg == src ? dst : src;
    prefix(rm);
    emit(sizeOf(dst, src) == 1 ? 0x84 : 0x85);
    modrm(reg.reg, rm);
  }

  private void push(Operand op) {
    switch (op.kind) {
      case REG16 -> emit(0x50 + op.reg);
      case SREG -> emit(0x06 + 8 * op.reg);
      case IMM -> {
        emit(0x68); // 80186 and later
        emitWord(op.value);
      }
      case MEM -> {
        prefix(op);
        emit(0xFF);
        modrm(6, op);
      }
      default -> throw error("cannot push a byte register");
    }
  }

  private void pop(Operand op) {
    switch (op.kind) {
      case REG16 -> emit(0x58 + op.reg);
      case SREG -> emit(0x07 + 8 * op.reg);
      case MEM -> {
        prefix(op);
        emit(0x8F);
        modrm(0, op);
      }
      default -> throw error("cannot pop into that");
    }
  }

  /** IN acc, port / OUT port, acc: {@code accumulator} is AL or AX, port an imm8 or DX. */
  private void inOut(boolean in, Operand accumulator, Operand port) {
    boolean word = accumulator.kind == Operand.Kind.REG16;
    if (accumulator.reg != 0 || !isRegister(accumulator)) {
      throw error("the accumulator must be AL or AX");
    }
    if (port.kind == Operand.Kind.REG16 && port.reg == 2) {
      emit((in ? 0xEC : 0xEE) + (word ? 1 : 0));
    } else if (port.kind == Operand.Kind.IMM) {
      if (port.value < 0 || port.value > 0xFF) {
        throw error("port " + port.value + " needs DX");
      }
      emit((in ? 0xE4 : 0xE6) + (word ? 1 : 0), port.value);
    } else {
      throw error("the port must be an immediate byte or DX");
    }
  }

  private void data(boolean words, String rest) {
    for (String item : splitOperands(rest)) {
      String s = item.strip();
      if (s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'')
          && s.charAt(s.length() - 1) == s.charAt(0)) {
        for (char c : s.substring(1, s.length() - 1).toCharArray()) {
          immediate(words ? 2 : 1, c);
        }
      } else {
        immediate(words ? 2 : 1, number(s));
      }
    }
  }
}
