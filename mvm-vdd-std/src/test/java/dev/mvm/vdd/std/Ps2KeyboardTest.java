package dev.mvm.vdd.std;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The keyboard's command set, byte by byte. */
class Ps2KeyboardTest {
  private final List<Integer> sent = new ArrayList<>();
  private final Ps2Keyboard kbd = new Ps2Keyboard(sent::add);

  private List<Integer> command(int... bytes) {
    sent.clear();
    for (int b : bytes) {
      kbd.receive(b);
    }
    return sent;
  }

  @Test
  void resetAcknowledgesAndPassesItsSelfTest() {
    assertThat(command(0xFF)).containsExactly(0xFA, 0xAA);
  }

  @Test
  void identifyAnswersTheTranslatedMf2Id() {
    assertThat(command(0xF2)).containsExactly(0xFA, 0xAB, 0x41);
  }

  @Test
  void ledsTakeAParameter() {
    assertThat(command(0xED, 0x05)).containsExactly(0xFA, 0xFA);
    assertThat(kbd.leds()).isEqualTo(5);
  }

  @Test
  void echoAnswersEe() {
    assertThat(command(0xEE)).containsExactly(0xEE);
  }

  @Test
  void scanSetIsChosenAndQueried() {
    assertThat(command(0xF0, 0x00)).containsExactly(0xFA, 0xFA, 0x41);
    assertThat(command(0xF0, 0x01)).containsExactly(0xFA, 0xFA);
    assertThat(kbd.scanSet()).isEqualTo(1);
    assertThat(command(0xF0, 0x00)).containsExactly(0xFA, 0xFA, 0x43);
    assertThat(command(0xF0, 0x07)).containsExactly(0xFA, 0xFE);
  }

  @Test
  void typematicTakesAParameterAndDefaultsRestoreIt() {
    assertThat(command(0xF3, 0x7F)).containsExactly(0xFA, 0xFA);
    assertThat(kbd.typematic()).isEqualTo(0x7F);
    assertThat(command(0xF6)).containsExactly(0xFA);
    assertThat(kbd.typematic()).isEqualTo(Ps2Keyboard.DEFAULT_TYPEMATIC);
  }

  @Test
  void disabledKeyboardReportsNoKeysUntilEnabled() {
    assertThat(command(0xF5)).containsExactly(0xFA);
    sent.clear();
    kbd.keyEvent(new byte[] {0x1E});
    assertThat(sent).isEmpty();
    assertThat(command(0xF4)).containsExactly(0xFA);
    sent.clear();
    kbd.keyEvent(new byte[] {(byte) 0xE0, 0x48});
    assertThat(sent).containsExactly(0xE0, 0x48);
  }

  @Test
  void unknownCommandsAnswerResendAndResendRepeatsTheLastByte() {
    assertThat(command(0xEF)).containsExactly(0xFE);
    command(0xEE);
    assertThat(command(0xFE)).containsExactly(0xEE);
  }

  @Test
  void aCommandWhereAParameterWasExpectedStartsOver() {
    assertThat(command(0xED, 0xF2)).containsExactly(0xFA, 0xFA, 0xAB, 0x41);
    assertThat(kbd.leds()).isZero();
  }
}
