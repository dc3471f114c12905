package dev.mvm.vdd.std;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvm.api.vdd.DmaChannel;
import dev.mvm.api.vdd.Vdd;
import dev.mvm.api.vdd.VddContext;
import dev.mvm.testkit.EmbeddedMachine;
import dev.mvm.testkit.VddTestKit;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * VDMA in the real monitor: the 8237A registers through their ports, and transfers a device
 * makes through {@link VddContext#dma(int)} into and out of guest memory, with terminal count,
 * auto-initialisation, the page registers, the wrap at 64 KiB and 128 KiB, and the cascade.
 */
class VDmaTest {

  /** The fake edge: a device wired to every DMA channel. */
  static final class DmaDevice implements Vdd {
    final DmaChannel[] channels = new DmaChannel[8];

    @Override
    public String id() {
      return "DMADEVICE";
    }

    @Override
    public void attach(VddContext ctx) {
      for (int i = 0; i < 8; i++) {
        channels[i] = ctx.dma(i);
      }
    }
  }

  private final DmaDevice device = new DmaDevice();

  private EmbeddedMachine machine() {
    return VddTestKit.embed(new VDma(), device).memoryKiB(2048).start();
  }

  /** Programs channel 0-3 as SeaBIOS's dma_floppy does channel 2. */
  private static void program8(EmbeddedMachine m, int channel, int mode, int address, int count) {
    int[] pagePorts = {0x87, 0x83, 0x81, 0x82};
    m.outb(0x0A, 0x04 | channel); // mask
    m.outb(0x0C, 0); // clear flip-flop
    m.outb(channel * 2, address & 0xFF).outb(channel * 2, (address >>> 8) & 0xFF);
    m.outb(0x0C, 0);
    m.outb(channel * 2 + 1, count & 0xFF).outb(channel * 2 + 1, (count >>> 8) & 0xFF);
    m.outb(0x0B, mode | channel);
    m.outb(pagePorts[channel], address >>> 16);
    m.outb(0x0A, channel); // unmask
  }

  /** As SeaBIOS's dma_setup: master clear both, channel 4 cascade and unmasked. */
  private static void openCascade(EmbeddedMachine m) {
    m.outb(0x0D, 0).outb(0xDA, 0);
    m.outb(0xD6, 0xC0).outb(0xD4, 0x00);
  }

  private static byte[] bytes(int length, int first) {
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      b[i] = (byte) (first + i);
    }
    return b;
  }

  @Test
  void addressAndCountRegistersReadBackThroughTheFlipFlop() {
    try (var m = machine()) {
      m.outb(0x0C, 0).outb(0x04, 0x34).outb(0x04, 0x12).outb(0x05, 0xFF).outb(0x05, 0x01);
      m.outb(0x0C, 0);
      assertThat(m.inb(0x04) | m.inb(0x04) << 8).isEqualTo(0x1234);
      assertThat(m.inb(0x05) | m.inb(0x05) << 8).isEqualTo(0x01FF);
      m.outb(0x0C, 0).outb(0x04, 0x78);
      m.outb(0x0C, 0);
      assertThat(m.inb(0x04)).as("a low byte alone").isEqualTo(0x78);
      assertThat(m.inb(0x04)).isEqualTo(0x12);
      // The second controller: word registers at even ports, the odd ones alias them.
      m.outb(0xD8, 0).outb(0xC4, 0xCD).outb(0xC5, 0xAB);
      m.outb(0xD9, 0);
      assertThat(m.inb(0xC4) | m.inb(0xC4) << 8).isEqualTo(0xABCD);
    }
  }

  @Test
  void pageRegistersAreSixteenLatchesThePostCodePortAmongThem() {
    try (var m = machine()) {
      for (int p = 0x80; p <= 0x8F; p++) {
        m.outb(p, p ^ 0x5A);
      }
      for (int p = 0x80; p <= 0x8F; p++) {
        assertThat(m.inb(p)).as("port %Xh", p).isEqualTo(p ^ 0x5A);
      }
    }
  }

  @Test
  void masterClearMasksEverythingAndTheMaskRegistersWork() {
    try (var m = machine()) {
      assertThat(m.inb(0x0F) & 0x0F).as("masked at power-on").isEqualTo(0x0F);
      m.outb(0x0E, 0);
      assertThat(m.inb(0x0F) & 0x0F).as("clear mask register").isZero();
      m.outb(0x0A, 0x06);
      assertThat(m.inb(0x0F) & 0x0F).as("single mask bit, channel 2").isEqualTo(0x04);
      m.outb(0x0F, 0x09);
      assertThat(m.inb(0x0F) & 0x0F).as("write all mask bits").isEqualTo(0x09);
      m.outb(0x0E, 0).outb(0x0C, 0).outb(0x00, 0x11); // flip-flop now at the high byte
      m.outb(0x0D, 0);
      assertThat(m.inb(0x0F) & 0x0F).as("master clear masks all").isEqualTo(0x0F);
      assertThat(m.inb(0x0D)).as("temporary register").isZero();
      assertThat(m.inb(0x08)).as("status").isZero();
      m.outb(0x00, 0x22).outb(0x00, 0x33);
      m.outb(0x0C, 0);
      assertThat(m.inb(0x00) | m.inb(0x00) << 8).as("flip-flop cleared").isEqualTo(0x3322);
      assertThat(m.inb(0x09)).as("undefined read").isEqualTo(0xFF);
    }
  }

  @Test
  void aWriteTransferFillsMemoryReachesTerminalCountAndMasksTheChannel() {
    try (var m = machine()) {
      openCascade(m);
      program8(m, 2, 0x46, 0x12340, 511); // single, increment, write transfer: 512 bytes
      DmaChannel ch2 = device.channels[2];
      assertThat(ch2.isReady()).isTrue();
      assertThat(ch2.write(bytes(300, 1), 0, 300)).isEqualTo(300);
      assertThat(ch2.terminalCount()).isFalse();
      assertThat(ch2.write(bytes(300, 0x41), 0, 300)).as("only 212 left").isEqualTo(212);
      assertThat(ch2.terminalCount()).isTrue();
      assertThat(m.peekb(0x12340)).isEqualTo(1);
      assertThat(m.peekb(0x12340 + 299)).isEqualTo(300 & 0xFF);
      assertThat(m.peekb(0x12340 + 300)).isEqualTo(0x41);
      assertThat(m.peekb(0x12340 + 511)).isEqualTo((0x41 + 211) & 0xFF);
      assertThat(m.peekb(0x12340 + 512)).as("nothing past the count").isZero();
      assertThat(m.inb(0x08) & 0x0F).as("TC of channel 2").isEqualTo(0x04);
      assertThat(m.inb(0x08) & 0x0F).as("cleared by reading").isZero();
      assertThat(m.inb(0x0F) & 0x04).as("masked itself").isEqualTo(0x04);
      assertThat(ch2.isReady()).isFalse();
      assertThat(ch2.write(bytes(4, 0), 0, 4)).isZero();
      m.outb(0x0C, 0);
      assertThat(m.inb(0x05) | m.inb(0x05) << 8).as("count after TC").isEqualTo(0xFFFF);
      assertThat(m.inb(0x04) | m.inb(0x04) << 8).as("address after TC").isEqualTo(0x2540);
    }
  }

  @Test
  void channelsZeroToThreeWaitForTheCascadeAndADisabledControllerMovesNothing() {
    try (var m = machine()) {
      program8(m, 1, 0x44, 0x1000, 15);
      assertThat(device.channels[1].isReady()).as("channel 4 still masked").isFalse();
      assertThat(device.channels[1].write(bytes(16, 1), 0, 16)).isZero();
      openCascade(m);
      program8(m, 1, 0x44, 0x1000, 15);
      m.outb(0x08, 0x04); // command: controller disabled
      assertThat(device.channels[1].write(bytes(16, 1), 0, 16)).isZero();
      m.outb(0x08, 0x00);
      assertThat(device.channels[1].write(bytes(16, 1), 0, 16)).isEqualTo(16);
      assertThat(m.peekb(0x100F)).isEqualTo(16);
    }
    try (var m = VddTestKit.embed(new VDma(), device).builtInBios().start()) {
      program8(m, 1, 0x44, 0x1000, 15);
      assertThat(device.channels[1].isReady()).as("the BIOS opened the cascade").isTrue();
    }
  }

  @Test
  void autoInitialisationReloadsAtTerminalCount() {
    try (var m = machine()) {
      openCascade(m);
      program8(m, 3, 0x54, 0x20000, 3); // single, auto-init, write: 4 bytes at 20000h
      DmaChannel ch3 = device.channels[3];
      assertThat(ch3.write(bytes(10, 1), 0, 10)).as("stops at TC").isEqualTo(4);
      assertThat(ch3.terminalCount()).isTrue();
      assertThat(ch3.isReady()).as("stays unmasked").isTrue();
      assertThat(ch3.write(bytes(2, 0x61), 0, 2)).isEqualTo(2);
      assertThat(ch3.terminalCount()).isFalse();
      assertThat(m.memory().read(0x20000, 5)).containsExactly(0x61, 0x62, 3, 4, 0);
    }
  }

  @Test
  void addressesWrapInsideTheirPageOrCountDown() {
    try (var m = machine()) {
      openCascade(m);
      program8(m, 2, 0x46, 0x3FFFE, 3); // increment from FFFEh in page 3
      assertThat(device.channels[2].write(bytes(4, 1), 0, 4)).isEqualTo(4);
      assertThat(m.memory().read(0x3FFFE, 2)).containsExactly(1, 2);
      assertThat(m.memory().read(0x30000, 2)).as("wrapped in the page").containsExactly(3, 4);
      assertThat(m.peekb(0x40000)).as("the next page untouched").isZero();
      program8(m, 2, 0x66, 0x50002, 3); // decrement from 0002h
      assertThat(device.channels[2].write(bytes(4, 0x11), 0, 4)).isEqualTo(4);
      assertThat(m.memory().read(0x50000, 3)).containsExactly(0x13, 0x12, 0x11);
      assertThat(m.peekb(0x5FFFF)).as("wrapped down in the page").isEqualTo(0x14);
    }
  }

  @Test
  void readTransfersFeedTheDeviceAndVerifiesMoveNothing() {
    try (var m = machine()) {
      openCascade(m);
      m.memory().write(0x7000, bytes(8, 0x30));
      program8(m, 2, 0x4A, 0x7000, 7); // read transfer: memory to device
      byte[] got = new byte[8];
      assertThat(device.channels[2].read(got, 0, 8)).isEqualTo(8);
      assertThat(got).isEqualTo(bytes(8, 0x30));
      program8(m, 2, 0x42, 0x7000, 7); // verify
      Arrays.fill(got, (byte) 0);
      assertThat(device.channels[2].write(bytes(8, 0x70), 0, 8)).as("counted").isEqualTo(8);
      assertThat(device.channels[2].terminalCount()).isTrue();
      assertThat(m.memory().read(0x7000, 8)).as("memory unchanged").isEqualTo(bytes(8, 0x30));
      program8(m, 2, 0x4A, 0x7000, 7); // a read transfer while the device delivers
      assertThat(device.channels[2].write(bytes(8, 0x70), 0, 8)).isEqualTo(8);
      assertThat(m.memory().read(0x7000, 8)).as("memory only read").isEqualTo(bytes(8, 0x30));
    }
  }

  @Test
  void wordChannelsMoveWordsAndWrapAt128KiB() {
    try (var m = machine()) {
      openCascade(m);
      // Channel 5: word address FFFFh in the 128 KiB block at 120000h (page 12h; bit 0 unused).
      m.outb(0xD4, 0x05).outb(0xD8, 0);
      m.outb(0xC4, 0xFF).outb(0xC4, 0xFF).outb(0xC6, 0x01).outb(0xC6, 0x00); // 2 words
      m.outb(0xD6, 0x45).outb(0x8B, 0x13).outb(0xD4, 0x01);
      DmaChannel ch5 = device.channels[5];
      assertThat(ch5.write(bytes(5, 1), 0, 5)).as("whole words only").isEqualTo(4);
      assertThat(ch5.terminalCount()).isTrue();
      assertThat(m.memory().read(0x13FFFE, 2)).containsExactly(1, 2);
      assertThat(m.memory().read(0x120000, 2)).as("wrapped at 128 KiB").containsExactly(3, 4);
      assertThat(m.inb(0xD0) & 0x0F).as("TC of channel 5").isEqualTo(0x02);
    }
  }

  @Test
  void aSoftwareRequestInBlockModeRunsToTerminalCountWithNothingOnTheBus() {
    try (var m = machine()) {
      openCascade(m);
      program8(m, 1, 0x84, 0x9000, 3); // block mode, write transfer, 4 bytes
      m.outb(0x0A, 0x05); // masked: software requests ignore the mask
      m.outb(0x09, 0x05); // request channel 1
      assertThat(m.memory().read(0x9000, 5)).containsExactly(0xFF, 0xFF, 0xFF, 0xFF, 0);
      assertThat(m.inb(0x08)).as("TC set, request cleared").isEqualTo(0x02);
      program8(m, 0, 0x44, 0xA000, 3); // single mode: the request waits
      m.outb(0x09, 0x04);
      assertThat(m.inb(0x08)).as("request pending").isEqualTo(0x10);
      assertThat(m.peekb(0xA000)).isZero();
    }
  }
}
