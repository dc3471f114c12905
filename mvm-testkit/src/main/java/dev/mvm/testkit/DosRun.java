package dev.mvm.testkit;

import dev.mvm.api.ExitReason;
import dev.mvm.api.ExitStatus;
import dev.mvm.api.Vm;
import dev.mvm.api.VmBuilder;
import dev.mvm.api.cpu.CpuModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Runs a DOS program from test resources the way a user would: a fresh drive C: in a temporary
 * folder with the program and the files the test gives, standard input from a string, standard
 * output and error captured, the exit code returned. Needs the DOS kernel ({@code
 * dev.mvm:mvm-doskrnl}) on the test path.
 *
 * <pre>{@code
 * DosRun.Result r = DosRun.program("WC.COM", MyTest.class.getResourceAsStream("/programs/wc.com"))
 *     .file("INPUT.TXT", "one\ntwo\n")
 *     .stdin("")
 *     .run();
 * assertThat(r.exitCode()).isZero();
 * assertThat(r.stdout()).isEqualTo("2 lines\r\n");
 * assertThat(r.file("UPPER.TXT")).isEqualTo("ONE\nTWO\n");
 * }</pre>
 */
public final class DosRun {

  /** How long a run may take before it is stopped, unless the test says otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /**
   * What the program did.
   *
   * @param status how the run ended
   * @param stdout what it wrote to standard output
   * @param stderr what it wrote to standard error
   * @param drive the host folder that was drive C:
   */
  public record Result(ExitStatus status, String stdout, String stderr, Path drive) {

    /**
     * @return the program's exit code
     * @throws AssertionError if the program did not end by itself
     */
    public int exitCode() {
      if (status.reason() != ExitReason.PROGRAM_EXIT) {
        throw new AssertionError("the program did not end: " + status.message(), status.cause());
      }
      return status.exitCode();
    }

    /**
     * A file the program left on drive C:, as text.
     *
     * @param dosName its name in the drive's root, as the host stores it
     * @return its contents, one char per byte
     */
    public String file(String dosName) {
      try {
        return Files.readString(drive.resolve(dosName), StandardCharsets.ISO_8859_1);
      } catch (IOException e) {
        throw new UncheckedIOException("no file " + dosName + " on drive C:", e);
      }
    }
  }

  private final byte[] program;
  private final String name;
  private final Map<String, byte[]> files = new LinkedHashMap<>();
  private final List<String> arguments = new ArrayList<>();
  private byte[] stdin = new byte[0];
  private @Nullable CpuModel cpu;
  private Duration timeout = DEFAULT_TIMEOUT;
  private final List<Consumer<VmBuilder>> customizations = new ArrayList<>();

  private DosRun(byte[] program, String name) {
    this.program = program;
    this.name = name;
  }

  /**
   * A program from the test's resources. Open the stream in the test, so that the test's own
   * module reads its resource: {@code DosRun.program("WC.COM",
   * MyTest.class.getResourceAsStream("/programs/wc.com"))}.
   *
   * @param dosName the program's name on drive C:, for example {@code WC.COM}
   * @param image the program's bytes; read to the end and closed
   * @return the run, to configure
   * @throws IllegalArgumentException if the stream is null (no such resource)
   */
  public static DosRun program(String dosName, @Nullable InputStream image) {
    if (image == null) {
      throw new IllegalArgumentException("no resource for " + dosName);
    }
    try (InputStream in = image) {
      return new DosRun(in.readAllBytes(), dosName.toUpperCase(java.util.Locale.ROOT));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dosName, e);
    }
  }

  /**
   * A program given as bytes.
   *
   * @param dosName the program's name on drive C:
   * @param image the program's bytes
   * @return the run, to configure
   */
  public static DosRun program(String dosName, byte[] image) {
    return new DosRun(image.clone(), dosName.toUpperCase(java.util.Locale.ROOT));
  }

  /**
   * Puts a file on drive C: before the run.
   *
   * @param dosName its name in the root
   * @param text its contents, one byte per char
   * @return this run
   */
  public DosRun file(String dosName, String text) {
    files.put(dosName, text.getBytes(StandardCharsets.ISO_8859_1));
    return this;
  }

  /**
   * Puts a file on drive C: before the run.
   *
   * @param dosName its name in the root
   * @param bytes its contents
   * @return this run
   */
  public DosRun file(String dosName, byte[] bytes) {
    files.put(dosName, bytes.clone());
    return this;
  }

  /**
   * Sets the command tail.
   *
   * @param args the arguments
   * @return this run
   */
  public DosRun args(String... args) {
    arguments.addAll(List.of(args));
    return this;
  }

  /**
   * Sets standard input.
   *
   * @param text the input, one byte per char
   * @return this run
   */
  public DosRun stdin(String text) {
    this.stdin = text.getBytes(StandardCharsets.ISO_8859_1);
    return this;
  }

  /**
   * Chooses the CPU model.
   *
   * @param model the model
   * @return this run
   */
  public DosRun cpu(CpuModel model) {
    this.cpu = Objects.requireNonNull(model);
    return this;
  }

  /**
   * Sets the wall-clock limit (30 seconds by default).
   *
   * @param limit the limit
   * @return this run
   */
  public DosRun timeout(Duration limit) {
    this.timeout = limit;
    return this;
  }

  /**
   * Adjusts the VM further (start time, memory size, more drives, a custom VDD).
   *
   * @param customization changes the builder
   * @return this run
   */
  public DosRun configure(Consumer<VmBuilder> customization) {
    customizations.add(customization);
    return this;
  }

  /**
   * Runs the program in a fresh VM with a fresh drive C:.
   *
   * @return what it did
   */
  public Result run() {
    try {
      Path drive = Files.createTempDirectory("mvm-dos-");
      Files.write(drive.resolve(name), program);
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        Files.write(drive.resolve(f.getKey()), f.getValue());
      }
      var out = new ByteArrayOutputStream();
      var err = new ByteArrayOutputStream();
      VmBuilder builder = Vm.builder().drive('C', drive).stdout(out).stderr(err)
          .stdin(new ByteArrayInputStream(stdin)).timeout(timeout)
          .program("C:\\" + name, arguments.toArray(new String[0]));
      if (cpu != null) {
        builder.cpu(cpu);
      }
      customizations.forEach(c -> c.accept(builder));
      try (Vm vm = builder.build()) {
        ExitStatus status = vm.run();
        return new Result(status, out.toString(StandardCharsets.ISO_8859_1),
            err.toString(StandardCharsets.ISO_8859_1), drive);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare drive C: for " + name, e);
    }
  }
}
