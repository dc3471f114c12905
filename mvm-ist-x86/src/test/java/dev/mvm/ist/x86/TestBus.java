package dev.mvm.ist.x86;

import dev.mvm.api.cpu.CpuBus;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * A CpuBus for tests: plain RAM from address 0 with every page direct unless a test changes
 * {@link #pageFlags()}, ports that read all ones (or {@link #portValue}), a scripted
 * interrupt controller and a host-callback area.
 */
class TestBus implements CpuBus {
  final byte[] ram;
  final byte[] pages = new byte[1 << 20];
  int addressMask = 0xFFFF_FFFF;
  int portValue = 0xFFFF_FFFF;
  int interruptVector = 8;
  int acknowledgements;
  int callbackStart = -1;
  int callbackEnd = -1;
  IntConsumer callbackHandler = n -> {};
  final List<Integer> callbacks = new ArrayList<>();
  final List<String> io = new ArrayList<>();
  /** Bus cycles that went through readByte/writeByte (non-direct pages). */
  int slowReads;
  int slowWrites;

  TestBus(int ramSize) {
    ram = new byte[ramSize];
    for (int p = 0; p < ramSize >>> PAGE_SHIFT; p++) {
      pages[p] = DIRECT_READ | DIRECT_WRITE;
    }
  }

  @Override
  public byte[] ram() {
    return ram;
  }

  @Override
  public byte[] pageFlags() {
    return pages;
  }

  @Override
  public int addressMask() {
    return addressMask;
  }

  @Override
  public int readByte(int address) {
    slowReads++;
    return address < ram.length ? ram[address] & 0xFF : 0xFF;
  }

  @Override
  public void writeByte(int address, int value) {
    slowWrites++;
    if (address < ram.length) {
      ram[address] = (byte) value;
    }
  }

  @Override
  public int in(int port, int size) {
    io.add("in " + Integer.toHexString(port) + "/" + size);
    return size == 1 ? portValue & 0xFF : size == 2 ? portValue & 0xFFFF : portValue;
  }

  @Override
  public void out(int port, int size, int value) {
    io.add("out " + Integer.toHexString(port) + "/" + size + "=" + Integer.toHexString(value));
  }

  @Override
  public int acknowledgeInterrupt() {
    acknowledgements++;
    return interruptVector;
  }

  @Override
  public boolean isHostCallbackAddress(int linearAddress) {
    return linearAddress >= callbackStart && linearAddress < callbackEnd;
  }

  @Override
  public void hostCallback(int number) {
    callbacks.add(number);
    callbackHandler.accept(number);
  }

  void load(int address, int... bytes) {
    for (int i = 0; i < bytes.length; i++) {
      ram[address + i] = (byte) bytes[i];
    }
  }

  int word(int address) {
    return (ram[address] & 0xFF) | (ram[address + 1] & 0xFF) << 8;
  }
}
