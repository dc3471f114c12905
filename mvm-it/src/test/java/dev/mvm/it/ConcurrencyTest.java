package dev.mvm.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvm.api.ExitReason;
import dev.mvm.api.ExitStatus;
import dev.mvm.api.Vm;
import dev.mvm.api.VddChannel;
import dev.mvm.api.VmExecution;
import dev.mvm.api.cpu.CpuModel;
import dev.mvm.api.vdd.IoHandler;
import dev.mvm.api.vdd.Vdd;
import dev.mvm.api.vdd.VddContext;
import dev.mvm.vdd.std.DebugConsole;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** VMs on their own threads, controlled from others; many VMs in one JVM. */
class ConcurrencyTest {

  @Test
  @Timeout(120)
  void pauseResumeAndRequestStormsNeitherDeadlockNorLoseRequests() throws Exception {
    ProbeVdd probe = new ProbeVdd();
    try (Vm vm = Vm.builder().cpu(CpuModel.I80286).biosImage(GuestImages.load("spinner.bin"))
        .vdd(probe).build();
        VddChannel channel = vm.openVdd("PROBE")) {
      VmExecution execution = vm.start();
      int rounds = 10_000;
      for (int i = 0; i < rounds; i++) {
        execution.pause();
        assertThat(execution.isPaused()).isTrue();
        if (i % 2 == 0) {
          channel.request(2, new byte[0]); // served while paused
        }
        execution.resume();
        channel.requestAsync(2, new byte[0]);
      }
      int served = ByteBuffer.wrap(channel.request(2, new byte[0])).getInt();
      assertThat(served).isEqualTo(rounds / 2 + rounds + 1);
      Thread.sleep(ThreadLocalRandom.current().nextInt(5)); // stop at an arbitrary moment
      execution.stop();
      ExitStatus status = execution.await();
      assertThat(status.reason()).isEqualTo(ExitReason.STOPPED);
      assertThat(execution.isDone()).isTrue();
    }
  }

  /** Offers a per-VM message at port 310h, one byte per read, then zeros. */
  static final class MessageVdd implements Vdd {
    private final byte[] message;
    private int next;

    MessageVdd(String message) {
      this.message = message.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String id() {
      return "MESSAGE";
    }

    @Override
    public void attach(VddContext ctx) {
      ctx.ports().claim(0x310, 1, new IoHandler() {
        @Override
        public int inb(int port) {
          return next < message.length ? message[next++] : 0;
        }

        @Override
        public void outb(int port, int value) {}
      });
    }
  }

  @Test
  @Timeout(120)
  void aHundredVmsRunAtOnceEachWithItsOwnOutput() throws Exception {
    byte[] image = GuestImages.load("echo.bin");
    List<Vm> vms = new ArrayList<>();
    List<VmExecution> runs = new ArrayList<>();
    try {
      for (int i = 0; i < 100; i++) {
        Vm vm = Vm.builder().name("vm" + i).cpu(CpuModel.I8086).biosImage(image)
            .vdd(new MessageVdd("hello from VM " + i)).build();
        vms.add(vm);
      }
      for (Vm vm : vms) {
        runs.add(vm.start());
      }
      for (int i = 0; i < 100; i++) {
        Optional<ExitStatus> status = runs.get(i).await(Duration.ofSeconds(60));
        assertThat(status).get().extracting(ExitStatus::reason).isEqualTo(ExitReason.HALTED);
        assertThat(vms.get(i).device(DebugConsole.class).orElseThrow().text())
            .isEqualTo("hello from VM " + i);
      }
    } finally {
      vms.forEach(Vm::close);
    }
  }
}
