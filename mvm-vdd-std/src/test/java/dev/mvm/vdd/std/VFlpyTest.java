package dev.mvm.vdd.std;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvm.api.ExitReason;
import dev.mvm.api.ExitStatus;
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
 * VFLPY with VDMA in the real monitor: the 82077AA's registers, its reset and status commands,
 * and sectors moving between images and guest memory through DMA channel 2 with IRQ 6, driven
 * by the port sequences SeaBIOS 1.16 sends.
 */
class VFlpyTest {
  @TempDir Path dir;
  private EmbeddedMachine m;

  @AfterEach
  void close() {
    if (m != null) {
      m.close();
      m = null;
    }
  }

  private Path image(String name, int sectors) throws IOException {
    return TestImages.numbered(dir, name, sectors);
  }

  private EmbeddedMachine start(DiskDrives drives) {
    m = VddTestKit.embed(new VDma(), new VFlpy()).property(VDisk.DRIVES, drives)
        .memoryKiB(1024).start();
    return m;
  }

  private EmbeddedMachine startWith144(boolean writable) throws IOException {
    Path a = image("a.img", 2880);
    return start(DiskDrives.NONE.withFloppy(
        writable ? DiskImage.writable(a) : DiskImage.readOnly(a)));
  }

  /** Sends a command byte by byte, each when the MSR asks for one. */
  private void command(int... bytes) {
    for (int b : bytes) {
      assertThat(m.inb(0x3F4) & 0xC0).as("MSR before %02Xh", b).isEqualTo(0x80);
      m.outb(0x3F5, b);
    }
  }

  /** Reads a result phase of n bytes; the MSR then asks for a command again. */
  private int[] result(int n) {
    int[] bytes = new int[n];
    for (int i = 0; i < n; i++) {
      assertThat(m.inb(0x3F4) & 0xC0).as("MSR before result byte %d", i).isEqualTo(0xC0);
      bytes[i] = m.inb(0x3F5);
    }
    assertThat(m.inb(0x3F4) & 0xF0).as("MSR after the result").isEqualTo(0x80);
    return bytes;
  }

  /** As SeaBIOS's floppy_enable_controller: reset with IRQ and DMA on, then four sense. */
  private void enableController() {
    m.outb(0x3F2, 0x08);
    m.irq(6).reset();
    m.outb(0x3F2, 0x0C);
    assertThat(m.irq(6).pulses()).as("reset interrupt").isEqualTo(1);
    for (int drive = 0; drive < 4; drive++) {
      command(0x08);
      assertThat(result(2)).containsExactly(0xC0 | drive, 0);
    }
  }

  /** As SeaBIOS's dma_setup and dma_floppy: channel 2, single mode. */
  private void programDma(int address, int bytes, boolean toMemory) {
    m.outb(0x0D, 0).outb(0xDA, 0).outb(0xD6, 0xC0).outb(0xD4, 0x00);
    m.outb(0x0A, 0x06).outb(0x0C, 0);
    m.outb(0x04, address & 0xFF).outb(0x04, (address >>> 8) & 0xFF);
    m.outb(0x0C, 0);
    m.outb(0x05, (bytes - 1) & 0xFF).outb(0x05, ((bytes - 1) >>> 8) & 0xFF);
    m.outb(0x0B, toMemory ? 0x46 : 0x4A).outb(0x81, address >>> 16).outb(0x0A, 0x02);
  }

  private void recalibrateAndSeek(int drive, int cylinder) {
    m.outb(0x3F2, 0x1C | drive << 4 & 0x30 | drive); // motor, DMA and IRQ on, running
    m.irq(6).reset();
    command(0x07, drive);
    assertThat(m.irq(6).isRaised()).isTrue();
    command(0x08);
    assertThat(result(2)).as("seek end").containsExactly(0x20 | drive, 0);
    assertThat(m.irq(6).isRaised()).as("sensed").isFalse();
    if (cylinder != 0) {
      command(0x0F, drive, cylinder);
      command(0x08);
      assertThat(result(2)).containsExactly(0x20 | drive, cylinder);
    }
  }

  @Test
  void resetInterruptsAndFourSenseInterruptStatusAnswerC0ToC3() throws IOException {
    startWith144(false);
    assertThat(m.inb(0x3F2)).as("DOR at power-on").isZero();
    assertThat(m.inb(0x3F4)).as("held in reset").isZero();
    m.outb(0x3F2, 0x04);
    assertThat(m.irq(6).isRaised()).as("the interrupt gate is closed").isFalse();
    m.outb(0x3F2, 0x00);
    enableController();
    assertThat(m.irq(6).isRaised()).isFalse();
    command(0x08);
    assertThat(result(1)).as("nothing left to sense: invalid").containsExactly(0x80);
    assertThat(m.inb(0x3F2)).isEqualTo(0x0C);
    m.irq(6).reset();
    m.outb(0x3F4, 0x80); // software reset through the DSR
    assertThat(m.irq(6).pulses()).isEqualTo(1);
    command(0x08);
    assertThat(result(2)).containsExactly(0xC0, 0);
  }

  @Test
  void versionConfigureLockDumpregAndInvalidCommands() throws IOException {
    startWith144(false);
    enableController();
    command(0x10);
    assertThat(result(1)).as("VERSION: an 82077AA").containsExactly(0x90);
    command(0x03, 0xAF, 0x02); // SPECIFY as SeaBIOS: no result phase
    assertThat(m.inb(0x3F4)).isEqualTo(0x80);
    command(0x13, 0x00, 0x57, 0x10); // CONFIGURE: implied seek, FIFO on, polling off
    command(0x12, 0x83); // PERPENDICULAR MODE: OW, GAP, WGATE
    command(0x94);
    assertThat(result(1)).as("LOCK on").containsExactly(0x10);
    command(0x0E);
    assertThat(result(10)).containsExactly(0, 0, 0, 0, 0xAF, 0x02, 0, 0x83, 0x57, 0x10);
    m.irq(6).reset();
    m.outb(0x3F2, 0x08).outb(0x3F2, 0x0C);
    assertThat(m.irq(6).pulses()).as("polling is off: no reset interrupt").isZero();
    command(0x0E);
    assertThat(result(10)).as("locked CONFIGURE survives, GAP and WGATE do not")
        .containsExactly(0, 0, 0, 0, 0xAF, 0x02, 0, 0x80, 0x57, 0x10);
    command(0x14);
    assertThat(result(1)).containsExactly(0x00);
    for (int invalid : new int[] {0x00, 0x11, 0x1D, 0xFF, 0x4F, 0xA2}) {
      command(invalid);
      assertThat(result(1)).as("command %02Xh", invalid).containsExactly(0x80);
    }
  }

  @Test
  void readsASectorIntoGuestMemoryThroughDmaWithIrq6() throws IOException {
    startWith144(false);
    enableController();
    recalibrateAndSeek(0, 0);
    m.outb(0x3F7, 0x00); // 500 kbit/s, as SeaBIOS's media sense sets for a 1.44M drive
    command(0x4A, 0x00); // READ ID
    assertThat(result(7)).containsExactly(0x00, 0, 0, 0, 0, 1, 2);
    command(0x03, 0xAF, 0x02);
    programDma(0x7C00, 512, true);
    m.irq(6).reset();
    command(0xE6, 0x00, 0, 0, 1, 2, 1, 0x1B, 0xFF); // READ: C0 H0 R1, EOT 1
    assertThat(m.irq(6).pulses()).isEqualTo(1);
    assertThat(result(7)).as("normal termination at TC; EOT on head 0 of an MT read: next C0 H1 R1")
        .containsExactly(0x00, 0x00, 0x00, 0, 1, 1, 2);
    assertThat(m.irq(6).isRaised()).as("reading the result clears it").isFalse();
    assertThat(m.peekw(0x7C00)).as("LBA 0").isZero();
    assertThat(m.peekb(0x7DFF)).isEqualTo(0x5A);
    assertThat(m.inb(0x08) & 0x04).as("DMA reached TC").isEqualTo(0x04);
  }

  @Test
  void aMultiTrackReadGoesOnFromHead0ToHead1() throws IOException {
    startWith144(false);
    enableController();
    recalibrateAndSeek(0, 1);
    m.outb(0x3F7, 0x00);
    programDma(0x20000, 3 * 512, true);
    // C1 H0 R17, EOT 19 as SeaBIOS asks for sector + count - 1: sectors 17, 18, then head 1.
    command(0xE6, 0x00, 1, 0, 17, 2, 19, 0x1B, 0xFF);
    assertThat(result(7)).containsExactly(0x04, 0x00, 0x00, 1, 1, 2, 2);
    assertThat(m.peekw(0x20000)).isEqualTo(2 * 18 + 16);
    assertThat(m.peekw(0x20200)).isEqualTo(2 * 18 + 17);
    assertThat(m.peekw(0x20400)).as("C1 H1 R1").isEqualTo(3 * 18);
    // Without MT the read stops at the end of the track, short of the count: end of cylinder.
    programDma(0x30000, 2 * 512, true);
    command(0x46, 0x00, 1, 0, 18, 2, 19, 0x1B, 0xFF);
    assertThat(result(7)).containsExactly(0x40, 0x80, 0x00, 2, 0, 1, 2);
    assertThat(m.peekw(0x30000)).isEqualTo(2 * 18 + 17);
  }

  @Test
  void errorsEndAbnormallyWithTheStatusTheChipGives() throws IOException {
    startWith144(false);
    enableController();
    recalibrateAndSeek(0, 0);
    m.outb(0x3F7, 0x02); // 250 kbit/s: a 1.44M disk shows no address marks
    command(0x4A, 0x00);
    assertThat(result(7)).containsExactly(0x40, 0x01, 0x00, 0, 0, 1, 2);
    m.outb(0x3F7, 0x00);
    command(0x4A, 0x01); // drive B: no drive, no disk
    assertThat(result(7)[1]).isEqualTo(0x01);
    programDma(0x8000, 512, true);
    command(0xE6, 0x00, 5, 0, 1, 2, 1, 0x1B, 0xFF); // cylinder 5 while the head is on 0
    assertThat(result(7)).as("no data, wrong cylinder")
        .containsExactly(0x40, 0x04, 0x10, 5, 0, 1, 2);
    command(0xE6, 0x00, 0, 0, 19, 2, 19, 0x1B, 0xFF); // no sector 19
    assertThat(result(7)).containsExactly(0x40, 0x04, 0x00, 0, 0, 19, 2);
    command(0xE6, 0x04, 0, 0, 1, 2, 1, 0x1B, 0xFF); // head 1 but H = 0 in the ID wanted
    assertThat(result(7)[1]).isEqualTo(0x04);
    m.outb(0x0A, 0x06); // DMA channel masked: nobody takes the data
    command(0xE6, 0x00, 0, 0, 1, 2, 1, 0x1B, 0xFF);
    assertThat(result(7)).as("overrun").containsExactly(0x40, 0x10, 0x00, 0, 0, 1, 2);
    programDma(0x8000, 512, false);
    command(0xC5, 0x00, 0, 0, 1, 2, 1, 0x1B, 0xFF); // WRITE to a read-only image
    assertThat(result(7)).as("write-protected").containsExactly(0x40, 0x02, 0x00, 0, 0, 1, 2);
    command(0x04, 0x00); // SENSE DRIVE STATUS
    assertThat(result(1)).as("write-protected, track 0").containsExactly(0x78);
    command(0x04, 0x05);
    assertThat(result(1)).as("drive B, head 1: no drive").containsExactly(0x6D);
    command(0x07, 0x01); // RECALIBRATE a drive that is not there
    command(0x08);
    assertThat(result(2)).as("equipment check").containsExactly(0x71, 0);
  }

  @Test
  void verifyAndReadTrackCountSectorsWithoutMovingData() throws IOException {
    startWith144(false);
    enableController();
    recalibrateAndSeek(0, 0);
    m.outb(0x3F7, 0x00);
    command(0xF6, 0x80, 0, 0, 2, 2, 18, 0x1B, 3); // VERIFY, EC: 3 sectors from R2
    assertThat(result(7)).containsExactly(0x00, 0x00, 0x00, 0, 0, 5, 2);
    command(0x56, 0x00, 0, 0, 16, 2, 18, 0x1B, 0xFF); // VERIFY to EOT ends normally there
    assertThat(result(7)).containsExactly(0x00, 0x00, 0x00, 1, 0, 1, 2);
    programDma(0x8000, 1024, true);
    command(0x42, 0x00, 0, 0, 9, 2, 18, 0x1B, 0xFF); // READ TRACK starts at sector 1
    assertThat(result(7)).containsExactly(0x00, 0x00, 0x00, 0, 0, 3, 2);
    assertThat(m.peekw(0x8000)).isZero();
    assertThat(m.peekw(0x8200)).isEqualTo(1);
  }

  @Test
  void withoutDmaNobodyTakesTheDataAndTheInterruptWaitsForTheGate() throws IOException {
    startWith144(false);
    enableController();
    recalibrateAndSeek(0, 0);
    m.outb(0x3F7, 0x00);
    programDma(0x8000, 512, true);
    command(0x03, 0xAF, 0x03); // SPECIFY: non-DMA mode
    command(0xE6, 0x00, 0, 0, 1, 2, 1, 0x1B, 0xFF);
    assertThat(result(7)).as("overrun").containsExactly(0x40, 0x10, 0x00, 0, 0, 1, 2);
    command(0x03, 0xAF, 0x02);
    m.outb(0x3F2, 0x14); // DMA and interrupt gate closed
    m.irq(6).reset();
    command(0xE6, 0x00, 0, 0, 1, 2, 1, 0x1B, 0xFF);
    assertThat(m.irq(6).isRaised()).isFalse();
    assertThat(result(7)).as("no DRQ either").containsExactly(0x40, 0x10, 0x00, 0, 0, 1, 2);
    command(0x07, 0x00);
    assertThat(m.irq(6).isRaised()).isFalse();
    m.outb(0x3F2, 0x1C);
    assertThat(m.irq(6).isRaised()).as("the gate opens on a waiting interrupt").isTrue();
    command(0x08);
    assertThat(result(2)).containsExactly(0x20, 0);
  }

  @Test
  void writesAndFormatsReachTheImageFile() throws IOException {
    startWith144(true);
    enableController();
    recalibrateAndSeek(0, 2);
    m.outb(0x3F7, 0x00);
    byte[] sector = new byte[512];
    for (int i = 0; i < 512; i++) {
      sector[i] = (byte) (i * 7);
    }
    m.memory().write(0x9000, sector);
    programDma(0x9000, 512, false);
    command(0xC5, 0x04, 2, 1, 3, 2, 3, 0x1B, 0xFF); // C2 H1 R3: LBA (2*2+1)*18+2 = 92
    assertThat(result(7)).as("EOT on head 1: next C3 H0 R1")
        .containsExactly(0x04, 0x00, 0x00, 3, 0, 1, 2);
    byte[] file = Files.readAllBytes(dir.resolve("a.img"));
    assertThat(java.util.Arrays.copyOfRange(file, 92 * 512, 93 * 512)).isEqualTo(sector);
    // FORMAT TRACK C2 H0: the IDs come through DMA, 4 bytes a sector.
    byte[] ids = new byte[18 * 4];
    for (int r = 1; r <= 18; r++) {
      ids[(r - 1) * 4] = 2;
      ids[(r - 1) * 4 + 2] = (byte) r;
      ids[(r - 1) * 4 + 3] = 2;
    }
    m.memory().write(0xA000, ids);
    programDma(0xA000, ids.length, false);
    command(0x4D, 0x00, 2, 18, 0x6C, 0xF6);
    assertThat(result(7)[0]).isZero();
    file = Files.readAllBytes(dir.resolve("a.img"));
    for (int lba = 72; lba < 90; lba++) {
      assertThat(file[lba * 512]).as("sector %d filled", lba).isEqualTo((byte) 0xF6);
    }
    assertThat(file[90 * 512]).as("head 1 untouched").isEqualTo((byte) 90);
  }

  @Test
  void theDiskChangeLineClearsOnTheFirstStepWithADisk() throws IOException {
    startWith144(false);
    enableController();
    m.outb(0x3F2, 0x1C);
    assertThat(m.inb(0x3F7) & 0x80).isEqualTo(0x80);
    command(0x0F, 0x00, 3);
    command(0x08);
    assertThat(result(2)).containsExactly(0x20, 3);
    assertThat(m.inb(0x3F7) & 0x80).isZero();
    command(0x8F, 0x00, 2); // RELATIVE SEEK outwards by 2
    command(0x08);
    assertThat(result(2)).containsExactly(0x20, 1);
    command(0xCF, 0x04, 4); // inwards by 4, head 1
    command(0x08);
    assertThat(result(2)).containsExactly(0x24, 5);
    m.outb(0x3F2, 0x1D); // drive B: no disk, the line stays
    assertThat(m.inb(0x3F7) & 0x80).isEqualTo(0x80);
  }

  @Test
  void a720kImageIsReadAt250Kbits() throws IOException {
    start(DiskDrives.NONE.withFloppy(DiskImage.readOnly(image("b.img", 1440))));
    enableController();
    recalibrateAndSeek(0, 79);
    m.outb(0x3F7, 0x02);
    programDma(0x8000, 512, true);
    command(0xE6, 0x04, 79, 1, 9, 2, 9, 0x2A, 0xFF);
    assertThat(result(7)).containsExactly(0x04, 0x00, 0x00, 80, 0, 1, 2);
    assertThat(m.peekw(0x8000)).isEqualTo(1439);
  }

  /** A guest does what a BIOS's INT 13h does: DMA, command, HLT until IRQ 6, result. */
  @Test
  void aGuestReadsASectorWaitingForIrq6OnARealCpu() throws IOException {
    Path a = image("a.img", 2880);
    m = VddTestKit.embed(new VPic(), new VDma(), new VFlpy())
        .property(VDisk.DRIVES, DiskDrives.NONE.withFloppy(DiskImage.readOnly(a)))
        .memoryKiB(1024).builtInBios().withCpu(CpuModel.I8086).start();
    ExitStatus status = m.execute("""
                mov  word [0x38], irq6     ; INT 0Eh, IRQ 6
                mov  word [0x3A], 0
                in   al, 0x21
                and  al, 0xBF              ; unmask IRQ 6
                out  0x21, al
                mov  al, 0x06              ; DMA channel 2: 512 bytes to 0000:8000
                out  0x0A, al
                out  0x0C, al
                mov  al, 0x00
                out  0x04, al
                mov  al, 0x80
                out  0x04, al
                out  0x0C, al
                mov  al, 0xFF
                out  0x05, al
                mov  al, 0x01
                out  0x05, al
                mov  al, 0x46
                out  0x0B, al
                mov  al, 0x00
                out  0x81, al
                mov  al, 0x02
                out  0x0A, al
                mov  dx, 0x3F2             ; motor A on, drive A selected
                mov  al, 0x1C
                out  dx, al
                mov  si, cmd
                mov  cx, 9
        send:   mov  dx, 0x3F4
        ready:  in   al, dx
                and  al, 0xC0
                cmp  al, 0x80
                jne  ready
                mov  dx, 0x3F5
                lodsb
                out  dx, al
                loop send
        idle:   cli
                cmp  byte [0x500], 0
                jne  got
                sti                        ; STI; HLT: the interrupt comes during the HLT
                hlt
                jmp  idle
        got:    mov  di, 0x510
                mov  cx, 7
        recv:   mov  dx, 0x3F4
        full:   in   al, dx
                and  al, 0xC0
                cmp  al, 0xC0
                jne  full
                mov  dx, 0x3F5
                in   al, dx
                stosb
                loop recv
                jmp  done
        irq6:   push ax
                mov  byte [0x500], 1
                mov  al, 0x20
                out  0x20, al
                pop  ax
                iret
        cmd:    db   0xE6, 0x00, 0, 0, 1, 2, 1, 0x1B, 0xFF
        done:
        """);
    assertThat(status.reason()).as(status.message()).isEqualTo(ExitReason.HALTED);
    assertThat(m.peekb(0x500)).as("IRQ 6 reached INT 0Eh").isEqualTo(1);
    assertThat(m.memory().read(0x510, 7)).containsExactly(0, 0, 0, 0, 1, 1, 2);
    assertThat(m.peekw(0x8000)).isZero();
    assertThat(m.peekb(0x81FF)).isEqualTo(0x5A);
  }

  @Test
  void oneImageTwoWaysInWithTheBuiltInBios() throws IOException {
    Path a = image("a.img", 2880);
    m = VddTestKit.embed(new VVideo(), new VDisk(), new VDma(), new VFlpy())
        .property(VDisk.DRIVES, DiskDrives.NONE.withFloppy(DiskImage.writable(a)))
        .memoryKiB(1024).builtInBios().withCpu(CpuModel.I8086).start();
    assertThat(m.inb(0x3F2)).as("as the BIOS leaves it").isEqualTo(0x0C);
    assertThat(m.inb(0x3F4)).isEqualTo(0x80);
    // The controller writes C0 H0 R2 (LBA 1) ...
    m.outb(0x3F2, 0x1C);
    byte[] sector = new byte[512];
    java.util.Arrays.fill(sector, (byte) 0xA5);
    m.memory().write(0x9000, sector);
    m.outb(0x0A, 0x06).outb(0x0C, 0).outb(0x04, 0x00).outb(0x04, 0x90).outb(0x0C, 0)
        .outb(0x05, 0xFF).outb(0x05, 0x01).outb(0x0B, 0x4A).outb(0x81, 0).outb(0x0A, 0x02);
    command(0xC5, 0x00, 0, 0, 2, 2, 2, 0x1B, 0xFF);
    assertThat(result(7)[0]).isZero();
    // ... and INT 13h reads it back.
    BiosCalls calls = new BiosCalls();
    calls.call(0x13, 0x0201, 0x0000, 0x0002, 0x0000, 0x2000);
    calls.run(m);
    assertThat(BiosCalls.result(m, 0).cf()).isFalse();
    assertThat(m.peekb(0x20000)).isEqualTo(0xA5);
    assertThat(m.peekb(0x201FF)).isEqualTo(0xA5);
  }
}
