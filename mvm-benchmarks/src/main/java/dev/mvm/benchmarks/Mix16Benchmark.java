package dev.mvm.benchmarks;

import dev.mvm.api.cpu.Cpu;
import dev.mvm.api.cpu.CpuModel;
import dev.mvm.api.cpu.CpuStop;
import dev.mvm.ist.x86.X86CpuProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CPU alone on the mix16 benchmark program: no DOS, no devices, a RAM-only bus. The .COM is
 * loaded at 1000:0100 with a command tail of {@code iterations}; its INT 21h vector points at a
 * HLT, so the run ends at its first DOS call, which prints the result after the last iteration.
 * The score is the time of one run of {@code iterations} iterations plus mix16's start-up (about
 * 1,100 instructions), which is what the interpreter alone costs on a whole program; the
 * difference to {@link WholeProgram}'s figure is what the monitor, the devices and DOS add.
 *
 * <pre>
 * java -Dmix16=../shared/bench/mix16.com -jar mvm-benchmarks/target/benchmarks.jar Mix16 \
 *     -p model=I80286,I80486 -f 1 -wi 5 -i 5
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Mix16Benchmark {

  @Param({"I80286", "I80486"})
  public String model = "I80486";

  @Param({"10"})
  public int iterations = 10;

  private byte[] image = new byte[0];
  private RamBus bus = new RamBus();
  private Cpu cpu = new X86CpuProvider().create(CpuModel.I80486, bus);

  @Setup
  public void setUp() {
    String path = System.getProperty("mix16", "../shared/bench/mix16.com");
    try {
      image = Files.readAllBytes(Path.of(path));
    } catch (IOException e) {
      throw new UncheckedIOException("mix16.com not found: pass -Dmix16=PATH", e);
    }
    bus = new RamBus();
    cpu = new X86CpuProvider().create(CpuModel.valueOf(model), bus);
  }

  /**
   * One whole run.
   *
   * @return the CPU's stop (HLT), so that JMH keeps the work
   */
  @Benchmark
  public CpuStop run() {
    byte[] ram = bus.ram();
    Arrays.fill(ram, 0, 0x30000, (byte) 0);
    int base = 0x10000;
    System.arraycopy(image, 0, ram, base + 0x100, image.length);
    byte[] tail = (" " + iterations + "\r").getBytes(StandardCharsets.US_ASCII);
    ram[base + 0x80] = (byte) (tail.length - 1);
    System.arraycopy(tail, 0, ram, base + 0x81, tail.length);
    // INT 21h -> 0000:0500, where a HLT ends the run.
    ram[0x21 * 4] = 0x00;
    ram[0x21 * 4 + 1] = 0x05;
    ram[0x500] = (byte) 0xF4;
    cpu.reset();
    var regs = cpu.registers();
    regs.setCs(0x1000);
    regs.setDs(0x1000);
    regs.setEs(0x1000);
    regs.setSs(0x1000);
    regs.setSp(0xFFFE);
    regs.setIp(0x0100);
    CpuStop stop = CpuStop.BUDGET;
    while (stop == CpuStop.BUDGET) {
      stop = cpu.run(20_000);
    }
    if (stop != CpuStop.HALTED || regs.ip() != 0x501) {
      throw new IllegalStateException("mix16 stopped with " + stop + " at IP " + regs.ip());
    }
    return stop;
  }
}
