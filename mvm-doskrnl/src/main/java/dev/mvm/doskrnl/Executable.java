package dev.mvm.doskrnl;

import java.util.Arrays;

/**
 * A program file as EXEC sees it: a flat .COM image, or an MZ .EXE with its header and
 * relocation table. Parsing checks everything the loader will rely on, so that a malformed
 * file is refused with the error MS-DOS gives (11, invalid format) before anything is loaded.
 *
 * <p>As MS-DOS does, a file is an .EXE when it starts with {@code MZ} (or {@code ZM}) and is
 * long enough for the header; anything else, whatever its extension, is loaded as a .COM.
 * Unlike MS-DOS, a relocation table that runs past the end of the file is refused rather than
 * applied with whatever bytes follow.
 */
sealed interface Executable permits Executable.Com, Executable.Mz {

  /** The size of the formatted part of an MZ header. */
  int MZ_HEADER = 0x1C;

  /**
   * A .COM image: loaded at PSP:0100h as it is.
   *
   * @param image the whole file
   */
  record Com(byte[] image) implements Executable {}

  /**
   * An MZ executable.
   *
   * @param image the load module: the file after the header, as long as the header says
   * @param relocations pairs of (offset, segment) of the words to relocate, relative to the
   *     load module
   * @param minExtra paragraphs needed beyond the image (e_minalloc)
   * @param maxExtra paragraphs wanted beyond the image (e_maxalloc)
   * @param ss initial SS relative to the load segment
   * @param sp initial SP
   * @param cs initial CS relative to the load segment
   * @param ip initial IP
   */
  record Mz(byte[] image, int[] relocations, int minExtra, int maxExtra, int ss, int sp, int cs,
      int ip) implements Executable {

    /** Paragraphs the load module occupies. */
    int imageParagraphs() {
      return (image.length + 15) >>> 4;
    }
  }

  /**
   * Parses a program file.
   *
   * @param file the file's bytes
   * @param name its name, for messages
   * @return the program
   * @throws DosFailure invalid format (11) for an empty file or a malformed MZ header
   */
  static Executable parse(byte[] file, String name) {
    if (file.length == 0) {
      throw DosError.INVALID_FORMAT.failure(name + " is empty");
    }
    boolean mz = file.length >= MZ_HEADER
        && (file[0] == 'M' && file[1] == 'Z' || file[0] == 'Z' && file[1] == 'M');
    if (!mz) {
      return new Com(file);
    }
    int lastPageBytes = word(file, 0x02);
    int pages = word(file, 0x04);
    int relocationCount = word(file, 0x06);
    int headerParagraphs = word(file, 0x08);
    int headerBytes = headerParagraphs * 16;
    int relocationTable = word(file, 0x18);
    long fileSize = pages * 512L - (lastPageBytes == 0 ? 0 : 512 - (lastPageBytes & 0x1FF));
    if (pages == 0 || lastPageBytes > 512) {
      throw DosError.INVALID_FORMAT.failure(
          name + ": header gives " + pages + " pages with " + lastPageBytes + " bytes in the last");
    }
    if (headerBytes < MZ_HEADER || headerBytes > fileSize) {
      throw DosError.INVALID_FORMAT.failure(
          name + ": header of " + headerBytes + " bytes in a module of " + fileSize);
    }
    if (fileSize > file.length) {
      throw DosError.INVALID_FORMAT.failure(name + ": header says " + fileSize
          + " bytes, the file has " + file.length);
    }
    long tableEnd = relocationTable + relocationCount * 4L;
    if (relocationCount > 0 && (relocationTable < MZ_HEADER || tableEnd > file.length)) {
      throw DosError.INVALID_FORMAT.failure(name + ": relocation table of " + relocationCount
          + " entries at " + relocationTable + " runs past the end of the file ("
          + file.length + " bytes)");
    }
    int[] relocations = new int[relocationCount * 2];
    for (int i = 0; i < relocationCount; i++) {
      relocations[2 * i] = word(file, relocationTable + 4 * i);
      relocations[2 * i + 1] = word(file, relocationTable + 4 * i + 2);
    }
    byte[] image = Arrays.copyOfRange(file, headerBytes, (int) fileSize);
    return new Mz(image, relocations, word(file, 0x0A), word(file, 0x0C), word(file, 0x0E),
        word(file, 0x10), word(file, 0x16), word(file, 0x14));
  }

  private static int word(byte[] b, int at) {
    return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
  }
}
