package dev.mvm.vdd.std;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvm.testkit.EmbeddedMachine;
import dev.mvm.testkit.VddTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Register-level tests of VPIC through its ports, in the real monitor: {@link IrqSource} drives
 * the IRQ lines, {@link EmbeddedMachine#intr()} shows the CPU's INTR input, {@link
 * EmbeddedMachine#acknowledge()} runs the acknowledge cycle, and the source records the ends of
 * interrupt the controller reports.
 */
class VPicTest {
  private final IrqSource lines = new IrqSource();
  private EmbeddedMachine m;

  @BeforeEach
  void start() {
    m = VddTestKit.embed(new VPic(), lines).start();
    // What a BIOS does: vectors 08h and 70h, cascade on IR2, 8086 mode, nothing masked.
    m.outb(0x20, 0x11).outb(0x21, 0x08).outb(0x21, 0x04).outb(0x21, 0x01).outb(0x21, 0x00);
    m.outb(0xA0, 0x11).outb(0xA1, 0x70).outb(0xA1, 0x02).outb(0xA1, 0x01).outb(0xA1, 0x00);
  }

  @AfterEach
  void close() {
    m.close();
  }

  private void irq(int n, boolean high) {
    lines.level(n, high);
  }

  @Test
  void edgeTriggeredIrqIsDeliveredWithItsVectorAndStaysInServiceUntilEoi() {
    irq(1, true);
    assertThat(m.intr()).isTrue();
    assertThat(m.acknowledge()).isEqualTo(0x09);
    assertThat(m.intr()).isFalse();
    m.outb(0x20, 0x0B); // OCW3: read ISR
    assertThat(m.inb(0x20)).isEqualTo(0x02);
    m.outb(0x20, 0x0A); // OCW3: read IRR
    assertThat(m.inb(0x20)).isZero();

    irq(1, false);
    irq(1, true); // a second edge while in service waits in IRR
    assertThat(m.inb(0x20)).isEqualTo(0x02);
    assertThat(m.intr()).isFalse();
    assertThat(lines.eois()).isEmpty();
    m.outb(0x20, 0x20); // non-specific EOI
    assertThat(lines.eois()).containsExactly(1);
    assertThat(m.intr()).isTrue();
  }

  @Test
  void higherPriorityInterruptsNestAndLowerOnesWait() {
    irq(3, true);
    assertThat(m.acknowledge()).isEqualTo(0x0B);
    irq(5, true);
    assertThat(m.intr()).as("IRQ 5 ranks below IRQ 3 in service").isFalse();
    irq(0, true);
    assertThat(m.intr()).as("IRQ 0 outranks IRQ 3").isTrue();
    assertThat(m.acknowledge()).isEqualTo(0x08);
    m.outb(0x20, 0x20); // ends IRQ 0, the highest in service
    assertThat(lines.eois()).containsExactly(0);
    assertThat(m.intr()).isFalse();
    m.outb(0x20, 0x63); // specific EOI for IRQ 3
    assertThat(lines.eois()).containsExactly(0, 3);
    assertThat(m.acknowledge()).isEqualTo(0x0D);
  }

  @Test
  void maskedLinesAreHeldInIrrButNotDelivered() {
    m.outb(0x21, 0x10);
    assertThat(m.inb(0x21)).isEqualTo(0x10);
    irq(4, true);
    assertThat(m.intr()).isFalse();
    assertThat(m.inb(0x20)).as("IRR").isEqualTo(0x10);
    m.outb(0x21, 0x00);
    assertThat(m.intr()).isTrue();
    assertThat(m.acknowledge()).isEqualTo(0x0C);
  }

  @Test
  void slaveIrqsArriveThroughTheCascadeAndBothChipsNeedEoi() {
    irq(12, true);
    assertThat(m.intr()).isTrue();
    assertThat(m.acknowledge()).isEqualTo(0x74);
    m.outb(0xA0, 0x0B);
    assertThat(m.inb(0xA0)).isEqualTo(0x10);
    m.outb(0x20, 0x0B);
    assertThat(m.inb(0x20)).as("the master has IR2 in service").isEqualTo(0x04);
    m.outb(0xA0, 0x20);
    assertThat(lines.eois()).containsExactly(12);
    m.outb(0x20, 0x20);
    assertThat(m.inb(0x20)).as("the master's EOI ends IR2").isZero();
    assertThat(lines.eois()).as("the cascade input is no device's line").containsExactly(12);
  }

  @Test
  void aRequestThatVanishesBeforeAcknowledgeIsSpuriousIrq7Or15() {
    irq(3, true);
    assertThat(m.intr()).isTrue();
    m.outb(0x21, 0x08); // masked after INTR was raised: the CPU still runs INTA
    assertThat(m.acknowledge()).isEqualTo(0x0F);
    m.outb(0x20, 0x0B);
    assertThat(m.inb(0x20)).as("a spurious IRQ 7 sets no ISR bit").isZero();

    m.outb(0x21, 0x00);
    assertThat(m.acknowledge()).isEqualTo(0x0B); // IRQ 3 into service
    m.outb(0x20, 0x20);
    irq(10, true);
    m.outb(0xA1, 0x04);
    assertThat(m.acknowledge()).isEqualTo(0x77);
    m.outb(0xA0, 0x0B);
    assertThat(m.inb(0xA0)).as("a spurious IRQ 15 sets no slave ISR bit").isZero();
  }

  @Test
  void automaticEoiNeedsNoEoiAndReportsTheEnd() {
    m.outb(0x20, 0x11).outb(0x21, 0x08).outb(0x21, 0x04).outb(0x21, 0x03).outb(0x21, 0x00);
    irq(6, true);
    assertThat(m.acknowledge()).isEqualTo(0x0E);
    assertThat(lines.eois()).containsExactly(6);
    m.outb(0x20, 0x0B);
    assertThat(m.inb(0x20)).isZero();
    irq(7, true);
    assertThat(m.intr()).isTrue();
  }

  @Test
  void pollModeReadsTheHighestRequestAndAcknowledgesIt() {
    // A polling CPU runs with interrupts disabled and reads the requests itself.
    irq(5, true);
    irq(3, true);
    m.outb(0x20, 0x0C); // OCW3 poll
    assertThat(m.inb(0x20)).isEqualTo(0x83);
    m.outb(0x20, 0x0B);
    assertThat(m.inb(0x20)).as("the polled level goes into service").isEqualTo(0x08);
    m.outb(0x20, 0x0C);
    assertThat(m.inb(0x20)).as("IRQ 5 ranks below IRQ 3 in service").isZero();
    m.outb(0x20, 0x20);
    m.outb(0x20, 0x0C);
    assertThat(m.inb(0x20)).isEqualTo(0x85);
    m.outb(0x20, 0x0C);
    assertThat(m.inb(0x20)).as("nothing left to poll").isZero();
  }

  @Test
  void rotationMakesTheServedLevelTheLowest() {
    irq(0, true);
    irq(4, true);
    assertThat(m.acknowledge()).isEqualTo(0x08);
    m.outb(0x20, 0xA0); // rotate on non-specific EOI: IRQ 0 becomes the lowest
    irq(0, false);
    irq(0, true);
    assertThat(m.acknowledge()).as("IRQ 4 now outranks IRQ 0").isEqualTo(0x0C);
    m.outb(0x20, 0x20);
    m.outb(0x20, 0xC0 | 5); // set priority: IRQ 5 lowest, IRQ 6 highest
    irq(6, true);
    assertThat(m.acknowledge()).isEqualTo(0x0E);
  }

  @Test
  void levelTriggeredInputsFollowTheLine() {
    m.outb(0x20, 0x19).outb(0x21, 0x08).outb(0x21, 0x04).outb(0x21, 0x01).outb(0x21, 0x00);
    irq(5, true);
    assertThat(m.inb(0x20)).isEqualTo(0x20);
    assertThat(m.intr()).isTrue();
    irq(5, false);
    assertThat(m.inb(0x20)).isZero();
    assertThat(m.intr()).isFalse();

    // The ELCR makes single inputs level-triggered on an otherwise edge-triggered chip.
    m.outb(0x20, 0x11).outb(0x21, 0x08).outb(0x21, 0x04).outb(0x21, 0x01).outb(0x21, 0x00);
    m.outb(0x4D0, 0x20);
    assertThat(m.inb(0x4D0)).isEqualTo(0x20);
    irq(5, true);
    irq(5, false);
    assertThat(m.inb(0x20)).as("a level input forgets a dropped request").isZero();
    m.outb(0x4D0, 0x07);
    assertThat(m.inb(0x4D0)).as("IRQ 0-2 cannot be level-triggered").isZero();
    irq(5, true);
    irq(5, false);
    assertThat(m.inb(0x20)).as("an edge input keeps it").isEqualTo(0x20);
    m.outb(0x4D1, 0xFF);
    assertThat(m.inb(0x4D1)).as("IRQ 8 and 13 cannot be level-triggered").isEqualTo(0xDE);
  }

  @Test
  void specialMaskModeLetsLowerLevelsInWhileTheCurrentOneIsMasked() {
    irq(3, true);
    assertThat(m.acknowledge()).isEqualTo(0x0B);
    irq(6, true);
    assertThat(m.intr()).as("IRQ 6 waits for IRQ 3").isFalse();
    m.outb(0x21, 0x08); // mask IRQ 3 (in service)
    m.outb(0x20, 0x68); // OCW3: set special mask mode
    assertThat(m.intr()).isTrue();
    assertThat(m.acknowledge()).isEqualTo(0x0E);
  }

  @Test
  void builtInBiosResetProgramsTheChipsLikeAnAtBios() {
    IrqSource source = new IrqSource();
    try (EmbeddedMachine bios = VddTestKit.embed(new VPic(), source).builtInBios().start()) {
      assertThat(bios.inb(0x21)).as("IRQ 0, 1 and 2 unmasked").isEqualTo(0xF8);
      assertThat(bios.inb(0xA1)).isEqualTo(0xFF);
      source.level(0, true);
      assertThat(bios.intr()).isTrue();
      assertThat(bios.acknowledge()).isEqualTo(0x08);
      source.level(8, true);
      assertThat(bios.acknowledge()).as("IRQ 8 is masked after POST").isEqualTo(0x0F);
    }
  }

  @Test
  void withABiosImageTheChipsPowerOnUninitialised() {
    try (EmbeddedMachine bare = VddTestKit.embed(new VPic(), new IrqSource()).start()) {
      assertThat(bare.inb(0x21)).as("no mask programmed").isZero();
      assertThat(bare.intr()).isFalse();
    }
  }
}
