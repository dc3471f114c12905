package dev.mvm.vdd.std;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mvm.api.VmConfigurationException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Geometry from image sizes, CHS addressing and sector transfers of one drive. */
class DiskUnitTest {
  @TempDir Path dir;

  private Path image(String name, long size) throws IOException {
    Path p = dir.resolve(name);
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
      f.setLength(size);
    }
    return p;
  }

  @ParameterizedTest
  @CsvSource({
    "368640, 40, 2, 9, 1",
    "737280, 80, 2, 9, 3",
    "1228800, 80, 2, 15, 2",
    "1474560, 80, 2, 18, 4",
    "2949120, 80, 2, 36, 6",
    "163840, 40, 1, 8, 1"
  })
  void floppyGeometryComesFromTheSize(long size, int c, int h, int s, int type) throws IOException {
    try (DiskUnit u = DiskUnit.open(DiskImage.readOnly(image("f.img", size)), true)) {
      assertThat(new int[] {u.cylinders, u.heads, u.sectorsPerTrack, u.floppyType})
          .containsExactly(c, h, s, type);
      assertThat(u.totalSectors * 512).isEqualTo(size);
    }
  }

  @Test
  void anOddFloppySizeNeedsAGeometry() throws IOException {
    Path p = image("odd.img", 1_000_000);
    assertThatThrownBy(() -> DiskUnit.open(DiskImage.readOnly(p), true))
        .isInstanceOf(VmConfigurationException.class)
        .hasMessageContaining("odd.img").hasMessageContaining("1000000 bytes");
    try (DiskUnit u = DiskUnit.open(DiskImage.readOnly(p).withGeometry(80, 2, 10), true)) {
      assertThat(u.sectorsPerTrack).isEqualTo(10);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "20480, 20, 16, 63",          // 10 MiB
    "1032192, 1024, 16, 63",      // 504 MiB, the largest with 16 heads
    "2064384, 1024, 32, 63",      // 1008 MiB, the largest with 32 heads
    "2097152, 520, 64, 63",       // 1 GiB
    "16450560, 1024, 255, 63",    // 7.8 GiB
    "100, 1, 1, 63"
  })
  void hardDiskGeometryIsTheUsualTranslation(long sectors, int c, int h, int s) {
    DiskImage.Geometry g = DiskUnit.hardDiskGeometry(sectors);
    assertThat(new int[] {g.cylinders(), g.heads(), g.sectorsPerTrack()}).containsExactly(c, h, s);
  }

  @Test
  void givenGeometryMustFitTheImage() throws IOException {
    Path p = image("hd.img", 10 * 512 * 63);
    assertThatThrownBy(() -> DiskUnit.open(DiskImage.readOnly(p).withGeometry(20, 16, 63), false))
        .isInstanceOf(VmConfigurationException.class).hasMessageContaining("fewer");
  }

  @Test
  void missingFilesFailWithTheirPath() {
    Path p = dir.resolve("missing.img");
    assertThatThrownBy(() -> DiskUnit.open(DiskImage.writable(p), false))
        .isInstanceOf(VmConfigurationException.class).hasMessageContaining("missing.img");
  }

  @Test
  void chsMapsToLba() throws IOException {
    try (DiskUnit u = DiskUnit.open(DiskImage.readOnly(image("f.img", 1_474_560)), true)) {
      assertThat(u.lba(0, 0, 1)).isZero();
      assertThat(u.lba(0, 1, 1)).isEqualTo(18);
      assertThat(u.lba(1, 0, 3)).isEqualTo(38);
      assertThat(u.lba(79, 1, 18)).isEqualTo(2879);
      assertThat(u.lba(0, 0, 0)).isEqualTo(-1);
      assertThat(u.lba(0, 0, 19)).isEqualTo(-1);
      assertThat(u.lba(0, 2, 1)).isEqualTo(-1);
      assertThat(u.lba(80, 0, 1)).isEqualTo(-1);
    }
  }

  @Test
  void sectorsAreReadAndWrittenAtTheirOffsets() throws IOException {
    Path p = image("hd.img", 1032 * 512);
    try (DiskUnit u = DiskUnit.open(DiskImage.writable(p), false)) {
      byte[] data = new byte[1024];
      data[0] = 0x11;
      data[1023] = 0x22;
      u.write(5, data);
      assertThat(u.read(5, 2)).isEqualTo(data);
    }
    byte[] file = Files.readAllBytes(p);
    assertThat(file[5 * 512]).isEqualTo((byte) 0x11);
    assertThat(file[7 * 512 - 1]).isEqualTo((byte) 0x22);
    try (DiskUnit u = DiskUnit.open(DiskImage.readOnly(p), false)) {
      assertThatThrownBy(() -> u.write(0, new byte[512])).isInstanceOf(IOException.class);
    }
  }
}
