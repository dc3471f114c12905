package dev.mvm.it;

import static dev.mvm.it.FloppyBoot.console;
import static dev.mvm.it.FloppyBoot.machine;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mvm.api.ExitReason;
import dev.mvm.api.ExitStatus;
import dev.mvm.api.Vm;
import dev.mvm.vdd.std.Screen;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guest programs booted from a floppy draw on the VGA in text and graphics modes; the host
 * sees the result through the {@link Screen} facet (issue 7).
 */
class VgaTest {

  @TempDir Path dir;

  /** Runs a guest program to its final HLT and returns the screen as it was then. */
  private static Screen.Frame runToHalt(Vm vm) {
    ExitStatus status = vm.run();
    assertThat(status.reason()).as(status.message() + "; console: " + console(vm))
        .isEqualTo(ExitReason.HALTED);
    return vm.device(Screen.class).orElseThrow().frame();
  }

  private static BufferedImage picture(Screen.Frame frame) throws IOException {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(frame.png()));
    assertThat(image).as("decoded PNG").isNotNull();
    return image;
  }

  /**
   * Checks a pixel against a colour given as the DAC's 6-bit red, green and blue, allowing for
   * either common way of widening 6 bits to 8 (v &times; 255 / 63, or v &lt;&lt; 2 | v &gt;&gt; 4).
   */
  private static void assertPixel(BufferedImage image, int x, int y, int[] dac) {
    int rgb = image.getRGB(x, y);
    assertThat(matches(rgb, dac)).as("pixel (%d,%d) is %06X, expected DAC %d,%d,%d", x, y,
        rgb & 0xFFFFFF, dac[0], dac[1], dac[2]).isTrue();
  }

  private static boolean matches(int rgb, int[] dac) {
    int[] actual = {rgb >>> 16 & 0xFF, rgb >>> 8 & 0xFF, rgb & 0xFF};
    for (int i = 0; i < 3; i++) {
      if (Math.abs(actual[i] - Math.round(dac[i] * 255 / 63f)) > 2) {
        return false;
      }
    }
    return true;
  }

  /** The IBM VGA's default DAC: the 16 EGA colours, then the grey ramp 16-31, then hues. */
  private static final int[][] EGA = {
    {0, 0, 0}, {0, 0, 42}, {0, 42, 0}, {0, 42, 42}, {42, 0, 0}, {42, 0, 42}, {42, 21, 0},
    {42, 42, 42}, {21, 21, 21}, {21, 21, 63}, {21, 63, 21}, {21, 63, 63}, {63, 21, 21},
    {63, 21, 63}, {63, 63, 21}, {63, 63, 63}
  };
  private static final int[] GREYS = {0, 5, 8, 11, 14, 17, 20, 24, 28, 32, 36, 40, 45, 50, 56, 63};

  private static int[] defaultDac(int colour) {
    if (colour < 16) {
      return EGA[colour];
    }
    if (colour < 32) {
      int g = GREYS[colour - 16];
      return new int[] {g, g, g};
    }
    return switch (colour) {
      case 32 -> new int[] {0, 0, 63};
      case 36 -> new int[] {63, 0, 63};
      case 40 -> new int[] {63, 0, 0};
      default -> throw new IllegalArgumentException("not in the test's table: " + colour);
    };
  }

  @Test
  void teletypeTextScrollsAndLeavesTheCursorBehindTheLastCharacter() {
    try (Vm vm = machine(dir, "teletype.bin").build()) {
      Screen.Frame frame = runToHalt(vm);
      assertThat(frame.isText()).isTrue();
      assertThat(frame.columns()).isEqualTo(80);
      assertThat(frame.rows()).isEqualTo(25);
      // 31 lines on 25 rows: the first six scrolled off the top.
      List<String> expected = new ArrayList<>();
      for (int line = 7; line <= 30; line++) {
        expected.add(String.format("Line %02d", line));
      }
      expected.add("END");
      assertThat(frame.rowsOfText()).extracting(String::stripTrailing)
          .containsExactlyElementsOf(expected);
      assertThat(frame.row(24)).hasSize(80);
      assertThat(frame.cursorRow()).isEqualTo(24);
      assertThat(frame.cursorColumn()).isEqualTo(3);
      assertThat(frame.attribute(0, 24)).isEqualTo(0x07);
      assertThat(console(vm)).isEqualTo("R=18 C=03");
    }
  }

  @Test
  void teletypeWrapsAtTheLastColumnAndHandlesBellAndBackspace() {
    try (Vm vm = machine(dir, "wrap.bin").build()) {
      Screen.Frame frame = runToHalt(vm);
      assertThat(console(vm)).isEqualTo("W");
      assertThat(frame.row(0).strip()).isEmpty();
      assertThat(frame.row(23)).isEqualTo("A".repeat(78) + "BC");
      assertThat(frame.row(24).stripTrailing()).isEqualTo("DZ");
      assertThat(frame.cursorRow()).isEqualTo(24);
      assertThat(frame.cursorColumn()).isEqualTo(2);
    }
  }

  @Test
  void biosTextFunctionsWriteCharactersAttributesAndScrollWindows() throws IOException {
    try (Vm vm = machine(dir, "textattr.bin").build()) {
      Screen.Frame frame = runToHalt(vm);
      assertThat(console(vm)).isEqualTo("M=03 W=50 P=00");
      assertThat(frame.row(0)).startsWith("AAA ");
      assertThat(frame.row(1)).startsWith("\u2500\u2500\u2500 ");
      assertThat(frame.row(3)).startsWith("Hello ");
      assertThat(frame.row(10).stripTrailing()).isEqualTo("eleven");
      assertThat(frame.row(11).stripTrailing()).isEqualTo("twelve");
      assertThat(frame.row(12).strip()).isEmpty();
      assertThat(frame.attribute(0, 0)).isEqualTo(0x1E);
      assertThat(frame.attribute(2, 0)).isEqualTo(0x1E);
      assertThat(frame.attribute(3, 0)).isEqualTo(0x07);
      assertThat(frame.attribute(0, 3)).isEqualTo(0x2F);
      assertThat(frame.attribute(0, 10)).isEqualTo(0x2F);
      assertThat(frame.attribute(0, 12)).isEqualTo(0x07);
      assertThat(frame.attribute(10, 5)).isEqualTo(0x4F);
      assertThat(frame.attribute(19, 7)).isEqualTo(0x4F);
      assertThat(frame.attribute(9, 5)).isEqualTo(0x07);
      assertThat(frame.attribute(20, 7)).isEqualTo(0x07);
      assertThat(frame.cursorRow()).isEqualTo(3);
      assertThat(frame.cursorColumn()).isEqualTo(5);

      BufferedImage image = picture(frame);
      assertThat(image.getWidth()).isEqualTo(720); // 80 cells of 9 dots
      assertThat(image.getHeight()).isEqualTo(400); // 25 rows of 16 lines
      // The cleared window is red, all of each cell.
      for (int[] cell : new int[][] {{10, 5}, {15, 6}, {19, 7}}) {
        for (int dy = 0; dy < 16; dy += 5) {
          assertPixel(image, cell[0] * 9 + 8, cell[1] * 16 + dy, EGA[4]);
          assertPixel(image, cell[0] * 9, cell[1] * 16 + dy, EGA[4]);
        }
      }
      // "A" in yellow on blue: yellow dots in the glyph's eight columns, the ninth is blue.
      int yellowDots = 0;
      for (int y = 0; y < 16; y++) {
        for (int x = 0; x < 8; x++) {
          yellowDots += matches(image.getRGB(x, y), EGA[14]) ? 1 : 0;
          assertThat(image.getRGB(x, y)).isEqualTo(image.getRGB(9 + x, y)); // the same "A"
        }
        assertPixel(image, 8, y, EGA[1]);
      }
      assertThat(yellowDots).as("yellow dots of the A").isGreaterThan(10);
      // The line characters (C4h) join up: the ninth dot repeats the eighth for C0h-DFh.
      int lineY = -1;
      for (int y = 16; y < 32 && lineY < 0; y++) {
        boolean full = true;
        for (int x = 0; x < 8; x++) {
          full &= matches(image.getRGB(x, y), EGA[7]);
        }
        if (full) {
          lineY = y;
        }
      }
      assertThat(lineY).as("scan line of the horizontal line").isNotNegative();
      for (int x = 0; x < 27; x++) {
        assertPixel(image, x, lineY, EGA[7]);
      }
      assertPixel(image, 27, lineY, EGA[0]);
    }
  }

  @Test
  void theEightByEightFontGivesFiftyTextRows() throws IOException {
    try (Vm vm = machine(dir, "rows50.bin").build()) {
      Screen.Frame frame = runToHalt(vm);
      assertThat(console(vm)).isEqualTo("31");
      assertThat(frame.rows()).isEqualTo(50);
      assertThat(frame.row(0)).startsWith("top ");
      assertThat(frame.row(49)).startsWith("bottom ");
      assertThat(frame.cursorRow()).isEqualTo(49);
      assertThat(frame.cursorColumn()).isEqualTo(6);
      BufferedImage image = picture(frame);
      assertThat(image.getWidth()).isEqualTo(720);
      assertThat(image.getHeight()).isEqualTo(400); // 50 rows of 8 lines
    }
  }

  @Test
  void aMode13hDrawingShowsTheDefaultPaletteInThePng() throws IOException {
    try (Vm vm = machine(dir, "mode13.bin").build()) {
      Screen.Frame frame = runToHalt(vm);
      assertThat(console(vm)).isEqualTo("13");
      assertThat(frame.mode()).isEqualTo(0x13);
      assertThat(frame.isText()).isFalse();
      BufferedImage image = picture(frame);
      assertThat(image.getWidth()).isEqualTo(320);
      assertThat(image.getHeight()).isEqualTo(200);
      for (int band = 0; band < 16; band++) {
        int x = band * 20 + 10;
        int top = band * 20 + 10 < 100 ? 60 : 10; // off the diagonal
        assertPixel(image, x, top, defaultDac(band));
        assertPixel(image, x, 185, defaultDac(16 + band));
      }
      assertPixel(image, 0, 0, defaultDac(40));
      assertPixel(image, 57, 57, defaultDac(40));
      assertPixel(image, 130, 130, defaultDac(40));
      assertPixel(image, 199, 199, defaultDac(40));
      assertPixel(image, 200, 199, defaultDac(16 + 10));
      assertPixel(image, 319, 199, defaultDac(32));
      assertPixel(image, 0, 199, defaultDac(36));
      assertPixel(image, 1, 199, defaultDac(16));
    }
  }

  @Test
  void aCgaMode04hDrawingUsesTheBiossDefaultPalette() throws IOException {
    try (Vm vm = machine(dir, "cga.bin").build()) {
      Screen.Frame frame = runToHalt(vm);
      assertThat(console(vm)).isEqualTo("04");
      assertThat(frame.mode()).isEqualTo(0x04);
      BufferedImage image = picture(frame);
      assertThat(image.getWidth()).isEqualTo(320);
      assertThat(image.getHeight()).isEqualTo(200);
      // Mode 04h starts with the bright cyan-magenta-white palette.
      int[][] colours = {EGA[0], EGA[11], EGA[13], EGA[15]};
      int[][] rows = {{3, 2, 1, 0, 0}, {0, 1, 2, 3, 0}, {3, 3, 3, 3, 0}, {0, 0, 0, 0, 0}};
      for (int y = 0; y < rows.length; y++) {
        for (int x = 0; x < rows[y].length; x++) {
          assertPixel(image, x, y, colours[rows[y][x]]);
        }
      }
    }
  }

  @Test
  void aMode12hDrawingInEveryWriteModeGivesTheExpectedPixels() throws IOException {
    try (Vm vm = machine(dir, "mode12.bin").build()) {
      Screen.Frame frame = runToHalt(vm);
      assertThat(console(vm)).isEqualTo("P2=FF C=FF00AA");
      assertThat(frame.mode()).isEqualTo(0x12);
      BufferedImage image = picture(frame);
      assertThat(image.getWidth()).isEqualTo(640);
      assertThat(image.getHeight()).isEqualTo(480);
      int[][] rows = {
        {4, 4, 4, 4, 4, 4, 4, 4, 15, 0, 15, 0, 15, 0, 15, 0},
        {14, 14, 14, 14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
        {4, 4, 4, 4, 4, 4, 4, 4, 0, 0, 0, 0, 0, 0, 0, 0},
        {9, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0},
        {0, 0, 12, 12, 12, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
        {11, 11, 11, 11, 4, 4, 4, 4, 0, 0, 0, 0, 0, 0, 0, 0},
        {15, 15, 15, 15, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
        {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
      };
      for (int y = 0; y < rows.length; y++) {
        for (int x = 0; x < rows[y].length; x++) {
          assertPixel(image, x, y, EGA[rows[y][x]]);
        }
      }
      assertPixel(image, 639, 479, EGA[0]);
    }
  }

  @Test
  void dacChangesThroughThePortsAndInt10hShowInThePicture() throws IOException {
    try (Vm vm = machine(dir, "palette.bin").build()) {
      Screen.Frame frame = runToHalt(vm);
      assertThat(console(vm)).isEqualTo("3F2000");
      BufferedImage image = picture(frame);
      for (int y : new int[] {0, 100, 199}) {
        assertPixel(image, 50, y, new int[] {63, 32, 0});
        assertPixel(image, 160, y, new int[] {0, 63, 32});
        assertPixel(image, 270, y, EGA[3]);
      }
    }
  }
}
