package dev.mvm.core.internal;

import dev.mvm.api.Firmware;
import dev.mvm.api.VmConfig;
import dev.mvm.api.cpu.Registers;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Lays out the firmware and the monitor's ROM area.
 *
 * <h2>The built-in BIOS</h2>
 *
 * A 64 KiB ROM at {@code F0000h} (segment {@code F000h}) that the monitor builds; it is also the
 * host-callback area. Its layout keeps the IBM PC/AT entry points that old software and
 * debuggers expect:
 *
 * <pre>
 * F000:0100 .. F000:DFFF  callback stubs, allocated upwards (the first is the guest-call
 *                          continuation), each "0F FF lo hi" plus IRET or RETF
 * F000:E05B               POST: trap(POST); STI; INT 19h; CLI; HLT; JMP back to HLT
 * F000:FF53               IRET, the default handler of every vector nobody hooked
 * F000:FFF0               reset vector: JMP FAR F000:E05B
 * F000:FFF5               the BIOS date, "11/25/26"
 * F000:FFFE               the model byte, FCh (an AT)
 * </pre>
 *
 * <p>Before the VDDs attach, every vector of the interrupt table points at the default
 * {@code IRET}, so a hook's "previous handler" is that {@code IRET}. At every reset, before the
 * VDDs reset, the BIOS points every vector at its newest hook or the default {@code IRET} and
 * stores the conventional memory size in KiB at 40:13h and the equipment word (80x25 colour
 * video) at 40:10h; the VDDs then add their own vectors and equipment bits. The POST proper (a
 * host callback the CPU reaches from the reset vector) sets SS:SP = 0000:7C00 and DS = ES = 0.
 *
 * <p>Then it hands over with {@code INT 19h} (the bootstrap loader), with interrupts enabled.
 * This is the hand-over point for every personality: with {@link
 * dev.mvm.api.Personality#BARE_MACHINE} whatever hooks INT 19h boots (a disk VDD, or the host's
 * own hook); with {@link dev.mvm.api.Personality#DOS} the DOS kernel hooks INT 19h and starts
 * the configured program. The hook starts the guest by setting CS:IP (and SS:SP, DS, ES) to
 * the loaded code and returning {@code HANDLED}: a hook that moves CS:IP does not return to the
 * BIOS. If nothing hooked INT 19h, the default {@code IRET} returns and the machine halts with
 * interrupts disabled ({@link dev.mvm.api.ExitReason#HALTED}).
 *
 * <h2>A BIOS image</h2>
 *
 * The whole image is ROM just below 4 GiB; its last 128 KiB (all of a 64 KiB image) is also
 * writable RAM at the top of the first MiB, initialised with the image, as on QEMU's ISA
 * machine. The CPU starts at F000:FFF0 in that copy. The monitor's callback area is then the 4
 * KiB ROM page at {@code DF000h} (segment {@code DF00h}), just below the largest low copy, at
 * the end of the option-ROM scan area; it never starts with the {@code 55 AA} option-ROM
 * signature, so the firmware's scan passes over it. The firmware owns the interrupt table, so
 * hooks made at attach time are overwritten by its POST unless made again later.
 */
final class FirmwareLoader {
  static final int BIOS_BASE = 0xF0000;
  static final int BIOS_SEGMENT = 0xF000;
  static final int BIOS_SIZE = 0x10000;
  static final int STUBS_FIRST = 0x0100;
  static final int STUBS_LIMIT = 0xE000;
  static final int POST_OFFSET = 0xE05B;
  static final int IRET_OFFSET = 0xFF53;
  static final int RESET_OFFSET = 0xFFF0;

  static final int IMAGE_CALLBACK_BASE = 0xDF000;
  static final int IMAGE_CALLBACK_SIZE = 0x1000;
  static final int LOW_COPY_MAX = 128 * 1024;

  private static final int KIB = 1024;
  private static final int CONVENTIONAL_KIB = 640;
  /** Equipment word: bits 4-5 = 10b, initial video mode 80x25 colour; no drives, no FPU. */
  static final int EQUIPMENT = 0x0020;

  private FirmwareLoader() {}

  /**
   * Maps the firmware and creates the monitor's callback area.
   *
   * @param machine the machine
   * @param memory its memory
   * @param config its configuration
   * @return the callback area
   */
  static Callbacks install(Machine machine, PhysicalMemory memory, VmConfig config) {
    Firmware firmware = config.firmware();
    if (firmware instanceof Firmware.Image image) {
      return installImage(machine, memory, image);
    }
    return installBuiltIn(machine, memory, config);
  }

  private static Callbacks installImage(Machine machine, PhysicalMemory memory, Firmware.Image image) {
    byte[] bytes = image.bytes();
    memory.mapRom((int) ((1L << 32) - bytes.length), bytes);
    int low = Math.min(bytes.length, LOW_COPY_MAX);
    memory.loadShadow(0x100000 - low, Arrays.copyOfRange(bytes, bytes.length - low, bytes.length));
    byte[] rom = new byte[IMAGE_CALLBACK_SIZE];
    Arrays.fill(rom, (byte) 0xFF);
    return new Callbacks(machine, memory, rom, IMAGE_CALLBACK_BASE, 0, IMAGE_CALLBACK_SIZE);
  }

  private static Callbacks installBuiltIn(Machine machine, PhysicalMemory memory, VmConfig config) {
    byte[] rom = new byte[BIOS_SIZE];
    Arrays.fill(rom, (byte) 0xFF);
    Callbacks callbacks =
        new Callbacks(machine, memory, rom, BIOS_BASE, STUBS_FIRST, STUBS_LIMIT);
    callbacks.writeRom(IRET_OFFSET, 0xCF);
    callbacks.writeRom(
        RESET_OFFSET, 0xEA, POST_OFFSET & 0xFF, POST_OFFSET >>> 8, 0x00, BIOS_SEGMENT >>> 8);
    byte[] date = "11/25/26".getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < date.length; i++) {
      callbacks.writeRom(RESET_OFFSET + 5 + i, date[i]);
    }
    callbacks.writeRom(0xFFFE, 0xFC);
    callbacks.onReset(() -> resetTables(memory, callbacks, config));
    int post = callbacks.register(Callbacks.CORE, "POST", () -> post(machine));
    callbacks.trapAt(POST_OFFSET, post);
    // STI; INT 19h; CLI; HLT; JMP short back to the HLT.
    callbacks.writeRom(POST_OFFSET + 4, 0xFB, 0xCD, 0x19, 0xFA, 0xF4, 0xEB, 0xFD);
    callbacks.fillVectorTable(BIOS_SEGMENT, IRET_OFFSET);
    return callbacks;
  }

  /**
   * What the BIOS sets up at every reset before the devices: every vector at its newest hook or
   * the default IRET, the conventional memory size at 40:13h and the equipment word's video
   * bits at 40:10h. VDDs reset after it and add their own vectors and equipment bits.
   */
  private static void resetTables(PhysicalMemory memory, Callbacks callbacks, VmConfig config) {
    callbacks.fillVectorTable(BIOS_SEGMENT, IRET_OFFSET);
    int kib = (int) Math.min(config.memorySize() / KIB, CONVENTIONAL_KIB);
    memory.writeWord(Registers.linear(0x40, 0x13), kib);
    memory.writeWord(Registers.linear(0x40, 0x10), EQUIPMENT);
  }

  /** The POST proper, reached by the CPU: the registers the bootstrap loader starts with. */
  private static void post(Machine machine) {
    Registers r = machine.cpu().registers();
    r.setSs(0);
    r.setSp(0x7C00);
    r.setDs(0);
    r.setEs(0);
    r.setFlags(0x0002);
  }
}
