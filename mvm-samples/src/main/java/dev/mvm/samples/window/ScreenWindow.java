package dev.mvm.samples.window;

import dev.mvm.api.Vm;
import dev.mvm.api.VmStateException;
import dev.mvm.vdd.std.Keyboard;
import dev.mvm.vdd.std.Screen;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.HeadlessException;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.event.FocusAdapter;
import java.awt.event.FocusEvent;
import java.awt.event.KeyAdapter;
import java.awt.event.KeyEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.awt.image.BufferedImage;
import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;
import org.jspecify.annotations.Nullable;

/**
 * A VM's screen in a Swing window, with the host's keyboard as the VM's keyboard: the monitor
 * and keyboard of the virtual PC.
 *
 * <pre>{@code
 * try (Vm vm = Vm.builder().drive('C', Path.of("games")).program("C:\\GAME.EXE").build()) {
 *   VmExecution run = vm.start();
 *   try (ScreenWindow window = ScreenWindow.open(vm, "GAME.EXE", run::stop)) {
 *     run.await();
 *   }
 * }
 * }</pre>
 *
 * <p>The window shows the VM's latest {@link Screen.Frame} at a whole-number scale chosen from
 * the picture's size, so that it is at least 640 pixels wide: 80&times;25 text (720&times;400)
 * at 1&times;, mode 13h (320&times;200) at 2&times;, each pixel a square of the host's. When
 * the program changes the video mode, the window changes its size. New frames come from the
 * VM's thread; the window takes the latest and repaints on Swing's thread, skipping any that
 * arrive in between, so the VM never waits for the screen.
 *
 * <p>While the window has the focus, keys pressed and released in it go to the VM's {@link
 * Keyboard} (Tab included: the window does not use it to move the focus). Keys are mapped by
 * the host's names for them to a US keyboard; keys still held when the window loses the focus
 * are released. A VM without a keyboard device gets no keys.
 *
 * <p>Closing the window runs the {@code onClose} action given to {@link #open}, then disposes
 * the window; the window does not stop the VM itself. Each window holds only its own VM's
 * state, so one JVM can show many.
 */
public final class ScreenWindow implements AutoCloseable {

  /** Graphics modes are enlarged until the window is at least this wide. */
  private static final int MIN_WIDTH = 640;

  private final Screen screen;
  private final @Nullable Keyboard keyboard;
  private final Runnable onClose;
  private final JFrame frame;
  private final Picture picture = new Picture();
  /** Keys pressed in the window and not yet released; on Swing's thread only. */
  private final Set<String> held = new LinkedHashSet<>();
  /** The newest frame the window has not taken yet: null once Swing's thread has taken it. */
  private final AtomicReference<Screen.@Nullable Frame> pending = new AtomicReference<>();
  private final Consumer<Screen.Frame> listener = this::frameArrived;
  private final AtomicBoolean closed = new AtomicBoolean();
  /** Opens when the window is closed, by the user or by {@link #close()}. */
  private final CountDownLatch gone = new CountDownLatch(1);
  private volatile int scale = 1;
  private volatile Dimension imageSize = new Dimension(0, 0);

  private ScreenWindow(
      Screen screen, @Nullable Keyboard keyboard, String title, Runnable onClose) {
    this.screen = screen;
    this.keyboard = keyboard;
    this.onClose = onClose;
    this.frame = new JFrame(title);
    frame.setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
    frame.addWindowListener(new WindowAdapter() {
      @Override
      public void windowClosing(WindowEvent e) {
        userClosed();
      }

      @Override
      public void windowDeactivated(WindowEvent e) {
        releaseHeldKeys();
      }
    });
    picture.setFocusable(true);
    // Tab and Shift-Tab belong to the guest, not to Swing's focus traversal.
    picture.setFocusTraversalKeysEnabled(false);
    frame.setFocusTraversalKeysEnabled(false);
    picture.addKeyListener(new KeyAdapter() {
      @Override
      public void keyPressed(KeyEvent e) {
        key(e, true);
      }

      @Override
      public void keyReleased(KeyEvent e) {
        key(e, false);
      }
    });
    picture.addFocusListener(new FocusAdapter() {
      @Override
      public void focusLost(FocusEvent e) {
        releaseHeldKeys();
      }
    });
    frame.getContentPane().add(picture);
    frame.setResizable(false);
  }

  /**
   * Opens a window on a VM's screen. The VM may be running already or be started later.
   *
   * @param vm the VM; it must have a screen device (VVIDEO, a standard device)
   * @param title the window's title
   * @param onClose what to do when the user closes the window, such as stopping the VM; it
   *     runs on Swing's event thread
   * @return the window, shown
   * @throws IllegalArgumentException if the VM has no screen device
   * @throws HeadlessException if this JVM has no display; see {@link TerminalScreen} for one
   *     without
   */
  public static ScreenWindow open(Vm vm, String title, Runnable onClose) {
    Screen screen = vm.device(Screen.class).orElseThrow(() ->
        new IllegalArgumentException("VM " + vm.config().name() + " has no screen device"));
    Keyboard keyboard = vm.device(Keyboard.class).orElse(null);
    if (GraphicsEnvironment.isHeadless()) {
      throw new HeadlessException("no display to show the screen of VM " + vm.config().name()
          + " on (DISPLAY is unset or java.awt.headless is true)");
    }
    ScreenWindow window = onEdt(() -> new ScreenWindow(screen, keyboard, title, onClose));
    // Listen before reading the current frame, so that no frame falls between the two.
    screen.addListener(window.listener);
    Screen.Frame first = screen.frame();
    onEdt(() -> {
      window.show(first);
      return window;
    });
    return window;
  }

  /**
   * The scale the window draws the screen at now: each pixel of {@link Screen.Frame#image()}
   * is a square this many pixels wide.
   *
   * @return 1 for 80&times;25 text, 2 for 320&times;200 graphics
   */
  public int scale() {
    return scale;
  }

  /**
   * Where the screen's picture is on the host's screen, for a screenshot: the picture is the
   * frame's image enlarged {@link #scale()} times, with nearest-neighbour sampling.
   *
   * @return the picture's bounds in screen coordinates
   * @throws java.awt.IllegalComponentStateException if the window is not showing
   */
  public Rectangle contentBoundsOnScreen() {
    return onEdt(() -> new Rectangle(picture.getLocationOnScreen(), picture.getPreferredSize()));
  }

  /**
   * Changes the window's title, for example to say that the program has ended.
   *
   * @param title the new title
   */
  public void setTitle(String title) {
    SwingUtilities.invokeLater(() -> frame.setTitle(title));
  }

  /**
   * Waits until the window is closed, by the user or by {@link #close()}.
   *
   * @throws InterruptedException if the waiting thread was interrupted
   */
  public void awaitClose() throws InterruptedException {
    gone.await();
  }

  /**
   * Closes the window without running the {@code onClose} action. Idempotent; any thread may
   * call it.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    screen.removeListener(listener);
    if (SwingUtilities.isEventDispatchThread()) {
      dispose();
    } else {
      SwingUtilities.invokeLater(this::dispose);
    }
  }

  /** On the VM's thread: keep the frame, and ask Swing's thread to take it if it has not yet. */
  private void frameArrived(Screen.Frame next) {
    if (pending.getAndSet(next) == null) {
      SwingUtilities.invokeLater(this::takePending);
    }
  }

  private void takePending() {
    Screen.Frame next = pending.getAndSet(null);
    if (next != null && !closed.get()) {
      picture.show(next);
    }
  }

  private void show(Screen.Frame first) {
    picture.show(first);
    frame.pack();
    frame.setLocationRelativeTo(null);
    frame.setVisible(true);
    frame.toFront();
    picture.requestFocusInWindow();
  }

  private void userClosed() {
    try {
      onClose.run();
    } finally {
      close();
    }
  }

  private void dispose() {
    releaseHeldKeys();
    frame.dispose();
    gone.countDown();
  }

  private void key(KeyEvent e, boolean down) {
    e.consume(); // F10 and Alt must not reach the window's menu on platforms that have one
    String name = AwtKeys.name(e.getKeyCode(), e.getKeyLocation());
    Keyboard k = keyboard;
    if (name == null || k == null) {
      return;
    }
    if (down) {
      held.add(name);
      send(() -> k.press(name));
    } else if (held.remove(name)) {
      send(() -> k.release(name));
    }
  }

  private void releaseHeldKeys() {
    Keyboard k = keyboard;
    if (k != null) {
      for (String name : held) {
        send(() -> k.release(name));
      }
    }
    held.clear();
  }

  /** Hands a key to the VM; once the VM is closed, keys have nowhere to go. */
  private static void send(Runnable key) {
    try {
      key.run();
    } catch (VmStateException e) {
      // The VM is closed: the window may still show its last frame, but takes no more keys.
    }
  }

  /** The whole-number scale that makes a picture of this width at least {@link #MIN_WIDTH}. */
  static int scaleFor(int width) {
    return width >= MIN_WIDTH ? 1 : (MIN_WIDTH + width - 1) / width;
  }

  /** Runs a task on Swing's thread, waiting for its result. */
  private static <T> T onEdt(Supplier<T> task) {
    if (SwingUtilities.isEventDispatchThread()) {
      return task.get();
    }
    AtomicReference<@Nullable T> result = new AtomicReference<>();
    try {
      SwingUtilities.invokeAndWait(() -> result.set(task.get()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Swing's thread", e);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
    T value = result.get();
    if (value == null) {
      throw new IllegalStateException("a Swing task returned nothing");
    }
    return value;
  }

  /** The screen's picture, enlarged. On Swing's thread only. */
  private final class Picture extends JComponent {
    private static final long serialVersionUID = 1L;

    private transient @Nullable BufferedImage image;
    private long version = -1;

    Picture() {
      setOpaque(true);
      setBackground(Color.BLACK);
    }

    void show(Screen.Frame next) {
      if (next.version() <= version && image != null) {
        return; // an older frame than the one shown, overtaken on its way here
      }
      version = next.version();
      BufferedImage img = next.image();
      image = img;
      Dimension size = new Dimension(img.getWidth(), img.getHeight());
      if (!size.equals(imageSize)) {
        int s = scaleFor(img.getWidth());
        scale = s;
        imageSize = size;
        setPreferredSize(new Dimension(size.width * s, size.height * s));
        if (frame.isDisplayable()) {
          frame.pack();
        }
      }
      repaint();
    }

    @Override
    protected void paintComponent(Graphics g) {
      g.setColor(getBackground());
      g.fillRect(0, 0, getWidth(), getHeight());
      BufferedImage img = image;
      if (img == null) {
        return;
      }
      Graphics2D g2 = (Graphics2D) g;
      g2.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
      int s = scale;
      g2.drawImage(img, 0, 0, img.getWidth() * s, img.getHeight() * s, null);
    }
  }
}
