package dev.mvm.vdd.std;

/**
 * One Intel 8254 programmable interval timer: three counters and a control register, without
 * knowing where it lives or what its outputs drive. Time is given by the caller as a count of
 * input clock ticks, so the chip never reads a clock; nothing happens between calls: the count
 * and the OUT level at any tick are computed from when the counter was loaded.
 *
 * <p>Modelled from the 8254 datasheet (Intel, 1993): modes 0 to 5 (6 and 7 alias 2 and 3),
 * binary and BCD counting, LSB / MSB / LSB-then-MSB access, the counter latch command, the
 * read-back command with status (OUT, NULL COUNT, access, mode, BCD), and the GATE input
 * (level-sensitive in modes 0, 2, 3 and 4; a rising edge triggers modes 1, 2, 3 and 5). A new
 * count written in mode 2 or 3 takes effect at the end of the current period. Simplifications:
 * a count is loaded into the counting element at the tick it is written rather than at the next
 * clock edge, and NULL COUNT clears at that moment.
 */
final class Pit8254 {

  /** Access modes of the control word's RW field. */
  static final int LSB = 1;
  static final int MSB = 2;
  static final int LSB_MSB = 3;

  final Counter[] counters = {new Counter(), new Counter(), new Counter()};

  /**
   * Writes the control register.
   *
   * @param value the control word
   * @param now the current tick
   */
  void writeControl(int value, long now) {
    int select = value >>> 6;
    if (select == 3) {
      readBack(value, now);
      return;
    }
    Counter c = counters[select];
    int access = (value >>> 4) & 3;
    if (access == 0) {
      c.latchCount(now);
      return;
    }
    int mode = (value >>> 1) & 7;
    c.program(mode > 5 ? mode - 4 : mode, access, (value & 1) != 0);
  }

  private void readBack(int value, long now) {
    boolean latchCount = (value & 0x20) == 0;
    boolean latchStatus = (value & 0x10) == 0;
    for (int i = 0; i < 3; i++) {
      if ((value & (2 << i)) != 0) {
        if (latchStatus) {
          counters[i].latchStatus(now);
        }
        if (latchCount) {
          counters[i].latchCount(now);
        }
      }
    }
  }

  /** One counter: count register, counting element, output latch, OUT and GATE. */
  static final class Counter {
    int mode;
    int access = LSB_MSB;
    boolean bcd;
    /** The last full count written, as counted: 1 to 65536 (binary) or 1 to 10000 (BCD). */
    int initial;
    /** Whether a count was loaded into the counting element and it runs (or ran). */
    boolean loaded;
    /** The tick at which the counting element held {@link #base}. */
    long start;
    /** The counting element's value at {@link #start}. */
    int base;
    /** Mode 2/3 with GATE low: the count where counting stopped, as read. */
    int held;
    /** GATE, high unless wired otherwise. */
    boolean gate = true;
    /** NULL COUNT of the status byte: a count was written but not loaded yet. */
    boolean nullCount = true;
    /** Mode 2/3: a count written while counting, loaded at the end of the period; 0 if none. */
    int pendingInitial;
    /** The tick at which {@link #pendingInitial} is loaded. */
    long pendingAt;

    private boolean writeHighNext;
    private int writeLow;
    private boolean readHighNext;
    private int latchedCount = -1;
    private boolean latchedHighNext;
    private int latchedStatus = -1;
    /** Modes 0/4: counting is frozen at {@link #base} while GATE is low. */
    private boolean frozen;
    /** Mode 0/1/4/5: the terminal count was reached in an earlier stretch of counting. */
    private boolean terminalPassed;

    void program(int mode, int access, boolean bcd) {
      this.mode = mode;
      this.access = access;
      this.bcd = bcd;
      loaded = false;
      nullCount = true;
      pendingInitial = 0;
      writeHighNext = false;
      readHighNext = false;
      latchedCount = -1;
      latchedStatus = -1;
      frozen = false;
      terminalPassed = false;
    }

    /** The number a count of 0 stands for: 2^16 in binary, 10^4 in BCD. */
    private int modulus() {
      return bcd ? 10000 : 0x10000;
    }

    /**
     * Writes the counter's port.
     *
     * @param value the byte
     * @param now the current tick
     */
    void write(int value, long now) {
      int count;
      switch (access) {
        case LSB -> count = value;
        case MSB -> count = value << 8;
        default -> {
          if (!writeHighNext) {
            writeLow = value;
            writeHighNext = true;
            if (mode == 0) {
              freezeMode0(now); // writing the first byte stops the count in mode 0
            }
            return;
          }
          writeHighNext = false;
          count = writeLow | (value << 8);
        }
      }
      if (bcd) {
        count = fromBcd(count);
      }
      load(count == 0 ? modulus() : count, now);
    }

    private void freezeMode0(long now) {
      if (loaded && !frozen) {
        terminalPassed |= out(now);
        base = value(now);
        frozen = true;
      }
    }

    private void load(int count, long now) {
      if ((mode == 2 || mode == 3) && count < 2) {
        count = 2; // a count of 1 is illegal in these modes; the chip's behaviour is undefined
      }
      if ((mode == 2 || mode == 3) && loaded && gate && !frozen) {
        settle(now);
        pendingInitial = count; // takes effect when the current period ends
        pendingAt = start + ((now - start) / base + 1) * base;
        nullCount = false;
        return;
      }
      initial = count;
      pendingInitial = 0;
      terminalPassed = false;
      if (mode == 1 || mode == 5) {
        // Loaded by the next rising edge of GATE.
        return;
      }
      nullCount = false;
      loaded = true;
      start = now;
      base = count;
      frozen = !gate && (mode == 0 || mode == 4);
    }

    /**
     * Drives GATE.
     *
     * @param high the new level
     * @param now the current tick
     */
    void setGate(boolean high, long now) {
      if (high == gate) {
        return;
      }
      settle(now);
      if (high) {
        gate = true;
        switch (mode) {
          case 0, 4 -> {
            if (loaded && frozen) {
              start = now;
              frozen = false;
            }
          }
          case 1, 5 -> {
            if (initial != 0) { // a trigger (re)loads the count
              loaded = true;
              nullCount = false;
              terminalPassed = false;
              start = now;
              base = initial;
            }
          }
          case 2, 3 -> {
            if (loaded) { // a rising edge restarts the period with the latest count
              if (pendingInitial != 0) {
                initial = pendingInitial;
                pendingInitial = 0;
              }
              start = now;
              base = initial;
              frozen = false;
            }
          }
          default -> {}
        }
      } else {
        if (loaded && (mode == 0 || mode == 4) && !frozen) {
          terminalPassed |= passedTerminal(now);
          base = value(now);
          frozen = true;
        }
        gate = false;
        if (loaded && (mode == 2 || mode == 3) && !frozen) {
          held = value(now); // counting stops; OUT goes high at once
          frozen = true;
        }
      }
    }

    /** Applies a pending mode 2/3 count whose period has ended by {@code now}. */
    private void settle(long now) {
      if (pendingInitial != 0 && !frozen && now >= pendingAt) {
        start = pendingAt;
        initial = pendingInitial;
        base = initial;
        pendingInitial = 0;
      }
    }

    private long elapsed(long now) {
      return frozen ? 0 : now - start;
    }

    private boolean passedTerminal(long now) {
      return loaded && elapsed(now) >= base;
    }

    /**
     * The counting element's value at a tick, as counted (not BCD-encoded).
     *
     * @param now the tick
     * @return the count
     */
    int value(long now) {
      settle(now);
      if (!loaded) {
        return initial % modulus();
      }
      if (frozen && (mode == 2 || mode == 3)) {
        return held; // GATE low: the count stands where it was (it may be 0, as read)
      }
      long e = elapsed(now);
      int m = modulus();
      return switch (mode) {
        case 2 -> (int) (base - e % base == 0 ? base : base - e % base) % m;
        case 3 -> squareWaveValue(e) % m;
        default -> (int) Math.floorMod(base - e, (long) m);
      };
    }

    /** Mode 3 counts down by two, twice per period (from N-1 when N is odd). */
    private int squareWaveValue(long e) {
      int n = base;
      long p = e % n;
      long highHalf = (n + 1) / 2;
      int even = n & ~1;
      return (int) (p < highHalf ? even - 2 * p : even - 2 * (p - highHalf));
    }

    /**
     * The OUT pin at a tick.
     *
     * @param now the tick
     * @return its level
     */
    boolean out(long now) {
      settle(now);
      switch (mode) {
        case 0:
          return loaded && (terminalPassed || passedTerminal(now));
        case 1:
          return !loaded || terminalPassed || passedTerminal(now);
        case 2: {
          if (!loaded || frozen || !gate) {
            return true;
          }
          return elapsed(now) % base != base - 1;
        }
        case 3: {
          if (!loaded || frozen || !gate) {
            return true;
          }
          return elapsed(now) % base < (base + 1) / 2;
        }
        default: // 4 and 5: low for one tick at terminal count
          return !loaded || terminalPassed || elapsed(now) != base;
      }
    }

    /**
     * The first tick after {@code now} at which OUT changes, or -1 if it will not change
     * without further programming.
     *
     * @param now the current tick
     * @return the tick of the next OUT transition
     */
    long nextTransition(long now) {
      settle(now);
      if (!loaded || frozen) {
        return -1;
      }
      long e = now - start;
      switch (mode) {
        case 0:
        case 1:
          return terminalPassed || e >= base ? -1 : start + base;
        case 2: {
          if (!gate) {
            return -1;
          }
          long p = e % base;
          long next = p < base - 1 ? start + e - p + base - 1 : start + e - p + base;
          return boundaryOrPending(next);
        }
        case 3: {
          if (!gate) {
            return -1;
          }
          long p = e % base;
          long highHalf = (base + 1) / 2;
          long next = p < highHalf ? start + e - p + highHalf : start + e - p + base;
          return boundaryOrPending(next);
        }
        default:
          if (terminalPassed || e > base) {
            return -1;
          }
          return e < base ? start + base : start + base + 1;
      }
    }

    /** A pending count changes the period at the end of the current one. */
    private long boundaryOrPending(long next) {
      return pendingInitial == 0 ? next : Math.min(next, pendingAt);
    }

    void latchCount(long now) {
      if (latchedCount < 0) {
        latchedCount = encode(value(now));
        latchedHighNext = false;
      }
    }

    void latchStatus(long now) {
      if (latchedStatus < 0) {
        latchedStatus =
            (out(now) ? 0x80 : 0)
                | (nullCount ? 0x40 : 0)
                | access << 4
                | mode << 1
                | (bcd ? 1 : 0);
      }
    }

    /**
     * Reads the counter's port: a latched status first, then a latched count, else the live
     * count, a byte at a time as the access mode says.
     *
     * @param now the current tick
     * @return the byte
     */
    int read(long now) {
      if (latchedStatus >= 0) {
        int status = latchedStatus;
        latchedStatus = -1;
        return status;
      }
      if (latchedCount >= 0) {
        int count = latchedCount;
        return switch (access) {
          case LSB -> {
            latchedCount = -1;
            yield count & 0xFF;
          }
          case MSB -> {
            latchedCount = -1;
            yield count >>> 8;
          }
          default -> {
            if (latchedHighNext) {
              latchedCount = -1;
              yield count >>> 8;
            }
            latchedHighNext = true;
            yield count & 0xFF;
          }
        };
      }
      int count = encode(value(now));
      return switch (access) {
        case LSB -> count & 0xFF;
        case MSB -> count >>> 8;
        default -> {
          readHighNext = !readHighNext;
          yield readHighNext ? count & 0xFF : count >>> 8;
        }
      };
    }

    private int encode(int value) {
      int v = value % modulus();
      return bcd ? toBcd(v) : v;
    }

    static int toBcd(int value) {
      return (value / 1000) << 12 | (value / 100 % 10) << 8 | (value / 10 % 10) << 4 | value % 10;
    }

    static int fromBcd(int bcd) {
      return (bcd >>> 12 & 0xF) * 1000 + (bcd >>> 8 & 0xF) * 100 + (bcd >>> 4 & 0xF) * 10
          + (bcd & 0xF);
    }
  }
}
