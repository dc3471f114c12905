package dev.mvm.api.vdd;

/**
 * Serves guest accesses to device memory (a video frame buffer, memory-mapped registers).
 * The CPU reaches it byte by byte.
 */
public interface MemoryHandler {

  /**
   * @param address the physical address, inside the mapped region
   * @return the byte, 0 to 255
   */
  int readByte(int address);

  /**
   * @param address the physical address, inside the mapped region
   * @param value the byte, 0 to 255
   */
  void writeByte(int address, int value);
}
