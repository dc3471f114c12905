package dev.mvm.api.vdd;

/**
 * Serves I/O port accesses for a range of ports. A handler that implements only bytes gets
 * wider accesses split into byte accesses (low byte first) by the default methods; a device
 * with real 16 or 32-bit registers overrides them.
 *
 * <pre>{@code
 * ctx.ports().claim(0x40, 4, new IoHandler() {
 *   public int inb(int port) { return counterLow(port - 0x40); }
 *   public void outb(int port, int value) { write(port - 0x40, value); }
 * });
 * }</pre>
 */
public interface IoHandler {

  /**
   * Reads a byte.
   *
   * @param port the port, inside the claimed range
   * @return the value, 0 to 255
   */
  int inb(int port);

  /**
   * Writes a byte.
   *
   * @param port the port, inside the claimed range
   * @param value the value, 0 to 255
   */
  void outb(int port, int value);

  /**
   * Reads a word; by default two byte reads.
   *
   * @param port the port
   * @return the value, 0 to FFFFh
   */
  default int inw(int port) {
    return inb(port) | (inb(port + 1) << 8);
  }

  /**
   * Writes a word; by default two byte writes.
   *
   * @param port the port
   * @param value the value, 0 to FFFFh
   */
  default void outw(int port, int value) {
    outb(port, value & 0xFF);
    outb(port + 1, (value >>> 8) & 0xFF);
  }

  /**
   * Reads a dword; by default two word reads.
   *
   * @param port the port
   * @return the value
   */
  default int ind(int port) {
    return inw(port) | (inw(port + 2) << 16);
  }

  /**
   * Writes a dword; by default two word writes.
   *
   * @param port the port
   * @param value the value
   */
  default void outd(int port, int value) {
    outw(port, value & 0xFFFF);
    outw(port + 2, value >>> 16);
  }
}
