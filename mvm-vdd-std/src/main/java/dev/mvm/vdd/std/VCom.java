package dev.mvm.vdd.std;

import dev.mvm.api.Firmware;
import dev.mvm.api.VmProperty;
import dev.mvm.api.cpu.Registers;
import dev.mvm.api.vdd.GuestMemory;
import dev.mvm.api.vdd.InterruptHook;
import dev.mvm.api.vdd.IoHandler;
import dev.mvm.api.vdd.IrqLine;
import dev.mvm.api.vdd.Timer;
import dev.mvm.api.vdd.Vdd;
import dev.mvm.api.vdd.VddContext;
import dev.mvm.api.vdd.SimpleVddProvider;
import dev.mvm.api.vdd.VirtualClock;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jspecify.annotations.Nullable;

/**
 * VCOM: up to four serial ports, COM1&ndash;COM4 at 3F8h, 2F8h, 3E8h and 2E8h on IRQ 4, 3, 4 and
 * 3, each an NS16550A UART ({@link Uart16550}) whose far end is the host ({@link SerialPorts}).
 * Characters move at the speed the divisor and line control give (a 1.8432 MHz UART clock) on
 * virtual time: the transmitter sends one character per character time, the receiver takes the
 * host's bytes at the same pace and only while it has room, and the FIFO's character timeout
 * fires after four character times without activity. A UART's interrupt reaches its IRQ line
 * only while MCR OUT2 is set and loopback is off, as on the PC's serial adapters (in loopback
 * the chip forces OUT2 inactive); ports sharing a line drive it together. In loopback the
 * transmitted characters come back to the receiver and nothing reaches the host.
 *
 * <p>With the built-in BIOS, reset sets each UART to 9600 baud, 8 data bits, no parity and one
 * stop bit (the chip's own reset leaves the divisor latch at 0, which counts as 65536: about
 * six seconds a character), stores the ports' addresses at 40:00h&ndash;07h, their count
 * in bits 9&ndash;11 of the equipment word and a one-second timeout at 40:7Ch&ndash;7Fh, and INT
 * 14h serves, from Ralf Brown's Interrupt List, 00h (initialise: baud rate 110&ndash;9600,
 * parity, stop bits and word length from AL; returns the status), 01h (send AL; AH = line
 * status), 02h (receive into AL; AH = line status errors, bit 7 on timeout) and 03h (AH = line
 * status, AL = modem status), for the port in DX, found through its data-area address. The
 * BIOS's polling loops do not run in guest time: a send that finds the transmitter busy
 * finishes the character in flight at once, a receive takes a waiting host byte at once, and a
 * receive with nothing waiting idles until an interrupt and looks again, up to the timeout in
 * seconds at 40:7Ch. Unknown functions leave the registers alone and are logged once.
 */
public final class VCom implements Vdd {

  /** The VDD's id. */
  public static final String ID = "VCOM";

  /** How many ports there are, 0 to 4 (COM1 first). */
  public static final VmProperty<Integer> PORTS = VmProperty.of("VCOM.PORTS", Integer.class, 4);

  /** Base port of COM1 (eight ports). */
  public static final VmProperty<Integer> COM1_BASE =
      VmProperty.of("VCOM.COM1_BASE", Integer.class, 0x3F8);

  /** Base port of COM2. */
  public static final VmProperty<Integer> COM2_BASE =
      VmProperty.of("VCOM.COM2_BASE", Integer.class, 0x2F8);

  /** Base port of COM3. */
  public static final VmProperty<Integer> COM3_BASE =
      VmProperty.of("VCOM.COM3_BASE", Integer.class, 0x3E8);

  /** Base port of COM4. */
  public static final VmProperty<Integer> COM4_BASE =
      VmProperty.of("VCOM.COM4_BASE", Integer.class, 0x2E8);

  /** IRQ of COM1. */
  public static final VmProperty<Integer> COM1_IRQ = VmProperty.of("VCOM.COM1_IRQ", Integer.class, 4);

  /** IRQ of COM2. */
  public static final VmProperty<Integer> COM2_IRQ = VmProperty.of("VCOM.COM2_IRQ", Integer.class, 3);

  /** IRQ of COM3. */
  public static final VmProperty<Integer> COM3_IRQ = VmProperty.of("VCOM.COM3_IRQ", Integer.class, 4);

  /** IRQ of COM4. */
  public static final VmProperty<Integer> COM4_IRQ = VmProperty.of("VCOM.COM4_IRQ", Integer.class, 3);

  private static final List<VmProperty<Integer>> BASES =
      List.of(COM1_BASE, COM2_BASE, COM3_BASE, COM4_BASE);
  private static final List<VmProperty<Integer>> IRQS =
      List.of(COM1_IRQ, COM2_IRQ, COM3_IRQ, COM4_IRQ);

  /** INT 14h AH=00h baud rates, AL bits 7-5, as divisors of 115200. */
  private static final int[] BIOS_DIVISORS = {1047, 768, 384, 192, 96, 48, 24, 12};

  private static final int HOST_BUFFER = 1 << 20;
  private static final long SECOND = 1_000_000_000L;

  private final List<Port> ports = new ArrayList<>();
  private final java.util.Set<Integer> logged = new java.util.HashSet<>();
  private @Nullable VddContext context;
  private boolean builtIn;

  @Override
  public String id() {
    return ID;
  }

  @Override
  public void attach(VddContext ctx) {
    this.context = ctx;
    builtIn = ctx.config().firmware() instanceof Firmware.BuiltIn;
    int count = ctx.property(PORTS);
    if (count < 0 || count > 4) {
      throw new dev.mvm.api.VmConfigurationException(
          "VDD " + ID + ": " + PORTS.name() + " must be 0 to 4: " + count);
    }
    for (int i = 0; i < count; i++) {
      Port port = new Port(i + 1, ctx.property(BASES.get(i)), ctx.irq(ctx.property(IRQS.get(i))));
      ports.add(port);
      ctx.ports().claim(port.base, 8, port);
    }
    ctx.publish(SerialPorts.class, new SerialPorts() {
      @Override
      public int count() {
        return ports.size();
      }

      @Override
      public SerialPort port(int number) {
        if (number < 1 || number > ports.size()) {
          throw new IllegalArgumentException(
              "no COM" + number + ": the VM has " + ports.size() + " serial ports");
        }
        return ports.get(number - 1).host;
      }
    });
    if (builtIn) {
      ctx.interrupts().hook(0x14, this::int14);
    }
  }

  @Override
  public void reset() {
    for (Port p : ports) {
      p.reset();
      if (builtIn) {
        // As a BIOS that sets its ports up: 9600 baud, 8 data bits, no parity, 1 stop bit.
        p.uart.write(Uart16550.LCR, 0x83);
        p.uart.write(Uart16550.RBR_THR, 12);
        p.uart.write(Uart16550.IER, 0);
        p.uart.write(Uart16550.LCR, 0x03);
      }
    }
    if (builtIn) {
      GuestMemory memory = ctx().memory();
      for (int i = 0; i < 4; i++) {
        memory.writeWord(0x40, 2 * i, i < ports.size() ? ports.get(i).base : 0);
        memory.writeByte(0x40, 0x7C + i, 1);
      }
      int equipment = memory.readWord(0x40, 0x10) & ~0x0E00;
      memory.writeWord(0x40, 0x10, equipment | (ports.size() << 9));
    }
  }

  @Override
  public void detach() {
    for (Port p : ports) {
      p.fromGuest.end();
    }
  }

  private VddContext ctx() {
    VddContext c = context;
    if (c == null) {
      throw new IllegalStateException("VCOM is not attached");
    }
    return c;
  }

  /** Drives each IRQ line from all ports that share it. */
  private void updateIrqs() {
    for (Port p : ports) {
      boolean high = false;
      for (Port q : ports) {
        if (q.irq.number() == p.irq.number()) {
          high |= q.uart.interruptPending() && q.uart.out2() && !q.uart.loopback();
        }
      }
      if (high != p.irq.isRaised()) {
        if (high) {
          p.irq.raise();
        } else {
          p.irq.lower();
        }
      }
    }
  }

  /** One port: its UART, the pacing timers and the host's ends. */
  private final class Port implements IoHandler {
    final int number;
    final int base;
    final IrqLine irq;
    final Uart16550 uart = new Uart16550();
    final ConcurrentLinkedQueue<Integer> fromHost = new ConcurrentLinkedQueue<>();
    final ByteQueue fromGuest = new ByteQueue(HOST_BUFFER);
    final SerialPort host = new HostSide();
    @Nullable Timer transmitTimer;
    @Nullable Timer receiveTimer;
    @Nullable Timer timeoutTimer;
    int inFlight = -1;
    volatile int modemInputs = Uart16550.CTS | Uart16550.DSR | Uart16550.DCD;

    Port(int number, int base, IrqLine irq) {
      this.number = number;
      this.base = base;
      this.irq = irq;
    }

    void reset() {
      cancel(transmitTimer);
      cancel(receiveTimer);
      cancel(timeoutTimer);
      transmitTimer = receiveTimer = timeoutTimer = null;
      inFlight = -1;
      uart.setModemInputs(modemInputs);
      uart.reset();
      update();
    }

    @Override
    public int inb(int port) {
      int offset = port - base;
      int before = uart.received();
      int value = uart.read(offset);
      if (uart.received() != before) {
        armTimeout(); // a character was read: the timeout counts from here
      }
      update();
      return value;
    }

    @Override
    public void outb(int port, int value) {
      uart.write(port - base, value);
      update();
    }

    /** After anything happened: start the transmitter, pace the receiver, set the IRQ. */
    void update() {
      if (transmitTimer == null) {
        int value = uart.startTransmit();
        if (value >= 0) {
          inFlight = value;
          transmitTimer = ctx().clock().after(uart.characterNanos(), this::transmitted);
        }
      }
      if (receiveTimer == null && !fromHost.isEmpty() && !uart.loopback() && uart.canReceive()) {
        receiveTimer = ctx().clock().after(uart.characterNanos(), this::hostByteArrives);
      }
      updateIrqs();
    }

    private void transmitted() {
      transmitTimer = null;
      int value = inFlight;
      inFlight = -1;
      uart.finishTransmit();
      deliver(value);
      update();
    }

    private void deliver(int value) {
      if (uart.loopback()) {
        uart.receive(value);
        armTimeout();
      } else {
        fromGuest.add(value);
      }
    }

    private void hostByteArrives() {
      receiveTimer = null;
      takeHostByte();
      update();
    }

    /** Moves the next host byte into the receiver, if there is one and room for it. */
    boolean takeHostByte() {
      if (uart.loopback() || !uart.canReceive()) {
        return false;
      }
      Integer value = fromHost.poll();
      if (value == null) {
        return false;
      }
      uart.receive(value);
      armTimeout();
      return true;
    }

    /** The FIFO's character timeout: four character times after the last receiver activity. */
    private void armTimeout() {
      cancel(timeoutTimer);
      timeoutTimer = null;
      if (uart.fifosEnabled() && uart.received() > 0) {
        timeoutTimer = ctx().clock().after(4 * uart.characterNanos(), () -> {
          timeoutTimer = null;
          uart.characterTimeout();
          update();
        });
      }
    }

    /** Finishes the character in flight now (the BIOS's polling would have waited for it). */
    void hurryTransmitter() {
      Timer t = transmitTimer;
      if (t != null) {
        t.cancel();
        transmitted();
      }
    }

    /** Takes a waiting host byte now (the BIOS's polling would have waited for it). */
    boolean hurryReceiver() {
      cancel(receiveTimer);
      receiveTimer = null;
      boolean taken = takeHostByte();
      update();
      return taken;
    }

    private void cancel(@Nullable Timer timer) {
      if (timer != null) {
        timer.cancel();
      }
    }

    /** The host's end of the cable. */
    private final class HostSide implements SerialPort {
      private final OutputStream toGuest = new OutputStream() {
        @Override
        public void write(int b) {
          fromHost.add(b & 0xFF);
          ctx().post(Port.this::update);
        }

        @Override
        public void write(byte[] b, int off, int len) {
          Objects.checkFromIndexSize(off, len, b.length);
          for (int i = 0; i < len; i++) {
            fromHost.add(b[off + i] & 0xFF);
          }
          ctx().post(Port.this::update);
        }
      };

      @Override
      public InputStream fromGuest() {
        return fromGuest;
      }

      @Override
      public OutputStream toGuest() {
        return toGuest;
      }

      @Override
      public void setModemStatus(boolean cts, boolean dsr, boolean ri, boolean dcd) {
        int bits = (cts ? Uart16550.CTS : 0) | (dsr ? Uart16550.DSR : 0)
            | (ri ? Uart16550.RI : 0) | (dcd ? Uart16550.DCD : 0);
        modemInputs = bits;
        ctx().post(() -> {
          uart.setModemInputs(bits);
          update();
        });
      }

      @Override
      public String toString() {
        return "COM" + number;
      }
    }
  }

  // ---- INT 14h -------------------------------------------------------------------------------

  private @Nullable Port biosPort(Registers regs) {
    int index = regs.dx() & 0xFFFF;
    if (index > 3) {
      return null;
    }
    int address = ctx().memory().readWord(0x40, 2 * index);
    for (Port p : ports) {
      if (p.base == address) {
        return p;
      }
    }
    return null;
  }

  private InterruptHook.Result int14(Registers regs) {
    int function = regs.ah();
    if (function > 0x03) {
      if (logged.add(function)) {
        ctx().logger().log(System.Logger.Level.WARNING,
            "VDD " + ID + " has no INT 14h function AH=" + VKbd.hex(function));
      }
      return InterruptHook.Result.HANDLED;
    }
    Port port = biosPort(regs);
    if (port == null) {
      regs.setAh(0x80); // timeout: no such port
      return InterruptHook.Result.HANDLED;
    }
    Uart16550 uart = port.uart;
    switch (function) {
      case 0x00 -> {
        int al = regs.al();
        int divisor = BIOS_DIVISORS[al >>> 5];
        int parity = switch ((al >>> 3) & 3) {
          case 1 -> 0x08; // odd
          case 3 -> 0x18; // even
          default -> 0x00;
        };
        int lcr = (al & 0x03) | (al & 0x04) | parity;
        uart.write(Uart16550.LCR, 0x80 | lcr);
        uart.write(Uart16550.RBR_THR, divisor & 0xFF);
        uart.write(Uart16550.IER, divisor >>> 8);
        uart.write(Uart16550.LCR, lcr);
        uart.write(Uart16550.IER, 0x00);
        port.update();
        status(regs, uart);
      }
      case 0x01 -> {
        uart.write(Uart16550.MCR, uart.read(Uart16550.MCR) | Uart16550.DTR | Uart16550.RTS);
        for (int i = 0; i < 17 && (uart.peekLineStatus() & Uart16550.THRE) == 0; i++) {
          port.update();
          port.hurryTransmitter();
        }
        uart.write(Uart16550.RBR_THR, regs.al());
        port.update();
        regs.setAh(uart.peekLineStatus() & 0x7F);
      }
      case 0x02 -> {
        uart.write(Uart16550.MCR, uart.read(Uart16550.MCR) | Uart16550.DTR);
        port.update();
        long timeout = ctx().memory().readByte(0x40, 0x7C + (regs.dx() & 3)) * SECOND;
        receive(regs, port, ctx().clock().nanos() + timeout);
      }
      default -> status(regs, uart);
    }
    return InterruptHook.Result.HANDLED;
  }

  private static void status(Registers regs, Uart16550 uart) {
    regs.setAh(uart.peekLineStatus());
    regs.setAl(uart.peekModemStatus());
  }

  /** AH=02h: a byte from the receiver, or idle until one comes or the time is up. */
  private void receive(Registers regs, Port port, long deadline) {
    Uart16550 uart = port.uart;
    if ((uart.peekLineStatus() & Uart16550.DR) == 0) {
      port.hurryReceiver();
    }
    int lineStatus = uart.peekLineStatus();
    if ((lineStatus & Uart16550.DR) != 0) {
      regs.setAl(uart.read(Uart16550.RBR_THR));
      uart.read(Uart16550.LSR); // the errors are reported now, and cleared
      port.update();
      regs.setAh(lineStatus & 0x1E);
      return;
    }
    VirtualClock clock = ctx().clock();
    if (clock.nanos() >= deadline) {
      regs.setAh(0x80 | (lineStatus & 0x1E));
      return;
    }
    ctx().guestCalls().idle(after -> receive(after, port, deadline));
  }

  /** Makes VCOM a standard VDD for {@link java.util.ServiceLoader}. */
  public static final class Provider extends SimpleVddProvider {
    /** Called by {@link java.util.ServiceLoader}. */
    public Provider() {
      super(ID, VCom::new, true);
    }
  }
}
