package dev.mvm.vdd.std;

/**
 * A copy of a {@link VgaCard}'s memory and registers at one moment, taken on the VM's thread
 * and read on any other: it scans video memory as the CRT controller does (start address,
 * offset, byte, word or doubleword addressing, the CGA-compatible substitution of address bits
 * 13 and 14 by the row scan counter, double scanning) and turns it into text cells or pixels
 * through the attribute controller and the DAC.
 */
final class VgaState {
  final int[] vram;
  final int[] seq;
  final int[] crtc;
  final int[] gc;
  final int[] attr;
  final byte[] dac;
  final int misc;
  final int pelMask;
  final boolean paletteSource;

  VgaState(int[] vram, int[] seq, int[] crtc, int[] gc, int[] attr, byte[] dac, int misc,
      int pelMask, boolean paletteSource) {
    this.vram = vram;
    this.seq = seq;
    this.crtc = crtc;
    this.gc = gc;
    this.attr = attr;
    this.dac = dac;
    this.misc = misc;
    this.pelMask = pelMask;
    this.paletteSource = paletteSource;
  }

  /** Whether the attribute controller is in graphics mode (else it draws characters). */
  boolean isGraphics() {
    return (attr[0x10] & 1) != 0;
  }

  /** Character clocks per line: text columns, or bytes of pixels. */
  int columns() {
    return crtc[1] + 1;
  }

  /** Scan lines per character row. */
  int charHeight() {
    return (crtc[9] & 0x1F) + 1;
  }

  private boolean doubleScan() {
    return (crtc[9] & 0x80) != 0;
  }

  int verticalDisplay() {
    int overflow = crtc[7];
    return crtc[0x12] + ((overflow & 0x02) << 7) + ((overflow & 0x40) << 3) + 1;
  }

  /** Text rows on the screen. */
  int rows() {
    int lines = verticalDisplay() / (doubleScan() ? 2 : 1);
    return Math.max(1, lines / charHeight());
  }

  /** The scan line after which the display restarts at address 0 (3FFh: never). */
  int lineCompare() {
    return crtc[0x18] | ((crtc[7] & 0x10) << 4) | ((crtc[9] & 0x40) << 3);
  }

  int startAddress() {
    return crtc[0x0C] << 8 | crtc[0x0D];
  }

  /** Memory address counter units from one character row to the next. */
  private int rowPitch() {
    return crtc[0x13] * 2;
  }

  /** The cursor's address in character units, or -1 when the cursor is off. */
  int cursorAddress() {
    if ((crtc[0x0A] & 0x20) != 0) {
      return -1;
    }
    return crtc[0x0E] << 8 | crtc[0x0F];
  }

  /** Maps the CRTC's memory address counter to a plane address, as its mode register says. */
  int address(int counter, int rowScan) {
    int mode = crtc[0x17];
    int a;
    if ((crtc[0x14] & 0x40) != 0) {
      a = counter << 2;
    } else if ((mode & 0x40) == 0) {
      a = (counter << 1) | ((counter >>> ((mode & 0x20) != 0 ? 15 : 13)) & 1);
    } else {
      a = counter;
    }
    if ((mode & 1) == 0) {
      a = (a & ~0x2000) | ((rowScan & 1) << 13);
    }
    if ((mode & 2) == 0) {
      a = (a & ~0x4000) | ((rowScan & 2) << 13);
    }
    return a & 0xFFFF;
  }

  /**
   * The character and attribute of a text cell.
   *
   * @param column from 0
   * @param row from 0
   * @return the character in bits 0&ndash;7, the attribute in bits 8&ndash;15
   */
  int cell(int column, int row) {
    int a = address(startAddress() + row * rowPitch() + column, 0);
    int v = vram[a];
    return v & 0xFFFF;
  }

  /** A text row as Unicode, CP437 glyphs mapped to the characters they show. */
  String row(int row) {
    int columns = columns();
    char[] chars = new char[columns];
    for (int c = 0; c < columns; c++) {
      chars[c] = Cp437.toChar(cell(c, row) & 0xFF);
    }
    return new String(chars);
  }

  /** The DAC entry a 4-bit pixel or text colour selects through the attribute palette. */
  private int paletteIndex(int colour) {
    int c = colour & attr[0x12] & 0xF;
    int index = attr[c] & 0x3F;
    int modeControl = attr[0x10];
    int colourSelect = attr[0x14];
    if ((modeControl & 0x80) != 0) {
      index = (index & 0x0F) | ((colourSelect & 3) << 4);
    }
    return index | ((colourSelect & 0x0C) << 4);
  }

  /** The colour of a DAC entry as 0xRRGGBB, after the pel mask; six bits widen to eight. */
  int dacColour(int index) {
    int i = (index & pelMask) * 3;
    return widen(dac[i]) << 16 | widen(dac[i + 1]) << 8 | widen(dac[i + 2]);
  }

  private static int widen(int sixBits) {
    int v = sixBits & 0x3F;
    return (v << 2) | (v >>> 4);
  }

  /** A rendered picture: width &times; height pixels as 0xRRGGBB, row by row. */
  static final class Picture {
    private final int width;
    private final int height;
    private final int[] rgb;

    Picture(int width, int height, int[] rgb) {
      this.width = width;
      this.height = height;
      this.rgb = rgb;
    }

    int width() {
      return width;
    }

    int height() {
      return height;
    }

    int[] rgb() {
      return rgb;
    }
  }

  /**
   * Draws the screen: text modes at their full dot resolution (720&times;400 for 80 columns
   * with the 9-dot font), graphics modes at the resolution programs address (320&times;200 for
   * modes 04h, 0Dh and 13h): lines that double scanning or repeated row scans only repeat are
   * drawn once. A blanked screen (sequencer screen off, or the palette address source clear)
   * is black.
   */
  Picture render() {
    return isGraphics() ? renderGraphics() : renderText();
  }

  private boolean blanked() {
    return !paletteSource || (seq[1] & 0x20) != 0;
  }

  private Picture renderText() {
    int columns = columns();
    int dots = (seq[1] & 1) != 0 ? 8 : 9;
    int height = charHeight();
    int rows = rows();
    int width = columns * dots;
    int lines = rows * height;
    int[] rgb = new int[width * lines];
    if (blanked()) {
      return new Picture(width, lines, rgb);
    }
    int[] colours = new int[16];
    for (int i = 0; i < 16; i++) {
      colours[i] = dacColour(paletteIndex(i));
    }
    boolean blink = (attr[0x10] & 0x08) != 0;
    boolean lineGraphics = (attr[0x10] & 0x04) != 0;
    boolean mono = (misc & 1) == 0;
    int underline = crtc[0x14] & 0x1F;
    int cursor = cursorAddress();
    int cursorStart = crtc[0x0A] & 0x1F;
    int cursorEnd = crtc[0x0B] & 0x1F;
    int mapSelect = seq[3];
    int fontA = fontOffset(((mapSelect >>> 3) & 4) | ((mapSelect >>> 2) & 3));
    int fontB = fontOffset(((mapSelect >>> 2) & 4) | (mapSelect & 3));
    for (int row = 0; row < rows; row++) {
      int counter = startAddress() + row * rowPitch();
      for (int column = 0; column < columns; column++) {
        int v = vram[address(counter + column, 0)];
        int ch = v & 0xFF;
        int at = (v >>> 8) & 0xFF;
        int fg = colours[at & 0xF];
        int bg = colours[blink ? (at >>> 4) & 7 : at >>> 4];
        int font = (at & 0x08) != 0 ? fontA : fontB;
        boolean isCursor = counter + column == cursor;
        boolean ninthLikeEighth = lineGraphics && ch >= 0xC0 && ch <= 0xDF;
        for (int scan = 0; scan < height; scan++) {
          int bits = (vram[(font + ch * 32 + scan) & 0xFFFF] >>> 16) & 0xFF;
          if (mono && (at & 0x07) == 0x01 && scan == underline) {
            bits = 0xFF;
          }
          if (isCursor && scan >= cursorStart && scan <= cursorEnd) {
            bits = 0xFF;
          }
          int p = (row * height + scan) * width + column * dots;
          for (int dot = 0; dot < 8; dot++) {
            rgb[p + dot] = (bits & (0x80 >>> dot)) != 0 ? fg : bg;
          }
          if (dots == 9) {
            rgb[p + 8] = ninthLikeEighth && (bits & 1) != 0 ? fg : bg;
          }
        }
      }
    }
    return new Picture(width, lines, rgb);
  }

  /** Where character map n starts in plane 2: maps 0-3 at 16 KiB steps, 4-7 8 KiB above them. */
  static int fontOffset(int map) {
    return ((map & 3) << 14) | ((map & 4) << 11);
  }

  private Picture renderGraphics() {
    int columns = columns();
    boolean colour256 = (gc[5] & 0x40) != 0;
    boolean cga = !colour256 && (gc[5] & 0x20) != 0;
    int pixelsPerClock = colour256 ? 4 : 8;
    int width = columns * pixelsPerClock;
    int cellHeight = charHeight();
    boolean rowScanMatters = (crtc[0x17] & 3) != 3;
    int repeat = (doubleScan() ? 2 : 1) * (rowScanMatters ? 1 : cellHeight);
    int height = Math.max(1, verticalDisplay() / repeat);
    int[] rgb = new int[width * height];
    if (blanked()) {
      return new Picture(width, height, rgb);
    }
    int[] colours = new int[16];
    for (int i = 0; i < 16; i++) {
      colours[i] = dacColour(paletteIndex(i));
    }
    int start = startAddress();
    int pitch = rowPitch();
    int lineCompare = lineCompare();
    for (int y = 0; y < height; y++) {
      // Below the line compare register's scan line the screen shows memory from address 0:
      // the split screen.
      int raster = y * repeat;
      boolean split = raster > lineCompare;
      int line = split ? raster - lineCompare - 1 : raster;
      if (doubleScan()) {
        line >>= 1;
      }
      int rowScan = line % cellHeight;
      int counter = (split ? 0 : start) + (line / cellHeight) * pitch;
      int p = y * width;
      for (int c = 0; c < columns; c++) {
        int v = vram[address(counter + c, rowScan)];
        if (colour256) {
          for (int i = 0; i < 4; i++) {
            rgb[p++] = dacColour((v >>> (i * 8)) & 0xFF);
          }
        } else if (cga) {
          // Shift register interleave: planes 0 and 1 give four 2-bit pixels each.
          for (int i = 0; i < 8; i++) {
            int b = i < 4 ? v & 0xFF : (v >>> 8) & 0xFF;
            int shift = 6 - (i & 3) * 2;
            rgb[p++] = colours[(b >>> shift) & 3];
          }
        } else {
          for (int i = 0; i < 8; i++) {
            int bit = 7 - i;
            int pixel = ((v >>> bit) & 1) | ((v >>> (bit + 7)) & 2) | ((v >>> (bit + 14)) & 4)
                | ((v >>> (bit + 21)) & 8);
            rgb[p++] = colours[pixel];
          }
        }
      }
    }
    return new Picture(width, height, rgb);
  }
}
