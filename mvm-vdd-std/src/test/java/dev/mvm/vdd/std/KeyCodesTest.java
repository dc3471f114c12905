package dev.mvm.vdd.std;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Scan-code set 1 sequences by key name and the keys behind typed characters. */
class KeyCodesTest {

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  @Test
  void plainKeysBreakWithTheHighBitSet() {
    KeyCodes.Key a = KeyCodes.byName("a");
    assertThat(a.make()).isEqualTo(bytes(0x1E));
    assertThat(a.release()).isEqualTo(bytes(0x9E));
    assertThat(KeyCodes.byName("F12").make()).isEqualTo(bytes(0x58));
    assertThat(KeyCodes.byName("KP7").make()).isEqualTo(bytes(0x47));
    assertThat(KeyCodes.byName("-")).isSameAs(KeyCodes.byName("MINUS"));
  }

  @Test
  void greyKeysArePrefixedWithE0() {
    assertThat(KeyCodes.byName("LEFT").make()).isEqualTo(bytes(0xE0, 0x4B));
    assertThat(KeyCodes.byName("LEFT").release()).isEqualTo(bytes(0xE0, 0xCB));
    assertThat(KeyCodes.byName("RCTRL").make()).isEqualTo(bytes(0xE0, 0x1D));
    assertThat(KeyCodes.byName("KPENTER").make()).isEqualTo(bytes(0xE0, 0x1C));
  }

  @Test
  void printScreenAndPauseHaveTheirOwnSequences() {
    assertThat(KeyCodes.byName("PRINTSCREEN").make()).isEqualTo(bytes(0xE0, 0x2A, 0xE0, 0x37));
    assertThat(KeyCodes.byName("PRINTSCREEN").release())
        .isEqualTo(bytes(0xE0, 0xB7, 0xE0, 0xAA));
    assertThat(KeyCodes.byName("PAUSE").make())
        .isEqualTo(bytes(0xE1, 0x1D, 0x45, 0xE1, 0x9D, 0xC5));
    assertThat(KeyCodes.byName("PAUSE").release()).isEmpty();
  }

  @Test
  void charactersMapToKeysWithOrWithoutShift() {
    assertThat(KeyCodes.forChar('a').shift()).isFalse();
    assertThat(KeyCodes.forChar('A').shift()).isTrue();
    assertThat(KeyCodes.forChar('A').key()).isSameAs(KeyCodes.byName("A"));
    assertThat(KeyCodes.forChar('"').key()).isSameAs(KeyCodes.byName("QUOTE"));
    assertThat(KeyCodes.forChar('"').shift()).isTrue();
    assertThat(KeyCodes.forChar('\n').key()).isSameAs(KeyCodes.byName("ENTER"));
    assertThat(KeyCodes.forChar('~').key().make()).isEqualTo(bytes(0x29));
    assertThat(KeyCodes.forChar('\u00e9')).isNull();
    assertThat(KeyCodes.byName("NOSUCHKEY")).isNull();
  }
}
