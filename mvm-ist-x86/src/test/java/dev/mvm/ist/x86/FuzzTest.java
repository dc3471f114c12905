package dev.mvm.ist.x86;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvm.api.cpu.CpuModel;
import dev.mvm.api.cpu.CpuStop;
import dev.mvm.api.cpu.Flags;
import dev.mvm.api.cpu.Registers;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Executes random bytes as code on each model: at least a million instructions per model
 * from a fixed seed, with fresh random registers and code every few thousand instructions.
 * Whatever the bytes, every outcome must be a defined one: a {@link CpuStop} (with a detail
 * where the API promises one) and never a Java exception, which fails the test at once.
 */
class FuzzTest {

  private static final long SEED = 0x8086_0286L;
  /** CI runs 1,000,000 per model; {@code mvm.fuzz.scale} multiplies it for a full run. */
  private static final long INSTRUCTIONS_PER_MODEL =
      1_000_000L * Integer.getInteger("mvm.fuzz.scale", 1);
  private static final int PER_ROUND = 2_000;

  @ParameterizedTest
  @EnumSource(
      value = CpuModel.class,
      names = {"I8086", "I80186", "I80286", "I80386", "I80486"})
  void randomCodeHasOnlyDefinedOutcomes(CpuModel model) {
    Random rnd = new Random(SEED + model.ordinal());
    boolean wide = model.atLeast(CpuModel.I80386);
    TestBus bus = new TestBus(model.atLeast(CpuModel.I80286) ? 1 << 24 : 1 << 20);
    rnd.nextBytes(bus.ram);
    // A slice of memory behind the bus rather than direct, and a callback area.
    for (int p = 0x20; p < 0x28; p++) {
      bus.pages[p] = 0;
    }
    bus.callbackStart = 0xF0000;
    bus.callbackEnd = 0xF1000;
    X86Cpu cpu = new X86Cpu(model, bus);
    Registers regs = cpu.registers();
    Map<CpuStop, Integer> outcomes = new EnumMap<>(CpuStop.class);
    long executed = 0;
    int round = 0;
    while (executed < INSTRUCTIONS_PER_MODEL) {
      round++;
      if (rnd.nextInt(4) == 0) {
        cpu.reset();
      }
      int cs = rnd.nextInt(0x10000);
      int ip = rnd.nextInt(0x10000);
      byte[] code = new byte[4096];
      rnd.nextBytes(code);
      for (int i = 0; i < code.length; i++) {
        bus.ram[(Registers.linear(cs, ip + i)) & (bus.ram.length - 1)] = code[i];
      }
      regs.setCs(cs);
      regs.setIp(ip);
      regs.setAx(rnd.nextInt(0x10000));
      regs.setBx(rnd.nextInt(0x10000));
      regs.setCx(rnd.nextInt(64)); // keep REP loops short
      regs.setDx(rnd.nextInt(0x10000));
      regs.setSp(rnd.nextInt(0x10000));
      regs.setBp(rnd.nextInt(0x10000));
      regs.setSi(rnd.nextInt(0x10000));
      regs.setDi(rnd.nextInt(0x10000));
      if (wide) {
        // Small upper halves, so that 32-bit addressing mostly stays inside the segment.
        for (int i = 0; i < 8; i++) {
          if (i != 1 && i != 4 && rnd.nextInt(4) == 0) {
            regs.setGeneral(i, regs.general(i) | rnd.nextInt(4) << 16);
          }
        }
        regs.setFs(rnd.nextInt(0x10000));
        regs.setGs(rnd.nextInt(0x10000));
      }
      regs.setDs(rnd.nextInt(0x10000));
      regs.setEs(rnd.nextInt(0x10000));
      regs.setSs(rnd.nextInt(0x10000));
      int flags = rnd.nextInt(0x10000);
      if (rnd.nextInt(16) != 0) {
        flags &= ~0x100; // single-step only now and then
      }
      regs.setFlags(flags);
      cpu.setIntr(rnd.nextInt(8) == 0);
      bus.interruptVector = rnd.nextInt(256);
      bus.addressMask = rnd.nextBoolean() ? 0xFFFF_FFFF : 0xFFEF_FFFF;
      long before = cpu.instructionCount();
      int calls = 0;
      while (cpu.instructionCount() - before < PER_ROUND && calls++ < 50) {
        CpuStop stop;
        try {
          stop = cpu.run(PER_ROUND);
        } catch (RuntimeException | StackOverflowError e) {
          throw new AssertionError(
              model + " round " + round + " at " + Integer.toHexString(regs.cs()) + ":"
                  + Integer.toHexString(regs.ip()) + " (" + cpu.disassemble(regs.cs(), regs.ip())
                  + ") threw",
              e);
        }
        outcomes.merge(stop, 1, Integer::sum);
        if (!wide) {
          assertThat(
                  regs.eax() | regs.ebx() | regs.ecx() | regs.edx() | regs.esp() | regs.ebp()
                      | regs.esi() | regs.edi() | regs.eip())
              .as("16-bit registers")
              .isBetween(0, 0xFFFF);
        }
        assertThat(regs.eip()).isBetween(0, 0xFFFF);
        int fixed = model == CpuModel.I80286 || wide ? 0x0002 : 0xF002;
        assertThat(regs.flags() & (wide ? 0x802A : 0xF02A)).isEqualTo(fixed);
        if (wide) {
          int high = model == CpuModel.I80486 ? Flags.AC | Flags.ID : 0;
          assertThat(regs.eflags() >>> 16 << 16 & ~high).as("EFLAGS bits above 15").isZero();
        }
        if (stop == CpuStop.UNSUPPORTED || stop == CpuStop.SHUTDOWN) {
          assertThat(cpu.stopDetail()).isNotBlank();
          cpu.reset();
          break;
        }
        if (stop == CpuStop.HALTED) {
          if (rnd.nextBoolean()) {
            cpu.nmi();
          } else {
            break;
          }
        }
      }
      executed += cpu.instructionCount() - before;
    }
    System.out.println(
        "fuzz " + model + ": " + executed + " instructions in " + round + " rounds, stops "
            + outcomes);
    assertThat(executed).isGreaterThanOrEqualTo(INSTRUCTIONS_PER_MODEL);
    assertThat(outcomes).containsKey(CpuStop.BUDGET);
  }
}
