package dev.mvm.samples.window;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The guest programs of these tests, kept as resources beside their nasm sources. */
final class Programs {
  private Programs() {}

  /**
   * Copies a program to a drive's folder.
   *
   * @param name its name under {@code programs/}, such as {@code keyshow.com}
   * @param drive the folder of drive C:
   * @return its name in DOS, to run as {@code C:\NAME}
   */
  static String copy(String name, Path drive) throws IOException {
    try (InputStream in = Programs.class.getResourceAsStream("/programs/" + name)) {
      if (in == null) {
        throw new IllegalStateException("test resource programs/" + name + " is missing");
      }
      String dosName = name.toUpperCase(Locale.ROOT);
      Files.copy(in, drive.resolve(dosName));
      return "C:\\" + dosName;
    }
  }
}
