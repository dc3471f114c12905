package dev.mvm.vdd.std;

import java.util.function.IntConsumer;

/**
 * An IBM enhanced (MF2, 101/102-key) keyboard as its controller sees it, without knowing where
 * it is plugged in: {@link #receive} takes a byte from the controller, {@link #keyEvent} a key
 * going down or up, and every byte the keyboard sends goes to the {@code output} callback.
 *
 * <p>Modelled from the IBM PS/2 keyboard command descriptions: FFh reset (FAh, then the
 * self-test's AAh), FEh resend, F6h defaults, F5h disable (and defaults), F4h enable, F3h
 * typematic rate and delay, F2h identify (ABh 41h, the MF2 id 83h as translation yields it),
 * F0h scan-code set (the query answers 43h, 41h or 3Fh as translated), EEh echo, EDh LEDs, the
 * set-3 key-type commands F7h&ndash;FDh (acknowledged, no effect); anything else answers FEh. A
 * command byte arriving where a parameter is expected starts the new command. While disabled,
 * keys are not reported.
 *
 * <p>Left out: typematic repeat (a key held by the host is reported once), the keyboard's own
 * 16-byte buffer and its overrun code (the controller queues without limit), and scan-code
 * sets 2 and 3 as such: the keyboard always reports set 1, the codes the AT's controller makes
 * of set 2 by translation, whatever set was chosen.
 */
final class Ps2Keyboard {

  static final int ACK = 0xFA;
  static final int RESEND = 0xFE;
  static final int SELF_TEST_PASSED = 0xAA;
  /** Typematic byte after reset: 500 ms delay, 10.9 characters a second. */
  static final int DEFAULT_TYPEMATIC = 0x2B;

  private final IntConsumer output;
  private boolean enabled;
  private int leds;
  private int typematic;
  private int scanSet;
  /** A command that waits for its parameter byte (EDh, F0h, F3h), or 0. */
  private int awaiting;
  private int lastSent;

  /**
   * @param output receives each byte the keyboard sends
   */
  Ps2Keyboard(IntConsumer output) {
    this.output = output;
    reset();
  }

  /** Power-on: enabled, defaults, LEDs off. */
  void reset() {
    enabled = true;
    awaiting = 0;
    leds = 0;
    defaults();
  }

  private void defaults() {
    typematic = DEFAULT_TYPEMATIC;
    scanSet = 2;
  }

  /** Returns LED bits: 0 Scroll Lock, 1 Num Lock, 2 Caps Lock. */
  int leds() {
    return leds;
  }

  /**
   * Sets the LEDs without a command, as the built-in BIOS does, which lives in the same VDD.
   *
   * @param bits 0 Scroll Lock, 1 Num Lock, 2 Caps Lock
   */
  void setLeds(int bits) {
    leds = bits & 7;
  }

  /** Returns the typematic byte (bits 5-6 delay, bits 0-4 rate). */
  int typematic() {
    return typematic;
  }

  /**
   * Sets the typematic byte without a command (INT 16h AH=03h of the built-in BIOS).
   *
   * @param value bits 5-6 delay, bits 0-4 rate
   */
  void setTypematic(int value) {
    typematic = value & 0x7F;
  }

  /** Returns the scan-code set last chosen, 1 to 3. */
  int scanSet() {
    return scanSet;
  }

  /** Returns whether keys are reported. */
  boolean isEnabled() {
    return enabled;
  }

  /**
   * A key changes state; its bytes go out while the keyboard is enabled.
   *
   * @param codes the set 1 bytes of the make or break sequence
   */
  void keyEvent(byte[] codes) {
    if (!enabled) {
      return;
    }
    for (byte b : codes) {
      send(b & 0xFF);
    }
  }

  /**
   * A byte from the controller: a command or a command's parameter.
   *
   * @param value the byte
   */
  void receive(int value) {
    value &= 0xFF;
    int command = awaiting;
    if (command != 0 && value < 0xED) {
      awaiting = 0;
      parameter(command, value);
      return;
    }
    awaiting = 0;
    switch (value) {
      case 0xFF -> {
        reset();
        send(ACK);
        send(SELF_TEST_PASSED);
      }
      case 0xFE -> send(lastSent);
      case 0xF6 -> {
        defaults();
        send(ACK);
      }
      case 0xF5 -> {
        defaults();
        enabled = false;
        send(ACK);
      }
      case 0xF4 -> {
        enabled = true;
        send(ACK);
      }
      case 0xF2 -> {
        send(ACK);
        send(0xAB);
        send(0x41);
      }
      case 0xEE -> send(0xEE);
      case 0xED, 0xF0, 0xF3 -> {
        awaiting = value;
        send(ACK);
      }
      case 0xF7, 0xF8, 0xF9, 0xFA, 0xFB, 0xFC, 0xFD -> send(ACK);
      default -> send(RESEND);
    }
  }

  private void parameter(int command, int value) {
    switch (command) {
      case 0xED -> {
        leds = value & 7;
        send(ACK);
      }
      case 0xF3 -> {
        typematic = value & 0x7F;
        send(ACK);
      }
      default -> { // F0h: 0 asks, 1 to 3 choose
        if (value == 0) {
          send(ACK);
          send(scanSet == 1 ? 0x43 : scanSet == 2 ? 0x41 : 0x3F);
        } else if (value <= 3) {
          scanSet = value;
          send(ACK);
        } else {
          send(RESEND);
        }
      }
    }
  }

  private void send(int value) {
    if (value != RESEND) {
      lastSent = value;
    }
    output.accept(value);
  }
}
