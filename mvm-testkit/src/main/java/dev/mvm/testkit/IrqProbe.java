package dev.mvm.testkit;

/**
 * What a test sees of one IRQ line: its level and how often it rose.
 *
 * <pre>{@code
 * assertThat(machine.irq(0).pulses()).isEqualTo(3);
 * assertThat(machine.irq(1).isRaised()).isFalse();
 * }</pre>
 */
public interface IrqProbe {

  /**
   * @return the line's number, 0 to 15
   */
  int number();

  /**
   * @return whether the line is high now
   */
  boolean isRaised();

  /**
   * Rising edges since the probe was last {@linkplain #reset() reset} (or since power-on): each
   * pulse, and each raise of a level-triggered device, counts once.
   *
   * @return the number of rising edges
   */
  int pulses();

  /** Starts counting pulses from zero. */
  void reset();
}
