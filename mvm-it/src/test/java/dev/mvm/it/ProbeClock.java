package dev.mvm.it;

import dev.mvm.api.vdd.Vdd;
import dev.mvm.api.vdd.VddContext;
import java.nio.ByteBuffer;

/** Tells the host the VM's virtual time: a request returns the clock's nanoseconds. */
final class ProbeClock implements Vdd {
  private VddContext context;

  @Override
  public String id() {
    return "CLOCK";
  }

  @Override
  public void attach(VddContext ctx) {
    this.context = ctx;
  }

  @Override
  public byte[] request(int command, byte[] input) {
    return ByteBuffer.allocate(8).putLong(context.clock().nanos()).array();
  }
}
