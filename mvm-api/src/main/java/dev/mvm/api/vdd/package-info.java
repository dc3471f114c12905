/**
 * The Virtual Device Driver SPI: {@link dev.mvm.api.vdd.Vdd} and the helper services of
 * {@link dev.mvm.api.vdd.VddContext} through which a VDD owns ports, interrupts, memory, IRQ
 * lines and timers.
 *
 * <h2>A complete small VDD</h2>
 *
 * A counter at I/O port 0x300: the guest reads the count, writes to reset it; the VDD raises
 * IRQ 5 every millisecond of virtual time and counts the ticks; INT 60h with AH=0 returns the
 * count in AX; and the host can read it with a request.
 *
 * <pre>{@code
 * public final class CounterVdd implements Vdd {
 *   private int ticks;
 *
 *   @Override public String id() { return "COUNTER"; }
 *
 *   @Override public void attach(VddContext ctx) {
 *     IrqLine irq5 = ctx.irq(5);
 *     ctx.clock().every(Duration.ofMillis(1), () -> { ticks++; irq5.pulse(); });
 *     ctx.ports().claim(0x300, 1, new IoHandler() {
 *       @Override public int inb(int port) { return ticks & 0xFF; }
 *       @Override public void outb(int port, int value) { ticks = 0; }
 *     });
 *     ctx.interrupts().hook(0x60, regs -> {
 *       if (regs.ah() != 0) return InterruptHook.Result.PASS;
 *       regs.setAx(ticks);
 *       return InterruptHook.Result.HANDLED;
 *     });
 *   }
 *
 *   @Override public byte[] request(int command, byte[] input) {
 *     if (command != 1) throw new VddException(id(), "unknown command " + command);
 *     return new byte[] {(byte) ticks, (byte) (ticks >>> 8)};
 *   }
 * }
 *
 * // host side
 * try (Vm vm = Vm.builder().vdd(new CounterVdd()).build();
 *      VddChannel counter = vm.openVdd("COUNTER")) {
 *   vm.run(1_000_000);
 *   byte[] count = counter.request(1, new byte[0]);
 * }
 * }</pre>
 *
 * <p>To let {@link java.util.ServiceLoader} find it by id, add a {@link
 * dev.mvm.api.vdd.VddProvider} and {@code provides dev.mvm.api.vdd.VddProvider with ...} in the
 * module descriptor.
 */
@NullMarked
package dev.mvm.api.vdd;

import org.jspecify.annotations.NullMarked;
