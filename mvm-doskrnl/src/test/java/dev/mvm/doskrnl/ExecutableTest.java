package dev.mvm.doskrnl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Malformed program files get the errors MS-DOS's EXEC gives, before anything is loaded. */
class ExecutableTest {

  /** An MZ header: 2 pages, last page 0x40 bytes, header 2 paragraphs, 1 relocation at 1Ch. */
  private static byte[] mz(int length) {
    byte[] b = new byte[length];
    b[0] = 'M';
    b[1] = 'Z';
    b[2] = 0x40;
    b[4] = 2;
    b[6] = 1;
    b[8] = 2;
    b[0x18] = 0x1C;
    return b;
  }

  @Test
  void aWellFormedHeaderGivesTheLoadModuleAndRelocations() {
    byte[] file = mz(512 + 0x40);
    file[0x1C] = 0x34;
    file[0x1E] = 0x02;
    Executable.Mz exe = (Executable.Mz) Executable.parse(file, "OK.EXE");
    assertThat(exe.image()).hasSize(512 + 0x40 - 32);
    assertThat(exe.relocations()).containsExactly(0x34, 0x02);
  }

  @Test
  void aFileTooShortForAnMzHeaderLoadsAsACom() {
    assertThat(Executable.parse(new byte[] {'M', 'Z', 1, 2}, "X.EXE"))
        .isInstanceOf(Executable.Com.class);
  }

  @Test
  void anEmptyFileIsAnInvalidFormat() {
    assertThatThrownBy(() -> Executable.parse(new byte[0], "EMPTY.COM"))
        .isInstanceOfSatisfying(DosFailure.class,
            f -> assertThat(f.error()).isEqualTo(DosError.INVALID_FORMAT))
        .hasMessageContaining("EMPTY.COM");
  }

  @Test
  void anImageShorterThanItsHeaderSaysIsAnInvalidFormat() {
    assertThatThrownBy(() -> Executable.parse(mz(300), "SHORT.EXE"))
        .isInstanceOfSatisfying(DosFailure.class,
            f -> assertThat(f.error()).isEqualTo(DosError.INVALID_FORMAT))
        .hasMessageContaining("576 bytes, the file has 300");
  }

  @Test
  void aRelocationTablePastTheEndIsRefused() {
    byte[] file = mz(512 + 0x40);
    file[6] = (byte) 0xFF; // 255 relocations at 1Ch cannot fit in 576 bytes
    assertThatThrownBy(() -> Executable.parse(file, "RELOC.EXE"))
        .isInstanceOfSatisfying(DosFailure.class,
            f -> assertThat(f.error()).isEqualTo(DosError.INVALID_FORMAT))
        .hasMessageContaining("runs past the end");
  }

  @Test
  void aHeaderLargerThanTheModuleIsRefused() {
    byte[] file = mz(512 + 0x40);
    file[8] = 0x7F;
    assertThatThrownBy(() -> Executable.parse(file, "HDR.EXE"))
        .isInstanceOfSatisfying(DosFailure.class,
            f -> assertThat(f.error()).isEqualTo(DosError.INVALID_FORMAT));
  }

  @Test
  void aProgramLargerThanMemoryIsInsufficientMemory() {
    var ram = new MemoryArenaTest.Ram();
    var arena = new MemoryArena(ram, 0x100, 0x1000); // 60 KiB of arena
    var loader = new ProgramLoader(ram, arena, drive -> true);
    byte[] big = new byte[0x10000 - 0x100 - 2];
    Arrays.fill(big, (byte) 0x90);
    assertThatThrownBy(() -> loader.load(new Executable.Com(big), "C:\\BIG.COM",
        java.util.List.of(), java.util.Map.of(), 0, FileTable.standardJft()))
        .isInstanceOfSatisfying(DosFailure.class,
            f -> assertThat(f.error()).isEqualTo(DosError.INSUFFICIENT_MEMORY));
    assertThat(arena.largestFree()).as("nothing stays allocated").isEqualTo(0x1000 - 0x100 - 1);
  }
}
