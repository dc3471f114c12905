package dev.mvm.vdd.std;

import dev.mvm.api.Firmware;
import dev.mvm.api.VmProperty;
import dev.mvm.api.vdd.DmaChannel;
import dev.mvm.api.vdd.DmaController;
import dev.mvm.api.vdd.GuestMemory;
import dev.mvm.api.vdd.IoHandler;
import dev.mvm.api.vdd.SimpleVddProvider;
import dev.mvm.api.vdd.Vdd;
import dev.mvm.api.vdd.VddContext;
import org.jspecify.annotations.Nullable;

/**
 * VDMA: the AT's two 8237A DMA controllers and their page registers. The first controller, at
 * ports 00h&ndash;0Fh, serves the 8-bit channels 0&ndash;3; the second, at C0h&ndash;DFh (its
 * registers at the even ports, each odd port an alias of the even one below it, as the AT decodes
 * them), serves the 16-bit channels 5&ndash;7, and its channel 4 is the cascade input of the
 * first: channels 0&ndash;3 move data only while channel 4 is unmasked. The chip model is {@link
 * Dma8237}.
 *
 * <p>The page registers at 80h&ndash;8Fh are sixteen read/write latches, as the AT's 74LS612
 * has; those of the channels give the address bits above the controller's: 87h channel 0, 83h
 * channel 1, 81h channel 2, 82h channel 3, 8Bh channel 5, 89h channel 6, 8Ah channel 7 (8Fh,
 * channel 4's, is the refresh page, and the others, 80h the POST-code port among them, are
 * plain latches). An 8-bit channel addresses page &times; 64 KiB plus its 16-bit address; a
 * 16-bit channel moves words at (page with bit 0 cleared) &times; 64 KiB plus twice its address.
 * The address counter wraps without carrying into the page, so a transfer that crosses a 64 KiB
 * boundary (128 KiB for the 16-bit channels) continues at the start of the same page, as on the
 * hardware. Memory is reached as the CPU reaches it, through the A20 gate.
 *
 * <p>It is the VM's {@link DmaController}: devices move data through the channels they get from
 * {@link VddContext#dma(int)}. A software request (the request register) is served at once when
 * its channel is in block mode, with nothing on the other side of the bus: a write transfer stores
 * FFh. With the built-in BIOS a reset leaves channel 4 in cascade mode and unmasked, as an AT
 * BIOS's POST does; with a BIOS image both controllers power on cleared and masked, and the
 * firmware programs them.
 */
public final class VDma implements Vdd, DmaController {

  /** The VDD's id. */
  public static final String ID = "VDMA";

  /** Base port of the first controller, channels 0&ndash;3 (sixteen ports). */
  public static final VmProperty<Integer> DMA1_BASE =
      VmProperty.of("VDMA.DMA1_BASE", Integer.class, 0x00);

  /** Base port of the second controller, channels 4&ndash;7 (thirty-two ports). */
  public static final VmProperty<Integer> DMA2_BASE =
      VmProperty.of("VDMA.DMA2_BASE", Integer.class, 0xC0);

  /** Base port of the sixteen page registers. */
  public static final VmProperty<Integer> PAGE_BASE =
      VmProperty.of("VDMA.PAGE_BASE", Integer.class, 0x80);

  /** Which page register (offset from {@link #PAGE_BASE}) each channel uses. */
  private static final int[] PAGE_OF_CHANNEL = {0x7, 0x3, 0x1, 0x2, 0xF, 0xB, 0x9, 0xA};

  private static final byte[] NO_DEVICE = new byte[0];

  private final Dma8237 dma1 = new Dma8237();
  private final Dma8237 dma2 = new Dma8237();
  private final int[] pages = new int[16];
  private final boolean[] lastEndedAtTerminalCount = new boolean[8];
  private final DmaChannel[] channels = new DmaChannel[8];
  private @Nullable GuestMemory memory;
  private boolean builtInBios;

  /** Creates the VDD; {@link #attach} wires it. */
  public VDma() {
    for (int i = 0; i < 8; i++) {
      channels[i] = new ChannelView(i);
    }
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public void attach(VddContext ctx) {
    memory = ctx.memory();
    builtInBios = ctx.config().firmware() instanceof Firmware.BuiltIn;
    int base1 = ctx.property(DMA1_BASE);
    int base2 = ctx.property(DMA2_BASE);
    int pageBase = ctx.property(PAGE_BASE);
    ctx.ports().claim(base1, 16, new ChipPorts(dma1, base1, 0));
    ctx.ports().claim(base2, 32, new ChipPorts(dma2, base2, 1));
    ctx.ports().claim(pageBase, 16, new IoHandler() {
      @Override
      public int inb(int port) {
        return pages[(port - pageBase) & 0xF];
      }

      @Override
      public void outb(int port, int value) {
        pages[(port - pageBase) & 0xF] = value & 0xFF;
      }
    });
    ctx.provideDmaController(this);
  }

  @Override
  public void reset() {
    dma1.reset();
    dma2.reset();
    java.util.Arrays.fill(pages, 0);
    java.util.Arrays.fill(lastEndedAtTerminalCount, false);
    if (builtInBios) {
      dma2.channels[0].mode = Dma8237.CASCADE << 6;
      dma2.channels[0].masked = false;
    }
  }

  @Override
  public DmaChannel channel(int number) {
    if (number < 0 || number > 7) {
      throw new IllegalArgumentException("DMA channels are 0 to 7, not " + number);
    }
    return channels[number];
  }

  /** One controller's ports; the second decodes address bits 1 to 4 only. */
  private final class ChipPorts implements IoHandler {
    private final Dma8237 chip;
    private final int base;
    private final int shift;

    ChipPorts(Dma8237 chip, int base, int shift) {
      this.chip = chip;
      this.base = base;
      this.shift = shift;
    }

    @Override
    public int inb(int port) {
      return chip.read(((port - base) >>> shift) & 0xF);
    }

    @Override
    public void outb(int port, int value) {
      chip.write(((port - base) >>> shift) & 0xF, value & 0xFF);
      serveSoftwareRequests();
    }
  }

  private Dma8237 chipOf(int number) {
    return number < 4 ? dma1 : dma2;
  }

  /** Whether a request on the channel reaches memory: DACK would come. */
  private boolean ready(int number, boolean softwareRequest) {
    Dma8237 chip = chipOf(number);
    Dma8237.Channel c = chip.channels[number & 3];
    if (!chip.isEnabled() || c.operatingMode() == Dma8237.CASCADE) {
      return false;
    }
    if (!softwareRequest && c.masked) {
      return false; // software requests are not maskable; device requests are
    }
    if (number < 4) {
      Dma8237.Channel cascade = dma2.channels[0];
      return dma2.isEnabled() && !cascade.masked;
    }
    return true;
  }

  /** Software requests of channels in block mode run to terminal count as soon as they can. */
  private void serveSoftwareRequests() {
    for (int number = 0; number < 8; number++) {
      Dma8237.Channel c = chipOf(number).channels[number & 3];
      if (c.request && c.operatingMode() == Dma8237.BLOCK && ready(number, true)) {
        transfer(number, NO_DEVICE, 0, Integer.MAX_VALUE, true, true);
      }
    }
  }

  /**
   * Moves units on a channel until the device's buffer or the count runs out.
   *
   * @param buffer the device's bytes (unused for a software request: no device is on the bus)
   * @param deviceWrites whether the device drives the data bus (it delivers bytes)
   * @param softwareRequest whether the request register asked, rather than a device
   * @return bytes moved
   */
  private int transfer(int number, byte[] buffer, int offset, int length,
      boolean deviceWrites, boolean softwareRequest) {
    lastEndedAtTerminalCount[number] = false;
    if (!ready(number, softwareRequest)) {
      return 0;
    }
    GuestMemory mem = memory;
    if (mem == null) {
      return 0;
    }
    Dma8237 chip = chipOf(number);
    int index = number & 3;
    Dma8237.Channel c = chip.channels[index];
    boolean word = number >= 4;
    int unit = word ? 2 : 1;
    int units = length / unit;
    int type = c.transferType();
    int page = pages[PAGE_OF_CHANNEL[number]];
    int done = 0;
    while (done < units) {
      int physical = word
          ? (page & 0xFE) << 16 | c.address << 1
          : page << 16 | c.address;
      for (int k = 0; k < unit; k++) {
        int at = offset + done * unit + k;
        if (type == Dma8237.WRITE) {
          // The device drives the bus; with no device (or one that expects data) it floats.
          int value = deviceWrites && !softwareRequest ? buffer[at] & 0xFF : 0xFF;
          mem.writeByte(physical + k, value);
        } else if (type == Dma8237.READ) {
          int value = mem.readByte(physical + k);
          if (!deviceWrites && !softwareRequest) {
            buffer[at] = (byte) value;
          }
        }
      }
      done++;
      if (chip.advance(index)) {
        lastEndedAtTerminalCount[number] = true;
        break;
      }
    }
    return done * unit;
  }

  /** A channel as devices see it. */
  private final class ChannelView implements DmaChannel {
    private final int number;

    ChannelView(int number) {
      this.number = number;
    }

    @Override
    public int number() {
      return number;
    }

    @Override
    public boolean isReady() {
      return ready(number, false);
    }

    @Override
    public int write(byte[] source, int offset, int length) {
      return transfer(number, source, offset, length, true, false);
    }

    @Override
    public int read(byte[] target, int offset, int length) {
      return transfer(number, target, offset, length, false, false);
    }

    @Override
    public boolean terminalCount() {
      return lastEndedAtTerminalCount[number];
    }
  }

  /** Makes VDMA a standard VDD for {@link java.util.ServiceLoader}. */
  public static final class Provider extends SimpleVddProvider {
    /** Called by {@link java.util.ServiceLoader}. */
    public Provider() {
      super(ID, VDma::new, true);
    }
  }
}
