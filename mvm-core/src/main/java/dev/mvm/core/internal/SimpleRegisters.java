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
  public int eax() {
    return general[0];
  }

  @Override
  public void setEax(int value) {
    general[0] = value;
  }

  @Override
  public int ebx() {
    return general[3];
  }

  @Override
  public void setEbx(int value) {
    general[3] = value;
  }

  @Override
  public int ecx() {
    return general[1];
  }

  @Override
  public void setEcx(int value) {
    general[1] = value;
  }

  @Override
  public int edx() {
    return general[2];
  }

  @Override
  public void setEdx(int value) {
    general[2] = value;
  }

  @Override
  public int esp() {
    return general[4];
  }

  @Override
  public void setEsp(int value) {
    general[4] = value;
  }

  @Override
  public int ebp() {
    return general[5];
  }

  @Override
  public void setEbp(int value) {
    general[5] = value;
  }

  @Override
  public int esi() {
    return general[6];
  }

  @Override
  public void setEsi(int value) {
    general[6] = value;
  }

  @Override
  public int edi() {
    return general[7];
  }

  @Override
  public void setEdi(int value) {
    general[7] = value;
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
