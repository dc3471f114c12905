package dev.mvm.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvm.api.ExitReason;
import dev.mvm.api.ExitStatus;
import dev.mvm.api.Vm;
import dev.mvm.api.cpu.CpuModel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Protected mode as DOS extenders and memory managers use it (issue 15), shown by test
 * programs of our own: each boots from a floppy on the built-in BIOS, enters protected mode
 * through {@code pm.inc}, exercises one mechanism and reports on the debug console what the
 * processor did (vectors, error codes, CR2, privilege levels), then halts. Their sources
 * say what each line means.
 */
class ProtectedModeProgramsTest {

  @TempDir Path dir;

  private String run(String program) {
    return run(program, CpuModel.I80486);
  }

  private String run(String program, CpuModel model) {
    try (Vm vm = FloppyBoot.machine(dir, program).cpu(model).build()) {
      ExitStatus status = vm.run();
      String console = FloppyBoot.console(vm);
      assertThat(status.reason()).as(status.message() + "\n" + console).isEqualTo(ExitReason.HALTED);
      return console;
    }
  }

  @Test
  void descriptorFaultsCarryTheSelectorAsTheirErrorCodeAndTheLdtAndExpandDownWork() {
    assertThat(run("pmfault.bin"))
        .isEqualTo(
            """
            NP 0B ERR 00000040 AT MOV
            GP 0D ERR 000001F8 AT MOV
            GP 0D ERR 00000010 AT MOV
            GP 0D ERR 00000008 AT MOV
            LDT 11223344
            UP 55667788
            GP 0D ERR 00000000 AT MOV
            DONE
            """);
  }

  @Test
  void ringThreeCallsRingZeroThroughACallGateAndReturns() {
    assertThat(run("pmgate.bin"))
        .isEqualTo(
            """
            RING3 CPL 3
            GATE CPL 0 PARAM 12345678 FROM 0023:0006FFFC ESP 00077FEC
            BACK CPL 3 ESP 00070000
            INT40 CPL 0 FROM 001B
            DONE
            """);
  }

  @Test
  void aTaskSwitchesToAnotherAndBack() {
    assertThat(run("pmtask.bin"))
        .isEqualTo(
            """
            A TR 0028
            B TR 0030 NT 1 LINK 0028
            A TR 0028 TYPE 89 EBX CAFE0001 TS 1
            B TR 0030 NT 0 LINK 0028
            DONE
            """);
  }

  @Test
  void aPageFaultReportsCr2AndTheFaultingWriteRestarts() {
    assertThat(run("pmpage.bin"))
        .isEqualTo(
            """
            PF CR2 00300010 ERR 00000002
            READ CAFEBABE ALIAS CAFEBABE PTE 00200063
            PF CR2 00021000 ERR 00000005
            DONE
            """);
  }

  @Test
  void aVirtual8086TasksIntTwentyOneReachesTheMonitor() {
    assertThat(run("pmv86.bin"))
        .matches(
            """
            MONITOR INT 21 AH 09 FROM V86 0000:[0-9A-F]{4}
            Hello from V86 mode
            V86 CS 0000 SS 6000
            MONITOR INT 21 AH 4C FROM V86 0000:[0-9A-F]{4}
            EXIT 2A
            DONE
            """);
  }

  @Test
  void theIoPermissionBitmapBlocksAPort() {
    assertThat(run("pmio.bin"))
        .isEqualTo(
            """
            RING3 IOPL 0
            GP ERR 00000000 PORT 0300
            GP ERR 00000000 PORT 0400
            GP ERR 00000000 PORT CLI
            OPEN 0308 PASSED
            DONE
            """);
  }

  @Test
  void theEighty286HasItsOwnProtectedMode() {
    assertThat(run("pm286.bin", CpuModel.I80286))
        .isEqualTo(
            """
            PM286 MSW FFF1
            GP ERR 01F8
            UD
            TASK B TR 0020 LINK 0018
            BACK TR 0018 BX BEEF
            DONE
            """);
  }
}
