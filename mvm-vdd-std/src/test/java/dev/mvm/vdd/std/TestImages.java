package dev.mvm.vdd.std;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Disk images for the disk and floppy tests. */
final class TestImages {

  private TestImages() {}

  /**
   * Writes an image whose every sector starts with its LBA as a word and ends with 5Ah, so
   * that a test can tell which sector it read.
   *
   * @param dir the folder
   * @param name the file name
   * @param sectors how many 512-byte sectors
   * @return the image file
   */
  static Path numbered(Path dir, String name, int sectors) throws IOException {
    byte[] bytes = new byte[sectors * 512];
    for (int i = 0; i < sectors; i++) {
      bytes[i * 512] = (byte) i;
      bytes[i * 512 + 1] = (byte) (i >>> 8);
      bytes[i * 512 + 511] = (byte) 0x5A;
    }
    return Files.write(dir.resolve(name), bytes);
  }
}
