package dev.mvm.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvm.testkit.EmbeddedMachine;
import dev.mvm.testkit.VddTestKit;
import dev.mvm.vdd.std.DiskDrives;
import dev.mvm.vdd.std.DiskImage;
import dev.mvm.vdd.std.VDisk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random port traffic to every standard VDD (issue 13): reads and writes of random sizes and
 * values to each device's ports, with virtual time passing in between, on one machine with all
 * the standard devices and the built-in BIOS. No access may throw; the devices must keep
 * answering. {@code mvm.fuzz.scale} multiplies the count (the figures are in
 * docs/RELIABILITY.md).
 */
class PortFuzzTest {
  private static final int SCALE = Integer.getInteger("mvm.fuzz.scale", 1);
  private static final long SEED = Long.getLong("mvm.fuzz.seed", 0x4D564D);

  /** Each standard VDD's ports. */
  private static final Map<String, int[]> PORTS = new LinkedHashMap<>();

  static {
    PORTS.put("VPIC", new int[] {0x20, 0x21, 0xA0, 0xA1, 0x4D0, 0x4D1});
    PORTS.put("VTIMER", new int[] {0x40, 0x41, 0x42, 0x43, 0x61});
    PORTS.put("VCMOS", new int[] {0x70, 0x71});
    PORTS.put("VKBD", new int[] {0x60, 0x64});
    PORTS.put("VSYSCTL", new int[] {0x92});
    PORTS.put("VDEBUGCON", new int[] {0xE9, 0x402});
    PORTS.put("VCOM", range(0x3F8, 8, 0x2F8, 8, 0x3E8, 8, 0x2E8, 8));
    PORTS.put("VLPT", range(0x378, 3, 0x278, 3, 0x3BC, 3));
    PORTS.put("VVIDEO", range(0x3B0, 0x30));
    PORTS.put("VDMA", range(0x00, 0x10, 0xC0, 0x20, 0x80, 0x10));
    PORTS.put("VFLPY", range(0x3F2, 4, 0x3F7, 1));
    PORTS.put("VFWCFG", range(0x510, 2));
    PORTS.put("VPCI", range(0xCF8, 8));
  }

  private static int[] range(int... startAndCount) {
    int n = 0;
    for (int i = 1; i < startAndCount.length; i += 2) {
      n += startAndCount[i];
    }
    int[] ports = new int[n];
    int k = 0;
    for (int i = 0; i < startAndCount.length; i += 2) {
      for (int j = 0; j < startAndCount[i + 1]; j++) {
        ports[k++] = startAndCount[i] + j;
      }
    }
    return ports;
  }

  @Test
  void randomPortTrafficNeverBreaksAStandardDevice(@TempDir Path dir) throws IOException {
    Random random = new Random(SEED + 3);
    int perVdd = 20_000 * SCALE;
    Path floppy = dir.resolve("a.img");
    Files.write(floppy, new byte[1_474_560]); // read-only: the fuzzing may not change it
    try (EmbeddedMachine m = VddTestKit.embed(PORTS.keySet().toArray(new String[0]))
        .with("VSYSBIOS", "VDISK")
        .property(VDisk.DRIVES, DiskDrives.NONE.withFloppy(DiskImage.readOnly(floppy)))
        .builtInBios().start()) {
      for (Map.Entry<String, int[]> vdd : PORTS.entrySet()) {
        int[] ports = vdd.getValue();
        for (int i = 0; i < perVdd; i++) {
          int port = ports[random.nextInt(ports.length)];
          int value = random.nextInt(0x10000);
          String what = String.format("%s access %d to port %Xh (seed %d)", vdd.getKey(), i,
              port, SEED + 3);
          try {
            switch (random.nextInt(6)) {
              // The property is that no access throws; what a read returns is random here.
              case 0, 1 -> m.outb(port, value & 0xFF);
              case 2 -> m.outw(port, value);
              case 3 -> m.inw(port);
              default -> m.inb(port);
            }
            if (random.nextInt(64) == 0) {
              m.advance(Duration.ofNanos(random.nextInt(20_000_000)));
            }
          } catch (RuntimeException e) {
            throw new AssertionError(what + " threw " + e, e);
          }
        }
      }
      // Still working devices: the debug console reports itself, the master PIC, initialised
      // again (ICW1-ICW4), keeps the mask it is given, and a byte of CMOS RAM reads back.
      assertThat(m.inb(0xE9)).isEqualTo(0xE9);
      m.outb(0x20, 0x11).outb(0x21, 0x08).outb(0x21, 0x04).outb(0x21, 0x01).outb(0x21, 0xA5);
      assertThat(m.inb(0x21)).isEqualTo(0xA5);
      m.outb(0x70, 0x40).outb(0x71, 0x3C);
      assertThat(m.outb(0x70, 0x40).inb(0x71)).isEqualTo(0x3C);
      // The floppy controller, reset, answers VERSION; fw_cfg its signature; a page register
      // and a DMA address register read back.
      m.outb(0x3F2, 0x00).outb(0x3F2, 0x0C).outb(0x3F5, 0x10);
      assertThat(m.inb(0x3F5)).isEqualTo(0x90);
      m.outw(0x510, 0x0000);
      assertThat(m.inb(0x511)).isEqualTo('Q');
      m.outb(0x87, 0x12);
      assertThat(m.inb(0x87)).isEqualTo(0x12);
      m.outb(0x0C, 0).outb(0x00, 0x34).outb(0x00, 0x12).outb(0x0C, 0);
      assertThat(m.inb(0x00) | m.inb(0x00) << 8).isEqualTo(0x1234);
    }
  }
}
