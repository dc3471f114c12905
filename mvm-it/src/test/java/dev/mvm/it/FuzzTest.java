package dev.mvm.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvm.api.ExitReason;
import dev.mvm.api.ExitStatus;
import dev.mvm.api.MvmException;
import dev.mvm.api.Vm;
import dev.mvm.api.cpu.CpuModel;
import dev.mvm.testkit.Asm;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded, reproducible fuzzing of the DOS kernel and the BIOS services through the whole VM
 * (issue 13): random calls with random registers, random file calls under tight per-VM limits,
 * and mutated executables. Whatever the guest does, the run must end in a defined way (an exit
 * status whose cause, if any, is MVM's own error, never a Java exception from deep inside),
 * nothing outside the mapped drive may change, and a drive with a write quota may not grow by
 * more than it. The property {@code mvm.fuzz.scale} multiplies the case counts (CI runs 1; the
 * figures of a full run are in docs/RELIABILITY.md). A failure names the seed and case, which
 * reproduce it.
 */
class FuzzTest {
  private static final int SCALE = Integer.getInteger("mvm.fuzz.scale", 1);
  private static final long SEED = Long.getLong("mvm.fuzz.seed", 0x4D564D);

  @TempDir Path temp;

  /** A drive, and a sentinel tree beside it that no guest may touch. */
  private Path drive() throws IOException {
    Path root = Files.createDirectories(temp.resolve("drive"));
    Path sentinel = Files.createDirectories(temp.resolve("sentinel").resolve("deep"));
    Files.writeString(sentinel.resolve("SECRET.TXT"), "sentinel");
    Files.writeString(temp.resolve("sentinel").resolve("KEEP.DAT"), "keep");
    Files.writeString(root.resolve("DATA.TXT"), "some data for the guest\r\n");
    return root;
  }

  private String hashOfSentinels() throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    TreeMap<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(temp.resolve("sentinel"))) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        files.put(temp.relativize(p).toString(),
            Files.isRegularFile(p) ? Files.readAllBytes(p) : new byte[0]);
      }
    }
    files.forEach((name, bytes) -> {
      sha.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      sha.update(bytes);
    });
    return HexFormat.of().formatHex(sha.digest());
  }

  /**
   * Runs a program and checks that the run ended in a defined way.
   *
   * @return how it ended
   */
  private static ExitStatus runChecked(Path drive, String program, CpuModel cpu, String what) {
    return runChecked(drive, program, cpu, what, b -> {});
  }

  private static ExitStatus runChecked(Path drive, String program, CpuModel cpu, String what,
      java.util.function.Consumer<dev.mvm.api.VmBuilder> limits) {
    dev.mvm.api.VmBuilder builder = Vm.builder().cpu(cpu).drive('C', drive)
        .stdout(OutputStream.nullOutputStream())
        .stdin(new ByteArrayInputStream("fuzz input\r\n".repeat(20).getBytes(
            java.nio.charset.StandardCharsets.ISO_8859_1)))
        .program(program).instructionBudget(200_000).timeout(Duration.ofSeconds(20));
    limits.accept(builder);
    try (Vm vm = builder.build()) {
      ExitStatus status = vm.run();
      @Nullable Throwable bug = internalError(status.cause());
      assertThat(bug).as("%s ended with %s: %s", what, status.reason(), status.message())
          .isNull();
      if (status.reason() == ExitReason.FAULT) {
        assertThat(status.message()).as(what).isNotBlank();
      }
      return status;
    }
  }

  /** A Java exception of the implementation in a cause chain: MVM's own errors are not. */
  private static @Nullable Throwable internalError(@Nullable Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (!(t instanceof MvmException) && (t instanceof RuntimeException || t instanceof Error)) {
        return t;
      }
    }
    return null;
  }

  /** One random value for a register, biased to the values that matter most. */
  private static int value(Random random) {
    return switch (random.nextInt(6)) {
      case 0 -> 0;
      case 1 -> 0xFFFF;
      case 2 -> random.nextInt(0x100);
      default -> random.nextInt(0x10000);
    };
  }

  /** A program of random calls to a vector: random registers, then INT n, many times. */
  private static byte[] randomCalls(Random random, int vector, int calls, int[] functions) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < calls; i++) {
      int ah = functions[random.nextInt(functions.length)];
      s.append("        mov  ax, ").append((ah << 8) | random.nextInt(0x100)).append('\n');
      for (String reg : new String[] {"bx", "cx", "dx", "si", "di", "bp"}) {
        s.append("        mov  ").append(reg).append(", ").append(value(random)).append('\n');
      }
      if (random.nextInt(4) == 0) { // now and then, data somewhere else
        s.append("        mov  es, bx\n");
      }
      s.append("        int  ").append(vector).append('\n');
      s.append("""
                  mov  sp, 0xFFFE
                  push cs
                  pop  ds
                  push cs
                  pop  es
          """);
    }
    s.append("        mov  ax, 0x4C00\n        int  0x21\n");
    return Asm.assemble(0x100, s.toString());
  }

  @Test
  void randomDosCallsEndInADefinedWayAndStayOnTheDrive() throws Exception {
    Path drive = drive();
    String before = hashOfSentinels();
    Random random = new Random(SEED);
    // Every INT 21h function number, termination and the waits for a key included.
    int[] functions = new int[0x100];
    for (int i = 0; i < functions.length; i++) {
      functions[i] = i;
    }
    int programs = 100 * SCALE;
    int calls = 20;
    for (int p = 0; p < programs; p++) {
      Files.write(drive.resolve("FUZZ.COM"), randomCalls(random, 0x21, calls, functions));
      runChecked(drive, "C:\\FUZZ.COM", CpuModel.I80286,
          "INT 21h program " + p + " of seed " + SEED);
    }
    assertThat(hashOfSentinels()).as("the tree beside the drive").isEqualTo(before);
  }

  /**
   * A program of random file calls that mostly reach a file: creates, opens, closes and deletes
   * of three names, writes of random sizes to the handles those get (and to standard output),
   * seeks near and far, duplicates, FCB creates and sequential, random and block writes with
   * random record numbers and sizes, and free-space queries.
   */
  private static byte[] randomFileCalls(Random random, int calls) {
    StringBuilder s = new StringBuilder();
    String[] names = {"name1", "name2", "name3"};
    for (int i = 0; i < calls; i++) {
      String name = names[random.nextInt(names.length)];
      int handle = 5 + random.nextInt(4);
      int size = switch (random.nextInt(4)) {
        case 0 -> random.nextInt(4);
        case 1 -> random.nextInt(200);
        case 2 -> random.nextInt(0x1000);
        default -> random.nextInt(0x10000);
      };
      int far = random.nextInt(3) == 0 ? value(random) : random.nextInt(3);
      s.append(switch (random.nextInt(12)) {
        case 0 -> "mov dx, " + name + "\nxor cx, cx\nmov ah, 0x3C\n";
        case 1 -> "mov dx, " + name + "\nmov ax, " + (0x3D00 + random.nextInt(3)) + "\n";
        case 2 -> "mov bx, " + handle + "\nmov ah, 0x3E\n";
        case 3, 4 -> "mov bx, " + (random.nextInt(6) == 0 ? 1 : handle) + "\nmov cx, " + size
            + "\nmov dx, " + random.nextInt(0x10000) + "\nmov ah, 0x40\n";
        case 5 -> "mov bx, " + handle + "\nmov cx, " + far + "\nmov dx, " + value(random)
            + "\nmov ax, " + (0x4200 + random.nextInt(3)) + "\n";
        case 6 -> "mov dx, " + name + "\nmov ah, 0x41\n";
        case 7 -> "mov bx, " + handle + "\nmov ah, 0x45\n";
        case 8 -> "mov dx, fcb\nmov ah, 0x16\n";
        case 9 -> "mov word [fcb + 0x0E], " + (1 + random.nextInt(300))
            + "\nmov word [fcb + 0x21], " + value(random) + "\nmov word [fcb + 0x23], "
            + far + "\nmov cx, " + random.nextInt(40) + "\nmov dx, fcb\nmov ah, "
            + new int[] {0x15, 0x22, 0x28}[random.nextInt(3)] + "\n";
        case 10 -> "mov dx, fcb\nmov ah, 0x10\n";
        default -> "xor dl, dl\nmov ah, 0x36\n";
      });
      s.append("int 0x21\nmov sp, 0xFFFE\npush cs\npop ds\npush cs\npop es\n");
    }
    s.append("""
            mov  ax, 0x4C00
            int  0x21
    name1:  db   "A.DAT", 0
    name2:  db   "B.DAT", 0
    name3:  db   "C.DAT", 0
    fcb:    db   0, "F       DAT", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
            db   0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
    """);
    return Asm.assemble(0x100, s.toString());
  }

  /** The bytes of every file below a folder. */
  private static long bytesBelow(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      long total = 0;
      for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        total += Files.size(p);
      }
      return total;
    }
  }

  @Test
  void randomFileCallsUnderTightLimitsEndInADefinedWayAndKeepToTheQuota() throws Exception {
    Path drive = drive();
    String before = hashOfSentinels();
    Random random = new Random(SEED + 3);
    int programs = 100 * SCALE;
    for (int p = 0; p < programs; p++) {
      int quota = new int[] {0, 1, 300, 5000}[p % 4];
      Files.write(drive.resolve("FUZZ.COM"), randomFileCalls(random, 30));
      long used = bytesBelow(drive);
      ExitStatus status = runChecked(drive, "C:\\FUZZ.COM", CpuModel.I80286,
          "file-call program " + p + " of seed " + (SEED + 3),
          b -> b.writeQuota('C', quota).maxOpenFiles(2).maxOutput(2000));
      // The drive's files never grow by more than the quota, however the calls go.
      assertThat(bytesBelow(drive) - used)
          .as("growth of the drive, program %d of seed %d (%s)", p, SEED + 3, status.reason())
          .isLessThanOrEqualTo(quota);
    }
    assertThat(hashOfSentinels()).as("the tree beside the drive").isEqualTo(before);
  }

  @Test
  void randomBiosCallsEndInADefinedWay() throws Exception {
    Path drive = drive();
    Random random = new Random(SEED + 1);
    int programs = 40 * SCALE;
    int[] video = {0x00, 0x01, 0x02, 0x03, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D,
        0x0E, 0x0F, 0x10, 0x11, 0x12, 0x13, 0x1A, 0x1B, 0x1C, 0x4F, 0xFF};
    int[] disk = {0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x08, 0x15, 0x16, 0x41, 0x42, 0x48, 0xFF};
    int[] keyboard = {0x01, 0x02, 0x03, 0x05, 0x09, 0x0A, 0x11, 0x12, 0x55, 0xFF};
    int[] clock = {0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x0A, 0xFF};
    Object[][] vectors = {{0x10, video}, {0x13, disk}, {0x16, keyboard}, {0x1A, clock},
        {0x15, new int[] {0x41, 0x4F, 0x86, 0x87, 0x88, 0x89, 0xC0, 0xC2, 0xE8, 0xFF}}};
    for (int p = 0; p < programs; p++) {
      Object[] v = vectors[p % vectors.length];
      int vector = (Integer) v[0];
      Files.write(drive.resolve("FUZZ.COM"), randomCalls(random, vector, 20, (int[]) v[1]));
      runChecked(drive, "C:\\FUZZ.COM", CpuModel.I80286,
          String.format("INT %02Xh program %d of seed %d", vector, p, SEED + 1));
    }
  }

  @Test
  void mutatedExecutablesAreRefusedOrRunButNeverBreakTheHost() throws Exception {
    Path drive = drive();
    String before = hashOfSentinels();
    Random random = new Random(SEED + 2);
    List<byte[]> seeds = new ArrayList<>();
    seeds.add(ReliabilityTest.UPPER);
    seeds.add(mz());
    int cases = 200 * SCALE;
    for (int c = 0; c < cases; c++) {
      byte[] original = seeds.get(c % seeds.size());
      byte[] mutant = mutate(random, original);
      boolean exe = mutant.length >= 2 && mutant[0] == 'M' && mutant[1] == 'Z';
      String name = exe ? "MUTANT.EXE" : "MUTANT.COM";
      Files.deleteIfExists(drive.resolve("MUTANT.EXE"));
      Files.deleteIfExists(drive.resolve("MUTANT.COM"));
      Files.write(drive.resolve(name), mutant);
      runChecked(drive, "C:\\" + name, CpuModel.I80286,
          "mutant " + c + " of seed " + (SEED + 2));
    }
    assertThat(hashOfSentinels()).isEqualTo(before);
  }

  /** A small well-formed MZ executable: header, one relocation, code that exits. */
  private static byte[] mz() {
    byte[] code = Asm.assemble(0, """
            mov  ax, 0
            mov  ds, ax
            mov  ax, 0x4C07
            int  0x21
            """);
    byte[] exe = new byte[0x40 + code.length];
    exe[0] = 'M';
    exe[1] = 'Z';
    int size = exe.length;
    exe[2] = (byte) (size % 512);
    exe[4] = (byte) ((size + 511) / 512);
    exe[6] = 1; // one relocation
    exe[8] = 4; // header of 4 paragraphs
    exe[0x0A] = 0x10; // min alloc
    exe[0x0C] = (byte) 0xFF; // max alloc
    exe[0x0D] = (byte) 0xFF;
    exe[0x10] = (byte) 0x00; // SP
    exe[0x11] = 0x01;
    exe[0x18] = 0x1C; // relocation table at 1Ch
    exe[0x1C] = 1; // relocate the word at 0000:0001 (the immediate of mov ax, 0)
    System.arraycopy(code, 0, exe, 0x40, code.length);
    return exe;
  }

  private static byte[] mutate(Random random, byte[] original) {
    byte[] b = original.clone();
    switch (random.nextInt(4)) {
      case 0 -> { // flip bytes
        for (int i = 0, n = 1 + random.nextInt(8); i < n; i++) {
          b[random.nextInt(b.length)] = (byte) random.nextInt(256);
        }
      }
      case 1 -> { // an interesting header word
        int at = random.nextInt(Math.min(b.length - 1, 0x20));
        int v = new int[] {0, 0xFFFF, 0x8000, 0x7FFF, 1}[random.nextInt(5)];
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
      }
      case 2 -> b = java.util.Arrays.copyOf(b, random.nextInt(b.length + 1)); // truncate
      default -> { // grow with garbage
        byte[] g = java.util.Arrays.copyOf(b, b.length + random.nextInt(70000));
        for (int i = b.length; i < g.length; i++) {
          g[i] = (byte) random.nextInt(256);
        }
        b = g;
      }
    }
    return b;
  }
}
