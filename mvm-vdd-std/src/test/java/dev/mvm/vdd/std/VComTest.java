package dev.mvm.vdd.std;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mvm.api.ExitReason;
import dev.mvm.api.ExitStatus;
import dev.mvm.api.cpu.CpuModel;
import dev.mvm.testkit.EmbeddedMachine;
import dev.mvm.testkit.VddTestKit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * VCOM in the real monitor: ports, pacing on virtual time, IRQ 3 and 4, host streams, and INT
 * 14h of the built-in BIOS called by a real CPU (with VPIC and VTIMER, whose IRQ 0 wakes a
 * guest waiting for a byte).
 */
class VComTest {
  private static final long CHAR_9600 = 1_041_666;
  private EmbeddedMachine m;
  private SerialPorts host;

  @BeforeEach
  void start() {
    m = VddTestKit.embed(new VPic(), new VTimer(), new VCom())
        .builtInBios().withCpu(CpuModel.I8086).memoryKiB(1024).start();
    host = m.device(SerialPorts.class);
  }

  @AfterEach
  void close() {
    m.close();
  }

  private void advance(long nanos) {
    m.advance(Duration.ofNanos(nanos));
  }

  private ExitStatus run(String snippet) {
    ExitStatus status = m.execute(snippet);
    assertThat(status.reason()).as(status.message()).isEqualTo(ExitReason.HALTED);
    return status;
  }

  /** 9600 baud, 8N1, at a base port. */
  private void program(int base) {
    m.outb(base + 3, 0x83).outb(base, 12).outb(base + 1, 0).outb(base + 3, 0x03);
  }

  @Test
  void dataAreaListsThePorts() {
    assertThat(m.peekw(0x400)).isEqualTo(0x3F8);
    assertThat(m.peekw(0x402)).isEqualTo(0x2F8);
    assertThat(m.peekw(0x404)).isEqualTo(0x3E8);
    assertThat(m.peekw(0x406)).isEqualTo(0x2E8);
    assertThat((m.peekw(0x410) >>> 9) & 7).isEqualTo(4);
    assertThat(host.count()).isEqualTo(4);
    assertThatThrownBy(() -> host.port(5)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theBuiltInBiosLeavesThePortsAt9600Baud8N1() {
    assertThat(m.inb(0x3FB)).isEqualTo(0x03);
    m.outb(0x3FB, 0x83);
    assertThat(m.inb(0x3F8) | m.inb(0x3F9) << 8).isEqualTo(12);
  }

  @Test
  void transmittedBytesReachTheHostAtLineSpeed() throws IOException {
    program(0x3F8);
    m.outb(0x3F8, 'H');
    m.outb(0x3F8, 'i');
    assertThat(host.port(1).fromGuest().available()).isZero();
    advance(CHAR_9600);
    assertThat(host.port(1).fromGuest().available()).isEqualTo(1);
    assertThat(m.inb(0x3FD) & Uart16550.THRE).as("the second is in the shift register").isNotZero();
    advance(CHAR_9600);
    assertThat(new String(host.port(1).fromGuest().readNBytes(2), StandardCharsets.US_ASCII))
        .isEqualTo("Hi");
    assertThat(m.inb(0x3FD) & Uart16550.TEMT).isNotZero();
  }

  @Test
  void hostBytesArriveOneCharacterTimeApartAndRaiseTheIrqThroughOut2() throws IOException {
    program(0x2F8);
    m.outb(0x2F9, 0x01); // received data interrupt
    host.port(2).toGuest().write(new byte[] {'o', 'k'});
    assertThat(m.inb(0x2FD) & Uart16550.DR).isZero();
    advance(CHAR_9600);
    assertThat(m.inb(0x2FD) & Uart16550.DR).isNotZero();
    assertThat(m.irq(3).isRaised()).as("OUT2 off: no IRQ").isFalse();
    m.outb(0x2FC, Uart16550.OUT2);
    assertThat(m.irq(3).isRaised()).isTrue();
    assertThat(m.inb(0x2FA)).isEqualTo(Uart16550.IIR_RECEIVED_DATA);
    assertThat(m.inb(0x2F8)).isEqualTo('o');
    assertThat(m.irq(3).isRaised()).isFalse();
    advance(CHAR_9600);
    assertThat(m.irq(3).isRaised()).isTrue();
    assertThat(m.inb(0x2F8)).isEqualTo('k');
  }

  @Test
  void aSlowGuestIsNeverOverrunByTheHost() throws IOException {
    program(0x3F8);
    host.port(1).toGuest().write(new byte[] {1, 2, 3});
    advance(10 * CHAR_9600);
    assertThat(m.inb(0x3FD) & (Uart16550.DR | Uart16550.OE)).isEqualTo(Uart16550.DR);
    assertThat(m.inb(0x3F8)).isEqualTo(1);
    advance(CHAR_9600);
    assertThat(m.inb(0x3F8)).isEqualTo(2);
    advance(CHAR_9600);
    assertThat(m.inb(0x3F8)).isEqualTo(3);
  }

  @Test
  void fifoTimeoutInterruptAfterFourCharacterTimes() throws IOException {
    program(0x3F8);
    m.outb(0x3FA, 0xC1); // FIFOs, trigger 14
    m.outb(0x3F9, 0x01);
    m.outb(0x3FC, Uart16550.OUT2);
    host.port(1).toGuest().write(new byte[] {'a', 'b'});
    advance(2 * CHAR_9600);
    assertThat(m.irq(4).isRaised()).isFalse();
    advance(4 * CHAR_9600);
    assertThat(m.irq(4).isRaised()).isTrue();
    assertThat(m.inb(0x3FA) & 0x0F).isEqualTo(Uart16550.IIR_TIMEOUT);
  }

  @Test
  void loopbackReturnsTheBytesAndKeepsTheIrqQuiet() throws IOException {
    program(0x3F8);
    m.outb(0x3F9, 0x01);
    m.outb(0x3FC, Uart16550.LOOP | Uart16550.OUT2);
    m.outb(0x3F8, 0x55);
    advance(CHAR_9600);
    assertThat(m.inb(0x3FD) & Uart16550.DR).isNotZero();
    assertThat(m.inb(0x3FA) & 0x0F).isEqualTo(Uart16550.IIR_RECEIVED_DATA);
    assertThat(m.irq(4).isRaised()).isFalse();
    assertThat(m.inb(0x3F8)).isEqualTo(0x55);
    assertThat(host.port(1).fromGuest().available()).isZero();
  }

  @Test
  void portsSharingAnIrqDriveItTogether() {
    program(0x3F8);
    program(0x3E8);
    m.outb(0x3F9, 0x02);
    m.outb(0x3FC, Uart16550.OUT2);
    m.outb(0x3E9, 0x02);
    m.outb(0x3EC, Uart16550.OUT2);
    assertThat(m.irq(4).isRaised()).isTrue();
    m.inb(0x3FA); // COM1's THRE interrupt acknowledged
    assertThat(m.irq(4).isRaised()).as("COM3 still asks").isTrue();
    m.inb(0x3EA);
    assertThat(m.irq(4).isRaised()).isFalse();
  }

  @Test
  void modemStatusFromTheHost() {
    assertThat(m.inb(0x3FE) & 0xF0).isEqualTo(0xB0);
    host.port(1).setModemStatus(true, true, true, false);
    int msr = m.inb(0x3FE);
    assertThat(msr & 0xF0).isEqualTo(0x70);
    assertThat(msr & 0x0F).as("DCD changed").isEqualTo(0x08);
  }

  @Test
  void biosInitSendAndStatus() throws IOException {
    run("""
            mov  dx, 0
            mov  ax, 0x00E3      ; 9600 baud, no parity, 1 stop bit, 8 bits
            int  0x14
            mov  [0x600], ax
            mov  ax, 0x0141
            int  0x14
            mov  ax, 0x0142
            int  0x14
            mov  ax, 0x0143
            int  0x14
            mov  [0x602], ax
        """);
    assertThat(m.peekb(0x601) & 0x60).isEqualTo(0x60);
    assertThat(m.peekb(0x603) & 0x80).isZero();
    m.outb(0x3FB, 0x83);
    assertThat(m.inb(0x3F8)).isEqualTo(12);
    m.outb(0x3FB, 0x03);
    advance(10 * CHAR_9600);
    assertThat(new String(host.port(1).fromGuest().readNBytes(3), StandardCharsets.US_ASCII))
        .isEqualTo("ABC");
    assertThat(m.inb(0x3FD)).as("line status: all sent").isEqualTo(0x60);
    assertThat(m.inb(0x3FE) & 0xF0).as("modem status: CTS, DSR, DCD").isEqualTo(0xB0);
  }

  @Test
  void biosStatusReportsLineAndModemStatus() {
    run("""
            mov  dx, 0
            mov  ax, 0x0300
            int  0x14
        """);
    assertThat(m.registers().ah()).isEqualTo(0x60);
    assertThat(m.registers().al() & 0xF0).isEqualTo(0xB0);
  }

  @Test
  void biosReceiveTakesHostBytes() throws IOException {
    host.port(2).toGuest().write('z');
    run("""
            mov  dx, 1
            mov  ax, 0x00E3
            int  0x14
            mov  ax, 0x0200
            int  0x14
        """);
    assertThat(m.registers().ax()).isEqualTo(0x007A);
  }

  @Test
  void biosReceiveWaitsAndTimesOutAfter40h7DhSeconds() {
    run("""
            sti                  ; the wait idles until an interrupt: IRQ 0 ticks
            mov  dx, 1
            mov  ax, 0x0200
            int  0x14
        """);
    assertThat(m.registers().ah() & 0x80).as("timeout").isNotZero();
    assertThat(m.now()).as("after the one second at 40:7Dh")
        .isBetween(Duration.ofSeconds(1), Duration.ofMillis(1100));
  }

  @Test
  void biosReportsMissingPorts() {
    run("""
            mov  word [0x400], 0
            mov  dx, 0
            mov  ax, 0x0300
            int  0x14
        """);
    assertThat(m.registers().ah()).isEqualTo(0x80);
  }

  @Test
  void fewerPortsByProperty() {
    try (var two = VddTestKit.embed(new VCom()).property(VCom.PORTS, 2).builtInBios().start()) {
      assertThat(two.inb(0x3EB)).as("nothing at COM3").isEqualTo(0xFF);
      assertThat(two.inb(0x2FB)).as("COM2 is there").isEqualTo(0x03);
      assertThat(two.peekw(0x404)).isZero();
      assertThat(two.peekw(0x410) >> 9 & 7).isEqualTo(2);
    }
  }

  @Test
  void theHostReadsEndOfStreamAfterDetach() throws IOException {
    program(0x3F8);
    m.outb(0x3F8, 'x');
    advance(CHAR_9600);
    m.close();
    assertThat(host.port(1).fromGuest().read()).isEqualTo('x');
    assertThat(host.port(1).fromGuest().read()).isEqualTo(-1);
  }
}
