package dev.mvm.vdd.std;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Register-level tests of the 8042 model: offsets 0 (data) and 4 (status/command). */
class Kbc8042Test {
  private final List<Integer> toKeyboard = new ArrayList<>();
  private boolean irq1;
  private boolean irq12;
  private boolean a20;
  private int resets;
  private Kbc8042 kbc;

  @BeforeEach
  void create() {
    kbc = new Kbc8042(new Kbc8042.Lines() {
      @Override public void irq1(boolean high) { irq1 = high; }
      @Override public void irq12(boolean high) { irq12 = high; }
      @Override public void setA20(boolean enabled) { a20 = enabled; }
      @Override public boolean isA20() { return a20; }
      @Override public void reset() { resets++; }
    }, toKeyboard::add, b -> {}, false);
    kbc.reset(0x45);
  }

  private int status() {
    return kbc.read(4);
  }

  @Test
  void selfTestAnswers55hAndSetsTheSystemFlag() {
    kbc.reset(0x00);
    assertThat(status()).as("cold: only the key lock open (INH), input buffer never full")
        .isEqualTo(Kbc8042.INH);
    kbc.write(4, 0xAA);
    assertThat(status() & (Kbc8042.OBF | Kbc8042.SYS | Kbc8042.A2))
        .isEqualTo(Kbc8042.OBF | Kbc8042.SYS | Kbc8042.A2);
    assertThat(kbc.read(0)).isEqualTo(0x55);
    assertThat(status() & Kbc8042.OBF).isZero();
    kbc.write(4, 0xAB);
    assertThat(kbc.read(0)).as("keyboard interface test").isZero();
    kbc.write(4, 0xA9);
    assertThat(kbc.read(0)).as("aux interface test").isZero();
  }

  @Test
  void commandByteIsReadWithCommand20hAndWrittenWith60h() {
    kbc.write(4, 0x20);
    assertThat(kbc.read(0)).isEqualTo(0x45);
    kbc.write(4, 0x60);
    kbc.write(0, 0x61);
    assertThat(status() & Kbc8042.A2).as("last write was data").isZero();
    assertThat(toKeyboard).as("a command's data byte does not reach the keyboard").isEmpty();
    kbc.write(4, 0x20);
    assertThat(kbc.read(0)).isEqualTo(0x61);
    // the other RAM bytes
    kbc.write(4, 0x65);
    kbc.write(0, 0x9C);
    kbc.write(4, 0x25);
    assertThat(kbc.read(0)).isEqualTo(0x9C);
  }

  @Test
  void irq1FollowsTheOutputBufferWhenTheCommandByteEnablesIt() {
    kbc.fromKeyboard(0x1E);
    assertThat(irq1).isTrue();
    assertThat(kbc.read(0)).isEqualTo(0x1E);
    assertThat(irq1).isFalse();
    kbc.write(4, 0x60);
    kbc.write(0, 0x44); // keyboard interrupt off
    kbc.fromKeyboard(0x9E);
    assertThat(status() & Kbc8042.OBF).isNotZero();
    assertThat(irq1).isFalse();
    kbc.write(4, 0x60);
    kbc.write(0, 0x45);
    assertThat(irq1).as("enabling with a byte waiting raises IRQ 1").isTrue();
  }

  @Test
  void oneByteAtATimeTheNextLoadedWhenDataIsRead() {
    kbc.fromKeyboard(0xE0);
    kbc.fromKeyboard(0x48);
    assertThat(kbc.keyboardPending()).isTrue();
    assertThat(kbc.read(0)).isEqualTo(0xE0);
    assertThat(status() & Kbc8042.OBF).isNotZero();
    assertThat(irq1).isTrue();
    assertThat(kbc.read(0)).isEqualTo(0x48);
    assertThat(status() & Kbc8042.OBF).isZero();
    assertThat(kbc.read(0)).as("an empty buffer reads its last byte again").isEqualTo(0x48);
  }

  @Test
  void controllerAnswersComeBeforeWaitingKeyboardBytes() {
    kbc.write(4, 0xAD); // disable keyboard: bytes wait
    kbc.fromKeyboard(0x10);
    assertThat(status() & Kbc8042.OBF).isZero();
    kbc.write(4, 0x20);
    assertThat(kbc.read(0)).isEqualTo(0x45 | Kbc8042.CMD_KBD_DISABLED);
    kbc.write(4, 0xAE);
    assertThat(kbc.read(0)).isEqualTo(0x10);
  }

  @Test
  void writingTheDataPortSendsToTheKeyboardAndReenablesIt() {
    kbc.write(4, 0xAD);
    kbc.write(0, 0xF4);
    assertThat(toKeyboard).containsExactly(0xF4);
    assertThat(kbc.keyboardDisabled()).isFalse();
  }

  @Test
  void outputPortDrivesA20AndReset() {
    kbc.write(4, 0xD1);
    kbc.write(0, 0xDF);
    assertThat(a20).isTrue();
    assertThat(resets).isZero();
    kbc.write(4, 0xD0);
    assertThat(kbc.read(0) & 0x03).isEqualTo(0x03);
    kbc.write(4, 0xD1);
    kbc.write(0, 0xDD);
    assertThat(a20).isFalse();
    kbc.write(4, 0xD1);
    kbc.write(0, 0xDE); // bit 0 low: reset
    assertThat(resets).isEqualTo(1);
    kbc.write(4, 0xDD);
    assertThat(a20).isFalse();
    kbc.write(4, 0xDF);
    assertThat(a20).isTrue();
    kbc.write(4, 0xD0);
    assertThat(kbc.read(0) & 0x02).as("bit 1 reads the gate").isEqualTo(0x02);
  }

  @Test
  void outputPortReportsTheBufferFullLines() {
    kbc.fromKeyboard(0x1E);
    kbc.write(4, 0xD0); // the answer waits behind the key byte, taken while it was there
    assertThat(kbc.read(0)).isEqualTo(0x1E);
    assertThat(kbc.read(0) & 0x30).as("bit 4: keyboard byte in the buffer").isEqualTo(0x10);
    kbc.write(4, 0xD0);
    assertThat(kbc.read(0) & 0x30).as("nothing in the buffer but the answer").isZero();
  }

  @Test
  void pulseCommandsResetOnlyWhenBit0IsPulsed() {
    kbc.write(4, 0xFF);
    kbc.write(4, 0xF1);
    assertThat(resets).isZero();
    kbc.write(4, 0xFE);
    assertThat(resets).isEqualTo(1);
    kbc.write(4, 0xF0);
    assertThat(resets).isEqualTo(2);
  }

  @Test
  void d2AndD3WriteTheOutputBufferAsKeyboardOrMouse() {
    kbc.write(4, 0x60);
    kbc.write(0, 0x47); // both interrupts
    kbc.write(4, 0xD2);
    kbc.write(0, 0x3B);
    assertThat(status() & (Kbc8042.OBF | Kbc8042.AUX_OBF)).isEqualTo(Kbc8042.OBF);
    assertThat(irq1).isTrue();
    assertThat(kbc.read(0)).isEqualTo(0x3B);
    kbc.write(4, 0xD3);
    kbc.write(0, 0x08);
    assertThat(status() & (Kbc8042.OBF | Kbc8042.AUX_OBF))
        .isEqualTo(Kbc8042.OBF | Kbc8042.AUX_OBF);
    assertThat(irq12).isTrue();
    assertThat(irq1).isFalse();
    assertThat(kbc.read(0)).isEqualTo(0x08);
    assertThat(irq12).isFalse();
  }

  @Test
  void aByteForAMissingMouseTimesOut() {
    kbc.write(4, 0xD4);
    kbc.write(0, 0xFF);
    assertThat(status() & (Kbc8042.TIMEOUT | Kbc8042.AUX_OBF))
        .isEqualTo(Kbc8042.TIMEOUT | Kbc8042.AUX_OBF);
    assertThat(kbc.read(0)).isEqualTo(0xFE);
    assertThat(toKeyboard).isEmpty();
  }

  @Test
  void auxEnableAndDisableSetCommandByteBit5() {
    kbc.write(4, 0xA7);
    kbc.write(4, 0x20);
    assertThat(kbc.read(0) & Kbc8042.CMD_AUX_DISABLED).isNotZero();
    kbc.write(4, 0xA8);
    kbc.write(4, 0x20);
    assertThat(kbc.read(0) & Kbc8042.CMD_AUX_DISABLED).isZero();
  }

  @Test
  void inputPortAndUnknownCommands() {
    kbc.write(4, 0xC0);
    assertThat(kbc.read(0)).isEqualTo(Kbc8042.INPUT_PORT);
    assertThat(kbc.write(4, 0xC8)).isFalse();
    assertThat(status() & Kbc8042.OBF).isZero();
  }
}
