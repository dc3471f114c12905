package dev.mvm.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TerminalInputTest {
  private static String through(String typed) throws IOException {
    try (var in = new TerminalInput(
        new ByteArrayInputStream(typed.getBytes(StandardCharsets.ISO_8859_1)))) {
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  void aTerminalsLineFeedBecomesCrLf() throws IOException {
    assertThat(through("yes\nno\n")).isEqualTo("yes\r\nno\r\n");
  }

  @Test
  void crLfAndOtherBytesStayAsTheyAre() throws IOException {
    assertThat(through("a\r\nb\rc\u001A")).isEqualTo("a\r\nb\rc\u001A");
    assertThat(through("")).isEmpty();
  }
}
