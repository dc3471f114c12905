package dev.mvm.doskrnl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mvm.api.ExitReason;
import dev.mvm.api.ExitStatus;
import dev.mvm.api.Vm;
import dev.mvm.api.VmBuilder;
import dev.mvm.api.VmConfigurationException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-VM limits as the guest meets them: open host files, which DOS reports to the program
 * as it reports full tables. Whatever limit hits, the files hold exactly what was written.
 */
class LimitsTest {
  @TempDir Path drive;

  /** Runs a program of the test resources on drive C: and returns what it printed. */
  private String run(String program, Consumer<VmBuilder> setup) throws Exception {
    DosProgramTest.install(drive, program);
    var out = new ByteArrayOutputStream();
    VmBuilder builder = Vm.builder().drive('C', drive).stdout(out)
        .program("C:\\" + program.toUpperCase(java.util.Locale.ROOT))
        .instructionBudget(5_000_000);
    setup.accept(builder);
    try (Vm vm = builder.build()) {
      ExitStatus status = vm.run();
      Arenas.assertIntact(vm);
      assertThat(status.reason()).as(status.message() + "; output " + out)
          .isEqualTo(ExitReason.PROGRAM_EXIT);
      assertThat(status.exitCode()).as("exit code; output " + out).isZero();
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  @Test
  void opensBeyondTheLimitOfHostFilesFailWithError4() throws Exception {
    String output = run("openmax.com", b -> b.maxOpenFiles(3));
    assertThat(output.split("\r\n")).containsExactly(
        "ok ok ok ", // F1-F3 take the three host files
        "E0004 0004 E0004 ", // a fourth create, and F1 again: too many open files
        "ok ok ", // NUL holds no host file
        "FF 0004 ", // an FCB open fails too
        "ok 00 ", // F3 closed: the FCB opens F1
        "ok 01 0004 ", // a handle takes the FCB's host file back; the FCB cannot read
        "ok 00 one  00 "); // until a handle is closed
    assertThat(Files.readString(drive.resolve("F1.TXT"))).isEqualTo("one  ");
    assertThat(Files.readString(drive.resolve("F2.TXT"))).isEqualTo("two  ");
    assertThat(Files.readString(drive.resolve("F3.TXT"))).isEqualTo("three");
    assertThat(drive.resolve("F4.TXT")).doesNotExist();
  }

  @Test
  void withoutALimitTheSameProgramOpensEverything() throws Exception {
    String output = run("openmax.com", b -> {});
    assertThat(output.split("\r\n")[1]).isEqualTo("ok 0000 ok "); // 59h: no error
  }

  @Test
  void aFullSystemFileTableRefusesACreateBeforeItTruncates() throws Exception {
    // FILES=8: the standard devices hold 4, the program's creates of F1-F4 the others, and
    // creating F1 again must fail with 04h before the host file is cut to nothing.
    String output = run("openmax.com", b -> b.property(DosKernel.FILES, 8));
    assertThat(output.split("\r\n")[1]).isEqualTo("ok 0000 E0004 ");
    assertThat(Files.readString(drive.resolve("F1.TXT"))).isEqualTo("one  ");
    assertThat(drive.resolve("F4.TXT")).exists();
  }

  @Test
  void filesOutsideWhatMsDosAcceptsAreRefused() {
    for (int files : new int[] {7, 256}) {
      assertThatThrownBy(() -> Vm.builder().drive('C', drive).program("C:\\X.COM")
          .property(DosKernel.FILES, files).build())
          .isInstanceOf(VmConfigurationException.class)
          .hasMessage("DOSKRNL.FILES (CONFIG.SYS's FILES=) must be 8 to 255, as in MS-DOS: "
              + files);
    }
  }
}
