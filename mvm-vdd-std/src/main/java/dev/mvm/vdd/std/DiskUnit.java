package dev.mvm.vdd.std;

import dev.mvm.api.VmConfigurationException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/**
 * One disk drive with its image: geometry, CHS to LBA, and sector transfers to and from the
 * file. It knows nothing of INT 13h or of where its data go in the guest.
 */
final class DiskUnit implements Closeable {

  static final int SECTOR = 512;

  /**
   * Floppy formats by image size: bytes, cylinders, heads, sectors per track, and the drive
   * type INT 13h AH=08h reports in BL (1 = 360K, 2 = 1.2M, 3 = 720K, 4 = 1.44M, 6 = 2.88M).
   */
  private static final int[][] FLOPPY_FORMATS = {
    {163_840, 40, 1, 8, 1},
    {184_320, 40, 1, 9, 1},
    {327_680, 40, 2, 8, 1},
    {368_640, 40, 2, 9, 1},
    {737_280, 80, 2, 9, 3},
    {1_228_800, 80, 2, 15, 2},
    {1_474_560, 80, 2, 18, 4},
    {2_949_120, 80, 2, 36, 6},
  };

  final boolean floppy;
  final boolean writable;
  final int cylinders;
  final int heads;
  final int sectorsPerTrack;
  /** Sectors the image holds (a hard disk's may exceed its CHS geometry: LBA reaches them). */
  final long totalSectors;
  /** The BIOS drive type of a floppy, 0 for a hard disk. */
  final int floppyType;
  private final String name;
  private final FileChannel file;

  private DiskUnit(DiskImage image, boolean floppy, FileChannel file, long size,
      DiskImage.Geometry geometry, int floppyType) {
    this.floppy = floppy;
    this.writable = image.writable();
    this.name = image.path().toString();
    this.file = file;
    this.cylinders = geometry.cylinders();
    this.heads = geometry.heads();
    this.sectorsPerTrack = geometry.sectorsPerTrack();
    this.totalSectors = floppy ? geometry.sectors() : size / SECTOR;
    this.floppyType = floppyType;
  }

  /**
   * Opens an image.
   *
   * @param image the image
   * @param floppy whether it goes into a floppy drive
   * @return the drive
   * @throws VmConfigurationException if the file cannot be opened or its size fits no geometry
   */
  static DiskUnit open(DiskImage image, boolean floppy) {
    return open(image, floppy, VDisk.ID);
  }

  /**
   * Opens an image for a VDD.
   *
   * @param image the image
   * @param floppy whether it goes into a floppy drive
   * @param vddId the VDD that opens it, for messages
   * @return the drive
   * @throws VmConfigurationException if the file cannot be opened or its size fits no geometry
   */
  static DiskUnit open(DiskImage image, boolean floppy, String vddId) {
    FileChannel file;
    long size;
    try {
      file = image.writable()
          ? FileChannel.open(image.path(), StandardOpenOption.READ, StandardOpenOption.WRITE)
          : FileChannel.open(image.path(), StandardOpenOption.READ);
      size = file.size();
    } catch (IOException | RuntimeException e) {
      throw new VmConfigurationException("VDD " + vddId + ": cannot open disk image "
          + image.path() + (image.writable() ? " for writing" : "") + ": " + e);
    }
    try {
      DiskImage.Geometry given = image.geometry();
      if (floppy) {
        return openFloppy(image, file, size, given, vddId);
      }
      DiskImage.Geometry geometry = given != null ? given : hardDiskGeometry(size / SECTOR);
      if (geometry.sectors() > size / SECTOR) {
        throw new VmConfigurationException("VDD " + vddId + ": hard-disk image " + image.path()
            + " has " + size / SECTOR + " sectors, fewer than its geometry's " + geometry.sectors());
      }
      return new DiskUnit(image, false, file, size, geometry, 0);
    } catch (RuntimeException e) {
      try {
        file.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private static DiskUnit openFloppy(DiskImage image, FileChannel file, long size,
      DiskImage.@Nullable Geometry given, String vddId) {
    if (given != null) {
      if (given.sectors() * SECTOR > size) {
        throw new VmConfigurationException("VDD " + vddId + ": floppy image " + image.path()
            + " has " + size + " bytes, fewer than its geometry's " + given.sectors() * SECTOR);
      }
      int spt = given.sectorsPerTrack();
      int type = spt <= 9 ? (given.cylinders() <= 40 ? 1 : 3) : spt <= 15 ? 2 : spt <= 18 ? 4 : 6;
      return new DiskUnit(image, true, file, size, given, type);
    }
    for (int[] f : FLOPPY_FORMATS) {
      if (f[0] == size) {
        return new DiskUnit(image, true, file, size, new DiskImage.Geometry(f[1], f[2], f[3]), f[4]);
      }
    }
    throw new VmConfigurationException("VDD " + vddId + ": floppy image " + image.path()
        + " has " + size + " bytes, no floppy format's size (160K, 180K, 320K, 360K, 720K, 1.2M,"
        + " 1.44M, 2.88M); give its geometry");
  }

  /**
   * The drive type a PC's CMOS byte 10h gives for a floppy image, from its geometry or its size,
   * without opening it: 1 for 5.25-inch double density (160K to 360K), 2 for 1.2M, 3 for 720K, 4
   * for 1.44M, 5 for 2.88M.
   *
   * @param image a floppy image
   * @return its CMOS drive type, or 0 if it cannot be read or fits no format (opening it then
   *     fails with the reason)
   */
  static int cmosFloppyType(DiskImage image) {
    DiskImage.Geometry given = image.geometry();
    int biosType = 0;
    if (given != null) {
      int spt = given.sectorsPerTrack();
      biosType = spt <= 9 ? (given.cylinders() <= 40 ? 1 : 3) : spt <= 15 ? 2 : spt <= 18 ? 4 : 6;
    } else {
      long size;
      try {
        size = java.nio.file.Files.size(image.path());
      } catch (IOException | RuntimeException e) {
        return 0;
      }
      for (int[] f : FLOPPY_FORMATS) {
        if (f[0] == size) {
          biosType = f[4];
        }
      }
    }
    return biosType == 6 ? 5 : biosType; // INT 13h says 6 for 2.88M, the CMOS 5
  }

  /** The usual translation: 63 sectors, the fewest heads that keep 1024 cylinders or fewer. */
  static DiskImage.Geometry hardDiskGeometry(long sectors) {
    if (sectors < 16 * 63) {
      int spt = (int) Math.max(1, Math.min(sectors, 63));
      return new DiskImage.Geometry((int) Math.max(1, sectors / spt), 1, spt);
    }
    int heads = 16;
    for (int h : new int[] {16, 32, 64, 128, 255}) {
      heads = h;
      if (sectors / (h * 63L) <= 1024) {
        break;
      }
    }
    int cylinders = (int) Math.min(sectors / (heads * 63L), 1024);
    return new DiskImage.Geometry(cylinders, heads, 63);
  }

  /**
   * Returns its logical block address, or -1 when the geometry has no such sector.
   *
   * @param cylinder a cylinder
   * @param head a head
   * @param sector a sector, from 1
   * @return its logical block address, or -1 when the geometry has no such sector
   */
  long lba(int cylinder, int head, int sector) {
    if (cylinder >= cylinders || head >= heads || sector < 1 || sector > sectorsPerTrack) {
      return -1;
    }
    return ((long) cylinder * heads + head) * sectorsPerTrack + sector - 1;
  }

  /** Returns the sectors CHS addressing reaches. */
  long chsSectors() {
    return (long) cylinders * heads * sectorsPerTrack;
  }

  /**
   * Reads whole sectors.
   *
   * @param lba the first sector
   * @param count how many
   * @return their bytes
   * @throws IOException if the file cannot be read
   */
  byte[] read(long lba, int count) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(count * SECTOR);
    long position = lba * SECTOR;
    while (buffer.hasRemaining()) {
      int n = file.read(buffer, position + buffer.position());
      if (n < 0) {
        break; // past the end of a file with a partial last sector: zeros
      }
    }
    return buffer.array();
  }

  /**
   * Writes whole sectors.
   *
   * @param lba the first sector
   * @param data the bytes, a multiple of 512
   * @throws IOException if the file cannot be written
   */
  void write(long lba, byte[] data) throws IOException {
    if (!writable) {
      throw new IOException("disk image " + name + " is read-only");
    }
    ByteBuffer buffer = ByteBuffer.wrap(data);
    long position = lba * SECTOR;
    while (buffer.hasRemaining()) {
      file.write(buffer, position + buffer.position());
    }
  }

  @Override
  public void close() throws IOException {
    file.close();
  }

  @Override
  public String toString() {
    return name;
  }
}
