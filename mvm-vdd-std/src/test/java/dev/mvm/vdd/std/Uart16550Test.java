package dev.mvm.vdd.std;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Register-level tests of the 16550A model. */
class Uart16550Test {
  private final Uart16550 uart = new Uart16550();

  private int lsr() {
    return uart.peekLineStatus();
  }

  @Test
  void dlabSelectsTheDivisorLatch() {
    uart.write(Uart16550.LCR, 0x83);
    uart.write(0, 0x0C);
    uart.write(1, 0x00);
    assertThat(uart.read(0)).isEqualTo(0x0C);
    assertThat(uart.read(1)).isZero();
    uart.write(Uart16550.LCR, 0x03);
    assertThat(uart.read(Uart16550.IER)).as("IER untouched").isZero();
    assertThat(uart.divisor()).isEqualTo(12);
    // 9600 baud, 8N1: ten bits of 104.17 us
    assertThat(uart.characterNanos()).isEqualTo(1_041_666);
    uart.write(Uart16550.LCR, 0x0F); // 8 data, 2 stop, parity: 12 bits
    assertThat(uart.characterNanos()).isEqualTo(1_250_000);
    uart.write(Uart16550.LCR, 0x04); // 5 data, 1.5 stop: 7.5 bits
    assertThat(uart.characterNanos()).isEqualTo(781_250);
  }

  @Test
  void scratchRegisterHoldsItsByte() {
    uart.write(Uart16550.SCR, 0x5A);
    assertThat(uart.read(Uart16550.SCR)).isEqualTo(0x5A);
  }

  @Test
  void transmitterFlagsFollowTheCharacterThroughTheShiftRegister() {
    assertThat(lsr() & (Uart16550.THRE | Uart16550.TEMT)).isEqualTo(0x60);
    uart.write(0, 'A');
    assertThat(lsr() & (Uart16550.THRE | Uart16550.TEMT)).isZero();
    assertThat(uart.startTransmit()).isEqualTo('A');
    assertThat(lsr() & (Uart16550.THRE | Uart16550.TEMT)).isEqualTo(Uart16550.THRE);
    assertThat(uart.startTransmit()).as("shift register busy").isEqualTo(-1);
    uart.finishTransmit();
    assertThat(lsr() & Uart16550.TEMT).isNotZero();
  }

  @Test
  void thrEmptyInterruptIsClearedByReadingIirOrWritingThr() {
    uart.write(Uart16550.IER, 0x02);
    assertThat(uart.read(Uart16550.IIR_FCR)).as("enabling ETBEI with THR empty")
        .isEqualTo(Uart16550.IIR_THR_EMPTY);
    assertThat(uart.read(Uart16550.IIR_FCR)).isEqualTo(Uart16550.IIR_NONE);
    uart.write(0, 'x');
    uart.startTransmit();
    assertThat(uart.interruptId()).isEqualTo(Uart16550.IIR_THR_EMPTY);
    uart.write(0, 'y');
    assertThat(uart.interruptId()).isEqualTo(Uart16550.IIR_NONE);
  }

  @Test
  void receivedDataWithoutFifosHoldsOneCharacterAndOverruns() {
    uart.write(Uart16550.IER, 0x05);
    assertThat(uart.receive('a')).isTrue();
    assertThat(lsr() & Uart16550.DR).isNotZero();
    assertThat(uart.interruptId()).isEqualTo(Uart16550.IIR_RECEIVED_DATA);
    assertThat(uart.receive('b')).isFalse();
    assertThat(uart.interruptId()).as("line status outranks data").isEqualTo(Uart16550.IIR_LINE_STATUS);
    assertThat(uart.read(Uart16550.LSR) & (Uart16550.OE | Uart16550.DR))
        .isEqualTo(Uart16550.OE | Uart16550.DR);
    assertThat(uart.read(Uart16550.LSR) & Uart16550.OE).as("cleared by reading").isZero();
    assertThat(uart.read(0)).as("the new character replaced the old").isEqualTo('b');
    assertThat(uart.interruptId()).isEqualTo(Uart16550.IIR_NONE);
    assertThat(uart.read(0)).as("RBR keeps its last value").isEqualTo('b');
  }

  @Test
  void fifoTriggerLevelAndTimeout() {
    uart.write(Uart16550.IIR_FCR, 0x81); // FIFOs on, trigger 8
    uart.write(Uart16550.IER, 0x01);
    assertThat(uart.read(Uart16550.IIR_FCR) & 0xC0).isEqualTo(0xC0);
    for (int i = 0; i < 7; i++) {
      uart.receive('0' + i);
    }
    assertThat(uart.interruptId()).isEqualTo(Uart16550.IIR_NONE);
    uart.characterTimeout();
    assertThat(uart.interruptId()).isEqualTo(Uart16550.IIR_TIMEOUT);
    assertThat(uart.read(0)).isEqualTo('0');
    assertThat(uart.interruptId()).as("reading clears the timeout").isEqualTo(Uart16550.IIR_NONE);
    uart.receive('7');
    uart.receive('8');
    assertThat(uart.interruptId()).isEqualTo(Uart16550.IIR_RECEIVED_DATA);
    uart.read(0);
    assertThat(uart.interruptId()).as("below the trigger again").isEqualTo(Uart16550.IIR_NONE);
  }

  @Test
  void fifoHoldsSixteenAndDropsTheSeventeenth() {
    uart.write(Uart16550.IIR_FCR, 0x01);
    for (int i = 0; i < 16; i++) {
      assertThat(uart.receive(i)).isTrue();
    }
    assertThat(uart.canReceive()).isFalse();
    assertThat(uart.receive(99)).isFalse();
    assertThat(lsr() & Uart16550.OE).isNotZero();
    for (int i = 0; i < 16; i++) {
      assertThat(uart.read(0)).isEqualTo(i);
    }
    assertThat(lsr() & Uart16550.DR).isZero();
    for (int i = 0; i < 16; i++) {
      uart.write(0, i);
    }
    uart.write(0, 99);
    int sent = 0;
    while (uart.startTransmit() >= 0) {
      uart.finishTransmit();
      sent++;
    }
    assertThat(sent).isEqualTo(16);
  }

  @Test
  void fcrClearsTheFifos() {
    uart.write(Uart16550.IIR_FCR, 0x01);
    uart.receive('a');
    uart.write(0, 'b');
    uart.write(Uart16550.IIR_FCR, 0x07);
    assertThat(lsr() & (Uart16550.DR | Uart16550.THRE)).isEqualTo(Uart16550.THRE);
    uart.receive('c');
    uart.write(Uart16550.IIR_FCR, 0x00); // leaving FIFO mode clears them too
    assertThat(lsr() & Uart16550.DR).isZero();
  }

  @Test
  void loopbackFeedsTheModemInputsFromTheOutputs() {
    uart.setModemInputs(Uart16550.CTS | Uart16550.DSR);
    uart.read(Uart16550.MSR);
    uart.write(Uart16550.MCR, Uart16550.LOOP | Uart16550.RTS | Uart16550.OUT2);
    assertThat(uart.loopback()).isTrue();
    int msr = uart.read(Uart16550.MSR);
    assertThat(msr & 0xF0).isEqualTo(Uart16550.CTS | Uart16550.DCD);
    assertThat(msr & 0x0F).as("DSR fell, DCD rose").isEqualTo(0x02 | 0x08);
    uart.write(Uart16550.MCR, Uart16550.LOOP | Uart16550.OUT1);
    uart.write(Uart16550.MCR, Uart16550.LOOP);
    assertThat(uart.read(Uart16550.MSR) & 0x04).as("trailing edge of RI").isEqualTo(0x04);
  }

  @Test
  void modemStatusInterruptIsLowestAndClearedByReadingMsr() {
    uart.write(Uart16550.IER, 0x0A);
    uart.read(Uart16550.IIR_FCR); // THRE interrupt from enabling
    uart.setModemInputs(Uart16550.DCD);
    assertThat(uart.interruptId()).isEqualTo(Uart16550.IIR_MODEM_STATUS);
    uart.read(Uart16550.MSR);
    assertThat(uart.interruptPending()).isFalse();
  }
}
