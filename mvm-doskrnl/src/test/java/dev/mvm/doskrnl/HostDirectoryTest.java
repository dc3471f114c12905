package dev.mvm.doskrnl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostDirectoryTest {
  @Test
  void validNamesKeepTheirNameAndOthersGetUniqueAliases() {
    HostDirectory dir =
        HostDirectory.of(List.of("readme.txt", "README.TXT", "Long File Name.html",
            "LongFile.x", "a.b.c", ".gitignore", "con", "x+y.txt"));
    assertThat(dir.hostName("README.TXT")).isEqualTo("README.TXT");
    assertThat(dir.hostName("README~1.TXT")).isEqualTo("readme.txt");
    assertThat(dir.hostName("LONGFILE.X")).isEqualTo("LongFile.x");
    assertThat(dir.hostName("LONGFI~1.HTM")).isEqualTo("Long File Name.html");
    assertThat(dir.hostName("AB~1.C")).isEqualTo("a.b.c");
    assertThat(dir.hostName("GITIGN~1")).isEqualTo(".gitignore");
    assertThat(dir.hostName("CON~1")).as("a device name cannot be a file name").isEqualTo("con");
    assertThat(dir.hostName("X_Y~1.TXT")).isEqualTo("x+y.txt");
    assertThat(dir.dosNames()).hasSize(8).doesNotHaveDuplicates();
  }

  @Test
  void theMappingDependsOnlyOnTheListing() {
    List<String> names = List.of("zeta long name.txt", "alpha long name.txt", "alpha long other.txt");
    HostDirectory a = HostDirectory.of(names);
    HostDirectory b = HostDirectory.of(List.of(names.get(2), names.get(0), names.get(1)));
    for (String dos : a.dosNames()) {
      assertThat(b.hostName(dos)).isEqualTo(a.hostName(dos));
    }
    assertThat(a.hostName("ALPHAL~1.TXT")).isEqualTo("alpha long name.txt");
    assertThat(a.hostName("ALPHAL~2.TXT")).isEqualTo("alpha long other.txt");
  }

  @Test
  void wildcardsMatchInFcbForm() {
    assertThat(DosName.matches("*.*", "README.TXT")).isTrue();
    assertThat(DosName.matches("*", "README.TXT")).isFalse();
    assertThat(DosName.matches("*", "README")).isTrue();
    assertThat(DosName.matches("READ??.T*", "README.TXT")).isTrue();
    assertThat(DosName.matches("R?.TXT", "README.TXT")).isFalse();
    assertThat(DosName.matches("????????.???", "A.B")).isTrue();
    assertThat(DosName.normalize("verylongname.text")).isEqualTo("VERYLONG.TEX");
    assertThat(DosName.normalize("a.b.c")).isNull();
    assertThat(DosName.normalize("a b")).isNull();
  }
}
