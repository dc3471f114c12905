package dev.mvm.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mvm.api.ExitReason;
import dev.mvm.api.VddException;
import dev.mvm.api.cpu.CpuModel;
import dev.mvm.api.event.VmEvent;
import dev.mvm.api.vdd.InterruptController;
import dev.mvm.api.vdd.InterruptHook;
import dev.mvm.api.vdd.IoHandler;
import dev.mvm.api.vdd.IrqLine;
import dev.mvm.api.vdd.MachineLines;
import dev.mvm.api.vdd.Timer;
import dev.mvm.api.vdd.Vdd;
import dev.mvm.api.vdd.VddContext;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every verb of the testkit, on small VDDs defined here. */
@ExtendWith(VddTestKitExtension.class)
class TestKitTest {

  /**
   * A device with a byte register at 300h, a word register at 302h, a ticker that pulses IRQ 3
   * every 10 ms once port 301h is written, INT 66h that doubles AX, and host requests.
   */
  public static final class Gadget implements Vdd {
    int register;
    int word;
    int ticks;
    boolean broken;
    Timer ticker;

    @Override
    public String id() {
      return "GADGET";
    }

    @Override
    public void attach(VddContext ctx) {
      IrqLine irq3 = ctx.irq(3);
      ctx.ports().claim(0x300, 2, new IoHandler() {
        @Override
        public int inb(int port) {
          return port == 0x300 ? register : ticks;
        }

        @Override
        public void outb(int port, int value) {
          if (port == 0x300) {
            register = value;
            if (value == 0xEE) {
              throw new IllegalStateException("register cannot take EEh");
            }
          } else if (value == 0xFF) {
            broken = true; // the next tick throws
          } else {
            ticker = ctx.clock().every(Duration.ofMillis(10), () -> {
              if (broken) {
                throw new IllegalStateException("ticker broke at tick " + ticks);
              }
              ticks++;
              irq3.pulse();
            });
          }
        }
      });
      ctx.ports().claim(0x302, 2, new IoHandler() {
        @Override
        public int inb(int port) {
          return port == 0x302 ? word & 0xFF : word >>> 8;
        }

        @Override
        public void outb(int port, int value) {
          word = port == 0x302 ? (word & 0xFF00) | value : (word & 0xFF) | value << 8;
        }

        @Override
        public int inw(int port) {
          return word;
        }

        @Override
        public void outw(int port, int value) {
          word = value;
        }
      });
      ctx.interrupts().hook(0x66, regs -> {
        regs.setAx(regs.ax() * 2);
        return InterruptHook.Result.HANDLED;
      });
    }

    @Override
    public byte[] request(int command, byte[] input) {
      if (command == 1) {
        return new byte[] {(byte) ticks};
      }
      throw new VddException(id(), "unknown command " + command);
    }
  }

  /** A one-chip interrupt controller: IRQ n is vector 40h + n, the lowest line first. */
  public static final class TinyPic implements Vdd, InterruptController {
    private int levels;
    private int pending;
    private MachineLines lines;

    @Override
    public String id() {
      return "TINYPIC";
    }

    @Override
    public void attach(VddContext ctx) {
      lines = ctx.machine();
      ctx.provideInterruptController(this);
    }

    @Override
    public void irqLevel(int irq, boolean high) {
      if (high && (levels & 1 << irq) == 0) {
        pending |= 1 << irq;
      }
      levels = high ? levels | 1 << irq : levels & ~(1 << irq);
      lines.setIntr(pending != 0);
    }

    @Override
    public int acknowledge() {
      int irq = Integer.numberOfTrailingZeros(pending);
      pending &= pending - 1;
      lines.setIntr(pending != 0);
      return 0x40 + irq;
    }
  }

  @Test
  void portVerbsReachTheHandlersInEachWidth() {
    try (EmbeddedMachine m = VddTestKit.embed(new Gadget()).start()) {
      assertThat(m.outb(0x300, 0x5A).inb(0x300)).isEqualTo(0x5A);
      m.outw(0x302, 0xBEEF);
      assertThat(m.inw(0x302)).isEqualTo(0xBEEF);
      assertThat(m.inb(0x303)).isEqualTo(0xBE);
      m.outd(0x300, 0x1234_0077);
      assertThat(m.inb(0x300)).as("low byte of the dword").isEqualTo(0x77);
      assertThat(m.inw(0x302)).as("high word of the dword").isEqualTo(0x1234);
      assertThat(m.ind(0x300)).isEqualTo(0x1234_0077 & 0xFFFF00FF);
      assertThat(m.inb(0x3F8)).as("nothing answers: a floating bus").isEqualTo(0xFF);
    }
  }

  @Test
  void memoryPeekAndPoke() {
    try (EmbeddedMachine m = VddTestKit.embed(new Gadget()).memoryKiB(640).start()) {
      m.poke(0x500, 0x34, 0x12, 0xFF);
      assertThat(m.peekw(0x500)).isEqualTo(0x1234);
      assertThat(m.peekb(0x502)).isEqualTo(0xFF);
      assertThat(m.memory().size()).isEqualTo(640 * 1024);
    }
  }

  @Test
  void virtualTimeFiresTimersAndProbesCountPulses() {
    try (EmbeddedMachine m = VddTestKit.embed(new Gadget()).start()) {
      m.outb(0x301, 1);
      m.advance(Duration.ofMillis(35));
      assertThat(m.irq(3).pulses()).isEqualTo(3);
      assertThat(m.irq(3).isRaised()).isFalse();
      assertThat(m.now()).isEqualTo(Duration.ofMillis(35));
      m.irq(3).reset();
      m.advanceToNextEvent();
      assertThat(m.now()).isEqualTo(Duration.ofMillis(40));
      assertThat(m.irq(3).pulses()).isEqualTo(1);
      assertThat(m.inb(0x301)).isEqualTo(4);
      assertThat(m.irq(4).pulses()).isZero();
    }
  }

  @Test
  void theInterruptControllerAnswersTheAcknowledgeCycle() {
    try (EmbeddedMachine m = VddTestKit.embed(new TinyPic(), new Gadget()).start()) {
      assertThat(m.intr()).isFalse();
      m.outb(0x301, 1).advance(Duration.ofMillis(10));
      assertThat(m.intr()).isTrue();
      assertThat(m.acknowledge()).isEqualTo(0x43);
      assertThat(m.intr()).isFalse();
    }
  }

  @Test
  void acknowledgeWithoutAControllerIsAnError() {
    try (EmbeddedMachine m = VddTestKit.embed(new Gadget()).start()) {
      assertThatThrownBy(m::acknowledge).hasMessageContaining("no VDD is the interrupt controller");
    }
  }

  @Test
  void hostRequestsReachTheVddAndItsErrorsReachTheHost() {
    try (EmbeddedMachine m = VddTestKit.embed(new Gadget()).start()) {
      m.outb(0x301, 1).advance(Duration.ofMillis(20));
      assertThat(m.request("GADGET", 1)).containsExactly(2);
      assertThatThrownBy(() -> m.request("GADGET", 7))
          .isInstanceOf(VddException.class)
          .hasMessageContaining("unknown command 7");
    }
  }

  @Test
  void anExceptionInAPortHandlerReachesTheTestThread() {
    try (EmbeddedMachine m = VddTestKit.embed(new Gadget()).start()) {
      assertThatThrownBy(() -> m.outb(0x300, 0xEE))
          .isInstanceOf(VddException.class)
          .hasMessageContaining("GADGET")
          .hasRootCauseMessage("register cannot take EEh");
    }
  }

  @Test
  void anExceptionInATimerReachesTheTestThread() {
    try (EmbeddedMachine m = VddTestKit.embed(new Gadget()).start()) {
      m.outb(0x301, 1).advance(Duration.ofMillis(10)).outb(0x301, 0xFF);
      assertThatThrownBy(() -> m.advance(Duration.ofMillis(10)))
          .isInstanceOf(VddException.class)
          .hasMessageContaining("GADGET")
          .hasRootCauseMessage("ticker broke at tick 1");
    }
  }

  @Test
  void vddsAreFoundByIdThroughServiceLoader() {
    assertThatThrownBy(() -> VddTestKit.embed("NO-SUCH-VDD").start())
        .hasMessageContaining("NO-SUCH-VDD");
  }

  @Test
  void lifecycleEventsAreRecorded() {
    try (EmbeddedMachine m = VddTestKit.embed(new Gadget()).start()) {
      assertThat(m.events()).hasAtLeastOneElementOfType(VmEvent.Created.class);
    }
  }

  @Test
  void aGuestSnippetTalksToTheVddThroughPortsAndAnInterrupt() {
    try (EmbeddedMachine m = VddTestKit.embed(new Gadget()).withCpu(CpuModel.I8086).start()) {
      var status = m.execute("""
              mov  al, 0x42
              mov  dx, 0x300
              out  dx, al          ; the register
              xor  al, al
              in   al, dx
              mov  bl, al
              mov  ax, 21
              int  0x66            ; the VDD doubles AX
              mov  [0x600], ax
          """);
      assertThat(status.reason()).as(status.message()).isEqualTo(ExitReason.HALTED);
      assertThat(m.registers().bl()).isEqualTo(0x42);
      assertThat(m.registers().ax()).isEqualTo(42);
      assertThat(m.peekw(0x600)).isEqualTo(42);
    }
  }

  @Test
  void snippetsNeedACpu() {
    try (EmbeddedMachine m = VddTestKit.embed(new Gadget()).start()) {
      assertThatThrownBy(() -> m.execute("nop")).hasMessageContaining("has no CPU");
    }
  }

  @Test
  void theExtensionInjectsAMachine(@Embed(vdds = Gadget.class) EmbeddedMachine m) {
    m.outb(0x300, 7);
    assertThat(m.inb(0x300)).isEqualTo(7);
    assertThat(m.vm().config().standardVdds()).isFalse();
  }

  @Test
  void aSecondSnippetOnAHaltedMachineIsAClearError() {
    try (EmbeddedMachine m = VddTestKit.embed(new Gadget()).withCpu(CpuModel.I8086).start()) {
      assertThat(m.execute("mov ax, 1").reason()).isEqualTo(ExitReason.HALTED);
      assertThatThrownBy(() -> m.execute("mov ax, 2"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("start a new machine");
    }
  }

  @Test
  void aGuestThatWaitsForeverIsStoppedByTheTimeout() {
    try (EmbeddedMachine m = VddTestKit.embed(new Gadget()).withCpu(CpuModel.I8086)
        .timeout(Duration.ofMillis(200)).start()) {
      // A ticker keeps virtual time moving, but IRQ 3 reaches no interrupt controller.
      var status = m.execute("""
              mov  dx, 0x301
              mov  al, 1
              out  dx, al
              sti
          wait: hlt
              jmp  wait
          """);
      assertThat(status.reason()).isEqualTo(ExitReason.TIMEOUT);
    }
  }
}
