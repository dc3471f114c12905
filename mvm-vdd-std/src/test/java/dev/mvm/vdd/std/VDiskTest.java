package dev.mvm.vdd.std;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mvm.api.Personality;
import dev.mvm.api.Vm;
import dev.mvm.api.VmConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** INT 13h of the built-in BIOS over image files, on a fake machine. */
class VDiskTest {
  @TempDir Path dir;
  private FakeContext m;
  private VDisk vdisk;
  private Path floppy;
  private Path hardDisk;

  /** An image whose every sector starts with its LBA as a word. */
  private Path image(String name, int sectors) throws IOException {
    byte[] bytes = new byte[sectors * 512];
    for (int i = 0; i < sectors; i++) {
      bytes[i * 512] = (byte) i;
      bytes[i * 512 + 1] = (byte) (i >>> 8);
      bytes[i * 512 + 511] = (byte) 0x5A;
    }
    Path p = dir.resolve(name);
    Files.write(p, bytes);
    return p;
  }

  private void attach(DiskDrives drives) {
    m = new FakeContext(Vm.builder().personality(Personality.BARE_MACHINE).memoryMiB(2)
        .property(VDisk.DRIVES, drives));
    m.writeWord(0x410, 0x0020); // video bits another VDD set
    vdisk = new VDisk();
    vdisk.attach(m);
    vdisk.reset();
  }

  private void standard(boolean writableHardDisk) throws IOException {
    floppy = image("a.img", 2880);
    hardDisk = image("c.img", 20 * 16 * 63 + 5); // 5 sectors beyond CHS reach
    DiskImage hd = writableHardDisk ? DiskImage.writable(hardDisk) : DiskImage.readOnly(hardDisk);
    attach(DiskDrives.NONE.withFloppy(DiskImage.readOnly(floppy)).withHardDisk(hd));
  }

  @AfterEach
  void detach() {
    if (vdisk != null) {
      vdisk.detach();
    }
  }

  private void int13(int ax, int cx, int dx, int es, int bx) {
    m.regs.setAx(ax);
    m.regs.setCx(cx);
    m.regs.setDx(dx);
    m.regs.setEs(es);
    m.regs.setBx(bx);
    m.interrupt(0x13);
  }

  @Test
  void dataAreaAndEquipmentWordShowTheDrives() throws IOException {
    standard(false);
    assertThat(m.readWord(0x410)).isEqualTo(0x0021);
    assertThat(m.readByte(0x475)).isEqualTo(1);
    int v1e = m.readWord(0x1E * 4 + 2) * 16 + m.readWord(0x1E * 4);
    assertThat(m.readByte(v1e + 4)).as("DPT sectors per track").isEqualTo(18);
    int v41 = m.readWord(0x41 * 4 + 2) * 16 + m.readWord(0x41 * 4);
    assertThat(m.readWord(v41)).as("FDPT cylinders").isEqualTo(20);
    assertThat(m.readByte(v41 + 2)).isEqualTo(16);
    assertThat(m.readByte(v41 + 14)).isEqualTo(63);

    attach(DiskDrives.NONE.withFloppy(DiskImage.readOnly(floppy))
        .withFloppy(DiskImage.readOnly(floppy)));
    assertThat(m.readWord(0x410)).isEqualTo(0x0061);
  }

  @Test
  void readsFloppySectorsByChs() throws IOException {
    standard(false);
    int13(0x0202, 0x0103, 0x0100, 0x1000, 0x0000); // cylinder 1, sector 3, head 1: LBA 56
    assertThat(m.regs.cf()).isFalse();
    assertThat(m.regs.ax()).isEqualTo(0x0002);
    assertThat(m.readWord(0x10000)).isEqualTo(56);
    assertThat(m.readWord(0x10200)).isEqualTo(57);
    assertThat(m.readByte(0x103FF)).isEqualTo(0x5A);
  }

  @Test
  void chsErrorsReportSectorNotFound() throws IOException {
    standard(false);
    int13(0x0201, 0x0000, 0x0000, 0x1000, 0); // sector 0
    assertThat(m.regs.cf()).isTrue();
    assertThat(m.regs.ah()).isEqualTo(0x04);
    assertThat(m.readByte(0x441)).isEqualTo(0x04);
    int13(0x0100, 0, 0x0000, 0, 0);
    assertThat(m.regs.ah()).as("status of the last operation").isEqualTo(0x04);
    assertThat(m.regs.cf()).isTrue();
    int13(0x0201, 0x5001, 0x0000, 0x1000, 0); // cylinder 80
    assertThat(m.regs.ah()).isEqualTo(0x04);
    int13(0x0201, 0x0001, 0x0200, 0x1000, 0); // head 2
    assertThat(m.regs.ah()).isEqualTo(0x04);
    int13(0x0200, 0x0001, 0x0000, 0x1000, 0); // no sectors
    assertThat(m.regs.ah()).isEqualTo(0x01);
  }

  @Test
  void readOnlyImagesRefuseWritesAndStayUnchanged() throws IOException {
    standard(false);
    byte[] before = Files.readAllBytes(hardDisk);
    int13(0x0301, 0x0001, 0x0080, 0x1000, 0);
    assertThat(m.regs.cf()).isTrue();
    assertThat(m.regs.ah()).isEqualTo(0x03);
    assertThat(m.readByte(0x474)).isEqualTo(0x03);
    int13(0x0301, 0x0001, 0x0000, 0x1000, 0);
    assertThat(m.regs.ah()).isEqualTo(0x03);
    vdisk.detach();
    assertThat(Files.readAllBytes(hardDisk)).isEqualTo(before);
  }

  @Test
  void writableImagesReceiveExactlyTheWrittenSectors() throws IOException {
    standard(true);
    for (int i = 0; i < 1024; i++) {
      m.ram[0x20000 + i] = (byte) 0xC3;
    }
    // cylinder 1 (CH=1), head 2, sector 4: LBA (1*16+2)*63+3 = 1137
    int13(0x0302, 0x0104, 0x0280, 0x2000, 0);
    assertThat(m.regs.cf()).isFalse();
    assertThat(m.regs.al()).isEqualTo(2);
    vdisk.detach();
    byte[] file = Files.readAllBytes(hardDisk);
    assertThat(file[1137 * 512]).isEqualTo((byte) 0xC3);
    assertThat(file[1139 * 512 - 1]).isEqualTo((byte) 0xC3);
    assertThat(file[1136 * 512 + 511]).as("the sector before").isEqualTo((byte) 0x5A);
    assertThat(file[1139 * 512]).as("the sector after").isEqualTo((byte) (1139 & 0xFF));
  }

  @Test
  void cylinderHighBitsComeFromCl() throws IOException {
    Path big = image("big.img", 300 * 16 * 63);
    attach(DiskDrives.NONE.withHardDisk(DiskImage.readOnly(big)));
    // cylinder 260 = 104h: CH = 04h, CL bits 6-7 = 01b
    int13(0x0201, 0x0441, 0x0080, 0x1000, 0);
    assertThat(m.regs.cf()).isFalse();
    assertThat(m.readWord(0x10000)).isEqualTo(260 * 16 * 63 & 0xFFFF);
  }

  @Test
  void verifyChecksTheRangeWithoutTransfer() throws IOException {
    standard(false);
    int13(0x0403, 0x0001, 0x0000, 0x1000, 0);
    assertThat(m.regs.cf()).isFalse();
    assertThat(m.regs.al()).isEqualTo(3);
    assertThat(m.readWord(0x10000)).isZero();
  }

  @Test
  void driveParameters() throws IOException {
    standard(false);
    int13(0x0800, 0, 0x0000, 0, 0);
    assertThat(m.regs.cf()).isFalse();
    assertThat(m.regs.bl()).as("1.44M drive").isEqualTo(4);
    assertThat(m.regs.cx()).isEqualTo(79 << 8 | 18);
    assertThat(m.regs.dx()).isEqualTo(0x0101);
    assertThat(m.readByte(m.regs.es() * 16 + m.regs.di() + 4)).isEqualTo(18);
    int13(0x0800, 0, 0x0080, 0, 0);
    assertThat(m.regs.cf()).isFalse();
    assertThat(m.regs.cx()).isEqualTo(19 << 8 | 63);
    assertThat(m.regs.dx()).isEqualTo(15 << 8 | 1);
    int13(0x0800, 0, 0x0081, 0, 0);
    assertThat(m.regs.cf()).isTrue();
    assertThat(m.regs.dl()).as("drive count").isEqualTo(1);
  }

  @Test
  void driveTypesAndChangeLine() throws IOException {
    standard(false);
    int13(0x1500, 0, 0x0000, 0, 0);
    assertThat(m.regs.ah()).isEqualTo(0x02);
    int13(0x1500, 0, 0x0080, 0, 0);
    assertThat(m.regs.ah()).isEqualTo(0x03);
    assertThat(m.regs.cx() << 16 | m.regs.dx()).isEqualTo(20 * 16 * 63);
    int13(0x1500, 0, 0x0001, 0, 0);
    assertThat(m.regs.ah()).isZero();
    assertThat(m.regs.cf()).isFalse();
    int13(0x1600, 0, 0x0000, 0, 0);
    assertThat(m.regs.cf()).isFalse();
    assertThat(m.regs.ah()).isZero();
  }

  @Test
  void missingDrivesAndUnknownFunctions() throws IOException {
    standard(false);
    int13(0x0201, 0x0001, 0x0001, 0x1000, 0);
    assertThat(m.regs.ah()).as("no floppy B:").isEqualTo(0x80);
    int13(0x0201, 0x0001, 0x0081, 0x1000, 0);
    assertThat(m.regs.ah()).isEqualTo(0x01);
    int13(0x5500, 0, 0x0080, 0, 0);
    assertThat(m.regs.cf()).isTrue();
    assertThat(m.regs.ah()).isEqualTo(0x01);
  }

  @Test
  void extensionsReachSectorsBeyondChs() throws IOException {
    standard(true);
    m.regs.setBx(0x55AA);
    m.regs.setAx(0x4100);
    m.regs.setDx(0x0080);
    m.interrupt(0x13);
    assertThat(m.regs.cf()).isFalse();
    assertThat(m.regs.bx()).isEqualTo(0xAA55);
    assertThat(m.regs.cx() & 1).isEqualTo(1);
    m.regs.setBx(0x55AA);
    m.regs.setDx(0x0000);
    m.regs.setAx(0x4100);
    m.interrupt(0x13);
    assertThat(m.regs.cf()).as("no extensions for floppies").isTrue();

    int packet = 0x3000;
    m.ram[packet] = 0x10;
    m.writeWord(packet + 2, 2);
    m.writeWord(packet + 4, 0x0000);
    m.writeWord(packet + 6, 0x4000);
    m.writeWord(packet + 8, 20 * 16 * 63 + 3); // the last two sectors
    m.regs.setDs(0);
    m.regs.setSi(packet);
    m.regs.setAx(0x4200);
    m.regs.setDx(0x0080);
    m.interrupt(0x13);
    assertThat(m.regs.cf()).isFalse();
    assertThat(m.readWord(0x40000)).isEqualTo((20 * 16 * 63 + 3) & 0xFFFF);
    m.writeWord(packet + 2, 3);
    m.regs.setAx(0x4200);
    m.interrupt(0x13);
    assertThat(m.regs.ah()).as("runs off the end").isEqualTo(0x04);
    assertThat(m.readWord(packet + 2)).as("sectors done").isEqualTo(2);

    m.writeWord(packet + 2, 1);
    m.writeWord(packet + 8, 7);
    m.ram[0x40000] = 0x77;
    m.regs.setAx(0x4300);
    m.interrupt(0x13);
    assertThat(m.regs.cf()).isFalse();
    vdisk.detach();
    assertThat(Files.readAllBytes(hardDisk)[7 * 512]).isEqualTo((byte) 0x77);
  }

  @Test
  void extendedParameters() throws IOException {
    standard(false);
    int buffer = 0x5000;
    m.writeWord(buffer, 0x1E);
    m.regs.setDs(0);
    m.regs.setSi(buffer);
    m.regs.setAx(0x4800);
    m.regs.setDx(0x0080);
    m.interrupt(0x13);
    assertThat(m.regs.cf()).isFalse();
    assertThat(m.readWord(buffer)).isEqualTo(0x1A);
    assertThat(m.readWord(buffer + 4)).isEqualTo(20);
    assertThat(m.readWord(buffer + 8)).isEqualTo(16);
    assertThat(m.readWord(buffer + 12)).isEqualTo(63);
    assertThat(m.readWord(buffer + 16)).isEqualTo(20 * 16 * 63 + 5);
    assertThat(m.readWord(buffer + 24)).isEqualTo(512);
  }

  @Test
  void formatFillsAFloppyTrack() throws IOException {
    Path f = image("b.img", 2880);
    attach(DiskDrives.NONE.withFloppy(DiskImage.writable(f)));
    int13(0x0512, 0x0100, 0x0100, 0x1000, 0); // cylinder 1, head 1
    assertThat(m.regs.cf()).isFalse();
    vdisk.detach();
    byte[] file = Files.readAllBytes(f);
    assertThat(file[54 * 512]).isEqualTo((byte) 0xF6);
    assertThat(file[72 * 512 - 1]).isEqualTo((byte) 0xF6);
    assertThat(file[72 * 512]).isEqualTo((byte) 72);
  }

  @Test
  void badImagesFailTheBuild() throws IOException {
    Path odd = image("odd.img", 3);
    assertThatThrownBy(() -> attach(DiskDrives.NONE.withFloppy(DiskImage.readOnly(odd))))
        .isInstanceOf(VmConfigurationException.class).hasMessageContaining("odd.img");
  }

  @Test
  void withoutDrivesOnlyTheServiceIsThere() {
    attach(DiskDrives.NONE);
    assertThat(m.readWord(0x410)).isEqualTo(0x0020);
    int13(0x0201, 0x0001, 0x0000, 0x1000, 0);
    assertThat(m.regs.ah()).isEqualTo(0x80);
  }
}
