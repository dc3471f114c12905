package dev.mvm.vdd.std;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvm.testkit.VddTestKit;
import org.junit.jupiter.api.Test;

/** VSYSCTL and VDEBUGCON as SeaBIOS and other firmware probe them. */
class VSysCtlTest {

  @Test
  void port92ReadsBackItsA20Latch() {
    try (var m = VddTestKit.embed(new VSysCtl()).start()) {
      assertThat(m.inb(0x92) & 0x02).as("A20 closed at power-on").isZero();
      m.outb(0x92, 0x02);
      assertThat(m.inb(0x92)).isEqualTo(0x02);
      m.outb(0x92, 0x42);
      assertThat(m.inb(0x92)).as("other bits as written").isEqualTo(0x42);
      m.outb(0x92, 0x40);
      assertThat(m.inb(0x92)).as("A20 closed again").isEqualTo(0x40);
    }
  }

  @Test
  void theDebugConsolePortsReadE9hSoSeaBiosKeepsLogging() {
    try (var m = VddTestKit.embed(new VDebugCon()).start()) {
      assertThat(m.inb(0x402)).isEqualTo(0xE9);
      assertThat(m.inb(0xE9)).isEqualTo(0xE9);
      for (char c : "SeaBIOS\n".toCharArray()) {
        m.outb(0x402, c);
      }
      m.outb(0xE9, 'x');
      assertThat(m.device(DebugConsole.class).text()).isEqualTo("SeaBIOS\nx");
    }
  }
}
