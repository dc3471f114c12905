package dev.mvm.vdd.std;

import dev.mvm.api.VddException;
import dev.mvm.api.VmProperty;
import dev.mvm.api.vdd.IoHandler;
import dev.mvm.api.vdd.Vdd;
import dev.mvm.api.vdd.VddContext;
import dev.mvm.api.vdd.SimpleVddProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * VDEBUGCON: the debug console ports of emulators, E9h (Bochs) and 402h (QEMU's {@code
 * debugcon}, where SeaBIOS writes its log). Each byte written goes to the stream set with {@link
 * #OUTPUT} and to the {@link DebugConsole} facet. Reading either port returns E9h, which is how
 * guests detect that the console is there.
 */
public final class VDebugCon implements Vdd {

  /** The VDD's id. */
  public static final String ID = "VDEBUGCON";

  /** The host stream that receives the console's bytes (none by default). */
  public static final VmProperty<OutputStream> OUTPUT =
      VmProperty.of("VDEBUGCON.OUTPUT", OutputStream.class, OutputStream.nullOutputStream());

  /** The Bochs port. */
  public static final VmProperty<Integer> PORT_BOCHS =
      VmProperty.of("VDEBUGCON.PORT_BOCHS", Integer.class, 0xE9);

  /** The QEMU port. */
  public static final VmProperty<Integer> PORT_QEMU =
      VmProperty.of("VDEBUGCON.PORT_QEMU", Integer.class, 0x402);

  private final StringBuffer text = new StringBuffer();

  @Override
  public String id() {
    return ID;
  }

  @Override
  public void attach(VddContext context) {
    OutputStream out = context.property(OUTPUT);
    IoHandler console = new IoHandler() {
      @Override
      public int inb(int port) {
        return 0xE9;
      }

      @Override
      public void outb(int port, int value) {
        text.append((char) (value & 0xFF));
        try {
          out.write(value);
          if (value == '\n') {
            out.flush();
          }
        } catch (IOException e) {
          throw new UncheckedIOException(
              new IOException("VDD " + ID + ": cannot write to the host stream", e));
        }
      }
    };
    context.ports().claim(context.property(PORT_BOCHS), 1, console);
    context.ports().claim(context.property(PORT_QEMU), 1, console);
    context.publish(DebugConsole.class, text::toString);
  }

  @Override
  public byte[] request(int command, byte[] input) {
    if (command != 0) {
      throw new VddException(ID, "unknown command " + command + " (0 returns the text)");
    }
    return text.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  /** Makes VDEBUGCON a standard VDD for {@link java.util.ServiceLoader}. */
  public static final class Provider extends SimpleVddProvider {
    /** Called by {@link java.util.ServiceLoader}. */
    public Provider() {
      super(ID, VDebugCon::new, true);
    }
  }
}
