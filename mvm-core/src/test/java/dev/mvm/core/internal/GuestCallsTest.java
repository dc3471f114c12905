package dev.mvm.core.internal;

import static dev.mvm.core.internal.TestMachines.bare;
import static dev.mvm.core.internal.TestMachines.build;
import static dev.mvm.core.internal.TestMachines.load;
import static dev.mvm.core.internal.TestMachines.poke;
import static dev.mvm.core.internal.TestMachines.vdd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mvm.api.ExitReason;
import dev.mvm.api.ExitStatus;
import dev.mvm.api.vdd.InterruptHook.Result;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GuestCallsTest {
  private final PortLog out = new PortLog();
  private final List<String> log = new ArrayList<>();

  /** The guest's INT 71h handler at 0200:0000: OUT 90h,AL; MOV AL,22h; IRET. */
  /** The guest's INT 71h handler at 0200:0000: OUT 90h,AL; MOV AL,22h; IRET. */
  private static void guestHandler(Machine m) {
    poke(m, 0x2000, 0xE6, 0x90, 0xB0, 0x22, 0xCF);
    m.memory().writeWord(0x71 * 4, 0x0000);
    m.memory().writeWord(0x71 * 4 + 2, 0x0200);
  }

  @Test
  void aHookCallsAnInterruptAndTheContinuationRunsWhenItReturns() {
    Machine m =
        build(
            bare()
                .vdd(out)
                .vdd(
                    vdd(
                        "SVC",
                        ctx -> {
                          ctx.interrupts()
                              .hook(
                                  0x70,
                                  r -> {
                                    r.setAl(0x11);
                                    r.setCf(true);
                                    ctx.guestCalls()
                                        .interrupt(
                                            0x71,
                                            after -> {
                                              log.add("continuation AL=" + after.al());
                                              after.setAl(after.al() + 1);
                                            });
                                    log.add("hook returns");
                                    return Result.HANDLED;
                                  });
                        })));
    guestHandler(m);
    // INT 70h; OUT 90h,AL; HLT
    load(m, 0xCD, 0x70, 0xE6, 0x90, 0xF4);
    assertThat(m.run(100).reason()).isEqualTo(ExitReason.HALTED);
    assertThat(out.values).containsExactly(0x11, 0x23);
    assertThat(log).containsExactly("hook returns", "continuation AL=34");
    assertThat(m.registers().cf()).isTrue();
    assertThat(m.registers().sp()).isEqualTo(0x8000);
    assertThat(m.registers().cs()).isEqualTo(TestMachines.CODE_SEGMENT);
  }

  @Test
  void continuationsMayMakeFurtherCallsFarAndNested() {
    Machine m =
        build(
            bare()
                .vdd(out)
                .vdd(
                    vdd(
                        "SVC",
                        ctx -> {
                          ctx.interrupts()
                              .hook(
                                  0x70,
                                  r -> {
                                    r.setAl(1);
                                    ctx.guestCalls()
                                        .interrupt(
                                            0x71,
                                            a -> {
                                              log.add("first");
                                              a.setAl(2);
                                              ctx.guestCalls()
                                                  .callFar(
                                                      0x0300,
                                                      0,
                                                      b -> {
                                                        log.add("far");
                                                        b.setAl(4);
                                                      });
                                            });
                                    ctx.guestCalls()
                                        .interrupt(
                                            0x71,
                                            c -> {
                                              log.add("second");
                                              c.setAl(5);
                                            });
                                    return Result.HANDLED;
                                  });
                          // a hook that the guest procedure reaches, making its own call
                          ctx.interrupts()
                              .hook(
                                  0x72,
                                  r -> {
                                    ctx.guestCalls().interrupt(0x71, d -> log.add("inner"));
                                    return Result.HANDLED;
                                  });
                        })));
    guestHandler(m);
    // far procedure at 0300:0000: OUT 90h,AL; INT 72h; RETF
    poke(m, 0x3000, 0xE6, 0x90, 0xCD, 0x72, 0xCB);
    load(m, 0xCD, 0x70, 0xE6, 0x90, 0xF4);
    ExitStatus status = m.run(200);
    assertThat(status.reason()).isEqualTo(ExitReason.HALTED);
    // 71h sees 1; far procedure sees 2; INT 72h -> 71h sees 2 (AL unchanged by the hook);
    // after it (AL=22h from the handler) the far procedure returns; the second call sees 4
    assertThat(out.values).containsExactly(1, 2, 2, 4, 5);
    assertThat(log).containsExactly("first", "inner", "far", "second");
    assertThat(m.registers().sp()).isEqualTo(0x8000);
  }

  @Test
  void aFarCallEntryRunsJavaAndReturns() {
    int[] entry = new int[1];
    Machine m =
        build(
            bare()
                .vdd(out)
                .vdd(
                    vdd(
                        "XMS",
                        ctx ->
                            entry[0] =
                                ctx.farCallEntry(
                                    r -> {
                                      r.setAx(0x0300);
                                      log.add("entry");
                                    }))));
    assertThat(entry[0] >>> 16).isEqualTo(0xF000);
    // CALL FAR entry; OUT 90h,AL (AL = 00h); MOV AL,AH... just OUT; HLT
    load(
        m, 0x9A, entry[0] & 0xFF, (entry[0] >>> 8) & 0xFF, (entry[0] >>> 16) & 0xFF,
        entry[0] >>> 24, 0xE6, 0x90, 0xF4);
    assertThat(m.run(100).reason()).isEqualTo(ExitReason.HALTED);
    assertThat(log).containsExactly("entry");
    assertThat(m.registers().ax()).isEqualTo(0x0300);
    assertThat(out.values).containsExactly(0);
    assertThat(m.registers().sp()).isEqualTo(0x8000);
  }

  @Test
  void aTimerInterruptsTheGuestWithACallAndEndsTheRun() {
    Machine m =
        build(
            bare()
                .vdd(out)
                .vdd(
                    vdd(
                        "TSR",
                        ctx -> {
                          ctx.clock()
                              .after(
                                  10_000,
                                  () ->
                                      ctx.guestCalls()
                                          .interrupt(
                                              0x71,
                                              r -> ctx.exit(ExitStatus.programExit(7, 0))));
                        })));
    guestHandler(m);
    load(m, 0xB0, 0x66, 0xEB, 0xFE); // MOV AL,66h; JMP $
    ExitStatus status = m.run(1_000_000);
    assertThat(status.reason()).isEqualTo(ExitReason.PROGRAM_EXIT);
    assertThat(status.exitCode()).isEqualTo(7);
    assertThat(out.values).containsExactly(0x66);
    assertThat(m.instructionCount()).isLessThan(1000);
  }

  @Test
  void idleLetsInterruptsInUntilTheInputHasCome() {
    ArrayDeque<Integer> keys = new ArrayDeque<>();
    AtomicInteger waits = new AtomicInteger();
    TestMachines.FakePic pic = new TestMachines.FakePic();
    Machine m =
        build(
            bare()
                .vdd(out)
                .vdd(pic)
                .vdd(
                    vdd(
                        "KBD",
                        ctx -> {
                          ctx.clock()
                              .after(
                                  5_000_000,
                                  () -> {
                                    keys.add(0x41);
                                    ctx.irq(1).pulse();
                                  });
                          ctx.interrupts()
                              .hook(
                                  0x16,
                                  r -> {
                                    waitForKey(ctx, keys, waits);
                                    return Result.HANDLED;
                                  });
                        })));
    // INT 16h; OUT 90h,AL; CLI; HLT
    load(m, 0xCD, 0x16, 0xE6, 0x90, 0xFA, 0xF4);
    ExitStatus status = m.run(10_000);
    assertThat(status.reason()).isEqualTo(ExitReason.HALTED);
    assertThat(out.values).containsExactly(0x41);
    assertThat(pic.acknowledged).isEqualTo(1);
    assertThat(waits.get()).isEqualTo(1);
    assertThat(out.times.get(0)).isGreaterThanOrEqualTo(5_000_000L);
    assertThat(m.instructionCount()).isLessThan(50);
  }

  private static void waitForKey(
      dev.mvm.api.vdd.VddContext ctx, ArrayDeque<Integer> keys, AtomicInteger waits) {
    ctx.guestCalls()
        .idle(
            r -> {
              Integer key = keys.poll();
              if (key == null) {
                waitForKey(ctx, keys, waits);
              } else {
                r.setAl(key);
              }
            });
    waits.incrementAndGet();
  }

  @Test
  void reachingTheContinuationWithNoCallPendingIsAFault() {
    Machine m = build(bare());
    // JMP FAR F000:0100, the continuation stub
    load(m, 0xEA, 0x00, 0x01, 0x00, 0xF0);
    ExitStatus status = m.run(10);
    assertThat(status.reason()).isEqualTo(ExitReason.FAULT);
    assertThat(status.message()).contains("F000:0100").contains("no call pending");
  }
}
