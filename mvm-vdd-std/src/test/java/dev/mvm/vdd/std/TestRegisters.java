package dev.mvm.vdd.std;

import dev.mvm.api.cpu.Registers;
import dev.mvm.api.cpu.SegmentRegister;
import java.util.EnumMap;
import java.util.Map;

/** A plain 32-bit register file for service tests. */
final class TestRegisters implements Registers {
  private int eax, ebx, ecx, edx, esp, ebp, esi, edi, eip;
  private int eflags = 0x0002;
  private final Map<SegmentRegister, Integer> segments = new EnumMap<>(SegmentRegister.class);

  @Override public int eax() { return eax; }
  @Override public void setEax(int value) { eax = value; }
  @Override public int ebx() { return ebx; }
  @Override public void setEbx(int value) { ebx = value; }
  @Override public int ecx() { return ecx; }
  @Override public void setEcx(int value) { ecx = value; }
  @Override public int edx() { return edx; }
  @Override public void setEdx(int value) { edx = value; }
  @Override public int esp() { return esp; }
  @Override public void setEsp(int value) { esp = value; }
  @Override public int ebp() { return ebp; }
  @Override public void setEbp(int value) { ebp = value; }
  @Override public int esi() { return esi; }
  @Override public void setEsi(int value) { esi = value; }
  @Override public int edi() { return edi; }
  @Override public void setEdi(int value) { edi = value; }
  @Override public int segment(SegmentRegister register) { return segments.getOrDefault(register, 0); }
  @Override public void setSegment(SegmentRegister register, int selector) { segments.put(register, selector & 0xFFFF); }
  @Override public int eip() { return eip; }
  @Override public void setEip(int value) { eip = value; }
  @Override public int eflags() { return eflags; }
  @Override public void setEflags(int value) { eflags = value | 0x0002; }
}
