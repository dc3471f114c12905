package dev.mvm.vdd.std;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvm.testkit.VddTestKit;
import org.junit.jupiter.api.Test;

/** VPCI: no PCI at all by default, or a host bridge with an empty bus. */
class VPciTest {

  @Test
  void byDefaultTheMachineIsIsaOnlyAndCf8DoesNotReadBack() {
    try (var m = VddTestKit.embed(new VPci()).start()) {
      m.outd(0xCF8, 0x8000_0000); // SeaBIOS's pci_probe_host
      assertThat(m.ind(0xCF8)).as("non-PCI system").isEqualTo(0xFFFF_FFFF);
      assertThat(m.ind(0xCFC)).isEqualTo(0xFFFF_FFFF);
      assertThat(m.inw(0xCFC)).as("vendor of 00:00.0").isEqualTo(0xFFFF);
      assertThat(m.inb(0xCFF)).isEqualTo(0xFF);
    }
  }

  @Test
  void withMechanism1TheAddressReadsBackAndEverySlotIsEmpty() {
    try (var m = VddTestKit.embed(new VPci()).property(VPci.MECHANISM_1, true).start()) {
      assertThat(m.ind(0xCF8)).isZero();
      m.outd(0xCF8, 0x8000_0000);
      assertThat(m.ind(0xCF8)).as("PCI present").isEqualTo(0x8000_0000);
      for (int bus = 0; bus < 256; bus += 85) {
        for (int device = 0; device < 32; device += 7) {
          m.outd(0xCF8, 0x8000_0000 | bus << 16 | device << 11);
          assertThat(m.ind(0xCFC)).as("%02X:%02X.0", bus, device).isEqualTo(0xFFFF_FFFF);
          assertThat(m.inw(0xCFE)).isEqualTo(0xFFFF);
        }
      }
      m.outd(0xCF8, 0xFFFF_FFFF);
      assertThat(m.ind(0xCF8)).as("reserved bits read as zero").isEqualTo(0x80FF_FFFC);
      m.outb(0xCF8, 0x00).outw(0xCFA, 0);
      assertThat(m.ind(0xCF8)).as("only dwords reach the register").isEqualTo(0x80FF_FFFC);
      m.outd(0xCFC, 0x1234_5678);
      assertThat(m.ind(0xCFC)).as("writes to an empty slot vanish").isEqualTo(0xFFFF_FFFF);
    }
  }
}
