package dev.mvm.vdd.std;

import dev.mvm.api.vdd.GuestMemory;
import org.jspecify.annotations.Nullable;

/**
 * The keyboard half of the built-in BIOS's data: the shift states and the type-ahead buffer in
 * the BIOS data area, and the translation of scan codes (set 1) into the words INT 16h returns
 * (scan code in the high byte, ASCII or 0 in the low). {@link VKbd} calls it from INT 09h and
 * INT 16h; it keeps no state of its own, so programs that read or write the data area directly
 * (many do) stay in step.
 *
 * <p>The data area, as the IBM PC/AT technical reference lays it out (segment 40h): 17h shift
 * flags (0 right Shift, 1 left Shift, 2 Ctrl, 3 Alt, 4 Scroll Lock, 5 Num Lock, 6 Caps Lock, 7
 * Insert active), 18h keys held (0 left Ctrl, 1 left Alt, 2 SysReq, 3 pause, 4 Scroll Lock, 5
 * Num Lock, 6 Caps Lock, 7 Insert), 19h the Alt+keypad number being entered, 1Ah/1Ch head and
 * tail of the buffer as offsets from 40:0, 1Eh&ndash;3Dh the default buffer (16 words, one
 * always free), 71h bit 7 Ctrl-Break seen, 72h the 1234h warm-boot flag, 80h/82h buffer start
 * and end, 96h (0 E1h seen, 1 E0h seen, 2 right Ctrl, 3 right Alt, 4 enhanced keyboard), 97h the
 * LEDs.
 *
 * <p>Keys only the enhanced BIOS knows are stored with ASCII F0h (or with scan codes above 84h),
 * so that the old read functions (INT 16h 00h/01h) skip them, while the grey keys are stored
 * with ASCII E0h (or scan E0h for the keypad's Enter and slash), which the old functions turn
 * into the codes of their white twins and the enhanced ones (10h/11h) return as they are.
 */
final class BiosKeyboard {

  static final int SEGMENT = 0x40;
  static final int FLAGS1 = 0x17;
  static final int FLAGS2 = 0x18;
  static final int ALT_NUMBER = 0x19;
  static final int HEAD = 0x1A;
  static final int TAIL = 0x1C;
  static final int BUFFER = 0x1E;
  static final int BUFFER_END = 0x3E;
  static final int BREAK_FLAG = 0x71;
  static final int RESET_FLAG = 0x72;
  static final int BUFFER_START_PTR = 0x80;
  static final int BUFFER_END_PTR = 0x82;
  static final int FLAGS3 = 0x96;
  static final int LEDS = 0x97;

  // Shift flags at 40:17h.
  static final int RIGHT_SHIFT = 0x01;
  static final int LEFT_SHIFT = 0x02;
  static final int CTRL = 0x04;
  static final int ALT = 0x08;
  static final int SCROLL_LOCK = 0x10;
  static final int NUM_LOCK = 0x20;
  static final int CAPS_LOCK = 0x40;
  static final int INSERT = 0x80;

  // 40:96h.
  static final int SEEN_E1 = 0x01;
  static final int SEEN_E0 = 0x02;
  static final int RIGHT_CTRL = 0x04;
  static final int RIGHT_ALT = 0x08;
  static final int ENHANCED_KEYBOARD = 0x10;

  /** What INT 09h must do besides storing a key. */
  enum Action {
    /** Nothing more. */
    NONE,
    /** A lock key changed: set the keyboard's LEDs from 40:97h. */
    LEDS,
    /** Ctrl-Break: the buffer was flushed and a zero word stored; call INT 1Bh. */
    BREAK,
    /** Print Screen: call INT 05h. */
    PRINT_SCREEN,
    /** Ctrl-Alt-Del: the warm-boot flag is set; reset the machine. */
    RESET
  }

  // Translation: [shift state][scan code] -> word, 0 for none.
  private static final int NORMAL = 0;
  private static final int SHIFTED = 1;
  private static final int CONTROL = 2;
  private static final int ALTERNATE = 3;
  private static final int[][] TABLE = new int[4][0x59];

  /** Marks keys the pre-enhanced BIOS did not report. */
  private static final int ENHANCED_ONLY = 0xF0;

  private static final String LETTER_ROWS = "QWERTYUIOP....ASDFGHJKL.....ZXCVBNM";

  static {
    int[] n = TABLE[NORMAL];
    int[] s = TABLE[SHIFTED];
    int[] c = TABLE[CONTROL];
    int[] a = TABLE[ALTERNATE];
    both(n, s, 0x01, 0x1B, 0x1B);
    c[0x01] = 0x011B;
    a[0x01] = 0x0100 | ENHANCED_ONLY;
    String plainDigits = "1234567890-=";
    String shiftDigits = "!@#$%^&*()_+";
    for (int i = 0; i < 12; i++) {
      int code = 0x02 + i;
      both(n, s, code, plainDigits.charAt(i), shiftDigits.charAt(i));
      a[code] = (0x78 + i) << 8; // Alt-1 .. Alt-= are 78h .. 83h
    }
    c[0x03] = 0x0300; // Ctrl-2: NUL
    c[0x07] = 0x071E; // Ctrl-6: RS
    c[0x0C] = 0x0C1F; // Ctrl-minus: US
    both(n, s, 0x0E, 0x08, 0x08);
    c[0x0E] = 0x0E7F;
    a[0x0E] = 0x0E00 | ENHANCED_ONLY;
    n[0x0F] = 0x0F09;
    s[0x0F] = 0x0F00;
    c[0x0F] = 0x9400;
    a[0x0F] = 0xA500;
    for (int i = 0; i < LETTER_ROWS.length(); i++) {
      char letter = LETTER_ROWS.charAt(i);
      if (letter == '.') {
        continue;
      }
      int code = 0x10 + i;
      both(n, s, code, Character.toLowerCase(letter), letter);
      c[code] = code << 8 | (letter - 'A' + 1);
      a[code] = code << 8;
    }
    punctuation(n, s, c, a, 0x1A, '[', '{', 0x1B);
    punctuation(n, s, c, a, 0x1B, ']', '}', 0x1D);
    both(n, s, 0x1C, 0x0D, 0x0D);
    c[0x1C] = 0x1C0A;
    a[0x1C] = 0x1C00 | ENHANCED_ONLY;
    punctuation(n, s, c, a, 0x27, ';', ':', 0);
    punctuation(n, s, c, a, 0x28, '\'', '"', 0);
    punctuation(n, s, c, a, 0x29, '`', '~', 0);
    punctuation(n, s, c, a, 0x2B, '\\', '|', 0x1C);
    punctuation(n, s, c, a, 0x33, ',', '<', 0);
    punctuation(n, s, c, a, 0x34, '.', '>', 0);
    punctuation(n, s, c, a, 0x35, '/', '?', 0);
    both(n, s, 0x37, '*', '*');
    c[0x37] = 0x9600;
    a[0x37] = 0x3700 | ENHANCED_ONLY;
    for (int t = 0; t < 4; t++) {
      TABLE[t][0x39] = 0x3920;
    }
    for (int i = 0; i < 10; i++) {
      n[0x3B + i] = (0x3B + i) << 8; // F1 .. F10
      s[0x3B + i] = (0x54 + i) << 8;
      c[0x3B + i] = (0x5E + i) << 8;
      a[0x3B + i] = (0x68 + i) << 8;
    }
    // The keypad: cursor keys without Num Lock, digits with it (the shifted column).
    String keypad = "789-456+1230.";
    int[] control = {0x77, 0x8D, 0x84, 0x8E, 0x73, 0x8F, 0x74, 0x90, 0x75, 0x91, 0x76, 0x92, 0x93};
    for (int i = 0; i < keypad.length(); i++) {
      int code = 0x47 + i;
      char ch = keypad.charAt(i);
      n[code] = code << 8;
      s[code] = code << 8 | ch;
      c[code] = control[i] << 8;
    }
    n[0x4A] = 0x4A2D;
    n[0x4E] = 0x4E2B;
    n[0x4C] = 0x4C00 | ENHANCED_ONLY;
    a[0x4A] = 0x4A00 | ENHANCED_ONLY;
    a[0x4E] = 0x4E00 | ENHANCED_ONLY;
    both(n, s, 0x56, '\\', '|');
    n[0x57] = 0x8500;
    s[0x57] = 0x8700;
    c[0x57] = 0x8900;
    a[0x57] = 0x8B00;
    n[0x58] = 0x8600;
    s[0x58] = 0x8800;
    c[0x58] = 0x8A00;
    a[0x58] = 0x8C00;
  }

  private final GuestMemory memory;

  /**
   * @param memory guest memory, where the data area is
   */
  BiosKeyboard(GuestMemory memory) {
    this.memory = memory;
  }

  private static void both(int[] n, int[] s, int code, int plain, int shifted) {
    n[code] = code << 8 | plain;
    s[code] = code << 8 | shifted;
  }

  private static void punctuation(
      int[] n, int[] s, int[] c, int[] a, int code, char plain, char shifted, int control) {
    both(n, s, code, plain, shifted);
    if (control != 0) {
      c[code] = code << 8 | control;
    }
    a[code] = code << 8 | ENHANCED_ONLY;
  }

  /** What POST leaves: an empty buffer at 40:1Eh, no shift states, an enhanced keyboard. */
  void reset() {
    put(FLAGS1, 0);
    put(FLAGS2, 0);
    put(ALT_NUMBER, 0);
    memory.writeWord(SEGMENT, HEAD, BUFFER);
    memory.writeWord(SEGMENT, TAIL, BUFFER);
    memory.writeWord(SEGMENT, BUFFER_START_PTR, BUFFER);
    memory.writeWord(SEGMENT, BUFFER_END_PTR, BUFFER_END);
    put(FLAGS3, ENHANCED_KEYBOARD);
    put(LEDS, 0);
  }

  private int get(int offset) {
    return memory.readByte(SEGMENT, offset);
  }

  private void put(int offset, int value) {
    memory.writeByte(SEGMENT, offset, value);
  }

  // ---- the type-ahead buffer -------------------------------------------------------------

  private int start() {
    int s = memory.readWord(SEGMENT, BUFFER_START_PTR);
    return s == 0 ? BUFFER : s;
  }

  private int end() {
    int e = memory.readWord(SEGMENT, BUFFER_END_PTR);
    return e == 0 ? BUFFER_END : e;
  }

  private int advance(int pointer) {
    int next = pointer + 2;
    return next >= end() ? start() : next;
  }

  /**
   * Appends a key to the buffer.
   *
   * @param word scan code and ASCII
   * @return false when the buffer was full (the key is lost, as on a real BIOS)
   */
  boolean store(int word) {
    int tail = memory.readWord(SEGMENT, TAIL);
    int next = advance(tail);
    if (next == memory.readWord(SEGMENT, HEAD)) {
      return false;
    }
    memory.writeWord(SEGMENT, tail, word);
    memory.writeWord(SEGMENT, TAIL, next);
    return true;
  }

  /** Returns how many more keys fit into the buffer. */
  int freeSlots() {
    int size = end() - start();
    if (size < 4) {
      return 0;
    }
    int used = Math.floorMod(memory.readWord(SEGMENT, TAIL) - memory.readWord(SEGMENT, HEAD), size);
    return size / 2 - 1 - used / 2;
  }

  /** Returns the oldest key in the buffer, or -1 when it is empty. */
  int peek() {
    int head = memory.readWord(SEGMENT, HEAD);
    if (head == memory.readWord(SEGMENT, TAIL)) {
      return -1;
    }
    return memory.readWord(SEGMENT, head);
  }

  /** Removes the oldest key. */
  void remove() {
    int head = memory.readWord(SEGMENT, HEAD);
    if (head != memory.readWord(SEGMENT, TAIL)) {
      memory.writeWord(SEGMENT, HEAD, advance(head));
    }
  }

  private void flush() {
    memory.writeWord(SEGMENT, HEAD, start());
    memory.writeWord(SEGMENT, TAIL, start());
  }

  /**
   * The next key as INT 16h returns it, dropping keys the function does not report.
   *
   * @param enhanced true for functions 10h/11h, false for 00h/01h
   * @return the key word, or -1 when none is left
   */
  int nextKey(boolean enhanced) {
    while (true) {
      int word = peek();
      if (word < 0) {
        return -1;
      }
      int converted = convert(word, enhanced);
      if (converted >= 0) {
        return converted;
      }
      remove();
    }
  }

  /** A stored key as a read function returns it, or -1 if that function skips it. */
  static int convert(int word, boolean enhanced) {
    int scan = word >>> 8;
    int ascii = word & 0xFF;
    if (enhanced) {
      return ascii == ENHANCED_ONLY && scan != 0 ? word & 0xFF00 : word;
    }
    if (scan == 0xE0) {
      return (ascii == '/' ? 0x35 : 0x1C) << 8 | ascii; // keypad slash and Enter
    }
    if ((ascii == ENHANCED_ONLY && scan != 0) || scan > 0x84) {
      return -1;
    }
    if (ascii == 0xE0 && scan != 0) {
      return word & 0xFF00; // a grey key reads as its keypad twin
    }
    return word;
  }

  /**
   * INT 16h AH=12h: the extended shift status.
   *
   * @return AL = 40:17h, AH = held keys (0 left Ctrl, 1 left Alt, 2 right Ctrl, 3 right Alt,
   *     4 Scroll Lock, 5 Num Lock, 6 Caps Lock, 7 SysReq)
   */
  int extendedShiftStatus() {
    int f2 = get(FLAGS2);
    int f3 = get(FLAGS3);
    int ah = (f2 & 0x03) | (f3 & 0x0C) | (f2 & 0x70) | ((f2 & 0x04) << 5);
    return ah << 8 | get(FLAGS1);
  }

  // ---- INT 09h: one scan code ------------------------------------------------------------

  /**
   * Processes a byte read from the keyboard controller.
   *
   * @param code the scan code (set 1) or prefix
   * @return what else INT 09h must do
   */
  Action process(int code) {
    int f3 = get(FLAGS3);
    if (code == 0xE0) {
      put(FLAGS3, f3 | SEEN_E0);
      return Action.NONE;
    }
    if (code == 0xE1) {
      put(FLAGS3, f3 | SEEN_E1);
      return Action.NONE;
    }
    if (code == 0x00 || code == 0xFF || code == Ps2Keyboard.ACK || code == Ps2Keyboard.RESEND) {
      return Action.NONE; // overrun and answers to commands
    }
    boolean extended = (f3 & SEEN_E0) != 0;
    put(FLAGS3, f3 & ~SEEN_E0);
    int make = code & 0x7F;
    boolean release = (code & 0x80) != 0;
    if ((f3 & SEEN_E1) != 0) {
      // Pause: E1 1D 45 E1 9D C5. The BIOS's wait loop is not modelled: the key is dropped.
      if (make == 0x45) {
        put(FLAGS3, get(FLAGS3) & ~SEEN_E1);
      }
      return Action.NONE;
    }
    if (extended && (make == 0x2A || make == 0x36)) {
      return Action.NONE; // the shifts the keyboard fakes around grey keys
    }
    Action modifier = modifier(make, extended, release);
    if (modifier != null) {
      return modifier;
    }
    if (release) {
      return Action.NONE;
    }
    int f1 = get(FLAGS1);
    boolean ctrl = (f1 & CTRL) != 0;
    boolean alt = (f1 & ALT) != 0;
    boolean shift = (f1 & (LEFT_SHIFT | RIGHT_SHIFT)) != 0;
    if (make == 0x53 && ctrl && alt) {
      memory.writeWord(SEGMENT, RESET_FLAG, 0x1234);
      return Action.RESET;
    }
    if (make == 0x46 && (ctrl || extended)) {
      put(BREAK_FLAG, get(BREAK_FLAG) | 0x80);
      flush();
      store(0x0000);
      return Action.BREAK;
    }
    if (make == 0x37 && (extended || (shift && !alt))) {
      return Action.PRINT_SCREEN;
    }
    if (make == 0x52 && !alt && !ctrl && (extended || !numericKeypad(f1))) {
      put(FLAGS1, f1 ^ INSERT);
      put(FLAGS2, get(FLAGS2) | 0x80);
    }
    if (alt && !extended && isKeypadDigit(make)) {
      int digit = "789.456.1230".charAt(make - 0x47) - '0';
      put(ALT_NUMBER, (get(ALT_NUMBER) * 10 + digit) & 0xFF);
      return Action.NONE;
    }
    int word = extended ? extendedWord(make, ctrl, alt) : translate(make, f1);
    if (word != 0) {
      store(word);
    }
    return Action.NONE;
  }

  private static boolean isKeypadDigit(int make) {
    return make >= 0x47 && make <= 0x52 && make != 0x4A && make != 0x4E;
  }

  private static boolean numericKeypad(int f1) {
    boolean shift = (f1 & (LEFT_SHIFT | RIGHT_SHIFT)) != 0;
    return ((f1 & NUM_LOCK) != 0) != shift;
  }

  /** Shift, Ctrl, Alt and the lock keys; null when the code is none of them. */
  private @Nullable Action modifier(int make, boolean extended, boolean release) {
    int f1 = get(FLAGS1);
    int f2 = get(FLAGS2);
    int f3 = get(FLAGS3);
    switch (make) {
      case 0x2A -> put(FLAGS1, set(f1, LEFT_SHIFT, !release));
      case 0x36 -> put(FLAGS1, set(f1, RIGHT_SHIFT, !release));
      case 0x1D -> {
        if (extended) {
          f3 = set(f3, RIGHT_CTRL, !release);
        } else {
          f2 = set(f2, 0x01, !release);
        }
        put(FLAGS2, f2);
        put(FLAGS3, f3);
        put(FLAGS1, set(f1, CTRL, (f2 & 0x01) != 0 || (f3 & RIGHT_CTRL) != 0));
      }
      case 0x38 -> {
        if (extended) {
          f3 = set(f3, RIGHT_ALT, !release);
        } else {
          f2 = set(f2, 0x02, !release);
        }
        put(FLAGS2, f2);
        put(FLAGS3, f3);
        boolean held = (f2 & 0x02) != 0 || (f3 & RIGHT_ALT) != 0;
        put(FLAGS1, set(f1, ALT, held));
        if (!held) {
          int number = get(ALT_NUMBER);
          put(ALT_NUMBER, 0);
          if (number != 0) {
            store(number); // the character typed as Alt + keypad digits, scan code 0
          }
        }
      }
      case 0x3A -> {
        return lock(CAPS_LOCK, 0x40, release);
      }
      case 0x45 -> {
        return lock(NUM_LOCK, 0x20, release);
      }
      case 0x46 -> {
        if ((f1 & CTRL) != 0 || extended) {
          return null; // Ctrl-Break
        }
        return lock(SCROLL_LOCK, 0x10, release);
      }
      case 0x52 -> {
        if (release) {
          put(FLAGS2, f2 & ~0x80);
          return Action.NONE;
        }
        return null;
      }
      default -> {
        return null;
      }
    }
    return Action.NONE;
  }

  /** A lock key: toggles on the first make of a press (not on typematic repeats). */
  private Action lock(int flag, int heldBit, boolean release) {
    int f2 = get(FLAGS2);
    if (release) {
      put(FLAGS2, f2 & ~heldBit);
      return Action.NONE;
    }
    if ((f2 & heldBit) != 0) {
      return Action.NONE;
    }
    put(FLAGS2, f2 | heldBit);
    int f1 = get(FLAGS1) ^ flag;
    put(FLAGS1, f1);
    int leds = ((f1 & SCROLL_LOCK) != 0 ? 1 : 0)
        | ((f1 & NUM_LOCK) != 0 ? 2 : 0)
        | ((f1 & CAPS_LOCK) != 0 ? 4 : 0);
    put(LEDS, (get(LEDS) & ~7) | leds);
    return Action.LEDS;
  }

  private static int set(int value, int mask, boolean on) {
    return on ? value | mask : value & ~mask;
  }

  private static int translate(int make, int f1) {
    if (make >= TABLE[NORMAL].length) {
      return 0;
    }
    if ((f1 & ALT) != 0) {
      return TABLE[ALTERNATE][make];
    }
    if ((f1 & CTRL) != 0) {
      return TABLE[CONTROL][make];
    }
    boolean shift = (f1 & (LEFT_SHIFT | RIGHT_SHIFT)) != 0;
    int word;
    if (make >= 0x47 && make <= 0x53 && make != 0x4A && make != 0x4E) {
      word = TABLE[numericKeypad(f1) ? SHIFTED : NORMAL][make];
    } else {
      word = TABLE[shift ? SHIFTED : NORMAL][make];
      int ascii = word & 0xFF;
      if ((f1 & CAPS_LOCK) != 0 && Character.isLetter(ascii) && ascii < 0x80) {
        word = TABLE[shift ? NORMAL : SHIFTED][make]; // Caps Lock inverts Shift for letters
      }
    }
    return word;
  }

  /** The grey keys (E0h prefix). */
  private static int extendedWord(int make, boolean ctrl, boolean alt) {
    if (make == 0x1C) { // keypad Enter
      return alt ? 0xA600 : ctrl ? 0xE00A : 0xE00D;
    }
    if (make == 0x35) { // keypad slash
      return alt ? 0xA400 : ctrl ? 0x9500 : 0xE02F;
    }
    int index = "GHI.K.M.OPQRS".indexOf((char) (make - 0x47 + 'G'));
    if (make < 0x47 || make > 0x53 || index < 0) {
      return 0; // Windows and menu keys: nothing
    }
    int[] control = {0x77, 0x8D, 0x84, 0, 0x73, 0, 0x74, 0, 0x75, 0x91, 0x76, 0x92, 0x93};
    if (alt) {
      return (make + 0x50) << 8; // Alt + grey Home .. Delete: 97h .. A3h
    }
    if (ctrl) {
      return control[index] << 8 | 0xE0;
    }
    return make << 8 | 0xE0;
  }
}
