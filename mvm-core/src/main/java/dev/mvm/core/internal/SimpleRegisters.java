package dev.mvm.core.internal;

import dev.mvm.api.cpu.Registers;
import dev.mvm.api.cpu.SegmentRegister;

/** A plain real-mode register file, for the CPU stand-in of machines without a CPU. */
final class SimpleRegisters implements Registers {
  private final int[] general = new int[8];
  private final java.util.EnumMap<SegmentRegister, Integer> segments =
      new java.util.EnumMap<>(SegmentRegister.class);
  private int eip;
  private int eflags = 0x0002;

  @Override
  public int general(int index) {
    return general[index & 7];
  }

  @Override
  public void setGeneral(int index, int value) {
    general[index & 7] = value;
  }

  @Override
  public int segment(SegmentRegister register) {
    return segments.getOrDefault(register, 0);
  }

  @Override
  public void setSegment(SegmentRegister register, int selector) {
    segments.put(register, selector & 0xFFFF);
  }

  @Override
  public int eip() {
    return eip;
  }

  @Override
  public void setEip(int value) {
    eip = value;
  }

  @Override
  public int eflags() {
    return eflags;
  }

  @Override
  public void setEflags(int value) {
    eflags = value | 0x0002;
  }
}
