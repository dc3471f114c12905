package dev.mvm.vdd.std;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javax.imageio.ImageIO;

/**
 * The display as the host sees it: what a monitor on the VM's VGA shows. {@link VVideo}
 * publishes it; get it with {@code vm.device(Screen.class)}. Thread-safe.
 *
 * <pre>{@code
 * Screen screen = vm.device(Screen.class).orElseThrow();
 * vm.start();
 * Screen.Frame frame = screen.awaitText("C:\\>", Duration.ofSeconds(5));
 * System.out.println(frame.text());
 * Files.write(Path.of("screen.png"), frame.png());
 * }</pre>
 *
 * <p>The screen is a series of immutable {@link Frame}s. The VM copies a new one from the video
 * card at most once per virtual frame (70 a second of virtual time) while the picture changes,
 * and at the end of every run; {@link #capture()} asks for one at once. Frames are rendered on
 * the thread that asks for their text or image, never on the VM's thread.
 */
public interface Screen {

  /**
   * The latest frame.
   *
   * @return the frame the VM published last
   */
  Frame frame();

  /**
   * Asks the VM for a frame copied now: between instruction slices while the VM runs, at once
   * when it does not.
   *
   * @return the frame, when the VM has copied it
   */
  CompletableFuture<Frame> capture();

  /**
   * Registers a listener for new frames, for a window to repaint. It is called on the VM's
   * thread, so it must return quickly (hand the frame to a UI thread).
   *
   * @param listener receives each new frame
   */
  void addListener(Consumer<Frame> listener);

  /**
   * Removes a listener.
   *
   * @param listener a listener added before
   */
  void removeListener(Consumer<Frame> listener);

  /**
   * Waits until the text screen contains a string, without spinning: the waiting thread sleeps
   * until the VM publishes a new frame.
   *
   * @param text what to wait for, as Unicode (code page 437 glyphs map to their characters)
   * @param timeout how long to wait
   * @return the first frame that contains it
   * @throws TimeoutException if no frame did within the timeout; its message shows the screen
   * @throws InterruptedException if the thread was interrupted
   */
  Frame awaitText(String text, Duration timeout) throws TimeoutException, InterruptedException;

  /**
   * What the screen showed at one moment: the video card's memory and registers, copied on the
   * VM's thread. Text and pictures are made from the copy when asked.
   */
  final class Frame {
    private final long version;
    private final int mode;
    private final VgaState state;

    Frame(long version, int mode, VgaState state) {
      this.version = version;
      this.mode = mode;
      this.state = state;
    }

    /**
     * @return a number that grows with each frame the VM publishes
     */
    public long version() {
      return version;
    }

    /**
     * @return the video mode the BIOS set last (the byte at 40:49h), or -1 without the
     *     built-in BIOS
     */
    public int mode() {
      return mode;
    }

    /**
     * @return whether the card shows characters rather than pixels
     */
    public boolean isText() {
      return !state.isGraphics();
    }

    /**
     * @return text columns (in graphics modes, bytes or character clocks per line)
     */
    public int columns() {
      return state.columns();
    }

    /**
     * @return text rows
     */
    public int rows() {
      return state.rows();
    }

    /**
     * @return the cursor's column, or -1 when it is off or outside the screen
     */
    public int cursorColumn() {
      int offset = cursorOffset();
      return offset < 0 ? -1 : offset % columns();
    }

    /**
     * @return the cursor's row, or -1 when it is off or outside the screen
     */
    public int cursorRow() {
      int offset = cursorOffset();
      return offset < 0 ? -1 : offset / columns();
    }

    private int cursorOffset() {
      int cursor = state.cursorAddress();
      if (cursor < 0 || state.isGraphics()) {
        return -1;
      }
      int offset = cursor - state.startAddress();
      return offset >= 0 && offset < columns() * rows() ? offset : -1;
    }

    /**
     * A text row.
     *
     * @param row from 0
     * @return its characters, as many as there are columns, code page 437 glyphs as Unicode
     */
    public String row(int row) {
      checkRow(row);
      return state.row(row);
    }

    /**
     * @return every text row
     */
    public List<String> rowsOfText() {
      List<String> rows = new ArrayList<>();
      for (int r = 0; r < rows(); r++) {
        rows.add(state.row(r));
      }
      return Collections.unmodifiableList(rows);
    }

    /**
     * The text screen as one string: rows without trailing blanks, each ended by a newline.
     *
     * @return the text, empty lines included
     */
    public String text() {
      StringBuilder s = new StringBuilder();
      for (int r = 0; r < rows(); r++) {
        s.append(state.row(r).stripTrailing()).append('\n');
      }
      return s.toString();
    }

    /**
     * @param text a string
     * @return whether a row of the text screen contains it
     */
    public boolean contains(String text) {
      for (int r = 0; r < rows(); r++) {
        if (state.row(r).contains(text)) {
          return true;
        }
      }
      return false;
    }

    /**
     * The character code of a text cell.
     *
     * @param column from 0
     * @param row from 0
     * @return its code page 437 code, 0 to 255
     */
    public int character(int column, int row) {
      checkCell(column, row);
      return state.cell(column, row) & 0xFF;
    }

    /**
     * The attribute of a text cell: foreground colour in bits 0&ndash;3, background in bits
     * 4&ndash;6, blink (or bright background) in bit 7.
     *
     * @param column from 0
     * @param row from 0
     * @return the attribute byte
     */
    public int attribute(int column, int row) {
      checkCell(column, row);
      return state.cell(column, row) >>> 8;
    }

    /**
     * A row with its attributes, for tests and logs: each cell as its character followed by
     * its attribute in two hex digits in braces where the attribute changes, as in {@code
     * "{07}C:\\>{1F}x"}.
     *
     * @param row from 0
     * @return the row with attribute marks
     */
    public String rowWithAttributes(int row) {
      checkRow(row);
      StringBuilder s = new StringBuilder();
      int last = -1;
      for (int c = 0; c < columns(); c++) {
        int cell = state.cell(c, row);
        int attribute = cell >>> 8;
        if (attribute != last) {
          s.append(String.format("{%02X}", attribute));
          last = attribute;
        }
        s.append(Cp437.toChar(cell & 0xFF));
      }
      return s.toString();
    }

    private void checkRow(int row) {
      if (row < 0 || row >= rows()) {
        throw new IndexOutOfBoundsException("row " + row + " of " + rows());
      }
    }

    private void checkCell(int column, int row) {
      checkRow(row);
      if (column < 0 || column >= columns()) {
        throw new IndexOutOfBoundsException("column " + column + " of " + columns());
      }
    }

    /**
     * Renders the screen: text modes at their dot resolution (720&times;400 for 80&times;25),
     * graphics modes at the resolution programs address (320&times;200 for mode 13h).
     *
     * @return a new image
     */
    public BufferedImage image() {
      VgaState.Picture picture = state.render();
      BufferedImage image =
          new BufferedImage(picture.width(), picture.height(), BufferedImage.TYPE_INT_RGB);
      image.setRGB(0, 0, picture.width(), picture.height(), picture.rgb(), 0, picture.width());
      return image;
    }

    /**
     * @return the {@link #image()} as a PNG file
     */
    public byte[] png() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try {
        if (!ImageIO.write(image(), "png", out)) {
          throw new IllegalStateException("no PNG writer in this JDK");
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out.toByteArray();
    }

    @Override
    public String toString() {
      return "Frame " + version + ", mode " + mode + (isText() ? ":\n" + text() : " (graphics)");
    }
  }
}
