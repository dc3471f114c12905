package dev.mvm.api.vdd;

/**
 * The physical address space in 4 KiB pages: RAM (the default below the installed size), ROM
 * (reads from an image, writes ignored), device memory (a {@link MemoryHandler}) and unmapped
 * space (reads {@code FFh}). Regions must start and end on 4 KiB boundaries. The CPU reaches
 * RAM directly; only device pages cost a call.
 *
 * <pre>{@code
 * Hook vram = ctx.memoryMap().mapDevice(0xA0000, 0x10000, planarMemory);  // VGA window
 * }</pre>
 */
public interface MemoryMap {

  /**
   * Maps device memory; the handler serves every access in the region.
   *
   * @param base the first physical address, page-aligned
   * @param size bytes, a multiple of 4 KiB
   * @param handler serves the accesses
   * @return the mapping; removing it restores what was there before
   */
  Hook mapDevice(int base, int size, MemoryHandler handler);

  /**
   * Maps a ROM image: its bytes are readable, writes are ignored.
   *
   * @param base the first physical address, page-aligned
   * @param image the contents, a multiple of 4 KiB; copied
   * @return the mapping; removing it restores what was there before
   */
  Hook mapRom(int base, byte[] image);

  /**
   * Maps RAM initialised with an image, as QEMU does with the top of a BIOS image below 1 MiB.
   * The region must lie inside installed RAM.
   *
   * @param base the first physical address, page-aligned
   * @param image the contents, a multiple of 4 KiB; copied
   */
  void loadRam(int base, byte[] image);
}
