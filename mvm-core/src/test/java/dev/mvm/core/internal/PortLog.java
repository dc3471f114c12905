package dev.mvm.core.internal;

import dev.mvm.api.vdd.IoHandler;
import dev.mvm.api.vdd.Vdd;
import dev.mvm.api.vdd.VddContext;
import java.util.ArrayList;
import java.util.List;

/** A VDD that records every byte written to port 90h; reads return 5Ah. */
final class PortLog implements Vdd {
  static final int PORT = 0x90;
  final List<Integer> values = new ArrayList<>();
  final List<Long> times = new ArrayList<>();
  private VddContext ctx;

  @Override
  public String id() {
    return "PORTLOG";
  }

  @Override
  public void attach(VddContext context) {
    this.ctx = context;
    context
        .ports()
        .claim(
            PORT,
            1,
            new IoHandler() {
              @Override
              public int inb(int port) {
                return 0x5A;
              }

              @Override
              public void outb(int port, int value) {
                values.add(value);
                times.add(ctx.clock().nanos());
              }
            });
  }
}
