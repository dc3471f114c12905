package dev.mvm.vdd.std;

import dev.mvm.api.Firmware;
import dev.mvm.api.VmProperty;
import dev.mvm.api.cpu.Registers;
import dev.mvm.api.vdd.GuestMemory;
import dev.mvm.api.vdd.InterruptHook;
import dev.mvm.api.vdd.IoHandler;
import dev.mvm.api.vdd.IrqLine;
import dev.mvm.api.vdd.Vdd;
import dev.mvm.api.vdd.VddContext;
import dev.mvm.api.vdd.SimpleVddProvider;
import java.io.IOException;
import java.io.OutputStream;
import org.jspecify.annotations.Nullable;

/**
 * VLPT: the parallel printer port LPT1 at 378h&ndash;37Ah ({@link Lpt}), with a printer that
 * sends every strobed byte to a host stream ({@link #OUTPUT}) and is always ready. After each
 * byte the printer pulses nACK for 5 &micro;s of virtual time; at the end of the pulse IRQ 7 gets
 * an edge when control bit 4 enables it. If the host stream fails, the printer goes into fault
 * (busy, paper end, error), the failure is logged once, and the VM goes on.
 *
 * <p>With the built-in BIOS, reset stores the port at 40:08h (LPT2 and LPT3 absent), a time-out
 * of 20 at 40:78h and one printer in bits 14&ndash;15 of the equipment word, and INT 17h serves,
 * from Ralf Brown's Interrupt List, 00h (print AL), 01h (initialise the printer) and 02h
 * (status) for the printer in DX, found through its data-area address; AH returns the BIOS
 * status (the port's status with the ACK and ERROR bits turned active-high: 90h is "selected,
 * not busy"). Printers without an address answer with the registers unchanged, as real BIOSes
 * do; unknown functions too, logged once.
 */
public final class VLpt implements Vdd {

  /** The VDD's id. */
  public static final String ID = "VLPT";

  /** Base port of LPT1 (three ports). */
  public static final VmProperty<Integer> BASE = VmProperty.of("VLPT.BASE", Integer.class, 0x378);

  /** The IRQ line the acknowledge interrupt drives. */
  public static final VmProperty<Integer> IRQ = VmProperty.of("VLPT.IRQ", Integer.class, 7);

  /** The host stream that receives the printed bytes (none by default). */
  public static final VmProperty<OutputStream> OUTPUT =
      VmProperty.of("VLPT.OUTPUT", OutputStream.class, OutputStream.nullOutputStream());

  /** How long the printer holds nACK low after a byte. */
  static final long ACK_NANOS = 5_000;

  private final Lpt lpt = new Lpt(this::print);
  private final java.util.Set<Integer> logged = new java.util.HashSet<>();
  private @Nullable VddContext context;
  private @Nullable IrqLine irq;
  private OutputStream out = OutputStream.nullOutputStream();
  private int base;
  private boolean builtIn;
  private boolean failed;

  @Override
  public String id() {
    return ID;
  }

  @Override
  public void attach(VddContext ctx) {
    this.context = ctx;
    builtIn = ctx.config().firmware() instanceof Firmware.BuiltIn;
    out = ctx.property(OUTPUT);
    irq = ctx.irq(ctx.property(IRQ));
    base = ctx.property(BASE);
    ctx.ports().claim(base, 3, new IoHandler() {
      @Override
      public int inb(int port) {
        return lpt.read(port - base);
      }

      @Override
      public void outb(int port, int value) {
        if (lpt.write(port - base, value)) {
          acknowledge();
        }
      }
    });
    if (builtIn) {
      ctx.interrupts().hook(0x17, this::int17);
    }
  }

  @Override
  public void reset() {
    lpt.reset();
    if (builtIn) {
      GuestMemory memory = ctx().memory();
      memory.writeWord(0x40, 0x08, base);
      memory.writeWord(0x40, 0x0A, 0);
      memory.writeWord(0x40, 0x0C, 0);
      memory.writeByte(0x40, 0x78, 20);
      int equipment = memory.readWord(0x40, 0x10) & ~0xC000;
      memory.writeWord(0x40, 0x10, equipment | 0x4000);
    }
  }

  @Override
  public void detach() {
    try {
      out.flush();
    } catch (IOException e) {
      // the failure was reported when it happened, or the host closed its stream: nothing to do
    }
  }

  private VddContext ctx() {
    VddContext c = context;
    if (c == null) {
      throw new IllegalStateException("VLPT is not attached");
    }
    return c;
  }

  private void print(int value) {
    try {
      out.write(value);
      if (value == '\n' || value == '\f') {
        out.flush();
      }
    } catch (IOException e) {
      if (!failed) {
        failed = true;
        ctx().logger().log(System.Logger.Level.WARNING,
            "VDD " + ID + ": the host's printer stream failed; the printer now reports a fault", e);
      }
      lpt.setFault(true);
    }
  }

  /** The printer's acknowledge pulse after a byte, and the interrupt at its end. */
  private void acknowledge() {
    lpt.setAcknowledge(true);
    ctx().clock().after(ACK_NANOS, () -> {
      lpt.setAcknowledge(false);
      IrqLine line = irq;
      if (line != null && lpt.irqEnabled()) {
        line.pulse();
      }
    });
  }

  /** The BIOS's view of the status: ACK and ERROR active-high, bits 0-2 for its own flags. */
  private int biosStatus() {
    return (lpt.read(Lpt.STATUS) & 0xF8) ^ (Lpt.NOT_ACK | Lpt.NOT_ERROR);
  }

  private InterruptHook.Result int17(Registers regs) {
    int function = regs.ah();
    int index = regs.dx() & 0xFFFF;
    int address = index < 3 ? ctx().memory().readWord(0x40, 0x08 + 2 * index) : 0;
    if (function > 2) {
      if (logged.add(function)) {
        ctx().logger().log(System.Logger.Level.WARNING,
            "VDD " + ID + " has no INT 17h function AH=" + VKbd.hex(function));
      }
      return InterruptHook.Result.HANDLED;
    }
    if (address != base) {
      return InterruptHook.Result.HANDLED; // no such printer
    }
    switch (function) {
      case 0x00 -> {
        if ((lpt.read(Lpt.STATUS) & Lpt.NOT_BUSY) == 0) {
          regs.setAh(biosStatus() | 0x01); // time-out: the printer stays busy
          return InterruptHook.Result.HANDLED;
        }
        lpt.write(Lpt.DATA, regs.al());
        int control = lpt.read(Lpt.CONTROL) & 0x1F;
        lpt.write(Lpt.CONTROL, control | Lpt.STROBE);
        if (lpt.write(Lpt.CONTROL, control & ~Lpt.STROBE)) {
          acknowledge();
        }
      }
      case 0x01 -> {
        int control = lpt.read(Lpt.CONTROL) & Lpt.IRQ_ENABLE;
        lpt.write(Lpt.CONTROL, control | Lpt.SELECT_IN); // nINIT low: the printer resets
        lpt.write(Lpt.CONTROL, control | Lpt.SELECT_IN | Lpt.NOT_INIT);
      }
      default -> {}
    }
    regs.setAh(biosStatus());
    return InterruptHook.Result.HANDLED;
  }

  /** Makes VLPT a standard VDD for {@link java.util.ServiceLoader}. */
  public static final class Provider extends SimpleVddProvider {
    /** Called by {@link java.util.ServiceLoader}. */
    public Provider() {
      super(ID, VLpt::new, true);
    }
  }
}
