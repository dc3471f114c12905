package dev.mvm.core.internal;

import dev.mvm.api.vdd.VddContext;
import dev.mvm.api.vdd.Vdd;
import static dev.mvm.core.internal.TestMachines.bare;
import static dev.mvm.core.internal.TestMachines.build;
import static dev.mvm.core.internal.TestMachines.vdd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mvm.api.ExitReason;
import dev.mvm.api.ExitStatus;
import dev.mvm.api.Personality;
import dev.mvm.api.Vm;
import dev.mvm.api.VmConfigurationException;
import dev.mvm.api.cpu.Registers;
import dev.mvm.api.vdd.InterruptHook.Result;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FirmwareTest {
  private final List<String> log = new ArrayList<>();

  /** An image whose every byte is the low 8 bits of (offset / 4096) + 1, ending in CLI; HLT. */
  private static byte[] image(int size) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[i] = (byte) ((i >>> 12) + 1);
    }
    b[size - 16] = (byte) 0xFA; // at F000:FFF0: CLI; HLT
    b[size - 15] = (byte) 0xF4;
    return b;
  }

  @Test
  void aSmallImageSitsBelowFourGigabytesAndWritablyBelowOneMegabyte() {
    Machine m = build(bare().biosImage(image(64 * 1024)));
    PhysicalMemory mem = m.physicalMemory();
    mem.setA20(true);
    assertThat(mem.readByte(0xFFFF_0000)).isEqualTo(1);
    assertThat(mem.readByte(0xFFFF_FFF0)).isEqualTo(0xFA);
    assertThat(mem.readByte(0xF_0000)).isEqualTo(1);
    assertThat(mem.readByte(0xF_FFF0)).isEqualTo(0xFA);
    assertThat(mem.readByte(0xE_FFFF)).isZero(); // RAM below the image
    mem.writeByte(0xF_1000, 0x99);
    assertThat(mem.readByte(0xF_1000)).isEqualTo(0x99);
    mem.writeByte(0xFFFF_1000, 0x99);
    assertThat(mem.readByte(0xFFFF_1000)).isEqualTo(2);
  }

  @Test
  void aLargeImageKeepsItsLast128KiBBelowOneMegabyte() {
    Machine m = build(bare().memoryKiB(640).biosImage(image(256 * 1024)));
    PhysicalMemory mem = m.physicalMemory();
    mem.setA20(true);
    assertThat(mem.readByte(0xFFFC_0000)).isEqualTo(1);
    assertThat(mem.readByte(0xFFFE_0000)).isEqualTo(33);
    assertThat(mem.readByte(0xE_0000)).isEqualTo(33);
    assertThat(mem.readByte(0xF_F000)).isEqualTo(64);
    // no RAM is installed there (640 KiB), yet the copy is writable RAM
    mem.writeByte(0xE_0000, 0x55);
    assertThat(mem.readByte(0xE_0000)).isEqualTo(0x55);
    assertThat(mem.readByte(0xD_0000)).isEqualTo(0xFF);
  }

  @Test
  void executionStartsAtTheResetVectorOfTheImage() {
    Machine m = build(bare().biosImage(image(128 * 1024)));
    ExitStatus status = m.run(10);
    assertThat(status.reason()).isEqualTo(ExitReason.HALTED);
    assertThat(status.message()).contains("F000:FFF1");
  }

  @Test
  void withAnImageTheCallbackAreaIsAtDf000() {
    int[] entry = new int[1];
    Machine m =
        build(
            bare()
                .biosImage(image(256 * 1024))
                .vdd(vdd("E", ctx -> entry[0] = ctx.farCallEntry(r -> {}))));
    assertThat(entry[0] >>> 16).isEqualTo(0xDF00);
    int linear = Registers.linear(entry[0] >>> 16, entry[0] & 0xFFFF);
    assertThat(m.memory().readByte(linear)).isEqualTo(0x0F);
    assertThat(m.memory().readByte(0xDF000)).isNotEqualTo(0x55);
    assertThat(m.memory().readByte(0xDF800)).isNotEqualTo(0x55);
  }

  @Test
  void badImagesAndPersonalitiesAreRejected() {
    assertThatThrownBy(() -> Vm.builder().biosImage(new byte[1000]))
        .isInstanceOf(VmConfigurationException.class)
        .hasMessageContaining("1000");
    assertThatThrownBy(
            () ->
                Vm.builder()
                    .personality(Personality.DOS)
                    .biosImage(new byte[65536])
                    .toConfig())
        .isInstanceOf(VmConfigurationException.class)
        .hasMessageContaining("BIOS image");
  }

  @Test
  void theBuiltInBiosPostsAndHandsOverThroughInt19h() {
    Machine m =
        build(
            bare()
                .memoryKiB(2048)
                .vdd(
                    vdd(
                        "BOOT",
                        ctx ->
                            ctx.interrupts()
                                .hook(
                                    0x19,
                                    r -> {
                                      log.add(
                                          "INT 19h with SS:SP="
                                              + Integer.toHexString(r.ss())
                                              + ":"
                                              + Integer.toHexString(r.sp())
                                              + " IF="
                                              + r.interruptsEnabled());
                                      return Result.HANDLED;
                                    }))));
    assertThat(m.memory().readByte(0xFFFF0)).isEqualTo(0xEA);
    assertThat(m.registers().cs()).isEqualTo(0xF000);
    assertThat(m.registers().ip()).isEqualTo(0xFFF0);
    // the guest scribbles over a vector; the BIOS puts it back at the next reset
    m.memory().writeWord(0x10 * 4, 0x1234);
    m.machineLines().reset();
    ExitStatus status = m.run(100);
    assertThat(status.reason()).isEqualTo(ExitReason.HALTED);
    assertThat(log).containsExactly("INT 19h with SS:SP=0:7bfa IF=false");
    assertThat(m.memory().readWord(0x40, 0x13)).isEqualTo(640);
    assertThat(m.memory().readWord(0x40, 0x10)).isEqualTo(FirmwareLoader.EQUIPMENT);
    assertThat(m.memory().readWord(0x10 * 4)).isEqualTo(0xFF53);
    assertThat(m.memory().readWord(0x10 * 4 + 2)).isEqualTo(0xF000);
    assertThat(m.memory().readWord(0x19 * 4 + 2)).isEqualTo(0xF000);
    assertThat(m.memory().readWord(0x19 * 4)).isNotEqualTo(0xFF53);
    assertThat(m.physicalMemory().isA20()).isFalse();
  }

  @Test
  void withNothingToBootTheMachineHalts() {
    Machine m = build(bare().memoryKiB(512));
    ExitStatus status = m.run(100);
    assertThat(status.reason()).isEqualTo(ExitReason.HALTED);
    assertThat(status.message()).contains("interrupts disabled");
    assertThat(m.memory().readWord(0x40, 0x13)).isEqualTo(512);
    // trap, STI, INT 19h, IRET, CLI, HLT
    assertThat(status.instructions()).isEqualTo(7);
  }

  @Test
  void theRomIgnoresGuestWritesAndTrapsOutsideItAreNotCallbacks() {
    Machine m = build(bare());
    m.memory().writeByte(0xFFF53, 0x90);
    assertThat(m.memory().readByte(0xFFF53)).isEqualTo(0xCF);
    assertThat(m.callbacks().isCallbackAddress(0xF0100)).isTrue();
    assertThat(m.callbacks().isCallbackAddress(0x01000)).isFalse();
    // 0F FF 00 00 in RAM: the fake CPU treats it as an unsupported opcode
    TestMachines.load(m, 0x0F, 0xFF, 0x00, 0x00);
    ExitStatus status = m.run(10);
    assertThat(status.reason()).isEqualTo(ExitReason.FAULT);
    assertThat(status.message()).contains("0Fh");
  }

  @Test
  void anInt19hHookBootsByMovingCsIp() {
    PortLog out = new PortLog();
    Machine m =
        build(
            bare()
                .vdd(out)
                .vdd(
                    vdd(
                        "BOOT",
                        ctx ->
                            ctx.interrupts()
                                .hook(
                                    0x19,
                                    r -> {
                                      // MOV AL,42h; OUT 90h,AL; CLI; HLT at 0000:7C00
                                      ctx.memory()
                                          .write(0x7C00, new byte[] {
                                            (byte) 0xB0, 0x42, (byte) 0xE6, (byte) 0x90,
                                            (byte) 0xFA, (byte) 0xF4});
                                      r.setCs(0);
                                      r.setIp(0x7C00);
                                      r.setSp(0x7C00);
                                      return Result.HANDLED;
                                    }))));
    ExitStatus status = m.run(100);
    assertThat(status.reason()).isEqualTo(ExitReason.HALTED);
    assertThat(status.message()).contains("0000:7C05");
    assertThat(out.values).containsExactly(0x42);
  }

  @Test
  void whatVddsSetUpInTheirResetSurvivesTheBiosTables() {
    Vdd disk = new Vdd() {
      private VddContext ctx;

      @Override
      public String id() {
        return "DISKLIKE";
      }

      @Override
      public void attach(VddContext context) {
        this.ctx = context;
      }

      @Override
      public void reset() {
        ctx.interrupts().setVector(0x1E, 0xEE00, 0x0010); // a parameter table, not a hook
        ctx.memory().writeWord(0x410, ctx.memory().readWord(0x410) | 0x0001); // floppy present
      }
    };
    Machine m = build(TestMachines.bare().vdd(disk));
    m.machineLines().reset();
    assertThat(m.memory().readWord(0x1E * 4)).isEqualTo(0x0010);
    assertThat(m.memory().readWord(0x1E * 4 + 2)).isEqualTo(0xEE00);
    assertThat(m.memory().readWord(0x410)).isEqualTo(FirmwareLoader.EQUIPMENT | 0x0001);
  }
}
