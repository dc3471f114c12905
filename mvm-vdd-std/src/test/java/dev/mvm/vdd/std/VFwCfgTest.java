package dev.mvm.vdd.std;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mvm.api.VmConfigurationException;
import dev.mvm.testkit.EmbeddedMachine;
import dev.mvm.testkit.VddTestKit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** VFWCFG read through its ports the way SeaBIOS's qemu_cfg_init reads it. */
class VFwCfgTest {

  private static byte[] read(EmbeddedMachine m, int key, int length) {
    m.outw(0x510, key);
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) m.inb(0x511);
    }
    return bytes;
  }

  private static long littleEndian(byte[] b) {
    long v = 0;
    for (int i = b.length - 1; i >= 0; i--) {
      v = v << 8 | (b[i] & 0xFF);
    }
    return v;
  }

  private static int bigEndian(byte[] b, int at, int length) {
    int v = 0;
    for (int i = 0; i < length; i++) {
      v = v << 8 | (b[at + i] & 0xFF);
    }
    return v;
  }

  @Test
  void signatureFeaturesAndPlatformItems() {
    try (var m = VddTestKit.embed(new VFwCfg()).memoryKiB(32 * 1024).start()) {
      assertThat(new String(read(m, 0x0000, 4), StandardCharsets.US_ASCII)).isEqualTo("QEMU");
      assertThat(m.inb(0x511)).as("past the end").isZero();
      assertThat(littleEndian(read(m, 0x0001, 4))).as("traditional interface, no DMA").isEqualTo(1);
      assertThat(littleEndian(read(m, 0x0003, 8))).as("RAM size").isEqualTo(32L << 20);
      assertThat(littleEndian(read(m, 0x0005, 2))).as("CPUs").isEqualTo(1);
      assertThat(littleEndian(read(m, 0x000F, 2))).as("most CPUs").isEqualTo(1);
      assertThat(littleEndian(read(m, 0x000E, 2))).as("no boot menu").isZero();
      assertThat(read(m, 0x0002, 16)).as("UUID").containsOnly(0);
      assertThat(littleEndian(read(m, 0x0019, 4))).as("an empty directory").isZero();
    }
    try (var m = VddTestKit.embed(new VFwCfg()).property(VFwCfg.BOOT_MENU, true).start()) {
      assertThat(littleEndian(read(m, 0x000E, 2))).isEqualTo(1);
    }
  }

  @Test
  void unknownKeysReadZerosAndOnlyAWordSelects() {
    try (var m = VddTestKit.embed(new VFwCfg()).start()) {
      for (int key : new int[] {0x000D, 0x8000, 0x8001, 0x8002, 0x8003, 0x0020, 0x1234}) {
        assertThat(read(m, key, 8)).as("key %04Xh", key).containsOnly(0);
      }
      m.outw(0x510, 0x4000); // the write bit: still the signature
      assertThat(m.inb(0x511)).isEqualTo('Q');
      m.outb(0x510, 0x01); // a byte selects nothing, the item goes on
      m.outb(0x511, 0x55); // data writes are ignored
      assertThat(m.inb(0x511)).isEqualTo('E');
      assertThat(m.inb(0x510)).isEqualTo(0xFF);
      assertThat(m.inb(0x514)).as("no DMA interface").isEqualTo(0xFF);
    }
  }

  @Test
  void theFileDirectoryListsTheHostsFilesInNameOrder(@TempDir Path dir) throws IOException {
    byte[] vga = new byte[1000];
    for (int i = 0; i < vga.length; i++) {
      vga[i] = (byte) (i * 13);
    }
    vga[0] = 0x55;
    vga[1] = (byte) 0xAA;
    Path vgaFile = dir.resolve("vgabios.bin");
    Files.write(vgaFile, vga);
    FirmwareFiles files = FirmwareFiles.NONE
        .with(FirmwareFiles.VGA_BIOS, vgaFile)
        .with("etc/boot-fail-wait", new byte[] {0x10, 0x27, 0, 0});
    try (var m = VddTestKit.embed(new VFwCfg()).property(VFwCfg.FILES, files).start()) {
      m.outw(0x510, 0x0019);
      byte[] countBytes = new byte[4];
      for (int i = 0; i < 4; i++) {
        countBytes[i] = (byte) m.inb(0x511);
      }
      int count = bigEndian(countBytes, 0, 4);
      assertThat(count).isEqualTo(2);
      Map<String, int[]> entries = new LinkedHashMap<>();
      for (int e = 0; e < count; e++) {
        byte[] entry = new byte[64];
        for (int i = 0; i < 64; i++) {
          entry[i] = (byte) m.inb(0x511);
        }
        int nameEnd = 8;
        while (entry[nameEnd] != 0) {
          nameEnd++;
        }
        String name = new String(entry, 8, nameEnd - 8, StandardCharsets.US_ASCII);
        entries.put(name, new int[] {bigEndian(entry, 0, 4), bigEndian(entry, 4, 2),
            bigEndian(entry, 6, 2)});
      }
      assertThat(entries.keySet()).containsExactly("etc/boot-fail-wait", "vgaroms/vgabios.bin");
      assertThat(entries.get("etc/boot-fail-wait")).containsExactly(4, 0x20, 0);
      assertThat(entries.get("vgaroms/vgabios.bin")).containsExactly(1000, 0x21, 0);
      assertThat(read(m, 0x21, 1000)).isEqualTo(vga);
      assertThat(littleEndian(read(m, 0x20, 4))).isEqualTo(10_000);

      FirmwareConfig facet = m.device(FirmwareConfig.class);
      List<String> names = new ArrayList<>();
      facet.files().forEach(f -> names.add(f.name() + "@" + f.selector() + ":" + f.size()));
      assertThat(names).containsExactly("etc/boot-fail-wait@32:4", "vgaroms/vgabios.bin@33:1000");
      assertThat(facet.item(0x21)).isEqualTo(vga);
      assertThat(facet.item(0x7777)).isEmpty();
    }
  }

  @Test
  void firmwareFilesAreCheckedValues(@TempDir Path dir) {
    assertThatThrownBy(() -> FirmwareFiles.NONE.with("has space", new byte[1]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'has space'");
    assertThatThrownBy(() -> FirmwareFiles.NONE.with("x".repeat(56), new byte[1]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FirmwareFiles.NONE.with("", new byte[1]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FirmwareFiles.NONE.with("bootorder", dir.resolve("missing")))
        .isInstanceOf(VmConfigurationException.class).hasMessageContaining("bootorder");
    byte[] bytes = {1, 2, 3};
    FirmwareFiles one = FirmwareFiles.NONE.with("bootorder", bytes);
    bytes[0] = 9;
    assertThat(one.contents("bootorder")).get().isEqualTo(new byte[] {1, 2, 3});
    assertThat(one).isEqualTo(FirmwareFiles.NONE.with("bootorder", new byte[] {1, 2, 3}));
    assertThat(one.with("bootorder", new byte[] {4}).contents("bootorder")).get()
        .isEqualTo(new byte[] {4});
    assertThat(one.without("bootorder")).isEqualTo(FirmwareFiles.NONE);
    assertThat(one.names()).containsExactly("bootorder");
    assertThat(one.toString()).contains("bootorder (3 bytes)");
  }
}
