package dev.mvm.samples;

import dev.mvm.api.ExitStatus;
import dev.mvm.api.Personality;
import dev.mvm.api.Vm;
import dev.mvm.api.VmBuilder;
import dev.mvm.api.cpu.Registers;
import dev.mvm.vdd.std.DiskDrives;
import dev.mvm.vdd.std.DiskImage;
import dev.mvm.vdd.std.FirmwareFiles;
import dev.mvm.vdd.std.VDebugCon;
import dev.mvm.vdd.std.VDisk;
import dev.mvm.vdd.std.VFwCfg;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mvm boot}: starts a PC from firmware and disk images, printing the debug console as it
 * arrives, and says at the end how far the machine got and why it stopped.
 */
@Command(name = "boot", mixinStandardHelpOptions = true,
    description = "Boots a PC: a BIOS image (or the built-in BIOS) and floppy or hard disk "
        + "images. The debug console (ports E9h and 402h) goes to standard output as it "
        + "arrives; at the end mvm says on standard error where and why the machine stopped.")
final class BootCommand extends VmCommand {

  BootCommand(InputStream in, PrintStream out, PrintStream err) {
    super(in, out, err);
  }

  @Option(names = "--bios", paramLabel = "FILE",
      description = "A BIOS image of 64, 128 or 256 KiB, such as SeaBIOS's bios.bin "
          + "(default: the built-in BIOS).")
  @Nullable Path bios;

  @Option(names = "--vga-bios", paramLabel = "FILE",
      description = "A VGA BIOS for the BIOS image to run, such as SeaBIOS's "
          + "vgabios-isavga.bin: handed to it through fw_cfg as " + FirmwareFiles.VGA_BIOS
          + " (needs --bios).")
  @Nullable Path vgaBios;

  @Option(names = "--floppy", paramLabel = "IMG", description = "A floppy image (repeatable: A:, B:).")
  List<Path> floppies = new ArrayList<>();

  @Option(names = "--hdd", paramLabel = "IMG",
      description = "A hard disk image (repeatable: 80h, 81h).")
  List<Path> hardDisks = new ArrayList<>();

  @Option(names = "--writable",
      description = "Lets the guest write to the images (default: writes fail as "
          + "write-protected and the files stay as they are).")
  boolean writable;

  @Override
  String configure(VmBuilder builder) {
    builder.personality(Personality.BARE_MACHINE);
    Path firmware = bios;
    if (firmware != null) {
      if (!Files.isRegularFile(firmware)) {
        throw new IllegalArgumentException("--bios: no such file " + firmware);
      }
      builder.biosImage(firmware);
    }
    Path vga = vgaBios;
    if (vga != null) {
      if (firmware == null) {
        throw new IllegalArgumentException(
            "--vga-bios needs --bios: the built-in BIOS has its own video BIOS");
      }
      if (!Files.isRegularFile(vga)) {
        throw new IllegalArgumentException("--vga-bios: no such file " + vga);
      }
      builder.property(VFwCfg.FILES, FirmwareFiles.NONE.with(FirmwareFiles.VGA_BIOS, vga));
    }
    builder.property(VDisk.DRIVES, drives());
    builder.property(VDebugCon.OUTPUT, out);
    return "MVM: boot";
  }

  @Override
  int exitCode(Vm vm, ExitStatus status) {
    err.println("mvm: " + describe(vm, status));
    return switch (status.reason()) {
      case HALTED, SHUTDOWN, PROGRAM_EXIT -> 0;
      case TIMEOUT, BUDGET_EXHAUSTED, OUTPUT_LIMIT, STOPPED -> MvmCommand.EXIT_LIMIT;
      case FAULT -> MvmCommand.EXIT_FAULT;
    };
  }

  private DiskDrives drives() {
    DiskDrives drives = DiskDrives.NONE;
    for (Path p : floppies) {
      drives = drives.withFloppy(image(p, "--floppy"));
    }
    for (Path p : hardDisks) {
      drives = drives.withHardDisk(image(p, "--hdd"));
    }
    return drives;
  }

  private DiskImage image(Path path, String option) {
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException(option + ": no such file " + path);
    }
    return writable ? DiskImage.writable(path) : DiskImage.readOnly(path);
  }

  /**
   * How far the machine got: the reason, the instruction count and where the CPU stood (CS and
   * EIP, which passes FFFFh in 32-bit protected-mode code).
   */
  private static String describe(Vm vm, ExitStatus status) {
    Registers r = vm.registers();
    return String.format(Locale.ROOT, "%s after %,d instructions at %04X:%s (%s): %s",
        status.reason().name().toLowerCase(Locale.ROOT).replace('_', ' '),
        status.instructions(), r.cs(),
        String.format(Locale.ROOT, r.protectedMode() ? "%08X" : "%04X", r.eip()),
        vm.disassemble(r.cs(), r.eip()), status.message());
  }
}
