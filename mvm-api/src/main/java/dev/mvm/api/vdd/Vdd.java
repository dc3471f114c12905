package dev.mvm.api.vdd;

import dev.mvm.api.VddException;

/**
 * A Virtual Device Driver: a device model (or a service) that owns I/O ports, interrupt
 * vectors, memory and IRQ lines of a VM through the helper services of its {@link
 * VddContext}. See the {@linkplain dev.mvm.api.vdd package description} for a complete example.
 *
 * <p>A VDD instance belongs to one VM. All of its methods are called on that VM's thread, so it
 * keeps plain fields and needs no locks. It never starts threads or reads the wall clock (time
 * comes from {@link VddContext#clock()}), and it talks to other devices through IRQ lines and
 * the helper services, never by holding another VDD.
 */
public interface Vdd {

  /**
   * The VDD's id, unique in a VM, in the OS/2 tradition of short upper-case names.
   *
   * @return for example {@code VPIC}, {@code VTIMER}
   */
  String id();

  /**
   * Called once when the VM is built: claim ports, hook interrupts, map memory, arm timers,
   * publish host-facing facets. Claims that collide with another VDD's fail the build.
   *
   * @param context the helper services of this VM
   */
  void attach(VddContext context);

  /**
   * Called when the machine resets (power-on counts as the first reset, after {@link
   * #attach}): return the device to its power-on state. With the built-in BIOS, the vector
   * table and the BIOS data area's defaults are restored just before, so this is where a VDD
   * points plain vectors at its tables and sets its bits of the equipment word; hooks made in
   * {@link #attach} stay in place.
   */
  default void reset() {}

  /** Called once when the VM is closed. Hooks and timers are removed by the monitor. */
  default void detach() {}

  /**
   * Serves a request from the host ({@link dev.mvm.api.VddChannel}), the analogue of an OS/2
   * VDD's {@code DosRequestVDD} entry point. Runs on the VM's thread.
   *
   * @param command the VDD-defined command
   * @param input the request's data
   * @return the reply
   * @throws VddException if the request is not understood; it reaches the host, and the VM goes
   *     on
   */
  default byte[] request(int command, byte[] input) {
    throw new VddException(id(), "does not accept host requests (command " + command + ")");
  }
}
