package dev.mvm.vdd.std;

import dev.mvm.api.VmProperty;
import dev.mvm.api.vdd.IoHandler;
import dev.mvm.api.vdd.SimpleVddProvider;
import dev.mvm.api.vdd.Vdd;
import dev.mvm.api.vdd.VddContext;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * VFWCFG: QEMU's firmware configuration device ("fw_cfg") on its x86 ports, the selector at 510h
 * (a 16-bit write chooses an item and rewinds it) and the data port at 511h (each byte read
 * returns the item's next byte). SeaBIOS finds its platform settings and the host's files here.
 * Modelled from QEMU's documentation of the interface ({@code docs/specs/fw_cfg.rst}), the
 * traditional interface only: the DMA interface is absent, and the feature bitmap says so.
 *
 * <p>The items: 0000h the signature {@code QEMU}; 0001h the features, a little-endian dword 1
 * (traditional interface, no DMA); 0002h the UUID, all zeros; 0003h the RAM size, a
 * little-endian qword with the VM's memory size; 0005h the number of CPUs and 000Fh the most
 * CPUs, words of 1; 000Eh whether the firmware shows its boot menu ({@link #BOOT_MENU}); 0019h the
 * file directory, a big-endian count of entries, each a big-endian size (4 bytes), a big-endian
 * selector (2), 2 reserved bytes and a zero-padded name (56); and from 0020h the files of {@link
 * #FILES}, in name order. A key without an item (the NUMA table, the ACPI, SMBIOS and e820
 * tables of keys 8000h&ndash;8003h among them) reads as zeros, which SeaBIOS takes as "none",
 * and so does reading past an item's end. The write bit (4000h) of a selector is ignored: writes
 * to items are not supported, and bytes written to the data port are ignored, as QEMU ignores
 * them. A byte written to the selector port selects nothing, since the selector is a 16-bit
 * register; reading it returns all ones.
 *
 * <p>Files SeaBIOS 1.16 looks for and that a host may want to hand it: {@code
 * vgaroms/vgabios.bin} ({@link FirmwareFiles#VGA_BIOS}), a VGA BIOS it runs as the machine has no
 * PCI; {@code bootorder}; {@code etc/boot-fail-wait} (a little-endian dword of milliseconds,
 * default 60 s, before it restarts the boot after failing); {@code etc/boot-menu-wait}; {@code
 * genroms/*} (more option ROMs). Without {@code etc/e820} it takes the memory size from the CMOS
 * (VCMOS), and without {@code etc/table-loader} it builds its own ACPI tables.
 */
public final class VFwCfg implements Vdd {

  /** The VDD's id. */
  public static final String ID = "VFWCFG";

  /** The selector port; the data port is the next. */
  public static final VmProperty<Integer> PORT = VmProperty.of("VFWCFG.PORT", Integer.class, 0x510);

  /** The files handed to the firmware (none by default). */
  public static final VmProperty<FirmwareFiles> FILES =
      VmProperty.of("VFWCFG.FILES", FirmwareFiles.class, FirmwareFiles.NONE);

  /** Whether SeaBIOS offers its boot menu ("Press ESC for boot menu"); off by default. */
  public static final VmProperty<Boolean> BOOT_MENU =
      VmProperty.of("VFWCFG.BOOT_MENU", Boolean.class, false);

  static final int SIGNATURE = 0x0000;
  static final int ID_FEATURES = 0x0001;
  static final int UUID = 0x0002;
  static final int RAM_SIZE = 0x0003;
  static final int NB_CPUS = 0x0005;
  static final int BOOT_MENU_KEY = 0x000E;
  static final int MAX_CPUS = 0x000F;
  static final int FILE_DIR = 0x0019;
  static final int FILE_FIRST = 0x0020;

  /** The key bits that choose an item: the entry number and the architecture bit. */
  private static final int KEY_MASK = 0xBFFF;

  private static final int NAME_BYTES = 56;
  private static final byte[] NONE = new byte[0];

  private final Map<Integer, byte[]> items = new HashMap<>();
  private final List<FirmwareConfig.File> directory = new ArrayList<>();
  private byte[] selected = NONE;
  private int offset;

  @Override
  public String id() {
    return ID;
  }

  @Override
  public void attach(VddContext ctx) {
    items.put(SIGNATURE, "QEMU".getBytes(StandardCharsets.US_ASCII));
    items.put(ID_FEATURES, littleEndian(4, 1));
    items.put(UUID, new byte[16]);
    items.put(RAM_SIZE, littleEndian(8, ctx.config().memorySize()));
    items.put(NB_CPUS, littleEndian(2, 1));
    items.put(BOOT_MENU_KEY, littleEndian(2, ctx.property(BOOT_MENU) ? 1 : 0));
    items.put(MAX_CPUS, littleEndian(2, 1));
    int selector = FILE_FIRST;
    for (Map.Entry<String, byte[]> file : ctx.property(FILES).entries().entrySet()) {
      items.put(selector, file.getValue());
      directory.add(new FirmwareConfig.File(file.getKey(), selector, file.getValue().length));
      selector++;
    }
    items.put(FILE_DIR, fileDirectory());
    int port = ctx.property(PORT);
    ctx.ports().claim(port, 2, new IoHandler() {
      @Override
      public int inb(int p) {
        if (p == port) {
          return 0xFF;
        }
        return offset < selected.length ? selected[offset++] & 0xFF : 0;
      }

      @Override
      public void outb(int p, int value) {
        // A byte to the 16-bit selector selects nothing; data writes are ignored.
      }

      @Override
      public int inw(int p) {
        return inb(p) | inb(p + 1) << 8;
      }

      @Override
      public void outw(int p, int value) {
        if (p == port) {
          select(value & 0xFFFF);
        }
      }
    });
    List<FirmwareConfig.File> files = List.copyOf(directory);
    Map<Integer, byte[]> snapshot = Map.copyOf(items);
    ctx.publish(FirmwareConfig.class, new FirmwareConfig() {
      @Override
      public List<File> files() {
        return files;
      }

      @Override
      public byte[] item(int key) {
        return snapshot.getOrDefault(key & KEY_MASK, NONE).clone();
      }
    });
  }

  @Override
  public void reset() {
    select(SIGNATURE);
  }

  private void select(int key) {
    selected = items.getOrDefault(key & KEY_MASK, NONE);
    offset = 0;
  }

  private byte[] fileDirectory() {
    ByteBuffer dir = ByteBuffer.allocate(4 + directory.size() * (8 + NAME_BYTES));
    dir.order(ByteOrder.BIG_ENDIAN);
    dir.putInt(directory.size());
    for (FirmwareConfig.File f : directory) {
      dir.putInt(f.size());
      dir.putShort((short) f.selector());
      dir.putShort((short) 0);
      byte[] name = f.name().getBytes(StandardCharsets.US_ASCII);
      dir.put(name);
      dir.put(new byte[NAME_BYTES - name.length]);
    }
    return dir.array();
  }

  private static byte[] littleEndian(int bytes, long value) {
    byte[] b = new byte[bytes];
    for (int i = 0; i < bytes; i++) {
      b[i] = (byte) (value >>> (8 * i));
    }
    return b;
  }

  /** Makes VFWCFG a standard VDD for {@link java.util.ServiceLoader}. */
  public static final class Provider extends SimpleVddProvider {
    /** Called by {@link java.util.ServiceLoader}. */
    public Provider() {
      super(ID, VFwCfg::new, true);
    }
  }
}
