package dev.mvm.api.vdd;

/**
 * Interrupt vectors as a VDD sees them: Java hooks behind vectors, and the vector table
 * itself.
 *
 * <pre>{@code
 * ctx.interrupts().hook(0x1A, regs -> {            // BIOS time services
 *   if (regs.ah() != 0x00) return InterruptHook.Result.PASS;
 *   regs.setCx(ticks >>> 16);
 *   regs.setDx(ticks & 0xFFFF);
 *   return InterruptHook.Result.HANDLED;
 * });
 * }</pre>
 */
public interface InterruptHooks {

  /**
   * Hooks a vector: points it at a stub that runs {@code hook}. Only one VDD may hook a vector
   * this way; a second fails the build naming both VDDs and the vector. The vector's previous
   * value is where {@link InterruptHook.Result#PASS} continues.
   *
   * @param vector the interrupt vector, 0 to 255
   * @param hook the Java code
   * @return the hook
   */
  Hook hook(int vector, InterruptHook hook);

  /**
   * Hooks a vector another VDD may have hooked too, saying explicitly that this hook chains:
   * it runs first, and {@link InterruptHook.Result#PASS} continues at the other VDD's hook.
   *
   * @param vector the interrupt vector, 0 to 255
   * @param hook the Java code
   * @return the hook
   */
  Hook chain(int vector, InterruptHook hook);

  /**
   * Reads a vector from the interrupt vector table.
   *
   * @param vector 0 to 255
   * @return the far pointer as {@code segment << 16 | offset}
   */
  int vector(int vector);

  /**
   * Writes a vector of the interrupt vector table.
   *
   * @param vector 0 to 255
   * @param segment the handler's segment
   * @param offset the handler's offset
   */
  void setVector(int vector, int segment, int offset);
}
