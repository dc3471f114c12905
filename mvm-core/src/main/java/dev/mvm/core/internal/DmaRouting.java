package dev.mvm.core.internal;

import dev.mvm.api.VmConfigurationException;
import dev.mvm.api.vdd.DmaChannel;
import dev.mvm.api.vdd.DmaController;
import org.jspecify.annotations.Nullable;

/**
 * The DMA request lines: routes a device's transfers on a channel to the VDD that provides the
 * DMA controller (at most one per VM). A device may hold its channel before the controller
 * attaches; until there is one, every channel is masked and moves nothing. An exception the
 * controller throws is wrapped once, naming the controller's VDD.
 */
final class DmaRouting {
  private @Nullable DmaController controller;
  private String controllerOwner = "";

  /**
   * Installs the DMA controller.
   *
   * @param owner the VDD providing it
   * @param controller the controller
   * @throws VmConfigurationException if another VDD provides one already
   */
  void provide(String owner, DmaController controller) {
    if (this.controller != null) {
      throw new VmConfigurationException(
          "VDD " + owner + " provides a DMA controller, but VDD " + controllerOwner
              + " already does");
    }
    this.controller = controller;
    this.controllerOwner = owner;
  }

  /**
   * A channel as a device sees it.
   *
   * @param number 0 to 7
   * @return the channel
   * @throws IllegalArgumentException if the number is not 0 to 7
   */
  DmaChannel channel(int number) {
    if (number < 0 || number > 7) {
      throw new IllegalArgumentException("DMA channels are 0 to 7, not " + number);
    }
    return new DmaChannel() {
      @Override
      public int number() {
        return number;
      }

      @Override
      public boolean isReady() {
        DmaChannel c = target();
        try {
          return c != null && c.isReady();
        } catch (RuntimeException e) {
          throw VddFailure.wrap(controllerOwner, "DMA channel " + number + " ready check", e);
        }
      }

      @Override
      public int write(byte[] source, int offset, int length) {
        checkRange(source, offset, length);
        DmaChannel c = target();
        try {
          return c == null ? 0 : c.write(source, offset, length);
        } catch (RuntimeException e) {
          throw VddFailure.wrap(controllerOwner, "DMA channel " + number + " write", e);
        }
      }

      @Override
      public int read(byte[] target, int offset, int length) {
        checkRange(target, offset, length);
        DmaChannel c = target();
        try {
          return c == null ? 0 : c.read(target, offset, length);
        } catch (RuntimeException e) {
          throw VddFailure.wrap(controllerOwner, "DMA channel " + number + " read", e);
        }
      }

      @Override
      public boolean terminalCount() {
        DmaChannel c = target();
        try {
          return c != null && c.terminalCount();
        } catch (RuntimeException e) {
          throw VddFailure.wrap(controllerOwner, "DMA channel " + number + " status", e);
        }
      }

      private @Nullable DmaChannel target() {
        DmaController c = controller;
        if (c == null) {
          return null;
        }
        try {
          return c.channel(number);
        } catch (RuntimeException e) {
          throw VddFailure.wrap(controllerOwner, "DMA channel " + number + " lookup", e);
        }
      }
    };
  }

  /** The device's own mistake: the caller gets it as it would from any array method. */
  private static void checkRange(byte[] bytes, int offset, int length) {
    if (offset < 0 || length < 0 || offset > bytes.length - length) {
      throw new IndexOutOfBoundsException(
          "DMA buffer range " + offset + "+" + length + " outside an array of " + bytes.length);
    }
  }
}
