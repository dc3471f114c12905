package dev.mvm.vdd.std;

/**
 * One Intel 8259A programmable interrupt controller, without knowing where it lives: {@link
 * #read(int)} and {@link #write(int, int)} take the A0 address line, {@link #setLevel} drives
 * an IR input, and {@link #output()} is the INT output. {@link VPic} wires two of them in
 * cascade.
 *
 * <p>Modelled from the 8259A datasheet (Intel, 1988): the ICW1&ndash;ICW4 initialisation
 * sequence, OCW1 (mask), OCW2 (EOI and rotation commands), OCW3 (register read select, poll,
 * special mask mode), IRR/ISR/IMR, automatic EOI with optional rotation, fully nested and
 * special fully nested modes, edge and level triggering (the ICW1 LTIM bit, and the per-line
 * edge/level control register of EISA and PCI chipsets). Left out: the 8080/8085 mode (the
 * call-address bytes of MCS-80 INTA cycles) and the buffered-mode pins, which an x86 PC does
 * not use.
 */
final class Pic8259 {

  /** Whether this chip is the master of a cascade (its IR2 receives the slave). */
  private final boolean master;

  // Registers, named as in the datasheet.
  int irr;
  int isr;
  int imr;
  /** Edge/level control (ELCR): a one bit makes that input level-triggered. */
  int elcr;
  /** ICW1 LTIM: every input level-triggered. */
  boolean levelTriggered;
  /** The vector of IR0: ICW2 with the low three bits clear. */
  int vectorBase;
  /** ICW3: on the master, the inputs that have a slave; on a slave, its id. */
  int icw3;
  boolean singleMode;
  boolean autoEoi;
  boolean rotateOnAutoEoi;
  boolean specialFullyNested;
  boolean specialMaskMode;
  /** OCW3 RR/RIS: reading A0=0 returns the ISR instead of the IRR. */
  boolean readIsr;
  /** OCW3 P: the next read of A0=0 is a poll. */
  boolean poll;
  /** The input with the highest priority; rotation moves it. IR0 after initialisation. */
  int highestPriority;

  /** Which ICW the chip expects next: 0 = none (operational), 2, 3 or 4. */
  private int icwStep;
  private boolean icw4Expected;
  /** The current level of each input, for edge detection. */
  private int lines;

  Pic8259(boolean master) {
    this.master = master;
    reset();
  }

  /** Power-on state: everything zero, IR0 highest, not initialised. */
  void reset() {
    irr = isr = imr = elcr = lines = 0;
    levelTriggered = singleMode = autoEoi = rotateOnAutoEoi = false;
    specialFullyNested = specialMaskMode = readIsr = poll = false;
    vectorBase = icw3 = highestPriority = 0;
    icwStep = 0;
    icw4Expected = false;
  }

  /**
   * Drives an IR input.
   *
   * @param ir the input, 0 to 7
   * @param high its new level
   */
  void setLevel(int ir, boolean high) {
    int bit = 1 << ir;
    if (isLevelTriggered(ir)) {
      irr = high ? irr | bit : irr & ~bit;
    } else if (high && (lines & bit) == 0) {
      irr |= bit; // a rising edge latches the request until it is acknowledged
    }
    lines = high ? lines | bit : lines & ~bit;
  }

  private boolean isLevelTriggered(int ir) {
    return levelTriggered || (elcr & (1 << ir)) != 0;
  }

  /**
   * The INT output: a request is pending that outranks everything in service.
   *
   * @return true while the chip asks for an interrupt
   */
  boolean output() {
    return pendingRequest() >= 0;
  }

  /**
   * The input the chip would acknowledge now, or -1.
   *
   * @return the highest-priority unmasked request that outranks the in-service levels
   */
  int pendingRequest() {
    int requestPriority = priorityOf(irr & ~imr);
    if (requestPriority == 8) {
      return -1;
    }
    int inService = isr;
    if (specialMaskMode) {
      inService &= ~imr; // a masked level no longer blocks the levels below it
    }
    if (master && specialFullyNested) {
      inService &= ~icw3; // a slave in service may still interrupt with a higher request
    }
    if (requestPriority < priorityOf(inService)) {
      return (requestPriority + highestPriority) & 7;
    }
    return -1;
  }

  /** Priority 0 (highest) to 7 of the highest-priority bit in {@code mask}; 8 when empty. */
  private int priorityOf(int mask) {
    if ((mask & 0xFF) == 0) {
      return 8;
    }
    int priority = 0;
    while ((mask & (1 << ((priority + highestPriority) & 7))) == 0) {
      priority++;
    }
    return priority;
  }

  /**
   * The interrupt acknowledge cycle for this chip: moves the request into service.
   *
   * @return the input acknowledged, or -1 when nothing is pending (a spurious interrupt: the
   *     caller uses IR7's vector and no ISR bit is set)
   */
  int acknowledge() {
    int ir = pendingRequest();
    if (ir < 0) {
      return -1;
    }
    int bit = 1 << ir;
    if (!isLevelTriggered(ir)) {
      irr &= ~bit;
    }
    if (autoEoi) {
      if (rotateOnAutoEoi) {
        highestPriority = (ir + 1) & 7;
      }
    } else {
      isr |= bit;
    }
    return ir;
  }

  /**
   * Whether an acknowledged input is the cascade input of this master chip.
   *
   * @param ir an input
   * @return true when a slave sits on it
   */
  boolean isCascade(int ir) {
    return master && !singleMode && (icw3 & (1 << ir)) != 0;
  }

  /**
   * Reads the chip.
   *
   * @param a0 the A0 address line
   * @return IRR, ISR or the poll word for A0=0; IMR for A0=1
   */
  int read(int a0) {
    if (a0 != 0) {
      return imr;
    }
    if (poll) {
      poll = false;
      int ir = acknowledge();
      return ir < 0 ? 0 : 0x80 | ir;
    }
    return readIsr ? isr : irr;
  }

  /**
   * Writes the chip.
   *
   * @param a0 the A0 address line
   * @param value the byte
   * @return the input whose ISR bit an EOI command cleared, or -1
   */
  int write(int a0, int value) {
    if (a0 == 0) {
      if ((value & 0x10) != 0) {
        icw1(value);
        return -1;
      }
      if ((value & 0x08) != 0) {
        ocw3(value);
        return -1;
      }
      return ocw2(value);
    }
    switch (icwStep) {
      case 2 -> {
        vectorBase = value & 0xF8;
        icwStep = singleMode ? (icw4Expected ? 4 : 0) : 3;
      }
      case 3 -> {
        icw3 = value;
        icwStep = icw4Expected ? 4 : 0;
      }
      case 4 -> {
        // bit 0 selects 8086 mode; the MCS-80 mode is not modelled
        autoEoi = (value & 0x02) != 0;
        specialFullyNested = (value & 0x10) != 0;
        icwStep = 0;
      }
      default -> imr = value; // OCW1
    }
    return -1;
  }

  private void icw1(int value) {
    // The edge sense circuit is reset: an input that is high now must go low and high again.
    irr = 0;
    isr = 0;
    imr = 0;
    highestPriority = 0;
    specialMaskMode = false;
    readIsr = false;
    poll = false;
    autoEoi = false;
    rotateOnAutoEoi = false;
    specialFullyNested = false;
    levelTriggered = (value & 0x08) != 0;
    singleMode = (value & 0x02) != 0;
    icw4Expected = (value & 0x01) != 0;
    icwStep = 2;
  }

  private void ocw3(int value) {
    if ((value & 0x40) != 0) { // ESMM: the SMM bit is valid
      specialMaskMode = (value & 0x20) != 0;
    }
    if ((value & 0x02) != 0) { // RR: the RIS bit is valid
      readIsr = (value & 0x01) != 0;
    }
    poll = (value & 0x04) != 0;
  }

  /** OCW2: bits 7-5 are R, SL, EOI; bits 2-0 the level for the specific forms. */
  private int ocw2(int value) {
    int level = value & 7;
    switch (value >>> 5) {
      case 0b001: // non-specific EOI
        return clearHighestInService(false);
      case 0b011: // specific EOI
        return clearInService(level);
      case 0b101: // rotate on non-specific EOI
        return clearHighestInService(true);
      case 0b111: { // rotate on specific EOI
        int cleared = clearInService(level);
        highestPriority = (level + 1) & 7;
        return cleared;
      }
      case 0b100: // set rotate in automatic EOI mode
        rotateOnAutoEoi = true;
        return -1;
      case 0b000: // clear rotate in automatic EOI mode
        rotateOnAutoEoi = false;
        return -1;
      case 0b110: // set priority: the level becomes the lowest
        highestPriority = (level + 1) & 7;
        return -1;
      default: // 0b010: no operation
        return -1;
    }
  }

  private int clearHighestInService(boolean rotate) {
    int priority = priorityOf(isr);
    if (priority == 8) {
      return -1;
    }
    int ir = (priority + highestPriority) & 7;
    isr &= ~(1 << ir);
    if (rotate) {
      highestPriority = (ir + 1) & 7;
    }
    return ir;
  }

  private int clearInService(int ir) {
    int bit = 1 << ir;
    if ((isr & bit) == 0) {
      return -1;
    }
    isr &= ~bit;
    return ir;
  }
}
