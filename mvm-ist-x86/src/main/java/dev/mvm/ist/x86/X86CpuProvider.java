package dev.mvm.ist.x86;

import dev.mvm.api.cpu.Cpu;
import dev.mvm.api.cpu.CpuBus;
import dev.mvm.api.cpu.CpuModel;
import dev.mvm.api.cpu.CpuProvider;
import java.util.EnumSet;
import java.util.Set;

/**
 * Provides the x86 CPU ({@link X86Cpu}) for the 8086, 80186, 80286, 80386 and 80486: an
 * interpreter that translates hot real-mode code to JVM bytecode unless asked not to.
 */
public final class X86CpuProvider implements CpuProvider {
  @Override
  public Set<CpuModel> models() {
    return EnumSet.of(
        CpuModel.I8086, CpuModel.I80186, CpuModel.I80286, CpuModel.I80386, CpuModel.I80486);
  }

  @Override
  public Cpu create(CpuModel model, CpuBus bus) {
    return newCpu(model, bus);
  }

  @Override
  public Cpu create(CpuModel model, CpuBus bus, boolean translate) {
    X86Cpu cpu = newCpu(model, bus);
    if (!translate) {
      // Threshold 0 drops the translator: every instruction goes through the interpreter.
      cpu.translation(0, X86Cpu.DEFAULT_BLOCK);
    }
    return cpu;
  }

  private X86Cpu newCpu(CpuModel model, CpuBus bus) {
    if (!models().contains(model)) {
      throw new IllegalArgumentException("the x86 interpreter does not emulate " + model);
    }
    return new X86Cpu(model, bus);
  }
}
