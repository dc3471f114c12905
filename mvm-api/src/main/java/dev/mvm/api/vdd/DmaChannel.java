package dev.mvm.api.vdd;

/**
 * One channel of the machine's DMA controller, as the device wired to it sees it: its request
 * and acknowledge lines. A device that moves data by DMA (the floppy controller on channel 2, a
 * sound card) asks its context for the channel with {@link VddContext#dma(int)} and calls
 * {@link #write} or {@link #read} when it has data to deliver or wants data; the controller moves
 * the bytes between the device and guest memory at the address and for the count the guest
 * programmed, and says how many it moved.
 *
 * <p>The controller does what the guest programmed, whatever the device expects: a transfer
 * always advances the channel's address and count, but only a channel programmed for a write
 * transfer stores the device's bytes in memory, and only one programmed for a read transfer
 * hands memory's bytes to the device. A call stops at the terminal count (the count running out),
 * which {@link #terminalCount()} then reports; with auto-initialisation the channel has already
 * reloaded its starting address and count, and a further call continues from there. Channels 5
 * to 7 move 16-bit words: lengths are in bytes and only whole words move.
 *
 * <pre>{@code
 * DmaChannel dma = ctx.dma(2);
 * int moved = dma.write(sector, 0, 512);          // READ DATA: the sector into guest memory
 * boolean done = dma.terminalCount();
 * if (moved < 512 && !done) { ... }               // the guest did not program enough: overrun
 * }</pre>
 *
 * <p>Without a DMA controller in the VM every channel is masked: nothing moves.
 */
public interface DmaChannel {

  /**
   * The channel's number.
   *
   * @return 0 to 7
   */
  int number();

  /**
   * Whether the controller would serve a request on this channel now: it is unmasked, its
   * controller is enabled and, for channels 0 to 3, the cascade to the second controller is open.
   *
   * @return whether a transfer would move anything
   */
  boolean isReady();

  /**
   * The device delivers bytes: a write transfer stores them in guest memory.
   *
   * @param source the device's bytes
   * @param offset the first index in {@code source}
   * @param length how many bytes the device offers
   * @return how many bytes the channel took, up to the terminal count; 0 when it is not ready
   */
  int write(byte[] source, int offset, int length);

  /**
   * The device asks for bytes: a read transfer fetches them from guest memory.
   *
   * @param target where the device receives them
   * @param offset the first index in {@code target}
   * @param length how many bytes the device wants
   * @return how many bytes the channel delivered, up to the terminal count; 0 when it is not
   *     ready
   */
  int read(byte[] target, int offset, int length);

  /**
   * Whether the last transfer on this channel ended at its terminal count (the chip's EOP).
   *
   * @return true if the count ran out during the last {@link #write} or {@link #read}
   */
  boolean terminalCount();
}
