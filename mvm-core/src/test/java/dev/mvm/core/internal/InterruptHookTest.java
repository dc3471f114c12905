package dev.mvm.core.internal;

import static dev.mvm.core.internal.TestMachines.bare;
import static dev.mvm.core.internal.TestMachines.build;
import static dev.mvm.core.internal.TestMachines.load;
import static dev.mvm.core.internal.TestMachines.poke;
import static dev.mvm.core.internal.TestMachines.vdd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mvm.api.ExitReason;
import dev.mvm.api.ExitStatus;
import dev.mvm.api.VddException;
import dev.mvm.api.VmConfigurationException;
import dev.mvm.api.cpu.Flags;
import dev.mvm.api.vdd.Hook;
import dev.mvm.api.vdd.InterruptHook.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class InterruptHookTest {
  private final PortLog out = new PortLog();
  private final List<String> log = new ArrayList<>();

  @Test
  void handledReturnsToTheCallerWithTheStatusFlagsTheHookSet() {
    Machine m =
        build(
            bare()
                .vdd(out)
                .vdd(
                    vdd(
                        "SVC",
                        ctx ->
                            ctx.interrupts()
                                .hook(
                                    0x60,
                                    r -> {
                                      assertThat(r.interruptsEnabled()).isFalse();
                                      r.setAx(0x1234);
                                      r.setCf(true);
                                      r.setZf(true);
                                      r.setInterruptsEnabled(true); // not a status flag
                                      r.setFlag(Flags.DF, true); // nor this
                                      return Result.HANDLED;
                                    }))));
    // STI; CLC; INT 60h; HLT
    load(m, 0xFB, 0xF8, 0xCD, 0x60, 0xF4);
    ExitStatus status = m.run(100);
    assertThat(status.reason()).isEqualTo(ExitReason.HALTED);
    assertThat(m.registers().ax()).isEqualTo(0x1234);
    assertThat(m.registers().cf()).isTrue();
    assertThat(m.registers().zf()).isTrue();
    assertThat(m.registers().interruptsEnabled()).isTrue(); // from the caller's FLAGS image
    assertThat(m.registers().df()).isFalse();
    assertThat(m.registers().cs()).isEqualTo(TestMachines.CODE_SEGMENT);
    assertThat(m.registers().sp()).isEqualTo(0x8000);
  }

  @Test
  void theVectorPointsAtATrapStubInTheMonitorsRom() {
    Machine m = build(bare().vdd(vdd("SVC", ctx -> ctx.interrupts().hook(0x60, r -> Result.HANDLED))));
    int vector = m.memory().readWord(0x60 * 4 + 2) << 16 | m.memory().readWord(0x60 * 4);
    assertThat(vector >>> 16).isEqualTo(0xF000);
    int stub = (vector >>> 16) * 16 + (vector & 0xFFFF);
    assertThat(m.memory().read(stub, 5)).containsExactly(0x0F, 0xFF, m.memory().readByte(stub + 2), m.memory().readByte(stub + 3), 0xCF);
    // unhooked vectors point at the default IRET
    assertThat(m.memory().readWord(0x61 * 4 + 2)).isEqualTo(0xF000);
    assertThat(m.memory().readWord(0x61 * 4)).isEqualTo(0xFF53);
    assertThat(m.memory().readByte(0xFFF53)).isEqualTo(0xCF);
  }

  @Test
  void passContinuesAtThePreviousHandlerWithTheSameStack() {
    Machine m =
        build(
            bare()
                .vdd(out)
                .vdd(
                    vdd(
                        "SVC",
                        ctx -> {
                          ctx.interrupts().setVector(0x60, 0x0200, 0x0000);
                          ctx.interrupts()
                              .hook(
                                  0x60,
                                  r -> {
                                    log.add("hook AH=" + r.ah());
                                    return r.ah() == 1 ? Result.HANDLED : Result.PASS;
                                  });
                        })));
    // the guest's own handler: MOV AL,5; IRET
    poke(m, 0x2000, 0xB0, 0x05, 0xCF);
    // MOV AH,1; MOV AL,0; INT 60h; OUT 90h,AL; MOV AH,2; INT 60h; OUT 90h,AL; HLT
    load(m, 0xB4, 0x01, 0xB0, 0x00, 0xCD, 0x60, 0xE6, 0x90, 0xB4, 0x02, 0xCD, 0x60, 0xE6, 0x90, 0xF4);
    assertThat(m.run(100).reason()).isEqualTo(ExitReason.HALTED);
    assertThat(out.values).containsExactly(0, 5);
    assertThat(log).containsExactly("hook AH=1", "hook AH=2");
    assertThat(m.registers().sp()).isEqualTo(0x8000);
  }

  @Test
  void aChainingHookRunsFirstAndPassesToTheHookBeneath() {
    Machine m =
        build(
            bare()
                .vdd(out)
                .vdd(
                    vdd(
                        "A",
                        ctx ->
                            ctx.interrupts()
                                .hook(
                                    0x61,
                                    r -> {
                                      log.add("A");
                                      if (r.ah() != 1) {
                                        return Result.PASS;
                                      }
                                      r.setAl(0xA1);
                                      return Result.HANDLED;
                                    })))
                .vdd(
                    vdd(
                        "B",
                        ctx ->
                            ctx.interrupts()
                                .chain(
                                    0x61,
                                    r -> {
                                      log.add("B");
                                      if (r.ah() != 2) {
                                        return Result.PASS;
                                      }
                                      r.setAl(0xB2);
                                      return Result.HANDLED;
                                    }))));
    // AH=1 INT 61 OUT; AH=2 INT 61 OUT; AH=3 INT 61 OUT; HLT
    load(
        m, 0xB4, 0x01, 0xCD, 0x61, 0xE6, 0x90, 0xB4, 0x02, 0xCD, 0x61, 0xE6, 0x90, 0xB4, 0x03,
        0xCD, 0x61, 0xE6, 0x90, 0xF4);
    assertThat(m.run(100).reason()).isEqualTo(ExitReason.HALTED);
    assertThat(out.values).containsExactly(0xA1, 0xB2, 0xB2);
    assertThat(log).containsExactly("B", "A", "B", "B", "A");
  }

  @Test
  void twoVddsHookingOneVectorWithoutChainingFailTheBuild() {
    assertThatThrownBy(
            () ->
                build(
                    bare()
                        .vdd(vdd("DOSKRNL", ctx -> ctx.interrupts().hook(0x21, r -> Result.PASS)))
                        .vdd(vdd("MYDOS", ctx -> ctx.interrupts().hook(0x21, r -> Result.PASS)))))
        .isInstanceOf(VmConfigurationException.class)
        .hasMessageContaining("VDD MYDOS")
        .hasMessageContaining("VDD DOSKRNL")
        .hasMessageContaining("21h");
  }

  @Test
  void aDisabledHookPassesAndARemovedOneRestoresTheVector() {
    AtomicReference<Hook> hook = new AtomicReference<>();
    Machine m =
        build(
            bare()
                .vdd(out)
                .vdd(
                    vdd(
                        "SVC",
                        ctx -> {
                          ctx.interrupts().setVector(0x60, 0x0200, 0x0000);
                          hook.set(
                              ctx.interrupts()
                                  .hook(
                                      0x60,
                                      r -> {
                                        r.setAl(9);
                                        return Result.HANDLED;
                                      }));
                        })));
    poke(m, 0x2000, 0xB0, 0x05, 0xCF);
    load(m, 0xCD, 0x60, 0xE6, 0x90, 0xF4);
    hook.get().setEnabled(false);
    m.run(100);
    assertThat(out.values).containsExactly(5);
    hook.get().remove();
    assertThat(m.memory().readWord(0x60 * 4 + 2)).isEqualTo(0x0200);
    assertThat(m.memory().readWord(0x60 * 4)).isEqualTo(0x0000);
  }

  @Test
  void aHookThatThrowsFaultsTheVmNamingTheVdd() {
    Machine m =
        build(
            bare()
                .vdd(
                    vdd(
                        "BROKEN",
                        ctx ->
                            ctx.interrupts()
                                .hook(
                                    0x60,
                                    r -> {
                                      throw new ArithmeticException("divide by zero in Java");
                                    }))));
    load(m, 0xCD, 0x60, 0xF4);
    ExitStatus status = m.run(100);
    assertThat(status.reason()).isEqualTo(ExitReason.FAULT);
    assertThat(status.cause())
        .isInstanceOf(VddException.class)
        .hasMessageContaining("VDD BROKEN")
        .hasMessageContaining("interrupt 60h hook")
        .hasCauseInstanceOf(ArithmeticException.class);
    assertThat(((VddException) status.cause()).vddId()).isEqualTo("BROKEN");
    // terminal: running again gives the same status at once
    assertThat(m.run(100)).isSameAs(status);
  }

  @Test
  void hooksCanBeInvokedWithoutACpuForDeviceTests() {
    Machine m =
        new MachineBuilder(
                bare()
                    .vdd(
                        vdd(
                            "A",
                            ctx ->
                                ctx.interrupts()
                                    .hook(
                                        0x1A,
                                        r -> {
                                          if (r.ah() != 0) {
                                            return Result.PASS;
                                          }
                                          r.setDx(0x1234);
                                          return Result.HANDLED;
                                        })))
                    .vdd(
                        vdd(
                            "B",
                            ctx ->
                                ctx.interrupts()
                                    .chain(
                                        0x1A,
                                        r -> {
                                          log.add("B");
                                          return Result.PASS;
                                        })))
                    .toConfig())
            .withoutCpu()
            .build();
    m.registers().setAh(0);
    assertThat(m.callbacks().invokeHooks(0x1A)).isTrue();
    assertThat(m.registers().dx()).isEqualTo(0x1234);
    m.registers().setAh(1);
    assertThat(m.callbacks().invokeHooks(0x1A)).isFalse();
    assertThat(m.callbacks().invokeHooks(0x1B)).isFalse();
    assertThat(log).containsExactly("B", "B");
  }

  @Test
  void theBaseServiceSitsBeneathChainLayersWhateverTheAttachOrder() {
    // "LAYER" attaches first and chains; "BASE" hooks afterwards, as VCMOS and VTIMER do with
    // INT 1Ah when the standard VDDs attach in the order of their ids.
    Machine m =
        build(
            bare()
                .vdd(out)
                .vdd(vdd("LAYER", ctx -> ctx.interrupts().chain(0x61, r -> {
                  if (r.ah() != 2) {
                    return Result.PASS;
                  }
                  r.setAl(0x22);
                  return Result.HANDLED;
                })))
                .vdd(vdd("BASE", ctx -> ctx.interrupts().hook(0x61, r -> {
                  r.setAl(0x11);
                  return Result.HANDLED;
                }))));
    // MOV AH,1; INT 61h; OUT 90h,AL; MOV AH,2; INT 61h; OUT 90h,AL; HLT
    load(m, 0xB4, 0x01, 0xCD, 0x61, 0xE6, 0x90, 0xB4, 0x02, 0xCD, 0x61, 0xE6, 0x90, 0xF4);
    assertThat(m.run(100).reason()).isEqualTo(ExitReason.HALTED);
    assertThat(out.values).containsExactly(0x11, 0x22);
  }

  @Test
  void twoBaseServicesOnOneVectorAreStillAConflict() {
    assertThatThrownBy(() -> build(bare()
            .vdd(vdd("ONE", ctx -> ctx.interrupts().hook(0x62, r -> Result.HANDLED)))
            .vdd(vdd("TWO", ctx -> ctx.interrupts().hook(0x62, r -> Result.HANDLED)))))
        .hasMessageContaining("TWO")
        .hasMessageContaining("ONE")
        .hasMessageContaining("62h");
  }
}
