package dev.mvm.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvm.samples.embed.EmbedDos;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo program the README starts with draws the Mandelbrot set. */
class DemoTest {
  @TempDir Path folder;

  @Test
  void mandelDrawsTheMandelbrotSet() throws Exception {
    Files.copy(Path.of("dos", "mandel.com"), folder.resolve("MANDEL.COM"));
    EmbedDos.Result result = EmbedDos.run(folder, "MANDEL.COM");
    assertThat(result.exitCode()).isZero();
    // mandel.txt was computed on the host with the program's fixed-point algorithm.
    assertThat(result.output()).isEqualTo(expected("mandel.txt").replace("\n", "\r\n"));
  }

  @Test
  void mandelIsSymmetricAboutTheRealAxis() throws Exception {
    Files.copy(Path.of("dos", "mandel.com"), folder.resolve("MANDEL.COM"));
    List<String> lines = EmbedDos.run(folder, "MANDEL.COM").output().lines().toList();
    assertThat(lines).hasSize(23 + 1);
    List<String> picture = lines.subList(0, 23);
    assertThat(picture).allSatisfy(row -> assertThat(row).hasSize(78));
    for (int row = 0; row < 11; row++) {
      assertThat(picture.get(row)).as("row %d", row).isEqualTo(picture.get(22 - row));
    }
    // The real axis lies in the set from -2 to 1/4: the needle, the bulb and the cardioid.
    // Column c is x = -2.125 + c * 140/4096: columns 4 (-1.99) to 69 (0.23) are inside, 3
    // (-2.02) and 70 (0.27) outside.
    String axis = picture.get(11);
    assertThat(axis.substring(4, 70)).matches("@+");
    assertThat(axis.charAt(3)).isNotEqualTo('@');
    assertThat(axis.charAt(70)).isNotEqualTo('@');
    assertThat(picture.get(0)).doesNotContain("@");
    assertThat(lines.get(23)).startsWith("The Mandelbrot set");
  }

  private String expected(String resource) throws IOException {
    try (InputStream in = getClass().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
