package dev.mvm.vdd.std;

import java.util.ArrayList;
import java.util.List;

/**
 * The disk images a VM's drives hold, for {@link VDisk#DRIVES}: floppy drives 00h and 01h (A:
 * and B:) and hard disks 80h to 83h, in order.
 *
 * <pre>{@code
 * builder.property(VDisk.DRIVES, DiskDrives.NONE.withFloppy(DiskImage.readOnly(boot)));
 * }</pre>
 *
 * @param floppies up to two floppy images
 * @param hardDisks up to four hard-disk images
 */
public record DiskDrives(List<DiskImage> floppies, List<DiskImage> hardDisks) {

  /** No drives at all: the default. */
  public static final DiskDrives NONE = new DiskDrives(List.of(), List.of());

  /**
   * Copies the lists and checks their sizes.
   *
   * @throws IllegalArgumentException with more than two floppies or four hard disks
   */
  public DiskDrives {
    floppies = List.copyOf(floppies);
    hardDisks = List.copyOf(hardDisks);
    if (floppies.size() > 2) {
      throw new IllegalArgumentException("at most 2 floppy drives, not " + floppies.size());
    }
    if (hardDisks.size() > 4) {
      throw new IllegalArgumentException("at most 4 hard disks, not " + hardDisks.size());
    }
  }

  /**
   * Returns these drives and one more floppy.
   *
   * @param image the image for the next floppy drive
   * @return these drives and one more floppy
   */
  public DiskDrives withFloppy(DiskImage image) {
    List<DiskImage> more = new ArrayList<>(floppies);
    more.add(image);
    return new DiskDrives(more, hardDisks);
  }

  /**
   * Returns these drives and one more hard disk.
   *
   * @param image the image for the next hard disk
   * @return these drives and one more hard disk
   */
  public DiskDrives withHardDisk(DiskImage image) {
    List<DiskImage> more = new ArrayList<>(hardDisks);
    more.add(image);
    return new DiskDrives(floppies, more);
  }
}
