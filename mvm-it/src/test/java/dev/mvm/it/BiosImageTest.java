package dev.mvm.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvm.api.ExitReason;
import dev.mvm.api.ExitStatus;
import dev.mvm.api.Vm;
import dev.mvm.api.VddChannel;
import dev.mvm.api.cpu.CpuModel;
import dev.mvm.api.cpu.Registers;
import dev.mvm.vdd.std.DebugConsole;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Tiny BIOS images assembled in the repository boot from the reset vector on the real CPU,
 * program the interrupt controller and the timer, take interrupts and talk to the debug
 * console.
 */
class BiosImageTest {

  private static Vm boot(String image, CpuModel model) {
    return Vm.builder().cpu(model).biosImage(GuestImages.load(image)).build();
  }

  private static String console(Vm vm) {
    return vm.device(DebugConsole.class).orElseThrow().text();
  }

  @Test
  void tinyBiosTakesTimerInterruptsAndHalts() {
    for (CpuModel model : new CpuModel[] {CpuModel.I8086, CpuModel.I80186, CpuModel.I80286}) {
      try (Vm vm = boot("tinybios.bin", model)) {
        ExitStatus status = vm.run();
        assertThat(status.reason()).as(model + ": " + status.message()).isEqualTo(ExitReason.HALTED);
        assertThat(console(vm)).as(model.name()).isEqualTo("BOOT\n..........\nDONE\n");
        assertThat(vm.memory().readWord(0x500)).isEqualTo(10);
      }
    }
  }

  @Test
  void twoRunsOfTheSameProgramAreIdentical() throws Exception {
    String[] fingerprints = new String[2];
    long[] counts = new long[2];
    for (int run = 0; run < 2; run++) {
      try (Vm vm = boot("tinybios.bin", CpuModel.I80286)) {
        assertThat(vm.run().reason()).isEqualTo(ExitReason.HALTED);
        counts[run] = vm.instructionCount();
        fingerprints[run] = fingerprint(vm);
      }
    }
    assertThat(counts[1]).isEqualTo(counts[0]);
    assertThat(fingerprints[1]).isEqualTo(fingerprints[0]);
  }

  /** A digest of the registers and the first MiB of memory. */
  private static String fingerprint(Vm vm) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    Registers r = vm.registers();
    ByteBuffer regs = ByteBuffer.allocate(64);
    for (int v : new int[] {r.eax(), r.ebx(), r.ecx(), r.edx(), r.esp(), r.ebp(), r.esi(),
        r.edi(), r.eip(), r.eflags(), r.cs(), r.ds(), r.es(), r.ss()}) {
      regs.putInt(v);
    }
    sha.update(regs.array());
    sha.update(vm.memory().read(0, 1 << 20));
    return HexFormat.of().formatHex(sha.digest());
  }

  @Test
  void sixtySecondsOfHaltedWaitingCostOnlyTheInterruptHandlers() {
    ProbeClock clock = new ProbeClock();
    try (Vm vm = Vm.builder().cpu(CpuModel.I8086).biosImage(GuestImages.load("sleeper.bin"))
        .vdd(clock).build()) {
      ExitStatus status = vm.run();
      assertThat(status.reason()).isEqualTo(ExitReason.HALTED);
      assertThat(console(vm)).isEqualTo("Z");
      long nanos = ByteBuffer.wrap(vm.openVdd("CLOCK").request(0, new byte[0])).getLong();
      assertThat(nanos).as("virtual time waited").isBetween(59_900_000_000L, 60_200_000_000L);
      // 1092 interrupts of about a dozen instructions each, plus the loop around HLT; a busy
      // wait would have cost 600 million instructions at the nominal 10 MIPS.
      assertThat(vm.instructionCount()).isLessThan(1092 * 20 + 200);
    }
  }

  @Test
  void aCustomVddIsSeenThroughItsPortInterruptTimerAndIrq() {
    ProbeVdd probe = new ProbeVdd();
    try (Vm vm = Vm.builder().cpu(CpuModel.I8086).biosImage(GuestImages.load("vddprobe.bin"))
        .vdd(probe).build();
        VddChannel channel = vm.openVdd("PROBE")) {
      ExitStatus status = vm.run();
      assertThat(status.reason()).as(status.message()).isEqualTo(ExitReason.HALTED);
      assertThat(console(vm)).isEqualTo("PI3");
      assertThat(channel.request(1, new byte[0])).containsExactly(1, 1, '3');
      assertThat(probe.irqsRaised()).isGreaterThanOrEqualTo(3);
    }
  }
}
