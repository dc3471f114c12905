package dev.mvm.vdd.std;

import dev.mvm.api.Firmware;
import dev.mvm.api.VmProperty;
import dev.mvm.api.vdd.InterruptController;
import dev.mvm.api.vdd.IoHandler;
import dev.mvm.api.vdd.MachineLines;
import dev.mvm.api.vdd.Vdd;
import dev.mvm.api.vdd.VddContext;
import dev.mvm.api.vdd.SimpleVddProvider;
import org.jspecify.annotations.Nullable;

/**
 * VPIC: the AT's two 8259A interrupt controllers in cascade, the master at ports 20h&ndash;21h
 * with IRQ 0&ndash;7, the slave at A0h&ndash;A1h with IRQ 8&ndash;15 on the master's IR2, and
 * the EISA/PCI edge/level control registers at 4D0h&ndash;4D1h. It is the VM's {@link
 * InterruptController}: it receives the IRQ lines, drives the CPU's INTR input, answers the
 * interrupt acknowledge cycle, and reports each end of interrupt to the line's listeners.
 *
 * <p>With the built-in BIOS, a reset leaves the chips as an AT BIOS's POST does: master vectors
 * 08h&ndash;0Fh, slave vectors 70h&ndash;77h, IRQ 0, 1 and 2 unmasked. With a BIOS image they
 * power on uninitialised and the firmware programs them. The chip model is {@link Pic8259};
 * spurious interrupts yield the vector of IRQ 7 or IRQ 15 as on the real chips.
 */
public final class VPic implements Vdd, InterruptController {

  /** The VDD's id. */
  public static final String ID = "VPIC";

  /** Base port of the master controller (two ports). */
  public static final VmProperty<Integer> MASTER_BASE =
      VmProperty.of("VPIC.MASTER_BASE", Integer.class, 0x20);

  /** Base port of the slave controller (two ports). */
  public static final VmProperty<Integer> SLAVE_BASE =
      VmProperty.of("VPIC.SLAVE_BASE", Integer.class, 0xA0);

  /** Base port of the edge/level control registers (two ports: master, slave). */
  public static final VmProperty<Integer> ELCR_BASE =
      VmProperty.of("VPIC.ELCR_BASE", Integer.class, 0x4D0);

  /** The master's input that the slave's INT output drives. */
  private static final int CASCADE_INPUT = 2;

  private final Pic8259 master = new Pic8259(true);
  private final Pic8259 slave = new Pic8259(false);
  private @Nullable MachineLines machine;
  private boolean builtInBios;

  @Override
  public String id() {
    return ID;
  }

  @Override
  public void attach(VddContext context) {
    machine = context.machine();
    builtInBios = context.config().firmware() instanceof Firmware.BuiltIn;
    int masterBase = context.property(MASTER_BASE);
    int slaveBase = context.property(SLAVE_BASE);
    context.ports().claim(masterBase, 2, new ChipPorts(master, masterBase, 0));
    context.ports().claim(slaveBase, 2, new ChipPorts(slave, slaveBase, 8));
    int elcr = context.property(ELCR_BASE);
    context.ports().claim(elcr, 2, new IoHandler() {
      @Override
      public int inb(int port) {
        return port == elcr ? master.elcr : slave.elcr;
      }

      @Override
      public void outb(int port, int value) {
        // IRQ 0, 1, 2, 8 and 13 are always edge-triggered on the chipsets that have an ELCR.
        if (port == elcr) {
          master.elcr = value & 0xF8;
        } else {
          slave.elcr = value & 0xDE;
        }
        update();
      }
    });
    context.provideInterruptController(this);
  }

  @Override
  public void reset() {
    master.reset();
    slave.reset();
    if (builtInBios) {
      // What an AT BIOS's POST writes: ICW1 edge/cascade/ICW4, ICW2 vector base, ICW3
      // wiring, ICW4 8086 mode; then the masks.
      master.write(0, 0x11);
      master.write(1, 0x08);
      master.write(1, 1 << CASCADE_INPUT);
      master.write(1, 0x01);
      master.write(1, 0xF8);
      slave.write(0, 0x11);
      slave.write(1, 0x70);
      slave.write(1, CASCADE_INPUT);
      slave.write(1, 0x01);
      slave.write(1, 0xFF);
    }
    update();
  }

  @Override
  public void irqLevel(int irq, boolean high) {
    if (irq < 0 || irq > 15) {
      throw new IllegalArgumentException("VPIC has IRQ 0 to 15, not " + irq);
    }
    if (irq < 8) {
      master.setLevel(irq, high);
    } else {
      slave.setLevel(irq - 8, high);
    }
    update();
  }

  @Override
  public int acknowledge() {
    int ir = master.acknowledge();
    int vector;
    if (ir < 0) {
      vector = master.vectorBase + 7; // spurious IRQ 7
    } else if (master.isCascade(ir)) {
      int slaveIr = slave.acknowledge();
      vector = slaveIr < 0 ? slave.vectorBase + 7 : slave.vectorBase + slaveIr;
      if (slaveIr >= 0 && slave.autoEoi) {
        endOfInterrupt(slaveIr + 8);
      }
    } else {
      vector = master.vectorBase + ir;
      if (master.autoEoi) {
        endOfInterrupt(ir);
      }
    }
    update();
    return vector;
  }

  /** Propagates the slave's output to the master's cascade input, and the master's to INTR. */
  private void update() {
    master.setLevel(CASCADE_INPUT, slave.output());
    if (machine != null) {
      machine.setIntr(master.output());
    }
  }

  private void endOfInterrupt(int irq) {
    if (machine != null) {
      machine.endOfInterrupt(irq);
    }
  }

  /** The two ports of one chip; {@code firstIrq} turns the chip's inputs into IRQ numbers. */
  private final class ChipPorts implements IoHandler {
    private final Pic8259 chip;
    private final int base;
    private final int firstIrq;

    ChipPorts(Pic8259 chip, int base, int firstIrq) {
      this.chip = chip;
      this.base = base;
      this.firstIrq = firstIrq;
    }

    @Override
    public int inb(int port) {
      int value = chip.read(port - base);
      update(); // a poll acknowledges
      return value;
    }

    @Override
    public void outb(int port, int value) {
      int ended = chip.write(port - base, value);
      if (ended >= 0 && !chip.isCascade(ended)) {
        endOfInterrupt(firstIrq + ended);
      }
      update();
    }
  }

  /** Makes VPIC a standard VDD for {@link java.util.ServiceLoader}. */
  public static final class Provider extends SimpleVddProvider {
    /** Called by {@link java.util.ServiceLoader}. */
    public Provider() {
      super(ID, VPic::new, true);
    }
  }
}
