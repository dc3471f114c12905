package dev.mvm.vdd.std;

import dev.mvm.api.Firmware;
import dev.mvm.api.VmProperty;
import dev.mvm.api.event.VmEvent;
import dev.mvm.api.vdd.InterruptHook;
import dev.mvm.api.vdd.IoHandler;
import dev.mvm.api.vdd.MemoryHandler;
import dev.mvm.api.vdd.Vdd;
import dev.mvm.api.vdd.VddContext;
import dev.mvm.api.vdd.SimpleVddProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * VVIDEO: an IBM VGA with 256 KiB of video memory. The card ({@link VgaCard}) answers at its
 * fixed ports (CRTC at 3B4h/3B5h or 3D4h/3D5h as the miscellaneous output register selects,
 * input status 1 at 3BAh or 3DAh, the sequencer, graphics and attribute controllers, DAC and
 * miscellaneous output at 3C0h&ndash;3CFh) and its memory window at A0000h&ndash;BFFFFh; the
 * vertical retrace and display-enable bits follow the virtual clock at 70 frames a second.
 *
 * <p>With the built-in BIOS it also provides the video BIOS ({@link VgaBios}): INT 10h, the
 * video variables of the BIOS data area, and a video ROM at C0000h with the 8&times;8,
 * 8&times;14 and 8&times;16 code page 437 fonts, which INT 10h function 1130h points to. A reset
 * sets mode 3 (80&times;25 text). With a BIOS image the card powers on unprogrammed and no INT
 * 10h is installed: a real VGA's own option ROM would be needed, which is left out.
 *
 * <p>The host sees the display through the {@link Screen} it publishes: a frame is copied from
 * the card on the VM's thread once per virtual frame while the picture changes, at the end of
 * each run and on request, and is rendered on the host's thread.
 */
public final class VVideo implements Vdd {

  /** The VDD's id. */
  public static final String ID = "VVIDEO";

  /** Frames a second of the display, which pace input status 1 and the host's snapshots. */
  public static final VmProperty<Integer> REFRESH_HZ =
      VmProperty.of("VVIDEO.REFRESH_HZ", Integer.class, 70);

  private static final int WINDOW = 0xA0000;
  private static final int WINDOW_SIZE = 0x20000;

  private final VgaCard card = new VgaCard();
  private final List<Consumer<Screen.Frame>> listeners = new CopyOnWriteArrayList<>();
  private final Object frameMonitor = new Object();
  private volatile Screen.Frame latest = new Screen.Frame(0, -1, card.snapshot());
  private long version;
  private @Nullable VddContext context;
  private @Nullable VgaBios bios;

  @Override
  public String id() {
    return ID;
  }

  @Override
  public void attach(VddContext ctx) {
    this.context = ctx;
    int hz = ctx.property(REFRESH_HZ);
    if (hz <= 0) {
      throw new IllegalArgumentException("VVIDEO.REFRESH_HZ must be positive: " + hz);
    }
    card.frameNanos = 1_000_000_000L / hz;
    IoHandler ports = new IoHandler() {
      @Override
      public int inb(int port) {
        return card.in(port, ctx.clock().nanos());
      }

      @Override
      public void outb(int port, int value) {
        card.out(port, value);
      }
    };
    // Only the VGA's own ports: 3BCh-3BEh and 3D8h-3D9h stay free for a parallel port or a CGA.
    ctx.ports().claim(0x3B4, 2, ports);
    ctx.ports().claim(0x3BA, 1, ports);
    ctx.ports().claim(0x3C0, 16, ports);
    ctx.ports().claim(0x3D4, 2, ports);
    ctx.ports().claim(0x3DA, 1, ports);
    ctx.memoryMap().mapDevice(WINDOW, WINDOW_SIZE, new MemoryHandler() {
      @Override
      public int readByte(int address) {
        return card.read(address - WINDOW);
      }

      @Override
      public void writeByte(int address, int value) {
        card.write(address - WINDOW, value);
      }
    });
    if (ctx.config().firmware() instanceof Firmware.BuiltIn) {
      byte[] font8 = font("cp437-8x8.bin", 8);
      byte[] font14 = font("cp437-8x14.bin", 14);
      byte[] font16 = font("cp437-8x16.bin", 16);
      ctx.memoryMap().mapRom(VgaBios.ROM_SEGMENT << 4, VgaBios.rom(font8, font14, font16));
      VgaBios b = new VgaBios(card, ctx.memory(), font8, font14, font16, this::beep);
      bios = b;
      ctx.interrupts().hook(0x10, regs -> {
        b.int10(regs);
        return InterruptHook.Result.HANDLED;
      });
    }
    ctx.clock().every(card.frameNanos, () -> {
      if (card.dirty) {
        publish();
      }
    });
    ctx.addListener(event -> {
      if (event instanceof VmEvent.RunEnded && card.dirty) {
        publish();
      }
    });
    ctx.publish(Screen.class, new HostScreen(ctx));
  }

  @Override
  public void reset() {
    card.reset();
    VgaBios b = bios;
    if (b != null) {
      b.powerOn();
    }
    publish();
  }

  private VddContext ctx() {
    VddContext c = context;
    if (c == null) {
      throw new IllegalStateException("VVIDEO is not attached");
    }
    return c;
  }

  /** Copies the card for the host. On the VM's thread. */
  private void publish() {
    card.dirty = false;
    int mode = bios != null ? ctx().memory().readByte(0x449) : -1;
    Screen.Frame frame = new Screen.Frame(++version, mode, card.snapshot());
    synchronized (frameMonitor) {
      latest = frame;
      frameMonitor.notifyAll();
    }
    for (Consumer<Screen.Frame> listener : listeners) {
      listener.accept(frame);
    }
  }

  /** BEL: a quarter second of 1 kHz on the speaker, through timer channel 2 and port 61h. */
  private void beep() {
    VddContext ctx = ctx();
    ctx.ports().out(0x43, 1, 0xB6);
    ctx.ports().out(0x42, 1, 1193 & 0xFF);
    ctx.ports().out(0x42, 1, 1193 >>> 8);
    ctx.ports().out(0x61, 1, ctx.ports().in(0x61, 1) | 0x03);
    ctx.clock().after(Duration.ofMillis(250),
        () -> ctx.ports().out(0x61, 1, ctx.ports().in(0x61, 1) & ~0x03));
  }

  private static byte[] font(String name, int height) {
    try (InputStream in = VVideo.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("font resource " + name + " is missing");
      }
      byte[] glyphs = in.readAllBytes();
      if (glyphs.length != 256 * height) {
        throw new IllegalStateException(
            "font resource " + name + " has " + glyphs.length + " bytes, not " + 256 * height);
      }
      return glyphs;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read font resource " + name, e);
    }
  }

  /**
   * The host's side: it reads only {@link #latest}, which the VM's thread replaces whole, and
   * hands everything else to the VM's thread.
   */
  private final class HostScreen implements Screen {
    /** Kept here, final, so that host threads see it without reading the VDD's fields. */
    private final VddContext vm;

    HostScreen(VddContext vm) {
      this.vm = vm;
    }

    @Override
    public Frame frame() {
      return latest;
    }

    @Override
    public CompletableFuture<Frame> capture() {
      CompletableFuture<Frame> future = new CompletableFuture<>();
      vm.post(() -> {
        try {
          publish();
          future.complete(latest);
        } catch (RuntimeException e) {
          future.completeExceptionally(e);
          throw e;
        }
      });
      return future;
    }

    @Override
    public void addListener(Consumer<Frame> listener) {
      listeners.add(listener);
    }

    @Override
    public void removeListener(Consumer<Frame> listener) {
      listeners.remove(listener);
    }

    @Override
    public Frame awaitText(String text, Duration timeout)
        throws TimeoutException, InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      synchronized (frameMonitor) {
        while (true) {
          Frame frame = latest;
          if (frame.contains(text)) {
            return frame;
          }
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            throw new TimeoutException("the screen did not show \"" + text + "\" within "
                + timeout + "; it shows:\n" + frame.text());
          }
          TimeUnit.NANOSECONDS.timedWait(frameMonitor, left);
        }
      }
    }
  }

  /** Makes VVIDEO a standard VDD for {@link java.util.ServiceLoader}. */
  public static final class Provider extends SimpleVddProvider {
    /** Called by {@link java.util.ServiceLoader}. */
    public Provider() {
      super(ID, VVideo::new, true);
    }
  }
}
