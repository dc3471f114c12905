package dev.mvm.vdd.std;

import dev.mvm.api.VmProperty;
import dev.mvm.api.vdd.IoHandler;
import dev.mvm.api.vdd.MachineLines;
import dev.mvm.api.vdd.Vdd;
import dev.mvm.api.vdd.VddContext;
import dev.mvm.api.vdd.SimpleVddProvider;

/**
 * VSYSCTL: system control port A (92h) of PS/2 and later ATs, the "fast A20" gate: bit 1 opens
 * and closes the A20 gate, a rising edge of bit 0 resets the machine (the fast CPU reset).
 * Reads return bit 1 as the A20 gate is and the other bits as last written, bit 0 as zero.
 */
public final class VSysCtl implements Vdd {

  /** The VDD's id. */
  public static final String ID = "VSYSCTL";

  /** The port of system control port A. */
  public static final VmProperty<Integer> PORT = VmProperty.of("VSYSCTL.PORT", Integer.class, 0x92);

  private int written;

  @Override
  public String id() {
    return ID;
  }

  @Override
  public void attach(VddContext context) {
    MachineLines machine = context.machine();
    context.ports().claim(context.property(PORT), 1, new IoHandler() {
      @Override
      public int inb(int port) {
        return (written & ~0x03) | (machine.isA20() ? 0x02 : 0);
      }

      @Override
      public void outb(int port, int value) {
        boolean resetEdge = (written & 1) == 0 && (value & 1) != 0;
        written = value & ~0x01;
        machine.setA20((value & 0x02) != 0);
        if (resetEdge) {
          machine.reset();
        }
      }
    });
  }

  @Override
  public void reset() {
    written = 0;
  }

  /** Makes VSYSCTL a standard VDD for {@link java.util.ServiceLoader}. */
  public static final class Provider extends SimpleVddProvider {
    /** Called by {@link java.util.ServiceLoader}. */
    public Provider() {
      super(ID, VSysCtl::new, true);
    }
  }
}
