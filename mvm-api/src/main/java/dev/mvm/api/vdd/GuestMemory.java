package dev.mvm.api.vdd;

import dev.mvm.api.cpu.Registers;
import java.nio.charset.StandardCharsets;

/**
 * Guest physical memory, read and written as the CPU would: RAM, ROM (writes ignored), device
 * memory (through its VDD) and unmapped space (reads {@code FFh}). Addresses pass the A20
 * gate. Multi-byte values are little-endian. Real-mode {@code segment:offset} forms are
 * provided for convenience; an offset does not wrap at 64 KiB in them.
 *
 * <pre>{@code
 * String name = memory.readAsciiz(regs.ds(), regs.dx(), 128);   // DS:DX -> file name
 * memory.writeWord(0x0040, 0x006C, ticks);                        // BIOS data area
 * }</pre>
 */
public interface GuestMemory {

  /**
   * Size of installed RAM.
   *
   * @return bytes of RAM from address 0
   */
  long size();

  /**
   * @param address a physical address
   * @return the byte there, 0 to 255
   */
  int readByte(int address);

  /**
   * @param address a physical address
   * @param value the byte in the low 8 bits
   */
  void writeByte(int address, int value);

  /**
   * @param address a physical address
   * @return the little-endian word there
   */
  default int readWord(int address) {
    return readByte(address) | (readByte(address + 1) << 8);
  }

  /**
   * @param address a physical address
   * @param value the word in the low 16 bits
   */
  default void writeWord(int address, int value) {
    writeByte(address, value);
    writeByte(address + 1, value >>> 8);
  }

  /**
   * @param address a physical address
   * @return the little-endian dword there
   */
  default int readDword(int address) {
    return readWord(address) | (readWord(address + 2) << 16);
  }

  /**
   * @param address a physical address
   * @param value the dword
   */
  default void writeDword(int address, int value) {
    writeWord(address, value);
    writeWord(address + 2, value >>> 16);
  }

  /**
   * Copies guest memory into an array.
   *
   * @param address the first physical address
   * @param target where to copy to
   * @param offset the first index in {@code target}
   * @param length how many bytes
   */
  default void read(int address, byte[] target, int offset, int length) {
    for (int i = 0; i < length; i++) {
      target[offset + i] = (byte) readByte(address + i);
    }
  }

  /**
   * Copies an array into guest memory.
   *
   * @param address the first physical address
   * @param source where to copy from
   * @param offset the first index in {@code source}
   * @param length how many bytes
   */
  default void write(int address, byte[] source, int offset, int length) {
    for (int i = 0; i < length; i++) {
      writeByte(address + i, source[offset + i]);
    }
  }

  /**
   * @param address the first physical address
   * @param length how many bytes
   * @return a copy of that memory
   */
  default byte[] read(int address, int length) {
    byte[] bytes = new byte[length];
    read(address, bytes, 0, length);
    return bytes;
  }

  /**
   * @param address the first physical address
   * @param bytes the bytes to store there
   */
  default void write(int address, byte[] bytes) {
    write(address, bytes, 0, bytes.length);
  }

  // ---- segment:offset forms -------------------------------------------------------------

  /**
   * @param segment a real-mode segment
   * @param offset an offset
   * @return the byte at {@code segment:offset}
   */
  default int readByte(int segment, int offset) {
    return readByte(Registers.linear(segment, offset));
  }

  /**
   * @param segment a real-mode segment
   * @param offset an offset
   * @param value the byte
   */
  default void writeByte(int segment, int offset, int value) {
    writeByte(Registers.linear(segment, offset), value);
  }

  /**
   * @param segment a real-mode segment
   * @param offset an offset
   * @return the word at {@code segment:offset}
   */
  default int readWord(int segment, int offset) {
    return readWord(Registers.linear(segment, offset));
  }

  /**
   * @param segment a real-mode segment
   * @param offset an offset
   * @param value the word
   */
  default void writeWord(int segment, int offset, int value) {
    writeWord(Registers.linear(segment, offset), value);
  }

  // ---- strings -----------------------------------------------------------------------------

  /**
   * Reads a string that ends with {@code terminator} (0 for ASCIIZ, {@code '$'} for INT 21h
   * function 09h), as code page 437 bytes mapped one to one onto chars 0 to 255.
   *
   * @param address the first physical address
   * @param terminator the byte that ends the string, not included
   * @param maxLength the most bytes to read when no terminator comes
   * @return the string
   */
  default String readString(int address, int terminator, int maxLength) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < maxLength; i++) {
      int b = readByte(address + i);
      if (b == terminator) {
        break;
      }
      s.append((char) b);
    }
    return s.toString();
  }

  /**
   * Reads a zero-terminated string at {@code segment:offset}.
   *
   * @param segment a real-mode segment
   * @param offset an offset
   * @param maxLength the most bytes to read
   * @return the string, without the zero
   */
  default String readAsciiz(int segment, int offset, int maxLength) {
    return readString(Registers.linear(segment, offset), 0, maxLength);
  }

  /**
   * Writes a string as bytes (chars above 255 become {@code '?'}) followed by a zero byte.
   *
   * @param address the first physical address
   * @param text the string
   */
  default void writeAsciiz(int address, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    write(address, bytes);
    writeByte(address + bytes.length, 0);
  }
}
