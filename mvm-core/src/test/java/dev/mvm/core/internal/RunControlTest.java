package dev.mvm.core.internal;

import static dev.mvm.core.internal.TestMachines.bare;
import static dev.mvm.core.internal.TestMachines.build;
import static dev.mvm.core.internal.TestMachines.load;
import static dev.mvm.core.internal.TestMachines.vdd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mvm.api.ExitReason;
import dev.mvm.api.ExitStatus;
import dev.mvm.api.VddChannel;
import dev.mvm.api.VddException;
import dev.mvm.api.VmExecution;
import dev.mvm.api.VmStateException;
import dev.mvm.api.event.VmEvent;
import dev.mvm.api.vdd.IoHandler;
import dev.mvm.api.vdd.Vdd;
import dev.mvm.api.vdd.VddContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RunControlTest {
  private static final Duration LONG = Duration.ofSeconds(30);

  /** A VDD that counts requests, echoes them, and fails command 99. */
  static final class Counter implements Vdd {
    int requests;
    Thread lastThread;

    @Override
    public String id() {
      return "COUNTER";
    }

    @Override
    public void attach(VddContext context) {}

    @Override
    public byte[] request(int command, byte[] input) {
      lastThread = Thread.currentThread();
      if (command == 99) {
        throw new IllegalArgumentException("command 99 is not known");
      }
      requests++;
      return new byte[] {(byte) requests, (byte) input.length};
    }
  }

  private static Machine spinning(dev.mvm.api.VmBuilder builder) {
    Machine m = build(builder);
    load(m, 0xEB, 0xFE); // JMP $
    return m;
  }

  @Test
  void aBudgetEndsTheRunAndTheVmCanGoOn() {
    Machine m = spinning(bare());
    ExitStatus first = m.run(1000);
    assertThat(first.reason()).isEqualTo(ExitReason.BUDGET_EXHAUSTED);
    assertThat(first.instructions()).isEqualTo(1000);
    assertThat(m.run(1000).instructions()).isEqualTo(2000);
    assertThat(m.step().reason()).isEqualTo(ExitReason.BUDGET_EXHAUSTED);
    assertThat(m.instructionCount()).isEqualTo(2001);
    assertThatThrownBy(() -> m.run(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theConfiguredBudgetLimitsEveryRun() {
    Machine m = spinning(bare().instructionBudget(50_000));
    ExitStatus status = m.run();
    assertThat(status.reason()).isEqualTo(ExitReason.BUDGET_EXHAUSTED);
    assertThat(status.instructions()).isEqualTo(50_000);
  }

  @Test
  void theConfiguredTimeoutEndsARunThatNeverStops() {
    Machine m = spinning(bare().timeout(Duration.ofMillis(100)));
    ExitStatus status = m.run();
    assertThat(status.reason()).isEqualTo(ExitReason.TIMEOUT);
    assertThat(status.isTerminal()).isFalse();
  }

  @Test
  void aStartedVmStopsOnRequest() throws Exception {
    List<VmEvent> events = new CopyOnWriteArrayList<>();
    Machine m = spinning(bare().name("spinner").listener(events::add));
    AtomicReference<String> threadName = new AtomicReference<>();
    VmExecution run = m.start();
    assertThatThrownBy(m::start).isInstanceOf(VmStateException.class);
    assertThatThrownBy(() -> m.run(10)).isInstanceOf(VmStateException.class);
    m.submit(() -> {
      threadName.set(Thread.currentThread().getName());
      return null;
    }).get(30, TimeUnit.SECONDS);
    assertThat(threadName.get()).isEqualTo("spinner");
    assertThat(run.isDone()).isFalse();
    run.stop();
    ExitStatus status = run.await(LONG).orElseThrow();
    assertThat(status.reason()).isEqualTo(ExitReason.STOPPED);
    assertThat(run.isDone()).isTrue();
    assertThat(run.completion().get()).isEqualTo(status);
    assertThat(events).contains(new VmEvent.Created(), new VmEvent.RunEnded(status));
    // a stopped VM can run again, on the caller's thread
    assertThat(m.run(10).reason()).isEqualTo(ExitReason.BUDGET_EXHAUSTED);
    m.close();
    m.close();
    assertThatThrownBy(() -> m.run(10)).isInstanceOf(VmStateException.class);
  }

  @Test
  void pauseResumeAndRequestsFromAnotherThreadNeitherDeadlockNorLoseWork() throws Exception {
    Counter counter = new Counter();
    Machine m = spinning(bare().vdd(counter));
    int[] posted = new int[1];
    VmExecution run = m.start();
    List<CompletableFuture<byte[]>> pending = new ArrayList<>();
    int sync = 0;
    try (VddChannel channel = m.openVdd("COUNTER")) {
      for (int i = 0; i < 10_000; i++) {
        run.pause();
        assertThat(run.isPaused()).isTrue();
        channel.request(1, new byte[3]);
        sync++;
        m.post(() -> posted[0]++);
        run.resume();
        pending.add(channel.requestAsync(2, new byte[0]));
        if (i % 100 == 0) {
          channel.request(3, new byte[0]);
          sync++;
        }
      }
    }
    run.stop();
    ExitStatus status = run.await(LONG).orElseThrow();
    assertThat(status.reason()).isEqualTo(ExitReason.STOPPED);
    for (CompletableFuture<byte[]> f : pending) {
      assertThat(f.get(30, TimeUnit.SECONDS)).hasSize(2);
    }
    assertThat(counter.requests).isEqualTo(sync + pending.size());
    assertThat(posted[0]).isEqualTo(10_000);
    assertThat(counter.lastThread.getName()).isEqualTo("test");
    m.close();
  }

  @Test
  void aFailingRequestFailsOnlyThatRequest() throws Exception {
    Counter counter = new Counter();
    Machine m = spinning(bare().vdd(counter));
    VmExecution run = m.start();
    VddChannel channel = m.openVdd("COUNTER");
    assertThatThrownBy(() -> channel.request(99, new byte[0]))
        .isInstanceOf(VddException.class)
        .hasMessageContaining("VDD COUNTER")
        .hasMessageContaining("command 99 is not known");
    CompletableFuture<byte[]> async = channel.requestAsync(99, new byte[0]);
    assertThatThrownBy(() -> async.get(30, TimeUnit.SECONDS))
        .hasCauseInstanceOf(VddException.class);
    assertThat(channel.request(1, new byte[0])).containsExactly(1, 0);
    assertThat(run.isDone()).isFalse();
    run.stop();
    assertThat(run.await(LONG).orElseThrow().reason()).isEqualTo(ExitReason.STOPPED);
    channel.close();
    assertThatThrownBy(() -> channel.request(1, new byte[0]))
        .isInstanceOf(VddException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> m.openVdd("NOPE")).isInstanceOf(VddException.class);
    m.close();
  }

  @Test
  void whenTheVmIsNotRunningTasksAndRequestsRunOnTheCallersThread() throws Exception {
    Counter counter = new Counter();
    Machine m = spinning(bare().vdd(counter));
    Thread[] ran = new Thread[1];
    m.post(() -> ran[0] = Thread.currentThread());
    assertThat(ran[0]).isSameAs(Thread.currentThread());
    assertThat(m.submit(() -> 42).get()).isEqualTo(42);
    m.openVdd("COUNTER").request(1, new byte[0]);
    assertThat(counter.lastThread).isSameAs(Thread.currentThread());
    assertThatThrownBy(() -> m.post(() -> {
      throw new IllegalStateException("task failed");
    })).hasMessageContaining("task failed");
    m.close();
    assertThatThrownBy(() -> m.post(() -> {})).isInstanceOf(VmStateException.class);
    assertThatThrownBy(() -> m.submit(() -> 1).get()).hasCauseInstanceOf(VmStateException.class);
  }

  @Test
  void aVddThatThrowsFromAPortFaultsTheVmAndNamesIt() throws Exception {
    List<VmEvent> events = new CopyOnWriteArrayList<>();
    Machine m =
        build(
            bare()
                .listener(events::add)
                .vdd(
                    vdd(
                        "VCOM",
                        ctx ->
                            ctx.ports()
                                .claim(
                                    0xF8,
                                    8,
                                    new IoHandler() {
                                      @Override
                                      public int inb(int port) {
                                        return 0;
                                      }

                                      @Override
                                      public void outb(int port, int value) {
                                        throw new IndexOutOfBoundsException("FIFO index 17");
                                      }
                                    }))));
    load(m, 0xB0, 0x41, 0xE6, 0xF8, 0xEB, 0xFE); // MOV AL,41h; OUT F8h,AL; JMP $
    ExitStatus status = m.start().await(LONG).orElseThrow();
    assertThat(status.reason()).isEqualTo(ExitReason.FAULT);
    assertThat(status.cause())
        .isInstanceOf(VddException.class)
        .hasMessageContaining("VDD VCOM")
        .hasMessageContaining("OUT to port 00F8h")
        .hasRootCauseInstanceOf(IndexOutOfBoundsException.class);
    assertThat(events).contains(new VmEvent.Faulted(status.cause()), new VmEvent.RunEnded(status));
    m.close();
  }

  @Test
  void aVddThatThrowsFromAGuestPortAccessFaultsTheVm() {
    Machine m =
        build(
            bare()
                .vdd(
                    vdd(
                        "BAD",
                        ctx ->
                            ctx.ports()
                                .claim(
                                    0x90,
                                    1,
                                    new IoHandler() {
                                      @Override
                                      public int inb(int port) {
                                        throw new IllegalStateException("no data");
                                      }

                                      @Override
                                      public void outb(int port, int value) {}
                                    }))));
    load(m, 0xE4, 0x90, 0xF4); // IN AL,90h; HLT
    ExitStatus status = m.run(10);
    assertThat(status.reason()).isEqualTo(ExitReason.FAULT);
    assertThat(status.cause()).isInstanceOf(VddException.class).hasMessageContaining("VDD BAD");
    assertThat(((VddException) status.cause()).vddId()).isEqualTo("BAD");
  }

  @Test
  void aVddEndsTheRunWithAStatus() {
    Machine m =
        build(
            bare()
                .vdd(
                    vdd(
                        "DOS",
                        ctx ->
                            ctx.ports()
                                .claim(
                                    0x90,
                                    1,
                                    new IoHandler() {
                                      @Override
                                      public int inb(int port) {
                                        return 0;
                                      }

                                      @Override
                                      public void outb(int port, int value) {
                                        ctx.exit(ExitStatus.programExit(value, 0));
                                      }
                                    }))));
    load(m, 0xB0, 0x03, 0xE6, 0x90, 0xEB, 0xFE); // MOV AL,3; OUT 90h,AL; JMP $
    ExitStatus status = m.run(1_000_000);
    assertThat(status.reason()).isEqualTo(ExitReason.PROGRAM_EXIT);
    assertThat(status.exitCode()).isEqualTo(3);
    assertThat(m.instructionCount()).isEqualTo(2);
  }

  @Test
  void unsupportedInstructionsFaultAndShutdownsAreReported() {
    Machine m = build(bare());
    load(m, 0x90, 0x62); // NOP; BOUND (not in the fake CPU)
    ExitStatus status = m.run(10);
    assertThat(status.reason()).isEqualTo(ExitReason.FAULT);
    assertThat(status.message()).contains("62h").contains("0100:0001");
    Machine s = build(bare());
    load(s, 0xF1);
    ExitStatus shutdown = s.run(10);
    assertThat(shutdown.reason()).isEqualTo(ExitReason.SHUTDOWN);
    assertThat(shutdown.message()).contains("triple fault");
  }

  @Test
  void aThrowingListenerFaultsTheRun() {
    Machine m = spinning(bare());
    m.addListener(e -> {
      if (e instanceof VmEvent.RunEnded) {
        throw new IllegalStateException("listener bug");
      }
    });
    ExitStatus status = m.run(10);
    assertThat(status.reason()).isEqualTo(ExitReason.FAULT);
    assertThat(status.cause()).hasMessageContaining("listener bug");
  }

  @Test
  void publishedFacetsAreFoundByType() {
    Machine m =
        build(bare().vdd(vdd("SCREEN", ctx -> ctx.publish(CharSequence.class, "80x25"))));
    assertThat(m.device(CharSequence.class)).contains("80x25");
    assertThat(m.device(Runnable.class)).isEmpty();
  }

  @Test
  void aPausedVmServesRequestsAndAwaitTimesOut() throws Exception {
    Counter counter = new Counter();
    Machine m = spinning(bare().vdd(counter));
    VmExecution run = m.start();
    run.pause();
    long count = m.submit(m::instructionCount).get(30, TimeUnit.SECONDS);
    assertThat(m.openVdd("COUNTER").request(1, new byte[0])).containsExactly(1, 0);
    assertThat(m.submit(m::instructionCount).get(30, TimeUnit.SECONDS)).isEqualTo(count);
    assertThat(run.await(Duration.ofMillis(10))).isEmpty();
    run.resume();
    assertThat(run.isPaused()).isFalse();
    m.close(); // stops the run
    assertThat(run.isDone()).isTrue();
    assertThat(run.await().reason()).isEqualTo(ExitReason.STOPPED);
  }

  @Test
  void closeDetachesTheVddsInReverseOrderOnce() throws Exception {
    List<String> detached = new ArrayList<>();
    class Detaching implements Vdd {
      private final String id;

      Detaching(String id) {
        this.id = id;
      }

      @Override
      public String id() {
        return id;
      }

      @Override
      public void attach(VddContext context) {}

      @Override
      public void detach() {
        detached.add(id);
      }
    }
    Machine m = spinning(bare().vdd(new Detaching("FIRST")).vdd(new Detaching("SECOND")));
    VmExecution run = m.start();
    VddChannel channel = m.openVdd("FIRST");
    m.close();
    m.close();
    assertThat(detached).containsExactly("SECOND", "FIRST");
    assertThat(run.await().reason()).isEqualTo(ExitReason.STOPPED);
    assertThatThrownBy(() -> channel.request(1, new byte[0]))
        .isInstanceOf(VddException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(m::start).isInstanceOf(VmStateException.class);
  }

  @Test
  void theVmCannotBeRunOrClosedFromItsOwnCallbacks() {
    Machine m = spinning(bare());
    m.post(() -> assertThatThrownBy(() -> m.run(1)).isInstanceOf(VmStateException.class));
    m.post(() -> assertThatThrownBy(m::close).isInstanceOf(VmStateException.class));
    assertThat(m.run(5).reason()).isEqualTo(ExitReason.BUDGET_EXHAUSTED);
  }

  @Test
  void closeStopsARunOnAnotherCallersThread() throws Exception {
    java.util.concurrent.CountDownLatch running = new java.util.concurrent.CountDownLatch(1);
    Machine m = spinning(bare().vdd(vdd("T", ctx -> ctx.clock().after(1000, running::countDown))));
    CompletableFuture<ExitStatus> run = CompletableFuture.supplyAsync(m::run);
    // the timer fires only inside the run
    assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
    m.close();
    ExitStatus status = run.get(30, TimeUnit.SECONDS);
    assertThat(status.reason()).isEqualTo(ExitReason.STOPPED);
    assertThat(status.message()).contains("closing");
  }
}
