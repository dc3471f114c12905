package dev.mvm.doskrnl;

import dev.mvm.api.vdd.GuestMemory;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The program segment prefix: the 256 bytes DOS puts before every program, which programs read
 * for their command tail, environment, FCBs and handles.
 *
 * <pre>
 * 00h  INT 20h                       2Ch  environment segment
 * 02h  first segment past the block  2Eh  SS:SP at the last INT 21h
 * 05h  far call to DOS (CP/M style)  32h  size of the handle table (20)
 * 0Ah  INT 22h terminate address     34h  far pointer to the handle table
 * 0Eh  INT 23h Ctrl-Break address    38h  previous PSP (SHARE)
 * 12h  INT 24h critical error addr.  50h  INT 21h; RETF
 * 16h  parent PSP                    5Ch  first FCB, from the first argument
 * 18h  job file table (20 handles)   6Ch  second FCB, from the second argument
 *                                    80h  command tail: length, text, CR
 * </pre>
 */
final class Psp {
  static final int PARENT = 0x16;
  static final int JFT = 0x18;
  static final int JFT_ENTRIES = 20;
  /** The size of the job file table (20, more after 67h). */
  static final int JFT_SIZE = 0x32;
  /** The far pointer to the job file table (PSP:0018h, elsewhere after 67h). */
  static final int JFT_POINTER = 0x34;
  static final int ENVIRONMENT = 0x2C;
  static final int FCB1 = 0x5C;
  static final int FCB2 = 0x6C;
  static final int TAIL = 0x80;
  static final int MAX_TAIL = 126;

  private Psp() {}

  /**
   * The linear address of a program's job file table, from the far pointer at 34h: INT 21h
   * function 67h moves it out of the PSP, and programs may point it elsewhere themselves.
   *
   * @param memory guest memory
   * @param psp the PSP's segment
   * @return the address of handle 0's entry
   */
  static int jftAddress(GuestMemory memory, int psp) {
    int a = psp << 4;
    return (memory.readWord(a + JFT_POINTER + 2) << 4) + memory.readWord(a + JFT_POINTER);
  }

  /**
   * The number of handles a program's job file table holds (the word at 32h).
   *
   * @param memory guest memory
   * @param psp the PSP's segment
   * @return the size of the table
   */
  static int jftSize(GuestMemory memory, int psp) {
    return memory.readWord((psp << 4) + JFT_SIZE);
  }

  /**
   * The SFT index behind a handle, or -1 when the handle is closed or out of the table.
   *
   * @param memory guest memory
   * @param psp the PSP's segment
   * @param handle the handle
   * @return the index
   */
  static int sftIndexOf(GuestMemory memory, int psp, int handle) {
    if (handle < 0 || handle >= jftSize(memory, psp)) {
      return -1;
    }
    int index = memory.readByte(jftAddress(memory, psp) + handle);
    return index == 0xFF ? -1 : index;
  }

  /**
   * Writes a PSP.
   *
   * @param memory guest memory
   * @param psp its segment
   * @param end the first segment past the program's block
   * @param environment the environment's segment
   * @param parent the parent's PSP
   * @param jft the handle table, 20 entries (FFh = closed)
   * @param tail the command tail, with its leading space
   */
  static void write(GuestMemory memory, int psp, int end, int environment, int parent,
      byte[] jft, String tail) {
    int a = psp << 4;
    memory.write(a, new byte[0x100]);
    memory.writeByte(a, 0xCD); // INT 20h
    memory.writeByte(a + 1, 0x20);
    memory.writeWord(a + 0x02, end);
    // Terminate, Ctrl-Break and critical-error addresses: the vectors as they are now.
    for (int i = 0; i < 3; i++) {
      memory.writeWord(a + 0x0A + 4 * i, memory.readWord((0x22 + i) * 4));
      memory.writeWord(a + 0x0C + 4 * i, memory.readWord((0x22 + i) * 4 + 2));
    }
    memory.writeWord(a + PARENT, parent);
    memory.write(a + JFT, jft, 0, JFT_ENTRIES);
    memory.writeWord(a + ENVIRONMENT, environment);
    memory.writeWord(a + JFT_SIZE, JFT_ENTRIES);
    memory.writeWord(a + JFT_POINTER, JFT);
    memory.writeWord(a + JFT_POINTER + 2, psp);
    memory.writeWord(a + 0x38, 0xFFFF);
    memory.writeWord(a + 0x3A, 0xFFFF);
    memory.writeByte(a + 0x50, 0xCD); // INT 21h; RETF
    memory.writeByte(a + 0x51, 0x21);
    memory.writeByte(a + 0x52, 0xCB);
    String[] words = tail.strip().isEmpty() ? new String[0] : tail.strip().split("[ \t]+");
    parseFcb(memory, a + FCB1, words.length > 0 ? words[0] : "");
    parseFcb(memory, a + FCB2, words.length > 1 ? words[1] : "");
    String clipped = tail.length() > MAX_TAIL ? tail.substring(0, MAX_TAIL) : tail;
    byte[] bytes = clipped.getBytes(StandardCharsets.ISO_8859_1);
    memory.writeByte(a + TAIL, bytes.length);
    memory.write(a + TAIL + 1, bytes);
    memory.writeByte(a + TAIL + 1 + bytes.length, 0x0D);
  }

  /**
   * Fills an unopened FCB from an argument as INT 21h function 29h does: drive (0 = default,
   * 1 = A:), name and extension padded with blanks, {@code *} expanded to {@code ?}.
   */
  static void parseFcb(GuestMemory memory, int fcb, String argument) {
    String s = argument.toUpperCase(Locale.ROOT);
    int drive = 0;
    if (s.length() >= 2 && s.charAt(1) == ':' && Character.isLetter(s.charAt(0))) {
      drive = s.charAt(0) - 'A' + 1;
      s = s.substring(2);
    }
    StringBuilder name = new StringBuilder();
    int i = 0;
    while (i < s.length() && !isTerminator(s.charAt(i)) && s.charAt(i) != '.') {
      name.append(s.charAt(i++));
    }
    StringBuilder ext = new StringBuilder();
    if (i < s.length() && s.charAt(i) == '.') {
      i++;
      while (i < s.length() && !isTerminator(s.charAt(i)) && s.charAt(i) != '.') {
        ext.append(s.charAt(i++));
      }
    }
    String fcbName = DosName.toFcb(fit(name, 8) + (ext.length() > 0 ? "." + fit(ext, 3) : ""));
    memory.writeByte(fcb, drive);
    for (int k = 0; k < 11; k++) {
      memory.writeByte(fcb + 1 + k, fcbName.charAt(k));
    }
    memory.write(fcb + 12, new byte[4]);
  }

  private static String fit(StringBuilder s, int width) {
    return s.length() > width ? s.substring(0, width) : s.toString();
  }

  /** Characters that end a file name in an FCB parse. */
  private static boolean isTerminator(char c) {
    return c <= ' ' || "\"/\\[]:|<>+=;,".indexOf(c) >= 0;
  }
}
