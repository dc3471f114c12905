package dev.mvm.ist.x86;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvm.api.cpu.Cpu;
import dev.mvm.api.cpu.CpuModel;
import dev.mvm.api.cpu.CpuStop;
import dev.mvm.api.cpu.Registers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The provider's translate flag, which {@code VmBuilder.translation} ends in: with it every
 * model translates a hot loop, without it it interprets every instruction, to the same
 * registers and instruction count.
 */
class TranslationOptionTest {

  private static final int CODE_SEG = 0x1000;

  /** {@code MOV CX,1000; l: ADD AX,CX; LOOP l; HLT}: 2002 instructions, then the halt. */
  private static final int[] HOT_LOOP = {0xB9, 0xE8, 0x03, 0x01, 0xC8, 0xE2, 0xFC, 0xF4};

  /** What a run left: how it stopped, the instructions, the registers that changed. */
  private record Outcome(CpuStop stop, long instructions, int ax, int cx, int ip, int flags) {}

  private static Outcome run(Cpu cpu, TestBus bus) {
    bus.load(CODE_SEG << 4, HOT_LOOP);
    Registers regs = cpu.registers();
    regs.setCs(CODE_SEG);
    regs.setIp(0);
    regs.setSs(0x2000);
    regs.setSp(0x1000);
    regs.setAx(0);
    long before = cpu.instructionCount();
    CpuStop stop = cpu.run(100_000);
    return new Outcome(stop, cpu.instructionCount() - before, regs.ax(), regs.cx(), regs.ip(),
        regs.flags());
  }

  @ParameterizedTest
  @EnumSource(
      value = CpuModel.class,
      names = {"I8086", "I80186", "I80286", "I80386", "I80486"})
  void withoutTranslationTheLoopIsInterpretedToTheSameEnd(CpuModel model) {
    X86CpuProvider provider = new X86CpuProvider();
    TestBus fastBus = new TestBus(1 << 20);
    TestBus plainBus = new TestBus(1 << 20);
    X86Cpu fast = (X86Cpu) provider.create(model, fastBus, true);
    X86Cpu plain = (X86Cpu) provider.create(model, plainBus, false);

    Outcome translated = run(fast, fastBus);
    Outcome interpreted = run(plain, plainBus);

    assertThat(fast.blocksTranslated()).as("blocks translated with translate=true").isPositive();
    assertThat(plain.blocksTranslated()).as("blocks translated with translate=false").isZero();
    assertThat(interpreted.stop()).isEqualTo(CpuStop.HALTED);
    assertThat(interpreted.ax()).isEqualTo((1000 * 1001 / 2) & 0xFFFF);
    assertThat(interpreted.cx()).isZero();
    assertThat(translated).isEqualTo(interpreted);
  }

  /** A second CPU running the same code reuses the first one's classes and gets its result. */
  @ParameterizedTest
  @EnumSource(
      value = CpuModel.class,
      names = {"I8086", "I80486"})
  void cpusOfOneJvmShareTranslatedClasses(CpuModel model) {
    X86CpuProvider provider = new X86CpuProvider();
    TestBus firstBus = new TestBus(1 << 20);
    X86Cpu first = (X86Cpu) provider.create(model, firstBus, true);
    Outcome expected = run(first, firstBus);
    long generated = BlockTranslator.classesGenerated();

    TestBus secondBus = new TestBus(1 << 20);
    X86Cpu second = (X86Cpu) provider.create(model, secondBus, true);
    Outcome outcome = run(second, secondBus);

    assertThat(second.blocksTranslated()).isEqualTo(first.blocksTranslated()).isPositive();
    assertThat(BlockTranslator.classesGenerated())
        .as("classes generated for the second CPU")
        .isEqualTo(generated);
    assertThat(outcome).isEqualTo(expected);
  }
}
