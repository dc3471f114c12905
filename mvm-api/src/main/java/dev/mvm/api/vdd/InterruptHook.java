package dev.mvm.api.vdd;

import dev.mvm.api.cpu.Registers;

/**
 * Java code that runs when the guest reaches an interrupt vector (a BIOS or DOS service). The
 * vector points at a stub in the monitor's ROM, so guest programs read, replace and chain it as
 * on a real PC.
 *
 * <p>The hook receives the guest's registers as the interrupt left them. Returning {@link
 * Result#HANDLED} returns to the interrupted code with the registers the hook left, and with
 * the status flags (CF, PF, AF, ZF, SF, OF) it set, which is how BIOS and DOS services report
 * errors. Returning {@link Result#PASS} continues at the handler the vector had before the hook
 * was installed, with the registers unchanged.
 */
@FunctionalInterface
public interface InterruptHook {

  /** What the hook did with the interrupt. */
  enum Result {
    /** Served: return to the interrupted code. */
    HANDLED,
    /** Not for this hook: continue at the previous handler. */
    PASS
  }

  /**
   * Serves an interrupt.
   *
   * @param frame the guest's registers
   * @return whether the interrupt was served
   */
  Result handle(Registers frame);
}
