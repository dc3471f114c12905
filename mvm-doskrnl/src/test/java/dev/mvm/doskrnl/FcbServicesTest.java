package dev.mvm.doskrnl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvm.api.DriveMapping;
import dev.mvm.api.cpu.Registers;
import dev.mvm.api.cpu.SegmentRegister;
import dev.mvm.api.vdd.GuestCalls;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FCB functions on their own, for what a guest program cannot show portably: how open files
 * are kept and given back, the end of the DTA's segment, and the corners where this kernel
 * follows MS-DOS's own code.
 */
class FcbServicesTest {
  private static final int PSP = 0x0200;
  private static final int FCB = 0x1000;
  private static final int DTA = 0x2000;
  private static final LocalDateTime NOW = LocalDateTime.of(1994, 5, 17, 13, 45, 30);

  @TempDir Path drive;
  private final MemoryArenaTest.Ram ram = new MemoryArenaTest.Ram();
  private final Regs regs = new Regs();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private FcbServices fcbs;
  private @Nullable DosFailure failure;

  /** The registers as a CPU keeps them. */
  static final class Regs implements Registers {
    final int[] general = new int[8];
    final java.util.Map<SegmentRegister, Integer> segments =
        new java.util.EnumMap<>(SegmentRegister.class);
    int eip;
    int eflags = 2;

    @Override public int general(int i) { return general[i]; }
    @Override public void setGeneral(int i, int v) { general[i] = v; }
    @Override public int segment(SegmentRegister r) { return segments.getOrDefault(r, 0); }
    @Override public void setSegment(SegmentRegister r, int v) { segments.put(r, v & 0xFFFF); }
    @Override public int eip() { return eip; }
    @Override public void setEip(int v) { eip = v; }
    @Override public int eflags() { return eflags; }
    @Override public void setEflags(int v) { eflags = v | 2; }
  }

  /** Guest calls are for console output without a stream; these tests give one. */
  private static final GuestCalls NO_GUEST_CALLS = new GuestCalls() {
    @Override
    public void interrupt(int vector, Consumer<Registers> continuation) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void callFar(int segment, int offset, Consumer<Registers> continuation) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void idle(Consumer<Registers> continuation) {
      throw new UnsupportedOperationException();
    }
  };

  @BeforeEach
  void setUp() throws Exception {
    DosDrives drives = new DosDrives(List.of(new DriveMapping('C', drive, false)));
    Console console = new Console(null, out, null, NO_GUEST_CALLS, () -> NOW);
    fcbs = new FcbServices(ram, drives, console, () -> NOW, new HostFiles(0));
  }

  /** Calls FCB function {@code ah} with DS:DX at {@code fcb}; returns AL. */
  private int call(int ah, int fcb, int dtaOffset) {
    regs.setAx(ah << 8);
    regs.setDs(0);
    regs.setDx(fcb);
    failure = fcbs.call(regs, PSP, DTA, dtaOffset);
    return regs.al();
  }

  private int call(int ah, int fcb) {
    return call(ah, fcb, DTA);
  }

  /** An unopened FCB for a name in FCB form on the current drive. */
  private void fcb(int at, String name) {
    ram.write(at, new byte[37]);
    ram.write(at + 1, name.getBytes(StandardCharsets.ISO_8859_1));
  }

  private String dta(int length) {
    return new String(ram.read(DTA, length), StandardCharsets.ISO_8859_1);
  }

  @Test
  void filesAreClosedWhenTheProgramThatOpenedThemEnds() throws Exception {
    Files.writeString(drive.resolve("A.TXT"), "hello");
    fcb(FCB, "A       TXT");
    assertThat(call(0x0F, FCB)).isZero();
    assertThat(call(0x14, FCB)).isEqualTo(3);
    assertThat(dta(5)).isEqualTo("hello");
    // Renamed on the host, the open file is still the one read; another program's end
    // leaves it open.
    Files.move(drive.resolve("A.TXT"), drive.resolve("B.TXT"));
    fcbs.closeAll(PSP + 1);
    ram.writeByte(FCB + 0x20, 0);
    assertThat(call(0x14, FCB)).isEqualTo(3);
    // Its own end closes it: the FCB now looks for A.TXT by name, which is gone.
    fcbs.closeAll(PSP);
    ram.writeByte(FCB + 0x20, 0);
    assertThat(call(0x14, FCB)).isEqualTo(1);
    assertThat(failure).isNotNull();
    assertThat(failure.error()).isEqualTo(DosError.FILE_NOT_FOUND);
  }

  @Test
  void anFcbUsedAfterItsCloseReopensItsFileByName() throws Exception {
    Files.writeString(drive.resolve("A.TXT"), "x".repeat(128) + "again");
    fcb(FCB, "A       TXT");
    assertThat(call(0x0F, FCB)).isZero();
    assertThat(call(0x10, FCB)).isZero();
    assertThat(call(0x10, FCB)).isZero(); // closing twice is fine
    ram.writeByte(FCB + 0x20, 1);
    assertThat(call(0x14, FCB)).isEqualTo(3);
    assertThat(dta(6)).isEqualTo("again\0");
  }

  @Test
  void manyOpenFcbsShareAFewHostFilesAndKeepTheirOwnFiles() throws Exception {
    int count = 40;
    for (int i = 0; i < count; i++) {
      Files.writeString(drive.resolve("F" + i + ".TXT"), "file " + i);
      fcb(FCB + 0x40 * i, String.format("F%-7dTXT", i));
      assertThat(call(0x0F, FCB + 0x40 * i)).as("open %d", i).isZero();
    }
    for (int round = 0; round < 2; round++) {
      for (int i = count - 1; i >= 0; i--) {
        ram.writeByte(FCB + 0x40 * i + 0x20, 0);
        assertThat(call(0x14, FCB + 0x40 * i)).isEqualTo(3);
        String expected = "file " + i;
        assertThat(dta(expected.length())).isEqualTo(expected);
      }
    }
  }

  @Test
  void aTransferStopsAtTheEndOfTheDtaSegment() throws Exception {
    Files.write(drive.resolve("A.DAT"), new byte[1024]);
    fcb(FCB, "A       DAT");
    assertThat(call(0x0F, FCB)).isZero();
    // 16 bytes left in the segment: not one 128-byte record fits, nothing moves.
    ram.writeByte(FCB + 0x20, 0);
    ram.writeByte(DTA, 0x77);
    assertThat(call(0x14, FCB, 0xFFF0)).isEqualTo(2);
    assertThat(ram.readByte(DTA)).isEqualTo(0x77);
    assertThat(ram.readByte(FCB + 0x20)).isZero();
    // 256 bytes left: a block read of four records reads two.
    regs.setCx(4);
    ram.writeDword(FCB + 0x21, 0);
    regs.setAx(0x2700);
    regs.setDx(FCB);
    fcbs.call(regs, PSP, DTA, 0xFF00);
    assertThat(regs.al()).isEqualTo(2);
    assertThat(regs.cx()).isEqualTo(2);
    assertThat(ram.readDword(FCB + 0x21)).isEqualTo(2);
  }

  @Test
  void closeWritesTheFcbsSizeAndDateToTheFile() throws Exception {
    fcb(FCB, "NEW     DAT");
    assertThat(call(0x16, FCB)).isZero();
    ram.write(DTA, new byte[256]);
    regs.setCx(2);
    assertThat(call(0x28, FCB)).isZero();
    assertThat(ram.readDword(FCB + 0x10)).isEqualTo(256);
    ram.writeDword(FCB + 0x10, 100); // what the program says the size is, as in MS-DOS
    assertThat(call(0x10, FCB)).isZero();
    Path file = drive.resolve("NEW.DAT");
    assertThat(Files.size(file)).isEqualTo(100);
    assertThat(Files.getLastModifiedTime(file).toInstant())
        .isEqualTo(NOW.toInstant(ZoneOffset.UTC));
  }

  @Test
  void fileSizeWritesTheRandomRecordsFourthByteOnlyWhenItIsNotZero() throws Exception {
    Files.write(drive.resolve("A.DAT"), new byte[300]);
    fcb(FCB, "A       DAT");
    ram.writeDword(FCB + 0x21, 0xAB00_0000);
    assertThat(call(0x23, FCB)).isZero();
    assertThat(ram.readDword(FCB + 0x21)).isEqualTo(0xAB00_0003); // 300 bytes: 3 records of 128
    ram.writeWord(FCB + 0x0E, 1);
    assertThat(call(0x23, FCB)).isZero();
    assertThat(ram.readDword(FCB + 0x21)).isEqualTo(0xAB00_012C);
  }

  @Test
  void aSearchForTheVolumeLabelAloneFindsNothing() throws Exception {
    Files.writeString(drive.resolve("A.TXT"), "a");
    ram.write(FCB, new byte[] {(byte) 0xFF, 0, 0, 0, 0, 0, 0x08});
    fcb(FCB + 7, "???????????");
    assertThat(call(0x11, FCB)).isEqualTo(0xFF);
    assertThat(failure).isNotNull();
    assertThat(failure.error()).isEqualTo(DosError.NO_MORE_FILES);
    ram.writeByte(FCB + 6, 0x0A); // with other attributes, files are found
    assertThat(call(0x11, FCB)).isZero();
    assertThat(dta(19)).isEqualTo("\u00FF\0\0\0\0\0\n\u0003A       TXT");
  }

  @Test
  void anFcbOnConWritesToTheOutput() {
    fcb(FCB, "CON        ");
    assertThat(call(0x0F, FCB)).isZero();
    assertThat(ram.readByte(FCB)).isZero(); // a device keeps the drive byte
    ram.writeWord(FCB + 0x0E, 4);
    ram.write(DTA, "hi!\n".getBytes(StandardCharsets.ISO_8859_1));
    assertThat(call(0x15, FCB)).isZero();
    assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo("hi!\n");
  }

  @Test
  void openWithWildcardsOpensTheFirstMatchAndCreateRefusesThem() throws Exception {
    Files.writeString(drive.resolve("ONLY.TXT"), "only");
    fcb(FCB, "O???????T?T");
    assertThat(call(0x0F, FCB)).isZero();
    assertThat(ram.readDword(FCB + 0x10)).isEqualTo(4);
    fcb(FCB, "NEW?    TXT");
    assertThat(call(0x16, FCB)).isEqualTo(0xFF);
    assertThat(failure).isNotNull();
    assertThat(failure.error()).isEqualTo(DosError.PATH_NOT_FOUND);
  }
}
