package dev.mvm.vdd.std;

import org.jspecify.annotations.Nullable;

/**
 * The standard VGA BIOS video modes and the register values that set them up, as the IBM VGA
 * technical reference tabulates them: miscellaneous output, sequencer registers 1&ndash;4, CRTC
 * registers 0&ndash;18h, attribute registers 0&ndash;13h and graphics registers 0&ndash;8.
 * Text modes use the 400-line timing with a 9-dot, 16-line character box (720&times;400 in 80
 * columns, 360&times;400 in 40); modes 0Fh and 10h have 350 lines, 11h and 12h 480, and the
 * other graphics modes 400 lines that show 200 rows twice.
 */
final class VgaModes {

  /** How a mode lays out video memory. */
  enum Kind {
    /** Characters in plane 0, attributes in plane 1, odd/even at B8000h or B0000h. */
    TEXT,
    /** CGA 320&times;200, 2 bits a pixel, odd/even, even rows at B8000h and odd at BA000h. */
    CGA4,
    /** CGA 640&times;200, 1 bit a pixel in plane 0, banks as in CGA4. */
    CGA2,
    /** EGA/VGA planar: one bit of each pixel in each plane. */
    PLANAR,
    /** 320&times;200 with 256 colours, one byte a pixel, chain-4. */
    VGA256
  }

  /**
   * One mode.
   *
   * @param number the BIOS mode number
   * @param kind the memory layout
   * @param columns text columns
   * @param rows text rows
   * @param charHeight scan lines of the character box
   * @param width pixels across (graphics), or 0
   * @param height pixels down (graphics), or 0
   * @param segment where the CPU finds the page memory
   * @param pageSize bytes of a page, as the BIOS data area gives it
   * @param pages how many pages fit
   * @param mono whether the mode runs on the monochrome CRTC ports
   * @param misc the miscellaneous output register
   * @param seq sequencer registers 1 to 4
   * @param crtc CRTC registers 0 to 18h
   * @param attr attribute registers 0 to 13h
   * @param gc graphics registers 0 to 8
   */
  record Mode(int number, Kind kind, int columns, int rows, int charHeight, int width,
      int height, int segment, int pageSize, int pages, boolean mono, int misc, int[] seq,
      int[] crtc, int[] attr, int[] gc) {

    boolean isText() {
      return kind == Kind.TEXT;
    }
  }

  private static final int[] TEXT_ATTR = {
    0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x14, 0x07, 0x38, 0x39, 0x3A, 0x3B, 0x3C, 0x3D, 0x3E,
    0x3F, 0x0C, 0x00, 0x0F, 0x08
  };
  private static final int[] TEXT_GC = {0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x0E, 0x00, 0xFF};
  private static final int[] CRTC_40_TEXT = {
    0x2D, 0x27, 0x28, 0x90, 0x2B, 0xA0, 0xBF, 0x1F, 0x00, 0x4F, 0x0D, 0x0E, 0x00, 0x00, 0x00,
    0x00, 0x9C, 0x8E, 0x8F, 0x14, 0x1F, 0x96, 0xB9, 0xA3, 0xFF
  };
  private static final int[] CRTC_80_TEXT = {
    0x5F, 0x4F, 0x50, 0x82, 0x55, 0x81, 0xBF, 0x1F, 0x00, 0x4F, 0x0D, 0x0E, 0x00, 0x00, 0x00,
    0x00, 0x9C, 0x8E, 0x8F, 0x28, 0x1F, 0x96, 0xB9, 0xA3, 0xFF
  };
  private static final int[] CRTC_MONO_TEXT = {
    0x5F, 0x4F, 0x50, 0x82, 0x55, 0x81, 0xBF, 0x1F, 0x00, 0x4F, 0x0D, 0x0E, 0x00, 0x00, 0x00,
    0x00, 0x9C, 0x8E, 0x8F, 0x28, 0x0D, 0x96, 0xB9, 0xA3, 0xFF
  };
  private static final int[] MONO_ATTR = {
    0x00, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x08, 0x10, 0x18, 0x18, 0x18, 0x18, 0x18, 0x18,
    0x18, 0x0E, 0x00, 0x0F, 0x08
  };
  private static final int[] CRTC_CGA_320 = {
    0x2D, 0x27, 0x28, 0x90, 0x2B, 0x80, 0xBF, 0x1F, 0x00, 0xC1, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x9C, 0x8E, 0x8F, 0x14, 0x00, 0x96, 0xB9, 0xA2, 0xFF
  };
  private static final int[] CRTC_CGA_640 = {
    0x5F, 0x4F, 0x50, 0x82, 0x54, 0x80, 0xBF, 0x1F, 0x00, 0xC1, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x9C, 0x8E, 0x8F, 0x28, 0x00, 0x96, 0xB9, 0xC2, 0xFF
  };
  private static final int[] CRTC_EGA_320 = {
    0x2D, 0x27, 0x28, 0x90, 0x2B, 0x80, 0xBF, 0x1F, 0x00, 0xC0, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x9C, 0x8E, 0x8F, 0x14, 0x00, 0x96, 0xB9, 0xE3, 0xFF
  };
  private static final int[] CRTC_EGA_640 = {
    0x5F, 0x4F, 0x50, 0x82, 0x54, 0x80, 0xBF, 0x1F, 0x00, 0xC0, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x9C, 0x8E, 0x8F, 0x28, 0x00, 0x96, 0xB9, 0xE3, 0xFF
  };
  private static final int[] CRTC_350 = {
    0x5F, 0x4F, 0x50, 0x82, 0x54, 0x80, 0xBF, 0x1F, 0x00, 0x40, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x83, 0x85, 0x5D, 0x28, 0x0F, 0x63, 0xBA, 0xE3, 0xFF
  };
  private static final int[] CRTC_480 = {
    0x5F, 0x4F, 0x50, 0x82, 0x54, 0x80, 0x0B, 0x3E, 0x00, 0x40, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0xEA, 0x8C, 0xDF, 0x28, 0x00, 0xE7, 0x04, 0xE3, 0xFF
  };
  private static final int[] CRTC_320X200X256 = {
    0x5F, 0x4F, 0x50, 0x82, 0x54, 0x80, 0xBF, 0x1F, 0x00, 0x41, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x9C, 0x8E, 0x8F, 0x28, 0x40, 0x96, 0xB9, 0xA3, 0xFF
  };
  private static final int[] EGA_ATTR = {
    0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16,
    0x17, 0x01, 0x00, 0x0F, 0x00
  };
  private static final int[] VGA_ATTR = {
    0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x14, 0x07, 0x38, 0x39, 0x3A, 0x3B, 0x3C, 0x3D, 0x3E,
    0x3F, 0x01, 0x00, 0x0F, 0x00
  };
  private static final int[] PLANAR_GC = {0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0x0F, 0xFF};

  private static final Mode[] MODES = new Mode[0x14];

  static {
    int[] seq40 = {0x08, 0x03, 0x00, 0x02};
    int[] seq80 = {0x00, 0x03, 0x00, 0x02};
    for (int m = 0; m <= 3; m++) {
      boolean wide = m >= 2;
      add(new Mode(m, Kind.TEXT, wide ? 80 : 40, 25, 16, 0, 0, 0xB800, wide ? 0x1000 : 0x800, 8,
          false, 0x67, wide ? seq80 : seq40, wide ? CRTC_80_TEXT : CRTC_40_TEXT, TEXT_ATTR,
          TEXT_GC));
    }
    int[] cgaAttr = {
      0x00, 0x13, 0x15, 0x17, 0x02, 0x04, 0x06, 0x07, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16,
      0x17, 0x01, 0x00, 0x03, 0x00
    };
    int[] cgaGc = {0x00, 0x00, 0x00, 0x00, 0x00, 0x30, 0x0F, 0x00, 0xFF};
    for (int m = 4; m <= 5; m++) {
      add(new Mode(m, Kind.CGA4, 40, 25, 8, 320, 200, 0xB800, 0x4000, 1, false, 0x63,
          new int[] {0x09, 0x03, 0x00, 0x02}, CRTC_CGA_320, cgaAttr, cgaGc));
    }
    int[] monoCgaAttr = {
      0x00, 0x17, 0x17, 0x17, 0x17, 0x17, 0x17, 0x17, 0x17, 0x17, 0x17, 0x17, 0x17, 0x17, 0x17,
      0x17, 0x01, 0x00, 0x01, 0x00
    };
    add(new Mode(6, Kind.CGA2, 80, 25, 8, 640, 200, 0xB800, 0x4000, 1, false, 0x63,
        new int[] {0x01, 0x01, 0x00, 0x06}, CRTC_CGA_640, monoCgaAttr,
        new int[] {0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0D, 0x00, 0xFF}));
    add(new Mode(7, Kind.TEXT, 80, 25, 16, 0, 0, 0xB000, 0x1000, 8, true, 0x66, seq80,
        CRTC_MONO_TEXT, MONO_ATTR, new int[] {0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x0A, 0x00, 0xFF}));
    int[] seqPlanar320 = {0x09, 0x0F, 0x00, 0x06};
    int[] seqPlanar640 = {0x01, 0x0F, 0x00, 0x06};
    add(new Mode(0x0D, Kind.PLANAR, 40, 25, 8, 320, 200, 0xA000, 0x2000, 8, false, 0x63,
        seqPlanar320, CRTC_EGA_320, EGA_ATTR, PLANAR_GC));
    add(new Mode(0x0E, Kind.PLANAR, 80, 25, 8, 640, 200, 0xA000, 0x4000, 4, false, 0x63,
        seqPlanar640, CRTC_EGA_640, EGA_ATTR, PLANAR_GC));
    int[] monoGraphicsAttr = {
      0x00, 0x08, 0x00, 0x00, 0x18, 0x18, 0x00, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00, 0x18, 0x00,
      0x00, 0x0B, 0x00, 0x05, 0x00
    };
    add(new Mode(0x0F, Kind.PLANAR, 80, 25, 14, 640, 350, 0xA000, 0x8000, 2, true, 0xA2,
        seqPlanar640, CRTC_350, monoGraphicsAttr,
        new int[] {0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0x05, 0xFF}));
    add(new Mode(0x10, Kind.PLANAR, 80, 25, 14, 640, 350, 0xA000, 0x8000, 2, false, 0xA3,
        seqPlanar640, CRTC_350, VGA_ATTR, PLANAR_GC));
    int[] twoColourAttr = {
      0x00, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F, 0x3F,
      0x3F, 0x01, 0x00, 0x0F, 0x00
    };
    add(new Mode(0x11, Kind.PLANAR, 80, 30, 16, 640, 480, 0xA000, 0xA000, 1, false, 0xE3,
        seqPlanar640, CRTC_480, twoColourAttr, PLANAR_GC));
    add(new Mode(0x12, Kind.PLANAR, 80, 30, 16, 640, 480, 0xA000, 0xA000, 1, false, 0xE3,
        seqPlanar640, CRTC_480, VGA_ATTR, PLANAR_GC));
    int[] identityAttr = new int[20];
    for (int i = 0; i < 16; i++) {
      identityAttr[i] = i;
    }
    identityAttr[0x10] = 0x41;
    identityAttr[0x12] = 0x0F;
    add(new Mode(0x13, Kind.VGA256, 40, 25, 8, 320, 200, 0xA000, 0xFA00, 1, false, 0x63,
        new int[] {0x01, 0x0F, 0x00, 0x0E}, CRTC_320X200X256, identityAttr,
        new int[] {0x00, 0x00, 0x00, 0x00, 0x00, 0x40, 0x05, 0x0F, 0xFF}));
  }

  private VgaModes() {}

  private static void add(Mode mode) {
    MODES[mode.number()] = mode;
  }

  /**
   * @param number a BIOS mode number (bit 7, the no-clear flag, removed)
   * @return the mode, or null if the BIOS does not know it
   */
  static @Nullable Mode mode(int number) {
    return number >= 0 && number < MODES.length ? MODES[number] : null;
  }

  /**
   * The DAC values of the EGA's 64 colours (bits 0&ndash;2 blue, green, red at two thirds;
   * bits 3&ndash;5 the same at one third), which the 16-colour modes select through the
   * attribute palette.
   *
   * @param index 0 to 63
   * @return red, green and blue, six bits each
   */
  static int[] egaColour(int index) {
    int r = ((index >>> 2) & 1) * 42 + ((index >>> 5) & 1) * 21;
    int g = ((index >>> 1) & 1) * 42 + ((index >>> 4) & 1) * 21;
    int b = (index & 1) * 42 + ((index >>> 3) & 1) * 21;
    return new int[] {r, g, b};
  }

  /**
   * The DAC values of the 200-line modes (04h&ndash;06h, 0Dh, 0Eh), which drive the DAC as the
   * CGA drove its monitor: bits 0&ndash;2 blue, green, red, bit 4 intensity; colour 6 is brown,
   * not dark yellow, as on the CGA's monitor.
   *
   * @param index 0 to 63
   * @return red, green and blue, six bits each
   */
  static int[] cgaColour(int index) {
    int intensity = ((index >>> 4) & 1) * 21;
    int r = ((index >>> 2) & 1) * 42 + intensity;
    int g = ((index >>> 1) & 1) * 42 + intensity;
    int b = (index & 1) * 42 + intensity;
    if ((index & 0x17) == 0x06) {
      g = 21;
    }
    return new int[] {r, g, b};
  }

  /** Whether a mode drives the DAC with the CGA's colours ({@link #cgaColour}). */
  static boolean usesCgaColours(Mode mode) {
    return switch (mode.number()) {
      case 0x04, 0x05, 0x06, 0x0D, 0x0E -> true;
      default -> false;
    };
  }

  /**
   * The DAC values of the monochrome modes: bit 3 is video, bit 4 intensity.
   *
   * @param index 0 to 63
   * @return grey as red, green and blue
   */
  static int[] monoColour(int index) {
    int v = ((index >>> 3) & 1) * 42 + ((index >>> 4) & 1) * 21;
    return new int[] {v, v, v};
  }

  /**
   * The 256 colours mode 13h starts with: the 16 CGA colours, 16 greys, then three blocks of
   * 72 (high, medium, low intensity), each three saturations of a 24-step hue circle, and 8
   * blacks.
   *
   * @return 768 six-bit values
   */
  static byte[] defaultPalette256() {
    byte[] dac = new byte[768];
    int[] cga = {0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x14, 0x07, 0x38, 0x39, 0x3A, 0x3B, 0x3C,
        0x3D, 0x3E, 0x3F};
    for (int i = 0; i < 16; i++) {
      int[] c = egaColour(cga[i]);
      put(dac, i, c[0], c[1], c[2]);
    }
    int[] greys = {0x00, 0x05, 0x08, 0x0B, 0x0E, 0x11, 0x14, 0x18, 0x1C, 0x20, 0x24, 0x28, 0x2D,
        0x32, 0x38, 0x3F};
    for (int i = 0; i < 16; i++) {
      put(dac, 16 + i, greys[i], greys[i], greys[i]);
    }
    // Each row: the five levels from the low to the high component of one intensity and
    // saturation.
    int[][] levels = {
      {0x00, 0x10, 0x1F, 0x2F, 0x3F}, {0x1F, 0x27, 0x2F, 0x37, 0x3F}, {0x2D, 0x31, 0x36, 0x3A, 0x3F},
      {0x00, 0x07, 0x0E, 0x15, 0x1C}, {0x0E, 0x11, 0x15, 0x18, 0x1C}, {0x14, 0x16, 0x18, 0x1A, 0x1C},
      {0x00, 0x04, 0x08, 0x0C, 0x10}, {0x08, 0x0A, 0x0C, 0x0E, 0x10}, {0x0B, 0x0C, 0x0D, 0x0F, 0x10}
    };
    int index = 32;
    for (int[] v : levels) {
      // Around the circle: blue to magenta, red, yellow, green, cyan and back to blue, each
      // side in four steps.
      for (int step = 0; step < 24; step++) {
        int side = step / 4;
        int up = v[step % 4];
        int down = v[4 - step % 4];
        int lo = v[0];
        int hi = v[4];
        int[] rgb = switch (side) {
          case 0 -> new int[] {up, lo, hi};
          case 1 -> new int[] {hi, lo, down};
          case 2 -> new int[] {hi, up, lo};
          case 3 -> new int[] {down, hi, lo};
          case 4 -> new int[] {lo, hi, up};
          default -> new int[] {lo, down, hi};
        };
        put(dac, index++, rgb[0], rgb[1], rgb[2]);
      }
    }
    return dac;
  }

  private static void put(byte[] dac, int index, int r, int g, int b) {
    dac[index * 3] = (byte) r;
    dac[index * 3 + 1] = (byte) g;
    dac[index * 3 + 2] = (byte) b;
  }
}
