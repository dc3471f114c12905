package dev.mvm.it;

import dev.mvm.api.VddException;
import dev.mvm.api.vdd.InterruptHook;
import dev.mvm.api.vdd.IoHandler;
import dev.mvm.api.vdd.IrqLine;
import dev.mvm.api.vdd.Vdd;
import dev.mvm.api.vdd.VddContext;
import java.time.Duration;

/**
 * A custom VDD as a user would write one: it claims ports 300h and 301h, hooks INT 60h, arms a
 * periodic timer that raises IRQ 5 through the interrupt controller, and answers host requests
 * with what the guest did.
 */
final class ProbeVdd implements Vdd {
  private int portReads;
  private int serviceCalls;
  private int irqsRaised;
  private int reported = -1;
  private int requests;
  private long nanosAtLastRequest;
  private VddContext context = null;

  @Override
  public String id() {
    return "PROBE";
  }

  @Override
  public void attach(VddContext ctx) {
    this.context = ctx;
    IrqLine irq5 = ctx.irq(5);
    ctx.ports().claim(0x300, 2, new IoHandler() {
      @Override
      public int inb(int port) {
        portReads++;
        return 'P';
      }

      @Override
      public void outb(int port, int value) {
        reported = value;
      }
    });
    ctx.interrupts().hook(0x60, regs -> {
      if (regs.ah() != 0x01) {
        return InterruptHook.Result.PASS;
      }
      serviceCalls++;
      regs.setAl('I');
      return InterruptHook.Result.HANDLED;
    });
    ctx.clock().every(Duration.ofMillis(1), () -> {
      irqsRaised++;
      irq5.pulse();
    });
  }

  @Override
  public byte[] request(int command, byte[] input) {
    requests++;
    nanosAtLastRequest = context.clock().nanos();
    return switch (command) {
      case 1 -> new byte[] {(byte) portReads, (byte) serviceCalls, (byte) reported};
      case 2 -> new byte[] {(byte) (requests >>> 24), (byte) (requests >>> 16),
          (byte) (requests >>> 8), (byte) requests};
      case 3 -> java.nio.ByteBuffer.allocate(8).putLong(nanosAtLastRequest).array();
      default -> throw new VddException(id(), "unknown command " + command);
    };
  }

  int irqsRaised() {
    return irqsRaised;
  }
}
