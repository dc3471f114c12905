package dev.mvm.vdd.std;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvm.api.Personality;
import dev.mvm.api.Vm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parallel port: the chip model by offsets, then VLPT with INT 17h on a fake machine. */
class VLptTest {
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

  private FakeContext machine(OutputStream stream) {
    FakeContext m = new FakeContext(Vm.builder().personality(Personality.BARE_MACHINE)
        .memoryMiB(1).property(VLpt.OUTPUT, stream));
    VLpt vlpt = new VLpt();
    vlpt.attach(m);
    vlpt.reset();
    return m;
  }

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
    FakeContext m = machine(printed);
    m.out(0x378, 'A');
    m.out(0x37A, 0x1D); // IRQ enable, select, init high, strobe
    m.out(0x37A, 0x1C);
    assertThat(printed.toString(StandardCharsets.US_ASCII)).isEqualTo("A");
    assertThat(m.in(0x379) & Lpt.NOT_ACK).as("acknowledging").isZero();
    assertThat(m.irqLine(7).raises).isZero();
    m.advance(VLpt.ACK_NANOS);
    assertThat(m.in(0x379) & Lpt.NOT_ACK).isNotZero();
    assertThat(m.irqLine(7).raises).isEqualTo(1);
    m.out(0x37A, 0x0D);
    m.out(0x37A, 0x0C);
    m.advance(VLpt.ACK_NANOS);
    assertThat(m.irqLine(7).raises).as("IRQ disabled").isEqualTo(1);
    assertThat(printed.toString(StandardCharsets.US_ASCII)).isEqualTo("AA");
  }

  @Test
  void biosPrintsAndReportsStatus() {
    FakeContext m = machine(printed);
    assertThat(m.readWord(0x408)).isEqualTo(0x378);
    assertThat(m.readWord(0x410) >>> 14).isEqualTo(1);
    for (char c : "OK\r\n".toCharArray()) {
      m.regs.setDx(0);
      m.regs.setAx(c);
      m.interrupt(0x17);
      assertThat(m.regs.ah() & 0xB9).as("selected, not busy, no error").isEqualTo(0x90);
    }
    assertThat(printed.toString(StandardCharsets.US_ASCII)).isEqualTo("OK\r\n");
    m.advance(VLpt.ACK_NANOS);
    m.regs.setAx(0x0200);
    m.interrupt(0x17);
    assertThat(m.regs.ah()).isEqualTo(0x90);
    m.regs.setAx(0x0100);
    m.interrupt(0x17);
    assertThat(m.regs.ah()).isEqualTo(0x90);
    assertThat(m.in(0x37A) & 0x0C).isEqualTo(0x0C);
  }

  @Test
  void missingPrintersLeaveTheRegistersAlone() {
    FakeContext m = machine(printed);
    m.regs.setDx(1);
    m.regs.setAx(0x0041);
    m.interrupt(0x17);
    assertThat(m.regs.ax()).isEqualTo(0x0041);
    assertThat(printed.size()).isZero();
  }

  @Test
  void aFailingHostStreamBecomesAPrinterFault() {
    FakeContext m = machine(new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("disk full");
      }
    });
    m.regs.setDx(0);
    m.regs.setAx(0x0041);
    m.interrupt(0x17);
    m.regs.setAx(0x0042);
    m.interrupt(0x17);
    assertThat(m.regs.ah() & 0x01).as("time-out: busy").isEqualTo(1);
    assertThat(m.regs.ah() & 0x28).as("paper end and error").isEqualTo(0x28);
  }
}
