package dev.mvm.vdd.std;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.mvm.api.ExitReason;
import dev.mvm.api.ExitStatus;
import dev.mvm.api.cpu.CpuModel;
import dev.mvm.testkit.EmbeddedMachine;
import dev.mvm.testkit.VddTestKit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * VTIMER through its ports (40h&ndash;43h and 61h) in the real monitor, on virtual time: IRQ 0
 * in every mode, latches and read-back, BCD, channel 2's gate and output in port 61h, the
 * refresh toggle and the speaker; and with the built-in BIOS, INT 08h and INT 1Ah 00h/01h run
 * by a real CPU. One input clock is 838 ns; a count of 1193 is about 1 ms.
 */
class VTimerTest {

  private static EmbeddedMachine bare() {
    return VddTestKit.embed(new VTimer()).start();
  }

  /** Programs a channel: control word, then LSB and MSB of the count. */
  private static void program(EmbeddedMachine m, int channel, int mode, int count) {
    m.outb(0x43, channel << 6 | 0x30 | mode << 1);
    m.outb(0x40 + channel, count & 0xFF).outb(0x40 + channel, count >>> 8);
  }

  /** Latches a channel's count and reads it, LSB then MSB. */
  private static int latched(EmbeddedMachine m, int channel) {
    m.outb(0x43, channel << 6);
    return m.inb(0x40 + channel) | m.inb(0x40 + channel) << 8;
  }

  private static Duration micros(long us) {
    return Duration.ofNanos(us * 1000);
  }

  /** Found by fuzzing: stopping mode 2 or 3 where the count reads 0 divided by zero later. */
  @Test
  void aGateDroppedWhereTheCountReadsZeroHoldsZero() {
    for (int mode : new int[] {2, 3}) {
      try (var m = bare()) {
        m.outb(0x61, 0x01); // gate 2 high
        program(m, 2, mode, 0); // 65536: the count reads 0 at the start of each period
        m.outb(0x61, 0x00); // gate low at once: counting stops at 0
        assertThat(latched(m, 2)).as("mode %d", mode).isZero();
        m.advance(micros(100));
        assertThat(latched(m, 2)).as("mode %d, still stopped", mode).isZero();
        m.outb(0x61, 0x01); // a rising edge restarts the period
        m.advance(micros(100));
        assertThat(latched(m, 2)).as("mode %d, counting again", mode).isNotZero();
      }
    }
  }

  @Test
  void channel0InterruptsAtProgrammedRate() {
    try (var pit = bare()) {
      pit.outb(0x43, 0x34).outb(0x40, 0x9C).outb(0x40, 0x2E); // count 11932, ~10 ms
      pit.irq(0).reset();
      pit.advance(Duration.ofMillis(35));
      assertThat(pit.irq(0).pulses()).isEqualTo(3);
    }
  }

  @Test
  void mode0RaisesIrq0OnceAtTerminalCount() {
    try (var m = bare()) {
      program(m, 0, 0, 1000); // 838 us
      assertThat(m.irq(0).isRaised()).as("OUT goes low with the control word").isFalse();
      m.irq(0).reset();
      m.advance(micros(800));
      assertThat(m.irq(0).isRaised()).isFalse();
      m.advance(micros(100));
      assertThat(m.irq(0).isRaised()).isTrue();
      assertThat(m.irq(0).pulses()).isEqualTo(1);
      m.advance(Duration.ofMillis(20));
      assertThat(m.irq(0).isRaised()).as("and stays high: no reload").isTrue();
      assertThat(m.irq(0).pulses()).isEqualTo(1);
      program(m, 0, 0, 1000);
      assertThat(m.irq(0).isRaised()).as("a new count starts it again").isFalse();
    }
  }

  @Test
  void mode1OnChannel0WaitsForAGateTriggerThatNeverComes() {
    try (var m = bare()) {
      program(m, 0, 1, 1000);
      assertThat(m.irq(0).isRaised()).as("OUT is high until a trigger").isTrue();
      m.irq(0).reset();
      m.advance(Duration.ofMillis(10));
      assertThat(m.irq(0).pulses()).isZero();
      assertThat(m.irq(0).isRaised()).isTrue();
    }
  }

  @Test
  void mode2PulsesOncePerPeriod() {
    try (var m = bare()) {
      program(m, 0, 2, 1193); // ~1 ms
      m.irq(0).reset();
      m.advance(micros(500));
      assertThat(m.irq(0).isRaised()).as("high between the one-clock low pulses").isTrue();
      assertThat(m.irq(0).pulses()).isZero();
      m.advance(micros(600));
      assertThat(m.irq(0).pulses()).isEqualTo(1);
      m.advance(Duration.ofMillis(9));
      assertThat(m.irq(0).pulses()).isEqualTo(10);
    }
  }

  @Test
  void mode3IsASquareWaveHighForHalfThePeriod() {
    try (var m = bare()) {
      program(m, 0, 3, 2386); // ~2 ms
      m.irq(0).reset();
      m.advance(micros(500));
      assertThat(m.irq(0).isRaised()).as("first half").isTrue();
      m.advance(micros(1000));
      assertThat(m.irq(0).isRaised()).as("second half").isFalse();
      assertThat(m.irq(0).pulses()).isZero();
      m.advance(micros(1000));
      assertThat(m.irq(0).isRaised()).isTrue();
      assertThat(m.irq(0).pulses()).isEqualTo(1);
      m.advance(Duration.ofMillis(18));
      assertThat(m.irq(0).pulses()).isEqualTo(10);
    }
  }

  @Test
  void mode4StrobesOnceAfterTheCount() {
    try (var m = bare()) {
      program(m, 0, 4, 1000);
      assertThat(m.irq(0).isRaised()).isTrue();
      m.irq(0).reset();
      m.advance(micros(800));
      assertThat(m.irq(0).pulses()).isZero();
      m.advance(micros(100));
      assertThat(m.irq(0).pulses()).as("one low clock, then high again").isEqualTo(1);
      assertThat(m.irq(0).isRaised()).isTrue();
      m.advance(Duration.ofMillis(100));
      assertThat(m.irq(0).pulses()).as("a single strobe").isEqualTo(1);
    }
  }

  @Test
  void mode5OnChannel2StrobesAfterTheGateRises() {
    try (var m = bare()) {
      program(m, 2, 5, 1000);
      m.advance(Duration.ofMillis(5));
      assertThat(m.inb(0x61) & 0x20).as("no trigger yet: OUT2 high").isEqualTo(0x20);
      m.outb(0x61, 0x01); // gate rises: the trigger
      long trigger = VTimer.ticksAt(m.now().toNanos());
      m.advance(Duration.ofNanos(VTimer.nanosAt(trigger + 999) - m.now().toNanos()));
      assertThat(m.inb(0x61) & 0x20).isEqualTo(0x20);
      m.advance(Duration.ofNanos(VTimer.nanosAt(trigger + 1000) - m.now().toNanos()));
      assertThat(m.inb(0x61) & 0x20).as("the strobe: one clock low at the count").isZero();
      m.advance(Duration.ofNanos(VTimer.nanosAt(trigger + 1001) - m.now().toNanos()));
      assertThat(m.inb(0x61) & 0x20).isEqualTo(0x20);
      m.outb(0x43, 0xE8); // read-back status of channel 2
      assertThat(m.inb(0x42) & 0x0E).as("mode 5").isEqualTo(0x0A);
    }
  }

  @Test
  void mode1OnChannel2IsAOneShotTriggeredByTheGate() {
    try (var m = bare()) {
      program(m, 2, 1, 1193);
      assertThat(m.inb(0x61) & 0x20).isEqualTo(0x20);
      m.outb(0x61, 0x01);
      m.advance(micros(100));
      assertThat(m.inb(0x61) & 0x20).as("OUT2 low while the shot runs").isZero();
      m.advance(Duration.ofMillis(1));
      assertThat(m.inb(0x61) & 0x20).isEqualTo(0x20);
    }
  }

  @Test
  void aLatchedCountStaysWhileTheCounterRuns() {
    try (var m = bare()) {
      program(m, 0, 2, 0); // 65536
      m.advance(Duration.ofMillis(10)); // 11932 clocks
      m.outb(0x43, 0x00);
      m.advance(Duration.ofMillis(10));
      int count = m.inb(0x40) | m.inb(0x40) << 8;
      assertThat(count).isBetween(65536 - 11933, 65536 - 11930);
      int later = latched(m, 0);
      assertThat(later).as("the second latch sees the later count").isBetween(65536 - 23865, 65536 - 23860);
    }
  }

  @Test
  void readBackLatchesStatusThenCount() {
    try (var m = bare()) {
      program(m, 0, 2, 1193);
      m.advance(micros(300));
      m.outb(0x43, 0xC2); // read-back: count and status of channel 0
      int status = m.inb(0x40);
      assertThat(status).as("OUT high, count loaded, LSB/MSB, mode 2, binary").isEqualTo(0xB4);
      int count = m.inb(0x40) | m.inb(0x40) << 8;
      assertThat(count).isBetween(1193 - 360, 1193 - 356);

      m.outb(0x43, 0xB6); // channel 2, mode 3, before any count
      m.outb(0x43, 0xE8); // read-back: status only of channel 2
      assertThat(m.inb(0x42))
          .as("OUT high from the control word, null count until a count is written")
          .isEqualTo(0x80 | 0x40 | 0x36);
    }
  }

  /** SeaBIOS on a CPU without a TSC times itself with read-back D2h: the count of channel 0. */
  @Test
  void readBackOfTheCountAloneAsSeaBiosTimesItself() {
    try (var m = bare()) {
      m.outb(0x43, 0x34).outb(0x40, 0).outb(0x40, 0); // mode 2, count 65536, as clock_setup
      m.advance(micros(1000)); // 1193 clocks
      m.outb(0x43, 0xD2);
      int first = m.inb(0x40) | m.inb(0x40) << 8;
      assertThat(first).isBetween(65536 - 1196, 65536 - 1190);
      m.advance(micros(1000));
      m.outb(0x43, 0xD2);
      int second = m.inb(0x40) | m.inb(0x40) << 8;
      assertThat(first - second).as("the count went on").isBetween(1190, 1196);
      m.outb(0x43, 0xD2).outb(0x43, 0xD2); // a second latch before reading keeps the first
      m.advance(micros(500));
      int third = m.inb(0x40) | m.inb(0x40) << 8;
      assertThat(second - third).isBetween(0, 2);
    }
  }

  @Test
  void lsbOnlyAndMsbOnlyAccess() {
    try (var m = bare()) {
      m.outb(0x43, 0x14).outb(0x40, 200); // channel 0, LSB only, mode 2
      m.advance(micros(50)); // ~60 clocks
      int lsb = m.inb(0x40);
      assertThat(lsb).isBetween(200 - 61, 200 - 57);
      assertThat(m.inb(0x40)).as("every read is the LSB").isBetween(200 - 61, 200 - 57);
      m.outb(0x43, 0x24).outb(0x40, 0x10); // MSB only: count 1000h
      m.advance(micros(1));
      assertThat(m.inb(0x40)).isEqualTo(0x0F);
    }
  }

  @Test
  void bcdCountsInDecimalDigits() {
    try (var m = bare()) {
      m.outb(0x43, 0x35).outb(0x40, 0x00).outb(0x40, 0x10); // mode 2, BCD, count 1000
      m.advance(micros(84)); // ~100 clocks
      int bcd = latched(m, 0);
      for (int shift = 0; shift < 16; shift += 4) {
        assertThat(bcd >>> shift & 0xF).as("digit at bit %d of %04X", shift, bcd).isLessThanOrEqualTo(9);
      }
      int decimal = Integer.parseInt(Integer.toHexString(bcd));
      assertThat(decimal).isBetween(898, 902);
      m.irq(0).reset();
      m.advance(Duration.ofNanos(838_096L * 10)); // ten periods of 1000 clocks
      assertThat(m.irq(0).pulses()).as("the period is 1000, not 1000h").isEqualTo(10);
    }
  }

  @Test
  void channel2GateIsPort61Bit0AndOut2ReadsBackInBit5() {
    try (var m = bare()) {
      program(m, 2, 0, 1000);
      m.advance(Duration.ofMillis(5));
      assertThat(m.inb(0x61) & 0x20).as("gate low: channel 2 does not count").isZero();
      m.outb(0x61, 0x01);
      assertThat(m.inb(0x61) & 0x03).as("bits 0-1 read back as written").isEqualTo(0x01);
      m.advance(micros(500));
      assertThat(m.inb(0x61) & 0x20).isZero();
      m.advance(micros(400));
      assertThat(m.inb(0x61) & 0x20).as("terminal count").isEqualTo(0x20);

      program(m, 2, 3, 2386); // square wave, ~2 ms, gate still high
      m.advance(micros(1500));
      assertThat(m.inb(0x61) & 0x20).as("second half of the wave").isZero();
      m.outb(0x61, 0x00);
      assertThat(m.inb(0x61) & 0x20).as("gate low forces OUT high in mode 3").isEqualTo(0x20);
    }
  }

  @Test
  void refreshToggleFlipsEvery15Microseconds() {
    try (var m = bare()) {
      int first = m.inb(0x61) & 0x10;
      m.advance(Duration.ofNanos(15_085));
      int second = m.inb(0x61) & 0x10;
      m.advance(Duration.ofNanos(15_085));
      int third = m.inb(0x61) & 0x10;
      assertThat(second).isNotEqualTo(first);
      assertThat(third).isEqualTo(first);
      m.outb(0x61, 0xFF);
      assertThat(m.inb(0x61) & 0xC0).as("only bits 0-3 are written").isZero();
    }
  }

  @Test
  void speakerSoundsWhileChannel2RunsMode3WithGateAndDataBitOn() {
    try (var m = bare()) {
      PcSpeaker speaker = m.device(PcSpeaker.class);
      List<PcSpeaker.State> events = new ArrayList<>();
      speaker.addListener(events::add);
      assertThat(speaker.state().sounding()).isFalse();

      program(m, 2, 3, 1193); // 1000.15 Hz
      m.outb(0x61, 0x01);
      assertThat(events).as("gate alone is silent").isEmpty();
      m.advance(Duration.ofMillis(3));
      m.outb(0x61, 0x03);
      assertThat(events).hasSize(1);
      assertThat(events.get(0).sounding()).isTrue();
      assertThat(events.get(0).frequencyHz()).isCloseTo(3_579_545.0 / 3 / 1193, within(1e-6));
      assertThat(events.get(0).virtualNanos()).isEqualTo(m.now().toNanos());
      assertThat(speaker.state()).isEqualTo(events.get(0));

      m.outb(0x42, 596 & 0xFF).outb(0x42, 596 >>> 8); // a new pitch while it sounds
      assertThat(events).hasSize(2);
      assertThat(events.get(1).frequencyHz()).isCloseTo(3_579_545.0 / 3 / 596, within(1e-6));

      m.outb(0x61, 0x01);
      assertThat(events).hasSize(3);
      assertThat(events.get(2).sounding()).isFalse();
      assertThat(events.get(2).frequencyHz()).isZero();
    }
  }

  @Test
  void theBasePortsAreProperties() {
    try (var m = VddTestKit.embed(new VTimer()).property(VTimer.BASE, 0x340).start()) {
      m.outb(0x343, 0x34).outb(0x340, 0x9C).outb(0x340, 0x2E);
      m.irq(0).reset();
      m.advance(Duration.ofMillis(25));
      assertThat(m.irq(0).pulses()).isEqualTo(2);
      assertThat(m.inb(0x40)).as("nothing at 40h now").isEqualTo(0xFF);
    }
  }

  // ---- the built-in BIOS ---------------------------------------------------------------

  private static EmbeddedMachine bios() {
    return VddTestKit.embed(new VPic(), new VTimer()).builtInBios().withCpu(CpuModel.I8086).start();
  }

  @Test
  void builtInBiosRunsChannel0At18Point2Hz() {
    try (var m = bios()) {
      m.irq(0).reset();
      m.advance(Duration.ofSeconds(10));
      assertThat(m.irq(0).pulses()).isBetween(182, 183);
    }
  }

  @Test
  void irq0ThroughInt08hCountsTicksAndCallsInt1Ch() {
    try (var m = bios()) {
      ExitStatus status = m.execute("""
              mov  word [0x70], hook      ; INT 1Ch: the user timer hook counts too
              mov  word [0x72], 0
              mov  word [0x600], 0
              sti
              nop                        ; POST's programming left IRQ 0 pending: taken here
              mov  word [0x46C], 0
              mov  word [0x600], 0
              mov  cx, 3
          wait:
              hlt                        ; until IRQ 0
              loop wait
              jmp  done
          hook:
              inc  word [0x600]
              iret
          done:
          """);
      assertThat(status.reason()).as(status.message()).isEqualTo(ExitReason.HALTED);
      assertThat(m.memory().readDword(0x46C)).isEqualTo(3);
      assertThat(m.peekw(0x600)).as("INT 1Ch ran each tick").isEqualTo(3);
      m.outb(0x20, 0x0B);
      assertThat(m.inb(0x20)).as("INT 08h acknowledged each interrupt").isZero();
      assertThat(m.now()).as("three ticks of 54.9 ms")
          .isBetween(Duration.ofMillis(164), Duration.ofMillis(166));
    }
  }

  @Test
  void int08hWrapsAtMidnightAndSetsTheFlag() {
    try (var m = bios()) {
      m.memory().writeDword(0x46C, VTimer.TICKS_PER_DAY - 1);
      m.execute("int 0x08");
      assertThat(m.memory().readDword(0x46C)).isZero();
      assertThat(m.peekb(0x470)).isEqualTo(1);
    }
  }

  @Test
  void int1aReadsAndSetsTheTickCount() {
    try (var m = bios()) {
      m.memory().writeDword(0x46C, 0x0012_3456);
      m.poke(0x470, 1);
      m.execute("""
              mov  ah, 0x00
              int  0x1A
              mov  [0x600], cx
              mov  [0x602], dx
              mov  [0x604], al
              mov  ah, 0x00
              int  0x1A           ; the flag was cleared by the first read
              mov  [0x605], al
              mov  ah, 0x01
              mov  cx, 0x000F
              mov  dx, 0x4240
              int  0x1A
          """);
      assertThat(m.peekw(0x600)).isEqualTo(0x0012);
      assertThat(m.peekw(0x602)).isEqualTo(0x3456);
      assertThat(m.peekb(0x604)).as("midnight flag").isEqualTo(1);
      assertThat(m.peekb(0x605)).isZero();
      assertThat(m.memory().readDword(0x46C)).isEqualTo(0x000F_4240);
      assertThat(m.peekb(0x470)).isZero();
    }
  }

  @Test
  void withoutTheBuiltInBiosThereAreNoTimerServices() {
    try (var m = VddTestKit.embed(new VTimer()).withCpu(CpuModel.I8086).start()) {
      assertThat(m.inb(0x40)).as("channel 0 not started").isZero();
      m.irq(0).reset();
      m.advance(Duration.ofMillis(100));
      assertThat(m.irq(0).pulses()).isZero();
    }
  }
}
