package dev.mvm.api.vdd;

import dev.mvm.api.cpu.Registers;
import java.util.function.Consumer;

/**
 * Makes the guest execute code on behalf of Java and resumes Java when it returns: the DOS
 * kernel calls a program's Ctrl-Break handler this way, and a service calls the video BIOS
 * through its vector so that TSRs hooked into it see the call.
 *
 * <p>Calls are made from an interrupt hook or a host callback. The guest code runs after the
 * hook returns; when it returns, the continuation runs with the registers it left. A
 * continuation may make further calls; the interrupted code resumes when the last one is done.
 *
 * <pre>{@code
 * ctx.interrupts().hook(0x21, regs -> {
 *   if (regs.ah() != 0x02) return InterruptHook.Result.PASS;
 *   int ch = regs.dl();
 *   regs.setAh(0x0E);
 *   regs.setAl(ch);
 *   ctx.guestCalls().interrupt(0x10, after -> after.setAl(ch));   // teletype output
 *   return InterruptHook.Result.HANDLED;
 * });
 * }</pre>
 */
public interface GuestCalls {

  /**
   * Calls an interrupt vector in the guest, as {@code INT vector}, with the current registers.
   *
   * @param vector 0 to 255
   * @param continuation runs when the handler returns (IRET)
   */
  void interrupt(int vector, Consumer<Registers> continuation);

  /**
   * Calls a far procedure in the guest, as {@code CALL FAR segment:offset}.
   *
   * @param segment the procedure's segment
   * @param offset its offset
   * @param continuation runs when it returns (RETF)
   */
  void callFar(int segment, int offset, Consumer<Registers> continuation);

  /**
   * Lets the guest wait for the next interrupt ({@code STI; HLT} in the monitor's ROM), then
   * runs the continuation. A service that waits for input (INT 16h reading a key from an empty
   * buffer) calls it again from its continuation until the input has come, so the guest's
   * timer and keyboard interrupts go on while it waits, and a halted VM costs no host time.
   *
   * @param continuation runs after the interrupt has been served
   */
  void idle(Consumer<Registers> continuation);
}
