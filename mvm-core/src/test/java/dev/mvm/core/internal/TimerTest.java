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
import dev.mvm.api.vdd.InterruptHook.Result;
import dev.mvm.api.vdd.IoHandler;
import dev.mvm.api.vdd.Timer;
import dev.mvm.api.vdd.VddContext;
import dev.mvm.api.vdd.VirtualClock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TimerTest {
  private final List<String> log = new ArrayList<>();
  private final AtomicReference<VirtualClock> clock = new AtomicReference<>();

  private Machine spinning(dev.mvm.api.vdd.Vdd... vdds) {
    var builder = bare().vdd(vdd("CLOCK", ctx -> clock.set(ctx.clock())));
    for (var v : vdds) {
      builder.vdd(v);
    }
    Machine m = build(builder);
    load(m, 0xEB, 0xFE); // JMP $
    return m;
  }

  @Test
  void virtualTimeFollowsInstructionsAndTheStartTime() {
    Machine m =
        build(bare().instructionsPerSecond(1_000_000).startTime(LocalDateTime.of(1995, 8, 24, 9, 0))
            .vdd(vdd("CLOCK", ctx -> clock.set(ctx.clock()))));
    load(m, 0xEB, 0xFE);
    m.run(2_500_000);
    assertThat(clock.get().nanos()).isEqualTo(2_500_000_000L);
    assertThat(clock.get().dateTime()).isEqualTo(LocalDateTime.of(1995, 8, 24, 9, 0, 2, 500_000_000));
  }

  @Test
  void aOneShotTimerFiresAtItsDeadlineExactly() {
    long[] firedAt = new long[2];
    Machine m = spinning();
    clock.get().after(1_000_000, () -> {
      firedAt[0] = clock.get().nanos();
      firedAt[1] = 1;
    });
    m.run(100_000);
    // 10 million instructions a second: 1 ms is 10,000 instructions
    assertThat(firedAt[0]).isEqualTo(1_000_000L);
  }

  @Test
  void periodicTimersRepeatAndStopWhenCancelled() {
    Machine m = spinning();
    int[] count = new int[2];
    Timer[] second = new Timer[1];
    clock.get().every(Duration.ofMillis(1), () -> count[0]++);
    second[0] =
        clock.get().every(Duration.ofMillis(1), () -> {
          if (++count[1] == 3) {
            second[0].cancel();
          }
        });
    m.run(100_000); // 10 ms
    assertThat(count[0]).isEqualTo(10);
    assertThat(count[1]).isEqualTo(3);
    assertThat(second[0].isActive()).isFalse();
  }

  @Test
  void timersFireInDeadlineThenArmingOrder() {
    Machine m = spinning();
    VirtualClock c = clock.get();
    c.after(2000, () -> log.add("B at 2000"));
    c.after(2000, () -> log.add("A at 2000"));
    c.after(1000, () -> log.add("C at 1000"));
    Timer cancelled = c.after(1500, () -> log.add("never"));
    c.after(0, () -> log.add("now"));
    cancelled.cancel();
    cancelled.cancel();
    assertThat(cancelled.isActive()).isFalse();
    m.run(100);
    assertThat(log).containsExactly("now", "C at 1000", "B at 2000", "A at 2000");
  }

  @Test
  void aTimerArmedDuringASliceStillFiresOnTime() {
    long[] firedAt = new long[1];
    Machine m =
        spinning(
            vdd(
                "DEV",
                ctx ->
                    ctx.ports()
                        .claim(
                            0x90,
                            1,
                            new IoHandler() {
                              @Override
                              public int inb(int port) {
                                return 0;
                              }

                              @Override
                              public void outb(int port, int value) {
                                ctx.clock().after(500, () -> firedAt[0] = ctx.clock().nanos());
                              }
                            })));
    load(m, 0xE6, 0x90, 0xEB, 0xFE); // OUT 90h,AL; JMP $
    m.run(100_000);
    assertThat(firedAt[0]).isBetween(500L, 600L);
  }

  @Test
  void hltWithInterruptsEnabledSkipsToTheNextTimer() {
    TestMachines.FakePic pic = new TestMachines.FakePic();
    int[] ticks = new int[1];
    Machine m =
        build(
            bare()
                .vdd(pic)
                .vdd(
                    vdd(
                        "TICK",
                        ctx -> {
                          // the PC's 18.2 Hz tick
                          ctx.clock().every(54_925_494L, ctx.irq(0)::pulse);
                          ctx.clock()
                              .after(
                                  Duration.ofSeconds(60),
                                  () -> ctx.exit(ExitStatus.programExit(0, 0)));
                          ctx.interrupts()
                              .hook(
                                  0x08,
                                  r -> {
                                    ticks[0]++;
                                    ctx.ports().out(0x20, 1, 0x20);
                                    return Result.HANDLED;
                                  });
                        })));
    // STI; HLT; JMP back to the HLT
    load(m, 0xFB, 0xF4, 0xEB, 0xFD);
    ExitStatus status = m.run();
    assertThat(status.reason()).isEqualTo(ExitReason.PROGRAM_EXIT);
    assertThat(m.scheduler().nanos()).isEqualTo(60_000_000_000L);
    assertThat(ticks[0]).isEqualTo(1092);
    // spinning would have cost 600 million instructions
    assertThat(m.instructionCount()).isLessThan(5_000);
  }

  @Test
  void hltWithInterruptsDisabledHalts() {
    Machine m = spinning();
    clock.get().every(1000, () -> {});
    load(m, 0xFA, 0xF4); // CLI; HLT
    ExitStatus status = m.run(100);
    assertThat(status.reason()).isEqualTo(ExitReason.HALTED);
    assertThat(status.message()).contains("interrupts disabled").contains("0100:0001");
    assertThat(m.lastExit()).contains(status);
  }

  @Test
  void hltWithNoTimerArmedHalts() {
    Machine m = spinning();
    load(m, 0xFB, 0xF4); // STI; HLT
    ExitStatus status = m.run(100);
    assertThat(status.reason()).isEqualTo(ExitReason.HALTED);
    assertThat(status.message()).contains("no timer");
  }

  /** STI; HLT with an interrupt already requested wakes at once: nothing needs a timer. */
  @Test
  void hltWithAnInterruptAlreadyRequestedTakesIt() {
    AtomicReference<VddContext> device = new AtomicReference<>();
    Machine m = build(bare().vdd(new TestMachines.FakePic()).vdd(vdd("DEV", device::set)));
    poke(m, 0x2000, 0xF1); // the handler of IRQ 0: shut down, to show it ran
    m.memory().writeWord(8 * 4, 0x2000);
    m.memory().writeWord(8 * 4 + 2, 0);
    load(m, 0xFB, 0xF4, 0xEB, 0xFD); // STI; HLT; JMP back to the HLT
    device.get().irq(0).raise(); // requested while interrupts are disabled
    ExitStatus status = m.run(100);
    assertThat(status.reason()).as(status.message()).isEqualTo(ExitReason.SHUTDOWN);
    assertThat(m.scheduler().nanos()).as("no time skipped").isLessThan(1_000);
  }

  @Test
  void aTimerActionThatThrowsFaultsTheVmNamingItsVdd() {
    Machine m =
        spinning(
            vdd(
                "VTIMER",
                ctx ->
                    ctx.clock()
                        .after(
                            100,
                            () -> {
                              throw new IllegalStateException("counter underflow");
                            })));
    ExitStatus status = m.run(1000);
    assertThat(status.reason()).isEqualTo(ExitReason.FAULT);
    assertThat(status.cause())
        .isInstanceOf(VddException.class)
        .hasMessageContaining("VDD VTIMER")
        .hasMessageContaining("counter underflow");
  }

  @Test
  void advanceMovesTimeWithoutACpu() {
    int[] pulses = new int[1];
    Machine m =
        new MachineBuilder(
                bare()
                    .vdd(
                        vdd(
                            "PIT",
                            ctx ->
                                ctx.clock()
                                    .every(
                                        10_000_000,
                                        () -> {
                                          pulses[0]++;
                                          ctx.irq(0).pulse();
                                        })))
                    .toConfig())
            .withoutCpu()
            .build();
    m.advance(Duration.ofMillis(35).toNanos());
    assertThat(pulses[0]).isEqualTo(3);
    assertThat(m.irqLines().line(0).raiseCount()).isEqualTo(3);
    assertThat(m.irqLines().line(0).isRaised()).isFalse();
    assertThat(m.scheduler().nanos()).isEqualTo(35_000_000L);
    assertThat(m.run().reason()).isEqualTo(ExitReason.HALTED);
    assertThatThrownBy(() -> m.advance(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void badDelaysAreRejected() {
    spinning();
    assertThatThrownBy(() -> clock.get().after(-1, () -> {}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> clock.get().every(0, () -> {}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
