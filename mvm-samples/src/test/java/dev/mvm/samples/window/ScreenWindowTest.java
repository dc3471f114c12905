package dev.mvm.samples.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.mvm.api.ExitReason;
import dev.mvm.api.ExitStatus;
import dev.mvm.api.Vm;
import dev.mvm.api.VmExecution;
import dev.mvm.vdd.std.Screen;
import java.awt.Frame;
import java.awt.GraphicsEnvironment;
import java.awt.KeyboardFocusManager;
import java.awt.Robot;
import java.awt.event.KeyEvent;
import java.awt.event.WindowEvent;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window shows exactly the screen's picture, enlarged by its scale, and the keys pressed
 * in it reach the guest. These tests need a display (under CI, Xvfb); without one they are
 * skipped. Each screenshot is also kept in {@code target/screenshots} to look at.
 */
class ScreenWindowTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  @TempDir Path drive;

  @Test
  void showsTheTextScreenAndTakesKeys() throws Exception {
    assumeDisplay();
    String program = Programs.copy("keyshow.com", drive);
    try (Vm vm = Vm.builder().drive('C', drive).program(program).timeout(WAIT).build()) {
      Screen screen = vm.device(Screen.class).orElseThrow();
      VmExecution run = vm.start();
      try (ScreenWindow window = ScreenWindow.open(vm, "keyshow", run::stop)) {
        Screen.Frame frame = screen.awaitText("Press a key: ", WAIT);
        assertThat(frame.rowWithAttributes(0)).startsWith("{1E} MVM screen test {07}");
        Robot robot = new Robot();
        BufferedImage shot = awaitPicture(robot, window, screen, "keyshow.png");
        assertThat(window.scale()).isEqualTo(1);
        assertThat(shot.getWidth()).isEqualTo(720);
        assertThat(shot.getHeight()).isEqualTo(400);

        awaitFocus();
        robot.keyPress(KeyEvent.VK_Y);
        robot.keyRelease(KeyEvent.VK_Y);
        ExitStatus status = run.await(WAIT).orElseThrow();
        assertThat(status.reason()).as(status.message()).isEqualTo(ExitReason.PROGRAM_EXIT);
        assertThat(status.exitCode()).isEqualTo('y');
        assertThat(screen.frame().row(4)).startsWith("You pressed y");
        // The window shows the answer too.
        awaitPicture(robot, window, screen, "keyshow-answered.png");
      }
    }
  }

  @Test
  void enlargesGraphicsTwice() throws Exception {
    assumeDisplay();
    String program = Programs.copy("bars.com", drive);
    try (Vm vm = Vm.builder().drive('C', drive).program(program).timeout(WAIT).build()) {
      Screen screen = vm.device(Screen.class).orElseThrow();
      // The picture is complete when its last pixel, bottom right, is white.
      CompletableFuture<Screen.Frame> drawn = new CompletableFuture<>();
      Consumer<Screen.Frame> watch = f -> {
        if (!f.isText() && f.image().getRGB(319, 199) == 0xFFFFFFFF) {
          drawn.complete(f);
        }
      };
      screen.addListener(watch);
      VmExecution run = vm.start();
      try (ScreenWindow window = ScreenWindow.open(vm, "bars", run::stop)) {
        Screen.Frame frame = drawn.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(frame.mode()).isEqualTo(0x13);
        Robot robot = new Robot();
        BufferedImage shot = awaitPicture(robot, window, screen, "bars.png");
        assertThat(window.scale()).isEqualTo(2);
        assertThat(shot.getWidth()).isEqualTo(640);
        assertThat(shot.getHeight()).isEqualTo(400);
        // Block 1 of the top half is blue, block 4 of the bottom half light red.
        assertThat(shot.getRGB(2 * 60, 2 * 50) & 0xFFFFFF).isEqualTo(0x0000AA);
        assertThat(shot.getRGB(2 * 180, 2 * 150) & 0xFFFFFF).isEqualTo(0xFF5555);

        awaitFocus();
        robot.keyPress(KeyEvent.VK_Z);
        robot.keyRelease(KeyEvent.VK_Z);
        ExitStatus status = run.await(WAIT).orElseThrow();
        assertThat(status.exitCode()).as(status.message()).isEqualTo('z');
      } finally {
        screen.removeListener(watch);
      }
    }
  }

  @Test
  void closingTheWindowRunsTheCloseAction() throws Exception {
    assumeDisplay();
    String program = Programs.copy("keyshow.com", drive);
    try (Vm vm = Vm.builder().drive('C', drive).program(program).timeout(WAIT).build()) {
      VmExecution run = vm.start();
      AtomicInteger closes = new AtomicInteger();
      String title = "closing " + System.nanoTime();
      try (ScreenWindow window = ScreenWindow.open(vm, title, () -> {
        closes.incrementAndGet();
        run.stop();
      })) {
        Frame frame = Arrays.stream(Frame.getFrames())
            .filter(f -> f.getTitle().equals(title)).findFirst().orElseThrow();
        SwingUtilities.invokeAndWait(() ->
            frame.dispatchEvent(new WindowEvent(frame, WindowEvent.WINDOW_CLOSING)));
        ExitStatus status = run.await(WAIT).orElseThrow();
        assertThat(status.reason()).isEqualTo(ExitReason.STOPPED);
        assertThat(closes).hasValue(1);
        SwingUtilities.invokeAndWait(() -> assertThat(frame.isDisplayable()).isFalse());
        window.close(); // again, from this thread: nothing more happens
      }
      assertThat(closes).hasValue(1);
    }
  }

  @Test
  void graphicsAreEnlargedToAtLeast640Pixels() {
    assertThat(ScreenWindow.scaleFor(720)).isEqualTo(1);
    assertThat(ScreenWindow.scaleFor(640)).isEqualTo(1);
    assertThat(ScreenWindow.scaleFor(320)).isEqualTo(2);
    assertThat(ScreenWindow.scaleFor(160)).isEqualTo(4);
  }

  private static void assumeDisplay() {
    assumeFalse(GraphicsEnvironment.isHeadless(),
        "no display: the window tests need one (set DISPLAY, for example to an Xvfb server)");
  }

  /** Waits until the window is the keyboard's focus, so that Robot's keys go to it. */
  private static void awaitFocus() throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      boolean[] focused = new boolean[1];
      SwingUtilities.invokeAndWait(() -> focused[0] =
          KeyboardFocusManager.getCurrentKeyboardFocusManager().getFocusOwner() != null);
      if (focused[0]) {
        return;
      }
      if (System.nanoTime() > deadline) {
        fail("the window did not get the keyboard focus within " + WAIT);
      }
      Thread.sleep(20);
    }
  }

  /**
   * Takes screenshots of the window until one is the screen's latest frame enlarged by the
   * window's scale, pixel for pixel. The window paints on its own when the frame arrives, so
   * this polls, with a deadline, and keeps both pictures in target/screenshots when it fails.
   */
  private static BufferedImage awaitPicture(Robot robot, ScreenWindow window, Screen screen,
      String name) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      robot.waitForIdle();
      BufferedImage expected = enlarged(screen.frame().image(), window.scale());
      BufferedImage shot = robot.createScreenCapture(window.contentBoundsOnScreen());
      String difference = difference(expected, shot);
      if (difference == null) {
        save(shot, name);
        return shot;
      }
      if (System.nanoTime() > deadline) {
        save(shot, name);
        save(expected, "expected-" + name);
        fail("the window does not show the screen: " + difference + "; see " + SCREENSHOTS);
      }
      robot.delay(20);
    }
  }

  /** Nearest-neighbour enlargement: each pixel becomes a square of scale &times; scale. */
  private static BufferedImage enlarged(BufferedImage image, int scale) {
    BufferedImage big = new BufferedImage(
        image.getWidth() * scale, image.getHeight() * scale, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < big.getHeight(); y++) {
      for (int x = 0; x < big.getWidth(); x++) {
        big.setRGB(x, y, image.getRGB(x / scale, y / scale));
      }
    }
    return big;
  }

  private static String difference(BufferedImage expected, BufferedImage actual) {
    if (expected.getWidth() != actual.getWidth() || expected.getHeight() != actual.getHeight()) {
      return "the window's picture is " + actual.getWidth() + "x" + actual.getHeight()
          + ", the screen's " + expected.getWidth() + "x" + expected.getHeight();
    }
    int count = 0;
    String first = null;
    for (int y = 0; y < expected.getHeight(); y++) {
      for (int x = 0; x < expected.getWidth(); x++) {
        int e = expected.getRGB(x, y) & 0xFFFFFF;
        int a = actual.getRGB(x, y) & 0xFFFFFF;
        if (e != a) {
          if (first == null) {
            first = String.format("(%d,%d) is %06X, not %06X", x, y, a, e);
          }
          count++;
        }
      }
    }
    return count == 0 ? null : count + " pixels differ, the first " + first;
  }

  private static void save(BufferedImage image, String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    ImageIO.write(image, "png", SCREENSHOTS.resolve(name).toFile());
  }
}
