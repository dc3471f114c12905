package dev.mvm.testkit;

import dev.mvm.api.ExitReason;
import dev.mvm.api.ExitStatus;
import dev.mvm.api.VddChannel;
import dev.mvm.api.VmStateException;
import dev.mvm.api.cpu.Registers;
import dev.mvm.api.event.VmEvent;
import dev.mvm.api.vdd.GuestMemory;
import dev.mvm.core.internal.IrqLines;
import dev.mvm.core.internal.Machine;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A running test machine, driven with the verbs of a device test: port I/O, memory peek and
 * poke, IRQ probes, the interrupt acknowledge cycle, virtual time, host requests, and guest
 * snippets when a CPU is present. Verbs run on the test thread, which owns the machine; an
 * exception a VDD throws in any of them reaches the test as it was thrown, wrapped in a
 * {@link dev.mvm.api.VddException} that names the VDD.
 *
 * <p>Close it at the end of the test (try-with-resources): closing detaches the VDDs.
 */
public final class EmbeddedMachine implements AutoCloseable {

  /** Where {@link #execute} loads a snippet: 0000:7C00, where a boot sector runs. */
  public static final int SNIPPET_ORIGIN = 0x7C00;

  /** The most instructions a snippet may execute before {@link #execute} gives up. */
  public static final long SNIPPET_BUDGET = 10_000_000;

  private final Machine machine;
  private final boolean hasCpu;
  private final List<VmEvent> events;
  private final Probe[] probes = new Probe[16];

  EmbeddedMachine(Machine machine, boolean hasCpu, List<VmEvent> events) {
    this.machine = machine;
    this.hasCpu = hasCpu;
    this.events = events;
    for (int i = 0; i < probes.length; i++) {
      probes[i] = new Probe(machine.irqLines().line(i));
    }
  }

  // ---- ports ---------------------------------------------------------------------------

  /**
   * Writes a byte to a port.
   *
   * @param port the port
   * @param value the byte
   * @return this machine, to chain verbs
   */
  public EmbeddedMachine outb(int port, int value) {
    machine.io().out(port, 1, value & 0xFF);
    return rethrowFault();
  }

  /**
   * Writes a word to a port.
   *
   * @param port the port
   * @param value the word
   * @return this machine
   */
  public EmbeddedMachine outw(int port, int value) {
    machine.io().out(port, 2, value & 0xFFFF);
    return rethrowFault();
  }

  /**
   * Writes a dword to a port.
   *
   * @param port the port
   * @param value the dword
   * @return this machine
   */
  public EmbeddedMachine outd(int port, int value) {
    machine.io().out(port, 4, value);
    return rethrowFault();
  }

  /**
   * Reads a byte from a port.
   *
   * @param port the port
   * @return the byte, 0 to 255 (FFh where nothing answers)
   */
  public int inb(int port) {
    int value = machine.io().in(port, 1);
    rethrowFault();
    return value;
  }

  /**
   * Reads a word from a port.
   *
   * @param port the port
   * @return the word
   */
  public int inw(int port) {
    int value = machine.io().in(port, 2);
    rethrowFault();
    return value;
  }

  /**
   * Reads a dword from a port.
   *
   * @param port the port
   * @return the dword
   */
  public int ind(int port) {
    int value = machine.io().in(port, 4);
    rethrowFault();
    return value;
  }

  // ---- memory --------------------------------------------------------------------------

  /**
   * Guest memory, read and written as the CPU would (device memory through its VDD).
   *
   * @return guest memory
   */
  public GuestMemory memory() {
    return machine.memory();
  }

  /**
   * Reads a byte of guest memory.
   *
   * @param address a physical address
   * @return the byte
   */
  public int peekb(int address) {
    return machine.memory().readByte(address);
  }

  /**
   * Reads a word of guest memory.
   *
   * @param address a physical address
   * @return the word
   */
  public int peekw(int address) {
    return machine.memory().readWord(address);
  }

  /**
   * Writes bytes into guest memory.
   *
   * @param address the first physical address
   * @param bytes the bytes, each an int 0 to 255
   * @return this machine
   */
  public EmbeddedMachine poke(int address, int... bytes) {
    for (int i = 0; i < bytes.length; i++) {
      machine.memory().writeByte(address + i, bytes[i]);
    }
    return rethrowFault();
  }

  // ---- interrupts ----------------------------------------------------------------------

  /**
   * A probe on an IRQ line.
   *
   * @param number 0 to 15
   * @return the probe
   */
  public IrqProbe irq(int number) {
    if (number < 0 || number > 15) {
      throw new IllegalArgumentException("IRQ lines are 0 to 15, not " + number);
    }
    return probes[number];
  }

  /**
   * Whether the interrupt controller asserts the CPU's INTR input.
   *
   * @return the INTR level
   */
  public boolean intr() {
    return machine.intr();
  }

  /**
   * Runs the interrupt acknowledge cycle as the CPU would when it takes an interrupt.
   *
   * @return the vector the interrupt controller delivers
   * @throws IllegalStateException if no VDD is the interrupt controller
   */
  public int acknowledge() {
    int vector = machine.acknowledgeInterrupt();
    rethrowFault();
    return vector;
  }

  // ---- time ----------------------------------------------------------------------------

  /**
   * Moves virtual time forward, firing the timers that come due, in order. Never sleeps.
   *
   * @param duration how much virtual time passes
   * @return this machine
   */
  public EmbeddedMachine advance(Duration duration) {
    machine.advance(duration.toNanos());
    return rethrowFault();
  }

  /**
   * Moves virtual time to the next timer event and fires it.
   *
   * @return this machine
   * @throws IllegalStateException if no timer is armed
   */
  public EmbeddedMachine advanceToNextEvent() {
    long next = machine.scheduler().nextDeadline();
    if (next == Long.MAX_VALUE) {
      throw new IllegalStateException("no timer is armed");
    }
    machine.advance(next - machine.scheduler().nanos());
    return rethrowFault();
  }

  /**
   * @return virtual time since power-on
   */
  public Duration now() {
    return Duration.ofNanos(machine.scheduler().nanos());
  }

  // ---- host side -----------------------------------------------------------------------

  /**
   * Sends a host request to a VDD, as {@link dev.mvm.api.VddChannel#request} does.
   *
   * @param vddId the VDD
   * @param command its command
   * @param input the request's data
   * @return the reply
   */
  public byte[] request(String vddId, int command, byte... input) {
    try (VddChannel channel = machine.openVdd(vddId)) {
      return channel.request(command, input);
    }
  }

  /**
   * A device's host-facing side.
   *
   * @param type the facet's type
   * @param <T> the type
   * @return the facet
   * @throws IllegalStateException if no VDD published one
   */
  public <T> T device(Class<T> type) {
    return machine.device(type).orElseThrow(
        () -> new IllegalStateException("no VDD published a " + type.getName()));
  }

  /**
   * The lifecycle events so far, oldest first.
   *
   * @return a copy of the events
   */
  public List<VmEvent> events() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }

  /**
   * The machine as a host application sees it.
   *
   * @return the VM
   */
  public dev.mvm.api.Vm vm() {
    return machine;
  }

  // ---- guest snippets ------------------------------------------------------------------

  /**
   * Assembles a snippet with {@link Asm}, loads it at 0000:7C00 and runs it on the CPU until
   * it ends: {@code cli; hlt} is appended, so falling off the end halts the machine. The
   * snippet starts with SS:SP = 0000:7C00, DS = ES = 0 and interrupts disabled.
   *
   * <pre>{@code
   * ExitStatus status = machine.execute("""
   *     mov al, 0x0A
   *     out 0x20, al       ; read IRR
   *     in  al, 0x20
   *     """);
   * assertThat(machine.registers().al()).isEqualTo(0x01);
   * }</pre>
   *
   * @param source the snippet
   * @return how the run ended: {@link ExitReason#HALTED} when the snippet ran to its end
   * @throws IllegalStateException if the kit has no CPU
   */
  public ExitStatus execute(String source) {
    if (!hasCpu) {
      throw new IllegalStateException("this machine has no CPU: use VddTestKit.withCpu(...)");
    }
    machine.lastExit().filter(ExitStatus::isTerminal).ifPresent(done -> {
      throw new IllegalStateException("the machine already ended (" + done.message()
          + "): a snippet that runs to its end halts it; start a new machine for the next");
    });
    byte[] code = Asm.assemble(SNIPPET_ORIGIN, source + "\ncli\nhlt\n");
    machine.memory().write(SNIPPET_ORIGIN, code);
    Registers r = machine.registers();
    r.setCs(0);
    r.setIp(SNIPPET_ORIGIN);
    r.setSs(0);
    r.setSp(SNIPPET_ORIGIN);
    r.setDs(0);
    r.setEs(0);
    r.setFlags(0x0002);
    return machine.run(SNIPPET_BUDGET);
  }

  /**
   * The guest's registers, for assertions after {@link #execute}.
   *
   * @return the registers
   */
  public Registers registers() {
    return machine.registers();
  }

  // ---- failures ------------------------------------------------------------------------

  /** A VDD that failed inside a timer or listener ends the machine; the test sees why. */
  private EmbeddedMachine rethrowFault() {
    Optional<ExitStatus> exit = machine.pendingExit();
    if (exit.isPresent() && exit.get().reason() == ExitReason.FAULT) {
      Throwable cause = exit.get().cause();
      if (cause instanceof RuntimeException e) {
        throw e;
      }
      throw new VmStateException("the machine faulted: " + exit.get().message());
    }
    return this;
  }

  @Override
  public void close() {
    machine.close();
  }

  /** A line's probe: counts rising edges from a baseline. */
  private static final class Probe implements IrqProbe {
    private final IrqLines.Line line;
    private long baseline;

    Probe(IrqLines.Line line) {
      this.line = line;
    }

    @Override
    public int number() {
      return line.number();
    }

    @Override
    public boolean isRaised() {
      return line.isRaised();
    }

    @Override
    public int pulses() {
      return (int) (line.raiseCount() - baseline);
    }

    @Override
    public void reset() {
      baseline = line.raiseCount();
    }
  }
}
