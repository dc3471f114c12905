package dev.mvm.core.internal;

import dev.mvm.api.vdd.Timer;
import dev.mvm.api.vdd.VirtualClock;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.function.LongSupplier;

/**
 * Virtual time and the timers armed on it.
 *
 * <p>Virtual nanoseconds are {@code instructions * 1e9 / instructionsPerSecond} plus the time
 * skipped while the CPU was halted (or advanced by a test harness without a CPU). Nothing here
 * reads the wall clock, so two runs that execute the same instructions see the same times.
 *
 * <p>Timers fire in order of deadline, then of arming (a periodic timer re-arms for its next
 * period before its action runs, taking a new place in that order), never before their
 * deadline; the run loop sizes CPU slices so that it regains control at the next deadline.
 */
public final class Scheduler {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final long instructionsPerSecond;
  private final LocalDateTime startTime;
  private final LongSupplier instructions;
  private final Runnable earlierDeadline;
  private final PriorityQueue<TimerImpl> queue =
      new PriorityQueue<>(
          Comparator.comparingLong((TimerImpl t) -> t.deadline).thenComparingLong(t -> t.sequence));

  private long skipped;
  private long sequence;

  /**
   * @param instructionsPerSecond the nominal speed, at least 1
   * @param startTime the guest's date and time at power-on
   * @param instructions the CPU's instruction count, read live
   * @param earlierDeadline called when a timer is armed with a deadline the current CPU slice
   *     would overrun; the machine ends the slice
   */
  Scheduler(
      long instructionsPerSecond,
      LocalDateTime startTime,
      LongSupplier instructions,
      Runnable earlierDeadline) {
    if (instructionsPerSecond < 1) {
      throw new IllegalArgumentException(
          "instructions per second must be positive: " + instructionsPerSecond);
    }
    this.instructionsPerSecond = instructionsPerSecond;
    this.startTime = startTime;
    this.instructions = instructions;
    this.earlierDeadline = earlierDeadline;
  }

  /** A timer; ordered by deadline, then arming sequence. */
  private final class TimerImpl implements Timer {
    final String owner;
    final long period;
    final Runnable action;
    long deadline;
    long sequence;
    boolean active = true;

    TimerImpl(String owner, long deadline, long period, Runnable action) {
      this.owner = owner;
      this.deadline = deadline;
      this.period = period;
      this.action = action;
    }

    @Override
    public void cancel() {
      if (active) {
        active = false;
        queue.remove(this);
      }
    }

    @Override
    public boolean isActive() {
      return active;
    }

    @Override
    public long deadline() {
      return deadline;
    }
  }

  /** Returns virtual nanoseconds since power-on. */
  public long nanos() {
    long i = instructions.getAsLong();
    return (i / instructionsPerSecond) * NANOS_PER_SECOND
        + (i % instructionsPerSecond) * NANOS_PER_SECOND / instructionsPerSecond
        + skipped;
  }

  /** Returns the guest's local date and time. */
  public LocalDateTime dateTime() {
    return startTime.plusNanos(nanos());
  }

  /**
   * How many more instructions take virtual time to at least a deadline.
   *
   * @param deadline virtual nanoseconds
   * @return 0 if the deadline has passed, else the count of instructions
   */
  long instructionsUntil(long deadline) {
    long target = deadline - skipped;
    if (target <= 0) {
      return 0;
    }
    // The smallest count n with floor(n * 1e9 / ips) >= target, without overflowing.
    long whole = target / NANOS_PER_SECOND;
    long rest = target % NANOS_PER_SECOND;
    long n =
        whole * instructionsPerSecond
            + (rest * instructionsPerSecond + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
    return Math.max(0, n - instructions.getAsLong());
  }

  /**
   * Moves virtual time forward without executing instructions (a halted CPU, a test harness).
   *
   * @param nanos the new virtual time; ignored if not later than now
   */
  public void skipTo(long nanos) {
    long now = nanos();
    if (nanos > now) {
      skipped += nanos - now;
    }
  }

  /** Returns the deadline of the next timer, or {@link Long#MAX_VALUE} when none is armed. */
  public long nextDeadline() {
    TimerImpl next = queue.peek();
    return next == null ? Long.MAX_VALUE : next.deadline;
  }

  /** Returns whether any timer is armed. */
  public boolean hasTimers() {
    return !queue.isEmpty();
  }

  /**
   * Fires every timer whose deadline has come, in order, until none is due or {@code stop} says
   * so. Timers armed by the actions fire in the same pass if they are due.
   *
   * @param stop checked after each action; true ends the pass (the VM is ending)
   */
  void fireDue(java.util.function.BooleanSupplier stop) {
    long now = nanos();
    TimerImpl next;
    while ((next = queue.peek()) != null && next.deadline <= now) {
      queue.poll();
      if (next.period > 0) {
        next.deadline += next.period;
        next.sequence = ++sequence;
        queue.add(next);
      } else {
        next.active = false;
      }
      try {
        next.action.run();
      } catch (RuntimeException e) {
        throw VddFailure.wrap(next.owner, "timer action", e);
      }
      if (stop.getAsBoolean()) {
        return;
      }
      now = nanos();
    }
  }

  /** Cancels every timer: the VM is closing. */
  void cancelAll() {
    for (TimerImpl t : queue) {
      t.active = false;
    }
    queue.clear();
  }

  private Timer arm(String owner, long delay, long period, Runnable action) {
    long now = nanos();
    // A delay too long to represent fires never in practice: at the end of time.
    long deadline = now + delay < now ? Long.MAX_VALUE - 1 : now + delay;
    TimerImpl timer = new TimerImpl(owner, deadline, period, action);
    timer.sequence = ++sequence;
    TimerImpl head = queue.peek();
    queue.add(timer);
    if (head == null || timer.deadline < head.deadline) {
      earlierDeadline.run();
    }
    return timer;
  }

  /**
   * The clock as one VDD sees it: its timers carry its id into faults.
   *
   * @param owner the VDD's id
   * @return the view
   */
  public VirtualClock clockFor(String owner) {
    return new VirtualClock() {
      @Override
      public long nanos() {
        return Scheduler.this.nanos();
      }

      @Override
      public LocalDateTime dateTime() {
        return Scheduler.this.dateTime();
      }

      @Override
      public Timer after(long delayNanos, Runnable action) {
        if (delayNanos < 0) {
          throw new IllegalArgumentException("timer delay must not be negative: " + delayNanos);
        }
        return arm(owner, delayNanos, 0, action);
      }

      @Override
      public Timer every(long periodNanos, Runnable action) {
        if (periodNanos < 1) {
          throw new IllegalArgumentException("timer period must be positive: " + periodNanos);
        }
        return arm(owner, periodNanos, periodNanos, action);
      }
    };
  }
}
