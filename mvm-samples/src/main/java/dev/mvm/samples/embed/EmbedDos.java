package dev.mvm.samples.embed;

import dev.mvm.api.ExitReason;
import dev.mvm.api.ExitStatus;
import dev.mvm.api.Vm;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The smallest useful embedding: run a DOS program from a host folder and get its output as a
 * string and its exit code. The one dependency it needs is {@code dev.mvm:mvm-doskrnl}.
 *
 * <pre>{@code
 * EmbedDos.Result r = EmbedDos.run(Path.of("legacy-tools"), "REPORT.EXE", "/Q");
 * System.out.println(r.output());
 * }</pre>
 */
public final class EmbedDos {

  /**
   * What the program did.
   *
   * @param exitCode its return code
   * @param output what it wrote to standard output
   */
  public record Result(int exitCode, String output) {}

  private EmbedDos() {}

  /**
   * Runs a DOS program.
   *
   * @param folder the host folder that becomes drive C:
   * @param program the program's name in that folder
   * @param arguments its command tail
   * @return its exit code and output
   * @throws IllegalStateException if the program did not end by itself within 30 seconds
   */
  public static Result run(Path folder, String program, String... arguments) {
    var output = new ByteArrayOutputStream();
    try (Vm vm = Vm.builder()
        .drive('C', folder)
        .stdout(output)
        .program("C:\\" + program, arguments)
        .timeout(Duration.ofSeconds(30))
        .build()) {
      ExitStatus status = vm.run();
      if (status.reason() != ExitReason.PROGRAM_EXIT) {
        throw new IllegalStateException(program + " did not finish: " + status.message(),
            status.cause());
      }
      return new Result(status.exitCode(), output.toString(StandardCharsets.ISO_8859_1));
    }
  }
}
