package dev.mvm.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mvm.api.cpu.CpuBus;
import dev.mvm.api.vdd.Hook;
import dev.mvm.api.vdd.MemoryHandler;
import dev.mvm.api.vdd.MemoryMap;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhysicalMemoryTest {
  private final PhysicalMemory memory = new PhysicalMemory(2 * 1024 * 1024);
  private final MemoryMap map = memory.mapFor("TEST");

  private int flags(int address) {
    return memory.pageFlags()[address >>> CpuBus.PAGE_SHIFT];
  }

  @Test
  void installedRamIsDirectAndTheRestIsUnmapped() {
    assertThat(memory.pageFlags()).hasSize(1 << 20);
    assertThat(flags(0)).isEqualTo(CpuBus.DIRECT_READ | CpuBus.DIRECT_WRITE);
    assertThat(flags(0x1F_F000)).isEqualTo(CpuBus.DIRECT_READ | CpuBus.DIRECT_WRITE);
    assertThat(flags(0x20_0000)).isZero();
    memory.setA20(true);
    memory.writeByte(0x1234, 0x56);
    assertThat(memory.ram()[0x1234]).isEqualTo((byte) 0x56);
    assertThat(memory.readByte(0x30_0000)).isEqualTo(0xFF);
    memory.writeByte(0x30_0000, 0x12);
    assertThat(memory.readByte(0x30_0000)).isEqualTo(0xFF);
    assertThat(memory.readByte(0xFFFF_FFFF)).isEqualTo(0xFF);
  }

  @Test
  void romIgnoresWritesIsNotDirectAndShowsRamBeneathWhenRemoved() {
    memory.writeByte(0xC_0000, 0x11);
    byte[] image = new byte[4096];
    image[0] = 0x55;
    image[1] = (byte) 0xAA;
    Hook rom = map.mapRom(0xC_0000, image);
    image[0] = 0; // the map kept a copy
    assertThat(memory.readByte(0xC_0000)).isEqualTo(0x55);
    assertThat(memory.readByte(0xC_0001)).isEqualTo(0xAA);
    memory.writeByte(0xC_0000, 0x99);
    assertThat(memory.readByte(0xC_0000)).isEqualTo(0x55);
    assertThat(flags(0xC_0000)).isZero();
    rom.setEnabled(false);
    assertThat(memory.readByte(0xC_0000)).isEqualTo(0x11);
    assertThat(flags(0xC_0000)).isEqualTo(CpuBus.DIRECT_READ | CpuBus.DIRECT_WRITE);
    rom.setEnabled(true);
    assertThat(memory.readByte(0xC_0000)).isEqualTo(0x55);
    rom.remove();
    assertThat(memory.readByte(0xC_0000)).isEqualTo(0x11);
    assertThat(flags(0xC_0000)).isEqualTo(CpuBus.DIRECT_READ | CpuBus.DIRECT_WRITE);
  }

  @Test
  void deviceMemoryGoesThroughItsHandler() {
    List<String> log = new ArrayList<>();
    Hook vram =
        map.mapDevice(
            0xA_0000,
            0x1_0000,
            new MemoryHandler() {
              @Override
              public int readByte(int address) {
                log.add("r" + Integer.toHexString(address));
                return 0x42;
              }

              @Override
              public void writeByte(int address, int value) {
                log.add("w" + Integer.toHexString(address) + "=" + value);
              }
            });
    assertThat(flags(0xA_5000)).isZero();
    assertThat(memory.readByte(0xA_1234)).isEqualTo(0x42);
    memory.writeWord(0xA_FFFE, 0x0201);
    assertThat(log).containsExactly("ra1234", "wafffe=1", "waffff=2");
    vram.remove();
    assertThat(flags(0xA_5000)).isEqualTo(CpuBus.DIRECT_READ | CpuBus.DIRECT_WRITE);
  }

  @Test
  void deviceMemoryFailureNamesTheVdd() {
    map.mapDevice(
        0xB_8000,
        0x1000,
        new MemoryHandler() {
          @Override
          public int readByte(int address) {
            throw new IllegalStateException("boom");
          }

          @Override
          public void writeByte(int address, int value) {}
        });
    assertThatThrownBy(() -> memory.readByte(0xB_8000))
        .isInstanceOf(dev.mvm.api.VddException.class)
        .hasMessageContaining("VDD TEST")
        .hasMessageContaining("000B8000h")
        .hasRootCauseMessage("boom");
  }

  @Test
  void theA20GateWrapsAddressesAtOneMegabyte() {
    assertThat(memory.isA20()).isFalse();
    assertThat(memory.a20Mask()).isEqualTo(0xFFEF_FFFF);
    memory.writeByte(0x10_0010, 0x77); // lands at 10h
    assertThat(memory.readByte(0x10)).isEqualTo(0x77);
    memory.setA20(true);
    assertThat(memory.a20Mask()).isEqualTo(-1);
    memory.writeByte(0x10_0010, 0x88);
    assertThat(memory.readByte(0x10)).isEqualTo(0x77);
    assertThat(memory.readByte(0x10_0010)).isEqualTo(0x88);
  }

  @Test
  void regionsMustBePageAlignedAndRamImagesInsideInstalledRam() {
    assertThatThrownBy(() -> map.mapRom(0xC_0100, new byte[4096]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("4 KiB boundary");
    assertThatThrownBy(() -> map.mapRom(0xC_0000, new byte[100]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("multiple of 4 KiB");
    assertThatThrownBy(() -> map.loadRam(0x1F_F000, new byte[8192]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("outside installed RAM");
    map.loadRam(0x1000, filled(4096, 3));
    assertThat(memory.readByte(0x1FFF)).isEqualTo(3);
    Hook top = map.mapRom(0xFFFF_F000, new byte[4096]);
    memory.setA20(true);
    assertThat(memory.readByte(0xFFFF_F000)).isZero();
    top.remove();
    assertThat(memory.readByte(0xFFFF_F000)).isEqualTo(0xFF);
  }

  @Test
  void ramSmallerThanOneMegabyteLeavesTheRestUnmapped() {
    PhysicalMemory small = new PhysicalMemory(640 * 1024);
    assertThat(small.size()).isEqualTo(640 * 1024);
    assertThat(small.ram().length).isEqualTo(1 << 20);
    assertThat(small.readByte(0xA_0000)).isEqualTo(0xFF);
    assertThat(small.pageFlags()[0xA0]).isZero();
    small.loadShadow(0xE_0000, filled(0x2_0000, 7));
    assertThat(small.readByte(0xE_0000)).isEqualTo(7);
    small.writeByte(0xE_0000, 8);
    assertThat(small.readByte(0xE_0000)).isEqualTo(8);
    assertThat(small.pageFlags()[0xE0]).isEqualTo((byte) 3);
  }

  private static byte[] filled(int size, int value) {
    byte[] b = new byte[size];
    java.util.Arrays.fill(b, (byte) value);
    return b;
  }

  @Test
  void bulkCopiesCrossPagesOfEveryKindAndTheA20Wrap() {
    byte[] rom = filled(4096, 0x22);
    map.mapRom(0xC_1000, rom);
    byte[] data = new byte[3 * 4096];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) i;
    }
    memory.write(0xC_0800, data);
    byte[] back = memory.read(0xC_0800, data.length);
    for (int i = 0; i < data.length; i++) {
      int a = 0xC_0800 + i;
      int expected = a >= 0xC_1000 && a < 0xC_2000 ? 0x22 : data[i] & 0xFF;
      assertThat(back[i] & 0xFF).as("byte at %x", a).isEqualTo(expected);
    }
    // with A20 closed a copy that runs past 1 MiB wraps to 0
    memory.write(0xF_FFFE, new byte[] {1, 2, 3, 4});
    assertThat(memory.read(0, 2)).containsExactly(3, 4);
    assertThat(memory.read(0xF_FFFE, 4)).containsExactly(1, 2, 3, 4);
  }
}
