package dev.mvm.vdd.std;

import java.util.function.Consumer;

/**
 * The PC speaker as the host sees it: whether it sounds a tone and at what frequency. {@link
 * VTimer} publishes it; get it with {@code vm.device(PcSpeaker.class)}.
 *
 * <pre>{@code
 * vm.device(PcSpeaker.class).ifPresent(speaker ->
 *     speaker.addListener(state -> synth.play(state.sounding(), state.frequencyHz())));
 * }</pre>
 *
 * <p>The speaker sounds a tone while timer channel 2 runs as a square-wave generator (mode 3)
 * with its gate and the speaker data bit of port 61h both on. Other ways of driving it (toggling
 * port 61h by hand, pulse-width tricks) are not reported as tones.
 */
public interface PcSpeaker {

  /**
   * What the speaker does.
   *
   * @param sounding whether a tone plays
   * @param frequencyHz the tone's frequency, or 0 when silent
   * @param virtualNanos the VM's virtual time at the change
   */
  record State(boolean sounding, double frequencyHz, long virtualNanos) {}

  /**
   * The current state; thread-safe.
   *
   * @return the latest state
   */
  State state();

  /**
   * Registers a listener for changes. It is called on the VM's thread, so it must return
   * quickly.
   *
   * @param listener receives each new state
   */
  void addListener(Consumer<State> listener);
}
