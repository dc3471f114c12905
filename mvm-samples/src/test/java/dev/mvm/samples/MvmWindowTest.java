package dev.mvm.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.awt.Frame;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.event.KeyEvent;
import java.awt.event.WindowEvent;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mvm run --window} as a user sees it: the program's screen in a window, pixel for pixel
 * what {@code --screen} saves, and keys typed into the window reach the program. Needs a
 * display (CI starts Xvfb); without one it is skipped.
 */
class MvmWindowTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int mvm(String... args) {
    return MvmCommand.execute(args, new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.ISO_8859_1),
        new PrintStream(err, true, StandardCharsets.ISO_8859_1));
  }

  @Test
  void theWindowShowsTheScreenAndTakesKeys(@TempDir Path dir) throws Exception {
    assumeFalse(GraphicsEnvironment.isHeadless(),
        "no display: the window tests need one (set DISPLAY, for example to an Xvfb server)");
    Path program = dir.resolve("KEYSHOW.COM");
    try (InputStream in = getClass().getResourceAsStream("/programs/keyshow.com")) {
      assertThat(in).isNotNull();
      Files.write(program, in.readAllBytes());
    }
    // What the program shows while it waits for a key, as --screen saves it (a limit ends
    // that run: nobody types).
    Path expectedPng = dir.resolve("expected.png");
    assertThat(mvm("run", "--console", "screen", "--max-instructions", "2000000", "--screen",
        expectedPng.toString(), program.toString())).isEqualTo(MvmCommand.EXIT_LIMIT);
    BufferedImage expected = ImageIO.read(expectedPng.toFile());

    CompletableFuture<Integer> run = CompletableFuture.supplyAsync(
        () -> mvm("run", "--window", "--timeout", "60s", program.toString()));
    JFrame window = awaitWindow("MVM: C:\\KEYSHOW.COM");
    Robot robot = new Robot();
    awaitPicture(robot, window, expected);

    awaitFocus(window);
    robot.keyPress(KeyEvent.VK_Y);
    robot.keyRelease(KeyEvent.VK_Y);
    // The program has ended; its last screen stays up, saying so, until the window is closed.
    awaitWindow("MVM: C:\\KEYSHOW.COM \u2014 ended (exit code 121); close to exit");
    assertThat(run).isNotDone();
    SwingUtilities.invokeAndWait(() ->
        window.dispatchEvent(new WindowEvent(window, WindowEvent.WINDOW_CLOSING)));
    assertThat(run.get(WAIT.toSeconds(), TimeUnit.SECONDS))
        .as(err.toString(StandardCharsets.ISO_8859_1)).isEqualTo('y');
    assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEmpty(); // the console was the window
    SwingUtilities.invokeAndWait(() -> assertThat(window.isDisplayable()).isFalse());
  }

  private static JFrame awaitWindow(String title) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      Optional<Frame> found = Arrays.stream(Frame.getFrames())
          .filter(f -> title.equals(f.getTitle()) && f.isShowing()).findFirst();
      if (found.isPresent()) {
        return (JFrame) found.get();
      }
      if (System.nanoTime() > deadline) {
        fail("no window titled " + title + " within " + WAIT);
      }
      Thread.sleep(20);
    }
  }

  /**
   * Screenshots until the window shows the expected image. The whole screen is captured and the
   * picture found by its top-left pixel, rather than trusting where AWT says the window is: on a
   * loaded machine its idea of the location can lag behind the X server's.
   */
  private static void awaitPicture(Robot robot, JFrame window, BufferedImage expected)
      throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    Rectangle screen = new Rectangle(java.awt.Toolkit.getDefaultToolkit().getScreenSize());
    while (true) {
      robot.waitForIdle();
      BufferedImage shot = robot.createScreenCapture(screen);
      BufferedImage found = find(shot, expected);
      if (found != null && same(expected, found)) {
        return;
      }
      if (System.nanoTime() > deadline) {
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        ImageIO.write(shot, "png", dir.resolve("mvm-window.png").toFile());
        ImageIO.write(expected, "png", dir.resolve("expected-mvm-window.png").toFile());
        fail("the window does not show what --screen saved; see " + dir);
      }
      robot.delay(20);
    }
  }

  /** The region of the screen whose top-left pixel is the first one of the picture's colour. */
  private static @Nullable BufferedImage find(BufferedImage shot, BufferedImage expected) {
    int corner = expected.getRGB(0, 0) & 0xFFFFFF;
    for (int y = 0; y + expected.getHeight() <= shot.getHeight(); y++) {
      for (int x = 0; x + expected.getWidth() <= shot.getWidth(); x++) {
        if ((shot.getRGB(x, y) & 0xFFFFFF) == corner) {
          return shot.getSubimage(x, y, expected.getWidth(), expected.getHeight());
        }
      }
    }
    return null;
  }

  private static boolean same(BufferedImage a, BufferedImage b) {
    if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
      return false;
    }
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        if ((a.getRGB(x, y) & 0xFFFFFF) != (b.getRGB(x, y) & 0xFFFFFF)) {
          return false;
        }
      }
    }
    return true;
  }

  private static void awaitFocus(JFrame window) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      boolean[] focused = new boolean[1];
      SwingUtilities.invokeAndWait(() -> focused[0] = window.isFocused());
      if (focused[0]) {
        return;
      }
      if (System.nanoTime() > deadline) {
        fail("the window did not get the keyboard focus within " + WAIT);
      }
      Thread.sleep(20);
    }
  }
}
