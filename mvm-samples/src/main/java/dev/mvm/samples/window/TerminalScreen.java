package dev.mvm.samples.window;

import dev.mvm.api.Vm;
import dev.mvm.api.VmStateException;
import dev.mvm.vdd.std.Keyboard;
import dev.mvm.vdd.std.Screen;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * A VM's text screen on an ANSI terminal, and the terminal's input as the VM's keyboard: for
 * hosts without a display, where {@link ScreenWindow} cannot open.
 *
 * <pre>{@code
 * try (Vm vm = Vm.builder().drive('C', Path.of("tools")).program("C:\\EDIT.COM").build()) {
 *   VmExecution run = vm.start();
 *   try (TerminalScreen terminal = TerminalScreen.start(vm, System.out, System.in)) {
 *     run.await();
 *   }
 * }
 * }</pre>
 *
 * <p>Up to 30 times a second, when the VM has published a frame that looks different from the
 * last one drawn, the terminal is redrawn from its top left corner: every row of the text
 * screen in its colours (the 16 PC colours as the 16 ANSI ones), then the cursor moved where
 * the PC's is. A graphics mode is not drawn: one line says which mode the screen is in.
 *
 * <p>Bytes read from the input stream are typed on the VM's keyboard: printable ASCII as
 * itself, CR, LF or CR LF as Enter, TAB, BS and DEL as Tab and Backspace, ESC as Esc, and the
 * other control characters as Ctrl with a letter. A terminal in its usual line mode hands the
 * input over a line at a time, after Enter. Reading happens on a daemon thread, which a read
 * that blocks keeps alive until the input ends or the JVM exits.
 */
public final class TerminalScreen implements AutoCloseable {

  /** The shortest time between two redraws: at most 30 a second. */
  private static final long REDRAW_MILLIS = 1000 / 30;

  /** Control Sequence Introducer: ESC [ starts every ANSI sequence used here. */
  private static final String CSI = "\u001B[";

  /** ANSI colour numbers of the PC's colours 0 to 7: ANSI orders red, green, blue the other way. */
  private static final int[] ANSI_COLOUR = {0, 4, 2, 6, 1, 5, 3, 7};

  private final Screen screen;
  private final @Nullable Keyboard keyboard;
  private final PrintStream out;
  private final InputStream in;
  private final Thread redraws;
  private final AtomicBoolean closed = new AtomicBoolean();
  /** The version of the frame looked at last; guarded by this. */
  private long lookedAt = -1;
  /** What the terminal was sent last, to skip frames that look the same; guarded by this. */
  private @Nullable String drawn;
  /** Whether that was a text screen rather than the graphics notice; guarded by this. */
  private boolean drawnText;

  private TerminalScreen(Screen screen, @Nullable Keyboard keyboard, PrintStream out,
      InputStream in, String name) {
    this.screen = screen;
    this.keyboard = keyboard;
    this.out = out;
    this.in = in;
    this.redraws = new Thread(this::redrawUntilClosed, "mvm-terminal-" + name);
    redraws.setDaemon(true);
  }

  /**
   * Starts showing a VM's screen on a terminal and typing the terminal's input into it. The
   * VM may be running already or be started later.
   *
   * @param vm the VM; it must have a screen device (VVIDEO, a standard device)
   * @param out the terminal, which must understand ANSI escape sequences
   * @param in what the user types; its bytes go to the VM's keyboard, if it has one
   * @return the running terminal screen
   * @throws IllegalArgumentException if the VM has no screen device
   */
  public static TerminalScreen start(Vm vm, PrintStream out, InputStream in) {
    String name = vm.config().name();
    Screen screen = vm.device(Screen.class).orElseThrow(() ->
        new IllegalArgumentException("VM " + name + " has no screen device"));
    TerminalScreen terminal =
        new TerminalScreen(screen, vm.device(Keyboard.class).orElse(null), out, in, name);
    terminal.redraws.start();
    if (terminal.keyboard != null) {
      Thread reader = new Thread(terminal::readKeys, "mvm-terminal-keys-" + name);
      reader.setDaemon(true);
      reader.start();
    }
    return terminal;
  }

  /**
   * Stops redrawing and typing, then draws the screen's latest frame once more, whether it
   * changed or not, and leaves the terminal's cursor on the line below it. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    redraws.interrupt();
    try {
      redraws.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      redraw(true);
      if (drawnText) {
        // Below the last row, so that whatever the terminal shows next does not cover it.
        out.print(CSI + screen.frame().rows() + ";1H\r\n");
      }
      out.flush();
    }
  }

  /** On the redraw thread: looks for a new frame 30 times a second. */
  private void redrawUntilClosed() {
    while (!closed.get()) {
      redraw(false);
      try {
        Thread.sleep(REDRAW_MILLIS);
      } catch (InterruptedException e) {
        return; // closed
      }
    }
  }

  /** Draws the latest frame if it looks different from the last one drawn, or always. */
  private synchronized void redraw(boolean always) {
    Screen.Frame frame = screen.frame();
    if (frame.version() == lookedAt && !always) {
      return;
    }
    lookedAt = frame.version();
    String picture = frame.isText() ? text(frame) : notice(frame);
    if (picture.equals(drawn) && !always) {
      return;
    }
    // Clear the terminal first when the picture changes its kind (text, graphics).
    boolean sameKind = drawn != null && drawnText == frame.isText();
    out.print(sameKind ? picture : CSI + "0m" + CSI + "2J" + picture);
    out.flush();
    drawn = picture;
    drawnText = frame.isText();
  }

  /** Text: from the top left, each row in its colours, then the cursor where the PC has it. */
  private static String text(Screen.Frame frame) {
    StringBuilder s = new StringBuilder(CSI + "0m" + CSI + "H");
    for (int r = 0; r < frame.rows(); r++) {
      String row = frame.row(r);
      int last = -1;
      for (int c = 0; c < frame.columns(); c++) {
        int attribute = frame.attribute(c, r);
        if (attribute != last) {
          s.append(sgr(attribute));
          last = attribute;
        }
        s.append(row.charAt(c));
      }
      s.append(CSI).append("0m");
      if (r < frame.rows() - 1) {
        s.append("\r\n");
      }
    }
    if (frame.cursorRow() >= 0) {
      s.append(CSI).append(frame.cursorRow() + 1).append(';')
          .append(frame.cursorColumn() + 1).append('H');
    }
    return s.toString();
  }

  /**
   * The ANSI colours of a text attribute: foreground in bits 0-3 (bit 3 bright), background
   * in bits 4-6. Bit 7, blink or bright background as the card is set, is left out.
   */
  private static String sgr(int attribute) {
    int fg = attribute & 7;
    int bg = (attribute >>> 4) & 7;
    int fgBase = (attribute & 8) != 0 ? 90 : 30;
    return CSI + (fgBase + ANSI_COLOUR[fg]) + ';' + (40 + ANSI_COLOUR[bg]) + 'm';
  }

  /** Graphics: a line that says so, in place of pixels. */
  private static String notice(Screen.Frame frame) {
    String mode = frame.mode() < 0 ? "" : String.format(" %02Xh", frame.mode());
    return CSI + "H[the screen is in graphics mode" + mode + ", which a terminal cannot show]"
        + "\r\n";
  }

  /** On the reader's thread: types what the terminal sends, until it ends or this closes. */
  private void readKeys() {
    Keyboard k = keyboard;
    if (k == null) {
      return;
    }
    boolean afterCr = false;
    try {
      for (int b = in.read(); b >= 0 && !closed.get(); b = in.read()) {
        if (b == '\n' && afterCr) {
          afterCr = false; // CR LF is one Enter
          continue;
        }
        afterCr = b == '\r';
        type(k, b);
      }
    } catch (IOException e) {
      // The input is gone: nothing more to type.
    } catch (VmStateException e) {
      // The VM is closed: nothing more to type into.
    }
  }

  private static void type(Keyboard k, int b) {
    if (b == '\r' || b == '\n') {
      k.tap("ENTER");
    } else if (b == '\b' || b == 0x7F) {
      k.tap("BACKSPACE");
    } else if (b == '\t') {
      k.tap("TAB");
    } else if (b == 0x1B) {
      k.tap("ESC");
    } else if (b >= 0x01 && b <= 0x1A) {
      // Ctrl-A to Ctrl-Z, as a terminal sends them.
      k.press("LCTRL");
      k.tap(String.valueOf((char) ('A' + b - 1)));
      k.release("LCTRL");
    } else if (b >= 0x20 && b < 0x7F) {
      k.type(String.valueOf((char) b));
    }
  }
}
