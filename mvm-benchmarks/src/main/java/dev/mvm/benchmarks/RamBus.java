package dev.mvm.benchmarks;

import dev.mvm.api.cpu.CpuBus;
import java.util.Arrays;

/**
 * The plainest machine a CPU can run on: 1 MiB of RAM, every page direct, a floating I/O bus.
 * It isolates the interpreter's own speed from the monitor's.
 */
final class RamBus implements CpuBus {
  private final byte[] ram = new byte[1 << 20];
  private final byte[] pageFlags = new byte[1 << 20];

  RamBus() {
    Arrays.fill(pageFlags, 0, ram.length >>> PAGE_SHIFT, (byte) (DIRECT_READ | DIRECT_WRITE));
  }

  @Override
  public byte[] ram() {
    return ram;
  }

  @Override
  public byte[] pageFlags() {
    return pageFlags;
  }

  @Override
  public int addressMask() {
    return 0xFFFF_FFFF;
  }

  @Override
  public int readByte(int address) {
    return 0xFF;
  }

  @Override
  public void writeByte(int address, int value) {}

  @Override
  public int in(int port, int size) {
    return size == 1 ? 0xFF : size == 2 ? 0xFFFF : 0xFFFF_FFFF;
  }

  @Override
  public void out(int port, int size, int value) {}

  @Override
  public int acknowledgeInterrupt() {
    return 0x08;
  }

  @Override
  public boolean isHostCallbackAddress(int linearAddress) {
    return false;
  }

  @Override
  public void hostCallback(int number) {}
}
