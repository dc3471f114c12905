package dev.mvm.vdd.std;

/**
 * The PC keyboard as the host sees it: keys pressed and released by name, or text typed with
 * Shift where a character needs it. {@link VKbd} publishes it; get it with {@code
 * vm.device(Keyboard.class)}. Every method may be called from any thread: it checks its
 * arguments at once and hands the keys to the VM, which delivers them in order, one key at a
 * time, as fast as the guest takes them (with the built-in BIOS, no faster than its type-ahead
 * buffer has room), so typed text is not lost.
 *
 * <pre>{@code
 * Keyboard kbd = vm.device(Keyboard.class).orElseThrow();
 * kbd.type("dir /w\n");
 * kbd.press("LCTRL"); kbd.tap("C"); kbd.release("LCTRL");
 * }</pre>
 *
 * <p>Key names follow a US 101/102-key keyboard, case-insensitive: letters and digits ({@code
 * "A"}, {@code "7"}), {@code "F1"}&ndash;{@code "F12"}, {@code "ESC"}, {@code "ENTER"}, {@code
 * "SPACE"}, {@code "TAB"}, {@code "BACKSPACE"}, {@code "LSHIFT"}, {@code "RSHIFT"}, {@code
 * "LCTRL"}, {@code "RCTRL"}, {@code "LALT"}, {@code "RALT"}, {@code "CAPSLOCK"}, {@code
 * "NUMLOCK"}, {@code "SCROLLLOCK"}, {@code "UP"}, {@code "DOWN"}, {@code "LEFT"}, {@code
 * "RIGHT"}, {@code "HOME"}, {@code "END"}, {@code "PGUP"}, {@code "PGDN"}, {@code "INSERT"},
 * {@code "DELETE"}, the keypad's {@code "KP0"}&ndash;{@code "KP9"}, {@code "KPDOT"}, {@code
 * "KPPLUS"}, {@code "KPMINUS"}, {@code "KPSTAR"}, {@code "KPSLASH"}, {@code "KPENTER"}, the
 * punctuation keys by their unshifted character ({@code "-"}, {@code "["}, {@code ";"} ...) or
 * name ({@code "MINUS"}, {@code "LBRACKET"}, {@code "SEMICOLON"} ...), {@code "PRINTSCREEN"},
 * {@code "PAUSE"}, {@code "LWIN"}, {@code "RWIN"}, {@code "MENU"}.
 */
public interface Keyboard {

  /**
   * Presses a key and keeps it down.
   *
   * @param key the key's name
   * @throws IllegalArgumentException if there is no key of that name
   */
  void press(String key);

  /**
   * Releases a key.
   *
   * @param key the key's name
   * @throws IllegalArgumentException if there is no key of that name
   */
  void release(String key);

  /**
   * Presses and releases a key.
   *
   * @param key the key's name
   * @throws IllegalArgumentException if there is no key of that name
   */
  void tap(String key);

  /**
   * Types text: printable ASCII, with {@code '\n'} or {@code '\r'} as Enter, {@code '\t'} as
   * Tab, {@code '\b'} as Backspace and ESC (1Bh) as Esc; left Shift is held around the
   * characters that need it.
   *
   * @param text the text
   * @throws IllegalArgumentException if a character cannot be typed on a US keyboard; nothing
   *     is typed then
   */
  void type(String text);

  /**
   * The keyboard's LEDs as the guest last set them.
   *
   * @return bit 0 Scroll Lock, bit 1 Num Lock, bit 2 Caps Lock
   */
  int leds();
}
