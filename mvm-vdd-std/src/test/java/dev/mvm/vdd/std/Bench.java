package dev.mvm.vdd.std;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvm.api.ExitReason;
import dev.mvm.api.ExitStatus;
import dev.mvm.api.vdd.InterruptHook;
import dev.mvm.api.vdd.Vdd;
import dev.mvm.api.vdd.VddContext;
import dev.mvm.testkit.EmbeddedMachine;
import java.time.Duration;
import java.util.Objects;

/**
 * The fake edge of the bench for guest-snippet tests: INT E0h ends a snippet with a stop
 * rather than a halt, so that a test can run several snippets on one machine (a halted machine
 * stays halted) and act as the host between them; it counts machine resets; and it runs host
 * actions at virtual times, while a snippet runs.
 */
final class Bench implements Vdd {
  /** The interrupt that ends a snippet and keeps the machine runnable. */
  static final int STOP = 0xE0;

  private VddContext ctx;
  private int resets;

  @Override
  public String id() {
    return "BENCH";
  }

  @Override
  public void attach(VddContext context) {
    this.ctx = context;
    context.interrupts().hook(STOP, regs -> {
      context.exit(ExitStatus.of(ExitReason.STOPPED, "the snippet ended", 0));
      return InterruptHook.Result.HANDLED;
    });
  }

  @Override
  public void reset() {
    resets++;
    if (resets > 1) {
      // A reset while a snippet runs: stop there, so that the CPU does not run the firmware.
      ctx.exit(ExitStatus.of(ExitReason.STOPPED, "the machine was reset", 0));
    }
  }

  /** Resets since power-on (power-on itself is not counted). */
  int resets() {
    return resets - 1;
  }

  /** Runs a host action when virtual time has moved on by {@code delay}. */
  void at(Duration delay, Runnable action) {
    Objects.requireNonNull(ctx, "not attached").clock().after(delay.toNanos(), action);
  }

  /** Runs a snippet that ends with INT E0h; the machine can run the next one. */
  static void run(EmbeddedMachine m, String snippet) {
    ExitStatus status = m.execute(snippet + "\nint 0xE0\n");
    assertThat(status.reason()).as(status.message()).isEqualTo(ExitReason.STOPPED);
  }
}
