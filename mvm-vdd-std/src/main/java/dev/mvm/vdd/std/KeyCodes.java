package dev.mvm.vdd.std;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The keys of a US 101/102-key keyboard by name, with their scan-code set 1 sequences (what an
 * AT's keyboard controller delivers after translation), and the keys that type each printable
 * ASCII character. Set 1: a key's make code is below 80h, its break code is the make code plus
 * 80h, and the keys the enhanced keyboard added (the grey cursor block, right Ctrl and Alt,
 * keypad Enter and slash) send E0h first. Print Screen and Pause have sequences of their own.
 */
final class KeyCodes {

  /**
   * A key.
   *
   * @param name its canonical name
   * @param make the bytes sent when it goes down
   * @param release the bytes sent when it comes up (none for Pause)
   */
  @SuppressWarnings("ArrayRecordComponent") // constant tables, never handed out for writing
  record Key(String name, byte[] make, byte[] release) {}

  /**
   * The keys that type a character.
   *
   * @param key the key
   * @param shift whether Shift must be held
   */
  record Stroke(Key key, boolean shift) {}

  private static final Map<String, Key> BY_NAME = new HashMap<>();
  private static final Map<Character, Stroke> BY_CHAR = new HashMap<>();

  static final String LSHIFT = "LSHIFT";

  static {
    plain(0x01, "ESC", "ESCAPE");
    String digits = "1234567890";
    for (int i = 0; i < 10; i++) {
      plain(0x02 + i, String.valueOf(digits.charAt(i)));
    }
    plain(0x0C, "MINUS", "-");
    plain(0x0D, "EQUALS", "=");
    plain(0x0E, "BACKSPACE", "BKSP");
    plain(0x0F, "TAB");
    row(0x10, "QWERTYUIOP");
    plain(0x1A, "LBRACKET", "[");
    plain(0x1B, "RBRACKET", "]");
    plain(0x1C, "ENTER", "RETURN");
    plain(0x1D, "LCTRL", "CTRL", "CONTROL");
    row(0x1E, "ASDFGHJKL");
    plain(0x27, "SEMICOLON", ";");
    plain(0x28, "QUOTE", "APOSTROPHE", "'");
    plain(0x29, "BACKQUOTE", "GRAVE", "`");
    plain(0x2A, LSHIFT, "SHIFT");
    plain(0x2B, "BACKSLASH", "\\");
    row(0x2C, "ZXCVBNM");
    plain(0x33, "COMMA", ",");
    plain(0x34, "PERIOD", "DOT", ".");
    plain(0x35, "SLASH", "/");
    plain(0x36, "RSHIFT");
    plain(0x37, "KPSTAR", "KPMULTIPLY", "KP*");
    plain(0x38, "LALT", "ALT");
    plain(0x39, "SPACE", " ");
    plain(0x3A, "CAPSLOCK", "CAPS");
    for (int i = 0; i < 10; i++) {
      plain(0x3B + i, "F" + (i + 1));
    }
    plain(0x45, "NUMLOCK");
    plain(0x46, "SCROLLLOCK");
    plain(0x47, "KP7", "KPHOME");
    plain(0x48, "KP8", "KPUP");
    plain(0x49, "KP9", "KPPGUP");
    plain(0x4A, "KPMINUS", "KP-");
    plain(0x4B, "KP4", "KPLEFT");
    plain(0x4C, "KP5");
    plain(0x4D, "KP6", "KPRIGHT");
    plain(0x4E, "KPPLUS", "KP+");
    plain(0x4F, "KP1", "KPEND");
    plain(0x50, "KP2", "KPDOWN");
    plain(0x51, "KP3", "KPPGDN");
    plain(0x52, "KP0", "KPINS");
    plain(0x53, "KPDOT", "KPDEL", "KP.");
    plain(0x56, "LESSGREATER", "102ND"); // the extra key of 102-key keyboards
    plain(0x57, "F11");
    plain(0x58, "F12");
    extended(0x1C, "KPENTER");
    extended(0x1D, "RCTRL");
    extended(0x35, "KPSLASH", "KP/");
    extended(0x38, "RALT", "ALTGR");
    extended(0x47, "HOME");
    extended(0x48, "UP");
    extended(0x49, "PGUP", "PAGEUP");
    extended(0x4B, "LEFT");
    extended(0x4D, "RIGHT");
    extended(0x4F, "END");
    extended(0x50, "DOWN");
    extended(0x51, "PGDN", "PAGEDOWN");
    extended(0x52, "INSERT", "INS");
    extended(0x53, "DELETE", "DEL");
    extended(0x5B, "LWIN");
    extended(0x5C, "RWIN");
    extended(0x5D, "MENU");
    add(new Key("PRINTSCREEN", bytes(0xE0, 0x2A, 0xE0, 0x37), bytes(0xE0, 0xB7, 0xE0, 0xAA)),
        "PRTSC");
    add(new Key("PAUSE", bytes(0xE1, 0x1D, 0x45, 0xE1, 0x9D, 0xC5), new byte[0]), "BREAK");

    chars("1234567890-=", "!@#$%^&*()_+", new String[] {
      "1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "MINUS", "EQUALS"});
    chars("[];'`\\,./", "{}:\"~|<>?", new String[] {
      "LBRACKET", "RBRACKET", "SEMICOLON", "QUOTE", "BACKQUOTE", "BACKSLASH", "COMMA", "PERIOD",
      "SLASH"});
    for (char c = 'A'; c <= 'Z'; c++) {
      Key k = must(String.valueOf(c));
      BY_CHAR.put(Character.toLowerCase(c), new Stroke(k, false));
      BY_CHAR.put(c, new Stroke(k, true));
    }
    BY_CHAR.put(' ', new Stroke(must("SPACE"), false));
    BY_CHAR.put('\n', new Stroke(must("ENTER"), false));
    BY_CHAR.put('\r', new Stroke(must("ENTER"), false));
    BY_CHAR.put('\t', new Stroke(must("TAB"), false));
    BY_CHAR.put('\b', new Stroke(must("BACKSPACE"), false));
    BY_CHAR.put('\u001B', new Stroke(must("ESC"), false));
  }

  private KeyCodes() {}

  /**
   * Finds a key by name, ignoring case: "A", "ENTER", "F1", "LEFT", "LSHIFT", "KP7", "-", ...
   *
   * @param name the name
   * @return the key, or null if there is none of that name
   */
  static @Nullable Key byName(String name) {
    return BY_NAME.get(name.toUpperCase(Locale.ROOT));
  }

  /**
   * Returns the keys that type it on a US keyboard, or null for characters no key types.
   *
   * @param c a character
   * @return the keys that type it on a US keyboard, or null for characters no key types
   */
  static @Nullable Stroke forChar(char c) {
    return BY_CHAR.get(c);
  }

  private static Key must(String name) {
    Key k = BY_NAME.get(name);
    if (k == null) {
      throw new IllegalStateException("no key " + name);
    }
    return k;
  }

  private static void row(int first, String letters) {
    for (int i = 0; i < letters.length(); i++) {
      plain(first + i, String.valueOf(letters.charAt(i)));
    }
  }

  private static void plain(int code, String name, String... aliases) {
    add(new Key(name, bytes(code), bytes(code | 0x80)), aliases);
  }

  private static void extended(int code, String name, String... aliases) {
    add(new Key(name, bytes(0xE0, code), bytes(0xE0, code | 0x80)), aliases);
  }

  private static void add(Key key, String... aliases) {
    BY_NAME.put(key.name(), key);
    for (String alias : aliases) {
      BY_NAME.put(alias, key);
    }
  }

  private static void chars(String plain, String shifted, String[] keys) {
    for (int i = 0; i < keys.length; i++) {
      Key k = must(keys[i]);
      BY_CHAR.put(plain.charAt(i), new Stroke(k, false));
      BY_CHAR.put(shifted.charAt(i), new Stroke(k, true));
    }
  }

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }
}
