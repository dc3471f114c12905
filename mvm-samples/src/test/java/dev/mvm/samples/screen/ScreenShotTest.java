package dev.mvm.samples.screen;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The screen-shot example takes the picture palette.com draws: a 16&times;16 chart of the VGA's
 * default colours in mode 13h, framed in white, with a caption above and a legend below.
 */
class ScreenShotTest {
  private static final int BLACK = 0x000000;
  private static final int WHITE = 0xFFFFFF;

  @TempDir Path folder;
  private ScreenShot.Picture picture;
  private BufferedImage image;

  @BeforeEach
  void takeThePicture() throws Exception {
    Files.copy(Path.of("dos", "palette.com"), folder.resolve("PALETTE.COM"));
    picture = ScreenShot.take(folder, "PALETTE.COM");
    image = ImageIO.read(new ByteArrayInputStream(picture.png()));
  }

  @Test
  void theProgramLeavesMode13h() {
    assertThat(picture.exitCode()).isZero();
    assertThat(picture.mode()).isEqualTo(0x13);
    assertThat(image.getWidth()).isEqualTo(320);
    assertThat(image.getHeight()).isEqualTo(200);
  }

  @Test
  void everyPixelOutsideTheTextIsTheChart() {
    for (int y = 0; y < 200; y++) {
      if ((y >= 8 && y < 16) || y >= 192) {
        continue; // the caption's and the legend's character rows
      }
      for (int x = 0; x < 320; x++) {
        assertThat(hex(rgb(x, y))).as("pixel %d,%d", x, y).isEqualTo(hex(chart(x, y)));
      }
    }
  }

  @Test
  void theDefaultPaletteHasTheColoursEveryoneKnows() {
    assertThat(swatch(1)).isEqualTo("0000AA"); // blue
    assertThat(swatch(6)).isEqualTo("AA5500"); // brown, not dark yellow
    assertThat(swatch(7)).isEqualTo("AAAAAA");
    assertThat(swatch(8)).isEqualTo("555555");
    assertThat(swatch(14)).isEqualTo("FFFF55"); // yellow
    assertThat(swatch(31)).isEqualTo("FFFFFF"); // the last grey
    assertThat(swatch(32)).isEqualTo("0000FF"); // the hue circle starts at blue
    assertThat(swatch(40)).isEqualTo("FF0000");
    assertThat(swatch(44)).isEqualTo("FFFF00");
    assertThat(swatch(48)).isEqualTo("00FF00");
    assertThat(swatch(52)).isEqualTo("00FFFF");
    assertThat(swatch(112)).isEqualTo("710000"); // the darker reds: 1Ch, then 10h
    assertThat(swatch(184)).isEqualTo("410000");
    assertThat(swatch(255)).isEqualTo("000000");
  }

  @Test
  void theTextIsWrittenInWhiteInItsCharacterCells() {
    checkText(1, 7, "The 256 colours of the VGA");
    checkText(24, 3, "colour number = 16 x row + column");
  }

  /** Each 8x8 cell of the text row is black and white, with white only under characters. */
  private void checkText(int row, int column, String text) {
    for (int cell = 0; cell < 40; cell++) {
      int index = cell - column;
      boolean visible = index >= 0 && index < text.length() && text.charAt(index) != ' ';
      int white = 0;
      for (int y = row * 8; y < row * 8 + 8; y++) {
        for (int x = cell * 8; x < cell * 8 + 8; x++) {
          int rgb = rgb(x, y);
          assertThat(rgb).as("pixel %d,%d", x, y).isIn(BLACK, WHITE);
          white += rgb == WHITE ? 1 : 0;
        }
      }
      if (visible) {
        assertThat(white).as("white pixels of '%s' in cell %d", text.charAt(index), cell)
            .isPositive();
      } else {
        assertThat(white).as("white pixels in cell %d", cell).isZero();
      }
    }
  }

  private int rgb(int x, int y) {
    return image.getRGB(x, y) & 0xFFFFFF;
  }

  /** The colour at the centre of a swatch, as RRGGBB. */
  private String swatch(int colour) {
    return hex(rgb(17 + 18 * (colour % 16) + 8, 25 + 10 * (colour / 16) + 4));
  }

  private static String hex(int rgb) {
    return String.format("%06X", rgb);
  }

  /**
   * The colour palette.asm puts at a pixel: the frame from (14,22) to (305,185), swatch c, r
   * over x 17+18c..32+18c and y 25+10r..32+10r, black elsewhere.
   */
  private static int chart(int x, int y) {
    boolean inFrame = x >= 14 && x <= 305 && y >= 22 && y <= 185;
    if (inFrame && (x == 14 || x == 305 || y == 22 || y == 185)) {
      return WHITE;
    }
    int cx = x - 17;
    int cy = y - 25;
    if (cx >= 0 && cy >= 0 && cx < 16 * 18 && cy < 16 * 10 && cx % 18 < 16 && cy % 10 < 8) {
      return defaultColour(16 * (cy / 10) + cx / 18);
    }
    return BLACK;
  }

  // ---- the VGA's default palette, from IBM's tables ----------------------------------------

  /** Colours 0-15: the CGA's colours in the DAC's six bits (42 = two thirds, 21 = one third). */
  private static final int[][] CGA = {
    {0, 0, 0}, {0, 0, 42}, {0, 42, 0}, {0, 42, 42}, {42, 0, 0}, {42, 0, 42}, {42, 21, 0},
    {42, 42, 42}, {21, 21, 21}, {21, 21, 63}, {21, 63, 21}, {21, 63, 63}, {63, 21, 21},
    {63, 21, 63}, {63, 63, 21}, {63, 63, 63}
  };
  /** Colours 16-31: a grey ramp. */
  private static final int[] GREYS = {
    0x00, 0x05, 0x08, 0x0B, 0x0E, 0x11, 0x14, 0x18, 0x1C, 0x20, 0x24, 0x28, 0x2D, 0x32, 0x38, 0x3F
  };
  /**
   * Colours 32-247: nine circles of 24 hues (high, medium, low intensity, each at high, medium,
   * low saturation). A component moves through the five levels of its circle, from the lowest
   * to the highest.
   */
  private static final int[][] LEVELS = {
    {0x00, 0x10, 0x1F, 0x2F, 0x3F}, {0x1F, 0x27, 0x2F, 0x37, 0x3F}, {0x2D, 0x31, 0x36, 0x3A, 0x3F},
    {0x00, 0x07, 0x0E, 0x15, 0x1C}, {0x0E, 0x11, 0x15, 0x18, 0x1C}, {0x14, 0x16, 0x18, 0x1A, 0x1C},
    {0x00, 0x04, 0x08, 0x0C, 0x10}, {0x08, 0x0A, 0x0C, 0x0E, 0x10}, {0x0B, 0x0C, 0x0D, 0x0F, 0x10}
  };

  /** A default colour as 0xRRGGBB, the DAC's six bits widened as the screen shows them. */
  private static int defaultColour(int index) {
    int[] dac;
    if (index < 16) {
      dac = CGA[index];
    } else if (index < 32) {
      dac = new int[] {GREYS[index - 16], GREYS[index - 16], GREYS[index - 16]};
    } else if (index < 248) {
      int[] levels = LEVELS[(index - 32) / 24];
      int step = (index - 32) % 24;
      // Blue (step 0), magenta (4), red (8), yellow (12), green (16), cyan (20): red rises
      // from step 0, green from 8, blue from 16, each staying up for 8 steps after.
      dac = new int[] {component(levels, step), component(levels, step - 8),
          component(levels, step - 16)};
    } else {
      dac = new int[] {0, 0, 0};
    }
    return widen(dac[0]) << 16 | widen(dac[1]) << 8 | widen(dac[2]);
  }

  /** A component around the circle: 4 steps up, 8 at the top, 4 down, 8 at the bottom. */
  private static int component(int[] levels, int step) {
    int t = Math.floorMod(step, 24);
    if (t < 4) {
      return levels[t];
    } else if (t < 12) {
      return levels[4];
    } else if (t < 16) {
      return levels[16 - t];
    }
    return levels[0];
  }

  /** Six bits to eight by repeating the top bits (within one of v * 255 / 63). */
  private static int widen(int v) {
    return v << 2 | v >>> 4;
  }
}
