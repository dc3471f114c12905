package dev.mvm.core.internal;

import dev.mvm.api.cpu.CpuBus;
import dev.mvm.api.vdd.GuestMemory;
import dev.mvm.api.vdd.Hook;
import dev.mvm.api.vdd.MemoryHandler;
import dev.mvm.api.vdd.MemoryMap;
import org.jspecify.annotations.Nullable;

/**
 * Physical memory: the RAM array, the A20 gate and the 4 KiB page map of the 4 GiB physical
 * address space.
 *
 * <p>Every page is RAM (below the installed size), ROM (reads from an image, writes ignored),
 * device memory (a VDD's {@link MemoryHandler}) or unmapped (reads {@code FFh}, writes ignored).
 * Mappings stack per page: the newest enabled mapping wins, and removing or disabling it shows
 * what lies beneath. Only RAM pages are direct for the CPU ({@link CpuBus#DIRECT_READ} and
 * {@link CpuBus#DIRECT_WRITE}); ROM pages are read through {@link #read}, so RAM under a ROM is
 * kept untouched and reappears when the ROM goes.
 *
 * <p>The RAM array is at least 1 MiB long even when less RAM is installed, so that firmware can
 * keep writable shadow copies at the top of the first MiB (QEMU's ISA machine convention); pages
 * above the installed size are unmapped unless such a shadow mapping covers them.
 *
 * <p>The A20 gate is closed at power-on and after a machine reset, as on an AT: addresses wrap at
 * 1 MiB until the guest (or its BIOS) opens it. The CPU applies {@link #a20Mask()} itself; the
 * {@link GuestMemory} methods apply it for VDDs and the host.
 */
public final class PhysicalMemory implements GuestMemory {
  /** Bytes per page. */
  public static final int PAGE_SIZE = 1 << CpuBus.PAGE_SHIFT;

  private static final int PAGES = 1 << 20;
  private static final int LEAF_BITS = 10;
  private static final int LEAF_MASK = (1 << LEAF_BITS) - 1;
  private static final int A20_CLOSED = 0xFFEF_FFFF;
  private static final int DIRECT = CpuBus.DIRECT_READ | CpuBus.DIRECT_WRITE;

  private final long size;
  private final int installedPages;
  private final byte[] ram;
  private final byte[] pageFlags = new byte[PAGES];
  /** Mapping stacks per page, in a two-level directory: most of the 4 GiB stays empty. */
  private final @Nullable Node[][] directory = new Node[PAGES >>> LEAF_BITS][];

  private int a20Mask = A20_CLOSED;

  /**
   * @param size bytes of installed RAM, a multiple of 4 KiB up to 1 GiB
   */
  public PhysicalMemory(long size) {
    if (size < PAGE_SIZE || size > (1L << 30) || size % PAGE_SIZE != 0) {
      throw new IllegalArgumentException("memory size must be a multiple of 4 KiB: " + size);
    }
    this.size = size;
    this.installedPages = (int) (size / PAGE_SIZE);
    this.ram = new byte[(int) Math.max(size, 1 << 20)];
    for (int p = 0; p < installedPages; p++) {
      pageFlags[p] = DIRECT;
    }
  }

  /** A mapping on top of a page, and what lies beneath it. */
  private static final class Node {
    final Mapping mapping;
    @Nullable Node below;

    Node(Mapping mapping, @Nullable Node below) {
      this.mapping = mapping;
      this.below = below;
    }
  }

  /** A mapped region: ROM, device memory or shadow RAM. */
  abstract class Mapping extends HookHandle {
    final int base;
    final int length;

    Mapping(int base, int length) {
      this.base = base;
      this.length = length;
    }

    abstract int read(int address);

    abstract void write(int address, int value);

    /** Whether the CPU may use the RAM array directly on this mapping's pages. */
    boolean direct() {
      return false;
    }

    @Override
    void changed() {
      refresh(this);
    }

    @Override
    void removed() {
      unmap(this);
    }
  }

  /** A read-only image. */
  final class RomMapping extends Mapping {
    final byte[] image;

    RomMapping(int base, byte[] image) {
      super(base, image.length);
      this.image = image;
    }

    @Override
    int read(int address) {
      return image[address - base] & 0xFF;
    }

    @Override
    void write(int address, int value) {
      // ROM: the write goes nowhere.
    }
  }

  /** Device memory served by a VDD. */
  private final class DeviceMapping extends Mapping {
    final String owner;
    final MemoryHandler handler;

    DeviceMapping(String owner, int base, int length, MemoryHandler handler) {
      super(base, length);
      this.owner = owner;
      this.handler = handler;
    }

    @Override
    int read(int address) {
      try {
        return handler.readByte(address) & 0xFF;
      } catch (RuntimeException e) {
        throw VddFailure.wrap(owner, "read of memory at " + VddFailure.hex(address, 8), e);
      }
    }

    @Override
    void write(int address, int value) {
      try {
        handler.writeByte(address, value & 0xFF);
      } catch (RuntimeException e) {
        throw VddFailure.wrap(owner, "write of memory at " + VddFailure.hex(address, 8), e);
      }
    }
  }

  /** RAM outside the installed size: the writable copy of a firmware image below 1 MiB. */
  private final class ShadowRam extends Mapping {
    ShadowRam(int base, int length) {
      super(base, length);
    }

    @Override
    int read(int address) {
      return ram[address] & 0xFF;
    }

    @Override
    void write(int address, int value) {
      ram[address] = (byte) value;
    }

    @Override
    boolean direct() {
      return true;
    }
  }

  // ---- the CPU's view ------------------------------------------------------------------------

  /** Returns the RAM array, at least 1 MiB long. */
  public byte[] ram() {
    return ram;
  }

  /** Returns the page flags for the CPU's fast path. */
  public byte[] pageFlags() {
    return pageFlags;
  }

  /** Returns {@code FFFFFFFFh} with the A20 gate open, {@code FFEFFFFFh} closed. */
  public int a20Mask() {
    return a20Mask;
  }

  /** Returns whether the A20 gate is open. */
  public boolean isA20() {
    return a20Mask == -1;
  }

  /**
   * Opens or closes the A20 gate.
   *
   * @param open whether address line 20 passes
   */
  public void setA20(boolean open) {
    a20Mask = open ? -1 : A20_CLOSED;
  }

  /**
   * Reads a byte at a physical address that has already passed the A20 gate.
   *
   * @param address the physical address
   * @return the byte, 0 to 255
   */
  public int read(int address) {
    Node top = effective(address >>> CpuBus.PAGE_SHIFT);
    if (top != null) {
      return top.mapping.read(address);
    }
    return Integer.compareUnsigned(address, (int) size) < 0 ? ram[address] & 0xFF : 0xFF;
  }

  /**
   * Writes a byte at a physical address that has already passed the A20 gate.
   *
   * @param address the physical address
   * @param value the byte in the low 8 bits
   */
  public void write(int address, int value) {
    Node top = effective(address >>> CpuBus.PAGE_SHIFT);
    if (top != null) {
      top.mapping.write(address, value);
    } else if (Integer.compareUnsigned(address, (int) size) < 0) {
      ram[address] = (byte) value;
    }
  }

  // ---- GuestMemory -----------------------------------------------------------------------------

  @Override
  public long size() {
    return size;
  }

  @Override
  public int readByte(int address) {
    return read(address & a20Mask);
  }

  @Override
  public void writeByte(int address, int value) {
    write(address & a20Mask, value);
  }

  /** Copies page by page: straight from the RAM array where a page is direct. */
  @Override
  public void read(int address, byte[] target, int offset, int length) {
    int done = 0;
    while (done < length) {
      int a = (address + done) & a20Mask;
      int chunk = Math.min(length - done, PAGE_SIZE - (a & (PAGE_SIZE - 1)));
      if ((pageFlags[a >>> CpuBus.PAGE_SHIFT] & CpuBus.DIRECT_READ) != 0) {
        System.arraycopy(ram, a, target, offset + done, chunk);
      } else {
        for (int i = 0; i < chunk; i++) {
          target[offset + done + i] = (byte) read(a + i);
        }
      }
      done += chunk;
    }
  }

  /** Copies page by page: straight into the RAM array where a page is direct. */
  @Override
  public void write(int address, byte[] source, int offset, int length) {
    int done = 0;
    while (done < length) {
      int a = (address + done) & a20Mask;
      int chunk = Math.min(length - done, PAGE_SIZE - (a & (PAGE_SIZE - 1)));
      if ((pageFlags[a >>> CpuBus.PAGE_SHIFT] & CpuBus.DIRECT_WRITE) != 0) {
        System.arraycopy(source, offset + done, ram, a, chunk);
      } else {
        for (int i = 0; i < chunk; i++) {
          write(a + i, source[offset + done + i]);
        }
      }
      done += chunk;
    }
  }

  // ---- mapping -------------------------------------------------------------------------------

  /**
   * The memory map as one VDD sees it; device mappings name that VDD in errors.
   *
   * @param owner the VDD's id
   * @return the view
   */
  public MemoryMap mapFor(String owner) {
    return new MemoryMap() {
      @Override
      public Hook mapDevice(int base, int length, MemoryHandler handler) {
        check(base, length);
        return map(new DeviceMapping(owner, base, length, handler));
      }

      @Override
      public Hook mapRom(int base, byte[] image) {
        return PhysicalMemory.this.mapRom(base, image.clone());
      }

      @Override
      public void loadRam(int base, byte[] image) {
        check(base, image.length);
        if (Integer.toUnsignedLong(base) + image.length > size) {
          throw new IllegalArgumentException(
              "RAM image at "
                  + VddFailure.hex(base, 8)
                  + " of "
                  + image.length
                  + " bytes lies outside installed RAM of "
                  + size
                  + " bytes");
        }
        System.arraycopy(image, 0, ram, base, image.length);
      }
    };
  }

  /**
   * Maps a ROM image without copying it (the monitor keeps writing its own ROM).
   *
   * @param base the first address, page-aligned
   * @param image the contents, a multiple of 4 KiB
   * @return the mapping
   */
  RomMapping mapRom(int base, byte[] image) {
    check(base, image.length);
    return map(new RomMapping(base, image));
  }

  /**
   * Makes a region RAM initialised with an image, whether or not RAM is installed there: the
   * low copy of a BIOS image. The region must lie below 1 MiB.
   *
   * @param base the first address, page-aligned
   * @param image the contents
   */
  void loadShadow(int base, byte[] image) {
    check(base, image.length);
    if (Integer.toUnsignedLong(base) + image.length > ram.length) {
      throw new IllegalArgumentException("shadow RAM must lie below 1 MiB: " + base);
    }
    if (Integer.toUnsignedLong(base) + image.length > size) {
      map(new ShadowRam(base, image.length));
    }
    System.arraycopy(image, 0, ram, base, image.length);
  }

  /**
   * Whether the mapping in effect at an address is the given one.
   *
   * @param address a physical address
   * @param mapping a mapping
   * @return true if {@code mapping} serves that address
   */
  boolean isServedBy(int address, Mapping mapping) {
    Node top = effective(address >>> CpuBus.PAGE_SHIFT);
    return top != null && top.mapping == mapping;
  }

  private static void check(int base, int length) {
    if ((base & (PAGE_SIZE - 1)) != 0) {
      throw new IllegalArgumentException(
          "memory region must start on a 4 KiB boundary: " + VddFailure.hex(base, 8));
    }
    if (length <= 0 || length % PAGE_SIZE != 0) {
      throw new IllegalArgumentException(
          "memory region size must be a positive multiple of 4 KiB: " + length + " bytes");
    }
    if (Integer.toUnsignedLong(base) + length > (1L << 32)) {
      throw new IllegalArgumentException(
          "memory region at " + VddFailure.hex(base, 8) + " of " + length + " bytes passes 4 GiB");
    }
  }

  private <M extends Mapping> M map(M mapping) {
    int first = mapping.base >>> CpuBus.PAGE_SHIFT;
    int pages = mapping.length / PAGE_SIZE;
    for (int p = first; p < first + pages; p++) {
      @Nullable Node[] leaf = directory[p >>> LEAF_BITS];
      if (leaf == null) {
        leaf = new Node[1 << LEAF_BITS];
        directory[p >>> LEAF_BITS] = leaf;
      }
      leaf[p & LEAF_MASK] = new Node(mapping, leaf[p & LEAF_MASK]);
      refreshPage(p);
    }
    return mapping;
  }

  private void unmap(Mapping mapping) {
    int first = mapping.base >>> CpuBus.PAGE_SHIFT;
    int pages = mapping.length / PAGE_SIZE;
    for (int p = first; p < first + pages; p++) {
      @Nullable Node[] leaf = directory[p >>> LEAF_BITS];
      if (leaf == null) {
        continue;
      }
      Node previous = null;
      for (Node n = leaf[p & LEAF_MASK]; n != null; previous = n, n = n.below) {
        if (n.mapping == mapping) {
          if (previous == null) {
            leaf[p & LEAF_MASK] = n.below;
          } else {
            previous.below = n.below;
          }
          break;
        }
      }
      refreshPage(p);
    }
  }

  private void refresh(Mapping mapping) {
    int first = mapping.base >>> CpuBus.PAGE_SHIFT;
    for (int p = first; p < first + mapping.length / PAGE_SIZE; p++) {
      refreshPage(p);
    }
  }

  private void refreshPage(int page) {
    Node top = effective(page);
    boolean direct =
        top == null
            ? page < installedPages
            : top.mapping.direct() && page < ram.length / PAGE_SIZE;
    pageFlags[page] = (byte) (direct ? DIRECT : 0);
  }

  private @Nullable Node effective(int page) {
    @Nullable Node[] leaf = directory[page >>> LEAF_BITS];
    if (leaf == null) {
      return null;
    }
    Node n = leaf[page & LEAF_MASK];
    while (n != null && !n.mapping.isEnabled()) {
      n = n.below;
    }
    return n;
  }
}
