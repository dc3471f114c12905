package dev.mvm.vdd.std;

import dev.mvm.api.Firmware;
import dev.mvm.api.VmProperty;
import dev.mvm.api.vdd.IoHandler;
import dev.mvm.api.vdd.SimpleVddProvider;
import dev.mvm.api.vdd.Vdd;
import dev.mvm.api.vdd.VddContext;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * VFLPY: the floppy disk controller of a PC, an Intel 82077AA in PC-AT mode at ports
 * 3F2h&ndash;3F5h and 3F7h (3F6h belongs to the hard disk), interrupting on IRQ 6 and moving
 * data through DMA channel 2. The chip model, and what it leaves out, is {@link Fdc82077}.
 *
 * <p>The drives hold the floppy images of {@link VDisk#DRIVES}, the same images VDISK serves
 * through the built-in BIOS's INT 13h, so one image has two ways in: the built-in BIOS's INT 13h,
 * and the controller's registers, which a BIOS image such as SeaBIOS programs for its own INT
 * 13h. Drive A: and B: are connected when the VM has that many floppy images; the format (and
 * so the data rate) comes from the image's size or its given geometry (160K to 2.88M). A
 * read-only image refuses the controller's writes as a write-protected disk does; a writable one
 * receives exactly the sectors written.
 *
 * <p>With the built-in BIOS a reset leaves the controller as a BIOS's POST does: out of reset,
 * DMA and interrupts enabled, at drive A's data rate. With a BIOS image it powers on held in reset
 * (the digital output register cleared), and the firmware starts it.
 */
public final class VFlpy implements Vdd {

  /** The VDD's id. */
  public static final String ID = "VFLPY";

  /** Base port: the controller's registers are at base + 2 to base + 5 and base + 7. */
  public static final VmProperty<Integer> BASE = VmProperty.of("VFLPY.BASE", Integer.class, 0x3F0);

  /** The IRQ line the controller interrupts on. */
  public static final VmProperty<Integer> IRQ = VmProperty.of("VFLPY.IRQ", Integer.class, 6);

  /** The DMA channel the controller moves data through. */
  public static final VmProperty<Integer> DMA = VmProperty.of("VFLPY.DMA", Integer.class, 2);

  private @Nullable Fdc82077 fdc;
  private @Nullable VddContext context;
  private boolean builtInBios;

  @Override
  public String id() {
    return ID;
  }

  @Override
  public void attach(VddContext ctx) {
    this.context = ctx;
    builtInBios = ctx.config().firmware() instanceof Firmware.BuiltIn;
    Fdc82077 controller =
        new Fdc82077(ctx.dma(ctx.property(DMA)), ctx.irq(ctx.property(IRQ)), ctx.logger());
    List<DiskImage> images = ctx.property(VDisk.DRIVES).floppies();
    try {
      for (int i = 0; i < images.size(); i++) {
        controller.drives[i].disk = DiskUnit.open(images.get(i), true, ID);
        controller.drives[i].connected = true;
      }
    } catch (RuntimeException e) {
      close(controller);
      throw e;
    }
    this.fdc = controller;
    int base = ctx.property(BASE);
    IoHandler registers = new IoHandler() {
      @Override
      public int inb(int port) {
        return controller.read(port - base);
      }

      @Override
      public void outb(int port, int value) {
        controller.write(port - base, value & 0xFF);
      }
    };
    ctx.ports().claim(base + 2, 4, registers);
    ctx.ports().claim(base + 7, 1, registers);
  }

  @Override
  public void reset() {
    Fdc82077 controller = fdc;
    if (controller == null) {
      return;
    }
    if (builtInBios) {
      controller.biosReady();
    } else {
      controller.hardwareReset();
    }
  }

  @Override
  public void detach() {
    Fdc82077 controller = fdc;
    if (controller != null) {
      close(controller);
    }
  }

  private void close(Fdc82077 controller) {
    for (Fdc82077.Drive d : controller.drives) {
      DiskUnit disk = d.disk;
      if (disk == null) {
        continue;
      }
      try {
        disk.close();
      } catch (IOException e) {
        VddContext c = context;
        if (c != null) {
          c.logger().log(System.Logger.Level.WARNING, "VDD " + ID + ": cannot close " + disk, e);
        }
      }
      d.disk = null;
    }
  }

  /** Makes VFLPY a standard VDD for {@link java.util.ServiceLoader}. */
  public static final class Provider extends SimpleVddProvider {
    /** Called by {@link java.util.ServiceLoader}. */
    public Provider() {
      super(ID, VFlpy::new, true);
    }
  }
}
