package dev.mvm.doskrnl;

import dev.mvm.api.vdd.GuestMemory;
import java.util.function.IntPredicate;

/**
 * INT 21h function 29h, parse a file name into an FCB, as MS-DOS does it: the routine programs
 * use to read file names from their command line, with or without FCB I/O.
 *
 * <p>The rules, from MS-DOS's own parser:
 *
 * <ul>
 *   <li>The drive byte is set to 0 and the name and extension to blanks first, unless bits 1,
 *       2 and 3 of the control byte (AL) keep them; the four bytes after the extension (current
 *       block and record size) are always zeroed.
 *   <li>Blanks and tabs before the name are always skipped. With bit 0, one separator among
 *       {@code : < | > + = ; ,} (or a blank) is skipped too, and the blanks after it.
 *   <li>A letter followed by a colon is a drive: its number (A = 1) is stored even when the drive
 *       does not exist, and AL is then FFh.
 *   <li>The name and the extension end at a terminator: a control character, a blank, or one of
 *       {@code . " / \ [ ] : < | > + = ; ,}. Characters past the eighth (third) are skipped.
 *       {@code *} fills the rest of its field with {@code ?}; a {@code ?} makes AL 01h.
 *   <li>A dot starts the extension, which then replaces the old one even when it is empty
 *       ({@code FOO.} has a blank extension whatever bit 3 says).
 *   <li>SI is left on the terminator.
 * </ul>
 *
 * <p>Lower-case letters a-z are upper-cased; characters from 80h up are taken as they are (MS-DOS
 * upper-cases them through the country's table, which this kernel does not model).
 */
final class FcbParser {

  /** Ends a name or an extension. */
  private static final String TERMINATORS = ".\"/\\[]:<|>+=;,";
  /** What bit 0 of the control byte skips once before the name (blanks and tabs besides). */
  private static final String SEPARATORS = ":<|>+=;,";

  private final GuestMemory memory;
  private final IntPredicate driveExists;
  private final int segment;
  private int offset;
  private boolean ambiguous;
  /** Characters read; a segment without a terminator would keep MS-DOS reading forever. */
  private int steps;

  /**
   * The outcome of a parse.
   *
   * @param offset where the string's parse stopped: the new SI
   * @param result AL: 00h plain name, 01h wildcards, FFh invalid drive
   */
  record Result(int offset, int result) {}

  private FcbParser(GuestMemory memory, IntPredicate driveExists, int segment, int offset) {
    this.memory = memory;
    this.driveExists = driveExists;
    this.segment = segment;
    this.offset = offset;
  }

  /**
   * Parses the string at {@code segment:offset} into the FCB at {@code fcb}.
   *
   * @param memory guest memory
   * @param driveExists whether a drive number (1 = A:) names a mapped drive
   * @param segment the string's segment (DS)
   * @param offset the string's offset (SI)
   * @param fcb the FCB's linear address (ES:DI)
   * @param control the parse-control bits (AL)
   * @return the new SI and AL
   */
  static Result parse(GuestMemory memory, IntPredicate driveExists, int segment, int offset,
      int fcb, int control) {
    return new FcbParser(memory, driveExists, segment, offset).parse(fcb, control);
  }

  private Result parse(int fcb, int control) {
    if ((control & 0x02) == 0) {
      memory.writeByte(fcb, 0);
    }
    if ((control & 0x04) == 0) {
      fill(fcb + 1, 8, ' ');
    }
    if ((control & 0x08) == 0) {
      fill(fcb + 9, 3, ' ');
    }
    fill(fcb + 12, 4, 0);
    skipBlanks();
    if ((control & 0x01) != 0) {
      int c = peek(0);
      if (SEPARATORS.indexOf(c) >= 0) {
        offset++;
        skipBlanks();
      }
    }
    boolean badDrive = false;
    int letter = upper(peek(0));
    if (!isTerminator(letter) && peek(1) == ':') {
      int drive = (letter - '@') & 0xFF;
      badDrive = letter <= '@' || drive > 26 || !driveExists.test(drive);
      memory.writeByte(fcb, drive);
      offset += 2;
    }
    word(fcb + 1, 8, false);
    if (peek(0) == '.') {
      offset++;
      word(fcb + 9, 3, true);
    }
    return new Result(offset & 0xFFFF, badDrive ? 0xFF : ambiguous ? 0x01 : 0x00);
  }

  /**
   * Copies a name or an extension into its field.
   *
   * @param field the field's address
   * @param width its width
   * @param replace whether the field is replaced even when the string holds nothing for it
   *     (the extension after a dot)
   */
  private void word(int field, int width, boolean replace) {
    if (!replace && isTerminator(upper(peek(0)))) {
      return; // no name: the field keeps what the control bits left there
    }
    int left = width;
    int at = field;
    while (true) {
      int c = upper(peek(0));
      offset++;
      if (isTerminator(c)) {
        offset--;
        fill(at, left, ' ');
        return;
      }
      if (left == 0) {
        continue; // MS-DOS reads on past the field's end, dropping what does not fit
      }
      left--;
      if (c == '*') {
        fill(at, left, '?');
        at += left;
        left = 0;
        c = '?';
      }
      memory.writeByte(at++, c);
      if (c == '?') {
        ambiguous = true;
      }
    }
  }

  private void skipBlanks() {
    while (peek(0) == ' ' || peek(0) == '\t') {
      offset++;
    }
  }

  private int peek(int ahead) {
    if (++steps > 0x30000) {
      return 0; // a whole segment read three times over holds no terminator: end it here
    }
    return memory.readByte(dev.mvm.api.cpu.Registers.linear(segment, offset + ahead));
  }

  private void fill(int address, int count, int value) {
    for (int i = 0; i < count; i++) {
      memory.writeByte(address + i, value);
    }
  }

  private static int upper(int c) {
    return c >= 'a' && c <= 'z' ? c - 0x20 : c;
  }

  /** Whether a character ends a name part: a control character, a blank or a delimiter. */
  static boolean isTerminator(int c) {
    return c <= ' ' || TERMINATORS.indexOf(c) >= 0;
  }
}
