package dev.mvm.samples.window;

import static java.awt.event.KeyEvent.KEY_LOCATION_NUMPAD;
import static java.awt.event.KeyEvent.KEY_LOCATION_RIGHT;

import java.awt.event.KeyEvent;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Which PC key an AWT key event stands for, by the names {@link dev.mvm.vdd.std.Keyboard}
 * takes. AWT names keys by what the host's layout prints on them, so on a US layout each key
 * reaches the guest as itself; on other layouts the guest, which believes in a US keyboard,
 * sees the key that carries the same label there. Keys AWT cannot tell apart from others, or
 * that a PC keyboard lacks, have no name.
 */
final class AwtKeys {

  /** Keys whose code alone says which PC key they are. Immutable once built. */
  private static final Map<Integer, String> BY_CODE = byCode();

  /** Keys that mean a keypad key when AWT reports them from the keypad (Num Lock off). */
  private static final Map<Integer, String> ON_KEYPAD = Map.ofEntries(
      Map.entry(KeyEvent.VK_HOME, "KP7"),
      Map.entry(KeyEvent.VK_UP, "KP8"),
      Map.entry(KeyEvent.VK_PAGE_UP, "KP9"),
      Map.entry(KeyEvent.VK_LEFT, "KP4"),
      Map.entry(KeyEvent.VK_BEGIN, "KP5"),
      Map.entry(KeyEvent.VK_CLEAR, "KP5"),
      Map.entry(KeyEvent.VK_RIGHT, "KP6"),
      Map.entry(KeyEvent.VK_END, "KP1"),
      Map.entry(KeyEvent.VK_DOWN, "KP2"),
      Map.entry(KeyEvent.VK_PAGE_DOWN, "KP3"),
      Map.entry(KeyEvent.VK_INSERT, "KP0"),
      Map.entry(KeyEvent.VK_DELETE, "KPDOT"),
      Map.entry(KeyEvent.VK_ENTER, "KPENTER"));

  private AwtKeys() {}

  /**
   * The PC key of an AWT key event.
   *
   * @param keyCode the event's {@link KeyEvent#getKeyCode()}
   * @param location its {@link KeyEvent#getKeyLocation()}
   * @return the key's name for {@link dev.mvm.vdd.std.Keyboard}, or null when no PC key
   *     matches
   */
  static @Nullable String name(int keyCode, int location) {
    boolean right = location == KEY_LOCATION_RIGHT;
    String modifier = switch (keyCode) {
      case KeyEvent.VK_SHIFT -> right ? "RSHIFT" : "LSHIFT";
      case KeyEvent.VK_CONTROL -> right ? "RCTRL" : "LCTRL";
      case KeyEvent.VK_ALT -> right ? "RALT" : "LALT";
      case KeyEvent.VK_WINDOWS -> right ? "RWIN" : "LWIN";
      default -> null;
    };
    if (modifier != null) {
      return modifier;
    }
    if (location == KEY_LOCATION_NUMPAD) {
      String keypad = ON_KEYPAD.get(keyCode);
      if (keypad != null) {
        return keypad;
      }
    }
    return BY_CODE.get(keyCode);
  }

  private static Map<Integer, String> byCode() {
    Map<Integer, String> keys = new HashMap<>();
    for (char c = 'A'; c <= 'Z'; c++) {
      keys.put(KeyEvent.VK_A + (c - 'A'), String.valueOf(c));
    }
    for (char c = '0'; c <= '9'; c++) {
      keys.put(KeyEvent.VK_0 + (c - '0'), String.valueOf(c));
      keys.put(KeyEvent.VK_NUMPAD0 + (c - '0'), "KP" + c);
    }
    for (int f = 1; f <= 12; f++) {
      keys.put(KeyEvent.VK_F1 + f - 1, "F" + f);
    }
    keys.put(KeyEvent.VK_ESCAPE, "ESC");
    keys.put(KeyEvent.VK_ENTER, "ENTER");
    keys.put(KeyEvent.VK_SPACE, "SPACE");
    keys.put(KeyEvent.VK_TAB, "TAB");
    keys.put(KeyEvent.VK_BACK_SPACE, "BACKSPACE");
    keys.put(KeyEvent.VK_CAPS_LOCK, "CAPSLOCK");
    keys.put(KeyEvent.VK_NUM_LOCK, "NUMLOCK");
    keys.put(KeyEvent.VK_SCROLL_LOCK, "SCROLLLOCK");
    keys.put(KeyEvent.VK_ALT_GRAPH, "RALT");
    keys.put(KeyEvent.VK_CONTEXT_MENU, "MENU");
    keys.put(KeyEvent.VK_PRINTSCREEN, "PRINTSCREEN");
    keys.put(KeyEvent.VK_PAUSE, "PAUSE");
    // The grey block between the main keys and the keypad.
    keys.put(KeyEvent.VK_UP, "UP");
    keys.put(KeyEvent.VK_DOWN, "DOWN");
    keys.put(KeyEvent.VK_LEFT, "LEFT");
    keys.put(KeyEvent.VK_RIGHT, "RIGHT");
    keys.put(KeyEvent.VK_HOME, "HOME");
    keys.put(KeyEvent.VK_END, "END");
    keys.put(KeyEvent.VK_PAGE_UP, "PGUP");
    keys.put(KeyEvent.VK_PAGE_DOWN, "PGDN");
    keys.put(KeyEvent.VK_INSERT, "INSERT");
    keys.put(KeyEvent.VK_DELETE, "DELETE");
    // The keypad's arrows as some platforms name them, and its operators.
    keys.put(KeyEvent.VK_KP_UP, "KP8");
    keys.put(KeyEvent.VK_KP_DOWN, "KP2");
    keys.put(KeyEvent.VK_KP_LEFT, "KP4");
    keys.put(KeyEvent.VK_KP_RIGHT, "KP6");
    keys.put(KeyEvent.VK_DECIMAL, "KPDOT");
    keys.put(KeyEvent.VK_ADD, "KPPLUS");
    keys.put(KeyEvent.VK_SUBTRACT, "KPMINUS");
    keys.put(KeyEvent.VK_MULTIPLY, "KPSTAR");
    keys.put(KeyEvent.VK_DIVIDE, "KPSLASH");
    // Punctuation, by the US key that carries it unshifted.
    keys.put(KeyEvent.VK_MINUS, "MINUS");
    keys.put(KeyEvent.VK_EQUALS, "EQUALS");
    keys.put(KeyEvent.VK_OPEN_BRACKET, "LBRACKET");
    keys.put(KeyEvent.VK_CLOSE_BRACKET, "RBRACKET");
    keys.put(KeyEvent.VK_SEMICOLON, "SEMICOLON");
    keys.put(KeyEvent.VK_QUOTE, "QUOTE");
    keys.put(KeyEvent.VK_BACK_QUOTE, "BACKQUOTE");
    keys.put(KeyEvent.VK_BACK_SLASH, "BACKSLASH");
    keys.put(KeyEvent.VK_COMMA, "COMMA");
    keys.put(KeyEvent.VK_PERIOD, "PERIOD");
    keys.put(KeyEvent.VK_SLASH, "SLASH");
    keys.put(KeyEvent.VK_LESS, "LESSGREATER"); // the extra key of 102-key keyboards
    return Map.copyOf(keys);
  }
}
