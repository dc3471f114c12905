package dev.mvm.vdd.std;

import java.util.function.IntConsumer;

/**
 * The IBM PC's parallel printer adapter (the standard, output-only "SPP" port), without knowing
 * where it lives: {@link #read(int)} and {@link #write(int, int)} take the offset (0 data, 1
 * status, 2 control), a strobed byte goes to the {@code printer} callback, and the caller drives
 * the printer's status lines ({@link #setAcknowledge}, {@link #setFault}).
 *
 * <p>Modelled from the IBM PC technical reference's description of the adapter: the data latch
 * (reads back what was written); the status register with BUSY (bit 7, inverted), nACK (6),
 * paper end (5), SELECT (4) and nERROR (3), bits 0&ndash;2 reading as ones; the control
 * register with STROBE (bit 0, inverted on the cable), AUTO FEED (1), nINIT (2), SELECT IN (3)
 * and IRQ enable (4), bits 5&ndash;7 reading as ones. A byte is printed when STROBE goes back
 * from active to inactive. Left out: the bidirectional (PS/2), EPP and ECP modes, and the
 * printer's timing beyond the acknowledge pulse the caller makes.
 */
final class Lpt {

  static final int DATA = 0;
  static final int STATUS = 1;
  static final int CONTROL = 2;

  // Status bits as the register shows them.
  static final int NOT_BUSY = 0x80;
  static final int NOT_ACK = 0x40;
  static final int PAPER_END = 0x20;
  static final int SELECTED = 0x10;
  static final int NOT_ERROR = 0x08;

  // Control bits.
  static final int STROBE = 0x01;
  static final int NOT_INIT = 0x04;
  static final int SELECT_IN = 0x08;
  static final int IRQ_ENABLE = 0x10;

  private final IntConsumer printer;
  private int data;
  private int control;
  private boolean acknowledging;
  private boolean fault;

  /**
   * @param printer receives each strobed byte
   */
  Lpt(IntConsumer printer) {
    this.printer = printer;
    reset();
  }

  /** Power-on: data 0, control with nINIT high and SELECT IN, printer ready. */
  void reset() {
    data = 0;
    control = NOT_INIT | SELECT_IN;
    acknowledging = false;
  }

  /**
   * Returns the register.
   *
   * @param offset 0 data, 1 status, 2 control
   * @return the register
   */
  int read(int offset) {
    return switch (offset) {
      case DATA -> data;
      case STATUS -> status();
      default -> 0xE0 | control;
    };
  }

  /**
   * Returns true when the write strobed a byte out to the printer.
   *
   * @param offset 0 data, 2 control (the status register is read-only)
   * @param value the byte
   * @return true when the write strobed a byte out to the printer
   */
  boolean write(int offset, int value) {
    value &= 0xFF;
    if (offset == DATA) {
      data = value;
      return false;
    }
    if (offset != CONTROL) {
      return false;
    }
    boolean strobeEnds = (control & STROBE) != 0 && (value & STROBE) == 0;
    control = value & 0x1F;
    if (strobeEnds && !fault) {
      printer.accept(data);
      return true;
    }
    return false;
  }

  private int status() {
    if (fault) {
      return 0x07 | NOT_ACK | PAPER_END; // busy, paper end, error, not selected
    }
    return 0x07 | NOT_BUSY | (acknowledging ? 0 : NOT_ACK) | SELECTED | NOT_ERROR;
  }

  /**
   * Drives the printer's acknowledge line.
   *
   * @param active whether nACK is pulled low
   */
  void setAcknowledge(boolean active) {
    acknowledging = active;
  }

  /**
   * The printer failed (its host stream broke): it shows busy, out of paper and in error, and
   * prints nothing more.
   *
   * @param failed whether the printer is in fault
   */
  void setFault(boolean failed) {
    fault = failed;
  }

  /** Returns whether control bit 4 lets the acknowledge interrupt through. */
  boolean irqEnabled() {
    return (control & IRQ_ENABLE) != 0;
  }
}
