package dev.mvm.vdd.std;

import dev.mvm.api.VmProperty;
import dev.mvm.api.vdd.IoHandler;
import dev.mvm.api.vdd.SimpleVddProvider;
import dev.mvm.api.vdd.Vdd;
import dev.mvm.api.vdd.VddContext;

/**
 * VPCI: the PCI configuration ports of mechanism #1, CF8h (the 32-bit address register) and
 * CFCh&ndash;CFFh (the data window), for a machine that has no PCI devices. By default the machine
 * is an ISA PC without a PCI host bridge, as QEMU's {@code isapc} machine is: nothing latches a
 * dword written to CF8h, so reading it back returns FFFFFFFFh and every configuration read returns
 * all ones. That is the case SeaBIOS 1.16 was written for on such a machine: {@code
 * pci_probe_host} writes 80000000h to CF8h, reads something else back, logs "Detected non-PCI
 * system" and leaves PCI alone; the other probes it makes before that (the host bridge's vendor
 * at 00:00.0, and the search for a chipset whose RAM it could unlock) read FFFFh and move on.
 *
 * <p>With {@link #MECHANISM_1} set, the machine instead answers as a PCI host bridge with an empty
 * bus: CF8h is a 32-bit register that reads back what was written (bits 0&ndash;1 and 24&ndash;30
 * read as zero, as they are reserved), and reading the data window returns all ones for every
 * bus, device, function and register, which is what an empty slot answers. SeaBIOS then probes
 * the bus, finds nothing, and goes on as on the ISA machine. Only dword accesses reach the address
 * register, as on PCI chipsets; byte and word accesses to CF8h&ndash;CFBh go to the ISA bus, where
 * nothing answers. Writes to the data window are ignored.
 *
 * <p>Either way the guest cannot hang on it: every read completes with a value.
 */
public final class VPci implements Vdd {

  /** The VDD's id. */
  public static final String ID = "VPCI";

  /**
   * Whether the machine answers as a PCI host bridge without devices (CF8h reads back) rather
   * than as an ISA machine without PCI (the default).
   */
  public static final VmProperty<Boolean> MECHANISM_1 =
      VmProperty.of("VPCI.MECHANISM_1", Boolean.class, false);

  /** The address register's port; the data window is at this port + 4. */
  public static final VmProperty<Integer> PORT = VmProperty.of("VPCI.PORT", Integer.class, 0xCF8);

  /** The address register's bits that are not reserved: enable, bus, device, function, register. */
  private static final int ADDRESS_BITS = 0x80FF_FFFC;

  private boolean mechanism1;
  private int address;

  @Override
  public String id() {
    return ID;
  }

  @Override
  public void attach(VddContext ctx) {
    mechanism1 = ctx.property(MECHANISM_1);
    int port = ctx.property(PORT);
    ctx.ports().claim(port, 8, new IoHandler() {
      @Override
      public int inb(int p) {
        return 0xFF; // byte reads go to the ISA bus, or read an empty slot's data
      }

      @Override
      public void outb(int p, int value) {}

      @Override
      public int inw(int p) {
        return 0xFFFF;
      }

      @Override
      public void outw(int p, int value) {}

      @Override
      public int ind(int p) {
        if (p == port && mechanism1) {
          return address;
        }
        return 0xFFFF_FFFF;
      }

      @Override
      public void outd(int p, int value) {
        if (p == port && mechanism1) {
          address = value & ADDRESS_BITS;
        }
      }
    });
  }

  @Override
  public void reset() {
    address = 0;
  }

  /** Makes VPCI a standard VDD for {@link java.util.ServiceLoader}. */
  public static final class Provider extends SimpleVddProvider {
    /** Called by {@link java.util.ServiceLoader}. */
    public Provider() {
      super(ID, VPci::new, true);
    }
  }
}
