package dev.mvm.api.vdd;

/**
 * The role of the VDD that owns the DMA channels (VDMA, two 8237A controllers in cascade). It
 * registers itself with {@link VddContext#provideDmaController}; there is one per VM. Devices
 * never see it: they ask their context for a {@link DmaChannel} with {@link VddContext#dma(int)},
 * and the monitor forwards their calls here.
 */
public interface DmaController {

  /**
   * A channel of the controller.
   *
   * @param number 0 to 7
   * @return the channel
   */
  DmaChannel channel(int number);
}
