package dev.mvm.vdd.std;

import java.util.ArrayDeque;
import java.util.function.IntConsumer;

/**
 * The Intel 8042 keyboard controller of the PC/AT and PS/2, as its standard firmware behaves,
 * without knowing where it lives: {@link #read(int)} and {@link #write(int, int)} take the
 * register offset (0 = data, the AT's port 60h; 4 = status and command, port 64h), the keyboard
 * and auxiliary (mouse) devices hand in their bytes with {@link #fromKeyboard} and {@link
 * #fromAux}, and everything the controller drives goes out through {@link Lines}.
 *
 * <p>Modelled from the IBM PC/AT and PS/2 technical references' descriptions of the 8042 and
 * the 8042 data sheet: the status register (OBF, IBF, SYS, A2, INH, AUX-OBF, timeout); the
 * 32-byte internal RAM whose byte 0 is the command byte (interrupt enables, system flag,
 * disable bits, translation); commands 20h&ndash;3Fh / 60h&ndash;7Fh (read / write RAM), A7h /
 * A8h / A9h (auxiliary port), AAh (self-test, answers 55h), ABh (keyboard interface test, 00h),
 * ADh / AEh (keyboard interface), C0h (input port), D0h / D1h (output port: bit 1 is the A20
 * gate, bit 0 low resets the CPU), D2h / D3h (write the output buffer as if the keyboard or the
 * mouse had sent the byte), D4h (next byte to the auxiliary device), DDh / DFh (A20 off / on,
 * as on HP machines), E0h (test inputs) and F0h&ndash;FFh (pulse output port bits; FEh resets
 * the CPU). The output buffer holds one byte; the next is loaded when the guest reads it, with
 * the controller's own answers first, then the keyboard's bytes, then the mouse's. IRQ 1
 * follows OBF for keyboard and controller bytes, IRQ 12 for mouse bytes, each when the command
 * byte enables it. A byte written to the data port while no command waits for it goes to the
 * keyboard and re-enables the keyboard interface.
 *
 * <p>Left out: the scan-code translation itself (the keyboard model delivers set 1 codes as
 * the translation would yield them, whatever bit 6 of the command byte says), parity and
 * transmit timeouts on the keyboard line, the password commands (A4h&ndash;A6h), the input
 * port polling commands (C1h, C2h), and the time the real controller takes: the input buffer
 * is never seen full.
 */
final class Kbc8042 {

  /** What the controller drives: IRQ lines, the A20 gate, the CPU's reset. */
  interface Lines {
    /**
     * Drives IRQ 1.
     *
     * @param high the new level
     */
    void irq1(boolean high);

    /**
     * Drives IRQ 12.
     *
     * @param high the new level
     */
    void irq12(boolean high);

    /**
     * Opens or closes the A20 gate.
     *
     * @param enabled the new state
     */
    void setA20(boolean enabled);

    /**
     * Reads the A20 gate as it is (port 92h and the BIOS also switch it).
     *
     * @return whether it is open
     */
    boolean isA20();

    /** Pulses the CPU's reset line. */
    void reset();
  }

  // Status register bits.
  static final int OBF = 0x01;
  static final int IBF = 0x02;
  static final int SYS = 0x04;
  /** A2: the last write went to the command port. */
  static final int A2 = 0x08;
  /** Keyboard not inhibited (the key lock is open). */
  static final int INH = 0x10;
  static final int AUX_OBF = 0x20;
  static final int TIMEOUT = 0x40;

  // Command byte bits.
  static final int CMD_KBD_INT = 0x01;
  static final int CMD_AUX_INT = 0x02;
  static final int CMD_SYS = 0x04;
  static final int CMD_KBD_DISABLED = 0x10;
  static final int CMD_AUX_DISABLED = 0x20;
  static final int CMD_TRANSLATE = 0x40;

  /**
   * The input port: keyboard not inhibited (7), no manufacturing jumper (5), 512 KiB on the
   * system board (4), colour display (6 clear).
   */
  static final int INPUT_PORT = 0xB0;

  /** Marks a queued controller byte that goes out as mouse data (status bit 5, IRQ 12). */
  private static final int FROM_AUX = 0x100;

  private final Lines lines;
  private final IntConsumer keyboard;
  private final IntConsumer aux;
  private final boolean auxPresent;

  private final byte[] ram = new byte[32];
  private final ArrayDeque<Integer> controllerBytes = new ArrayDeque<>();
  private final ArrayDeque<Integer> keyboardBytes = new ArrayDeque<>();
  private final ArrayDeque<Integer> auxBytes = new ArrayDeque<>();

  private int outputBuffer;
  private boolean outputFull;
  private boolean outputFromAux;
  private boolean systemFlag;
  private boolean lastWriteWasCommand;
  private boolean timeout;
  /** The command whose data byte the next write to the data port is, or 0. */
  private int pendingCommand;
  /** Output port bits 0&ndash;3 and 6&ndash;7 as last written; bit 1 is read from the gate. */
  private int outputPort;
  private boolean irq1;
  private boolean irq12;

  /**
   * @param lines what the controller drives
   * @param keyboard receives the bytes the guest sends to the keyboard
   * @param aux receives the bytes the guest sends to the auxiliary device, when there is one
   * @param auxPresent whether a device sits on the auxiliary port; without one, a byte sent to
   *     it times out and the controller answers FEh
   */
  Kbc8042(Lines lines, IntConsumer keyboard, IntConsumer aux, boolean auxPresent) {
    this.lines = lines;
    this.keyboard = keyboard;
    this.aux = aux;
    this.auxPresent = auxPresent;
    reset(0x50);
  }

  /**
   * Power-on state.
   *
   * @param commandByte the command byte to start with (a BIOS's POST leaves 45h: translation,
   *     system flag, keyboard interrupt)
   */
  void reset(int commandByte) {
    java.util.Arrays.fill(ram, (byte) 0);
    ram[0] = (byte) commandByte;
    controllerBytes.clear();
    keyboardBytes.clear();
    auxBytes.clear();
    outputBuffer = 0;
    outputFull = false;
    outputFromAux = false;
    systemFlag = (commandByte & CMD_SYS) != 0;
    lastWriteWasCommand = false;
    timeout = false;
    pendingCommand = 0;
    outputPort = 0xCD; // reset line high, keyboard and mouse clock and data lines high
    updateIrqs();
  }

  /** Returns the command byte (RAM byte 0). */
  int commandByte() {
    return ram[0] & 0xFF;
  }

  /** Returns whether the keyboard interface is disabled (command byte bit 4). */
  boolean keyboardDisabled() {
    return (commandByte() & CMD_KBD_DISABLED) != 0;
  }

  /** Returns whether a byte waits in the output buffer. */
  boolean outputFull() {
    return outputFull;
  }

  /** Returns whether bytes from the keyboard wait behind the output buffer. */
  boolean keyboardPending() {
    return !keyboardBytes.isEmpty();
  }

  /**
   * The keyboard sends a byte to the controller.
   *
   * @param value the byte
   */
  void fromKeyboard(int value) {
    keyboardBytes.add(value & 0xFF);
    load();
  }

  /**
   * The auxiliary device sends a byte to the controller.
   *
   * @param value the byte
   */
  void fromAux(int value) {
    auxBytes.add(value & 0xFF);
    load();
  }

  /**
   * Reads a register.
   *
   * @param offset 0 for the data port, 4 for the status register
   * @return the byte
   */
  int read(int offset) {
    if (offset != 0) {
      return status();
    }
    int value = outputBuffer;
    if (outputFull) {
      outputFull = false;
      updateIrqs();
      load();
    }
    return value;
  }

  private int status() {
    return (outputFull ? OBF : 0)
        | (systemFlag ? SYS : 0)
        | (lastWriteWasCommand ? A2 : 0)
        | INH
        | (outputFull && outputFromAux ? AUX_OBF : 0)
        | (timeout ? TIMEOUT : 0);
  }

  /**
   * Writes a register.
   *
   * @param offset 0 for the data port, 4 for the command register
   * @param value the byte
   * @return false when the byte was a command the controller does not know
   */
  boolean write(int offset, int value) {
    value &= 0xFF;
    if (offset != 0) {
      lastWriteWasCommand = true;
      return command(value);
    }
    lastWriteWasCommand = false;
    int command = pendingCommand;
    pendingCommand = 0;
    if (command >= 0x60 && command <= 0x7F) {
      writeRam(command & 0x1F, value);
    } else if (command == 0xD1) {
      writeOutputPort(value);
    } else if (command == 0xD2) {
      answer(value);
    } else if (command == 0xD3) {
      answer(value | FROM_AUX);
    } else if (command == 0xD4) {
      sendToAux(value);
    } else {
      // Sending to the keyboard re-enables the keyboard interface.
      ram[0] &= (byte) ~CMD_KBD_DISABLED;
      timeout = false;
      keyboard.accept(value);
      load();
    }
    return true;
  }

  private boolean command(int value) {
    if (value >= 0x20 && value <= 0x3F) {
      answer(ram[value & 0x1F] & 0xFF);
      return true;
    }
    if (value >= 0x60 && value <= 0x7F) {
      pendingCommand = value;
      return true;
    }
    if (value >= 0xF0) {
      // Pulse the output port bits whose mask bit is 0; only bit 0, the CPU reset, matters.
      if ((value & 0x01) == 0) {
        lines.reset();
      }
      return true;
    }
    switch (value) {
      case 0xA7 -> setCommandBits(CMD_AUX_DISABLED, true);
      case 0xA8 -> setCommandBits(CMD_AUX_DISABLED, false);
      case 0xA9, 0xAB -> answer(0x00); // interface tests: clock and data lines fine
      case 0xAA -> {
        systemFlag = true;
        answer(0x55);
      }
      case 0xAD -> setCommandBits(CMD_KBD_DISABLED, true);
      case 0xAE -> setCommandBits(CMD_KBD_DISABLED, false);
      case 0xC0 -> answer(INPUT_PORT);
      case 0xD0 -> answer(readOutputPort());
      case 0xD1, 0xD2, 0xD3, 0xD4 -> pendingCommand = value;
      case 0xDD -> lines.setA20(false);
      case 0xDF -> lines.setA20(true);
      case 0xE0 -> answer(0x00); // test inputs T0 and T1
      default -> {
        return false;
      }
    }
    return true;
  }

  private void setCommandBits(int mask, boolean set) {
    writeRam(0, set ? commandByte() | mask : commandByte() & ~mask);
  }

  private void writeRam(int index, int value) {
    ram[index] = (byte) value;
    if (index == 0) {
      systemFlag = (value & CMD_SYS) != 0;
      updateIrqs();
      load();
    }
  }

  private int readOutputPort() {
    return (outputPort & ~0x32)
        | (lines.isA20() ? 0x02 : 0)
        | (outputFull && !outputFromAux ? 0x10 : 0)
        | (outputFull && outputFromAux ? 0x20 : 0);
  }

  private void writeOutputPort(int value) {
    outputPort = value | 0x01;
    lines.setA20((value & 0x02) != 0);
    if ((value & 0x01) == 0) {
      lines.reset();
    }
  }

  private void sendToAux(int value) {
    if (auxPresent) {
      timeout = false;
      aux.accept(value);
    } else {
      timeout = true;
      answer(0xFE | FROM_AUX);
    }
  }

  /** Queues a byte the controller itself puts in the output buffer. */
  private void answer(int value) {
    controllerBytes.add(value);
    load();
  }

  /** Fills an empty output buffer: the controller's bytes first, then keyboard, then mouse. */
  private void load() {
    if (outputFull) {
      return;
    }
    Integer next = controllerBytes.poll();
    if (next != null) {
      fill(next & 0xFF, (next & FROM_AUX) != 0);
    } else if (!keyboardBytes.isEmpty() && !keyboardDisabled()) {
      fill(keyboardBytes.remove(), false);
    } else if (!auxBytes.isEmpty() && (commandByte() & CMD_AUX_DISABLED) == 0) {
      fill(auxBytes.remove(), true);
    }
  }

  private void fill(int value, boolean fromAux) {
    outputBuffer = value;
    outputFull = true;
    outputFromAux = fromAux;
    updateIrqs();
  }

  private void updateIrqs() {
    boolean one = outputFull && !outputFromAux && (commandByte() & CMD_KBD_INT) != 0;
    boolean twelve = outputFull && outputFromAux && (commandByte() & CMD_AUX_INT) != 0;
    if (one != irq1) {
      irq1 = one;
      lines.irq1(one);
    }
    if (twelve != irq12) {
      irq12 = twelve;
      lines.irq12(twelve);
    }
  }
}
