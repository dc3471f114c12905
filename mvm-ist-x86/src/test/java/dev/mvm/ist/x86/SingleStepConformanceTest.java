package dev.mvm.ist.x86;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvm.api.cpu.CpuModel;
import dev.mvm.api.cpu.CpuStop;
import dev.mvm.api.cpu.Registers;
import dev.mvm.api.cpu.SegmentRegister;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Replays the hardware-recorded SingleStepTests vectors (see {@code testdata/README.md}):
 * every 8086 vector on the 8086 model, every 80286 real-mode vector on the 80286 model, and
 * the 80286 vectors of the instructions the 80186 shares on the 80186 model, and those the
 * 80386 and 80486 share on those models. Undefined flags
 * are masked as the vectors' metadata says, in FLAGS and in a FLAGS word an exception
 * pushed. Known exceptions live in {@code sst-exclusions.txt}, one vector per line with its
 * reason.
 */
class SingleStepConformanceTest {

  private static final String[] REGS = {
    "ax", "bx", "cx", "dx", "cs", "ss", "ds", "es", "sp", "bp", "si", "di", "ip", "flags"
  };
  private static final int MAX_REPORTED = 20;

  @Test
  void i8086() throws IOException {
    run(CpuModel.I8086, "sst/8086/v1", 1 << 20);
  }

  @Test
  void i80286() throws IOException {
    run(CpuModel.I80286, "sst/80286/v1_real_mode", 1 << 24);
  }

  @Test
  void i80186() throws IOException {
    run(CpuModel.I80186, "sst/80286/v1_real_mode", 1 << 24);
  }

  /** The 32-bit models decode on a path of their own: its 16-bit forms meet the 80286's. */
  @Test
  void i80386() throws IOException {
    run(CpuModel.I80386, "sst/80286/v1_real_mode", 1 << 24);
  }

  @Test
  void i80486() throws IOException {
    run(CpuModel.I80486, "sst/80286/v1_real_mode", 1 << 24);
  }

  /**
   * The same vectors through the block translator: every instruction is translated the first
   * time it is met, so each translated form, and each replayed one, meets the hardware's
   * results.
   */
  @Test
  void i80486Translated() throws IOException {
    translated = true;
    run(CpuModel.I80486, "sst/80286/v1_real_mode", 1 << 24);
  }

  /** The 16-bit models' translation (their register forms written out, the rest replayed). */
  @Test
  void i80286Translated() throws IOException {
    translated = true;
    run(CpuModel.I80286, "sst/80286/v1_real_mode", 1 << 24);
  }

  /** The 8086's vectors run one instruction at a time: blocks of one instruction. */
  @Test
  void i8086Translated() throws IOException {
    translated = true;
    run(CpuModel.I8086, "sst/8086/v1", 1 << 20);
  }

  private boolean translated;

  static Path testdata() {
    String dir = System.getProperty("mvm.testdata");
    Assumptions.assumeTrue(
        dir != null, "system property mvm.testdata is not set: single-step vectors skipped");
    Path p = Paths.get(Objects.requireNonNull(dir));
    Assumptions.assumeTrue(
        Files.isDirectory(p.resolve("sst")),
        "no single-step vectors under " + p.toAbsolutePath() + ": skipped");
    return p;
  }

  private static final class Tally {
    int passed;
    int excluded;
    int failed;
    final List<String> failures = new ArrayList<>();
    final Map<String, Integer> perFile = new java.util.TreeMap<>();
    final List<String> disassembly = new ArrayList<>();
  }

  private static final Pattern RELATIVE =
      Pattern.compile("^((?:[a-z]+ )*(?:j[a-z]+|loop[a-z]*|call)) [0-9A-F]+h$");

  /**
   * The 8086 vectors are named by their disassembly; ours, from the same opcode table as the
   * interpreter, must agree. Relative branches are compared by mnemonic only: the vectors
   * show the displacement, the disassembler the target.
   */
  @SuppressWarnings("unchecked")
  private static void checkDisassembly(
      X86Cpu cpu, TestBus bus, String file, int index, Map<String, Object> v, Tally t) {
    Map<String, Object> init = (Map<String, Object>) v.get("initial");
    Map<String, Object> iregs = (Map<String, Object>) init.get("regs");
    int cs = num(iregs.get("cs"));
    int ip = num(iregs.get("ip"));
    List<Object> bytes = (List<Object>) v.get("bytes");
    for (int k = 0; k < bytes.size(); k++) {
      bus.ram[Registers.linear(cs, ip + k) & 0xFFFFF] = (byte) num(bytes.get(k));
    }
    String got = cpu.disassemble(cs, ip);
    String want = (String) v.get("name");
    Matcher a = RELATIVE.matcher(got);
    Matcher b = RELATIVE.matcher(want);
    if (a.matches() && b.matches()) {
      got = a.group(1);
      want = b.group(1);
    }
    if (!got.equals(want) && t.disassembly.size() < MAX_REPORTED) {
      t.disassembly.add(file + " #" + index + ": \"" + got + "\" want \"" + want + "\"");
    }
    for (int k = 0; k < bytes.size(); k++) {
      bus.ram[Registers.linear(cs, ip + k) & 0xFFFFF] = 0;
    }
  }

  private void run(CpuModel model, String folder, int ramSize) throws IOException {
    Path dir = testdata().resolve(folder);
    Assumptions.assumeTrue(Files.isDirectory(dir), "missing " + dir + ": skipped");
    @SuppressWarnings("unchecked")
    Map<String, Object> meta =
        (Map<String, Object>)
            ((Map<String, Object>) Json.parse(Files.readString(dir.resolve("metadata.json"))))
                .get("opcodes");
    Map<String, String> exclusions = exclusions(model == CpuModel.I8086 ? "8086" : "80286");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files =
          s.filter(f -> f.getFileName().toString().endsWith(".json.gz"))
              .sorted()
              .collect(Collectors.toList());
    }
    TestBus bus = new TestBus(ramSize);
    X86Cpu cpu = new X86Cpu(model, bus);
    // Translation at the first run of an address, or not at all: the interpreter alone is
    // what the other tests compare with the vectors.
    cpu.translation(translated ? 1 : 0, model == CpuModel.I8086 ? 1 : X86Cpu.DEFAULT_BLOCK);
    Tally t = new Tally();
    int total = 0;
    for (Path f : files) {
      String name = f.getFileName().toString().replace(".json.gz", "");
      String only = System.getProperty("sst.only"); // debugging aid: -Dsst.only=F6.7,D4
      if (only != null && !List.of(only.split(",")).contains(name)) {
        continue;
      }
      Map<String, Object> opMeta = opcodeMeta(meta, name);
      if (is386(model) && !sharedWith386(name)) {
        continue; // on the 80386 a prefix or an instruction of its own
      }
      if (model == CpuModel.I80186 && "286".equals(opMeta.get("arch"))) {
        continue; // an 80286-only instruction: not an 80186 vector
      }
      int flagsMask = opMeta.containsKey("flags-mask") ? num(opMeta.get("flags-mask")) : 0xFFFF;
      @SuppressWarnings("unchecked")
      List<Object> vectors = (List<Object>) Json.parse(gunzip(f));
      for (int i = 0; i < vectors.size(); i++) {
        @SuppressWarnings("unchecked")
        Map<String, Object> v = (Map<String, Object>) vectors.get(i);
        total++;
        if (model == CpuModel.I80286 && exclusions.containsKey(name + " " + i)) {
          t.excluded++;
          continue;
        }
        if (is386(model) && !sharedWith386(name, v)) {
          t.excluded++;
          continue;
        }
        if (model == CpuModel.I80186 && !sharedWith186(name, v)) {
          t.excluded++;
          continue;
        }
        if (model == CpuModel.I8086) {
          checkDisassembly(cpu, bus, name, i, v, t);
        }
        String failure = runVector(cpu, bus, model, name, flagsMask, v);
        if (failure == null) {
          t.passed++;
        } else {
          t.failed++;
          t.perFile.merge(name, 1, Integer::sum);
          if (t.failures.size() < MAX_REPORTED) {
            t.failures.add(name + " #" + i + " " + failure);
          }
        }
      }
    }
    String label = model.name().substring(1) + (translated ? " translated" : "");
    System.out.println(
        label + ": " + t.passed + " passed, " + t.excluded + " excluded, " + t.failed + " failed"
            + (translated ? ", " + cpu.blocksTranslated() + " blocks translated" : ""));
    if (translated) {
      // Most vectors' instruction is translatable, each a block of its own unless an earlier
      // vector left the same bytes at the same address.
      assertThat(cpu.blocksTranslated()).isGreaterThan(t.passed / 3);
    }
    if (t.failed > 0) {
      System.out.println(label + " failures per file: " + t.perFile);
    }
    if (model == CpuModel.I8086 || model == CpuModel.I80286) {
      assertThat(t.excluded)
          .as("exclusions must stay under 0.5% of the vectors")
          .isLessThan(total / 200);
    }
    assertThat(t.disassembly).as(label + " disassembly differing from the vector names").isEmpty();
    assertThat(t.failures).as(label + " failures (first " + MAX_REPORTED + ")").isEmpty();
    assertThat(t.failed).isZero();
  }

  /**
   * The 80186 rule: leave out vectors whose result depends on 80286-only behaviour: PUSHF and
   * PUSH SP (FLAGS bits 12-15 and the pushed SP differ), #GP at offset FFFFh, addresses above
   * 1 MiB.
   */
  @SuppressWarnings("unchecked")
  private static boolean sharedWith186(String name, Map<String, Object> v) {
    if (name.equals("9C") || name.equals("54")) {
      return false;
    }
    List<Object> bytes = (List<Object>) v.get("bytes");
    if (name.equals("FF.6")) {
      int i = 0;
      while (isPrefix(num(bytes.get(i)))) {
        i++;
      }
      if (num(bytes.get(i + 1)) == 0xF4) {
        return false; // push sp
      }
    }
    Map<String, Object> exc = (Map<String, Object>) v.get("exception");
    if (exc != null && num(exc.get("number")) == 13) {
      return false;
    }
    for (String phase : new String[] {"initial", "final"}) {
      for (Object o : (List<Object>) ((Map<String, Object>) v.get(phase)).get("ram")) {
        if (num(((List<Object>) o).get(0)) >= 0x100000) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean is386(CpuModel model) {
    return model.atLeast(CpuModel.I80386);
  }

  /** Opcodes whose 80286 vectors say nothing of the 80386: prefixes there, or ICEBP. */
  private static boolean sharedWith386(String name) {
    return !List.of("63", "64", "65", "66", "67", "F1").contains(name);
  }

  /**
   * The 80386 rule: leave out what the 80286 does its own way. #GP at offset FFFFh (the
   * 80386 raises #SS through SS, and restarts string instructions whole), LOCK (the 80386
   * raises #UD before anything it cannot lock), F1h (INT1 on the 80386), MOV to and from
   * segment registers 4 and 5 (FS and GS).
   */
  @SuppressWarnings("unchecked")
  private static boolean sharedWith386(String name, Map<String, Object> v) {
    Map<String, Object> exc = (Map<String, Object>) v.get("exception");
    if (exc != null && num(exc.get("number")) == 13) {
      return false;
    }
    List<Object> bytes = (List<Object>) v.get("bytes");
    int i = 0;
    while (isPrefix(num(bytes.get(i)))) {
      if (num(bytes.get(i)) == 0xF0 || num(bytes.get(i)) == 0xF1) {
        return false;
      }
      i++;
    }
    if (name.startsWith("8C") || name.startsWith("8E")) {
      int reg = (num(bytes.get(i + 1)) >> 3) & 7;
      return reg != 4 && reg != 5;
    }
    return true;
  }

  private static boolean isPrefix(int b) {
    return b == 0x26 || b == 0x2E || b == 0x36 || b == 0x3E || (b >= 0xF0 && b <= 0xF3);
  }

  @SuppressWarnings("unchecked")
  private static String runVector(
      X86Cpu cpu, TestBus bus, CpuModel model, String name, int flagsMask, Map<String, Object> v) {
    Map<String, Object> init = (Map<String, Object>) v.get("initial");
    Map<String, Object> fin = (Map<String, Object>) v.get("final");
    Map<String, Object> iregs = (Map<String, Object>) init.get("regs");
    Map<String, Object> fregs = (Map<String, Object>) fin.get("regs");
    List<Object> iram = (List<Object>) init.get("ram");
    List<Object> fram = (List<Object>) fin.get("ram");
    boolean is8086 = model == CpuModel.I8086;
    cpu.reset();
    Registers regs = cpu.registers();
    for (String r : REGS) {
      int value = num(iregs.get(r));
      if (r.equals("flags") && is386(model)) {
        value &= 0x0FFF; // IOPL and NT cannot be set in the 80286's real mode, but can on the 80386
      }
      set(regs, r, value);
    }
    for (Object o : iram) {
      List<Object> p = (List<Object>) o;
      bus.ram[num(p.get(0))] = (byte) num(p.get(1));
    }
    String problem = null;
    try {
      CpuStop stop;
      if (is8086) {
        int guard = 0;
        do {
          stop = cpu.run(1);
        } while (cpu.repeating() && ++guard < 200_000 && stop == CpuStop.BUDGET);
        if (stop != CpuStop.BUDGET) {
          problem = "stopped with " + stop + " " + cpu.stopDetail();
        }
      } else {
        stop = cpu.run(500_000);
        if (stop != CpuStop.HALTED) {
          problem = "stopped with " + stop + " " + cpu.stopDetail() + ", not at HLT";
        }
      }
    } catch (RuntimeException e) {
      throw new AssertionError(name + " " + v.get("name") + ": CPU threw", e);
    }
    StringBuilder diff = new StringBuilder();
    if (problem != null) {
      diff.append(problem).append("; ");
    }
    int topMask = is8086 ? 0xFFFF : 0x0FFF;
    for (String r : REGS) {
      Object e = fregs.containsKey(r) ? fregs.get(r) : iregs.get(r);
      int want = num(e);
      int got = get(regs, r);
      if (r.equals("flags")) {
        want &= flagsMask & topMask;
        got &= flagsMask & topMask;
      }
      if (want != got) {
        diff.append(String.format("%s=%04X want %04X; ", r, got, want));
      }
    }
    // Where FLAGS was pushed by an exception, mask it as FLAGS is masked.
    // The handler entered holds only HLT, so FLAGS lies at the final SS:SP+4. (The vectors'
    // flag_address is one byte low where SP is odd, so it is not used.)
    int flagAddr = -1;
    boolean divides = name.startsWith("F6.") || name.startsWith("F7.") || name.equals("D4");
    if (v.get("exception") != null || (is8086 && divides)) {
      int sp0 = num(iregs.get("sp"));
      Object spF = fregs.get("sp");
      if (spF != null && num(spF) == ((sp0 - 6) & 0xFFFF)) {
        int ss = num(fregs.containsKey("ss") ? fregs.get("ss") : iregs.get("ss"));
        flagAddr = ((ss << 4) + ((num(spF) + 4) & 0xFFFF)) & (is8086 ? 0xFFFFF : 0xFFFFFF);
      }
    }
    // The 80186 pushes FLAGS bits 12-15 as ones where the 80286 pushes zeros: 286-only.
    int pushedMask = flagsMask & (model == CpuModel.I80186 ? 0x0FFF : topMask);
    for (Object o : fram) {
      List<Object> p = (List<Object>) o;
      int a = num(p.get(0));
      int want = num(p.get(1));
      int got = bus.ram[a] & 0xFF;
      if (a == flagAddr) {
        want &= pushedMask & 0xFF;
        got &= pushedMask & 0xFF;
      } else if (a == flagAddr + 1) {
        want &= pushedMask >> 8;
        got &= pushedMask >> 8;
      }
      if (want != got) {
        diff.append(String.format("[%05X]=%02X want %02X; ", a, got, want));
      }
    }
    for (Object o : iram) {
      bus.ram[num(((List<Object>) o).get(0))] = 0;
    }
    for (Object o : fram) {
      bus.ram[num(((List<Object>) o).get(0))] = 0;
    }
    if (diff.length() == 0) {
      return null;
    }
    return "\"" + v.get("name") + "\" bytes " + bytesOf((List<Object>) v.get("bytes"))
        + " initial " + iregs + ": " + diff;
  }

  private static String bytesOf(List<Object> bytes) {
    StringBuilder s = new StringBuilder();
    for (Object b : bytes) {
      s.append(String.format("%02X ", num(b)));
    }
    return s.toString().trim();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> opcodeMeta(Map<String, Object> meta, String name) {
    String[] parts = name.split("\\.");
    Map<String, Object> m = (Map<String, Object>) meta.get(parts[0]);
    if (m == null) {
      return new HashMap<>();
    }
    if (parts.length > 1 && m.containsKey("reg")) {
      Map<String, Object> sub = (Map<String, Object>) ((Map<String, Object>) m.get("reg")).get(parts[1]);
      return sub == null ? m : sub;
    }
    return m;
  }

  /** The checked-in exclusions: "model file index reason" per line. */
  static Map<String, String> exclusions(String model) throws IOException {
    Map<String, String> m = new HashMap<>();
    try (InputStream in = SingleStepConformanceTest.class.getResourceAsStream("/sst-exclusions.txt")) {
      if (in == null) {
        return m;
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String l = line.strip();
        if (l.isEmpty() || l.startsWith("#")) {
          continue;
        }
        String[] f = l.split("\\s+", 4);
        if (f.length < 4) {
          throw new IllegalStateException("exclusion without a reason: " + l);
        }
        if (f[0].equals(model)) {
          m.put(f[1] + " " + f[2], f[3]);
        }
      }
    }
    return m;
  }

  private static String gunzip(Path f) {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(f), 1 << 16)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
      in.transferTo(out);
      return out.toString(StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int num(Object o) {
    return (int) (long) (Long) o;
  }

  private static void set(Registers regs, String r, int v) {
    switch (r) {
      case "ax" -> regs.setAx(v);
      case "bx" -> regs.setBx(v);
      case "cx" -> regs.setCx(v);
      case "dx" -> regs.setDx(v);
      case "cs" -> regs.setSegment(SegmentRegister.CS, v);
      case "ss" -> regs.setSegment(SegmentRegister.SS, v);
      case "ds" -> regs.setSegment(SegmentRegister.DS, v);
      case "es" -> regs.setSegment(SegmentRegister.ES, v);
      case "sp" -> regs.setSp(v);
      case "bp" -> regs.setBp(v);
      case "si" -> regs.setSi(v);
      case "di" -> regs.setDi(v);
      case "ip" -> regs.setIp(v);
      default -> regs.setFlags(v);
    }
  }

  private static int get(Registers regs, String r) {
    return switch (r) {
      case "ax" -> regs.ax();
      case "bx" -> regs.bx();
      case "cx" -> regs.cx();
      case "dx" -> regs.dx();
      case "cs" -> regs.cs();
      case "ss" -> regs.ss();
      case "ds" -> regs.ds();
      case "es" -> regs.es();
      case "sp" -> regs.sp();
      case "bp" -> regs.bp();
      case "si" -> regs.si();
      case "di" -> regs.di();
      case "ip" -> regs.ip();
      default -> regs.flags();
    };
  }
}
