package dev.mvm.api;

import java.util.Arrays;

/**
 * The firmware a VM starts with: the built-in BIOS, whose services the standard VDDs provide,
 * or a BIOS image such as SeaBIOS.
 */
public sealed interface Firmware permits Firmware.BuiltIn, Firmware.Image {

  /** The built-in BIOS: a ROM the monitor builds, with the services of the standard VDDs. */
  record BuiltIn() implements Firmware {}

  /**
   * A BIOS image. It is mapped just below 4 GiB, and its last 128 KiB (or all of a smaller
   * image) also at the top of the first MiB as writable RAM initialised with the image, as
   * QEMU's ISA machine does; execution starts at F000:FFF0.
   *
   * @param bytes the image: 64, 128 or 256 KiB
   * @param source where it came from, for messages (a path, or {@code "bytes"})
   */
  record Image(byte[] bytes, String source) implements Firmware {

    /** Sizes a BIOS image may have. */
    private static final int[] SIZES = {64 * 1024, 128 * 1024, 256 * 1024};

    /**
     * Checks the size and keeps a copy of the bytes.
     *
     * @throws VmConfigurationException if the image is not 64, 128 or 256 KiB
     */
    public Image {
      int length = bytes.length;
      if (Arrays.stream(SIZES).noneMatch(s -> s == length)) {
        throw new VmConfigurationException(
            "BIOS image " + source + " must be 64, 128 or 256 KiB: " + bytes.length + " bytes");
      }
      bytes = bytes.clone();
    }

    /**
     * @return a copy of the image
     */
    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    /**
     * @return the image size in bytes
     */
    public int size() {
      return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Image i && Arrays.equals(bytes, i.bytes) && source.equals(i.source);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes) * 31 + source.hashCode();
    }

    @Override
    public String toString() {
      return "Image[" + source + ", " + bytes.length + " bytes]";
    }
  }
}
