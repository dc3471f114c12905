package dev.mvm.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mvm.api.VddException;
import dev.mvm.api.VmConfigurationException;
import dev.mvm.api.vdd.Hook;
import dev.mvm.api.vdd.IoHandler;
import dev.mvm.api.vdd.IoPorts;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IoBusTest {
  private final IoBus bus = new IoBus();
  private final List<String> log = new ArrayList<>();

  /** A byte-only device that logs and reads back port low byte + offset. */
  private IoHandler bytes(String name, int offset) {
    return new IoHandler() {
      @Override
      public int inb(int port) {
        log.add(name + " inb " + Integer.toHexString(port));
        return (port + offset) & 0xFF;
      }

      @Override
      public void outb(int port, int value) {
        log.add(name + " outb " + Integer.toHexString(port) + "=" + Integer.toHexString(value));
      }
    };
  }

  /** A device with real 16 and 32-bit registers. */
  private IoHandler wide(String name) {
    return new IoHandler() {
      @Override
      public int inb(int port) {
        log.add(name + " inb");
        return 0x11;
      }

      @Override
      public void outb(int port, int value) {
        log.add(name + " outb");
      }

      @Override
      public int inw(int port) {
        log.add(name + " inw " + Integer.toHexString(port));
        return 0xBEEF;
      }

      @Override
      public void outw(int port, int value) {
        log.add(name + " outw " + Integer.toHexString(value));
      }

      @Override
      public int ind(int port) {
        log.add(name + " ind");
        return 0xCAFEBABE;
      }

      @Override
      public void outd(int port, int value) {
        log.add(name + " outd " + Integer.toHexString(value));
      }
    };
  }

  @Test
  void unclaimedPortsFloat() {
    assertThat(bus.in(0x3F8, 1)).isEqualTo(0xFF);
    assertThat(bus.in(0x3F8, 2)).isEqualTo(0xFFFF);
    assertThat(bus.in(0x3F8, 4)).isEqualTo(0xFFFF_FFFF);
    bus.out(0x3F8, 4, 0x1234_5678); // ignored
  }

  @Test
  void wideAccessesToOneHandlerUseItsWideMethods() {
    bus.portsFor("IDE").claim(0x1F0, 8, wide("ide"));
    assertThat(bus.in(0x1F0, 2)).isEqualTo(0xBEEF);
    assertThat(bus.in(0x1F0, 4)).isEqualTo(0xCAFEBABE);
    bus.out(0x1F0, 2, 0x1234);
    bus.out(0x1F0, 4, 0x1234_5678);
    assertThat(log).containsExactly("ide inw 1f0", "ide ind", "ide outw 1234", "ide outd 12345678");
  }

  @Test
  void byteHandlersGetWideAccessesSplitLowPortFirst() {
    bus.portsFor("PIT").claim(0x40, 4, bytes("pit", 0));
    assertThat(bus.in(0x40, 2)).isEqualTo(0x4140);
    bus.out(0x42, 2, 0xABCD);
    assertThat(log).containsExactly("pit inb 40", "pit inb 41", "pit outb 42=cd", "pit outb 43=ab");
  }

  @Test
  void accessesAcrossTwoHandlersAndTheFloatingBusAreSplitIntoBytes() {
    bus.portsFor("A").claim(0x100, 1, wide("a"));
    bus.portsFor("B").claim(0x101, 1, bytes("b", 0));
    assertThat(bus.in(0x100, 2)).isEqualTo(0x0111);
    // 102h and 103h float
    assertThat(bus.in(0x100, 4)).isEqualTo(0xFFFF_0111);
    bus.out(0x100, 2, 0x2233);
    assertThat(log)
        .containsExactly("a inb", "b inb 101", "a inb", "b inb 101", "a outb", "b outb 101=22");
  }

  @Test
  void hooksSwitchOffAndAreRemoved() {
    Hook claim = bus.portsFor("A").claim(0x60, 1, bytes("a", 1));
    assertThat(bus.in(0x60, 1)).isEqualTo(0x61);
    claim.setEnabled(false);
    assertThat(claim.isEnabled()).isFalse();
    assertThat(bus.in(0x60, 1)).isEqualTo(0xFF);
    claim.setEnabled(true);
    assertThat(bus.in(0x60, 1)).isEqualTo(0x61);
    claim.remove();
    claim.remove();
    assertThat(bus.in(0x60, 1)).isEqualTo(0xFF);
    claim.setEnabled(true);
    assertThat(claim.isEnabled()).isFalse();
    // the port is free again
    bus.portsFor("B").claim(0x60, 1, bytes("b", 2));
    assertThat(bus.in(0x60, 1)).isEqualTo(0x62);
  }

  @Test
  void aChainLayerSeesTheHandlerBeneathAtEveryAccess() {
    IoPorts a = bus.portsFor("A");
    IoPorts b = bus.portsFor("B");
    Hook base = a.claim(0x60, 2, bytes("a", 0));
    Hook layer =
        b.chain(
            0x60,
            2,
            below ->
                new IoHandler() {
                  @Override
                  public int inb(int port) {
                    return below.inb(port) | 0x80;
                  }

                  @Override
                  public void outb(int port, int value) {
                    log.add("layer");
                    below.outb(port, value);
                  }
                });
    assertThat(bus.in(0x60, 1)).isEqualTo(0xE0);
    bus.out(0x61, 1, 5);
    assertThat(log).containsExactly("a inb 60", "layer", "a outb 61=5");
    base.setEnabled(false);
    assertThat(bus.in(0x60, 1)).isEqualTo(0xFF); // the floating bus beneath, ORed with 80h
    base.setEnabled(true);
    layer.remove();
    assertThat(bus.in(0x60, 1)).isEqualTo(0x60);
  }

  @Test
  void anExclusiveClaimGoesBeneathExistingChainLayers() {
    bus.portsFor("B").chain(0x70, 1, below -> bytesOver(below));
    bus.portsFor("A").claim(0x70, 1, bytes("a", 3));
    assertThat(bus.in(0x70, 1)).isEqualTo(0x73 + 1);
  }

  private static IoHandler bytesOver(IoHandler below) {
    return new IoHandler() {
      @Override
      public int inb(int port) {
        return below.inb(port) + 1;
      }

      @Override
      public void outb(int port, int value) {
        below.outb(port, value);
      }
    };
  }

  @Test
  void twoExclusiveClaimsOnOnePortConflict() {
    bus.portsFor("VKBD").claim(0x60, 5, bytes("a", 0));
    assertThatThrownBy(() -> bus.portsFor("MYKBD").claim(0x64, 1, bytes("b", 0)))
        .isInstanceOf(VmConfigurationException.class)
        .hasMessageContaining("VDD MYKBD")
        .hasMessageContaining("VDD VKBD")
        .hasMessageContaining("0064h");
  }

  @Test
  void aFailingHandlerIsNamed() {
    bus.portsFor("BAD")
        .claim(
            0x300,
            1,
            new IoHandler() {
              @Override
              public int inb(int port) {
                throw new IllegalStateException("no data");
              }

              @Override
              public void outb(int port, int value) {}
            });
    assertThatThrownBy(() -> bus.in(0x300, 1))
        .isInstanceOf(VddException.class)
        .hasMessageContaining("VDD BAD")
        .hasMessageContaining("IN from port 0300h")
        .hasRootCauseMessage("no data")
        .extracting(e -> ((VddException) e).vddId())
        .isEqualTo("BAD");
  }

  @Test
  void badRangesAndSizesAreRejected() {
    assertThatThrownBy(() -> bus.portsFor("A").claim(0xFFFF, 2, bytes("a", 0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> bus.in(0, 3)).isInstanceOf(IllegalArgumentException.class);
  }
}
