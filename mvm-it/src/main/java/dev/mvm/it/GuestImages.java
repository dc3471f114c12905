package dev.mvm.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The assembled guest programs kept beside their nasm sources in the test resources. */
public final class GuestImages {
  private GuestImages() {}

  /**
   * Loads an assembled guest program.
   *
   * @param name the file name, for example {@code tinybios.bin}
   * @return its bytes
   * @throws UncheckedIOException if it is missing
   */
  public static byte[] load(String name) {
    try (InputStream in = GuestImages.class.getResourceAsStream("/guest/" + name)) {
      if (in == null) {
        throw new UncheckedIOException(new IOException("no guest program " + name));
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
