package dev.mvm.samples;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Input typed at a terminal, for a DOS program: the terminal ends a line with LF where DOS's
 * keyboard gives CR and DOS text has CR LF, so each LF not already after a CR becomes CR LF.
 * Without it, a program's line input (INT 21h 0Ah) would wait for a CR that never comes.
 */
final class TerminalInput extends FilterInputStream {
  private int previous = -1;
  private boolean lineFeedOwed;

  TerminalInput(InputStream in) {
    super(in);
  }

  @Override
  public int read() throws IOException {
    if (lineFeedOwed) {
      lineFeedOwed = false;
      return previous = '\n';
    }
    int c = super.read();
    if (c == '\n' && previous != '\r') {
      lineFeedOwed = true;
      c = '\r';
    }
    return previous = c;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    int c = read();
    if (c < 0) {
      return -1;
    }
    buffer[offset] = (byte) c;
    return 1;
  }

  @Override
  public int available() throws IOException {
    return lineFeedOwed ? 1 : super.available();
  }

  @Override
  public boolean markSupported() {
    return false;
  }
}
