package dev.mvm.vdd.std;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvm.api.ExitReason;
import dev.mvm.api.ExitStatus;
import dev.mvm.api.cpu.Flags;
import dev.mvm.testkit.EmbeddedMachine;

/**
 * BIOS calls as a guest snippet: each {@link #call} adds setup lines, the INT, and code that
 * saves AX, BX, CX, DX, FLAGS, ES and DI in a slot of guest memory from 0:0600h up. A testkit
 * machine runs one snippet (it ends halted), so a test collects its calls, {@link #run}s them
 * once, and reads each call's {@link Result}.
 */
final class BiosCalls {
  private static final int FIRST_SLOT = 0x600;
  private static final int SLOT = 16;

  private final StringBuilder code = new StringBuilder();
  private int slots;

  /** A call's registers afterwards. */
  record Result(int ax, int bx, int cx, int dx, int flags, int es, int di) {
    int ah() {
      return ax >>> 8;
    }

    int al() {
      return ax & 0xFF;
    }

    int bl() {
      return bx & 0xFF;
    }

    int dl() {
      return dx & 0xFF;
    }

    boolean cf() {
      return (flags & Flags.CF) != 0;
    }
  }

  /**
   * Adds lines of code without a call.
   *
   * @param lines assembly for {@link dev.mvm.testkit.Asm}
   * @return this
   */
  BiosCalls code(String lines) {
    code.append(lines).append('\n');
    return this;
  }

  /**
   * Adds a call.
   *
   * @param vector the interrupt
   * @param setup lines run before it
   * @return the call's index, for {@link #result}
   */
  int call(int vector, String setup) {
    int at = FIRST_SLOT + SLOT * slots;
    code.append(setup).append('\n').append(String.format("""
        int  0x%02X
        mov  [0x%X], ax
        mov  [0x%X], bx
        mov  [0x%X], cx
        mov  [0x%X], dx
        pushf
        pop  word [0x%X]
        mov  [0x%X], es
        mov  [0x%X], di
        """, vector, at, at + 2, at + 4, at + 6, at + 8, at + 10, at + 12));
    return slots++;
  }

  /** A call with AX, BX, CX, DX and ES set. */
  int call(int vector, int ax, int bx, int cx, int dx, int es) {
    return call(vector, String.format(
        "mov ax, 0x%04X%nmov es, ax%nmov ax, 0x%04X%nmov bx, 0x%04X%nmov cx, 0x%04X%nmov dx, 0x%04X",
        es, ax, bx, cx, dx));
  }

  /** Runs the snippet, which must end halted. */
  void run(EmbeddedMachine m) {
    ExitStatus status = m.execute(code.toString());
    assertThat(status.reason()).as(status.message()).isEqualTo(ExitReason.HALTED);
  }

  static Result result(EmbeddedMachine m, int index) {
    int at = FIRST_SLOT + SLOT * index;
    return new Result(m.peekw(at), m.peekw(at + 2), m.peekw(at + 4), m.peekw(at + 6),
        m.peekw(at + 8), m.peekw(at + 10), m.peekw(at + 12));
  }
}
