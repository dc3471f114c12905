package dev.mvm.it;

import dev.mvm.api.vdd.IoHandler;
import dev.mvm.api.vdd.Vdd;
import dev.mvm.api.vdd.VddContext;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Time stamps for guest programs: each write to port 320h records the VM's virtual time, in
 * nanoseconds; a host request returns the stamps taken so far, eight bytes each.
 */
final class StampVdd implements Vdd {
  static final int PORT = 0x320;
  private final List<Long> stamps = new ArrayList<>();
  private VddContext context;

  @Override
  public String id() {
    return "STAMP";
  }

  @Override
  public void attach(VddContext ctx) {
    this.context = ctx;
    ctx.ports().claim(PORT, 1, new IoHandler() {
      @Override
      public int inb(int port) {
        return 0xFF;
      }

      @Override
      public void outb(int port, int value) {
        stamps.add(context.clock().nanos());
      }
    });
  }

  @Override
  public byte[] request(int command, byte[] input) {
    ByteBuffer out = ByteBuffer.allocate(8 * stamps.size());
    stamps.forEach(out::putLong);
    return out.array();
  }

  /** Decodes a request's answer. */
  static long[] decode(byte[] answer) {
    ByteBuffer in = ByteBuffer.wrap(answer);
    long[] stamps = new long[answer.length / 8];
    for (int i = 0; i < stamps.length; i++) {
      stamps[i] = in.getLong();
    }
    return stamps;
  }
}
