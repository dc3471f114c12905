package dev.mvm.doskrnl;

import dev.mvm.api.cpu.Registers;
import dev.mvm.api.vdd.GuestCalls;
import dev.mvm.api.vdd.InterruptHook;

/**
 * The DOS kernel's share of INT 2Fh, the multiplex interrupt, and INT 2Eh.
 *
 * <p>INT 2Fh answers the installation checks of what DOS itself would answer for, as MS-DOS 5
 * answers them when nothing is installed:
 *
 * <ul>
 *   <li>0100h (PRINT), 1000h (SHARE), 1600h (Windows enhanced mode): AL = 00h, not installed.
 *   <li>4A01h (free HMA space) and 4A02h (allocate HMA space): BX = 0000h and ES:DI =
 *       FFFF:FFFF, as MS-DOS does when it is not in the HMA.
 *   <li>1680h (release the time slice): AL = 00h, and the VM idles until the next interrupt
 *       (the timer tick at the latest), so a program that waits in a 1680h loop costs no host
 *       time. 1689h (Windows' kernel idle call) idles the same way and changes no register.
 * </ul>
 *
 * <p>Everything else, 4300h (XMS) included, goes on to the vector's previous handler: another
 * VDD's (an XMS driver's), or the BIOS's default {@code IRET}, which leaves AL at 00h, the
 * "not installed" answer of every installation check. The hook is installed as a chain layer,
 * so another VDD may provide INT 2Fh services beneath it.
 *
 * <p>INT 2Eh is COMMAND.COM's "pass a command to the shell" entry. No shell is resident, so, as
 * under MS-DOS before a COMMAND.COM installs its handler, nothing runs: the call returns with
 * the registers unchanged (and the kernel logs the first command it was asked to run).
 */
final class Multiplex {

  private final GuestCalls guestCalls;
  private final System.Logger logger;
  private boolean warned;

  Multiplex(GuestCalls guestCalls, System.Logger logger) {
    this.guestCalls = guestCalls;
    this.logger = logger;
  }

  /** INT 2Fh. */
  InterruptHook.Result int2f(Registers r) {
    switch (r.ax()) {
      case 0x0100, 0x1000, 0x1600 -> r.setAl(0x00);
      case 0x4A01, 0x4A02 -> {
        r.setBx(0);
        r.setEs(0xFFFF);
        r.setDi(0xFFFF);
      }
      case 0x1680 -> {
        r.setAl(0x00);
        guestCalls.idle(after -> after.setAl(0x00));
      }
      case 0x1689 -> guestCalls.idle(after -> {});
      default -> {
        return InterruptHook.Result.PASS;
      }
    }
    return InterruptHook.Result.HANDLED;
  }

  /** INT 2Eh: DS:SI = the command, a count byte, the text and CR. */
  InterruptHook.Result int2e(Registers r, dev.mvm.api.vdd.GuestMemory memory) {
    int at = Registers.linear(r.ds(), r.si());
    int length = memory.readByte(at);
    String command = memory.readString(at + 1, '\r', Math.min(length, 127));
    if (!warned) {
      warned = true;
      logger.log(System.Logger.Level.WARNING,
          "INT 2Eh asked the shell to run \"" + command + "\"; no shell is resident, so nothing"
              + " ran (as under DOS before COMMAND.COM installs its INT 2Eh handler)");
    }
    return InterruptHook.Result.HANDLED;
  }
}
