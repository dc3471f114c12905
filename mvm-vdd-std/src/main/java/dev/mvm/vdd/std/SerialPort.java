package dev.mvm.vdd.std;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * One serial port as the host sees it: a null-modem cable's far end. {@link VCom} publishes the
 * ports as {@link SerialPorts}; all methods may be called from any thread.
 *
 * <pre>{@code
 * SerialPort com1 = vm.device(SerialPorts.class).orElseThrow().port(1);
 * com1.toGuest().write("ATZ\r".getBytes(StandardCharsets.US_ASCII));
 * int reply = com1.fromGuest().read();       // blocks until the guest sends a byte
 * }</pre>
 *
 * <p>Bytes reach the guest at the line's speed (the divisor the guest programmed) and only while
 * its receiver has room, so a fast host never overruns a slow guest. Bytes the guest sends wait
 * for the host in a buffer of up to 1 MiB; beyond that the oldest are dropped.
 */
public interface SerialPort {

  /**
   * What the guest transmits. {@code read} blocks until a byte comes and returns -1 once the VM
   * is closed and everything was read.
   *
   * @return the stream
   */
  InputStream fromGuest();

  /**
   * What the guest receives.
   *
   * @return the stream; writing never blocks
   */
  OutputStream toGuest();

  /**
   * Sets the modem status lines the guest sees (outside loopback). Initially CTS, DSR and DCD
   * are on and RI is off: a connected null modem.
   *
   * @param cts clear to send
   * @param dsr data set ready
   * @param ri ring indicator
   * @param dcd data carrier detect
   */
  void setModemStatus(boolean cts, boolean dsr, boolean ri, boolean dcd);
}
