package dev.mvm.samples.screen;

import dev.mvm.api.ExitReason;
import dev.mvm.api.ExitStatus;
import dev.mvm.api.Vm;
import dev.mvm.vdd.std.Screen;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Run a DOS program that draws, and keep what it left on the screen as a PNG picture. The VM is
 * given no host streams, so the program's console is the VM's own display: what it writes or
 * draws lands in the VGA's memory, and the VGA's {@link Screen} renders that memory as a monitor
 * would show it. It needs {@code dev.mvm:mvm-doskrnl}, and {@code dev.mvm:mvm-vdd-std} (which
 * the kernel brings only at run time) to compile against {@code Screen}; a module adds {@code
 * requires dev.mvm.vdd.std}.
 *
 * <pre>{@code
 * ScreenShot.Picture picture = ScreenShot.take(Path.of("dos"), "PALETTE.COM");
 * System.out.printf("mode %02Xh%n", picture.mode());
 * picture.write(Path.of("palette.png"));
 * }</pre>
 */
public final class ScreenShot {

  /** The screen as the program left it. */
  public static final class Picture {
    private final int exitCode;
    private final int mode;
    private final byte[] png;

    private Picture(int exitCode, int mode, byte[] png) {
      this.exitCode = exitCode;
      this.mode = mode;
      this.png = png;
    }

    /**
     * The program's return code.
     *
     * @return the code, 0 to 255
     */
    public int exitCode() {
      return exitCode;
    }

    /**
     * The video mode the program left.
     *
     * @return the mode number, such as {@code 0x13} for 320&times;200 in 256 colours or {@code
     *     0x03} for 80&times;25 text
     */
    public int mode() {
      return mode;
    }

    /**
     * The picture, at the resolution of the mode (720&times;400 for 80&times;25 text).
     *
     * @return a PNG file
     */
    public byte[] png() {
      return png.clone();
    }

    /**
     * Saves the picture.
     *
     * @param file where to write the PNG file; an existing file is replaced
     * @throws IOException if the file could not be written
     */
    public void write(Path file) throws IOException {
      Files.write(file, png);
    }
  }

  private ScreenShot() {}

  /**
   * Runs a program to its end and takes a picture of the screen it leaves.
   *
   * @param folder the host folder that becomes drive C:
   * @param program the program's name in that folder
   * @param arguments its command tail
   * @return its exit code, the video mode and the picture
   * @throws IllegalStateException if the program did not end by itself within 30 seconds
   */
  public static Picture take(Path folder, String program, String... arguments) {
    try (Vm vm = Vm.builder()
        .drive('C', folder)
        .program("C:\\" + program, arguments)
        .timeout(Duration.ofSeconds(30))
        .build()) {
      ExitStatus status = vm.run();
      if (status.reason() != ExitReason.PROGRAM_EXIT) {
        throw new IllegalStateException(program + " did not finish: " + status.message(),
            status.cause());
      }
      Screen screen = vm.device(Screen.class)
          .orElseThrow(() -> new IllegalStateException("the VM has no screen"));
      // The video card publishes a frame at the end of every run, so this is the last picture.
      Screen.Frame frame = screen.frame();
      return new Picture(status.exitCode(), frame.mode(), frame.png());
    }
  }
}
