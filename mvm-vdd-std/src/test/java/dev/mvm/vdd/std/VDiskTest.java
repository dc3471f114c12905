package dev.mvm.vdd.std;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mvm.api.VmConfigurationException;
import dev.mvm.api.cpu.CpuModel;
import dev.mvm.testkit.EmbeddedMachine;
import dev.mvm.testkit.VddTestKit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * INT 13h of the built-in BIOS over image files, called by guest snippets on a real CPU in the
 * real monitor ({@link BiosCalls}); VVIDEO is there for the equipment bits it owns.
 */
class VDiskTest {
  @TempDir Path dir;
  private EmbeddedMachine m;
  private Path floppy;
  private Path hardDisk;

  private Path image(String name, int sectors) throws IOException {
    return TestImages.numbered(dir, name, sectors);
  }

  private void attach(DiskDrives drives) {
    close();
    m = VddTestKit.embed(new VVideo(), new VDisk()).property(VDisk.DRIVES, drives)
        .memoryKiB(2048).builtInBios().withCpu(CpuModel.I8086).start();
  }

  /** Runs the calls and returns each one's result. */
  private BiosCalls.Result[] run(BiosCalls calls, int count) {
    calls.run(m);
    BiosCalls.Result[] results = new BiosCalls.Result[count];
    for (int i = 0; i < count; i++) {
      results[i] = BiosCalls.result(m, i);
    }
    return results;
  }

  /** One INT 13h call, run at once. */
  private BiosCalls.Result int13(int ax, int cx, int dx, int es, int bx) {
    BiosCalls calls = new BiosCalls();
    calls.call(0x13, ax, bx, cx, dx, es);
    return run(calls, 1)[0];
  }

  private void standard(boolean writableHardDisk) throws IOException {
    floppy = image("a.img", 2880);
    hardDisk = image("c.img", 20 * 16 * 63 + 5); // 5 sectors beyond CHS reach
    DiskImage hd = writableHardDisk ? DiskImage.writable(hardDisk) : DiskImage.readOnly(hardDisk);
    attach(DiskDrives.NONE.withFloppy(DiskImage.readOnly(floppy)).withHardDisk(hd));
  }

  @AfterEach
  void close() {
    if (m != null) {
      m.close(); // detaches VDISK, which flushes and closes the images
      m = null;
    }
  }

  @Test
  void dataAreaAndEquipmentWordShowTheDrives() throws IOException {
    standard(false);
    assertThat(m.peekw(0x410)).isEqualTo(0x0021);
    assertThat(m.peekb(0x475)).isEqualTo(1);
    int v1e = m.peekw(0x1E * 4 + 2) * 16 + m.peekw(0x1E * 4);
    assertThat(m.peekb(v1e + 4)).as("DPT sectors per track").isEqualTo(18);
    int v41 = m.peekw(0x41 * 4 + 2) * 16 + m.peekw(0x41 * 4);
    assertThat(m.peekw(v41)).as("FDPT cylinders").isEqualTo(20);
    assertThat(m.peekb(v41 + 2)).isEqualTo(16);
    assertThat(m.peekb(v41 + 14)).isEqualTo(63);

    attach(DiskDrives.NONE.withFloppy(DiskImage.readOnly(floppy))
        .withFloppy(DiskImage.readOnly(floppy)));
    assertThat(m.peekw(0x410)).isEqualTo(0x0061);
  }

  @Test
  void readsFloppySectorsByChs() throws IOException {
    standard(false);
    var r = int13(0x0202, 0x0103, 0x0100, 0x1000, 0x0000); // cylinder 1, sector 3, head 1: LBA 56
    assertThat(r.cf()).isFalse();
    assertThat(r.ax()).isEqualTo(0x0002);
    assertThat(m.peekw(0x10000)).isEqualTo(56);
    assertThat(m.peekw(0x10200)).isEqualTo(57);
    assertThat(m.peekb(0x103FF)).isEqualTo(0x5A);
  }

  @Test
  void chsErrorsReportSectorNotFound() throws IOException {
    standard(false);
    BiosCalls calls = new BiosCalls();
    calls.call(0x13, 0x0201, 0, 0x0000, 0x0000, 0x1000); // sector 0
    calls.code("mov al, [0x441]\nmov [0x5F0], al");
    calls.call(0x13, 0x0100, 0, 0, 0x0000, 0);
    calls.call(0x13, 0x0201, 0, 0x5001, 0x0000, 0x1000); // cylinder 80
    calls.call(0x13, 0x0201, 0, 0x0001, 0x0200, 0x1000); // head 2
    calls.call(0x13, 0x0200, 0, 0x0001, 0x0000, 0x1000); // no sectors
    var r = run(calls, 5);
    assertThat(r[0].cf()).isTrue();
    assertThat(r[0].ah()).isEqualTo(0x04);
    assertThat(m.peekb(0x5F0)).as("40:41h").isEqualTo(0x04);
    assertThat(r[1].ah()).as("status of the last operation").isEqualTo(0x04);
    assertThat(r[1].cf()).isTrue();
    assertThat(r[2].ah()).isEqualTo(0x04);
    assertThat(r[3].ah()).isEqualTo(0x04);
    assertThat(r[4].ah()).isEqualTo(0x01);
  }

  @Test
  void readOnlyImagesRefuseWritesAndStayUnchanged() throws IOException {
    standard(false);
    byte[] before = Files.readAllBytes(hardDisk);
    BiosCalls calls = new BiosCalls();
    calls.call(0x13, 0x0301, 0, 0x0001, 0x0080, 0x1000);
    calls.code("mov al, [0x474]\nmov [0x5F0], al");
    calls.call(0x13, 0x0301, 0, 0x0001, 0x0000, 0x1000);
    var r = run(calls, 2);
    assertThat(r[0].cf()).isTrue();
    assertThat(r[0].ah()).isEqualTo(0x03);
    assertThat(m.peekb(0x5F0)).as("40:74h").isEqualTo(0x03);
    assertThat(r[1].ah()).isEqualTo(0x03);
    close();
    assertThat(Files.readAllBytes(hardDisk)).isEqualTo(before);
  }

  @Test
  void writableImagesReceiveExactlyTheWrittenSectors() throws IOException {
    standard(true);
    m.poke(0x20000, filled(1024, 0xC3));
    // cylinder 1 (CH=1), head 2, sector 4: LBA (1*16+2)*63+3 = 1137
    var r = int13(0x0302, 0x0104, 0x0280, 0x2000, 0);
    assertThat(r.cf()).isFalse();
    assertThat(r.al()).isEqualTo(2);
    close();
    byte[] file = Files.readAllBytes(hardDisk);
    assertThat(file[1137 * 512]).isEqualTo((byte) 0xC3);
    assertThat(file[1139 * 512 - 1]).isEqualTo((byte) 0xC3);
    assertThat(file[1136 * 512 + 511]).as("the sector before").isEqualTo((byte) 0x5A);
    assertThat(file[1139 * 512]).as("the sector after").isEqualTo((byte) (1139 & 0xFF));
  }

  private static int[] filled(int length, int value) {
    int[] bytes = new int[length];
    java.util.Arrays.fill(bytes, value);
    return bytes;
  }

  @Test
  void cylinderHighBitsComeFromCl() throws IOException {
    Path big = image("big.img", 300 * 16 * 63);
    attach(DiskDrives.NONE.withHardDisk(DiskImage.readOnly(big)));
    // cylinder 260 = 104h: CH = 04h, CL bits 6-7 = 01b
    var r = int13(0x0201, 0x0441, 0x0080, 0x1000, 0);
    assertThat(r.cf()).isFalse();
    assertThat(m.peekw(0x10000)).isEqualTo(260 * 16 * 63 & 0xFFFF);
  }

  @Test
  void verifyChecksTheRangeWithoutTransfer() throws IOException {
    standard(false);
    var r = int13(0x0403, 0x0001, 0x0000, 0x1000, 0);
    assertThat(r.cf()).isFalse();
    assertThat(r.al()).isEqualTo(3);
    assertThat(m.peekw(0x10000)).isZero();
  }

  @Test
  void driveParameters() throws IOException {
    standard(false);
    BiosCalls calls = new BiosCalls();
    calls.call(0x13, 0x0800, 0, 0, 0x0000, 0);
    calls.call(0x13, 0x0800, 0, 0, 0x0080, 0);
    calls.call(0x13, 0x0800, 0, 0, 0x0081, 0);
    var r = run(calls, 3);
    assertThat(r[0].cf()).isFalse();
    assertThat(r[0].bl()).as("1.44M drive").isEqualTo(4);
    assertThat(r[0].cx()).isEqualTo(79 << 8 | 18);
    assertThat(r[0].dx()).isEqualTo(0x0101);
    assertThat(m.peekb(r[0].es() * 16 + r[0].di() + 4)).isEqualTo(18);
    assertThat(r[1].cf()).isFalse();
    assertThat(r[1].cx()).isEqualTo(19 << 8 | 63);
    assertThat(r[1].dx()).isEqualTo(15 << 8 | 1);
    assertThat(r[2].cf()).isTrue();
    assertThat(r[2].dl()).as("drive count").isEqualTo(1);
  }

  @Test
  void driveTypesAndChangeLine() throws IOException {
    standard(false);
    BiosCalls calls = new BiosCalls();
    calls.call(0x13, 0x1500, 0, 0, 0x0000, 0);
    calls.call(0x13, 0x1500, 0, 0, 0x0080, 0);
    calls.call(0x13, 0x1500, 0, 0, 0x0001, 0);
    calls.call(0x13, 0x1600, 0, 0, 0x0000, 0);
    var r = run(calls, 4);
    assertThat(r[0].ah()).isEqualTo(0x02);
    assertThat(r[1].ah()).isEqualTo(0x03);
    assertThat(r[1].cx() << 16 | r[1].dx()).isEqualTo(20 * 16 * 63);
    assertThat(r[2].ah()).isZero();
    assertThat(r[2].cf()).isFalse();
    assertThat(r[3].cf()).isFalse();
    assertThat(r[3].ah()).isZero();
  }

  @Test
  void missingDrivesAndUnknownFunctions() throws IOException {
    standard(false);
    BiosCalls calls = new BiosCalls();
    calls.call(0x13, 0x0201, 0, 0x0001, 0x0001, 0x1000);
    calls.call(0x13, 0x0201, 0, 0x0001, 0x0081, 0x1000);
    calls.call(0x13, 0x5500, 0, 0, 0x0080, 0);
    var r = run(calls, 3);
    assertThat(r[0].ah()).as("no floppy B:").isEqualTo(0x80);
    assertThat(r[1].ah()).isEqualTo(0x01);
    assertThat(r[2].cf()).isTrue();
    assertThat(r[2].ah()).isEqualTo(0x01);
  }

  @Test
  void extensionsReachSectorsBeyondChs() throws IOException {
    standard(true);
    int packet = 0x3000;
    int last2 = 20 * 16 * 63 + 3; // the last two sectors
    m.poke(packet, 0x10, 0, 2, 0, 0x00, 0x00, 0x00, 0x40, last2 & 0xFF, last2 >>> 8, 0, 0, 0, 0, 0, 0);
    BiosCalls calls = new BiosCalls();
    calls.call(0x13, 0x4100, 0x55AA, 0, 0x0080, 0);
    calls.call(0x13, 0x4100, 0x55AA, 0, 0x0000, 0);
    calls.call(0x13, "mov si, 0x3000\nmov ax, 0x4200\nmov dx, 0x0080");
    calls.code("""
        mov  ax, 0x4000
        mov  es, ax
        mov  ax, es:[0]
        mov  [0x5F0], ax
        mov  word [0x3002], 3
        """);
    calls.call(0x13, "mov si, 0x3000\nmov ax, 0x4200\nmov dx, 0x0080");
    calls.code("mov ax, [0x3002]\nmov [0x5F2], ax");
    calls.code("""
        mov  word [0x3002], 1
        mov  word [0x3008], 7
        mov  ax, 0x4000
        mov  es, ax
        mov  byte es:[0], 0x77
        """);
    calls.call(0x13, "mov si, 0x3000\nmov ax, 0x4300\nmov dx, 0x0080");
    var r = run(calls, 5);
    assertThat(r[0].cf()).isFalse();
    assertThat(r[0].bx()).isEqualTo(0xAA55);
    assertThat(r[0].cx() & 1).isEqualTo(1);
    assertThat(r[1].cf()).as("no extensions for floppies").isTrue();
    assertThat(r[2].cf()).isFalse();
    assertThat(m.peekw(0x5F0)).as("the sector's LBA").isEqualTo(last2 & 0xFFFF);
    assertThat(r[3].ah()).as("runs off the end").isEqualTo(0x04);
    assertThat(m.peekw(0x5F2)).as("sectors done").isEqualTo(2);
    assertThat(r[4].cf()).isFalse();
    close();
    assertThat(Files.readAllBytes(hardDisk)[7 * 512]).isEqualTo((byte) 0x77);
  }

  @Test
  void extendedParameters() throws IOException {
    standard(false);
    m.poke(0x5000, 0x1E, 0x00);
    BiosCalls calls = new BiosCalls();
    calls.call(0x13, "mov si, 0x5000\nmov ax, 0x4800\nmov dx, 0x0080");
    var r = run(calls, 1);
    int buffer = 0x5000;
    assertThat(r[0].cf()).isFalse();
    assertThat(m.peekw(buffer)).isEqualTo(0x1A);
    assertThat(m.peekw(buffer + 4)).isEqualTo(20);
    assertThat(m.peekw(buffer + 8)).isEqualTo(16);
    assertThat(m.peekw(buffer + 12)).isEqualTo(63);
    assertThat(m.peekw(buffer + 16)).isEqualTo(20 * 16 * 63 + 5);
    assertThat(m.peekw(buffer + 24)).isEqualTo(512);
  }

  @Test
  void formatFillsAFloppyTrack() throws IOException {
    Path f = image("b.img", 2880);
    attach(DiskDrives.NONE.withFloppy(DiskImage.writable(f)));
    var r = int13(0x0512, 0x0100, 0x0100, 0x1000, 0); // cylinder 1, head 1
    assertThat(r.cf()).isFalse();
    close();
    byte[] file = Files.readAllBytes(f);
    assertThat(file[54 * 512]).isEqualTo((byte) 0xF6);
    assertThat(file[72 * 512 - 1]).isEqualTo((byte) 0xF6);
    assertThat(file[72 * 512]).isEqualTo((byte) 72);
  }

  @Test
  void badImagesFailTheBuild() throws IOException {
    Path odd = image("odd.img", 3);
    assertThatThrownBy(() -> attach(DiskDrives.NONE.withFloppy(DiskImage.readOnly(odd))))
        .hasStackTraceContaining("odd.img")
        .satisfies(e -> assertThat(rootOrSelf(e)).isInstanceOf(VmConfigurationException.class));
  }

  private static Throwable rootOrSelf(Throwable e) {
    Throwable t = e;
    while (!(t instanceof VmConfigurationException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  @Test
  void withoutDrivesOnlyTheServiceIsThere() {
    attach(DiskDrives.NONE);
    assertThat(m.peekw(0x410) & 0xC1).as("no floppy bits").isZero();
    var r = int13(0x0201, 0x0001, 0x0000, 0x1000, 0);
    assertThat(r.ah()).isEqualTo(0x80);
  }
}
