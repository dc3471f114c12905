package dev.mvm.vdd.std;

import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A disk image file for {@link VDisk}: where it is, whether the guest may write to it, and
 * optionally its geometry. Without a geometry, a floppy's comes from the image's size (160K,
 * 180K, 320K, 360K, 720K, 1.2M, 1.44M, 2.88M) and a hard disk's is the usual translation for
 * its size: 63 sectors a track, and the fewest heads (16, 32, 64, 128 or 255) that keep the
 * cylinders at 1024 or fewer.
 *
 * <pre>{@code
 * Vm vm = Vm.builder().personality(Personality.BARE_MACHINE)
 *     .property(VDisk.DRIVES, DiskDrives.NONE
 *         .withFloppy(DiskImage.readOnly(Path.of("dos622.img")))
 *         .withHardDisk(DiskImage.writable(Path.of("c.img")).withGeometry(520, 16, 63)))
 *     .build();
 * }</pre>
 *
 * @param path the image file; it must exist
 * @param writable whether the guest's writes reach the file (otherwise they fail with the BIOS's
 *     "write-protected" status and nothing is written)
 * @param geometry cylinders, heads and sectors per track, or null to derive them from the size
 */
public record DiskImage(Path path, boolean writable, @Nullable Geometry geometry) {

  /**
   * A disk's geometry as the BIOS reports it.
   *
   * @param cylinders 1 to 1024 (up to 255 for floppies)
   * @param heads 1 to 255
   * @param sectorsPerTrack 1 to 63
   */
  public record Geometry(int cylinders, int heads, int sectorsPerTrack) {
    /**
     * Checks the ranges.
     *
     * @throws IllegalArgumentException if a value is outside what INT 13h can address
     */
    public Geometry {
      if (cylinders < 1 || cylinders > 1024 || heads < 1 || heads > 255
          || sectorsPerTrack < 1 || sectorsPerTrack > 63) {
        throw new IllegalArgumentException("geometry out of INT 13h range (1-1024 cylinders, 1-255"
            + " heads, 1-63 sectors): " + cylinders + "/" + heads + "/" + sectorsPerTrack);
      }
    }

    /** Returns cylinders &times; heads &times; sectors per track. */
    public long sectors() {
      return (long) cylinders * heads * sectorsPerTrack;
    }
  }

  /** Checks that there is a path. */
  public DiskImage {
    Objects.requireNonNull(path, "path");
  }

  /**
   * Returns a read-only image whose geometry comes from its size.
   *
   * @param path the image file
   * @return a read-only image whose geometry comes from its size
   */
  public static DiskImage readOnly(Path path) {
    return new DiskImage(path, false, null);
  }

  /**
   * Returns a writable image whose geometry comes from its size.
   *
   * @param path the image file
   * @return a writable image whose geometry comes from its size
   */
  public static DiskImage writable(Path path) {
    return new DiskImage(path, true, null);
  }

  /**
   * Returns this image with the given geometry.
   *
   * @param cylinders cylinders
   * @param heads heads
   * @param sectorsPerTrack sectors per track
   * @return this image with the given geometry
   */
  public DiskImage withGeometry(int cylinders, int heads, int sectorsPerTrack) {
    return new DiskImage(path, writable, new Geometry(cylinders, heads, sectorsPerTrack));
  }
}
