package dev.mvm.vdd.std;

/**
 * One Intel 8237A DMA controller: four channels with their base and current address and count
 * registers, mode registers and mask bits, the command, status, request and temporary registers
 * and the byte-pointer flip-flop, without knowing where it lives, how wide its channels are or
 * what memory it reaches. {@link VDma} wires two of them and the page registers.
 *
 * <p>Modelled from the 8237A datasheet (Intel, 1993). The sixteen registers by their offset:
 * 0&ndash;7 the address (even) and count (odd) registers of channels 0&ndash;3, each written and
 * read a byte at a time, low byte first, as the flip-flop says; a write sets both the base and
 * the current register. 8 reads the status (terminal-count bits 0&ndash;3, cleared by the read;
 * request bits 4&ndash;7) and writes the command; 9 writes the request register; 10 sets or
 * clears one mask bit; 11 writes a channel's mode; 12 clears the flip-flop; 13 reads the
 * temporary register and, written, is the master clear; 14 clears every mask bit; 15 writes all
 * four. The 8237A leaves reads of 9&ndash;12, 14 and 15 undefined: offset 15 returns the mask
 * bits (as later PC chipsets do), the others FFh, as a floating bus would.
 *
 * <p>A channel counts down from the programmed count, so it moves count + 1 units; when the count
 * passes from 0 to FFFFh it reaches terminal count: its status bit is set and its request bit
 * cleared, and it either reloads its base address and count (auto-initialisation) or masks
 * itself. The address counts up or down by one and wraps in 16 bits, as the chip's does (the
 * page register above it never changes during a transfer).
 *
 * <p>Not modelled: memory-to-memory transfers (command bit 0, which the PC's wiring does not
 * support), and timing (compressed timing, extended write, DREQ and DACK polarity and rotating
 * priority are accepted and have no effect, since transfers happen at once).
 */
final class Dma8237 {

  /** Transfer types, mode bits 2 and 3. */
  static final int VERIFY = 0;
  static final int WRITE = 1;
  static final int READ = 2;

  /** Modes, mode bits 6 and 7. */
  static final int DEMAND = 0;
  static final int SINGLE = 1;
  static final int BLOCK = 2;
  static final int CASCADE = 3;

  /** Command bit 2: the controller is disabled. */
  static final int COMMAND_DISABLE = 0x04;

  /** One channel's registers. */
  static final class Channel {
    int baseAddress;
    int baseCount;
    int address;
    int count;
    /** The mode register, bits 2 to 7 (bits 0 and 1 only chose the channel). */
    int mode;
    boolean masked = true;
    /** The software request bit of the request register. */
    boolean request;

    int transferType() {
      return (mode >>> 2) & 3;
    }

    boolean autoInitialise() {
      return (mode & 0x10) != 0;
    }

    boolean decrement() {
      return (mode & 0x20) != 0;
    }

    int operatingMode() {
      return (mode >>> 6) & 3;
    }
  }

  final Channel[] channels = {new Channel(), new Channel(), new Channel(), new Channel()};
  int command;
  /** Terminal-count bits 0 to 3 of the status register. */
  int terminalCounts;
  int temporary;
  /** False while the low byte comes next. */
  boolean highByteNext;

  /** The chip's RESET input: as a master clear, and every mode register back to zero. */
  void reset() {
    masterClear();
    for (Channel c : channels) {
      c.mode = 0;
      c.baseAddress = 0;
      c.baseCount = 0;
      c.address = 0;
      c.count = 0;
    }
  }

  /** Clears command, status, request, temporary and the flip-flop; sets every mask bit. */
  void masterClear() {
    command = 0;
    terminalCounts = 0;
    temporary = 0;
    highByteNext = false;
    for (Channel c : channels) {
      c.request = false;
      c.masked = true;
    }
  }

  boolean isEnabled() {
    return (command & COMMAND_DISABLE) == 0;
  }

  /**
   * Reads a register.
   *
   * @param offset 0 to 15
   * @return the byte
   */
  int read(int offset) {
    if (offset < 8) {
      Channel c = channels[offset >>> 1];
      int value = (offset & 1) == 0 ? c.address : c.count;
      boolean high = highByteNext;
      highByteNext = !highByteNext;
      return (high ? value >>> 8 : value) & 0xFF;
    }
    return switch (offset) {
      case 8 -> {
        int status = terminalCounts;
        for (int i = 0; i < 4; i++) {
          if (channels[i].request) {
            status |= 0x10 << i;
          }
        }
        terminalCounts = 0;
        yield status;
      }
      case 13 -> temporary;
      case 15 -> {
        int mask = 0;
        for (int i = 0; i < 4; i++) {
          if (channels[i].masked) {
            mask |= 1 << i;
          }
        }
        yield mask;
      }
      default -> 0xFF;
    };
  }

  /**
   * Writes a register. A software request (offset 9) only records the request here; {@link VDma}
   * serves it.
   *
   * @param offset 0 to 15
   * @param value the byte
   */
  void write(int offset, int value) {
    if (offset < 8) {
      Channel c = channels[offset >>> 1];
      boolean high = highByteNext;
      highByteNext = !highByteNext;
      if ((offset & 1) == 0) {
        c.baseAddress = merge(c.baseAddress, value, high);
        c.address = c.baseAddress;
      } else {
        c.baseCount = merge(c.baseCount, value, high);
        c.count = c.baseCount;
      }
      return;
    }
    switch (offset) {
      case 8 -> command = value;
      case 9 -> channels[value & 3].request = (value & 0x04) != 0;
      case 10 -> channels[value & 3].masked = (value & 0x04) != 0;
      case 11 -> channels[value & 3].mode = value & 0xFC;
      case 12 -> highByteNext = false;
      case 13 -> masterClear();
      case 14 -> {
        for (Channel c : channels) {
          c.masked = false;
        }
      }
      default -> { // 15: write all mask bits
        for (int i = 0; i < 4; i++) {
          channels[i].masked = (value & (1 << i)) != 0;
        }
      }
    }
  }

  private static int merge(int register, int value, boolean high) {
    return high ? (register & 0x00FF) | (value & 0xFF) << 8 : (register & 0xFF00) | (value & 0xFF);
  }

  /**
   * Moves a channel's address and count on by one unit, as after each transfer cycle.
   *
   * @param index 0 to 3
   * @return whether the channel reached terminal count with this unit
   */
  boolean advance(int index) {
    Channel c = channels[index];
    c.address = (c.address + (c.decrement() ? -1 : 1)) & 0xFFFF;
    c.count = (c.count - 1) & 0xFFFF;
    if (c.count != 0xFFFF) {
      return false;
    }
    terminalCounts |= 1 << index;
    c.request = false;
    if (c.autoInitialise()) {
      c.address = c.baseAddress;
      c.count = c.baseCount;
    } else {
      c.masked = true;
    }
    return true;
  }
}
