package dev.mvm.benchmarks;

import dev.mvm.api.cpu.Cpu;
import dev.mvm.api.cpu.CpuModel;
import dev.mvm.api.cpu.CpuStop;
import dev.mvm.ist.x86.X86CpuProvider;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The interpreter on a tight loop of ordinary integer code: register arithmetic, a memory
 * store through DS:SI, a counted inner loop and a jump back. The score is instructions per
 * second (one operation = one instruction).
 *
 * <pre>
 * mvn -B -pl mvm-benchmarks -am package -DskipTests
 * java -jar mvm-benchmarks/target/benchmarks.jar InterpreterBenchmark -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class InterpreterBenchmark {

  /** Instructions per benchmark invocation. */
  static final int SLICE = 1_000_000;

  /**
   * The loop at 1000:0100.
   *
   * <pre>
   * top:   add ax, bx        01 D8
   *        xor dx, ax        31 C2
   *        inc bx            43
   *        mov [si], ax      89 04
   *        add si, 2         83 C6 02
   *        and si, 3FFEh     81 E6 FE 3F
   *        shl dx, 1         D1 E2
   *        dec cx            49
   *        jnz top           75 ED
   *        mov cx, 100       B9 64 00
   *        jmp short top     EB E8
   * </pre>
   */
  static final byte[] LOOP = {
    0x01, (byte) 0xD8, 0x31, (byte) 0xC2, 0x43, (byte) 0x89, 0x04, (byte) 0x83, (byte) 0xC6, 0x02,
    (byte) 0x81, (byte) 0xE6, (byte) 0xFE, 0x3F, (byte) 0xD1, (byte) 0xE2, 0x49, 0x75, (byte) 0xED,
    (byte) 0xB9, 0x64, 0x00, (byte) 0xEB, (byte) 0xE8
  };

  @Param({"I8086", "I80286", "I80486"})
  public String model = "I80286";

  private Cpu cpu = new X86CpuProvider().create(CpuModel.I80286, new RamBus());

  @Setup
  public void setUp() {
    RamBus bus = new RamBus();
    System.arraycopy(LOOP, 0, bus.ram(), 0x10100, LOOP.length);
    cpu = new X86CpuProvider().create(CpuModel.valueOf(model), bus);
    var regs = cpu.registers();
    regs.setCs(0x1000);
    regs.setIp(0x0100);
    regs.setDs(0x2000);
    regs.setSs(0x3000);
    regs.setSp(0xFFFE);
    regs.setCx(100);
  }

  /**
   * Runs one slice.
   *
   * @return why it stopped (always the budget), so that JMH keeps the work
   */
  @Benchmark
  @OperationsPerInvocation(SLICE)
  public CpuStop tightLoop() {
    return cpu.run(SLICE);
  }
}
