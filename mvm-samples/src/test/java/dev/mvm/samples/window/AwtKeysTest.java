package dev.mvm.samples.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvm.api.Vm;
import dev.mvm.vdd.std.Keyboard;
import java.awt.event.KeyEvent;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** AWT's keys map to the PC keys {@link Keyboard} knows; runs without a display. */
class AwtKeysTest {
  private static final int[] LOCATIONS = {
    KeyEvent.KEY_LOCATION_UNKNOWN, KeyEvent.KEY_LOCATION_STANDARD, KeyEvent.KEY_LOCATION_LEFT,
    KeyEvent.KEY_LOCATION_RIGHT, KeyEvent.KEY_LOCATION_NUMPAD};

  @Test
  void everyNameIsAKeyOfTheKeyboard() {
    Set<String> names = new TreeSet<>();
    for (int code = 0; code <= 0xFFFF; code++) {
      for (int location : LOCATIONS) {
        String name = AwtKeys.name(code, location);
        if (name != null) {
          names.add(name);
        }
      }
    }
    // 26 letters, 10 digits, 12 function keys, 10 keypad digits and the named keys.
    assertThat(names).hasSizeGreaterThan(90);
    try (Vm vm = Vm.builder().build()) {
      Keyboard keyboard = vm.device(Keyboard.class).orElseThrow();
      for (String name : names) {
        keyboard.tap(name); // throws IllegalArgumentException for a name it does not know
      }
    }
  }

  @Test
  void keysMapByCodeAndLocation() {
    int standard = KeyEvent.KEY_LOCATION_STANDARD;
    assertThat(AwtKeys.name(KeyEvent.VK_Y, standard)).isEqualTo("Y");
    assertThat(AwtKeys.name(KeyEvent.VK_7, standard)).isEqualTo("7");
    assertThat(AwtKeys.name(KeyEvent.VK_F11, standard)).isEqualTo("F11");
    assertThat(AwtKeys.name(KeyEvent.VK_TAB, standard)).isEqualTo("TAB");
    assertThat(AwtKeys.name(KeyEvent.VK_ESCAPE, standard)).isEqualTo("ESC");
    assertThat(AwtKeys.name(KeyEvent.VK_SEMICOLON, standard)).isEqualTo("SEMICOLON");
    assertThat(AwtKeys.name(KeyEvent.VK_SHIFT, KeyEvent.KEY_LOCATION_LEFT)).isEqualTo("LSHIFT");
    assertThat(AwtKeys.name(KeyEvent.VK_SHIFT, KeyEvent.KEY_LOCATION_RIGHT)).isEqualTo("RSHIFT");
    assertThat(AwtKeys.name(KeyEvent.VK_CONTROL, KeyEvent.KEY_LOCATION_RIGHT)).isEqualTo("RCTRL");
    assertThat(AwtKeys.name(KeyEvent.VK_ALT, KeyEvent.KEY_LOCATION_LEFT)).isEqualTo("LALT");
    // The grey cursor block and the keypad with Num Lock off give the same codes.
    assertThat(AwtKeys.name(KeyEvent.VK_HOME, standard)).isEqualTo("HOME");
    assertThat(AwtKeys.name(KeyEvent.VK_HOME, KeyEvent.KEY_LOCATION_NUMPAD)).isEqualTo("KP7");
    assertThat(AwtKeys.name(KeyEvent.VK_ENTER, standard)).isEqualTo("ENTER");
    assertThat(AwtKeys.name(KeyEvent.VK_ENTER, KeyEvent.KEY_LOCATION_NUMPAD))
        .isEqualTo("KPENTER");
    assertThat(AwtKeys.name(KeyEvent.VK_NUMPAD5, KeyEvent.KEY_LOCATION_NUMPAD)).isEqualTo("KP5");
    assertThat(AwtKeys.name(KeyEvent.VK_UNDEFINED, standard)).isNull();
    assertThat(AwtKeys.name(KeyEvent.VK_F13, standard)).isNull();
  }
}
