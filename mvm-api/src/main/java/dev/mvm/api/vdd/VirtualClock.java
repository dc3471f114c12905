package dev.mvm.api.vdd;

import java.time.Duration;
import java.time.LocalDateTime;

/**
 * The VM's time: nanoseconds derived from executed instructions at the configured nominal
 * speed (kept near wall time only with the paced clock). Timers fire on the VM's thread
 * between instructions, in deadline order, and never early. A halted CPU skips straight to the
 * next deadline.
 *
 * <pre>{@code
 * // an 18.2 Hz tick, as the PC's timer channel 0 gives after power-on
 * Timer tick = clock.every(54_925_494L, irq0::pulse);
 * }</pre>
 */
public interface VirtualClock {

  /**
   * @return virtual nanoseconds since power-on
   */
  long nanos();

  /**
   * The guest's local date and time: the configured start plus virtual time.
   *
   * @return the date and time a real-time clock would show
   */
  LocalDateTime dateTime();

  /**
   * Fires an action once.
   *
   * @param delayNanos virtual nanoseconds from now, at least 0
   * @param action what to do
   * @return the timer
   */
  Timer after(long delayNanos, Runnable action);

  /**
   * Fires an action once.
   *
   * @param delay virtual time from now
   * @param action what to do
   * @return the timer
   */
  default Timer after(Duration delay, Runnable action) {
    return after(delay.toNanos(), action);
  }

  /**
   * Fires an action periodically, first after one period.
   *
   * @param periodNanos virtual nanoseconds between firings, at least 1
   * @param action what to do
   * @return the timer; cancel it to stop
   */
  Timer every(long periodNanos, Runnable action);

  /**
   * Fires an action periodically, first after one period.
   *
   * @param period virtual time between firings
   * @param action what to do
   * @return the timer
   */
  default Timer every(Duration period, Runnable action) {
    return every(period.toNanos(), action);
  }
}
