package dev.mvm.vdd.std;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteQueueTest {

  @Test
  void growsAsBytesPileUpAndKeepsTheirOrder() {
    ByteQueue q = new ByteQueue(1000);
    for (int i = 0; i < 700; i++) {
      q.add(i);
    }
    assertThat(q.available()).isEqualTo(700);
    for (int i = 0; i < 700; i++) {
      assertThat(q.read()).isEqualTo(i & 0xFF);
    }
  }

  @Test
  void growsWhileWrappedAroundTheRing() {
    ByteQueue q = new ByteQueue(1000);
    for (int i = 0; i < 50; i++) {
      q.add(i);
    }
    for (int i = 0; i < 40; i++) {
      assertThat(q.read()).isEqualTo(i);
    }
    for (int i = 50; i < 300; i++) {
      q.add(i);
    }
    for (int i = 40; i < 300; i++) {
      assertThat(q.read()).isEqualTo(i & 0xFF);
    }
  }

  @Test
  void dropsTheOldestBeyondTheLimit() {
    ByteQueue q = new ByteQueue(1000);
    for (int i = 0; i < 3000; i++) {
      q.add(i % 251);
    }
    q.end();
    assertThat(q.available()).isEqualTo(1000);
    byte[] b = new byte[2000];
    assertThat(q.read(b, 0, b.length)).isEqualTo(1000);
    assertThat(b[0] & 0xFF).isEqualTo(2000 % 251);
    assertThat(b[999] & 0xFF).isEqualTo(2999 % 251);
    assertThat(q.read()).isEqualTo(-1);
  }
}
