package dev.mvm.vdd.std;

import java.util.ArrayDeque;

/**
 * One National Semiconductor NS16550A UART, without knowing where it lives or what its pins
 * connect to: {@link #read(int)} and {@link #write(int, int)} take the register offset 0 to 7;
 * the serial side is {@link #receive} (a whole character arrived), {@link #startTransmit} /
 * {@link #finishTransmit} (the transmitter shift register takes a character and is done with
 * it) and {@link #setModemInputs}; {@link #interruptPending()} is the INTR output. Time is the
 * caller's: it asks {@link #characterNanos()} how long a character takes, moves characters at
 * that pace and calls {@link #characterTimeout()} when four character times passed without
 * receiver activity.
 *
 * <p>Modelled from the PC16550D datasheet (National Semiconductor, 1995): RBR/THR, IER, IIR/FCR,
 * LCR (DLAB selects the divisor latch DLL/DLM), MCR (DTR, RTS, OUT1, OUT2, loop), LSR (DR, OE,
 * THRE, TEMT), MSR (CTS, DSR, RI, DCD and their delta bits, TERI on the trailing edge of RI),
 * SCR; the 16-byte receive and transmit FIFOs, cleared by FCR bits 1 and 2 and whenever FIFO mode
 * is switched; receive trigger levels 1, 4, 8 and 14; the interrupt priorities line status,
 * received data available, character timeout, THR empty and modem status, with their clearing
 * rules (reading LSR, reading RBR below the trigger, reading IIR or writing THR, reading MSR); a
 * THR-empty interrupt when ETBEI is set while the THR is empty; and loopback mode, where the
 * modem inputs follow the MCR outputs (RTS to CTS, DTR to DSR, OUT1 to RI, OUT2 to DCD) and the
 * caller routes transmitted characters back to {@link #receive}. Without FIFOs the receiver and
 * transmitter hold one character, and a character arriving at a full receiver overwrites the
 * unread one and sets OE; with FIFOs the new character is lost and OE set.
 *
 * <p>Left out: parity, framing and break errors (nothing on the host side produces them, so PE,
 * FE, BI and LSR bit 7 stay clear), the break control bit, DMA mode signalling (FCR bit 3) and
 * the baud-rate generator output.
 */
final class Uart16550 {

  // Register offsets.
  static final int RBR_THR = 0;
  static final int IER = 1;
  static final int IIR_FCR = 2;
  static final int LCR = 3;
  static final int MCR = 4;
  static final int LSR = 5;
  static final int MSR = 6;
  static final int SCR = 7;

  // LSR bits.
  static final int DR = 0x01;
  static final int OE = 0x02;
  static final int THRE = 0x20;
  static final int TEMT = 0x40;

  // IIR interrupt identifications (bit 0 clear: an interrupt is pending).
  static final int IIR_NONE = 0x01;
  static final int IIR_LINE_STATUS = 0x06;
  static final int IIR_RECEIVED_DATA = 0x04;
  static final int IIR_TIMEOUT = 0x0C;
  static final int IIR_THR_EMPTY = 0x02;
  static final int IIR_MODEM_STATUS = 0x00;

  // MCR bits.
  static final int DTR = 0x01;
  static final int RTS = 0x02;
  static final int OUT1 = 0x04;
  static final int OUT2 = 0x08;
  static final int LOOP = 0x10;

  // MSR input bits.
  static final int CTS = 0x10;
  static final int DSR = 0x20;
  static final int RI = 0x40;
  static final int DCD = 0x80;

  /** The PC's UART clock: 1.8432 MHz, sixteen clocks a bit. */
  static final long CLOCK_HZ = 1_843_200;

  private static final int FIFO_SIZE = 16;
  private static final int[] TRIGGER_LEVELS = {1, 4, 8, 14};

  private final ArrayDeque<Integer> rx = new ArrayDeque<>();
  private final ArrayDeque<Integer> tx = new ArrayDeque<>();
  private int dll;
  private int dlm;
  private int ier;
  private int lcr;
  private int mcr;
  private int scr;
  private boolean fifos;
  private int trigger = 1;
  private boolean overrun;
  private int lastReceived;
  private boolean shiftBusy;
  private boolean thrInterrupt;
  private boolean timeoutPending;
  /** What the modem inputs would be outside loopback (CTS, DSR, RI, DCD in MSR positions). */
  private int externalInputs;
  /** The inputs as MSR shows them now. */
  private int inputs;
  private int deltas;

  Uart16550() {
    reset();
  }

  /** The master reset: registers cleared, FIFOs off and empty, transmitter empty. */
  void reset() {
    rx.clear();
    tx.clear();
    dll = dlm = ier = lcr = mcr = scr = 0;
    fifos = false;
    trigger = 1;
    overrun = false;
    lastReceived = 0;
    shiftBusy = false;
    thrInterrupt = false;
    timeoutPending = false;
    deltas = 0;
    inputs = externalInputs;
  }

  // ---- the bus side ------------------------------------------------------------------------

  /**
   * Reads a register.
   *
   * @param offset 0 to 7
   * @return the byte
   */
  int read(int offset) {
    boolean dlab = (lcr & 0x80) != 0;
    return switch (offset & 7) {
      case RBR_THR -> dlab ? dll : readReceiver();
      case IER -> dlab ? dlm : ier;
      case IIR_FCR -> {
        int id = interruptId();
        if (id == IIR_THR_EMPTY) {
          thrInterrupt = false; // reading IIR with THRE as its source clears it
        }
        yield id | (fifos ? 0xC0 : 0);
      }
      case LCR -> lcr;
      case MCR -> mcr;
      case LSR -> {
        int value = lineStatus();
        overrun = false;
        yield value;
      }
      case MSR -> {
        int value = inputs | deltas;
        deltas = 0;
        yield value;
      }
      default -> scr;
    };
  }

  /**
   * Writes a register.
   *
   * @param offset 0 to 7
   * @param value the byte
   */
  void write(int offset, int value) {
    value &= 0xFF;
    boolean dlab = (lcr & 0x80) != 0;
    switch (offset & 7) {
      case RBR_THR -> {
        if (dlab) {
          dll = value;
        } else {
          writeTransmitter(value);
        }
      }
      case IER -> {
        if (dlab) {
          dlm = value;
        } else {
          boolean enablingThre = (ier & 0x02) == 0 && (value & 0x02) != 0;
          ier = value & 0x0F;
          if (enablingThre && tx.isEmpty()) {
            thrInterrupt = true;
          }
        }
      }
      case IIR_FCR -> writeFifoControl(value);
      case LCR -> lcr = value;
      case MCR -> {
        mcr = value & 0x1F;
        updateInputs();
      }
      case SCR -> scr = value;
      default -> {} // LSR and MSR: factory test writes, ignored
    }
  }

  private int readReceiver() {
    Integer value = rx.poll();
    if (value == null) {
      return lastReceived;
    }
    lastReceived = value;
    timeoutPending = false;
    return value;
  }

  private void writeTransmitter(int value) {
    if (tx.size() >= capacity()) {
      if (!fifos) {
        tx.poll(); // the unsent THR is overwritten
      } else {
        return; // a full FIFO drops the byte
      }
    }
    tx.add(value);
    thrInterrupt = false;
  }

  private void writeFifoControl(int value) {
    boolean enable = (value & 0x01) != 0;
    if (enable != fifos) {
      rx.clear();
      tx.clear();
      timeoutPending = false;
    }
    fifos = enable;
    if ((value & 0x02) != 0) {
      rx.clear();
      timeoutPending = false;
    }
    if ((value & 0x04) != 0) {
      tx.clear();
    }
    trigger = fifos ? TRIGGER_LEVELS[value >>> 6] : 1;
  }

  private int capacity() {
    return fifos ? FIFO_SIZE : 1;
  }

  private int lineStatus() {
    return (rx.isEmpty() ? 0 : DR)
        | (overrun ? OE : 0)
        | (tx.isEmpty() ? THRE : 0)
        | (tx.isEmpty() && !shiftBusy ? TEMT : 0);
  }

  /**
   * The highest-priority pending interrupt, as IIR bits 0&ndash;3 show it.
   *
   * @return one of the {@code IIR_} codes; {@link #IIR_NONE} when none
   */
  int interruptId() {
    if ((ier & 0x04) != 0 && overrun) {
      return IIR_LINE_STATUS;
    }
    if ((ier & 0x01) != 0 && rx.size() >= trigger) {
      return IIR_RECEIVED_DATA;
    }
    if ((ier & 0x01) != 0 && timeoutPending && !rx.isEmpty()) {
      return IIR_TIMEOUT;
    }
    if ((ier & 0x02) != 0 && thrInterrupt) {
      return IIR_THR_EMPTY;
    }
    if ((ier & 0x08) != 0 && deltas != 0) {
      return IIR_MODEM_STATUS;
    }
    return IIR_NONE;
  }

  /** Returns the INTR output. */
  boolean interruptPending() {
    return interruptId() != IIR_NONE;
  }

  /** Returns MCR bit 3, which on a PC gates INTR onto the IRQ line. */
  boolean out2() {
    return (mcr & OUT2) != 0;
  }

  /** Returns whether the UART is in loopback (diagnostic) mode. */
  boolean loopback() {
    return (mcr & LOOP) != 0;
  }

  /** Returns the line status without the side effects of reading it. */
  int peekLineStatus() {
    return lineStatus();
  }

  /** Returns the modem status without clearing its deltas. */
  int peekModemStatus() {
    return inputs | deltas;
  }

  // ---- the serial side ---------------------------------------------------------------------

  /** Returns the divisor latch; 0 counts as 65536, as the counter wraps. */
  int divisor() {
    int d = dlm << 8 | dll;
    return d == 0 ? 0x10000 : d;
  }

  /** Returns the time of one character frame: start, data, parity and stop bits. */
  long characterNanos() {
    int dataBits = 5 + (lcr & 0x03);
    int halfBits = 2 * (1 + dataBits + ((lcr & 0x08) != 0 ? 1 : 0));
    if ((lcr & 0x04) == 0) {
      halfBits += 2;
    } else {
      halfBits += dataBits == 5 ? 3 : 4; // 1.5 or 2 stop bits
    }
    return halfBits * 16L * divisor() * 1_000_000_000L / CLOCK_HZ / 2;
  }

  /** Returns whether the receiver can take a character without an overrun. */
  boolean canReceive() {
    return rx.size() < capacity();
  }

  /** Returns characters waiting in the receiver. */
  int received() {
    return rx.size();
  }

  /** Returns whether the FIFOs are enabled. */
  boolean fifosEnabled() {
    return fifos;
  }

  /**
   * A character arrived at the receiver.
   *
   * @param value the character
   * @return false if it overran the receiver
   */
  boolean receive(int value) {
    timeoutPending = false;
    if (rx.size() >= capacity()) {
      overrun = true;
      if (!fifos) {
        rx.poll();
        rx.add(value & 0xFF); // the 16450 way: the new character replaces the unread one
      }
      return false;
    }
    rx.add(value & 0xFF);
    return true;
  }

  /** Four character times passed with characters in the FIFO and no activity. */
  void characterTimeout() {
    if (fifos && !rx.isEmpty()) {
      timeoutPending = true;
    }
  }

  /**
   * The transmitter shift register takes the next character, if it is idle and one waits.
   *
   * @return the character now being sent, or -1
   */
  int startTransmit() {
    if (shiftBusy || tx.isEmpty()) {
      return -1;
    }
    int value = tx.remove();
    shiftBusy = true;
    if (tx.isEmpty()) {
      thrInterrupt = true;
    }
    return value;
  }

  /** The character in the shift register has been sent. */
  void finishTransmit() {
    shiftBusy = false;
  }

  /**
   * Sets the modem inputs the far end drives (used outside loopback).
   *
   * @param bits {@link #CTS}, {@link #DSR}, {@link #RI}, {@link #DCD}
   */
  void setModemInputs(int bits) {
    externalInputs = bits & 0xF0;
    updateInputs();
  }

  private void updateInputs() {
    int now;
    if (loopback()) {
      now = ((mcr & RTS) != 0 ? CTS : 0)
          | ((mcr & DTR) != 0 ? DSR : 0)
          | ((mcr & OUT1) != 0 ? RI : 0)
          | ((mcr & OUT2) != 0 ? DCD : 0);
    } else {
      now = externalInputs;
    }
    int changed = now ^ inputs;
    if ((changed & CTS) != 0) {
      deltas |= 0x01;
    }
    if ((changed & DSR) != 0) {
      deltas |= 0x02;
    }
    if ((changed & RI) != 0 && (now & RI) == 0) {
      deltas |= 0x04; // trailing edge of RI
    }
    if ((changed & DCD) != 0) {
      deltas |= 0x08;
    }
    inputs = now;
  }
}
