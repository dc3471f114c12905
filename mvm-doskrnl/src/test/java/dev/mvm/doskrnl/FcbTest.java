package dev.mvm.doskrnl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvm.api.VmBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The FCB functions of INT 21h, through the guest programs fcb*.asm run on a temporary C:. */
class FcbTest {
  @TempDir Path drive;

  /** Runs a program from the test resources on drive C: and returns what it printed. */
  private String run(String program, Consumer<VmBuilder> setup) throws Exception {
    return Arenas.run(drive, program, 0, setup);
  }

  private String[] names(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
    }
  }

  @Test
  void createWriteReadCloseSearchAndDelete() throws Exception {
    String output = run("fcbfile.com", b -> {});
    assertThat(output.split("\r\n", -1)).containsExactly(
        "00 03 0080 0000 ", // create: drive C:, 128-byte records, empty
        "00 00 00 0000 03 0180 00 ", // three writes; block 0, record 3, 384 bytes; close
        "00 0180 0080 ", // open again
        "00 A B ", // 200-byte record 0: 128 A then B
        "03 C pad ok ", // record 1: the last 184 bytes, padded with zeros
        "01 02 00 ", // the end: the current record stays at 2
        "00 00 ", // FCBTWO.DAT created and closed
        "FF 0012 0002 ", // the wildcard finds both, then no more files
        "00 03 [FCBTEST DAT] 0180 ",
        "00 03 [FCBTWO  DAT] 0000 ",
        "FF 0002 FF 0003 ", // a missing file; a name with a backslash
        "00 FF 0012 FF 0002 ", // the wildcard delete, then nothing is there
        "");
    assertThat(names(drive)).containsExactly("FCBFILE.COM");
  }

  @Test
  void randomAndBlockIoWithRecordsOtherThan128Bytes() throws Exception {
    String output = run("fcbrand.com", b -> {});
    assertThat(output.split("\r\n", -1)).containsExactly(
        "00 ",
        "00 003C 0000 05 00 003C ", // random writes of records 5 and 2 (10 bytes each)
        "00 0002 00 0002 0005 05 003C ", // block writes of 0-1 and 3-4
        "0083 0000 ", // set random record: block 1 record 3; the fourth byte cleared
        "01 0001 0006 5 5 ", // three records asked from 5, one there
        "03 0001 0004 4 5 pad ok ", // 16-byte record 3: 12 bytes, padded
        "03 0 5 00 01 ", // the fourth byte of the random record, ignored then counted
        "00 0000 0020 00 00 0005 00 0001 ", // cut to 32 bytes; its size in 7- and 128-byte records
        "");
    assertThat(Files.readString(drive.resolve("RANDOM.DAT"), StandardCharsets.ISO_8859_1))
        .isEqualTo("0".repeat(10) + "1".repeat(10) + "2".repeat(10) + "33");
  }

  @Test
  void renameWithWildcardsAndTemplates() throws Exception {
    Files.writeString(drive.resolve("ONE.TXT"), "one");
    Files.writeString(drive.resolve("two.txt"), "two");
    Files.writeString(drive.resolve("NOTE.DOC"), "note");
    Files.writeString(drive.resolve("KEEP.DAT"), "keep");
    Files.writeString(drive.resolve("EXIST.DAT"), "exist");
    String output = run("fcbren.com", b -> {});
    assertThat(output.split("\r\n", -1)).containsExactly(
        "00 ", "00 ", "00 ", "FF 0005 ", "FF 0002 ", "FF 0003 ", "");
    assertThat(names(drive)).containsExactly(
        "EXIST.DAT", "FCBREN.COM", "KEEP.DAT", "MEMO.DOC", "ONE2.BAK", "TWO.BAK");
    assertThat(Files.readString(drive.resolve("ONE2.BAK"))).isEqualTo("one");
    assertThat(Files.readString(drive.resolve("TWO.BAK"))).isEqualTo("two");
    assertThat(Files.readString(drive.resolve("MEMO.DOC"))).isEqualTo("note");
    assertThat(Files.readString(drive.resolve("EXIST.DAT"))).isEqualTo("exist");
  }

  @Test
  void parseFileNamesIntoFcbs() throws Exception {
    String output = run("fcbparse.com", b -> {});
    // control, AL, how far SI moved, drive, name and extension, the two words after them
    assertThat(output.split("\r\n", -1)).containsExactly(
        "00 00 09 03 [FOO     BAR] 0000 0000 ", // c:foo.bar
        "00 01 05 00 [????????TXT] 0000 0000 ", // *.txt
        "00 00 03 00 [X          ] 0000 0000 ", // leading blanks are always skipped
        "08 00 04 00 [FOO        ] 0000 0000 ", // foo. : a dot blanks the extension
        "08 00 03 00 [FOO     OLD] 0000 0000 ", // foo : bit 3 keeps it
        "00 FF 0A 11 [NAME    EXT] 0000 0000 ", // q: is no drive: AL FFh, yet stored
        "01 00 07 00 [ABC     D  ] 0000 0000 ", // " ;abc.d e": one separator skipped
        "00 00 00 00 [           ] 0000 0000 ", // ";abc" without bit 0: ';' ends the name
        "01 00 01 00 [           ] 0000 0000 ", // "=,file": only one separator skipped
        "00 00 11 00 [VERYLONGTEX] 0000 0000 ", // too long: the rest is skipped
        "00 01 07 00 [FO??????C? ] 0000 0000 ", // fo*o.c?
        "04 00 04 00 [OLDNAME NEW] 0000 0000 ", // .new with bit 2: the name is kept
        "0E 00 01 55 [X       OLD] 0000 0000 ", // x with bits 1-3: drive and extension kept
        "02 00 02 03 [           ] 0000 0000 ", // c:
        "00 00 01 00 [A          ] 0000 0000 ", // a/b: '/' ends the name
        "01 00 06 00 [NAME1      ] 0000 0000 ", // a tab, then two names: the first
        "");
  }

  @Test
  void extendedFcbSearchFindsADirectory() throws Exception {
    Path work = Files.createDirectories(drive.resolve("FCBWORK"));
    Files.createDirectories(work.resolve("SUBDIR"));
    Files.writeString(work.resolve("SUBFILE.TXT"), "sub");
    Files.writeString(work.resolve("other.txt"), "other");
    String output = run("fcbdir.com", b -> {});
    assertThat(output.split("\r\n", -1)).containsExactly(
        "ok ",
        "00 FF 00 00 00 00 00 10 03 [SUBDIR     ] 10 ",
        "FF 0012 FF 0012 ",
        "0005 0003 FF 0012 ", // ., .., SUBDIR, SUBFILE.TXT, OTHER.TXT
        "0002 0000 FF 0012 ",
        "");
  }

  @Test
  void fcbsReachNothingOutsideADriveNorChangeAReadOnlyOne(@TempDir Path outside,
      @TempDir Path readOnly) throws Exception {
    Files.writeString(outside.resolve("SECRET.TXT"), "sentinel");
    Files.createSymbolicLink(drive.resolve("LINK.TXT"), outside.resolve("SECRET.TXT"));
    Files.writeString(readOnly.resolve("READ.TXT"), "readable");
    String output = run("fcbesc.com", b -> b.readOnlyDrive('D', readOnly));
    assertThat(output.split("\r\n", -1)).containsExactly(
        "FF 0005 00 01 0005 FF 0005 ", // D: create, open, write, delete
        "FF 0003 FF 0002 FF 0005 ", // an unmapped drive, "..", the link
        "0001 FF 0002 FF 0002 ", // a search sees FCBESC.COM only; delete, rename the link
        "");
    assertThat(Files.readString(outside.resolve("SECRET.TXT"))).isEqualTo("sentinel");
    assertThat(names(outside)).containsExactly("SECRET.TXT");
    assertThat(names(readOnly)).containsExactly("READ.TXT");
    assertThat(Files.readString(readOnly.resolve("READ.TXT"))).isEqualTo("readable");
    assertThat(Files.isSymbolicLink(drive.resolve("LINK.TXT"))).isTrue();
  }
}
