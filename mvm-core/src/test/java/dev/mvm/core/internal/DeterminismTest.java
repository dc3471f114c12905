package dev.mvm.core.internal;

import static dev.mvm.core.internal.TestMachines.bare;
import static dev.mvm.core.internal.TestMachines.build;
import static dev.mvm.core.internal.TestMachines.load;
import static dev.mvm.core.internal.TestMachines.vdd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mvm.api.ExitReason;
import dev.mvm.api.ExitStatus;
import dev.mvm.api.vdd.InterruptHook.Result;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeterminismTest {

  /** What one run observed. */
  private record Trace(List<String> events, List<Integer> out, long instructions) {}

  private static Trace runOnce(long chunk) throws Exception {
    List<String> events = new ArrayList<>();
    PortLog out = new PortLog();
    Machine m =
        build(
            bare()
                .vdd(out)
                .vdd(new TestMachines.FakePic())
                .vdd(
                    vdd(
                        "NOISY",
                        ctx -> {
                          ctx.clock().every(123_457, ctx.irq(0)::pulse);
                          ctx.clock()
                              .every(
                                  Duration.ofMillis(3),
                                  () -> events.add("3ms at " + ctx.clock().nanos()));
                          ctx.clock()
                              .after(
                                  Duration.ofMillis(20),
                                  () -> ctx.exit(ExitStatus.programExit(1, 0)));
                          ctx.interrupts()
                              .hook(
                                  0x08,
                                  r -> {
                                    events.add(
                                        "tick AX=" + r.ax() + " at " + ctx.clock().nanos());
                                    ctx.ports().out(0x20, 1, 0x20);
                                    return Result.HANDLED;
                                  });
                        })));
    // STI; loop: INC AX; OUT 90h,AL; NOP; JMP loop
    load(m, 0xFB, 0x40, 0xE6, 0x90, 0x90, 0xEB, 0xFA);
    ExitStatus status;
    if (chunk == 0) {
      status = m.run();
    } else {
      do {
        status = m.run(chunk);
      } while (status.reason() == ExitReason.BUDGET_EXHAUSTED);
    }
    assertThat(status.reason()).isEqualTo(ExitReason.PROGRAM_EXIT);
    return new Trace(events, out.values, status.instructions());
  }

  @Test
  void identicalRunsExecuteIdenticalInstructions() throws Exception {
    Trace first = runOnce(0);
    Trace second = runOnce(0);
    assertThat(first.instructions()).isGreaterThan(100_000);
    assertThat(second).isEqualTo(first);
    // however the host slices the runs
    assertThat(runOnce(777)).isEqualTo(first);
  }

  private static Machine ticking(List<String> events) {
    Machine m =
        build(
            bare()
                .vdd(new PortLog())
                .vdd(
                    vdd(
                        "T",
                        ctx -> {
                          ctx.clock().every(50_000, () -> events.add("t " + ctx.clock().nanos()));
                          ctx.clock()
                              .after(
                                  Duration.ofMillis(20),
                                  () -> ctx.exit(ExitStatus.programExit(1, 0)));
                        })));
    load(m, 0x40, 0xE6, 0x90, 0xEB, 0xFB); // INC AX; OUT 90h,AL; JMP back
    return m;
  }

  @Test
  void aStartedRunPausedAndResumedMatchesAStraightRun() throws Exception {
    List<String> straightEvents = new ArrayList<>();
    ExitStatus straight = ticking(straightEvents).run();
    List<String> events = new ArrayList<>();
    Machine m = ticking(events);
    var run = m.start();
    for (int i = 0; i < 50; i++) {
      run.pause();
      run.resume();
    }
    ExitStatus status = run.await(Duration.ofSeconds(30)).orElseThrow();
    assertThat(status.reason()).isEqualTo(ExitReason.PROGRAM_EXIT);
    // 20 ms at 10 MIPS
    assertThat(status.instructions()).isEqualTo(200_000).isEqualTo(straight.instructions());
    assertThat(events).isEqualTo(straightEvents).hasSizeGreaterThan(390);
    m.close();
  }
}
