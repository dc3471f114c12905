package dev.mvm.doskrnl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mvm.api.DriveMapping;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Path resolution on host-directory drives, and the ways a guest might try to get out of one.
 * The layout: {@code root/} is drive C:, {@code outside/} is a sentinel beside it, and the root
 * holds links that point out of it.
 */
class DosDrivesTest {
  @TempDir Path tmp;
  private Path root;
  private Path outside;
  private DosDrives drives;

  @BeforeEach
  void layout() throws Exception {
    root = Files.createDirectories(tmp.resolve("root"));
    outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), "sentinel");
    Files.createDirectories(root.resolve("Docs/Sub"));
    Files.writeString(root.resolve("Docs/readme.txt"), "hello");
    Files.writeString(root.resolve("a very long name.text"), "long");
    Files.createSymbolicLink(root.resolve("outlink"), outside);
    Files.createSymbolicLink(root.resolve("outfile.txt"), outside.resolve("secret.txt"));
    Files.createSymbolicLink(root.resolve("inlink"), root.resolve("Docs"));
    drives = new DosDrives(List.of(new DriveMapping('C', root, false)));
  }

  @Test
  void resolvesCaseInsensitivelyThroughDosNames() throws Exception {
    DosDrives.Resolved r = drives.resolve("c:\\docs\\README.TXT", DosDrives.Purpose.FILE);
    assertThat(r.exists()).isTrue();
    assertThat(r.host()).isEqualTo(root.resolve("Docs/readme.txt"));
    assertThat(r.dosPath()).isEqualTo("C:\\DOCS\\README.TXT");
    assertThat(drives.resolve("/Docs/Sub/../readme.txt", DosDrives.Purpose.FILE).host())
        .isEqualTo(root.resolve("Docs/readme.txt"));
  }

  @Test
  void longHostNamesAppearAsStableAliases() {
    DosDrives.Resolved r = drives.resolve("C:\\AVERYL~1.TEX", DosDrives.Purpose.FILE);
    assertThat(r.exists()).isTrue();
    assertThat(r.host().getFileName().toString()).isEqualTo("a very long name.text");
  }

  @Test
  void overlongComponentsAreTruncatedAsDosDoes() {
    DosDrives.Resolved r = drives.resolve("DOCUMENTATION.TEXT", DosDrives.Purpose.FILE);
    assertThat(r.name()).isEqualTo("DOCUMENT.TEX");
    assertThat(r.exists()).isFalse();
  }

  @Test
  void relativePathsFollowTheCurrentDirectory() {
    drives.changeDirectory("\\DOCS\\SUB");
    assertThat(drives.drive('C').currentPath()).isEqualTo("\\DOCS\\SUB");
    assertThat(drives.resolve("..\\README.TXT", DosDrives.Purpose.FILE).exists()).isTrue();
    assertThatThrownBy(() -> drives.changeDirectory("\\DOCS\\README.TXT"))
        .isInstanceOfSatisfying(DosFailure.class,
            f -> assertThat(f.error()).isEqualTo(DosError.PATH_NOT_FOUND));
  }

  @Test
  void devicesShadowFilesInEveryExistingDirectory() {
    assertThat(drives.resolve("C:\\DOCS\\NUL", DosDrives.Purpose.FILE).device()).isEqualTo("NUL");
    assertThat(drives.resolve("con.txt", DosDrives.Purpose.FILE).device()).isEqualTo("CON");
    assertThatThrownBy(() -> drives.resolve("C:\\NOWHERE\\NUL", DosDrives.Purpose.FILE))
        .isInstanceOfSatisfying(DosFailure.class,
            f -> assertThat(f.error()).isEqualTo(DosError.PATH_NOT_FOUND));
  }

  @Test
  void linksInsideTheRootThatStayInsideWork() {
    assertThat(drives.resolve("INLINK\\README.TXT", DosDrives.Purpose.FILE).exists()).isTrue();
  }

  /** Each way out, with the error MS-DOS gives for the same path on a real disk. */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
    "..\\outside\\secret.txt      | PATH_NOT_FOUND",
    "C:..\\                        | PATH_NOT_FOUND",
    "C:..\\outside                 | PATH_NOT_FOUND",
    "\\..\\outside\\secret.txt    | PATH_NOT_FOUND",
    "C:\\..\\..\\..\\etc\\passwd | PATH_NOT_FOUND",
    "/../outside/secret.txt        | PATH_NOT_FOUND",
    "\\docs\\..\\..\\outside      | PATH_NOT_FOUND",
    "docs/sub/../../../outside     | PATH_NOT_FOUND",
    "C:\\\\outside\\secret.txt    | PATH_NOT_FOUND",
    "C:/docs//readme.txt           | PATH_NOT_FOUND",
    "\\/outside/secret.txt         | PATH_NOT_FOUND",
    ".../outside/secret.txt        | PATH_NOT_FOUND",
    "....\\secret.txt              | PATH_NOT_FOUND",
    "NUL\\..\\..\\outside         | PATH_NOT_FOUND",
    "CON\\secret.txt               | PATH_NOT_FOUND",
    "C:\\docs\\AUX\\x.txt         | PATH_NOT_FOUND",
    "D:\\secret.txt                | PATH_NOT_FOUND",
    "/etc/passwd                   | PATH_NOT_FOUND",
    "\\tmp\\..\\..\\secret.txt    | PATH_NOT_FOUND",
    "OUTLINK\\secret.txt           | ACCESS_DENIED",
    "C:\\OUTLINK\\SECRET.TXT      | ACCESS_DENIED",
    "OUTFILE.TXT                   | ACCESS_DENIED",
    "INLINK\\..\\..\\outside      | PATH_NOT_FOUND",
    "a:b\\secret.txt               | PATH_NOT_FOUND",
    "C:\\docs\\se<ret.txt         | FILE_NOT_FOUND",
    "C:\\do>cs\\secret.txt        | PATH_NOT_FOUND",
  })
  void noPathLeavesTheDrive(String path, DosError expected) throws Exception {
    assertThatThrownBy(() -> drives.resolve(path.strip(), DosDrives.Purpose.FILE))
        .isInstanceOfSatisfying(DosFailure.class, f -> assertThat(f.error()).isEqualTo(expected));
    assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("sentinel");
  }

  @Test
  void veryLongPathsAreRefused() {
    String deep = "\\ABCDEFGH".repeat(9) + "\\FILE.TXT";
    assertThatThrownBy(() -> drives.resolve(deep, DosDrives.Purpose.FILE))
        .isInstanceOfSatisfying(DosFailure.class,
            f -> assertThat(f.error()).isEqualTo(DosError.PATH_NOT_FOUND))
        .hasMessageContaining("longer than DOS allows");
    String longName = "X".repeat(5000) + ".TXT";
    assertThat(drives.resolve(longName, DosDrives.Purpose.FILE).name()).isEqualTo("XXXXXXXX.TXT");
  }

  @Test
  void errorsNameTheOffendingPath() {
    assertThatThrownBy(() -> drives.resolve("..\\X", DosDrives.Purpose.FILE))
        .hasMessageContaining("\"..\\X\"");
  }
}
