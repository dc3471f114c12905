package dev.mvm.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mvm.api.Vm;
import dev.mvm.api.VmBuilder;
import dev.mvm.testkit.Asm;
import dev.mvm.vdd.std.FirmwareConfig;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The mvm command as a user runs it, with the sample program the README names. */
class MvmCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int mvm(String... args) {
    return MvmCommand.execute(args, new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.ISO_8859_1),
        new PrintStream(err, true, StandardCharsets.ISO_8859_1));
  }

  /** The sample lives in the module's dos/ folder; tests run in the module's directory. */
  private static Path hello() {
    return Path.of("dos", "hello.com").toAbsolutePath();
  }

  @Test
  void runsTheSampleAndExitsWithItsReturnCode() {
    int code = mvm("run", hello().toString());
    assertThat(err.toString(StandardCharsets.ISO_8859_1)).isEmpty();
    assertThat(out.toString(StandardCharsets.ISO_8859_1))
        .isEqualTo("Hello from DOS, inside MVM!\r\nThis is DOS 5.00\r\n");
    assertThat(code).isEqualTo(3);
  }

  @Test
  void aDosPathOnAMappedDrive(@TempDir Path tools) throws Exception {
    Files.copy(hello(), tools.resolve("HELLO.COM"));
    int code = mvm("run", "--drive", "D=" + tools, "--cpu", "8086", "--memory", "640K",
        "D:\\HELLO.COM");
    assertThat(code).isEqualTo(3);
    assertThat(out.toString(StandardCharsets.ISO_8859_1)).startsWith("Hello from DOS, inside MVM!");
  }

  @Test
  void problemsAreReportedWithTheValueAndAnExitCode() {
    assertThat(mvm("run", "no-such.com")).isEqualTo(MvmCommand.EXIT_FAULT);
    assertThat(err.toString(StandardCharsets.ISO_8859_1)).contains("no such program: no-such.com");
    err.reset();
    assertThat(mvm("run", "--cpu", "z80", hello().toString())).isEqualTo(MvmCommand.EXIT_FAULT);
    assertThat(err.toString(StandardCharsets.ISO_8859_1)).contains("unknown CPU model z80");
    err.reset();
    assertThat(mvm("run", "--memory", "lots", hello().toString()))
        .isEqualTo(MvmCommand.EXIT_FAULT);
    assertThat(err.toString(StandardCharsets.ISO_8859_1)).contains("invalid memory size lots");
  }

  @Test
  void aLimitStopsTheProgram() {
    assertThat(mvm("run", "--max-instructions", "3", hello().toString()))
        .isEqualTo(MvmCommand.EXIT_LIMIT);
  }

  @Test
  void theOutputLimitCutsTheOutputAndStopsTheProgram() {
    assertThat(mvm("run", "--max-output", "10", hello().toString()))
        .isEqualTo(MvmCommand.EXIT_LIMIT);
    assertThat(stdout()).isEqualTo("Hello from");
    assertThat(stderr()).contains("output limit of 10 bytes");
  }

  @Test
  void aWriteQuotaFillsTheDriveAsADisk(@TempDir Path dir) throws Exception {
    // Writes 1000 bytes to OUT.DAT and exits with the count the write reported.
    Files.write(dir.resolve("WRITE.COM"), Asm.assemble(0x100, """
            mov  dx, name
            xor  cx, cx
            mov  ah, 0x3C
            int  0x21
            mov  bx, ax
            mov  cx, 1000
            xor  dx, dx
            mov  ah, 0x40
            int  0x21
            mov  ah, 0x4C
            int  0x21
    name:   db   "OUT.DAT", 0
    """));
    assertThat(mvm("run", "--quota", "c=100", dir.resolve("WRITE.COM").toString()))
        .isEqualTo(100);
    assertThat(Files.size(dir.resolve("OUT.DAT"))).isEqualTo(100);
    assertThat(mvm("run", "--quota", "C=1K", dir.resolve("WRITE.COM").toString()))
        .isEqualTo(1000 & 0xFF);
    assertThat(mvm("run", "--quota", "D=1K", dir.resolve("WRITE.COM").toString()))
        .isEqualTo(MvmCommand.EXIT_FAULT);
    assertThat(stderr()).contains("write quota for drive D:, which is not mapped");
    err.reset();
    assertThat(mvm("run", "--quota", "C=lots", dir.resolve("WRITE.COM").toString()))
        .isEqualTo(MvmCommand.EXIT_FAULT);
    assertThat(stderr()).contains("invalid --quota size lots");
  }

  @Test
  void openFilesBeyondTheLimitFailWithError4(@TempDir Path dir) throws Exception {
    // Creates two files and exits with the second create's error code (0 if it worked).
    Files.write(dir.resolve("TWO.COM"), Asm.assemble(0x100, """
            mov  dx, one
            xor  cx, cx
            mov  ah, 0x3C
            int  0x21
            mov  dx, two
            xor  cx, cx
            mov  ah, 0x3C
            int  0x21
            jc   done
            xor  ax, ax
    done:   mov  ah, 0x4C
            int  0x21
    one:    db   "ONE.DAT", 0
    two:    db   "TWO.DAT", 0
    """));
    assertThat(mvm("run", "--max-files", "1", dir.resolve("TWO.COM").toString())).isEqualTo(4);
    assertThat(mvm("run", "--max-files", "2", dir.resolve("TWO.COM").toString())).isZero();
    assertThat(mvm("run", "--max-files", "0", dir.resolve("TWO.COM").toString())).isZero();
    assertThat(mvm("run", "--max-files", "-1", dir.resolve("TWO.COM").toString()))
        .isEqualTo(MvmCommand.EXIT_FAULT);
    assertThat(stderr()).contains("most open files must be at least 1: -1");
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertThat(mvm("run")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.ISO_8859_1)).contains("PROGRAM");
  }

  private static Path sample(String name) {
    return Path.of("dos", name).toAbsolutePath();
  }

  /** A test program from this module's resources, copied to a folder. */
  private Path resource(String name, Path folder) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/programs/" + name)) {
      assertThat(in).as(name).isNotNull();
      Path file = folder.resolve(name);
      Files.write(file, in.readAllBytes());
      return file;
    }
  }

  private String stdout() {
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  private String stderr() {
    return err.toString(StandardCharsets.ISO_8859_1);
  }

  @Test
  void standardInputComesFromAFile(@TempDir Path dir) throws Exception {
    Path text = Files.writeString(dir.resolve("in.txt"), "Hello, pipes!\r\nsecond line\r\n");
    int code = mvm("run", "--stdin", text.toString(), sample("upper.com").toString());
    assertThat(stderr()).isEmpty();
    assertThat(stdout()).isEqualTo("HELLO, PIPES!\r\nSECOND LINE\r\n");
    assertThat(code).isZero();
  }

  @Test
  void standardInputComesFromTheCommandsOwnInput() {
    int code = MvmCommand.execute(new String[] {"run", sample("upper.com").toString()},
        new ByteArrayInputStream("typed in\n".getBytes(StandardCharsets.ISO_8859_1)),
        new PrintStream(out, true, StandardCharsets.ISO_8859_1),
        new PrintStream(err, true, StandardCharsets.ISO_8859_1));
    // Piped input is redirected input, as PROG < FILE in DOS: its bytes as they are.
    assertThat(stdout()).isEqualTo("TYPED IN\n");
    assertThat(code).isZero();
  }

  @Test
  void aMalformedProgramIsAClearFault(@TempDir Path dir) throws Exception {
    byte[] broken = new byte[64];
    broken[0] = 'M';
    broken[1] = 'Z';
    broken[8] = (byte) 0xFF; // a header of 0FFh paragraphs, longer than the file
    Path exe = Files.write(dir.resolve("BROKEN.EXE"), broken);
    assertThat(mvm("run", exe.toString())).isEqualTo(MvmCommand.EXIT_FAULT);
    assertThat(stderr()).startsWith("mvm: cannot run C:\\BROKEN.EXE").contains("DOS error 11")
        .doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(stdout()).isEmpty();
  }

  @Test
  void aMissingStdinFileOrDriveFolderIsNamed(@TempDir Path dir) {
    assertThat(mvm("run", "--stdin", "nope.txt", hello().toString()))
        .isEqualTo(MvmCommand.EXIT_FAULT);
    assertThat(stderr()).contains("--stdin: no such file nope.txt");
    err.reset();
    assertThat(mvm("run", "--drive", "D=" + dir.resolve("gone"), "D:\\X.COM"))
        .isEqualTo(MvmCommand.EXIT_FAULT);
    assertThat(stderr()).contains("no such directory " + dir.resolve("gone"));
  }

  @Test
  void theCurrentDirectoryAndTimeCanBeChosen(@TempDir Path dir) throws Exception {
    Path where = resource("where.com", dir);
    Files.createDirectories(dir.resolve("work"));
    assertThat(mvm("run", "--cwd", "C:\\WORK", "--time", "1994-06-01T09:30", where.toString()))
        .isZero();
    assertThat(stdout()).isEqualTo("C:\\WORK 1994-6-1");
    out.reset();
    LocalDate before = LocalDate.now(ZoneId.systemDefault());
    assertThat(mvm("run", where.toString())).isZero();
    assertThat(stdout()).isIn(dosDate(before), dosDate(LocalDate.now(ZoneId.systemDefault()))); // the host's date
  }

  private static String dosDate(LocalDate date) {
    return "C:\\ " + date.getYear() + "-" + date.getMonthValue() + "-" + date.getDayOfMonth();
  }

  @Test
  void aCurrentDirectoryThatIsNotThereIsNamed(@TempDir Path dir) throws Exception {
    Files.copy(hello(), dir.resolve("HELLO.COM"));
    assertThat(mvm("run", "--cwd", "C:\\NOWHERE", dir.resolve("HELLO.COM").toString()))
        .isEqualTo(MvmCommand.EXIT_FAULT);
    assertThat(stderr()).contains("C:\\NOWHERE");
  }

  @Test
  void interpretRunsTheProgramWithoutTranslationToTheSameEnd(@TempDir Path dir)
      throws Exception {
    // mandel's inner loop is hot, so the 486 translates it unless told to interpret.
    String mandel = sample("mandel.com").toString();
    int translated = mvm("run", "--cpu", "486", mandel);
    String drawn = stdout();
    out.reset();
    int interpreted = mvm("run", "--cpu", "486", "--interpret", mandel);
    assertThat(stderr()).isEmpty();
    assertThat(stdout()).isEqualTo(drawn).contains("@@@");
    assertThat(interpreted).isEqualTo(translated).isZero();

    RunCommand run = new RunCommand(new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.ISO_8859_1),
        new PrintStream(err, true, StandardCharsets.ISO_8859_1));
    new CommandLine(run).parseArgs("--interpret", mandel);
    VmBuilder builder = Vm.builder();
    run.machine.configure(builder);
    assertThat(builder.toConfig().translation()).isFalse();

    // mvm boot takes it too; the stop line names the same instruction count.
    Path rom = resource("tinybios.rom", dir);
    out.reset();
    assertThat(mvm("boot", "--bios", rom.toString(), "--max-instructions", "1000")).isZero();
    String booted = stdout() + stderr();
    out.reset();
    err.reset();
    assertThat(mvm("boot", "--interpret", "--bios", rom.toString(), "--max-instructions",
        "1000")).isZero();
    assertThat(stdout() + stderr()).isEqualTo(booted);
  }

  @Test
  void traceListsEachInstructionWithTheRegistersOnStandardError() {
    int code = mvm("run", "--trace", hello().toString());
    assertThat(code).isEqualTo(3);
    assertThat(stdout()).startsWith("Hello from DOS, inside MVM!");
    String trace = stderr();
    assertThat(trace).containsPattern("(?m)^[0-9A-F]{4}:0100  mov dx, [0-9A-F]+h +AX=")
        .containsPattern("(?m)^[0-9A-F]{4}:0103  mov ah, 9h +AX=[0-9A-F]{4} BX=")
        .contains("FL=");
    // Every instruction of the run, from the reset vector on, is one line.
    assertThat(trace.lines().count()).isGreaterThan(10);
    assertThat(trace).startsWith("F000:FFF0  jmpf F000h:E05Bh");
  }

  @Test
  void traceKeepsTheInstructionBudget() {
    assertThat(mvm("run", "--trace", "--max-instructions", "5", hello().toString()))
        .isEqualTo(MvmCommand.EXIT_LIMIT);
    assertThat(stderr().lines().filter(l -> l.matches("^[0-9A-F]{4}:[0-9A-F]{4}  .*"))).hasSize(5);
    assertThat(stderr()).contains("instruction budget of 5 used up");
  }

  @Test
  void theFinalScreenIsSavedAsAPicture(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("hello.png");
    assertThat(mvm("run", "--console", "screen", "--screen", png.toString(),
        hello().toString())).isEqualTo(3);
    assertThat(stdout()).isEmpty(); // the console was the screen
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(720);
    assertThat(image.getHeight()).isEqualTo(400);
    // "Hello" is on the first text row (16 dots high): light grey dots there, none below row 3.
    assertThat(litPixels(image, 0, 16)).isGreaterThan(100);
    assertThat(litPixels(image, 48, 400)).isZero();
  }

  private static int litPixels(BufferedImage image, int fromY, int toY) {
    int lit = 0;
    for (int y = fromY; y < toY; y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xFFFFFF) != 0) {
          lit++;
        }
      }
    }
    return lit;
  }

  @Test
  void bootsTheBuiltInBiosFromAFloppyImage(@TempDir Path dir) throws Exception {
    byte[] sector = Files.readAllBytes(resource("bootsector.bin", dir));
    Path floppy = dir.resolve("boot.img");
    Files.write(floppy, java.util.Arrays.copyOf(sector, 1_474_560));
    Path png = dir.resolve("boot.png");
    int code = mvm("boot", "--floppy", floppy.toString(), "--timeout", "30s", "--screen",
        png.toString());
    assertThat(stdout()).isEqualTo("Booted from the floppy image\r\n");
    assertThat(stderr()).startsWith("mvm: halted after ").contains(" instructions at 0000:7C");
    assertThat(code).isZero();
    assertThat(litPixels(ImageIO.read(png.toFile()), 0, 16)).isGreaterThan(100);
  }

  @Test
  void bootsAFirmwareImageAndSaysWhereItStopped(@TempDir Path dir) throws Exception {
    Path rom = resource("tinybios.rom", dir);
    int code = mvm("boot", "--bios", rom.toString(), "--max-instructions", "1000");
    assertThat(stdout()).isEqualTo("tiny BIOS: reset vector reached\n");
    assertThat(stderr()).matches("(?s)mvm: halted after \\d+ instructions at F000:[0-9A-F]{4} .*");
    assertThat(code).isZero();
  }

  @Test
  void bootHandsTheVgaBiosToTheFirmwareThroughFwCfg(@TempDir Path dir) throws Exception {
    Path rom = resource("tinybios.rom", dir);
    Path vga = Files.write(dir.resolve("vgabios.bin"), new byte[] {0x55, (byte) 0xAA, 0x40});
    BootCommand boot = new BootCommand(new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.ISO_8859_1),
        new PrintStream(err, true, StandardCharsets.ISO_8859_1));
    new CommandLine(boot).parseArgs("--bios", rom.toString(), "--vga-bios", vga.toString());
    VmBuilder builder = Vm.builder();
    boot.configure(builder);
    try (Vm vm = builder.build()) {
      FirmwareConfig fwCfg = vm.device(FirmwareConfig.class).orElseThrow();
      assertThat(fwCfg.files()).extracting(FirmwareConfig.File::name)
          .containsExactly("vgaroms/vgabios.bin");
      assertThat(fwCfg.item(fwCfg.files().get(0).selector())).containsExactly(0x55, 0xAA, 0x40);
    }
    assertThat(mvm("boot", "--bios", rom.toString(), "--vga-bios", vga.toString(),
        "--max-instructions", "1000")).isZero();
    assertThat(stdout()).isEqualTo("tiny BIOS: reset vector reached\n");
    err.reset();
    assertThat(mvm("boot", "--vga-bios", vga.toString())).isEqualTo(MvmCommand.EXIT_FAULT);
    assertThat(stderr()).contains("--vga-bios needs --bios");
    err.reset();
    assertThat(mvm("boot", "--bios", rom.toString(), "--vga-bios", "missing.bin"))
        .isEqualTo(MvmCommand.EXIT_FAULT);
    assertThat(stderr()).contains("--vga-bios: no such file missing.bin");
  }

  @Test
  void bootsSeaBiosWithItsVgaBiosAndSavesTheScreen(@TempDir Path dir) throws Exception {
    String named = System.getProperty("mvm.seabios", "");
    Path bios = Path.of(named.isEmpty() ? "/usr/share/seabios/bios.bin" : named);
    assumeTrue(Files.isRegularFile(bios) || !named.isEmpty(),
        "SeaBIOS is not installed (apt-get install seabios, or -Dmvm.seabios=FILE)");
    Path png = dir.resolve("seabios.png");
    int code = mvm("boot", "--bios", bios.toString(),
        "--vga-bios", bios.resolveSibling("vgabios-isavga.bin").toString(),
        "--max-instructions", "4000000", "--screen", png.toString());
    assertThat(code).as(stderr()).isEqualTo(MvmCommand.EXIT_LIMIT);
    assertThat(stdout()).startsWith("SeaBIOS (version 1.16.2").contains("Start SeaVGABIOS");
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(litPixels(image, 0, 16)).as("row 0: the version line").isGreaterThan(100);
  }

  @Test
  void traceShowsProtectedModeWithTheThirtyTwoBitRegistersAndThePrivilegeLevel(@TempDir Path dir)
      throws Exception {
    Path rom = resource("pmbios.rom", dir);
    int code = mvm("boot", "--bios", rom.toString(), "--trace", "--max-instructions", "100");
    assertThat(code).isZero();
    assertThat(stderr())
        .containsPattern("(?m)^F000:0000  cli +AX=")
        .containsPattern("(?m)^0008:000F[0-9A-F]{4}  mov ax, 10h +EAX=[0-9A-F]{8} .* PM0$")
        .containsPattern("(?m)^mvm: halted after \\d+ instructions at 0008:000F[0-9A-F]{4} "
            + "\\(nop\\): HLT with interrupts disabled at 0008:000F[0-9A-F]{4}$");
  }

  @Test
  void bootLimitsAndBadImagesGiveTheirExitCodes(@TempDir Path dir) throws Exception {
    Path rom = resource("tinybios.rom", dir);
    assertThat(mvm("boot", "--bios", rom.toString(), "--max-instructions", "3"))
        .isEqualTo(MvmCommand.EXIT_LIMIT);
    assertThat(stderr()).contains("budget exhausted after 3 instructions at F000:");
    err.reset();
    Path odd = Files.write(dir.resolve("odd.rom"), new byte[1000]);
    assertThat(mvm("boot", "--bios", odd.toString())).isEqualTo(MvmCommand.EXIT_FAULT);
    assertThat(stderr()).contains("odd.rom").contains("1000");
    err.reset();
    assertThat(mvm("boot", "--floppy", "missing.img")).isEqualTo(MvmCommand.EXIT_FAULT);
    assertThat(stderr()).contains("--floppy: no such file missing.img");
  }

  @Test
  void infoListsTheCpuModelsAndTheStandardVdds() {
    assertThat(mvm("info")).isZero();
    assertThat(out.toString(StandardCharsets.ISO_8859_1))
        .contains("  8086  (20-bit address bus)")
        .contains("  80286  (24-bit address bus, protected mode)")
        .contains("  DOSKRNL  (standard)")
        .contains("  VPIC  (standard)")
        .contains("  VVIDEO  (standard)");
  }
}
