package dev.mvm.vdd.std;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvm.api.cpu.CpuModel;
import dev.mvm.testkit.EmbeddedMachine;
import dev.mvm.testkit.VddTestKit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The parallel port: the chip model by offsets, then VLPT in the real monitor, through its
 * ports and IRQ 7, and INT 17h of the built-in BIOS called by a real CPU.
 */
class VLptTest {
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

  private static EmbeddedMachine machine(OutputStream stream) {
    return VddTestKit.embed(new VLpt()).property(VLpt.OUTPUT, stream)
        .builtInBios().withCpu(CpuModel.I8086).start();
  }

  /**
   * Calls INT 17h once for each AX, with DX, in one snippet (a machine runs one snippet: it
   * ends halted), and returns AX after each call.
   */
  private static int[] int17(EmbeddedMachine m, int dx, int... ax) {
    StringBuilder code = new StringBuilder();
    for (int i = 0; i < ax.length; i++) {
      code.append(String.format("mov ax, 0x%04X%nmov dx, %d%nint 0x17%nmov [0x%X], ax%n",
          ax[i], dx, 0x600 + 2 * i));
    }
    m.execute(code.toString());
    int[] result = new int[ax.length];
    for (int i = 0; i < ax.length; i++) {
      result[i] = m.peekw(0x600 + 2 * i);
    }
    return result;
  }

  private static final Duration ACK = Duration.ofNanos(VLpt.ACK_NANOS);

  @Test
  void aByteIsPrintedWhenTheStrobeEnds() {
    List<Integer> out = new ArrayList<>();
    Lpt lpt = new Lpt(out::add);
    lpt.write(Lpt.DATA, 'P');
    assertThat(lpt.read(Lpt.DATA)).isEqualTo('P');
    assertThat(lpt.write(Lpt.CONTROL, 0x0D)).isFalse();
    assertThat(out).isEmpty();
    assertThat(lpt.write(Lpt.CONTROL, 0x0C)).isTrue();
    assertThat(out).containsExactly((int) 'P');
    assertThat(lpt.write(Lpt.CONTROL, 0x0C)).as("no second strobe").isFalse();
    assertThat(lpt.read(Lpt.CONTROL)).isEqualTo(0xEC);
  }

  @Test
  void statusShowsAReadyPrinterTheAckPulseAndAFault() {
    Lpt lpt = new Lpt(b -> {});
    assertThat(lpt.read(Lpt.STATUS)).isEqualTo(0xDF);
    lpt.setAcknowledge(true);
    assertThat(lpt.read(Lpt.STATUS)).isEqualTo(0x9F);
    lpt.setAcknowledge(false);
    lpt.setFault(true);
    assertThat(lpt.read(Lpt.STATUS) & (Lpt.NOT_BUSY | Lpt.NOT_ERROR | Lpt.SELECTED)).isZero();
    assertThat(lpt.read(Lpt.STATUS) & Lpt.PAPER_END).isNotZero();
  }

  @Test
  void strobedBytesReachTheHostStreamAndAckRaisesIrq7WhenEnabled() {
    try (var m = machine(printed)) {
      m.outb(0x378, 'A');
      m.outb(0x37A, 0x1D); // IRQ enable, select, init high, strobe
      m.outb(0x37A, 0x1C);
      assertThat(printed.toString(StandardCharsets.US_ASCII)).isEqualTo("A");
      assertThat(m.inb(0x379) & Lpt.NOT_ACK).as("acknowledging").isZero();
      assertThat(m.irq(7).pulses()).isZero();
      m.advance(ACK);
      assertThat(m.inb(0x379) & Lpt.NOT_ACK).isNotZero();
      assertThat(m.irq(7).pulses()).isEqualTo(1);
      m.outb(0x37A, 0x0D);
      m.outb(0x37A, 0x0C);
      m.advance(ACK);
      assertThat(m.irq(7).pulses()).as("IRQ disabled").isEqualTo(1);
      assertThat(printed.toString(StandardCharsets.US_ASCII)).isEqualTo("AA");
    }
  }

  @Test
  void biosPrintsAndReportsStatus() {
    try (var m = machine(printed)) {
      assertThat(m.peekw(0x408)).as("LPT1 in the BIOS data area").isEqualTo(0x378);
      assertThat(m.peekw(0x410) >>> 14).as("one printer in the equipment word").isEqualTo(1);
      int[] ax = int17(m, 0, 'O', 'K', '\r', '\n', 0x0200, 0x0100);
      for (int i = 0; i < 4; i++) {
        assertThat(ax[i] >>> 8 & 0xB9).as("selected, not busy, no error").isEqualTo(0x90);
      }
      assertThat(printed.toString(StandardCharsets.US_ASCII)).isEqualTo("OK\r\n");
      // The last byte's acknowledge pulse (bit 6) may still run: 5 us of virtual time.
      assertThat(ax[4] >>> 8 & ~0x40).as("status").isEqualTo(0x90);
      assertThat(ax[5] >>> 8 & ~0x40).as("initialise").isEqualTo(0x90);
      m.advance(ACK);
      assertThat(m.inb(0x379)).as("ready, selected, no error, ACK over").isEqualTo(0xDF);
      assertThat(m.inb(0x37A) & 0x0C).isEqualTo(0x0C);
    }
  }

  @Test
  void missingPrintersLeaveTheRegistersAlone() {
    try (var m = machine(printed)) {
      assertThat(int17(m, 1, 0x0041)).containsExactly(0x0041);
      assertThat(printed.size()).isZero();
    }
  }

  @Test
  void aFailingHostStreamBecomesAPrinterFault() {
    try (var m = machine(new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("disk full");
      }
    })) {
      int ah = int17(m, 0, 0x0041, 0x0042)[1] >>> 8;
      assertThat(ah & 0x01).as("time-out: busy").isEqualTo(1);
      assertThat(ah & 0x28).as("paper end and error").isEqualTo(0x28);
      assertThat(m.inb(0x379) & (Lpt.NOT_ERROR | Lpt.PAPER_END)).as("the status port shows the fault")
          .isEqualTo(Lpt.PAPER_END);
    }
  }

  @Test
  void withoutTheBuiltInBiosThereIsNoInt17hNorBdaEntry() {
    try (var m = VddTestKit.embed(new VLpt()).property(VLpt.OUTPUT, printed).start()) {
      assertThat(m.peekw(0x408)).isZero();
      m.outb(0x378, 'Z').outb(0x37A, 0x0D).outb(0x37A, 0x0C);
      assertThat(printed.toString(StandardCharsets.US_ASCII)).isEqualTo("Z");
    }
  }
}
