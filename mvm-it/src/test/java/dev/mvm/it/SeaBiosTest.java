package dev.mvm.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvm.api.ExitReason;
import dev.mvm.api.ExitStatus;
import dev.mvm.api.Personality;
import dev.mvm.api.Vm;
import dev.mvm.api.VmBuilder;
import dev.mvm.vdd.std.DebugConsole;
import dev.mvm.vdd.std.DiskDrives;
import dev.mvm.vdd.std.DiskImage;
import dev.mvm.vdd.std.FirmwareFiles;
import dev.mvm.vdd.std.Screen;
import dev.mvm.vdd.std.VDisk;
import dev.mvm.vdd.std.VFwCfg;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * SeaBIOS, the firmware QEMU boots with (Debian's {@code seabios} package, 1.16.2), runs on
 * MVM: its flat 32-bit protected-mode POST, the devices it probes, and its boot sequence. The
 * tests skip, saying why, where the package is not installed, unless the system property {@code
 * mvm.seabios} names the image, as {@code .ci/run} does (it installs the package).
 * Each run is bounded by an instruction budget and stops as soon as the debug console (port
 * 402h, where SeaBIOS logs) shows what the test waits for.
 */
@EnabledIf(
    value = "installed",
    disabledReason = "SeaBIOS is not installed (apt-get install seabios, or -Dmvm.seabios=FILE)")
class SeaBiosTest {

  /** The image {@code mvm.seabios} names (CI), else where Debian's package puts it. */
  private static final String NAMED = System.getProperty("mvm.seabios", "");

  private static final Path BIOS =
      Path.of(NAMED.isEmpty() ? "/usr/share/seabios/bios.bin" : NAMED);

  private static final long SLICE = 1_000_000;

  static boolean installed() {
    boolean found = Files.isRegularFile(BIOS);
    if (!found && !NAMED.isEmpty()) {
      throw new IllegalStateException("mvm.seabios names no file: " + BIOS);
    }
    return found;
  }

  private static VmBuilder machine() throws IOException {
    return Vm.builder().personality(Personality.BARE_MACHINE).biosImage(Files.readAllBytes(BIOS));
  }

  private static String console(Vm vm) {
    return vm.device(DebugConsole.class).orElseThrow().text();
  }

  /** Runs until the console contains {@code text} or the budget is spent; the last status. */
  private static ExitStatus runUntil(Vm vm, String text, long budget) {
    ExitStatus status;
    long spent = 0;
    do {
      status = vm.run(SLICE);
      spent += SLICE;
    } while (status.reason() == ExitReason.BUDGET_EXHAUSTED
        && !console(vm).contains(text)
        && spent < budget);
    return status;
  }

  @Test
  void seaBiosStartsInProtectedModeAndPrintsItsVersion() throws IOException {
    try (Vm vm = machine().build()) {
      ExitStatus status = runUntil(vm, "\n", 20_000_000);

      assertThat(console(vm)).as(status.message()).startsWith("SeaBIOS (version 1.16.2");
    }
  }

  @Test
  void seaBiosBootsAFloppyThroughTheFloppyController(@TempDir Path dir) throws IOException {
    Path floppy =
        FloppyBoot.floppy(
            dir,
            GuestImages.load("seamark.bin"),
            Map.of(1, "read through INT 13h\n\0".getBytes(StandardCharsets.US_ASCII)));
    try (Vm vm =
        machine()
            .property(VDisk.DRIVES, DiskDrives.NONE.withFloppy(DiskImage.readOnly(floppy)))
            .build()) {
      ExitStatus status = runUntil(vm, "read through INT 13h", 200_000_000);

      String log = console(vm);
      int booting = log.indexOf("Booting from Floppy...");
      int loaded = log.indexOf("Booting from 0000:7c00", booting);
      int marker = log.indexOf("MVM boot sector running", loaded);
      assertThat(booting).as(status.message() + "\n" + log).isNotNegative();
      assertThat(loaded).as(log).isGreaterThan(booting);
      assertThat(marker).as(log).isGreaterThan(loaded);
      assertThat(log.substring(marker)).contains("read through INT 13h\n");
    }
  }

  @Test
  void seaVgaBiosHandedOverThroughFwCfgPutsSeaBiosOnTheScreen() throws IOException {
    Path vgaBios = BIOS.resolveSibling("vgabios-isavga.bin");
    try (Vm vm =
        machine()
            .property(VFwCfg.FILES, FirmwareFiles.NONE.with(FirmwareFiles.VGA_BIOS, vgaBios))
            .build()) {
      ExitStatus status = runUntil(vm, "No bootable device.", 200_000_000);

      String log = console(vm);
      assertThat(log).as(status.message()).contains("Start SeaVGABIOS (version 1.16.2");
      Screen.Frame frame = vm.device(Screen.class).orElseThrow().frame();
      assertThat(frame.isText()).isTrue();
      assertThat(frame.row(0)).as(frame.text()).startsWith("SeaBIOS (version 1.16.2");
      assertThat(frame.text()).contains("No bootable device.");
    }
  }

  @Test
  void withoutBootMediaSeaBiosSaysThereIsNoBootableDevice() throws IOException {
    try (Vm vm = machine().build()) {
      ExitStatus status = runUntil(vm, "No bootable device.", 200_000_000);

      String log = console(vm);
      assertThat(log).as(status.message()).contains("No bootable device.");
      // It got there by its POST: memory sized from CMOS, the keyboard found.
      assertThat(log).contains("RamSize: ").contains("PS2 keyboard initialized");
    }
  }
}
