package dev.mvm.doskrnl;

import dev.mvm.api.cpu.Registers;
import dev.mvm.api.vdd.GuestMemory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * INT 21h function 44h, IOCTL, as MS-DOS 5 answers it for the kernel's devices and drives:
 *
 * <ul>
 *   <li>00h/01h: the device information word ({@link FileServices#deviceInfo}); 01h sets the
 *       low byte of a device's word (the raw bit 20h among others; DH must be 0, else invalid
 *       data 0Dh) and leaves a file's alone, as MS-DOS does.
 *   <li>02h&ndash;05h: no driver takes control strings: invalid function.
 *   <li>06h/07h: input and output status.
 *   <li>08h: the mapped drives are fixed (AX = 1). 09h: DX = the block driver's attribute word
 *       (08C2h), bit 12 (remote) clear. 0Ah: DX = the handle's flags, bit 15 (remote) clear.
 *   <li>0Bh: the sharing retry count and delay are accepted (a count of 0 is invalid).
 *   <li>0Dh (CH = 08h, disk): 60h get device parameters (a fixed disk with the BPB of the
 *       drive's DPB), 66h get media ID (serial number, "NO NAME", "FAT16"), 67h get access flag
 *       (allowed); the other minor codes, which set or format, are invalid functions.
 *   <li>0Eh/0Fh: one letter per drive (AL = 0). 11h: whether 0Dh supports a code.
 *   <li>0Ch and 10h: no character device takes generic IOCTL: invalid function.
 * </ul>
 *
 * A drive that is not mapped is an invalid drive (0Fh); a handle that is not open an invalid
 * handle (06h).
 */
final class Ioctl {

  /** Generic IOCTL category of disk drives. */
  private static final int DISK = 0x08;

  private final GuestMemory memory;
  private final FileServices fs;
  private final FileTable files;
  private final DosDrives drives;
  private final DosTables tables;

  Ioctl(GuestMemory memory, FileServices fs, FileTable files, DosDrives drives,
      DosTables tables) {
    this.memory = memory;
    this.fs = fs;
    this.files = files;
    this.drives = drives;
    this.tables = tables;
  }

  /** 44h with the subfunction in AL. */
  void call(Registers r, int psp) throws IOException {
    switch (r.al()) {
      case 0x00 -> r.setDx(fs.deviceInfo(psp, r.bx()));
      case 0x01 -> setDeviceInfo(r, psp);
      case 0x02, 0x03, 0x0C, 0x10 -> {
        fs.sftIndex(psp, r.bx());
        throw DosError.INVALID_FUNCTION.failure(String.format(
            "IOCTL %02Xh: no device driver of the kernel takes it", r.al()));
      }
      case 0x04, 0x05 -> {
        drive(r.bl());
        throw DosError.INVALID_FUNCTION.failure("IOCTL control strings for a drive");
      }
      case 0x06 -> r.setAl(fs.ready(psp, r.bx(), true) ? 0xFF : 0x00);
      case 0x07 -> r.setAl(fs.ready(psp, r.bx(), false) ? 0xFF : 0x00);
      case 0x08 -> {
        drive(r.bl());
        r.setAx(1); // fixed
      }
      case 0x09 -> {
        drive(r.bl());
        r.setDx(DosTables.ATTR_DISK); // local: bit 12 clear
      }
      case 0x0A -> r.setDx(fs.deviceInfo(psp, r.bx()) & 0x00FF); // local: bit 15 clear
      case 0x0B -> {
        if (r.dx() == 0) {
          throw DosError.INVALID_FUNCTION.failure("a sharing retry count of 0");
        }
      }
      case 0x0D -> genericBlock(r);
      case 0x0E, 0x0F -> {
        drive(r.bl());
        r.setAl(0); // only one letter is assigned to each drive
      }
      case 0x11 -> {
        drive(r.bl());
        if (r.ch() != DISK || (r.cl() != 0x60 && r.cl() != 0x66 && r.cl() != 0x67)) {
          throw DosError.INVALID_FUNCTION.failure(String.format(
              "generic IOCTL %02Xh/%02Xh is not supported", r.ch(), r.cl()));
        }
        r.setAx(0);
      }
      default -> throw DosError.INVALID_FUNCTION.failure("IOCTL subfunction " + r.al());
    }
    r.setCf(false);
  }

  private void setDeviceInfo(Registers r, int psp) {
    FileTable.Entry e = files.get(fs.sftIndex(psp, r.bx()));
    if ((r.dh() & 0xFE) != 0) {
      throw DosError.INVALID_DATA.failure("4401h with DH=" + r.dh());
    }
    if (e.isDevice()) {
      e.flags = r.dl() | 0x80; // the device bit cannot be cleared
    }
  }

  /** The drive letter of a drive number (0 = default, 1 = A:), if it is mapped. */
  private DosDrives.Drive drive(int number) {
    char letter = number == 0 ? drives.currentLetter() : (char) ('A' + number - 1);
    DosDrives.Drive d = number > 26 ? null : drives.drive(letter);
    if (d == null) {
      throw DosError.INVALID_DRIVE.failure("drive " + number + " is not mapped");
    }
    return d;
  }

  /** 440Dh: generic IOCTL for a drive, CH = category, CL = minor code, DS:DX = parameters. */
  private void genericBlock(Registers r) {
    DosDrives.Drive d = drive(r.bl());
    if (r.ch() != DISK) {
      throw DosError.INVALID_FUNCTION.failure("generic IOCTL category " + r.ch());
    }
    int a = Registers.linear(r.ds(), r.dx());
    switch (r.cl()) {
      case 0x60 -> deviceParameters(a, d);
      case 0x66 -> { // media ID
        memory.writeWord(a, 0);
        memory.writeDword(a + 2, 0x4D564D00 | d.letter); // serial number "MVM" and the letter
        memory.write(a + 6, "NO NAME    FAT16   ".getBytes(StandardCharsets.US_ASCII));
      }
      case 0x67 -> memory.writeByte(a + 1, 1); // access allowed
      default -> throw DosError.INVALID_FUNCTION.failure(String.format(
          "generic IOCTL 08h/%02Xh (only 60h, 66h and 67h are supported)", r.cl()));
    }
  }

  /** 440Dh 60h: a fixed disk and the BPB its DPB describes. */
  private void deviceParameters(int a, DosDrives.Drive d) {
    int clusters = tables.clusters(d.letter);
    int sectorsPerFat = DosTables.sectorsPerFat(clusters);
    long total = 1 + 2L * sectorsPerFat + 32 + (long) clusters * d.sectorsPerCluster;
    int heads = 255;
    int sectorsPerTrack = 63;
    memory.writeByte(a + 0x01, 0x05); // fixed disk
    memory.writeWord(a + 0x02, 0x0001); // not removable
    memory.writeWord(a + 0x04, (int) Math.max(1, Math.min(0xFFFF,
        total / ((long) heads * sectorsPerTrack))));
    memory.writeByte(a + 0x06, 0);
    memory.writeWord(a + 0x07, DosTables.SECTOR);
    memory.writeByte(a + 0x09, d.sectorsPerCluster);
    memory.writeWord(a + 0x0A, 1);
    memory.writeByte(a + 0x0C, 2);
    memory.writeWord(a + 0x0D, 512);
    memory.writeWord(a + 0x0F, total > 0xFFFF ? 0 : (int) total);
    memory.writeByte(a + 0x11, 0xF8);
    memory.writeWord(a + 0x12, sectorsPerFat);
    memory.writeWord(a + 0x14, sectorsPerTrack);
    memory.writeWord(a + 0x16, heads);
    memory.writeDword(a + 0x18, sectorsPerTrack); // hidden sectors: the track before the volume
    memory.writeDword(a + 0x1C, total > 0xFFFF ? (int) total : 0);
    memory.write(a + 0x20, new byte[6]);
  }
}
