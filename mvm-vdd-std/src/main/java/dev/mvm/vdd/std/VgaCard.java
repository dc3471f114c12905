package dev.mvm.vdd.std;

/**
 * An IBM VGA at the register level, without knowing where it lives: the CPU's view of its
 * ports (given as the VGA's own port numbers 3B0h&ndash;3DFh) and of its memory window (given
 * as offsets from A0000h), and a copy of its state for display. Time comes from the caller.
 *
 * <p>Modelled from the register descriptions of the IBM VGA technical reference: the
 * sequencer (map mask, character map select, memory mode with chain-4 and odd/even), the
 * graphics controller (set/reset, enable set/reset, colour compare, data rotate and logical
 * function, read map select, write modes 0&ndash;3, read modes 0&ndash;1, memory map select,
 * colour don't care, bit mask), the CRT controller (with the write protection of registers
 * 0&ndash;7), the attribute controller with its index/data flip-flop, the DAC with its
 * read/write index sequencing and pel mask, the miscellaneous output register (which moves the
 * CRTC between 3Bxh and 3Dxh) and input status 1 with display-enable and vertical retrace.
 *
 * <p>Video memory is four 64 KiB planes. They are kept as one {@code int} per address, plane
 * <i>n</i> in bits 8<i>n</i> to 8<i>n</i>+7, which is also the shape of the four latches: a
 * read loads all four with one array access, and the write modes work on all planes at once.
 * In chain-4 mode the low two address bits select the plane and the address within the plane
 * keeps them cleared (the CRTC then scans in doubleword mode); in odd/even mode bit 0 selects
 * the plane pair and is cleared within the plane (the CRTC scans in word mode).
 *
 * <p>Left out: the feature connector, light pen, horizontal pixel panning, the split screen
 * in text modes (it is drawn in graphics modes), the page bit of odd/even addressing, the
 * vertical retrace interrupt, and the timing of the horizontal retrace beyond the
 * display-enable bit.
 */
final class VgaCard {

  /** How the CPU's address selects planes. */
  static final int PLANAR = 0;
  static final int ODD_EVEN = 1;
  static final int CHAIN4 = 2;

  /** {@code LANES[m]} has FFh in the byte lanes of the planes set in the 4-bit mask m. */
  static final int[] LANES = new int[16];

  static {
    for (int m = 0; m < 16; m++) {
      int lanes = 0;
      for (int plane = 0; plane < 4; plane++) {
        if ((m & (1 << plane)) != 0) {
          lanes |= 0xFF << (plane * 8);
        }
      }
      LANES[m] = lanes;
    }
  }

  /** The four planes, one int per address: plane n in byte lane n. */
  final int[] vram = new int[0x10000];

  final int[] seq = new int[5];
  final int[] crtc = new int[25];
  final int[] gc = new int[9];
  final int[] attr = new int[21];
  /** The DAC's 256 entries, red, green and blue, six bits each. */
  final byte[] dac = new byte[768];

  int misc;
  int pelMask = 0xFF;
  int seqIndex;
  int crtcIndex;
  int gcIndex;
  int attrIndex;
  /** Bit 5 of the attribute index: the palette is in use and the screen shows. */
  boolean attrPaletteSource;
  /** The attribute controller's flip-flop: true when the next write to 3C0h is data. */
  boolean attrData;
  int dacWriteIndex;
  int dacReadIndex;
  int dacComponent;
  /** Whether the DAC was last given a read index (3C7h reads back 3) or a write index (0). */
  boolean dacReading;

  /** The latches, one byte per plane. */
  int latch;

  /** Set by every change of what the screen shows; cleared by whoever takes a snapshot. */
  boolean dirty = true;

  // Derived from the registers on each write, so that the memory path stays short.
  private int windowStart;
  private int windowSize = 0x20000;
  private int readAccess = PLANAR;
  private int writeAccess = PLANAR;
  private boolean simpleWrite = true;
  private int mapMask = 0xF;
  private int writeMode;
  private int readMode;
  private int readMapSelect;
  private int rotateCount;
  private int function;
  private int bitMask = 0xFF;
  private int bitMaskLanes = -1;
  private int setResetLanes;
  private int enableSetResetLanes;
  private int colourCompareLanes;
  private int colourDontCareLanes;

  /** The length of a frame in nanoseconds: 70 frames a second unless set otherwise. */
  long frameNanos = 1_000_000_000L / 70;

  /** Puts the card in its power-on state: registers zero, memory cleared, window 128 KiB. */
  void reset() {
    java.util.Arrays.fill(vram, 0);
    java.util.Arrays.fill(seq, 0);
    java.util.Arrays.fill(crtc, 0);
    java.util.Arrays.fill(gc, 0);
    java.util.Arrays.fill(attr, 0);
    java.util.Arrays.fill(dac, (byte) 0);
    misc = 0;
    pelMask = 0xFF;
    seqIndex = crtcIndex = gcIndex = attrIndex = 0;
    attrPaletteSource = false;
    attrData = false;
    dacWriteIndex = dacReadIndex = dacComponent = 0;
    dacReading = false;
    latch = 0;
    gc[8] = 0xFF;
    seq[2] = 0x0F;
    update();
    dirty = true;
  }

  // ---- memory ------------------------------------------------------------------------------

  /**
   * A CPU read of video memory.
   *
   * @param offset the address minus A0000h, 0 to 1FFFFh
   * @return the byte the CPU sees; FFh outside the window the memory map select opens
   */
  int read(int offset) {
    int a = offset - windowStart;
    if (a < 0 || a >= windowSize) {
      return 0xFF;
    }
    switch (readAccess) {
      case CHAIN4 -> {
        int l = vram[a & 0xFFFC];
        latch = l;
        return (l >>> ((a & 3) << 3)) & 0xFF;
      }
      case ODD_EVEN -> {
        int l = vram[a & 0xFFFE];
        latch = l;
        return (l >>> (((readMapSelect & 2) | (a & 1)) << 3)) & 0xFF;
      }
      default -> {
        int l = vram[a & 0xFFFF];
        latch = l;
        if (readMode == 0) {
          return (l >>> (readMapSelect << 3)) & 0xFF;
        }
        // Read mode 1: a 1 for each pixel whose colour (in the planes that matter) equals the
        // colour compare register.
        int x = (l ^ colourCompareLanes) & colourDontCareLanes;
        return ~(x | x >>> 8 | x >>> 16 | x >>> 24) & 0xFF;
      }
    }
  }

  /**
   * A CPU write to video memory, through the graphics controller's write mode and the
   * sequencer's map mask.
   *
   * @param offset the address minus A0000h, 0 to 1FFFFh
   * @param value the byte
   */
  void write(int offset, int value) {
    int a = offset - windowStart;
    if (a < 0 || a >= windowSize) {
      return;
    }
    int pa;
    int planes;
    switch (writeAccess) {
      case CHAIN4 -> {
        pa = a & 0xFFFC;
        planes = mapMask & (1 << (a & 3));
      }
      case ODD_EVEN -> {
        // Even addresses go to planes 0 and 2, odd ones to planes 1 and 3.
        pa = a & 0xFFFE;
        planes = mapMask & ((a & 1) != 0 ? 0xA : 0x5);
      }
      default -> {
        pa = a & 0xFFFF;
        planes = mapMask;
      }
    }
    if (planes == 0) {
      return;
    }
    int data = simpleWrite ? (value & 0xFF) * 0x01010101 : writeData(value);
    int lanes = LANES[planes];
    vram[pa] = (vram[pa] & ~lanes) | (data & lanes);
    dirty = true;
  }

  /** The graphics controller's data path: the four bytes a write mode makes of a CPU byte. */
  private int writeData(int value) {
    int l = latch;
    switch (writeMode) {
      case 0 -> {
        int v = rotate(value) * 0x01010101;
        int d = (v & ~enableSetResetLanes) | (setResetLanes & enableSetResetLanes);
        d = logical(d, l);
        return (d & bitMaskLanes) | (l & ~bitMaskLanes);
      }
      case 1 -> {
        return l; // the latches as they were read: a fast copy within video memory
      }
      case 2 -> {
        int d = logical(LANES[value & 0xF], l);
        return (d & bitMaskLanes) | (l & ~bitMaskLanes);
      }
      default -> {
        // Write mode 3: the rotated byte ANDed with the bit mask selects which bits take the
        // set/reset colour.
        int m = (rotate(value) & bitMask) * 0x01010101;
        int d = logical(setResetLanes, l);
        return (d & m) | (l & ~m);
      }
    }
  }

  private int rotate(int value) {
    int v = value & 0xFF;
    return ((v >>> rotateCount) | (v << (8 - rotateCount))) & 0xFF;
  }

  private int logical(int d, int l) {
    return switch (function) {
      case 1 -> d & l;
      case 2 -> d | l;
      case 3 -> d ^ l;
      default -> d;
    };
  }

  /**
   * @param plane 0 to 3
   * @param address 0 to FFFFh
   * @return the byte of that plane at that address
   */
  int plane(int plane, int address) {
    return (vram[address & 0xFFFF] >>> (plane << 3)) & 0xFF;
  }

  /**
   * Stores a byte straight into a plane, as the BIOS's own drawing does.
   *
   * @param plane 0 to 3
   * @param address 0 to FFFFh
   * @param value the byte
   */
  void setPlane(int plane, int address, int value) {
    int shift = plane << 3;
    int a = address & 0xFFFF;
    vram[a] = (vram[a] & ~(0xFF << shift)) | ((value & 0xFF) << shift);
    dirty = true;
  }

  // ---- ports -------------------------------------------------------------------------------

  /** Whether the CRTC and input status 1 answer at 3Dxh (colour) rather than 3Bxh (mono). */
  boolean colourAddressing() {
    return (misc & 1) != 0;
  }

  /**
   * Reads a port.
   *
   * @param port 3B0h to 3DFh
   * @param nanos the current time, for the retrace bits
   * @return the value, FFh for ports this card does not answer
   */
  int in(int port, long nanos) {
    switch (port) {
      case 0x3C0:
        return attrIndex | (attrPaletteSource ? 0x20 : 0);
      case 0x3C1:
        return attrIndex < attr.length ? attr[attrIndex] : 0;
      case 0x3C2:
        return 0x10; // input status 0: the switch sense line reads high for a colour monitor
      case 0x3C4:
        return seqIndex;
      case 0x3C5:
        return seqIndex < seq.length ? seq[seqIndex] : 0xFF;
      case 0x3C6:
        return pelMask;
      case 0x3C7:
        return dacReading ? 3 : 0;
      case 0x3C8:
        return dacWriteIndex;
      case 0x3C9:
        return readDac();
      case 0x3CA:
        return 0; // feature control
      case 0x3CC:
        return misc;
      case 0x3CE:
        return gcIndex;
      case 0x3CF:
        return gcIndex < gc.length ? gc[gcIndex] : 0xFF;
      default:
        break;
    }
    int base = colourAddressing() ? 0x3D0 : 0x3B0;
    switch (port - base) {
      case 4:
        return crtcIndex;
      case 5:
        return crtcIndex < crtc.length ? crtc[crtcIndex] : 0xFF;
      case 0xA:
        attrData = false; // reading input status 1 resets the attribute flip-flop
        return inputStatus1(nanos);
      default:
        return 0xFF;
    }
  }

  /**
   * Writes a port.
   *
   * @param port 3B0h to 3DFh
   * @param value the byte
   */
  void out(int port, int value) {
    value &= 0xFF;
    switch (port) {
      case 0x3C0 -> writeAttribute(value);
      case 0x3C2 -> {
        misc = value;
        dirty = true;
      }
      case 0x3C4 -> seqIndex = value & 0x07;
      case 0x3C5 -> {
        if (seqIndex < seq.length) {
          seq[seqIndex] = value;
          update();
          dirty = true;
        }
      }
      case 0x3C6 -> {
        pelMask = value;
        dirty = true;
      }
      case 0x3C7 -> {
        dacReadIndex = value;
        dacComponent = 0;
        dacReading = true;
      }
      case 0x3C8 -> {
        dacWriteIndex = value;
        dacComponent = 0;
        dacReading = false;
      }
      case 0x3C9 -> writeDac(value);
      case 0x3CE -> gcIndex = value & 0x0F;
      case 0x3CF -> {
        if (gcIndex < gc.length) {
          gc[gcIndex] = value;
          update();
          dirty = true;
        }
      }
      default -> {
        int base = colourAddressing() ? 0x3D0 : 0x3B0;
        if (port == base + 4) {
          crtcIndex = value & 0x3F;
        } else if (port == base + 5) {
          writeCrtc(crtcIndex, value);
        } else if (port == base + 0xA) {
          // feature control: nothing to model
        }
      }
    }
  }

  private void writeAttribute(int value) {
    if (!attrData) {
      attrIndex = value & 0x1F;
      boolean source = (value & 0x20) != 0;
      if (source != attrPaletteSource) {
        attrPaletteSource = source;
        dirty = true;
      }
    } else if (attrIndex < attr.length) {
      attr[attrIndex] = value;
      dirty = true;
    }
    attrData = !attrData;
  }

  private void writeCrtc(int index, int value) {
    if (index >= crtc.length) {
      return;
    }
    // Bit 7 of the vertical retrace end register protects registers 0 to 7, except bit 4 of
    // the overflow register (line compare bit 8).
    if ((crtc[0x11] & 0x80) != 0 && index <= 7) {
      if (index == 7) {
        crtc[7] = (crtc[7] & ~0x10) | (value & 0x10);
      }
      return;
    }
    crtc[index] = value;
    dirty = true;
  }

  private void writeDac(int value) {
    dac[dacWriteIndex * 3 + dacComponent] = (byte) (value & 0x3F);
    if (++dacComponent == 3) {
      dacComponent = 0;
      dacWriteIndex = (dacWriteIndex + 1) & 0xFF;
    }
    dirty = true;
  }

  private int readDac() {
    int v = dac[dacReadIndex * 3 + dacComponent];
    if (++dacComponent == 3) {
      dacComponent = 0;
      dacReadIndex = (dacReadIndex + 1) & 0xFF;
    }
    return v;
  }

  /** Recomputes the fields the memory path uses from the sequencer and graphics registers. */
  private void update() {
    int memoryMode = seq[4];
    mapMask = seq[2] & 0xF;
    if ((memoryMode & 0x08) != 0) {
      writeAccess = CHAIN4;
      readAccess = CHAIN4;
    } else {
      writeAccess = (memoryMode & 0x04) == 0 ? ODD_EVEN : PLANAR;
      readAccess = (gc[5] & 0x10) != 0 ? ODD_EVEN : PLANAR;
    }
    switch ((gc[6] >>> 2) & 3) {
      case 0 -> {
        windowStart = 0;
        windowSize = 0x20000;
      }
      case 1 -> {
        windowStart = 0;
        windowSize = 0x10000;
      }
      case 2 -> {
        windowStart = 0x10000;
        windowSize = 0x8000;
      }
      default -> {
        windowStart = 0x18000;
        windowSize = 0x8000;
      }
    }
    setResetLanes = LANES[gc[0] & 0xF];
    enableSetResetLanes = LANES[gc[1] & 0xF];
    colourCompareLanes = LANES[gc[2] & 0xF];
    rotateCount = gc[3] & 7;
    function = (gc[3] >>> 3) & 3;
    readMapSelect = gc[4] & 3;
    writeMode = gc[5] & 3;
    readMode = (gc[5] >>> 3) & 1;
    colourDontCareLanes = LANES[gc[7] & 0xF];
    bitMask = gc[8] & 0xFF;
    bitMaskLanes = bitMask * 0x01010101;
    simpleWrite =
        writeMode == 0 && rotateCount == 0 && function == 0 && (gc[1] & 0xF) == 0 && bitMask == 0xFF;
  }

  // ---- timing ------------------------------------------------------------------------------

  /** Vertical total in scan lines, from the CRTC (registers 06h and 07h). */
  int verticalTotal() {
    int overflow = crtc[7];
    return crtc[6] + ((overflow & 0x01) << 8) + ((overflow & 0x20) << 4) + 2;
  }

  /** Scan lines displayed, from the vertical display end register and the overflow. */
  int verticalDisplay() {
    int overflow = crtc[7];
    return crtc[0x12] + ((overflow & 0x02) << 7) + ((overflow & 0x40) << 3) + 1;
  }

  /**
   * Input status 1 at a given time: bit 0 when the display is disabled (horizontal or vertical
   * blanking), bit 3 during vertical retrace. The frame repeats every {@link #frameNanos}; its
   * lines are the CRTC's vertical total, of which the first are displayed and the retrace
   * starts at the vertical retrace start register and lasts until the line whose low four bits
   * equal the vertical retrace end.
   */
  int inputStatus1(long nanos) {
    int total = verticalTotal();
    int display = verticalDisplay();
    if (display <= 0 || total <= display) {
      // Not programmed yet: a 400-line frame of 449 lines, as the VGA text modes have.
      display = 400;
      total = 449;
    }
    int overflow = crtc[7];
    int retraceStart = crtc[0x10] + ((overflow & 0x04) << 6) + ((overflow & 0x80) << 2);
    int retraceLength = ((crtc[0x11] & 0xF) - retraceStart) & 0xF;
    if (retraceLength == 0) {
      retraceLength = 16;
    }
    if (retraceStart < display || retraceStart >= total) {
      retraceStart = display + (total - display) / 4;
    }
    long inFrame = Math.floorMod(nanos, frameNanos);
    long lineNanos = Math.max(1, frameNanos / total);
    long line = inFrame / lineNanos;
    int horizontalTotal = crtc[0] + 5;
    int horizontalDisplay = crtc[1] + 1;
    long displayNanos =
        horizontalDisplay < horizontalTotal ? lineNanos * horizontalDisplay / horizontalTotal
            : lineNanos * 4 / 5;
    boolean vertical = line >= retraceStart && line < retraceStart + retraceLength;
    boolean blank = line >= display || inFrame % lineNanos >= displayNanos;
    return (blank || vertical ? 0x01 : 0) | (vertical ? 0x08 : 0);
  }

  // ---- snapshots ---------------------------------------------------------------------------

  /**
   * A copy of everything the display shows, for another thread to render.
   *
   * @return the copy
   */
  VgaState snapshot() {
    return new VgaState(
        vram.clone(), seq.clone(), crtc.clone(), gc.clone(), attr.clone(), dac.clone(), misc,
        pelMask, attrPaletteSource);
  }
}
