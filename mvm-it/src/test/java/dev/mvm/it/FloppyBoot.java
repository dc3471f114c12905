package dev.mvm.it;

import dev.mvm.api.Personality;
import dev.mvm.api.Vm;
import dev.mvm.api.VmBuilder;
import dev.mvm.vdd.std.DebugConsole;
import dev.mvm.vdd.std.DiskDrives;
import dev.mvm.vdd.std.DiskImage;
import dev.mvm.vdd.std.VDisk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Boots guest programs the way a PC does: the test builds a 1.44 MB floppy image holding the
 * assembled program from its first sector on (and any data sectors it asks for), and a bare
 * machine with the built-in BIOS boots it through INT 19h.
 */
final class FloppyBoot {
  static final int SECTOR = 512;
  static final int FLOPPY_144 = 80 * 2 * 18 * SECTOR;

  private FloppyBoot() {}

  /**
   * Writes a 1.44 MB floppy image.
   *
   * @param dir where to put it
   * @param program the bytes from sector 1 (LBA 0) on
   * @param sectors more data by LBA
   * @return the image file
   */
  static Path floppy(Path dir, byte[] program, Map<Integer, byte[]> sectors) {
    byte[] image = new byte[FLOPPY_144];
    System.arraycopy(program, 0, image, 0, program.length);
    sectors.forEach((lba, data) -> System.arraycopy(data, 0, image, lba * SECTOR, data.length));
    try {
      return Files.write(Files.createTempFile(dir, "floppy", ".img"), image);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A bare machine with the built-in BIOS and the standard devices that boots a guest program
   * from floppy drive 00h, bounded by an instruction budget.
   *
   * @param dir where to put the floppy image
   * @param program the guest program's name in the test resources
   * @return the builder, for the test to add to
   */
  static VmBuilder machine(Path dir, String program) {
    return machine(floppy(dir, GuestImages.load(program), Map.of()));
  }

  static VmBuilder machine(Path floppy) {
    return Vm.builder()
        .personality(Personality.BARE_MACHINE)
        .property(VDisk.DRIVES, DiskDrives.NONE.withFloppy(DiskImage.readOnly(floppy)))
        .instructionBudget(50_000_000);
  }

  static String console(Vm vm) {
    return vm.device(DebugConsole.class).orElseThrow().text();
  }
}
