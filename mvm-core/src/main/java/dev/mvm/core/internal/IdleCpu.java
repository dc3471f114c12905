package dev.mvm.core.internal;

import dev.mvm.api.cpu.Cpu;
import dev.mvm.api.cpu.CpuModel;
import dev.mvm.api.cpu.CpuStop;
import dev.mvm.api.cpu.Registers;
import org.jspecify.annotations.Nullable;

/**
 * The CPU of a machine built without one: it executes nothing and is always halted with
 * interrupts disabled, so a run ends at once with {@link dev.mvm.api.ExitReason#HALTED}. Device
 * tests drive such a machine through its ports, memory and {@link Machine#advance}.
 */
final class IdleCpu implements Cpu {
  private final CpuModel model;
  private final SimpleRegisters registers = new SimpleRegisters();

  IdleCpu(CpuModel model) {
    this.model = model;
    reset();
  }

  @Override
  public CpuModel model() {
    return model;
  }

  @Override
  public Registers registers() {
    return registers;
  }

  @Override
  public void reset() {
    registers.setCs(0xF000);
    registers.setIp(0xFFF0);
    registers.setEflags(0x0002);
  }

  @Override
  public CpuStop run(long maxInstructions) {
    return CpuStop.HALTED;
  }

  @Override
  public long instructionCount() {
    return 0;
  }

  @Override
  public void setIntr(boolean asserted) {}

  @Override
  public void nmi() {}

  @Override
  public void requestStop() {}

  @Override
  public boolean isHalted() {
    return true;
  }

  @Override
  public void interrupt(int vector) {
    throw new UnsupportedOperationException("a machine without a CPU cannot call interrupt " + vector);
  }

  @Override
  public String disassemble(int segment, int offset) {
    return "(no CPU)";
  }

  @Override
  public @Nullable String stopDetail() {
    return null;
  }
}
