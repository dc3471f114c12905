package dev.mvm.vdd.std;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mvm.api.ExitReason;
import dev.mvm.api.ExitStatus;
import dev.mvm.api.VmConfigurationException;
import dev.mvm.api.cpu.CpuModel;
import dev.mvm.api.cpu.Flags;
import dev.mvm.testkit.EmbeddedMachine;
import dev.mvm.testkit.VddTestKit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * VCMOS through ports 70h/71h in the real monitor, on virtual time: the MC146818's time and
 * date registers, SET, UIP, register C and IRQ 8, the CMOS RAM a BIOS reads, and with the
 * built-in BIOS, INT 1Ah 02h&ndash;07h and the alarm through INT 70h run by a real CPU. The
 * VM starts at the builder's default time, Saturday 2000-01-01 00:00:00.
 */
class VCmosTest {

  private static EmbeddedMachine cmos() {
    return VddTestKit.embed(new VCmos()).start();
  }

  private static int read(EmbeddedMachine m, int register) {
    return m.outb(0x70, register).inb(0x71);
  }

  private static void write(EmbeddedMachine m, int register, int value) {
    m.outb(0x70, register).outb(0x71, value);
  }

  private static String time(EmbeddedMachine m) {
    return String.format("%02X:%02X:%02X", read(m, 4), read(m, 2), read(m, 0));
  }

  @Test
  void theClockStartsAtTheStartTimeInBcd() {
    try (var m = cmos()) {
      assertThat(time(m)).isEqualTo("00:00:00");
      assertThat(read(m, 0x06)).as("Saturday; Sunday is 1").isEqualTo(7);
      assertThat(read(m, 0x07)).isEqualTo(0x01);
      assertThat(read(m, 0x08)).isEqualTo(0x01);
      assertThat(read(m, 0x09)).isEqualTo(0x00);
      assertThat(read(m, 0x32)).as("century").isEqualTo(0x20);
      assertThat(read(m, 0x0A)).isEqualTo(0x26);
      assertThat(read(m, 0x0B)).as("24-hour, BCD").isEqualTo(0x02);
      assertThat(read(m, 0x0D)).as("valid RAM and time").isEqualTo(0x80);
    }
  }

  /** Found by fuzzing: a date set centuries away overflowed the second-tick timer. */
  @Test
  void aDateCenturiesAwayStillTicksEverySecond() {
    try (var m = cmos()) {
      write(m, 0x0B, 0x82); // SET, 24-hour, BCD
      write(m, 0x32, 0x99); // the year 9999
      write(m, 0x09, 0x99);
      write(m, 0x0B, 0x12); // update interrupts on, SET off: the second timer is armed
      m.advance(Duration.ofMillis(1500));
      assertThat(read(m, 0x0C) & 0x90).as("IRQF and UF").isEqualTo(0x90);
      assertThat(read(m, 0x32)).isEqualTo(0x99);
    }
  }

  @Test
  void theClockRunsOnVirtualTimeAndRollsTheDate() {
    try (var m = cmos()) {
      m.advance(Duration.ofHours(1).plusMinutes(23).plusSeconds(45));
      assertThat(time(m)).isEqualTo("01:23:45");
      m.advance(Duration.ofHours(23));
      assertThat(time(m)).isEqualTo("00:23:45");
      assertThat(read(m, 0x07)).isEqualTo(0x02);
      assertThat(read(m, 0x06)).as("Sunday").isEqualTo(1);
    }
  }

  @Test
  void binaryModeShowsTheSameTimeAsBinaryNumbers() {
    try (var m = cmos()) {
      m.advance(Duration.ofHours(13).plusMinutes(59).plusSeconds(58));
      write(m, 0x0B, 0x06);
      assertThat(read(m, 4)).isEqualTo(13);
      assertThat(read(m, 2)).isEqualTo(59);
      assertThat(read(m, 0)).isEqualTo(58);
      assertThat(read(m, 0x32)).isEqualTo(20);
    }
  }

  @Test
  void twelveHourModeMarksPmInBit7() {
    try (var m = cmos()) {
      write(m, 0x0B, 0x00); // 12-hour, BCD
      assertThat(read(m, 4)).as("midnight is 12 AM").isEqualTo(0x12);
      m.advance(Duration.ofHours(12));
      assertThat(read(m, 4)).as("noon is 12 PM").isEqualTo(0x92);
      m.advance(Duration.ofHours(1));
      assertThat(read(m, 4)).isEqualTo(0x81);
      write(m, 0x0B, 0x04); // 12-hour, binary
      assertThat(read(m, 4)).isEqualTo(0x81);
      write(m, 4, 0x8B); // 11 PM
      write(m, 0x0B, 0x02);
      assertThat(read(m, 4)).isEqualTo(0x23);
    }
  }

  @Test
  void setFreezesTheClockAndTheGuestsTimePersistsAsAnOffset() {
    try (var m = cmos()) {
      m.advance(Duration.ofSeconds(7));
      write(m, 0x0B, 0x82); // SET
      m.advance(Duration.ofSeconds(5));
      assertThat(time(m)).as("updates stop while SET").isEqualTo("00:00:07");
      write(m, 4, 0x10);
      write(m, 2, 0x30);
      write(m, 0, 0x00);
      write(m, 0x09, 0x24);
      m.advance(Duration.ofSeconds(5));
      assertThat(time(m)).isEqualTo("10:30:00");
      write(m, 0x0B, 0x02);
      m.advance(Duration.ofSeconds(2));
      assertThat(time(m)).isEqualTo("10:30:02");
      assertThat(read(m, 0x09)).isEqualTo(0x24);
      m.advance(Duration.ofHours(1));
      assertThat(time(m)).as("the offset stays: the clock keeps running from the set time")
          .isEqualTo("11:30:02");
    }
  }

  @Test
  void aTimeRegisterWrittenWhileRunningMovesTheClock() {
    try (var m = cmos()) {
      write(m, 2, 0x45);
      m.advance(Duration.ofSeconds(3));
      assertThat(time(m)).isEqualTo("00:45:03");
      write(m, 0x08, 0x04);
      assertThat(read(m, 0x08)).isEqualTo(0x04);
      write(m, 0x07, 0x31); // April has no 31st: the write is ignored
      assertThat(read(m, 0x07)).isEqualTo(0x01);
    }
  }

  @Test
  void whileSetADateIsWrittenFieldByFieldInAnyOrder() {
    try (var m = cmos()) {
      write(m, 0x0B, 0x82);
      write(m, 0x08, 0x04);
      write(m, 0x07, 0x30); // 30 April
      write(m, 0x0B, 0x02);
      write(m, 0x0B, 0x82);
      write(m, 0x07, 0x31); // to 31 May, the day first: April has no 31st yet
      assertThat(read(m, 0x07)).as("the chip holds the day as written").isEqualTo(0x31);
      write(m, 0x08, 0x05);
      write(m, 0x0B, 0x02);
      assertThat(read(m, 0x08)).isEqualTo(0x05);
      assertThat(read(m, 0x07)).isEqualTo(0x31);

      write(m, 0x0B, 0x82);
      write(m, 0x08, 0x02); // to 29 February 2000, the month first: on the 31st
      write(m, 0x07, 0x29);
      write(m, 0x0B, 0x02);
      assertThat(read(m, 0x08)).isEqualTo(0x02);
      assertThat(read(m, 0x07)).isEqualTo(0x29);
      assertThat(read(m, 0x06)).as("Tuesday").isEqualTo(3);
    }
  }

  @Test
  void updateInProgressIsSetInTheLast244MicrosecondsOfEachSecond() {
    try (var m = cmos()) {
      m.advance(Duration.ofMillis(500));
      assertThat(read(m, 0x0A) & 0x80).isZero();
      m.advance(Duration.ofNanos(499_750_000)); // 250 us before the update
      assertThat(read(m, 0x0A) & 0x80).isZero();
      m.advance(Duration.ofNanos(10_000));
      assertThat(read(m, 0x0A)).isEqualTo(0x80 | 0x26);
      m.advance(Duration.ofNanos(240_000));
      assertThat(read(m, 0x0A) & 0x80).as("the update is done").isZero();
      assertThat(read(m, 0)).isEqualTo(0x01);
      m.advance(Duration.ofNanos(999_800_000));
      write(m, 0x0B, 0x82);
      assertThat(read(m, 0x0A) & 0x80).as("never while SET").isZero();
    }
  }

  @Test
  void registerCReportsFlagsOnceAndRaisesNoIrqWhileNoneIsEnabled() {
    try (var m = cmos()) {
      read(m, 0x0C);
      m.advance(Duration.ofMillis(1500));
      assertThat(read(m, 0x0C)).as("PF and UF, no IRQF").isEqualTo(0x50);
      assertThat(read(m, 0x0C)).as("reading clears").isZero();
      assertThat(m.irq(8).pulses()).isZero();
    }
  }

  @Test
  void periodicInterruptOnIrq8AtTheRateOfRegisterA() {
    try (var m = cmos()) {
      write(m, 0x0A, 0x2F); // rate 15: 2 Hz
      write(m, 0x0B, 0x42); // PIE
      m.advance(Duration.ofMillis(400));
      assertThat(m.irq(8).isRaised()).isFalse();
      m.advance(Duration.ofMillis(200));
      assertThat(m.irq(8).isRaised()).isTrue();
      assertThat(read(m, 0x0C)).isEqualTo(0xC0);
      assertThat(m.irq(8).isRaised()).as("reading C lowers the line").isFalse();
      m.advance(Duration.ofMillis(500));
      assertThat(m.irq(8).pulses()).isEqualTo(2);
      read(m, 0x0C);
      write(m, 0x0A, 0x26); // 1024 Hz
      m.irq(8).reset();
      m.advance(Duration.ofMillis(10));
      assertThat(m.irq(8).pulses()).as("the line stays up until C is read").isEqualTo(1);
      write(m, 0x0B, 0x02);
      assertThat(m.irq(8).isRaised()).as("disabling PIE drops the request").isFalse();
    }
  }

  @Test
  void updateEndedInterruptOncePerSecond() {
    try (var m = cmos()) {
      write(m, 0x0B, 0x12); // UIE
      m.advance(Duration.ofMillis(999));
      assertThat(m.irq(8).isRaised()).isFalse();
      m.advance(Duration.ofMillis(2));
      assertThat(m.irq(8).isRaised()).isTrue();
      assertThat(read(m, 0x0C) & 0xB0).isEqualTo(0x90);
      m.advance(Duration.ofSeconds(3));
      assertThat(m.irq(8).pulses()).isEqualTo(2);
    }
  }

  @Test
  void alarmInterruptWhenTheTimeMatches() {
    try (var m = cmos()) {
      write(m, 0x01, 0x05); // 00:00:05
      write(m, 0x03, 0x00);
      write(m, 0x05, 0x00);
      write(m, 0x0B, 0x22); // AIE
      m.advance(Duration.ofMillis(4500));
      assertThat(m.irq(8).isRaised()).isFalse();
      assertThat(read(m, 0x0C) & 0x20).isZero();
      m.advance(Duration.ofSeconds(1));
      assertThat(m.irq(8).isRaised()).isTrue();
      assertThat(read(m, 0x0C) & 0xA0).isEqualTo(0xA0);

      write(m, 0x01, 0xC0); // don't-care seconds: every second of 00:00
      m.irq(8).reset();
      m.advance(Duration.ofSeconds(1));
      read(m, 0x0C);
      m.advance(Duration.ofSeconds(1));
      read(m, 0x0C);
      assertThat(m.irq(8).pulses()).isEqualTo(2);
    }
  }

  @Test
  void cmosRamHoldsTheMemorySizesAndItsChecksum() {
    try (var m = VddTestKit.embed(new VCmos()).memoryKiB(32 * 1024).start()) {
      assertThat(read(m, 0x15) | read(m, 0x16) << 8).as("base KiB").isEqualTo(640);
      assertThat(read(m, 0x17) | read(m, 0x18) << 8).as("extended KiB").isEqualTo(31 * 1024);
      assertThat(read(m, 0x30) | read(m, 0x31) << 8).isEqualTo(31 * 1024);
      assertThat(read(m, 0x34) | read(m, 0x35) << 8).as("64 KiB above 16 MiB").isEqualTo(256);
      assertThat(read(m, 0x10)).as("no floppy images, no floppy drives").isZero();
      assertThat(read(m, 0x14) & 0xC1).as("equipment: no floppy drives").isZero();
      assertThat(read(m, 0x5B) | read(m, 0x5C) | read(m, 0x5D)).as("nothing above 4 GiB").isZero();
      assertThat(read(m, 0x5F)).as("CPUs less one").isZero();
      assertThat(checksumOk(m)).isTrue();
      write(m, 0x12, 0x0F);
      assertThat(read(m, 0x12)).isEqualTo(0x0F);
      assertThat(checksumOk(m)).as("the checksum follows a write").isTrue();
      write(m, 0x40, 0x5A);
      assertThat(read(m, 0x40)).isEqualTo(0x5A);
      write(m, 0x0D, 0x00);
      assertThat(read(m, 0x0D)).as("register D is read-only").isEqualTo(0x80);
    }
    try (var m = VddTestKit.embed(new VCmos()).memoryKiB(640)
        .property(VCmos.FLOPPY_TYPES, 0x44).start()) {
      assertThat(read(m, 0x15) | read(m, 0x16) << 8).isEqualTo(640);
      assertThat(read(m, 0x17) | read(m, 0x18) << 8).isZero();
      assertThat(read(m, 0x10)).isEqualTo(0x44);
      assertThat(read(m, 0x14) & 0xC1).as("two floppy drives").isEqualTo(0x41);
      assertThat(checksumOk(m)).isTrue();
    }
  }

  @Test
  void theFloppyTypesFollowTheImagesFormats(@TempDir Path dir) throws IOException {
    Path a = dir.resolve("a.img");
    Path b = dir.resolve("b.img");
    Files.write(a, new byte[1_474_560]);
    Files.write(b, new byte[737_280]);
    DiskDrives drives = DiskDrives.NONE.withFloppy(DiskImage.readOnly(a))
        .withFloppy(DiskImage.writable(b));
    try (var m = VddTestKit.embed(new VCmos()).property(VDisk.DRIVES, drives).start()) {
      assertThat(read(m, 0x10)).as("A: 1.44M, B: 720K").isEqualTo(0x43);
      assertThat(read(m, 0x14) & 0xC1).as("two floppy drives").isEqualTo(0x41);
      assertThat(checksumOk(m)).isTrue();
    }
    Files.write(a, new byte[2_949_120]);
    Files.write(b, new byte[368_640]);
    try (var m = VddTestKit.embed(new VCmos()).property(VDisk.DRIVES, drives).start()) {
      assertThat(read(m, 0x10)).as("A: 2.88M, B: 5.25-inch 360K").isEqualTo(0x51);
    }
    try (var m = VddTestKit.embed(new VCmos()).property(VDisk.DRIVES,
        DiskDrives.NONE.withFloppy(DiskImage.readOnly(b).withGeometry(80, 2, 15))).start()) {
      assertThat(read(m, 0x10)).as("a given 1.2M geometry, one drive").isEqualTo(0x20);
      assertThat(read(m, 0x14) & 0xC1).isEqualTo(0x01);
    }
  }

  @Test
  void theBootOrderIsWhereSeaBiosReadsItOnQemu() {
    try (var m = cmos()) {
      assertThat(read(m, 0x3D)).as("floppy, then hard disk").isEqualTo(0x21);
      assertThat(read(m, 0x38)).as("no third device, boot signature checked").isZero();
    }
    try (var m = VddTestKit.embed(new VCmos()).property(VCmos.BOOT_ORDER, "CDA").start()) {
      assertThat(read(m, 0x3D)).isEqualTo(0x32);
      assertThat(read(m, 0x38)).isEqualTo(0x10);
    }
    assertThatThrownBy(() -> VddTestKit.embed(new VCmos()).property(VCmos.BOOT_ORDER, "ax")
        .start()).isInstanceOf(VmConfigurationException.class).hasMessageContaining("'ax'");
  }

  private static boolean checksumOk(EmbeddedMachine m) {
    int sum = 0;
    for (int i = 0x10; i <= 0x2D; i++) {
      sum += read(m, i);
    }
    return (read(m, 0x2E) << 8 | read(m, 0x2F)) == sum;
  }

  @Test
  void bit7OfTheIndexMasksNmiAndTheIndexPortReadsFloating() {
    try (var m = cmos()) {
      m.outb(0x70, 0x80 | 0x0A);
      assertThat(m.inb(0x71)).as("the index is 7 bits").isEqualTo(0x26);
      assertThat(m.inb(0x70)).isEqualTo(0xFF);
    }
  }

  // ---- the built-in BIOS -----------------------------------------------------------------

  private static EmbeddedMachine bios() {
    return VddTestKit.embed(new VPic(), new VTimer(), new VCmos())
        .builtInBios().withCpu(CpuModel.I8086).start();
  }

  @Test
  void int1aReadsAndSetsTheTimeInBcd() {
    try (var m = bios()) {
      m.advance(Duration.ofSeconds(3723)); // 01:02:03
      write(m, 0x0B, 0x06); // binary mode: the BIOS still answers in BCD
      m.execute("""
              mov  ah, 0x02
              int  0x1A
              mov  [0x600], cx
              mov  [0x602], dx
              pushf
              pop  word [0x604]
              mov  ah, 0x03
              mov  cx, 0x2359
              mov  dh, 0x58
              int  0x1A
              mov  ah, 0x02
              int  0x1A
              mov  [0x606], cx
              mov  [0x608], dh
          """);
      assertThat(m.peekw(0x600)).isEqualTo(0x0102);
      assertThat(m.peekw(0x602)).isEqualTo(0x0300);
      assertThat(m.peekw(0x604) & Flags.CF).isZero();
      assertThat(m.peekw(0x606)).isEqualTo(0x2359);
      assertThat(m.peekb(0x608)).isEqualTo(0x58);
      write(m, 0x0B, 0x02);
      assertThat(time(m)).as("the chip shows the set time").isEqualTo("23:59:58");
    }
  }

  @Test
  void int1aReadsAndSetsTheDate() {
    try (var m = bios()) {
      m.execute("""
              mov  ah, 0x04
              int  0x1A
              mov  [0x600], cx
              mov  [0x602], dx
              mov  ah, 0x05
              mov  cx, 0x1999
              mov  dx, 0x1231
              int  0x1A
              mov  ah, 0x04
              int  0x1A
              mov  [0x604], cx
              mov  [0x606], dx
              mov  ah, 0x05
              mov  cx, 0x2001
              mov  dx, 0x0230      ; 30 February
              int  0x1A
              pushf
              pop  word [0x608]
          """);
      assertThat(m.peekw(0x600)).isEqualTo(0x2000);
      assertThat(m.peekw(0x602)).isEqualTo(0x0101);
      assertThat(m.peekw(0x604)).isEqualTo(0x1999);
      assertThat(m.peekw(0x606)).isEqualTo(0x1231);
      assertThat(m.peekw(0x608) & Flags.CF).as("an impossible date fails").isNotZero();
      assertThat(read(m, 0x09)).isEqualTo(0x99);
      assertThat(read(m, 0x32)).isEqualTo(0x19);
    }
  }

  @Test
  void int1aAlarmRingsThroughInt70hAndInt4Ah() {
    try (var m = bios()) {
      ExitStatus status = m.execute("""
              mov  word [0x4A*4], alarm
              mov  word [0x4A*4+2], 0
              mov  word [0x600], 0
              mov  ah, 0x06
              mov  cx, 0x0000
              mov  dh, 0x02        ; 00:00:02
              int  0x1A
              pushf
              pop  word [0x602]
              mov  ah, 0x06        ; a second alarm while one is set fails
              int  0x1A
              pushf
              pop  word [0x604]
              sti
          wait:
              hlt
              cmp  word [0x600], 0
              je   wait
              jmp  done
          alarm:
              inc  word [0x600]
              iret
          done:
              mov  ah, 0x07
              int  0x1A
          """.replace("0x4A*4+2", "0x12A").replace("0x4A*4", "0x128"));
      assertThat(status.reason()).as(status.message()).isEqualTo(ExitReason.HALTED);
      assertThat(m.peekw(0x602) & Flags.CF).isZero();
      assertThat(m.peekw(0x604) & Flags.CF).isNotZero();
      assertThat(m.peekw(0x600)).as("INT 4Ah ran once").isEqualTo(1);
      assertThat(m.now()).isBetween(Duration.ofSeconds(2), Duration.ofMillis(2100));
      assertThat(read(m, 0x0B) & 0x20).as("AH=07h turned the alarm off").isZero();
      m.outb(0xA0, 0x0B);
      assertThat(m.inb(0xA0)).as("INT 70h acknowledged the slave").isZero();
      m.outb(0x20, 0x0B);
      assertThat(m.inb(0x20)).as("and the master").isZero();
    }
  }
}
