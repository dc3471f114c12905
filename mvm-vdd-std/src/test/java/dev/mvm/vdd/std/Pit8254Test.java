package dev.mvm.vdd.std;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Register-level tests of the 8254 model, with time given in input clock ticks. */
class Pit8254Test {
  private final Pit8254 pit = new Pit8254();

  /** Programs a counter: control word for LSB-then-MSB access, then the count. */
  private Pit8254.Counter program(int counter, int mode, int count, long now) {
    pit.writeControl(counter << 6 | 0x30 | mode << 1, now);
    Pit8254.Counter c = pit.counters[counter];
    c.write(count & 0xFF, now);
    c.write(count >>> 8, now);
    return c;
  }

  private int readCount(Pit8254.Counter c, long now) {
    return c.read(now) | c.read(now) << 8;
  }

  @Test
  void mode0RaisesOutAtTerminalCountAndKeepsCounting() {
    pit.writeControl(0x30, 0);
    Pit8254.Counter c = pit.counters[0];
    assertThat(c.out(0)).as("OUT goes low when mode 0 is set").isFalse();
    c.write(100, 0);
    c.write(0, 0);
    assertThat(readCount(c, 40)).isEqualTo(60);
    assertThat(c.out(99)).isFalse();
    assertThat(c.nextTransition(10)).isEqualTo(100);
    assertThat(c.out(100)).isTrue();
    assertThat(c.out(5000)).isTrue();
    assertThat(readCount(c, 101)).as("the count wraps past zero").isEqualTo(0xFFFF);
    assertThat(c.nextTransition(101)).isEqualTo(-1);
  }

  @Test
  void mode0GateLowPausesCounting() {
    Pit8254.Counter c = program(2, 0, 50, 0);
    c.setGate(false, 10);
    assertThat(readCount(c, 30)).isEqualTo(40);
    assertThat(c.nextTransition(30)).isEqualTo(-1);
    c.setGate(true, 30);
    assertThat(c.nextTransition(30)).isEqualTo(70);
    assertThat(c.out(69)).isFalse();
    assertThat(c.out(70)).isTrue();
  }

  @Test
  void mode1IsAOneShotTriggeredByTheGate() {
    pit.counters[1].setGate(false, 0);
    Pit8254.Counter c = program(1, 1, 20, 0);
    assertThat(c.out(5)).as("high until triggered").isTrue();
    assertThat(c.nextTransition(5)).isEqualTo(-1);
    c.setGate(true, 10);
    assertThat(c.out(10)).isFalse();
    assertThat(c.out(29)).isFalse();
    assertThat(c.out(30)).isTrue();
    c.setGate(false, 35);
    c.setGate(true, 40); // retrigger
    assertThat(c.out(41)).isFalse();
    assertThat(c.nextTransition(41)).isEqualTo(60);
  }

  @Test
  void mode2PulsesOutLowForOneTickEachPeriod() {
    Pit8254.Counter c = program(0, 2, 10, 0);
    assertThat(c.out(0)).isTrue();
    assertThat(readCount(c, 3)).isEqualTo(7);
    assertThat(c.out(8)).isTrue();
    assertThat(c.out(9)).as("low while the count is 1").isFalse();
    assertThat(c.out(10)).isTrue();
    assertThat(readCount(c, 10)).as("reloaded").isEqualTo(10);
    assertThat(c.nextTransition(0)).isEqualTo(9);
    assertThat(c.nextTransition(9)).isEqualTo(10);
    assertThat(c.nextTransition(10)).isEqualTo(19);
  }

  @Test
  void mode2NewCountTakesEffectAtTheEndOfThePeriod() {
    Pit8254.Counter c = program(0, 2, 10, 0);
    c.write(4, 3);
    c.write(0, 3);
    assertThat(readCount(c, 5)).isEqualTo(5);
    assertThat(c.nextTransition(5)).isEqualTo(9);
    assertThat(c.out(10)).isTrue();
    assertThat(readCount(c, 11)).isEqualTo(3);
    assertThat(c.out(13)).isFalse();
    assertThat(c.out(14)).isTrue();
  }

  @Test
  void mode3IsASquareWave() {
    Pit8254.Counter c = program(0, 3, 10, 0);
    assertThat(c.out(4)).isTrue();
    assertThat(c.out(5)).isFalse();
    assertThat(c.out(10)).isTrue();
    assertThat(readCount(c, 2)).as("counts down by two").isEqualTo(6);
    assertThat(c.nextTransition(0)).isEqualTo(5);
    assertThat(c.nextTransition(5)).isEqualTo(10);

    Pit8254.Counter odd = program(1, 3, 7, 0);
    assertThat(odd.out(3)).as("an odd count is high one tick longer").isTrue();
    assertThat(odd.out(4)).isFalse();
    assertThat(odd.out(7)).isTrue();
  }

  @Test
  void mode3CountZeroMeans65536() {
    Pit8254.Counter c = program(0, 3, 0, 0);
    assertThat(c.nextTransition(0)).isEqualTo(32768);
    assertThat(c.nextTransition(32768)).isEqualTo(65536);
  }

  @Test
  void mode2And3StopWithGateLowAndRestartOnItsRise() {
    Pit8254.Counter c = program(2, 3, 100, 0);
    c.setGate(true, 0);
    assertThat(c.out(60)).isFalse();
    c.setGate(false, 60);
    assertThat(c.out(60)).as("gate low forces OUT high").isTrue();
    assertThat(c.nextTransition(60)).isEqualTo(-1);
    c.setGate(true, 200);
    assertThat(c.nextTransition(200)).isEqualTo(250);
  }

  @Test
  void mode4StrobesOnceAtTerminalCount() {
    Pit8254.Counter c = program(0, 4, 30, 0);
    assertThat(c.out(29)).isTrue();
    assertThat(c.out(30)).isFalse();
    assertThat(c.out(31)).isTrue();
    assertThat(c.nextTransition(31)).isEqualTo(-1);
  }

  @Test
  void mode5StrobesAfterAGateTrigger() {
    pit.counters[2].setGate(false, 0);
    Pit8254.Counter c = program(2, 5, 8, 0);
    assertThat(c.nextTransition(3)).isEqualTo(-1);
    c.setGate(true, 10);
    assertThat(c.out(17)).isTrue();
    assertThat(c.out(18)).isFalse();
    assertThat(c.out(19)).isTrue();
  }

  @Test
  void latchCommandFreezesTheValueUntilBothBytesAreRead() {
    Pit8254.Counter c = program(0, 2, 1000, 0);
    pit.writeControl(0x00, 100); // latch counter 0
    pit.writeControl(0x00, 300); // ignored: already latched
    assertThat(c.read(500)).isEqualTo(900 & 0xFF);
    assertThat(c.read(600)).isEqualTo(900 >>> 8);
    assertThat(readCount(c, 700)).isEqualTo(300);
  }

  @Test
  void readBackLatchesStatusThenCount() {
    Pit8254.Counter c = program(1, 4, 500, 0);
    pit.writeControl(0xC0 | 0x04, 200); // read-back, count and status, counter 1
    int status = c.read(210);
    assertThat(status & 0x80).as("OUT high").isEqualTo(0x80);
    assertThat(status & 0x40).as("count loaded").isZero();
    assertThat(status & 0x3F).isEqualTo(0x30 | 4 << 1);
    assertThat(readCount(c, 220)).isEqualTo(300);

    pit.writeControl(0x70 | 3 << 1, 300); // counter 1, mode 3, no count yet
    pit.writeControl(0xE0 | 0x04, 300); // read-back status only
    assertThat(c.read(300) & 0x40).as("NULL COUNT until a count is written").isEqualTo(0x40);
  }

  @Test
  void bcdCountsInDecimal() {
    pit.writeControl(0x34 | 1, 0); // counter 0, LSB/MSB, mode 2, BCD
    Pit8254.Counter c = pit.counters[0];
    c.write(0x00, 0);
    c.write(0x10, 0); // 1000 decimal
    assertThat(readCount(c, 1)).isEqualTo(0x0999);
    assertThat(c.nextTransition(0)).isEqualTo(999);

    pit.writeControl(0x30 | 1, 0); // mode 0, BCD, count 0 = 10000
    c.write(0, 0);
    c.write(0, 0);
    assertThat(readCount(c, 1)).isEqualTo(0x9999);
    assertThat(c.nextTransition(1)).isEqualTo(10000);
  }

  @Test
  void lsbAndMsbOnlyAccessModes() {
    pit.writeControl(0x10 | 2 << 1, 0); // counter 0, LSB only, mode 2
    Pit8254.Counter c = pit.counters[0];
    c.write(0x80, 0);
    assertThat(c.read(0x10)).isEqualTo(0x70);
    pit.writeControl(0x20 | 2 << 1, 0); // MSB only
    c.write(0x02, 0); // count 0x200
    assertThat(c.read(0x100)).isEqualTo(0x01);
  }
}
