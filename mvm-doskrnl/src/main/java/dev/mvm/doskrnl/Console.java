package dev.mvm.doskrnl;

import dev.mvm.api.cpu.Registers;
import dev.mvm.api.vdd.GuestCalls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.jspecify.annotations.Nullable;

/**
 * The character devices of the kernel: CON, AUX, PRN, NUL and CLOCK$.
 *
 * <p>CON reads from the host's standard input stream and writes to its standard output (or
 * error) stream when the builder gave them, which is how a host captures a program's output as
 * a string. The input stream is standard input redirected from a file, as {@code PROG < FILE}
 * gives it in DOS: its bytes reach the program as they are (CR LF line ends, no end-of-file
 * character, and 03h is no Ctrl-C), so text meant for line input should end its lines in
 * CR LF. Without an output stream, CON writes go to the screen through INT 10h teletype
 * calls in the guest, and AUX and PRN writes go through INT 14h and INT 17h, so that whatever
 * hooks those vectors (the standard VDDs, a TSR) sees them. Such guest output is collected
 * while a DOS function runs and sent when it returns, with the function's results kept.
 *
 * <p>CLOCK$ reads the guest's date and time in the clock driver's six-byte form; what is
 * written to it is accepted and ignored.
 *
 * <p>Without an input stream, CON reads the keyboard through INT 16h in the guest (see {@link
 * KeyboardInput}), as a DOS on a PC does.
 *
 * <p>What goes to the host's output streams counts against the VM's output limit ({@link
 * dev.mvm.api.VmBuilder#maxOutput}): the write that would go beyond it delivers the bytes that
 * still fit and tells the kernel, which ends the run; anything written after that is dropped.
 */
final class Console {
  private static final int CTRL_Z = 0x1A;
  static final int CTRL_C = 0x03;

  private final @Nullable InputStream in;
  private final @Nullable OutputStream out;
  private final @Nullable OutputStream err;
  private final GuestCalls guest;
  /** The guest's date and time, which CLOCK$ reads. */
  private final java.util.function.Supplier<java.time.LocalDateTime> clock;
  private final ByteArrayOutputStream pendingScreen = new ByteArrayOutputStream();
  private final ByteArrayOutputStream pendingAux = new ByteArrayOutputStream();
  private final ByteArrayOutputStream pendingPrinter = new ByteArrayOutputStream();
  /** The most bytes the host streams may receive, or 0 for no limit. */
  private long maxOutput;
  /** Bytes the host streams received. */
  private long delivered;
  private boolean limitReached;
  private Runnable onLimit = () -> {};

  /**
   * Limits what the host's output streams receive.
   *
   * @param bytes the most bytes, stdout and stderr together, or 0 for no limit
   * @param reached what to do, once, when a write would go beyond it
   */
  void limitOutput(long bytes, Runnable reached) {
    this.maxOutput = bytes;
    this.onLimit = reached;
  }

  /** Whether CON input comes from the host's stream (else from the keyboard). */
  boolean hasInputStream() {
    return in != null;
  }

  Console(@Nullable InputStream in, @Nullable OutputStream out, @Nullable OutputStream err,
      GuestCalls guest, java.util.function.Supplier<java.time.LocalDateTime> clock) {
    this.clock = clock;
    this.in = in;
    this.out = out;
    this.err = err;
    this.guest = guest;
  }

  // ---- input -----------------------------------------------------------------------------

  /**
   * The next byte of standard input, as it is.
   *
   * @return the byte, or -1 at the end of the input
   */
  int readChar() {
    return next();
  }

  /** The next raw byte, or -1. */
  private int next() {
    InputStream stream = in;
    if (stream == null) {
      return -1;
    }
    try {
      return stream.read();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the program's standard input", e);
    }
  }

  /** A character for the character input functions: Ctrl-Z at the end of the input. */
  int readCharOrEof() {
    int c = readChar();
    return c < 0 ? CTRL_Z : c;
  }

  /**
   * Whether standard input has a character ready (function 0Bh, IOCTL 06h).
   *
   * @param device the device
   * @return true when a read would not wait
   */
  boolean inputReady(@Nullable String device) {
    if (!"CON".equals(device)) {
      return false;
    }
    InputStream stream = in;
    if (stream == null) {
      return false;
    }
    try {
      if (stream.available() > 0) {
        return true;
      }
      stream.mark(1);
      int c = stream.markSupported() ? stream.read() : -1;
      if (c >= 0) {
        stream.reset();
      }
      return c >= 0;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Reads from a device for function 3Fh. CON gives the bytes of the redirected input; a 03h
   * among them is a character like any other, as in a file (DOS checks for ^C at the
   * keyboard, which a redirected input is not).
   *
   * @param device the device
   * @param count the most bytes wanted
   * @return the bytes read (none at the end of the input)
   */
  byte[] readDevice(@Nullable String device, int count) {
    if ("CLOCK$".equals(device)) {
      return clockRecord(count);
    }
    if (!"CON".equals(device)) {
      return new byte[0];
    }
    // As from a file: up to count bytes; but where the input is a live stream (a pipe, a
    // terminal) that has nothing more yet, a complete line is returned rather than waited past.
    ByteArrayOutputStream read = new ByteArrayOutputStream();
    while (read.size() < count) {
      int c = next();
      if (c < 0) {
        break;
      }
      read.write(c);
      if (c == '\n' && !moreAvailable()) {
        break;
      }
    }
    return read.toByteArray();
  }

  private boolean moreAvailable() {
    InputStream stream = in;
    try {
      return stream != null && stream.available() > 0;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * What reading CLOCK$ gives: days since 1980-01-01 (word), then minutes, hours, hundredths
   * and seconds, as the DOS clock device driver returns them.
   */
  private byte[] clockRecord(int count) {
    java.time.LocalDateTime t = clock.get();
    long days = java.time.temporal.ChronoUnit.DAYS.between(
        java.time.LocalDate.of(1980, 1, 1), t.toLocalDate());
    byte[] record = {(byte) days, (byte) (days >>> 8), (byte) t.getMinute(), (byte) t.getHour(),
        (byte) (t.getNano() / 10_000_000), (byte) t.getSecond()};
    return java.util.Arrays.copyOf(record, Math.min(count, record.length));
  }

  // ---- output ----------------------------------------------------------------------------

  /**
   * Writes to a device.
   *
   * @param device the device
   * @param error whether this is standard error
   * @param bytes the bytes
   */
  void writeDevice(@Nullable String device, boolean error, byte[] bytes) {
    switch (String.valueOf(device)) {
      case "CON" -> {
        OutputStream stream = error && err != null ? err : out;
        if (stream != null) {
          deliver(stream, bytes);
        } else {
          pendingScreen.writeBytes(bytes);
        }
      }
      case "AUX" -> pendingAux.writeBytes(bytes);
      case "PRN" -> pendingPrinter.writeBytes(bytes);
      default -> {} // NUL and CLOCK$ take anything
    }
  }

  /** Writes to a host stream, up to the output limit; the write that goes beyond it is cut. */
  private void deliver(OutputStream stream, byte[] bytes) {
    if (limitReached) {
      return;
    }
    int length = bytes.length;
    boolean beyond = maxOutput > 0 && length > maxOutput - delivered;
    if (beyond) {
      length = (int) (maxOutput - delivered);
    }
    try {
      stream.write(bytes, 0, length);
      stream.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the program's output", e);
    }
    delivered += length;
    if (beyond) {
      limitReached = true;
      onLimit.run();
    }
  }

  /** Writes one character to standard output. */
  void write(int c) {
    writeDevice("CON", false, new byte[] {(byte) c});
  }

  /**
   * Sends output collected for the guest's BIOS: each byte through its service (INT 10h AH=0Eh,
   * INT 14h AH=01h, INT 17h AH=00h) one after the other, then puts back the registers the DOS
   * function returned.
   *
   * @param regs the registers as the DOS function leaves them
   */
  void flush(Registers regs) {
    if (pendingScreen.size() == 0 && pendingAux.size() == 0 && pendingPrinter.size() == 0) {
      return;
    }
    int[] saved = save(regs);
    byte[] screen = pendingScreen.toByteArray();
    byte[] aux = pendingAux.toByteArray();
    byte[] printer = pendingPrinter.toByteArray();
    pendingScreen.reset();
    pendingAux.reset();
    pendingPrinter.reset();
    send(regs, screen, 0, 0x10, () -> send(regs, aux, 0, 0x14,
        () -> send(regs, printer, 0, 0x17, () -> restore(regs, saved))));
  }

  /**
   * Echoes keyboard input on CON: to the output stream at once, or through INT 10h calls in the
   * guest, after which {@code then} runs (from the last call's continuation). Nothing may
   * change the registers after this returns: the guest call starts with them.
   *
   * @param regs the registers
   * @param bytes what to echo
   * @param then what to do once it is shown
   */
  void echo(Registers regs, byte[] bytes, Runnable then) {
    if (out != null) {
      writeDevice("CON", false, bytes);
      then.run();
    } else {
      send(regs, bytes, 0, 0x10, then);
    }
  }

  private void send(Registers regs, byte[] bytes, int index, int vector, Runnable then) {
    if (index >= bytes.length) {
      then.run();
      return;
    }
    int c = bytes[index] & 0xFF;
    switch (vector) {
      case 0x10 -> {
        regs.setAh(0x0E);
        regs.setAl(c);
        regs.setBx(0x0007);
      }
      case 0x14 -> {
        regs.setAh(0x01);
        regs.setAl(c);
        regs.setDx(0);
      }
      default -> {
        regs.setAh(0x00);
        regs.setAl(c);
        regs.setDx(0);
      }
    }
    guest.interrupt(vector, after -> send(after, bytes, index + 1, vector, then));
  }

  static int[] save(Registers r) {
    return new int[] {r.ax(), r.bx(), r.cx(), r.dx(), r.si(), r.di(), r.bp(), r.ds(), r.es(),
        r.flags()};
  }

  static void restore(Registers r, int[] s) {
    r.setAx(s[0]);
    r.setBx(s[1]);
    r.setCx(s[2]);
    r.setDx(s[3]);
    r.setSi(s[4]);
    r.setDi(s[5]);
    r.setBp(s[6]);
    r.setDs(s[7]);
    r.setEs(s[8]);
    r.setFlags(s[9]);
  }
}
