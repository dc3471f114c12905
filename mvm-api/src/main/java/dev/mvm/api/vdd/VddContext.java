package dev.mvm.api.vdd;

import dev.mvm.api.ExitStatus;
import dev.mvm.api.VmConfig;
import dev.mvm.api.VmProperty;
import dev.mvm.api.cpu.Registers;
import dev.mvm.api.event.VmEvent;
import dev.mvm.api.event.VmListener;
import java.util.function.Consumer;

/**
 * The helper services a VDD receives in {@link Vdd#attach}: the analogue of the OS/2 VDH
 * services. Everything a device or service does to the machine goes through here, so the
 * standard VDDs, the DOS kernel and a user's own VDD all stand on the same API.
 *
 * <p>Use it on the VM's thread only (every VDD callback runs there), except {@link #post}, which
 * any thread may call.
 */
public interface VddContext {

  /**
   * @return the id of the VDD this context belongs to
   */
  String vddId();

  /**
   * @return the VM's configuration
   */
  VmConfig config();

  /**
   * The value of a property for this VM.
   *
   * @param property the property
   * @param <T> its type
   * @return the host's value, or the default
   */
  default <T> T property(VmProperty<T> property) {
    return config().property(property);
  }

  /**
   * @return a logger named after the VM and the VDD
   */
  System.Logger logger();

  /**
   * @return the guest's registers, live
   */
  Registers registers();

  /**
   * @return guest physical memory
   */
  GuestMemory memory();

  /**
   * @return the physical address map, to map ROM and device memory
   */
  MemoryMap memoryMap();

  /**
   * @return the I/O bus, to claim ports
   */
  IoPorts ports();

  /**
   * @return interrupt hooks and the vector table
   */
  InterruptHooks interrupts();

  /**
   * An interrupt request line, to drive from a device.
   *
   * @param number 0 to 15
   * @return the line
   */
  IrqLine irq(int number);

  /**
   * Makes this VDD the VM's interrupt controller. One VDD per VM may do so; a second fails the
   * build naming both.
   *
   * @param controller the controller
   */
  void provideInterruptController(InterruptController controller);

  /**
   * A DMA channel, to move a device's data to and from guest memory. The channel answers for
   * whichever VDD provides the DMA controller, even one attached later; without one it is never
   * ready and moves nothing.
   *
   * <pre>{@code
   * DmaChannel dma = ctx.dma(2);                    // the floppy controller's channel
   * int moved = dma.write(sector, 0, sector.length);
   * }</pre>
   *
   * @param channel 0 to 7
   * @return the channel
   * @throws IllegalArgumentException if {@code channel} is not 0 to 7
   */
  DmaChannel dma(int channel);

  /**
   * Makes this VDD the VM's DMA controller. One VDD per VM may do so; a second fails the build
   * naming both.
   *
   * @param controller the controller
   */
  void provideDmaController(DmaController controller);

  /**
   * @return the machine's A20, reset, NMI and INTR lines
   */
  MachineLines machine();

  /**
   * @return virtual time and timers
   */
  VirtualClock clock();

  /**
   * @return calls from Java into guest code
   */
  GuestCalls guestCalls();

  /**
   * Creates an entry point in the monitor's ROM that guest code reaches with {@code CALL FAR}
   * and that runs Java: a host-callback trap followed by {@code RETF}. Drivers hand such
   * addresses to programs (the XMS entry point, for one).
   *
   * @param handler runs with the guest's registers when the entry point is called
   * @return the entry point as {@code segment << 16 | offset}
   */
  int farCallEntry(Consumer<Registers> handler);

  /**
   * Publishes a host-facing side of this device, which the host finds with {@link
   * dev.mvm.api.Vm#device(Class)}. Its methods are called from host threads, so it must be
   * thread-safe (or hand work to the VM with {@link dev.mvm.api.Vm#post}).
   *
   * @param type the facet's type, typically an interface
   * @param facet the implementation
   * @param <T> the facet's type
   */
  <T> void publish(Class<T> type, T facet);

  /**
   * Registers a listener for the VM's lifecycle events.
   *
   * @param listener the listener
   * @return the registration, to remove
   */
  Hook addListener(VmListener listener);

  /**
   * Tells the VM's listeners about an event, such as a program start.
   *
   * @param event the event
   */
  void fire(VmEvent event);

  /**
   * Runs a task on the VM's thread between instruction slices: how a host-facing facet (a
   * keyboard, a serial line) hands the host's input to its device. The one method of the
   * context that any thread may call. When the VM is not running, the task runs at once on the
   * calling thread, as {@link dev.mvm.api.Vm#post} does; either way it never runs concurrently
   * with the VM's own work. A task that throws while the VM runs stops it with a fault naming
   * this VDD; one that ran at once throws to its caller a {@link dev.mvm.api.VddException} that
   * names this VDD.
   *
   * @param task the work to do on the VM's thread
   */
  void post(Runnable task);

  /**
   * Ends the current run after the instruction in progress with the given status (the DOS
   * kernel ends a VM with {@link ExitStatus#programExit}).
   *
   * @param status why the VM stops
   */
  void exit(ExitStatus status);
}
