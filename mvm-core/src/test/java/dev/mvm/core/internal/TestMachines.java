package dev.mvm.core.internal;

import dev.mvm.api.Personality;
import dev.mvm.api.Vm;
import dev.mvm.api.VmBuilder;
import dev.mvm.api.cpu.Registers;
import dev.mvm.api.vdd.InterruptController;
import dev.mvm.api.vdd.Vdd;
import dev.mvm.api.vdd.VddContext;
import java.util.function.Consumer;

/** Builds machines with the fake CPU for the monitor's tests. */
final class TestMachines {
  /** Where test programs are loaded: 0100:0000. */
  static final int CODE_SEGMENT = 0x0100;

  private TestMachines() {}

  /**
   * @return a bare machine's builder: no standard VDDs, 1 MiB
   */
  static VmBuilder bare() {
    return Vm.builder()
        .standardVdds(false)
        .personality(Personality.BARE_MACHINE)
        .memoryKiB(1024)
        .name("test");
  }

  static Machine build(VmBuilder builder) {
    return new MachineBuilder(builder.toConfig()).cpu(FakeCpu::new).build();
  }

  /** Loads code at 0100:0000, sets SS:SP = 0000:8000 and CS:IP to the code, IF clear. */
  static void load(Machine m, int... code) {
    byte[] bytes = new byte[code.length];
    for (int i = 0; i < code.length; i++) {
      bytes[i] = (byte) code[i];
    }
    m.memory().write(Registers.linear(CODE_SEGMENT, 0), bytes);
    Registers r = m.registers();
    r.setCs(CODE_SEGMENT);
    r.setIp(0);
    r.setSs(0);
    r.setSp(0x8000);
    r.setFlags(0x0002);
  }

  /** Writes code at a physical address. */
  static void poke(Machine m, int address, int... code) {
    for (int i = 0; i < code.length; i++) {
      m.memory().writeByte(address + i, code[i]);
    }
  }

  /** A VDD whose attach is a lambda. */
  static Vdd vdd(String id, Consumer<VddContext> attach) {
    return new Vdd() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public void attach(VddContext context) {
        attach.accept(context);
      }
    };
  }

  /**
   * A minimal interrupt controller: IRQ n -> vector 8 + n, lowest number first; INTR follows
   * the pending requests; an OUT to port 20h is an end of interrupt for the line in service.
   */
  static final class FakePic implements Vdd, InterruptController {
    private VddContext ctx;
    private int pending;
    private int inService = -1;
    int acknowledged;

    @Override
    public String id() {
      return "FAKEPIC";
    }

    @Override
    public void attach(VddContext context) {
      this.ctx = context;
      context.provideInterruptController(this);
      context.ports().claim(0x20, 1, new dev.mvm.api.vdd.IoHandler() {
        @Override
        public int inb(int port) {
          return pending;
        }

        @Override
        public void outb(int port, int value) {
          int irq = inService;
          inService = -1;
          if (irq >= 0) {
            ctx.machine().endOfInterrupt(irq);
          }
          update();
        }
      });
    }

    @Override
    public void irqLevel(int irq, boolean high) {
      if (high) {
        pending |= 1 << irq;
        update();
      }
    }

    @Override
    public int acknowledge() {
      int irq = Integer.numberOfTrailingZeros(pending);
      pending &= ~(1 << irq);
      inService = irq;
      acknowledged++;
      update();
      return 8 + irq;
    }

    private void update() {
      ctx.machine().setIntr(pending != 0 && inService < 0);
    }
  }
}
