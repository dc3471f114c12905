package dev.mvm.vdd.std;

import dev.mvm.api.Firmware;
import dev.mvm.api.VmProperty;
import dev.mvm.api.cpu.Flags;
import dev.mvm.api.cpu.Registers;
import dev.mvm.api.vdd.InterruptHook;
import dev.mvm.api.vdd.IoHandler;
import dev.mvm.api.vdd.IrqLine;
import dev.mvm.api.vdd.MachineLines;
import dev.mvm.api.vdd.Timer;
import dev.mvm.api.vdd.Vdd;
import dev.mvm.api.vdd.VddContext;
import dev.mvm.api.vdd.SimpleVddProvider;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * VKBD: the AT's keyboard controller (an 8042, {@link Kbc8042}) at ports 60h (data) and 64h
 * (status and command), with an enhanced keyboard ({@link Ps2Keyboard}) on its keyboard port and
 * nothing on its mouse port. The controller drives IRQ 1 (and IRQ 12 for bytes written with D3h),
 * the A20 gate and the CPU's reset line. The host types through the {@link Keyboard} facet.
 *
 * <p>Scan codes arrive in set 1, as an AT's controller delivers them with translation on, which
 * is how every BIOS and DOS program reads them; a guest that turns translation off or selects
 * another set still gets set 1 (the limits of the chip models are in their own comments).
 *
 * <p>With the built-in BIOS it also provides the BIOS's keyboard services, on the data kept in
 * the BIOS data area (see {@link BiosKeyboard}): INT 09h, the IRQ 1 handler, reads port 60h,
 * offers the code to INT 15h AH=4Fh (the keyboard intercept: CF clear on return swallows it, a
 * changed AL replaces it), keeps the shift and lock states, translates the code and stores the
 * key in the type-ahead buffer, handles Ctrl-Alt-Del (warm reset), Ctrl-Break (INT 1Bh), Print
 * Screen (INT 05h) and Alt + keypad digits, and acknowledges the interrupt at port 20h. INT 16h
 * serves functions 00h/10h (wait for a key: the guest idles until an interrupt and the function
 * checks again, so timers and the keyboard go on), 01h/11h (peek, ZF set when none), 02h/12h
 * (shift states), 03h (typematic rate; accepted), 05h (store a key, AL=1 when full) and 0Ah
 * (keyboard id 41ABh). Unknown INT 16h functions return with the registers unchanged, as a real
 * BIOS's do, and are logged once. Not provided: the Pause key's wait loop, SysReq (INT 15h
 * AH=85h), INT 15h AH=91h after each key, and the beep when the buffer is full.
 *
 * <p>Keys from the host wait in a queue and go to the keyboard one at a time, when the
 * controller's output buffer is empty, the keyboard is enabled and, with the built-in BIOS, the
 * type-ahead buffer has room for two more keys (one may still be on its way through INT 09h).
 * While keys wait for room, a 10 ms virtual-time timer looks again, for programs that empty
 * the buffer by hand.
 */
public final class VKbd implements Vdd {

  /** The VDD's id. */
  public static final String ID = "VKBD";

  /** Base port: the data port; the status and command port is base + 4. */
  public static final VmProperty<Integer> BASE = VmProperty.of("VKBD.BASE", Integer.class, 0x60);

  /** The command byte a POST leaves: translation, system flag, keyboard interrupt on. */
  static final int POST_COMMAND_BYTE = 0x45;

  /** How often waiting host keys look for room in a full type-ahead buffer. */
  private static final long RETRY_NANOS = 10_000_000L;

  private static final int STATUS_FLAGS =
      Flags.CF | Flags.PF | Flags.AF | Flags.ZF | Flags.SF | Flags.OF;

  private final Ps2Keyboard keyboard = new Ps2Keyboard(this::keyboardSends);
  private final Kbc8042 kbc = new Kbc8042(new Wiring(), keyboard::receive, b -> {}, false);
  private final ArrayDeque<byte[]> hostKeys = new ArrayDeque<>();
  private final Set<String> logged = new HashSet<>();
  private @Nullable VddContext context;
  private @Nullable BiosKeyboard bios;
  private @Nullable IrqLine irq1;
  private @Nullable IrqLine irq12;
  private @Nullable MachineLines machine;
  private @Nullable Timer retry;
  private int base;
  private volatile int leds;

  @Override
  public String id() {
    return ID;
  }

  @Override
  public void attach(VddContext ctx) {
    this.context = ctx;
    irq1 = ctx.irq(1);
    irq12 = ctx.irq(12);
    machine = ctx.machine();
    base = ctx.property(BASE);
    IoHandler ports = new IoHandler() {
      @Override
      public int inb(int port) {
        int value = kbc.read(port - base);
        feedHostKeys();
        return value;
      }

      @Override
      public void outb(int port, int value) {
        if (!kbc.write(port - base, value)) {
          logOnce("ignores unknown keyboard controller command " + hex(value));
        }
        leds = keyboard.leds();
        feedHostKeys();
      }
    };
    ctx.ports().claim(base, 1, ports);
    ctx.ports().claim(base + 4, 1, ports);
    ctx.publish(Keyboard.class, new HostKeyboard());
    if (ctx.config().firmware() instanceof Firmware.BuiltIn) {
      bios = new BiosKeyboard(ctx.memory());
      ctx.interrupts().hook(0x09, this::int09);
      ctx.interrupts().hook(0x16, this::int16);
    }
  }

  @Override
  public void reset() {
    keyboard.reset();
    BiosKeyboard b = bios;
    kbc.reset(b != null ? POST_COMMAND_BYTE : 0x50);
    if (b != null) {
      b.reset();
    }
    leds = 0;
    feedHostKeys();
  }

  private VddContext ctx() {
    VddContext c = context;
    if (c == null) {
      throw new IllegalStateException("VKBD is not attached");
    }
    return c;
  }

  private void keyboardSends(int value) {
    kbc.fromKeyboard(value);
  }

  private void logOnce(String message) {
    if (logged.add(message)) {
      ctx().logger().log(System.Logger.Level.WARNING, "VDD " + ID + " " + message);
    }
  }

  static String hex(int value) {
    return String.format("%02Xh", value);
  }

  // ---- host keys -----------------------------------------------------------------------------

  /** Hands the next waiting host key to the keyboard when the guest can take it. */
  private void feedHostKeys() {
    if (hostKeys.isEmpty()) {
      return;
    }
    BiosKeyboard b = bios;
    boolean ready = !kbc.outputFull() && !kbc.keyboardPending() && !kbc.keyboardDisabled()
        && keyboard.isEnabled();
    if (ready && (b == null || b.freeSlots() >= 2)) {
      keyboard.keyEvent(hostKeys.remove());
    }
    Timer t = retry;
    if (!hostKeys.isEmpty() && (t == null || !t.isActive())) {
      retry = ctx().clock().after(RETRY_NANOS, this::feedHostKeys);
    }
  }

  private void postKeys(List<byte[]> events) {
    VddContext c = context;
    if (c == null) {
      throw new IllegalStateException("VKBD is not attached to a VM");
    }
    c.post(() -> {
      hostKeys.addAll(events);
      feedHostKeys();
    });
  }

  private static KeyCodes.Key key(String name) {
    KeyCodes.Key k = KeyCodes.byName(name);
    if (k == null) {
      throw new IllegalArgumentException("no key named \"" + name + "\"");
    }
    return k;
  }

  /** The host's side: checks on the caller's thread, delivers on the VM's. */
  private final class HostKeyboard implements Keyboard {
    @Override
    public void press(String name) {
      postKeys(List.of(key(name).make()));
    }

    @Override
    public void release(String name) {
      postKeys(List.of(key(name).release()));
    }

    @Override
    public void tap(String name) {
      KeyCodes.Key k = key(name);
      postKeys(List.of(k.make(), k.release()));
    }

    @Override
    public void type(String text) {
      KeyCodes.Key shift = key(KeyCodes.LSHIFT);
      List<byte[]> events = new ArrayList<>();
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        KeyCodes.Stroke stroke = KeyCodes.forChar(c);
        if (stroke == null) {
          throw new IllegalArgumentException(
              "cannot type character " + String.format("U+%04X", (int) c) + " at index " + i
                  + " on a US keyboard");
        }
        if (stroke.shift()) {
          events.add(shift.make());
        }
        events.add(stroke.key().make());
        events.add(stroke.key().release());
        if (stroke.shift()) {
          events.add(shift.release());
        }
      }
      postKeys(events);
    }

    @Override
    public int leds() {
      return leds;
    }
  }

  // ---- the built-in BIOS ---------------------------------------------------------------------

  private BiosKeyboard bios() {
    BiosKeyboard b = bios;
    if (b == null) {
      throw new IllegalStateException("VKBD provides BIOS services only with the built-in BIOS");
    }
    return b;
  }

  /**
   * INT 09h, IRQ 1. It must leave every register of the interrupted code as it was; it borrows
   * AX and the flags for the INT 15h AH=4Fh call and restores them when that returns.
   */
  private InterruptHook.Result int09(Registers regs) {
    VddContext ctx = ctx();
    int savedEax = regs.eax();
    int savedFlags = regs.flags();
    int code = ctx.ports().in(base, 1);
    regs.setAx(0x4F00 | code);
    regs.setCf(true);
    ctx.guestCalls().interrupt(0x15, after -> {
      boolean keep = after.cf();
      int scan = after.al();
      after.setEax(savedEax);
      after.setFlags((after.flags() & ~STATUS_FLAGS) | (savedFlags & STATUS_FLAGS));
      BiosKeyboard.Action action = keep ? bios().process(scan) : BiosKeyboard.Action.NONE;
      ctx.ports().out(0x20, 1, 0x20); // non-specific EOI to the master PIC
      switch (action) {
        case LEDS -> {
          keyboard.setLeds(ctx.memory().readByte(BiosKeyboard.SEGMENT, BiosKeyboard.LEDS));
          leds = keyboard.leds();
        }
        case BREAK -> ctx.guestCalls().interrupt(0x1B, r -> {});
        case PRINT_SCREEN -> ctx.guestCalls().interrupt(0x05, r -> {});
        case RESET -> {
          // Between instructions, not in the middle of this interrupt's guest calls.
          MachineLines m = machine;
          if (m != null) {
            ctx.clock().after(0, m::reset);
          }
        }
        case NONE -> {}
      }
      feedHostKeys();
    });
    return InterruptHook.Result.HANDLED;
  }

  /** INT 16h, the keyboard services. */
  private InterruptHook.Result int16(Registers regs) {
    BiosKeyboard b = bios();
    int function = regs.ah();
    switch (function) {
      case 0x00, 0x10 -> readKey(regs, function == 0x10);
      case 0x01, 0x11 -> {
        int key = b.nextKey(function == 0x11);
        regs.setZf(key < 0);
        if (key >= 0) {
          regs.setAx(key);
        }
        feedHostKeys();
      }
      case 0x02 -> regs.setAl(ctx().memory().readByte(BiosKeyboard.SEGMENT, BiosKeyboard.FLAGS1));
      case 0x12 -> regs.setAx(b.extendedShiftStatus());
      case 0x03 -> {
        if (regs.al() == 0x05) { // BH = delay (0-3), BL = rate (0-1Fh)
          keyboard.setTypematic((regs.bh() & 3) << 5 | (regs.bl() & 0x1F));
        } else if (regs.al() == 0x06) {
          regs.setBh(keyboard.typematic() >>> 5);
          regs.setBl(keyboard.typematic() & 0x1F);
        }
      }
      case 0x05 -> regs.setAl(b.store(regs.cx()) ? 0 : 1);
      case 0x0A -> regs.setBx(0x41AB); // an MF2 keyboard, with translation
      default -> logOnce("has no INT 16h function AH=" + hex(function));
    }
    return InterruptHook.Result.HANDLED;
  }

  /** Functions 00h/10h: take a key, or let the guest idle until an interrupt and look again. */
  private void readKey(Registers regs, boolean enhanced) {
    BiosKeyboard b = bios();
    int key = b.nextKey(enhanced);
    if (key >= 0) {
      b.remove();
      regs.setAx(key);
      feedHostKeys();
      return;
    }
    ctx().guestCalls().idle(after -> readKey(after, enhanced));
  }

  /** The controller's lines, wired to the machine. */
  private final class Wiring implements Kbc8042.Lines {
    @Override
    public void irq1(boolean high) {
      drive(irq1, high);
    }

    @Override
    public void irq12(boolean high) {
      drive(irq12, high);
    }

    private void drive(@Nullable IrqLine line, boolean high) {
      if (line == null) {
        return;
      }
      if (high) {
        line.raise();
      } else {
        line.lower();
      }
    }

    @Override
    public void setA20(boolean enabled) {
      MachineLines m = machine;
      if (m != null) {
        m.setA20(enabled);
      }
    }

    @Override
    public boolean isA20() {
      MachineLines m = machine;
      return m != null && m.isA20();
    }

    @Override
    public void reset() {
      MachineLines m = machine;
      if (m != null) {
        m.reset();
      }
    }
  }

  /** Makes VKBD a standard VDD for {@link java.util.ServiceLoader}. */
  public static final class Provider extends SimpleVddProvider {
    /** Called by {@link java.util.ServiceLoader}. */
    public Provider() {
      super(ID, VKbd::new, true);
    }
  }
}
