package dev.mvm.vdd.std;

import dev.mvm.api.cpu.Registers;
import dev.mvm.api.vdd.GuestMemory;
import java.util.Arrays;

/**
 * The video services of the built-in BIOS (INT 10h) on top of a {@link VgaCard}: what an IBM
 * VGA BIOS does, programming the card through its registers as the ROM would, keeping its
 * variables in the BIOS data area at 40:49h&ndash;40:8Ah where programs read them, and drawing
 * characters and pixels straight into the planes. Function numbers and register conventions
 * follow the IBM VGA BIOS as Ralf Brown's Interrupt List describes it. A function this BIOS does
 * not know returns with the registers unchanged, as a VGA BIOS does (which is how programs probe
 * for VESA and other extensions).
 *
 * <p>Left out: the video parameter save area (40:A8h), 1Bh (functionality state) and 1Ch (save
 * and restore state), light pen, and the 9-dot alternate fonts (their tables are empty).
 */
final class VgaBios {

  /** Segment of the video ROM, which holds the fonts that INT 10h function 1130h hands out. */
  static final int ROM_SEGMENT = 0xC000;
  static final int ROM_SIZE = 0x4000;
  static final int FONT8 = 0x1000;
  static final int FONT14 = 0x1800;
  static final int FONT16 = 0x2800;
  /** Two empty tables of 9-dot replacement glyphs (for 14 and 16 lines): a 0 ends each. */
  static final int ALTERNATE9X14 = 0x3800;
  static final int ALTERNATE9X16 = 0x3802;

  // BIOS data area, as offsets from 400h.
  private static final int EQUIPMENT = 0x410;
  private static final int MODE = 0x449;
  private static final int COLUMNS = 0x44A;
  private static final int PAGE_SIZE = 0x44C;
  private static final int PAGE_START = 0x44E;
  private static final int CURSOR_POSITIONS = 0x450;
  private static final int CURSOR_SHAPE = 0x460;
  private static final int ACTIVE_PAGE = 0x462;
  private static final int CRTC_BASE = 0x463;
  private static final int MODE_CONTROL = 0x465;
  private static final int CGA_PALETTE = 0x466;
  private static final int ROWS_MINUS_ONE = 0x484;
  private static final int CHAR_HEIGHT = 0x485;
  private static final int EGA_INFO = 0x487;
  private static final int EGA_SWITCHES = 0x488;
  private static final int VGA_FLAGS = 0x489;
  private static final int DCC_INDEX = 0x48A;

  /** The CGA mode control register value (3D8h) the BIOS records for modes 0 to 7. */
  private static final int[] CGA_MODE_CONTROL = {0x2C, 0x28, 0x2D, 0x29, 0x2A, 0x2E, 0x1E, 0x29};

  private final VgaCard card;
  private final GuestMemory memory;
  private final byte[] font8;
  private final byte[] font14;
  private final byte[] font16;
  private final Runnable beep;

  VgaBios(VgaCard card, GuestMemory memory, byte[] font8, byte[] font14, byte[] font16,
      Runnable beep) {
    this.card = card;
    this.memory = memory;
    this.font8 = font8;
    this.font14 = font14;
    this.font16 = font16;
    this.beep = beep;
  }

  /** The video ROM's contents: an option ROM header whose entry returns at once, and the fonts. */
  static byte[] rom(byte[] font8, byte[] font14, byte[] font16) {
    byte[] rom = new byte[ROM_SIZE];
    rom[0] = 0x55;
    rom[1] = (byte) 0xAA;
    rom[2] = (byte) (ROM_SIZE / 512);
    rom[3] = (byte) 0xCB; // RETF: the BIOS needs no initialisation code from this ROM
    byte[] name = "MVM VGA BIOS".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    System.arraycopy(name, 0, rom, 0x1E, name.length);
    System.arraycopy(font8, 0, rom, FONT8, font8.length);
    System.arraycopy(font14, 0, rom, FONT14, font14.length);
    System.arraycopy(font16, 0, rom, FONT16, font16.length);
    int sum = 0;
    for (byte b : rom) {
      sum += b & 0xFF;
    }
    rom[ROM_SIZE - 1] = (byte) -sum; // option ROMs sum to 0 modulo 256
    return rom;
  }

  /** What POST leaves: VGA flags, switch settings, then mode 3. */
  void powerOn() {
    memory.writeByte(VGA_FLAGS, 0x51); // VGA active, 400-line text, default palette loading on
    memory.writeByte(EGA_SWITCHES, 0x09);
    memory.writeByte(DCC_INDEX, 0x0B);
    setMode(0x03);
  }

  // ---- the dispatcher ----------------------------------------------------------------------

  /**
   * Serves INT 10h.
   *
   * @param r the guest's registers
   */
  void int10(Registers r) {
    switch (r.ah()) {
      case 0x00 -> setMode(r.al()); // set video mode
      case 0x01 -> setCursorShape(r.ch(), r.cl()); // set text cursor shape
      case 0x02 -> setCursor(r.bh() & 7, r.dl(), r.dh()); // set cursor position
      case 0x03 -> { // get cursor position and shape
        int position = memory.readWord(CURSOR_POSITIONS + (r.bh() & 7) * 2);
        r.setDx(position);
        r.setCx(memory.readByte(CURSOR_SHAPE + 1) << 8 | memory.readByte(CURSOR_SHAPE));
      }
      case 0x05 -> setActivePage(r.al()); // select active display page
      case 0x06 -> scroll(activePage(), r.al(), r.bh(), r.ch(), r.cl(), r.dh(), r.dl(), true);
      case 0x07 -> scroll(activePage(), r.al(), r.bh(), r.ch(), r.cl(), r.dh(), r.dl(), false);
      case 0x08 -> r.setAx(readCharacter(r.bh() & 7)); // read character and attribute
      case 0x09 -> writeCharacters(r.bh() & 7, r.al(), r.bl(), r.cx(), true);
      case 0x0A -> writeCharacters(r.bh() & 7, r.al(), r.bl(), r.cx(), false);
      case 0x0B -> cgaPalette(r.bh(), r.bl()); // set background, border or palette
      case 0x0C -> writePixel(r.bh() & 7, r.cx(), r.dx(), r.al()); // write graphics pixel
      case 0x0D -> r.setAl(readPixel(r.bh() & 7, r.cx(), r.dx())); // read graphics pixel
      case 0x0E -> teletype(pageOrActive(r.bh()), r.al(), r.bl()); // teletype output
      case 0x0F -> { // get current video mode
        r.setAl(memory.readByte(MODE) | (memory.readByte(EGA_INFO) & 0x80));
        r.setAh(memory.readByte(COLUMNS));
        r.setBh(memory.readByte(ACTIVE_PAGE));
      }
      case 0x10 -> paletteFunctions(r);
      case 0x11 -> fontFunctions(r);
      case 0x12 -> alternateSelect(r);
      case 0x13 -> writeString(r);
      case 0x1A -> displayCombination(r);
      default -> {
        // Unknown functions return with the registers unchanged.
      }
    }
  }

  // ---- modes -------------------------------------------------------------------------------

  private VgaModes.Mode currentMode() {
    VgaModes.Mode mode = VgaModes.mode(memory.readByte(MODE) & 0x7F);
    if (mode == null) {
      mode = VgaModes.mode(3);
    }
    return java.util.Objects.requireNonNull(mode);
  }

  /**
   * Function 00h: programs every register for the mode, loads the DAC and (in text modes) the
   * font, clears the screen unless bit 7 of the mode number says not to, and fills in the BIOS
   * data area.
   */
  void setMode(int al) {
    boolean keepMemory = (al & 0x80) != 0;
    VgaModes.Mode mode = VgaModes.mode(al & 0x7F);
    if (mode == null) {
      return;
    }
    program(mode);
    if ((memory.readByte(VGA_FLAGS) & 0x08) == 0) {
      loadDac(mode);
    }
    if (!keepMemory) {
      clearMemory(mode);
    }
    if (mode.isText()) {
      loadFont(font16, 16, 0, 256, 0);
    }
    memory.writeByte(MODE, mode.number());
    memory.writeWord(COLUMNS, mode.columns());
    memory.writeWord(PAGE_SIZE, mode.pageSize());
    memory.writeWord(PAGE_START, 0);
    for (int page = 0; page < 8; page++) {
      memory.writeWord(CURSOR_POSITIONS + page * 2, 0);
    }
    memory.writeByte(CURSOR_SHAPE, 0x07);
    memory.writeByte(CURSOR_SHAPE + 1, 0x06);
    memory.writeByte(ACTIVE_PAGE, 0);
    memory.writeWord(CRTC_BASE, mode.mono() ? 0x3B4 : 0x3D4);
    memory.writeByte(MODE_CONTROL, mode.number() < 8 ? CGA_MODE_CONTROL[mode.number()] : 0x29);
    memory.writeByte(CGA_PALETTE, mode.number() == 6 ? 0x3F : 0x30);
    memory.writeByte(ROWS_MINUS_ONE, mode.rows() - 1);
    memory.writeWord(CHAR_HEIGHT, mode.charHeight());
    memory.writeByte(EGA_INFO, (memory.readByte(EGA_INFO) & 0x01) | 0x60 | (keepMemory ? 0x80 : 0));
    int equipment = memory.readWord(EQUIPMENT) & ~0x30;
    memory.writeWord(EQUIPMENT, equipment | (mode.mono() ? 0x30 : 0x20));
    // INT 43h points at the font for graphics characters, INT 1Fh at the upper half of the
    // 8x8 font (the CGA's ROM had only the lower half).
    int graphicsFont = switch (mode.charHeight()) {
      case 14 -> FONT14;
      case 16 -> FONT16;
      default -> FONT8;
    };
    setVector(0x43, ROM_SEGMENT, graphicsFont);
    setVector(0x1F, ROM_SEGMENT, FONT8 + 0x400);
    updateCursorRegisters();
  }

  private void setVector(int vector, int segment, int offset) {
    memory.writeWord(vector * 4, offset);
    memory.writeWord(vector * 4 + 2, segment);
  }

  private int statusPort() {
    return card.colourAddressing() ? 0x3DA : 0x3BA;
  }

  private int crtcPort() {
    return card.colourAddressing() ? 0x3D4 : 0x3B4;
  }

  private void writeCrtc(int index, int value) {
    card.out(crtcPort(), index);
    card.out(crtcPort() + 1, value);
  }

  private int readCrtc(int index) {
    card.out(crtcPort(), index);
    return card.in(crtcPort() + 1, 0);
  }

  private void writeAttribute(int index, int value) {
    card.in(statusPort(), 0);
    card.out(0x3C0, index);
    card.out(0x3C0, value);
    card.out(0x3C0, 0x20);
  }

  private int readAttribute(int index) {
    card.in(statusPort(), 0);
    card.out(0x3C0, index);
    int value = card.in(0x3C1, 0);
    card.in(statusPort(), 0);
    card.out(0x3C0, 0x20);
    return value;
  }

  private void program(VgaModes.Mode mode) {
    card.out(0x3C2, mode.misc());
    card.out(0x3C4, 0);
    card.out(0x3C5, 0x03);
    for (int i = 0; i < 4; i++) {
      card.out(0x3C4, i + 1);
      card.out(0x3C5, mode.seq()[i]);
    }
    writeCrtc(0x11, 0); // lift the write protection of registers 0-7
    for (int i = 0; i < mode.crtc().length; i++) {
      writeCrtc(i, mode.crtc()[i]);
    }
    card.in(statusPort(), 0);
    for (int i = 0; i < mode.attr().length; i++) {
      card.out(0x3C0, i);
      card.out(0x3C0, mode.attr()[i]);
    }
    card.out(0x3C0, 0x14);
    card.out(0x3C0, 0x00);
    card.out(0x3C0, 0x20); // palette address source: the screen shows again
    for (int i = 0; i < mode.gc().length; i++) {
      card.out(0x3CE, i);
      card.out(0x3CF, mode.gc()[i]);
    }
    card.out(0x3C6, 0xFF);
  }

  private void loadDac(VgaModes.Mode mode) {
    byte[] dac;
    if (mode.kind() == VgaModes.Kind.VGA256) {
      dac = VgaModes.defaultPalette256();
    } else {
      dac = new byte[768];
      for (int i = 0; i < 64; i++) {
        int[] c = mode.mono() ? VgaModes.monoColour(i)
            : VgaModes.usesCgaColours(mode) ? VgaModes.cgaColour(i) : VgaModes.egaColour(i);
        dac[i * 3] = (byte) c[0];
        dac[i * 3 + 1] = (byte) c[1];
        dac[i * 3 + 2] = (byte) c[2];
      }
    }
    if ((memory.readByte(VGA_FLAGS) & 0x02) != 0) {
      sumToGrey(dac, 0, 256);
    }
    System.arraycopy(dac, 0, card.dac, 0, dac.length);
    card.dirty = true;
  }

  private static void sumToGrey(byte[] dac, int first, int count) {
    for (int i = first; i < first + count && i < 256; i++) {
      int grey = (30 * dac[i * 3] + 59 * dac[i * 3 + 1] + 11 * dac[i * 3 + 2] + 50) / 100;
      dac[i * 3] = dac[i * 3 + 1] = dac[i * 3 + 2] = (byte) grey;
    }
  }

  private void clearMemory(VgaModes.Mode mode) {
    int[] vram = card.vram;
    if (mode.isText()) {
      // Blanks with attribute 07h in planes 0 and 1; the font in plane 2 stays.
      for (int a = 0; a < vram.length; a++) {
        vram[a] = (vram[a] & 0xFFFF_0000) | 0x0720;
      }
    } else {
      Arrays.fill(vram, 0);
    }
    card.dirty = true;
  }

  /**
   * Copies glyphs into character map {@code map} of plane 2, where each character has 32
   * lines of which {@code height} are used.
   */
  private void loadFont(byte[] glyphs, int height, int first, int count, int map) {
    int base = VgaState.fontOffset(map & 7);
    for (int c = 0; c < count && first + c < 256; c++) {
      for (int line = 0; line < 32; line++) {
        int value = line < height ? glyphs[c * height + line] & 0xFF : 0;
        card.setPlane(2, base + (first + c) * 32 + line, value);
      }
    }
  }

  // ---- cursor and pages --------------------------------------------------------------------

  private int columns() {
    return Math.max(1, memory.readWord(COLUMNS));
  }

  private int rows() {
    return memory.readByte(ROWS_MINUS_ONE) + 1;
  }

  private int pageSize() {
    return memory.readWord(PAGE_SIZE);
  }

  private int activePage() {
    return memory.readByte(ACTIVE_PAGE);
  }

  private int cursor(int page) {
    return memory.readWord(CURSOR_POSITIONS + page * 2);
  }

  void setCursor(int page, int column, int row) {
    memory.writeWord(CURSOR_POSITIONS + page * 2, (row & 0xFF) << 8 | (column & 0xFF));
    if (page == activePage()) {
      updateCursorRegisters();
    }
  }

  private void updateCursorRegisters() {
    int page = activePage();
    int position = cursor(page);
    int location = page * pageSize() / 2 + (position >>> 8) * columns() + (position & 0xFF);
    writeCrtc(0x0E, location >>> 8);
    writeCrtc(0x0F, location & 0xFF);
  }

  /**
   * Function 01h. With cursor emulation on (the default) a shape given for the CGA's 8-line
   * character box is scaled to the current character height, so that the usual 06h/07h still
   * gives an underline cursor.
   */
  private void setCursorShape(int start, int end) {
    memory.writeByte(CURSOR_SHAPE, end);
    memory.writeByte(CURSOR_SHAPE + 1, start);
    int height = memory.readWord(CHAR_HEIGHT);
    int s = start & 0x1F;
    int e = end & 0x1F;
    boolean emulate = (memory.readByte(EGA_INFO) & 0x01) == 0 && height > 8;
    if (emulate && s < 8 && e < 8) {
      s = scaleCursorLine(s, height);
      e = scaleCursorLine(e, height);
    }
    writeCrtc(0x0A, (start & 0x60) | s);
    writeCrtc(0x0B, (readCrtc(0x0B) & 0xE0) | e);
  }

  private static int scaleCursorLine(int line, int height) {
    // The bottom two lines of the CGA box stay just above the bottom of the taller box; the
    // others scale with it.
    return line >= 6 ? height - 9 + line : line * height / 8;
  }

  private void setActivePage(int page) {
    VgaModes.Mode mode = currentMode();
    if (page >= mode.pages()) {
      return;
    }
    memory.writeByte(ACTIVE_PAGE, page);
    int start = page * pageSize();
    memory.writeWord(PAGE_START, start);
    int counter = mode.isText() ? start / 2 : start;
    writeCrtc(0x0C, counter >>> 8);
    writeCrtc(0x0D, counter & 0xFF);
    updateCursorRegisters();
  }

  // ---- text --------------------------------------------------------------------------------

  /** The plane address of a text cell: its character in plane 0, attribute in plane 1. */
  private int cellAddress(int page, int column, int row) {
    return (page * pageSize() + (row * columns() + column) * 2) & 0xFFFF;
  }

  private int readCell(int page, int column, int row) {
    int a = cellAddress(page, column, row);
    return card.plane(0, a) | card.plane(1, a) << 8;
  }

  private void writeCell(int page, int column, int row, int character, int attribute) {
    int a = cellAddress(page, column, row);
    card.setPlane(0, a, character);
    if (attribute >= 0) {
      card.setPlane(1, a, attribute);
    }
  }

  /** Functions 06h and 07h: scrolls a window of a page up or down, or clears it. */
  private void scroll(int page, int lines, int fill, int top, int left, int bottom, int right,
      boolean up) {
    VgaModes.Mode mode = currentMode();
    bottom = Math.min(bottom, rows() - 1);
    right = Math.min(right, columns() - 1);
    if (top > bottom || left > right) {
      return;
    }
    int height = bottom - top + 1;
    if (lines == 0 || lines > height) {
      lines = height;
    }
    if (mode.isText()) {
      for (int i = 0; i < height; i++) {
        int row = up ? top + i : bottom - i;
        int from = up ? row + lines : row - lines;
        for (int column = left; column <= right; column++) {
          if (i < height - lines) {
            int cell = readCell(page, column, from);
            writeCell(page, column, row, cell & 0xFF, cell >>> 8);
          } else {
            writeCell(page, column, row, ' ', fill);
          }
        }
      }
    } else {
      scrollGraphics(mode, page, lines, fill, top, left, bottom, right, up);
    }
  }

  private void scrollGraphics(VgaModes.Mode mode, int page, int lines, int fill, int top,
      int left, int bottom, int right, boolean up) {
    int cell = memory.readWord(CHAR_HEIGHT);
    int x0 = left * 8;
    int x1 = (right + 1) * 8;
    int y0 = top * cell;
    int height = (bottom - top + 1) * cell;
    int shift = lines * cell;
    for (int i = 0; i < height; i++) {
      int y = up ? y0 + i : y0 + height - 1 - i;
      int from = up ? y + shift : y - shift;
      boolean copy = i < height - shift;
      for (int x = x0; x < x1; x++) {
        setPixel(mode, page, x, y, copy ? getPixel(mode, page, x, from) : fill, false);
      }
    }
  }

  private int readCharacter(int page) {
    int position = cursor(page);
    int column = position & 0xFF;
    int row = position >>> 8;
    VgaModes.Mode mode = currentMode();
    if (mode.isText()) {
      return readCell(page, column, row);
    }
    // In graphics modes the BIOS matches the pixels against the font; AH is 0.
    int height = memory.readWord(CHAR_HEIGHT);
    int font = fontPointer();
    for (int code = 0; code < 256; code++) {
      boolean match = true;
      for (int line = 0; line < height && match; line++) {
        int bits = 0;
        for (int x = 0; x < 8; x++) {
          if (getPixel(mode, page, column * 8 + x, row * height + line) != 0) {
            bits |= 0x80 >>> x;
          }
        }
        match = bits == memory.readByte(font + code * height + line);
      }
      if (match) {
        return code;
      }
    }
    return 0;
  }

  /** Functions 09h and 0Ah: a character repeated from the cursor on; the cursor stays. */
  private void writeCharacters(int page, int character, int attribute, int count,
      boolean withAttribute) {
    int position = cursor(page);
    int column = position & 0xFF;
    int row = position >>> 8;
    VgaModes.Mode mode = currentMode();
    int columns = columns();
    for (int i = 0; i < count; i++) {
      if (row >= rows()) {
        break;
      }
      if (mode.isText()) {
        writeCell(page, column, row, character, withAttribute ? attribute : -1);
      } else {
        drawCharacter(mode, page, column, row, character, attribute);
      }
      if (++column >= columns) {
        column = 0;
        row++;
      }
    }
  }

  /**
   * The page BH names, or the active page when the mode has no such page (the earliest PC
   * BIOSes required BH to be the active page, and some programs still pass anything there).
   */
  private int pageOrActive(int bh) {
    return bh < currentMode().pages() ? bh : activePage();
  }

  /** Function 0Eh: writes a character and moves the cursor; BEL, BS, CR and LF act. */
  void teletype(int page, int character, int colour) {
    int position = cursor(page);
    int column = position & 0xFF;
    int row = position >>> 8;
    VgaModes.Mode mode = currentMode();
    switch (character) {
      case 0x07 -> beep.run();
      case 0x08 -> {
        if (column > 0) {
          column--;
        }
      }
      case 0x0D -> column = 0;
      case 0x0A -> row++;
      default -> {
        if (mode.isText()) {
          writeCell(page, column, row, character, -1);
        } else {
          drawCharacter(mode, page, column, row, character, colour);
        }
        if (++column >= columns()) {
          column = 0;
          row++;
        }
      }
    }
    if (row >= rows()) {
      row = rows() - 1;
      scrollForNewLine(mode, page, column, row);
    }
    setCursor(page, column, row);
  }

  /** Scrolls the page up a line, filling with the attribute under the cursor (text modes). */
  private void scrollForNewLine(VgaModes.Mode mode, int page, int column, int row) {
    int fill = mode.isText() ? readCell(page, column, row) >>> 8 : 0;
    scroll(page, 1, fill, 0, 0, rows() - 1, columns() - 1, true);
  }

  /** Function 13h: writes a string from ES:BP, with or without attributes, moving the cursor. */
  private void writeString(Registers r) {
    int flags = r.al();
    int page = pageOrActive(r.bh());
    int attribute = r.bl();
    int count = r.cx();
    int saved = cursor(page);
    setCursor(page, r.dl(), r.dh());
    int address = Registers.linear(r.es(), r.bp());
    VgaModes.Mode mode = currentMode();
    for (int i = 0; i < count; i++) {
      int character = memory.readByte(address++);
      if ((flags & 0x02) != 0) {
        attribute = memory.readByte(address++);
      }
      if (character == 0x07 || character == 0x08 || character == 0x0A || character == 0x0D) {
        teletype(page, character, attribute);
        continue;
      }
      int position = cursor(page);
      int column = position & 0xFF;
      int row = position >>> 8;
      if (mode.isText()) {
        writeCell(page, column, row, character, attribute);
      } else {
        drawCharacter(mode, page, column, row, character, attribute);
      }
      if (++column >= columns()) {
        column = 0;
        row++;
      }
      if (row >= rows()) {
        row = rows() - 1;
        scrollForNewLine(mode, page, column, row);
      }
      setCursor(page, column, row);
    }
    if ((flags & 0x01) == 0) {
      setCursor(page, saved & 0xFF, saved >>> 8);
    }
  }

  // ---- graphics ----------------------------------------------------------------------------

  /** The linear address of the graphics font, from the INT 43h vector. */
  private int fontPointer() {
    return Registers.linear(memory.readWord(0x43 * 4 + 2), memory.readWord(0x43 * 4));
  }

  /**
   * Draws a character cell in a graphics mode from the INT 43h font: set bits in the colour,
   * the others in colour 0; with bit 7 of the colour (except in mode 13h) the set bits are
   * XORed onto the screen instead.
   */
  private void drawCharacter(VgaModes.Mode mode, int page, int column, int row, int character,
      int colour) {
    int height = memory.readWord(CHAR_HEIGHT);
    int glyph = fontPointer() + (character & 0xFF) * height;
    boolean xor = (colour & 0x80) != 0 && mode.kind() != VgaModes.Kind.VGA256;
    for (int line = 0; line < height; line++) {
      int bits = memory.readByte(glyph + line);
      for (int x = 0; x < 8; x++) {
        boolean on = (bits & (0x80 >>> x)) != 0;
        if (xor) {
          if (on) {
            setPixel(mode, page, column * 8 + x, row * height + line, colour, true);
          }
        } else {
          setPixel(mode, page, column * 8 + x, row * height + line, on ? colour : 0, false);
        }
      }
    }
  }

  private void writePixel(int page, int x, int y, int colour) {
    VgaModes.Mode mode = currentMode();
    if (!mode.isText()) {
      setPixel(mode, page, x, y, colour, (colour & 0x80) != 0 && mode.kind() != VgaModes.Kind.VGA256);
    }
  }

  private int readPixel(int page, int x, int y) {
    VgaModes.Mode mode = currentMode();
    return mode.isText() ? 0 : getPixel(mode, page, x, y);
  }

  /** The CPU offset of a CGA-mode pixel byte: even rows in the first 8 KiB, odd rows above. */
  private static int cgaOffset(int x, int y, int pixelsPerByte) {
    return ((y & 1) << 13) + (y >>> 1) * 80 + x / pixelsPerByte;
  }

  void setPixel(VgaModes.Mode mode, int page, int x, int y, int colour, boolean xor) {
    if (x < 0 || y < 0 || x >= mode.width() || y >= mode.height()) {
      return;
    }
    switch (mode.kind()) {
      case CGA4 -> {
        int offset = cgaOffset(x, y, 4);
        int plane = offset & 1;
        int a = offset & ~1;
        int shift = 6 - (x & 3) * 2;
        int old = card.plane(plane, a);
        int bits = (colour & 3) << shift;
        card.setPlane(plane, a, xor ? old ^ bits : (old & ~(3 << shift)) | bits);
      }
      case CGA2 -> {
        int a = cgaOffset(x, y, 8);
        int bit = 0x80 >>> (x & 7);
        int old = card.plane(0, a);
        boolean on = (colour & 1) != 0;
        card.setPlane(0, a, xor ? (on ? old ^ bit : old) : on ? old | bit : old & ~bit);
      }
      case PLANAR -> {
        int a = (page < mode.pages() ? page : 0) * mode.pageSize() + y * (mode.width() / 8)
            + (x >>> 3);
        int bit = 0x80 >>> (x & 7);
        for (int plane = 0; plane < 4; plane++) {
          int old = card.plane(plane, a);
          boolean on = (colour & (1 << plane)) != 0;
          int value = xor ? (on ? old ^ bit : old) : on ? old | bit : old & ~bit;
          card.setPlane(plane, a, value);
        }
      }
      case VGA256 -> {
        int offset = y * 320 + x;
        card.setPlane(offset & 3, offset & ~3, colour);
      }
      default -> {
        // text modes have no pixels
      }
    }
  }

  int getPixel(VgaModes.Mode mode, int page, int x, int y) {
    if (x < 0 || y < 0 || x >= mode.width() || y >= mode.height()) {
      return 0;
    }
    switch (mode.kind()) {
      case CGA4 -> {
        int offset = cgaOffset(x, y, 4);
        return (card.plane(offset & 1, offset & ~1) >>> (6 - (x & 3) * 2)) & 3;
      }
      case CGA2 -> {
        return (card.plane(0, cgaOffset(x, y, 8)) >>> (7 - (x & 7))) & 1;
      }
      case PLANAR -> {
        int a = (page < mode.pages() ? page : 0) * mode.pageSize() + y * (mode.width() / 8)
            + (x >>> 3);
        int colour = 0;
        for (int plane = 0; plane < 4; plane++) {
          colour |= ((card.plane(plane, a) >>> (7 - (x & 7))) & 1) << plane;
        }
        return colour;
      }
      case VGA256 -> {
        int offset = y * 320 + x;
        return card.plane(offset & 3, offset & ~3);
      }
      default -> {
        return 0;
      }
    }
  }

  /**
   * Function 0Bh, the CGA's colour select register: BH=0 sets the background (and border) from
   * BL bits 0&ndash;3 with bit 4 the intensity of the 320&times;200 palette; BH=1 picks palette
   * 0 (green, red, brown) or 1 (cyan, magenta, white).
   */
  private void cgaPalette(int function, int value) {
    int register = memory.readByte(CGA_PALETTE);
    VgaModes.Mode mode = currentMode();
    if (function == 0) {
      register = (register & 0xE0) | (value & 0x1F);
      int background = (value & 0x07) | ((value & 0x08) << 1);
      writeAttribute(0x11, background);
      if (!mode.isText()) {
        writeAttribute(0, background);
      }
    } else if (function == 1) {
      register = (register & 0xDF) | ((value & 1) << 5);
    } else {
      return;
    }
    memory.writeByte(CGA_PALETTE, register);
    if (mode.kind() == VgaModes.Kind.CGA4) {
      int intensity = (register & 0x10) != 0 ? 0x10 : 0;
      int base = (register & 0x20) != 0 ? 3 : 2; // palette 1: cyan 3, magenta 5, white 7
      for (int i = 1; i <= 3; i++) {
        writeAttribute(i, (base + (i - 1) * 2) | intensity);
      }
    }
  }

  // ---- palette and DAC ---------------------------------------------------------------------

  private void paletteFunctions(Registers r) {
    switch (r.al()) {
      case 0x00 -> writeAttribute(r.bl() & 0x1F, r.bh()); // set one palette register
      case 0x01 -> writeAttribute(0x11, r.bh()); // set overscan (border) colour
      case 0x02 -> { // set all palette registers and overscan from ES:DX
        int address = Registers.linear(r.es(), r.dx());
        for (int i = 0; i < 17; i++) {
          writeAttribute(i == 16 ? 0x11 : i, memory.readByte(address + i));
        }
      }
      case 0x03 -> { // BL=0: bright backgrounds, BL=1: blinking
        int control = readAttribute(0x10);
        writeAttribute(0x10, r.bl() == 0 ? control & ~0x08 : control | 0x08);
      }
      case 0x07 -> r.setBh(readAttribute(r.bl() & 0x1F)); // read one palette register
      case 0x08 -> r.setBh(readAttribute(0x11)); // read overscan
      case 0x09 -> { // read all palette registers and overscan to ES:DX
        int address = Registers.linear(r.es(), r.dx());
        for (int i = 0; i < 17; i++) {
          memory.writeByte(address + i, readAttribute(i == 16 ? 0x11 : i));
        }
      }
      case 0x10 -> { // set one DAC register: DH red, CH green, CL blue
        card.out(0x3C8, r.bl());
        card.out(0x3C9, r.dh());
        card.out(0x3C9, r.ch());
        card.out(0x3C9, r.cl());
      }
      case 0x12 -> { // set a block of DAC registers from ES:DX
        int address = Registers.linear(r.es(), r.dx());
        card.out(0x3C8, r.bx() & 0xFF);
        for (int i = 0; i < r.cx() * 3 && i < 768; i++) {
          card.out(0x3C9, memory.readByte(address + i));
        }
      }
      case 0x13 -> { // select colour paging mode (BL=0) or colour page (BL=1)
        int control = readAttribute(0x10);
        if (r.bl() == 0) {
          writeAttribute(0x10, (control & 0x7F) | ((r.bh() & 1) << 7));
        } else if (r.bl() == 1) {
          int page = (control & 0x80) != 0 ? r.bh() & 0x0F : (r.bh() & 3) << 2;
          writeAttribute(0x14, page);
        }
      }
      case 0x15 -> { // read one DAC register
        card.out(0x3C7, r.bl());
        r.setDh(card.in(0x3C9, 0));
        r.setCh(card.in(0x3C9, 0));
        r.setCl(card.in(0x3C9, 0));
      }
      case 0x17 -> { // read a block of DAC registers to ES:DX
        int address = Registers.linear(r.es(), r.dx());
        card.out(0x3C7, r.bx() & 0xFF);
        for (int i = 0; i < r.cx() * 3 && i < 768; i++) {
          memory.writeByte(address + i, card.in(0x3C9, 0));
        }
      }
      case 0x18 -> card.out(0x3C6, r.bl()); // set pel mask
      case 0x19 -> r.setBl(card.in(0x3C6, 0)); // read pel mask
      case 0x1A -> { // read colour page state
        int control = readAttribute(0x10);
        int select = readAttribute(0x14);
        r.setBl(control >>> 7);
        r.setBh((control & 0x80) != 0 ? select & 0x0F : (select >>> 2) & 3);
      }
      case 0x1B -> { // sum DAC registers to grey
        byte[] dac = card.dac.clone();
        sumToGrey(dac, r.bx() & 0xFF, r.cx());
        System.arraycopy(dac, 0, card.dac, 0, dac.length);
        card.dirty = true;
      }
      default -> {
        // unknown subfunction: registers unchanged
      }
    }
  }

  // ---- fonts -------------------------------------------------------------------------------

  private byte[] romFont(int height) {
    return switch (height) {
      case 8 -> font8;
      case 14 -> font14;
      default -> font16;
    };
  }

  private void fontFunctions(Registers r) {
    int al = r.al();
    switch (al) {
      case 0x00, 0x10 -> { // load user font from ES:BP: CX glyphs from DX, BH bytes each, block BL
        int height = r.bh();
        byte[] glyphs = memory.read(Registers.linear(r.es(), r.bp()), r.cx() * height);
        loadFont(glyphs, height, r.dx() & 0xFF, r.cx(), r.bl());
        if (al == 0x10) {
          useCharacterHeight(height);
        }
      }
      case 0x01, 0x02, 0x04, 0x11, 0x12, 0x14 -> { // load a ROM font: 8x14, 8x8, 8x16
        int height = switch (al & 0x0F) {
          case 0x01 -> 14;
          case 0x02 -> 8;
          default -> 16;
        };
        byte[] font = romFont(height);
        loadFont(font, height, 0, 256, r.bl());
        if (al >= 0x10) {
          useCharacterHeight(height);
        }
      }
      case 0x03 -> { // select the character maps for attribute bit 3 clear and set
        card.out(0x3C4, 0x03);
        card.out(0x3C5, r.bl());
      }
      case 0x20 -> setVector(0x1F, r.es(), r.bp()); // user 8x8 upper half for graphics
      case 0x21 -> { // user graphics font: ES:BP, CX bytes a character, rows by BL (or DL)
        setVector(0x43, r.es(), r.bp());
        setGraphicsRows(r.bl(), r.dl(), r.cx());
      }
      case 0x22, 0x23, 0x24 -> { // ROM graphics font 8x14, 8x8, 8x16
        int height = al == 0x22 ? 14 : al == 0x23 ? 8 : 16;
        setVector(0x43, ROM_SEGMENT, height == 14 ? FONT14 : height == 8 ? FONT8 : FONT16);
        setGraphicsRows(r.bl(), r.dl(), height);
      }
      case 0x30 -> fontInformation(r);
      default -> {
        // unknown subfunction: registers unchanged
      }
    }
  }

  private void setGraphicsRows(int selector, int dl, int height) {
    int rows = switch (selector) {
      case 0 -> dl;
      case 1 -> 14;
      case 2 -> 25;
      default -> 43;
    };
    memory.writeWord(CHAR_HEIGHT, height);
    memory.writeByte(ROWS_MINUS_ONE, Math.max(1, rows) - 1);
  }

  /**
   * After a font load with recalculation (1110h&ndash;1114h): the character box becomes the
   * font's height, the screen gets as many rows as fit in its scan lines (50 with the 8x8 font
   * in 400 lines), and the cursor and page size follow.
   */
  private void useCharacterHeight(int height) {
    if (height < 1 || height > 32 || !currentMode().isText()) {
      return;
    }
    int lines = card.verticalDisplay();
    int rows = lines / height;
    writeCrtc(0x09, (readCrtc(0x09) & 0xE0) | (height - 1));
    int end = rows * height - 1;
    writeCrtc(0x12, end & 0xFF);
    int overflow = readCrtc(0x07) & ~0x42;
    writeCrtc(0x07, overflow | ((end >>> 7) & 0x02) | ((end >>> 3) & 0x40));
    writeCrtc(0x0A, height > 8 ? height - 3 : height - 2);
    writeCrtc(0x0B, height > 8 ? height - 2 : height - 1);
    memory.writeWord(CHAR_HEIGHT, height);
    memory.writeByte(ROWS_MINUS_ONE, rows - 1);
    memory.writeWord(PAGE_SIZE, ((rows * columns() * 2) + 0xFF) & ~0xFF);
  }

  /** Function 1130h: CX = character height, DL = rows - 1, ES:BP = the font BH asks for. */
  private void fontInformation(Registers r) {
    int pointer = switch (r.bh()) {
      case 0x00 -> memory.readDword(0x1F * 4);
      case 0x01 -> memory.readDword(0x43 * 4);
      case 0x02 -> ROM_SEGMENT << 16 | FONT14;
      case 0x03 -> ROM_SEGMENT << 16 | FONT8;
      case 0x04 -> ROM_SEGMENT << 16 | (FONT8 + 0x400);
      case 0x05 -> ROM_SEGMENT << 16 | ALTERNATE9X14;
      case 0x06 -> ROM_SEGMENT << 16 | FONT16;
      case 0x07 -> ROM_SEGMENT << 16 | ALTERNATE9X16;
      default -> -1;
    };
    if (pointer == -1) {
      return;
    }
    r.setEs(pointer >>> 16);
    r.setBp(pointer & 0xFFFF);
    r.setCx(memory.readWord(CHAR_HEIGHT));
    r.setDl(memory.readByte(ROWS_MINUS_ONE));
  }

  // ---- configuration -----------------------------------------------------------------------

  /** Function 12h, alternate select: BL chooses the subfunction. */
  private void alternateSelect(Registers r) {
    switch (r.bl()) {
      case 0x10 -> { // EGA information
        r.setBh(currentMode().mono() ? 1 : 0);
        r.setBl(0x03); // 256 KiB
        r.setCh(0x00); // feature bits
        r.setCl(memory.readByte(EGA_SWITCHES) & 0x0F);
      }
      case 0x30 -> { // scan lines for the next text mode set: 200, 350 or 400 (recorded only)
        if (r.al() <= 2) {
          r.setAl(0x12);
        }
      }
      case 0x31 -> { // default palette loading on mode set: AL=0 on, AL=1 off
        flag(VGA_FLAGS, 0x08, r.al() == 1);
        r.setAl(0x12);
      }
      case 0x32 -> r.setAl(0x12); // video addressing on or off (always on)
      case 0x33 -> { // grey-scale summing: AL=0 on, AL=1 off
        flag(VGA_FLAGS, 0x02, r.al() == 0);
        r.setAl(0x12);
      }
      case 0x34 -> { // cursor emulation: AL=0 on, AL=1 off
        flag(EGA_INFO, 0x01, r.al() == 1);
        r.setAl(0x12);
      }
      case 0x36 -> { // video refresh: AL=0 on, AL=1 off (the sequencer's screen-off bit)
        card.out(0x3C4, 0x01);
        int clocking = card.in(0x3C5, 0);
        card.out(0x3C5, r.al() == 1 ? clocking | 0x20 : clocking & ~0x20);
        r.setAl(0x12);
      }
      default -> {
        // unknown subfunction: registers unchanged
      }
    }
  }

  private void flag(int address, int mask, boolean set) {
    int value = memory.readByte(address);
    memory.writeByte(address, set ? value | mask : value & ~mask);
  }

  /** Function 1Ah: the display combination code: a VGA with analogue colour (08h) or mono. */
  private void displayCombination(Registers r) {
    if (r.al() == 0x00) {
      r.setAl(0x1A);
      r.setBl(currentMode().mono() ? 0x07 : 0x08);
      r.setBh(0x00);
    } else if (r.al() == 0x01) {
      r.setAl(0x1A);
    }
  }
}
