package dev.mvm.samples.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvm.api.ExitReason;
import dev.mvm.api.ExitStatus;
import dev.mvm.api.Vm;
import dev.mvm.api.VmExecution;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The terminal shows the text screen with ANSI sequences and types its input into the VM. */
class TerminalScreenTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String CSI = "\u001B[";

  @TempDir Path drive;

  @Test
  void drawsTheTextScreenAndTypesWhatTheUserEnters() throws Exception {
    String program = Programs.copy("keyshow.com", drive);
    var terminal = new Terminal();
    try (var keys = new PipedOutputStream();
        var in = new PipedInputStream(keys);
        Vm vm = Vm.builder().drive('C', drive).program(program).timeout(WAIT).build()) {
      VmExecution run = vm.start();
      try (TerminalScreen screen = TerminalScreen.start(vm, terminal.out(), in)) {
        // The prompt is drawn while the program waits, before there is any input.
        terminal.awaitText("Press a key: ");
        assertThat(run.isDone()).isFalse();
        keys.write('y');
        keys.flush();
        ExitStatus status = run.await(WAIT).orElseThrow();
        assertThat(status.reason()).as(status.message()).isEqualTo(ExitReason.PROGRAM_EXIT);
        assertThat(status.exitCode()).isEqualTo('y');
      }
      String drawn = terminal.text();
      // The first drawing clears the terminal; every drawing starts at the top left corner.
      assertThat(drawn).startsWith(CSI + "0m" + CSI + "2J" + CSI + "0m" + CSI + "H");
      // Rows in their colours: 1Eh is yellow (bright brown) on blue, 4Fh bright white on red,
      // 0Ah bright green on black, 07h the light grey on black DOS writes with.
      assertThat(drawn)
          .contains(CSI + "93;44m MVM screen test " + CSI + "37;40m")
          .contains(CSI + "97;41m white on red " + CSI + "37;40m")
          .contains(CSI + "92;40m green on black ")
          .contains(CSI + "37;40mPress a key: ")
          // The final drawing, after close, has the answer, the cursor on the row below it
          // (row 6, column 1), then goes below the screen's 25 rows.
          .contains("You pressed y")
          .endsWith(CSI + "6;1H" + CSI + "25;1H\r\n");
    }
  }

  @Test
  void typesEnterForCarriageReturnAndLineFeed() throws Exception {
    String program = Programs.copy("keyshow.com", drive);
    var terminal = new Terminal();
    try (Vm vm = Vm.builder().drive('C', drive).program(program).timeout(WAIT).build()) {
      var in = new ByteArrayInputStream("\r\n".getBytes(StandardCharsets.US_ASCII));
      VmExecution run = vm.start();
      try (TerminalScreen screen = TerminalScreen.start(vm, terminal.out(), in)) {
        ExitStatus status = run.await(WAIT).orElseThrow();
        assertThat(status.reason()).as(status.message()).isEqualTo(ExitReason.PROGRAM_EXIT);
        assertThat(status.exitCode()).isEqualTo('\r');
      }
    }
  }

  @Test
  void aGraphicsModeIsOneLineOfNotice() throws Exception {
    String program = Programs.copy("bars.com", drive);
    var terminal = new Terminal();
    try (Vm vm = Vm.builder().drive('C', drive).program(program).timeout(WAIT).build()) {
      var in = new ByteArrayInputStream("z".getBytes(StandardCharsets.US_ASCII));
      VmExecution run = vm.start();
      try (TerminalScreen screen = TerminalScreen.start(vm, terminal.out(), in)) {
        ExitStatus status = run.await(WAIT).orElseThrow();
        assertThat(status.exitCode()).as(status.message()).isEqualTo('z');
      }
      // The switch from text clears the terminal; closing draws the notice once more.
      String notice =
          CSI + "H[the screen is in graphics mode 13h, which a terminal cannot show]\r\n";
      assertThat(terminal.text()).contains(CSI + "0m" + CSI + "2J" + notice).endsWith(notice);
    }
  }

  @Test
  void closeIsIdempotent() throws Exception {
    String program = Programs.copy("keyshow.com", drive);
    var terminal = new Terminal();
    try (Vm vm = Vm.builder().drive('C', drive).program(program).build()) {
      TerminalScreen screen =
          TerminalScreen.start(vm, terminal.out(), new ByteArrayInputStream(new byte[0]));
      screen.close();
      int length = terminal.text().length();
      screen.close();
      assertThat(terminal.text()).hasSize(length);
    }
  }

  /** What the terminal was sent, with a wait for text that wakes on each write. */
  private static final class Terminal extends ByteArrayOutputStream {
    private final PrintStream out = new PrintStream(this, true, StandardCharsets.UTF_8);

    PrintStream out() {
      return out;
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      super.write(b, off, len);
      notifyAll();
    }

    @Override
    public synchronized void write(int b) {
      super.write(b);
      notifyAll();
    }

    synchronized String text() {
      return toString(StandardCharsets.UTF_8);
    }

    synchronized void awaitText(String text) throws InterruptedException, TimeoutException {
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (!text().contains(text)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new TimeoutException("the terminal did not show \"" + text + "\":\n" + text());
        }
        wait(left / 1_000_000 + 1);
      }
    }
  }
}
