package dev.mvm.core.internal;

import static dev.mvm.core.internal.TestMachines.bare;
import static dev.mvm.core.internal.TestMachines.build;
import static dev.mvm.core.internal.TestMachines.load;
import static dev.mvm.core.internal.TestMachines.vdd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mvm.api.ClockMode;
import dev.mvm.api.ExitReason;
import dev.mvm.api.ExitStatus;
import dev.mvm.api.VddException;
import dev.mvm.api.event.VmEvent;
import dev.mvm.api.vdd.IoHandler;
import dev.mvm.api.vdd.Vdd;
import dev.mvm.api.vdd.VddContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MachineLinesTest {
  private final List<String> log = new ArrayList<>();

  /** A port-92h-like device: bit 1 opens A20, bit 0 resets the machine, bit 7 sends NMI. */
  private final class SystemControl implements Vdd {
    @Override
    public String id() {
      return "SYSCTL";
    }

    @Override
    public void attach(VddContext ctx) {
      ctx.ports()
          .claim(
              0x92,
              1,
              new IoHandler() {
                @Override
                public int inb(int port) {
                  return ctx.machine().isA20() ? 2 : 0;
                }

                @Override
                public void outb(int port, int value) {
                  ctx.machine().setA20((value & 2) != 0);
                  if ((value & 1) != 0) {
                    ctx.machine().reset();
                  }
                  if ((value & 0x80) != 0) {
                    ctx.machine().nmi();
                  }
                }
              });
    }

    @Override
    public void reset() {
      log.add("reset");
    }
  }

  @Test
  void aDeviceOpensA20AndTheCpuSeesTheNewMask() {
    Machine m = build(bare().memoryMiB(2).vdd(new SystemControl()));
    load(m, 0xB0, 0x02, 0xE6, 0x92, 0xE4, 0x92, 0xF4); // MOV AL,2; OUT 92h; IN AL,92h; HLT
    m.run(10);
    assertThat(m.physicalMemory().isA20()).isTrue();
    assertThat(m.registers().al()).isEqualTo(2);
    assertThat(m.physicalMemory().a20Mask()).isEqualTo(-1);
  }

  @Test
  void aResetDuringASliceRestartsTheMachineAtTheResetVector() {
    Machine m = build(bare().vdd(new SystemControl()));
    log.clear();
    m.physicalMemory().setA20(true);
    load(m, 0xB0, 0x01, 0xE6, 0x92, 0xEB, 0xFE); // MOV AL,1; OUT 92h; JMP $
    ExitStatus status = m.run(1000);
    // after the reset the built-in BIOS posts and, with nothing to boot, halts
    assertThat(status.reason()).isEqualTo(ExitReason.HALTED);
    assertThat(log).containsExactly("reset");
    assertThat(m.physicalMemory().isA20()).isFalse();
    assertThat(status.instructions()).isEqualTo(2 + 7);
  }

  @Test
  void nmiRunsVectorTwo() {
    Machine m = build(bare().vdd(new SystemControl()).vdd(new PortLog()));
    m.memory().writeWord(2 * 4, 0x0000);
    m.memory().writeWord(2 * 4 + 2, 0x0200);
    TestMachines.poke(m, 0x2000, 0xB0, 0x77, 0xE6, 0x90, 0xCF); // MOV AL,77h; OUT 90h; IRET
    load(m, 0xB0, 0x80, 0xE6, 0x92, 0xFA, 0xF4); // MOV AL,80h; OUT 92h; CLI; HLT
    assertThat(m.run(100).reason()).isEqualTo(ExitReason.HALTED);
    assertThat(m.registers().al()).isEqualTo(0x77);
  }

  @Test
  void endOfInterruptReachesTheLinesListeners() {
    TestMachines.FakePic pic = new TestMachines.FakePic();
    AtomicReference<VddContext> dev = new AtomicReference<>();
    Machine m =
        build(
            bare()
                .vdd(pic)
                .vdd(
                    vdd(
                        "UART",
                        ctx -> {
                          dev.set(ctx);
                          ctx.irq(4).onEndOfInterrupt(() -> log.add("EOI 4"));
                          ctx.irq(3).onEndOfInterrupt(() -> log.add("EOI 3"));
                        })));
    // vector 0Ch: OUT 20h (EOI); IRET
    m.memory().writeWord(0x0C * 4, 0x0000);
    m.memory().writeWord(0x0C * 4 + 2, 0x0200);
    TestMachines.poke(m, 0x2000, 0xE6, 0x20, 0xCF);
    load(m, 0xFB, 0x90, 0x90, 0xFA, 0xF4); // STI; NOP; NOP; CLI; HLT
    m.post(() -> dev.get().irq(4).raise());
    assertThat(m.run(100).reason()).isEqualTo(ExitReason.HALTED);
    assertThat(log).containsExactly("EOI 4");
    assertThat(m.irqLines().line(4).isRaised()).isTrue();
    assertThat(pic.acknowledged).isEqualTo(1);
  }

  @Test
  void withoutAControllerIrqLinesOnlyRecordTheirLevel() {
    AtomicReference<VddContext> dev = new AtomicReference<>();
    Machine m = new MachineBuilder(bare().vdd(vdd("DEV", dev::set)).toConfig()).withoutCpu().build();
    dev.get().irq(5).raise();
    dev.get().irq(5).raise();
    assertThat(m.irqLines().line(5).isRaised()).isTrue();
    assertThat(m.irqLines().line(5).raiseCount()).isEqualTo(1);
    dev.get().irq(5).lower();
    dev.get().irq(5).pulse();
    assertThat(m.irqLines().line(5).raiseCount()).isEqualTo(2);
    assertThat(m.irqLines().hasController()).isFalse();
  }

  @Test
  void aVddPostsWorkFromAnotherThreadAndItsFailureNamesIt() throws Exception {
    AtomicReference<VddContext> dev = new AtomicReference<>();
    List<VmEvent> events = new CopyOnWriteArrayList<>();
    Machine m = build(bare().listener(events::add).vdd(vdd("KBD", dev::set)));
    load(m, 0xEB, 0xFE);
    var run = m.start();
    int[] ran = new int[1];
    Thread host = new Thread(() -> dev.get().post(() -> ran[0]++));
    host.start();
    host.join();
    m.submit(() -> null).get();
    assertThat(ran[0]).isEqualTo(1);
    dev.get().post(() -> {
      throw new IllegalStateException("bad scan code");
    });
    ExitStatus status = run.await(Duration.ofSeconds(30)).orElseThrow();
    assertThat(status.reason()).isEqualTo(ExitReason.FAULT);
    assertThat(status.cause())
        .isInstanceOf(VddException.class)
        .hasMessageContaining("VDD KBD")
        .hasMessageContaining("bad scan code");
    assertThat(events).contains(new VmEvent.Faulted(status.cause()));
    m.close();
  }

  @Test
  void aHaltIsAnEvent() {
    List<VmEvent> events = new ArrayList<>();
    Machine m = build(bare().listener(events::add));
    load(m, 0xFA, 0xF4);
    ExitStatus status = m.run();
    assertThat(events)
        .containsExactly(new VmEvent.Created(), new VmEvent.Halted(), new VmEvent.RunEnded(status));
  }

  @Test
  void thePacedClockKeepsVirtualTimeBehindWallTime() {
    int[] ticks = new int[1];
    Machine m =
        build(
            bare()
                .clock(ClockMode.PACED)
                .vdd(new TestMachines.FakePic())
                .vdd(
                    vdd(
                        "T",
                        ctx -> {
                          ctx.clock().every(Duration.ofMillis(10), () -> ticks[0]++);
                          ctx.clock()
                              .after(
                                  Duration.ofMillis(105),
                                  () -> ctx.exit(ExitStatus.programExit(0, 0)));
                        })));
    load(m, 0xFB, 0xF4, 0xEB, 0xFD); // STI; HLT; JMP back
    long start = System.nanoTime();
    ExitStatus status = m.run();
    long elapsed = System.nanoTime() - start;
    assertThat(status.reason()).isEqualTo(ExitReason.PROGRAM_EXIT);
    assertThat(ticks[0]).isEqualTo(10);
    // 100 ms of virtual time took at least about that much wall time
    assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(90).toNanos());
  }
}
