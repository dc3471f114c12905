package dev.mvm.vdd.std;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mvm.api.Personality;
import dev.mvm.api.Vm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** VCOM on a fake machine: ports, pacing on virtual time, IRQs, host streams and INT 14h. */
class VComTest {
  private static final long CHAR_9600 = 1_041_666;
  private FakeContext m;
  private VCom vcom;
  private SerialPorts host;

  @BeforeEach
  void attach() {
    m = new FakeContext(Vm.builder().personality(Personality.BARE_MACHINE).memoryMiB(1));
    vcom = new VCom();
    vcom.attach(m);
    vcom.reset();
    host = m.facet(SerialPorts.class);
  }

  /** 9600 baud, 8N1, at a base port. */
  private void program(int base) {
    m.out(base + 3, 0x83);
    m.out(base, 12);
    m.out(base + 1, 0);
    m.out(base + 3, 0x03);
  }

  @Test
  void dataAreaListsThePorts() {
    assertThat(m.readWord(0x400)).isEqualTo(0x3F8);
    assertThat(m.readWord(0x402)).isEqualTo(0x2F8);
    assertThat(m.readWord(0x404)).isEqualTo(0x3E8);
    assertThat(m.readWord(0x406)).isEqualTo(0x2E8);
    assertThat((m.readWord(0x410) >>> 9) & 7).isEqualTo(4);
    assertThat(host.count()).isEqualTo(4);
    assertThatThrownBy(() -> host.port(5)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theBuiltInBiosLeavesThePortsAt9600Baud8N1() {
    assertThat(m.in(0x3FB)).isEqualTo(0x03);
    m.out(0x3FB, 0x83);
    assertThat(m.in(0x3F8) | m.in(0x3F9) << 8).isEqualTo(12);
  }

  @Test
  void transmittedBytesReachTheHostAtLineSpeed() throws IOException {
    program(0x3F8);
    m.out(0x3F8, 'H');
    m.out(0x3F8, 'i');
    assertThat(host.port(1).fromGuest().available()).isZero();
    m.advance(CHAR_9600);
    assertThat(host.port(1).fromGuest().available()).isEqualTo(1);
    assertThat(m.in(0x3FD) & Uart16550.THRE).as("the second is in the shift register").isNotZero();
    m.advance(CHAR_9600);
    assertThat(new String(host.port(1).fromGuest().readNBytes(2), StandardCharsets.US_ASCII))
        .isEqualTo("Hi");
    assertThat(m.in(0x3FD) & Uart16550.TEMT).isNotZero();
  }

  @Test
  void hostBytesArriveOneCharacterTimeApartAndRaiseTheIrqThroughOut2() throws IOException {
    program(0x2F8);
    m.out(0x2F9, 0x01); // received data interrupt
    host.port(2).toGuest().write(new byte[] {'o', 'k'});
    m.runPosted();
    assertThat(m.in(0x2FD) & Uart16550.DR).isZero();
    m.advance(CHAR_9600);
    assertThat(m.in(0x2FD) & Uart16550.DR).isNotZero();
    assertThat(m.irqLine(3).raised).as("OUT2 off: no IRQ").isFalse();
    m.out(0x2FC, Uart16550.OUT2);
    assertThat(m.irqLine(3).raised).isTrue();
    assertThat(m.in(0x2FA)).isEqualTo(Uart16550.IIR_RECEIVED_DATA);
    assertThat(m.in(0x2F8)).isEqualTo('o');
    assertThat(m.irqLine(3).raised).isFalse();
    m.advance(CHAR_9600);
    assertThat(m.irqLine(3).raised).isTrue();
    assertThat(m.in(0x2F8)).isEqualTo('k');
  }

  @Test
  void aSlowGuestIsNeverOverrunByTheHost() throws IOException {
    program(0x3F8);
    host.port(1).toGuest().write(new byte[] {1, 2, 3});
    m.runPosted();
    m.advance(10 * CHAR_9600);
    assertThat(m.in(0x3FD) & (Uart16550.DR | Uart16550.OE)).isEqualTo(Uart16550.DR);
    assertThat(m.in(0x3F8)).isEqualTo(1);
    m.advance(CHAR_9600);
    assertThat(m.in(0x3F8)).isEqualTo(2);
    m.advance(CHAR_9600);
    assertThat(m.in(0x3F8)).isEqualTo(3);
  }

  @Test
  void fifoTimeoutInterruptAfterFourCharacterTimes() throws IOException {
    program(0x3F8);
    m.out(0x3FA, 0xC1); // FIFOs, trigger 14
    m.out(0x3F9, 0x01);
    m.out(0x3FC, Uart16550.OUT2);
    host.port(1).toGuest().write(new byte[] {'a', 'b'});
    m.runPosted();
    m.advance(2 * CHAR_9600);
    assertThat(m.irqLine(4).raised).isFalse();
    m.advance(4 * CHAR_9600);
    assertThat(m.irqLine(4).raised).isTrue();
    assertThat(m.in(0x3FA) & 0x0F).isEqualTo(Uart16550.IIR_TIMEOUT);
  }

  @Test
  void loopbackReturnsTheBytesAndKeepsTheIrqQuiet() throws IOException {
    program(0x3F8);
    m.out(0x3F9, 0x01);
    m.out(0x3FC, Uart16550.LOOP | Uart16550.OUT2);
    m.out(0x3F8, 0x55);
    m.advance(CHAR_9600);
    assertThat(m.in(0x3FD) & Uart16550.DR).isNotZero();
    assertThat(m.in(0x3FA) & 0x0F).isEqualTo(Uart16550.IIR_RECEIVED_DATA);
    assertThat(m.irqLine(4).raised).isFalse();
    assertThat(m.in(0x3F8)).isEqualTo(0x55);
    assertThat(host.port(1).fromGuest().available()).isZero();
  }

  @Test
  void portsSharingAnIrqDriveItTogether() {
    program(0x3F8);
    program(0x3E8);
    m.out(0x3F9, 0x02);
    m.out(0x3FC, Uart16550.OUT2);
    m.out(0x3E9, 0x02);
    m.out(0x3EC, Uart16550.OUT2);
    assertThat(m.irqLine(4).raised).isTrue();
    m.in(0x3FA); // COM1's THRE interrupt acknowledged
    assertThat(m.irqLine(4).raised).as("COM3 still asks").isTrue();
    m.in(0x3EA);
    assertThat(m.irqLine(4).raised).isFalse();
  }

  @Test
  void modemStatusFromTheHost() {
    assertThat(m.in(0x3FE) & 0xF0).isEqualTo(0xB0);
    host.port(1).setModemStatus(true, true, true, false);
    m.runPosted();
    int msr = m.in(0x3FE);
    assertThat(msr & 0xF0).isEqualTo(0x70);
    assertThat(msr & 0x0F).as("DCD changed").isEqualTo(0x08);
  }

  @Test
  void biosInitSendAndStatus() throws IOException {
    m.regs.setDx(0);
    m.regs.setAx(0x00E3); // 9600 baud, no parity, 1 stop bit, 8 bits
    m.interrupt(0x14);
    assertThat(m.regs.ah() & 0x60).isEqualTo(0x60);
    m.out(0x3FB, 0x83);
    assertThat(m.in(0x3F8)).isEqualTo(12);
    m.out(0x3FB, 0x03);
    m.regs.setAx(0x0141);
    m.interrupt(0x14);
    m.regs.setAx(0x0142);
    m.interrupt(0x14);
    m.regs.setAx(0x0143);
    m.interrupt(0x14);
    assertThat(m.regs.ah() & 0x80).isZero();
    m.advance(10 * CHAR_9600);
    assertThat(new String(host.port(1).fromGuest().readNBytes(3), StandardCharsets.US_ASCII))
        .isEqualTo("ABC");
    m.regs.setAx(0x0300);
    m.interrupt(0x14);
    assertThat(m.regs.ah()).isEqualTo(0x60);
    assertThat(m.regs.al() & 0xF0).isEqualTo(0xB0);
  }

  @Test
  void biosReceiveTakesHostBytesAndTimesOut() throws IOException {
    m.regs.setDx(1);
    m.regs.setAx(0x00E3);
    m.interrupt(0x14);
    host.port(2).toGuest().write('z');
    m.runPosted();
    m.regs.setAx(0x0200);
    m.interrupt(0x14);
    assertThat(m.regs.ax()).isEqualTo(0x007A);
    m.regs.setAx(0x0200);
    m.interrupt(0x14);
    assertThat(m.idlers).as("nothing there: waits").hasSize(1);
    m.advance(1_000_000_000L);
    m.wake();
    assertThat(m.regs.ah() & 0x80).as("timeout after 40:7Dh seconds").isNotZero();
  }

  @Test
  void biosReportsMissingPorts() {
    m.writeWord(0x400, 0);
    m.regs.setDx(0);
    m.regs.setAx(0x0300);
    m.interrupt(0x14);
    assertThat(m.regs.ah()).isEqualTo(0x80);
  }

  @Test
  void fewerPortsByProperty() {
    FakeContext two = new FakeContext(Vm.builder().personality(Personality.BARE_MACHINE)
        .property(VCom.PORTS, 2));
    two.writeWord(0x410, 0x0E21);
    VCom v = new VCom();
    v.attach(two);
    v.reset();
    assertThat(two.ports).doesNotContainKey(0x3E8);
    assertThat(two.readWord(0x404)).isZero();
    assertThat(two.readWord(0x410)).isEqualTo(0x0421);
  }

  @Test
  void theHostReadsEndOfStreamAfterDetach() throws IOException {
    program(0x3F8);
    m.out(0x3F8, 'x');
    m.advance(CHAR_9600);
    vcom.detach();
    assertThat(host.port(1).fromGuest().read()).isEqualTo('x');
    assertThat(host.port(1).fromGuest().read()).isEqualTo(-1);
  }
}
