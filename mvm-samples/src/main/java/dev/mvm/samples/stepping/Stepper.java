package dev.mvm.samples.stepping;

import dev.mvm.api.ExitStatus;
import dev.mvm.api.Vm;
import dev.mvm.api.cpu.Registers;
import java.io.PrintStream;
import java.util.function.IntPredicate;

/**
 * Example: execute a VM one instruction at a time, printing the registers and the next
 * instruction, until a breakpoint address or the end of the program. A debugger's inner loop.
 *
 * <pre>{@code
 * try (Vm vm = Vm.builder().drive('C', dir).program("C:\\HELLO.COM").build()) {
 *   Stepper.trace(vm, System.out, linear -> linear == 0x1234, 1000);
 * }
 * }</pre>
 */
public final class Stepper {
  private Stepper() {}

  /**
   * Steps until the breakpoint, the end of the run, or the step limit.
   *
   * @param vm a VM that is not running on its own thread
   * @param out where the trace goes, one line per instruction
   * @param breakpoint true for the linear address (CS*16+IP) to stop before
   * @param maxSteps the most instructions to execute
   * @return the number of instructions executed
   */
  public static int trace(Vm vm, PrintStream out, IntPredicate breakpoint, int maxSteps) {
    for (int i = 0; i < maxSteps; i++) {
      Registers r = vm.registers();
      int linear = Registers.linear(r.cs(), r.ip());
      if (breakpoint.test(linear)) {
        out.printf("breakpoint at %04X:%04X%n", r.cs(), r.ip());
        return i;
      }
      out.printf("%04X:%04X  AX=%04X BX=%04X CX=%04X DX=%04X SP=%04X  %s%n", r.cs(), r.ip(),
          r.ax(), r.bx(), r.cx(), r.dx(), r.sp(), vm.disassemble(r.cs(), r.ip()));
      ExitStatus status = vm.step();
      if (status.isTerminal()) {
        out.println(status.message());
        return i + 1;
      }
    }
    return maxSteps;
  }
}
