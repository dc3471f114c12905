package dev.mvm.core.internal;

import static dev.mvm.core.internal.TestMachines.bare;
import static dev.mvm.core.internal.TestMachines.build;
import static dev.mvm.core.internal.TestMachines.vdd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mvm.api.VddException;
import dev.mvm.api.VmConfigurationException;
import dev.mvm.api.vdd.DmaChannel;
import dev.mvm.api.vdd.DmaController;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A device's DMA channel reaches whichever VDD provides the controller, or nothing. */
class DmaRoutingTest {

  /** A controller whose every channel takes up to four bytes into a shared buffer. */
  private static final class FourByteController implements DmaController {
    final byte[] memory = new byte[8];
    int lastChannel = -1;

    @Override
    public DmaChannel channel(int number) {
      return new DmaChannel() {
        @Override
        public int number() {
          return number;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public int write(byte[] source, int offset, int length) {
          lastChannel = number;
          int n = Math.min(length, 4);
          System.arraycopy(source, offset, memory, 0, n);
          return n;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
          throw new IllegalStateException("broken read on channel " + number);
        }

        @Override
        public boolean terminalCount() {
          return lastChannel == number;
        }
      };
    }
  }

  @Test
  void withoutAControllerEveryChannelIsMasked() {
    AtomicReference<DmaChannel> held = new AtomicReference<>();
    Machine m = build(bare().vdd(vdd("FDC", ctx -> held.set(ctx.dma(2)))));
    DmaChannel ch = held.get();
    assertThat(ch.number()).isEqualTo(2);
    assertThat(ch.isReady()).isFalse();
    assertThat(ch.write(new byte[16], 0, 16)).isZero();
    assertThat(ch.read(new byte[16], 0, 16)).isZero();
    assertThat(ch.terminalCount()).isFalse();
    m.close();
  }

  @Test
  void aChannelHeldBeforeTheControllerAttachesReachesIt() {
    AtomicReference<DmaChannel> held = new AtomicReference<>();
    FourByteController controller = new FourByteController();
    Machine m = build(bare()
        .vdd(vdd("FDC", ctx -> held.set(ctx.dma(5))))
        .vdd(vdd("DMA", ctx -> ctx.provideDmaController(controller))));
    assertThat(held.get().isReady()).isTrue();
    assertThat(held.get().write(new byte[] {1, 2, 3, 4, 5, 6}, 1, 5)).isEqualTo(4);
    assertThat(controller.memory).startsWith(2, 3, 4, 5);
    assertThat(held.get().terminalCount()).isTrue();
    m.close();
  }

  @Test
  void aFailingControllerIsNamedAndABadBufferIsTheDevicesOwnError() {
    AtomicReference<DmaChannel> held = new AtomicReference<>();
    Machine m = build(bare()
        .vdd(vdd("FDC", ctx -> held.set(ctx.dma(1))))
        .vdd(vdd("DMA", ctx -> ctx.provideDmaController(new FourByteController()))));
    assertThatThrownBy(() -> held.get().read(new byte[4], 0, 4))
        .isInstanceOf(VddException.class)
        .hasMessageContaining("DMA")
        .hasRootCauseMessage("broken read on channel 1");
    assertThatThrownBy(() -> held.get().write(new byte[4], 2, 4))
        .isInstanceOf(IndexOutOfBoundsException.class);
    m.close();
  }

  @Test
  void channelsAreZeroToSevenAndThereIsOneController() {
    assertThatThrownBy(() -> build(bare().vdd(vdd("FDC", ctx -> ctx.dma(8)))))
        .hasRootCauseInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> build(bare()
        .vdd(vdd("DMA1", ctx -> ctx.provideDmaController(new FourByteController())))
        .vdd(vdd("DMA2", ctx -> ctx.provideDmaController(new FourByteController())))))
        .isInstanceOf(VmConfigurationException.class)
        .hasMessageContaining("DMA2").hasMessageContaining("DMA1");
  }
}
