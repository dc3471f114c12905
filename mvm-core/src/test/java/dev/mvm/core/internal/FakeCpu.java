package dev.mvm.core.internal;

import dev.mvm.api.cpu.Cpu;
import dev.mvm.api.cpu.CpuBus;
import dev.mvm.api.cpu.CpuModel;
import dev.mvm.api.cpu.CpuStop;
import dev.mvm.api.cpu.Flags;
import dev.mvm.api.cpu.Registers;
import java.util.Locale;

/**
 * A tiny real-mode CPU for the monitor's tests: just enough opcodes to drive ports, interrupts,
 * host callbacks and halts.
 *
 * <pre>
 * 90 NOP          F4 HLT          FA CLI          FB STI (one-instruction interrupt shadow)
 * F8 CLC          F9 STC          40 INC AX       B0 ib MOV AL,ib   B4 ib MOV AH,ib
 * B8 iw MOV AX,iw E4 ib IN AL,ib  E5 ib IN AX,ib  E6 ib OUT ib,AL   E7 ib OUT ib,AX
 * CD ib INT ib    CF IRET         CB RETF         9A CALL FAR       EA JMP FAR
 * EB rb JMP short F1 "shutdown"   0F FF lo hi host callback (inside the monitor's ROM only)
 * </pre>
 *
 * Anything else stops with {@link CpuStop#UNSUPPORTED}.
 */
final class FakeCpu implements Cpu {
  private final CpuBus bus;
  private final CpuModel model;
  private final SimpleRegisters r = new SimpleRegisters();
  private final byte[] ram;
  private final byte[] pages;
  private int mask;
  private long instructions;
  private boolean halted;
  private boolean intr;
  private boolean nmi;
  private boolean stop;
  private boolean shadow;
  private String detail;

  FakeCpu(CpuBus bus, CpuModel model) {
    this.bus = bus;
    this.model = model;
    this.ram = bus.ram();
    this.pages = bus.pageFlags();
    reset();
  }

  FakeCpu(CpuBus bus) {
    this(bus, CpuModel.I80286);
  }

  @Override
  public CpuModel model() {
    return model;
  }

  @Override
  public Registers registers() {
    return r;
  }

  @Override
  public void reset() {
    r.setCs(0xF000);
    r.setIp(0xFFF0);
    r.setEflags(0x0002);
    halted = false;
    nmi = false;
    shadow = false;
  }

  @Override
  public CpuStop run(long max) {
    mask = model.addressMask() & bus.addressMask();
    detail = null;
    if (halted) {
      if (stop) {
        stop = false;
        return CpuStop.STOP_REQUESTED;
      }
      if (!nmi && !(intr && r.interruptsEnabled())) {
        return CpuStop.HALTED;
      }
      halted = false;
    }
    for (long n = 0; n < max; n++) {
      if (stop) {
        stop = false;
        return CpuStop.STOP_REQUESTED;
      }
      if (!shadow) {
        if (nmi) {
          nmi = false;
          deliver(2);
        } else if (intr && r.interruptsEnabled()) {
          deliver(bus.acknowledgeInterrupt() & 0xFF);
        }
      }
      shadow = false;
      CpuStop s = step();
      if (s == CpuStop.UNSUPPORTED) {
        return s;
      }
      instructions++;
      if (s != null) {
        return s;
      }
    }
    return CpuStop.BUDGET;
  }

  private CpuStop step() {
    int start = r.ip();
    int op = fetch();
    switch (op) {
      case 0x90:
        return null;
      case 0xF4:
        halted = true;
        return CpuStop.HALTED;
      case 0xFA:
        r.setInterruptsEnabled(false);
        return null;
      case 0xFB:
        r.setInterruptsEnabled(true);
        shadow = true;
        return null;
      case 0xF8:
        r.setCf(false);
        return null;
      case 0xF9:
        r.setCf(true);
        return null;
      case 0x40:
        r.setAx(r.ax() + 1);
        return null;
      case 0xB0:
        r.setAl(fetch());
        return null;
      case 0xB4:
        r.setAh(fetch());
        return null;
      case 0xB8:
        r.setAx(fetch16());
        return null;
      case 0xE4:
        r.setAl(bus.in(fetch(), 1));
        mask = model.addressMask() & bus.addressMask();
        return null;
      case 0xE5:
        r.setAx(bus.in(fetch(), 2));
        mask = model.addressMask() & bus.addressMask();
        return null;
      case 0xE6:
        bus.out(fetch(), 1, r.al());
        mask = model.addressMask() & bus.addressMask();
        return null;
      case 0xE7:
        bus.out(fetch(), 2, r.ax());
        mask = model.addressMask() & bus.addressMask();
        return null;
      case 0xCD:
        deliver(fetch());
        return null;
      case 0xCF:
        r.setIp(pop());
        r.setCs(pop());
        r.setFlags(pop());
        return null;
      case 0xCB:
        r.setIp(pop());
        r.setCs(pop());
        return null;
      case 0x9A: {
        int off = fetch16();
        int seg = fetch16();
        push(r.cs());
        push(r.ip());
        r.setCs(seg);
        r.setIp(off);
        return null;
      }
      case 0xEA: {
        int off = fetch16();
        int seg = fetch16();
        r.setCs(seg);
        r.setIp(off);
        return null;
      }
      case 0xEB: {
        int rel = (byte) fetch();
        r.setIp(r.ip() + rel);
        return null;
      }
      case 0xF1:
        detail = "fake triple fault at " + where(start);
        return CpuStop.SHUTDOWN;
      case 0x0F: {
        int at = Registers.linear(r.cs(), start);
        if (rb(Registers.linear(r.cs(), r.ip())) == 0xFF && bus.isHostCallbackAddress(at)) {
          r.setIp(r.ip() + 1);
          int number = fetch16();
          bus.hostCallback(number);
          mask = model.addressMask() & bus.addressMask();
          return null;
        }
        return unsupported(op, start);
      }
      default:
        return unsupported(op, start);
    }
  }

  private CpuStop unsupported(int op, int start) {
    r.setIp(start);
    detail = String.format(Locale.ROOT, "opcode %02Xh at %s is not supported", op, where(start));
    return CpuStop.UNSUPPORTED;
  }

  private String where(int ip) {
    return String.format(Locale.ROOT, "%04X:%04X", r.cs(), ip);
  }

  private void deliver(int vector) {
    halted = false;
    push(r.flags());
    push(r.cs());
    push(r.ip());
    r.setInterruptsEnabled(false);
    r.setFlag(Flags.TF, false);
    int entry = vector * 4;
    r.setIp(rb(entry) | rb(entry + 1) << 8);
    r.setCs(rb(entry + 2) | rb(entry + 3) << 8);
  }

  private int fetch() {
    int b = rb(Registers.linear(r.cs(), r.ip()));
    r.setIp(r.ip() + 1);
    return b;
  }

  private int fetch16() {
    return fetch() | fetch() << 8;
  }

  private void push(int value) {
    r.setSp(r.sp() - 2);
    int a = Registers.linear(r.ss(), r.sp());
    wb(a, value);
    wb(a + 1, value >>> 8);
  }

  private int pop() {
    int a = Registers.linear(r.ss(), r.sp());
    int v = rb(a) | rb(a + 1) << 8;
    r.setSp(r.sp() + 2);
    return v;
  }

  private int rb(int linear) {
    int a = linear & mask;
    if ((pages[a >>> CpuBus.PAGE_SHIFT] & CpuBus.DIRECT_READ) != 0) {
      return ram[a] & 0xFF;
    }
    return bus.readByte(a) & 0xFF;
  }

  private void wb(int linear, int value) {
    int a = linear & mask;
    if ((pages[a >>> CpuBus.PAGE_SHIFT] & CpuBus.DIRECT_WRITE) != 0) {
      ram[a] = (byte) value;
    } else {
      bus.writeByte(a, value & 0xFF);
    }
  }

  @Override
  public long instructionCount() {
    return instructions;
  }

  @Override
  public void setIntr(boolean asserted) {
    intr = asserted;
  }

  @Override
  public void nmi() {
    nmi = true;
  }

  @Override
  public void requestStop() {
    stop = true;
  }

  @Override
  public boolean isHalted() {
    return halted;
  }

  @Override
  public void interrupt(int vector) {
    mask = model.addressMask() & bus.addressMask();
    deliver(vector);
  }

  @Override
  public String disassemble(int segment, int offset) {
    return String.format(Locale.ROOT, "db %02Xh", rb(Registers.linear(segment, offset)));
  }

  @Override
  public String stopDetail() {
    return detail;
  }
}
