package dev.mvm.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mvm.api.cpu.CpuModel;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VmBuilderTest {

  @Test
  void defaultsDescribeADosPcWithTheBuiltInBios() {
    VmConfig config = Vm.builder().toConfig();
    assertThat(config.cpuModel()).isNull();
    assertThat(config.translation()).isTrue();
    assertThat(config.memorySize()).isEqualTo(16L << 20);
    assertThat(config.clockMode()).isEqualTo(ClockMode.VIRTUAL);
    assertThat(config.startTime()).isEqualTo(LocalDateTime.of(2000, 1, 1, 0, 0));
    assertThat(config.firmware()).isInstanceOf(Firmware.BuiltIn.class);
    assertThat(config.personality()).isEqualTo(Personality.DOS);
    assertThat(config.standardVdds()).isTrue();
    assertThat(config.instructionBudget()).isZero();
    assertThat(config.timeout()).isNull();
    assertThat(config.dos().maxOpenFiles()).isZero();
    assertThat(config.dos().maxOutput()).isZero();
  }

  @Test
  void limitsArriveInTheConfig() {
    VmConfig config =
        Vm.builder()
            .writeQuota('d', 1000) // before the drive is mapped
            .drive('C', Path.of("apps"))
            .drive('D', Path.of("work"))
            .drive('E', Path.of("more"))
            .writeQuota('E', 0)
            .maxOpenFiles(8)
            .maxOutput(1 << 20)
            .toConfig();
    assertThat(config.dos().maxOpenFiles()).isEqualTo(8);
    assertThat(config.dos().maxOutput()).isEqualTo(1 << 20);
    assertThat(config.dos().drive('C')).get().extracting(DriveMapping::writeQuota)
        .isEqualTo(DriveMapping.NO_QUOTA);
    assertThat(config.dos().drive('C').orElseThrow().hasWriteQuota()).isFalse();
    assertThat(config.dos().drive('D')).get().extracting(DriveMapping::writeQuota)
        .isEqualTo(1000L);
    assertThat(config.dos().drive('E')).get().extracting(DriveMapping::writeQuota)
        .isEqualTo(0L);
    assertThat(config.dos().drive('E').orElseThrow().toString())
        .endsWith("(write quota 0 bytes)");
  }

  @Test
  void badLimitsAreRejectedWithTheValueInTheMessage() {
    assertThatThrownBy(() -> Vm.builder().maxOpenFiles(0))
        .isInstanceOf(VmConfigurationException.class)
        .hasMessage("most open files must be at least 1: 0");
    assertThatThrownBy(() -> Vm.builder().maxOutput(-1))
        .isInstanceOf(VmConfigurationException.class)
        .hasMessage("output limit must be at least 1 byte: -1");
    assertThatThrownBy(() -> Vm.builder().writeQuota('C', -5))
        .isInstanceOf(VmConfigurationException.class)
        .hasMessage("write quota must not be negative: -5 bytes for drive C:");
    assertThatThrownBy(() -> Vm.builder().writeQuota('1', 5))
        .isInstanceOf(VmConfigurationException.class)
        .hasMessageContaining("'1'");
    assertThatThrownBy(() -> new DriveMapping('C', Path.of("."), false, -2))
        .isInstanceOf(VmConfigurationException.class)
        .hasMessageContaining("-2 bytes");
    VmBuilder unmapped = Vm.builder().drive('C', Path.of(".")).writeQuota('D', 100);
    assertThatThrownBy(unmapped::toConfig)
        .isInstanceOf(VmConfigurationException.class)
        .hasMessage("write quota for drive D:, which is not mapped");
  }

  @Test
  void settingsArriveInTheConfig() {
    var out = new ByteArrayOutputStream();
    VmConfig config =
        Vm.builder()
            .name("report")
            .cpu(CpuModel.I8086)
            .translation(false)
            .memoryKiB(640)
            .clock(ClockMode.PACED)
            .instructionsPerSecond(4_770_000)
            .drive('c', Path.of("apps"))
            .readOnlyDrive('D', Path.of("data"))
            .stdout(out)
            .env("path", "C:\\")
            .program("C:\\REPORT.EXE", "/Q", "IN.DAT")
            .instructionBudget(1000)
            .timeout(Duration.ofSeconds(3))
            .withoutVdd("VPIC")
            .vdd("COUNTER")
            .toConfig();
    assertThat(config.name()).isEqualTo("report");
    assertThat(config.cpuModel()).isEqualTo(CpuModel.I8086);
    assertThat(config.translation()).isFalse();
    assertThat(config.memorySize()).isEqualTo(640 * 1024);
    assertThat(config.instructionsPerSecond()).isEqualTo(4_770_000);
    assertThat(config.dos().drive('C')).get().extracting(DriveMapping::readOnly).isEqualTo(false);
    assertThat(config.dos().drive('d')).get().extracting(DriveMapping::readOnly).isEqualTo(true);
    assertThat(config.dos().stdout()).isSameAs(out);
    assertThat(config.dos().environment()).containsEntry("PATH", "C:\\");
    assertThat(config.dos().program()).isEqualTo("C:\\REPORT.EXE");
    assertThat(config.dos().arguments()).containsExactly("/Q", "IN.DAT");
    assertThat(config.excludedVdds()).containsExactly("VPIC");
    assertThat(config.vddIds()).containsExactly("COUNTER");
    assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void badValuesAreRejectedWithTheValueInTheMessage() {
    assertThatThrownBy(() -> Vm.builder().memorySize(1000))
        .isInstanceOf(VmConfigurationException.class)
        .hasMessageContaining("1000 bytes");
    assertThatThrownBy(() -> Vm.builder().memorySize(65 * 1024 + 512))
        .hasMessageContaining("multiple of 4 KiB")
        .hasMessageContaining("67072");
    assertThatThrownBy(() -> Vm.builder().memoryMiB(2048)).hasMessageContaining("2147483648");
    assertThatThrownBy(() -> Vm.builder().drive('1', Path.of(".")))
        .isInstanceOf(VmConfigurationException.class)
        .hasMessageContaining("'1'");
    assertThatThrownBy(() -> Vm.builder().timeout(Duration.ZERO)).hasMessageContaining("PT0S");
    assertThatThrownBy(() -> Vm.builder().instructionBudget(-5)).hasMessageContaining("-5");
    assertThatThrownBy(() -> Vm.builder().env("A=B", "x")).hasMessageContaining("'A=B'");
    assertThatThrownBy(() -> Vm.builder().instructionsPerSecond(10)).hasMessageContaining("10");
  }

  @Test
  void biosImageMustHaveABiosSize(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> Vm.builder().biosImage(new byte[1000]))
        .isInstanceOf(VmConfigurationException.class)
        .hasMessage("BIOS image (bytes) must be 64, 128 or 256 KiB: 1000 bytes");
    assertThatThrownBy(() -> Vm.builder().biosImage(new byte[0])).hasMessageContaining("0 bytes");
    Path missing = dir.resolve("bios.bin");
    assertThatThrownBy(() -> Vm.builder().biosImage(missing))
        .isInstanceOf(VmConfigurationException.class)
        .hasMessageContaining(missing.toString());

    Path image = dir.resolve("seabios.bin");
    Files.write(image, new byte[128 * 1024]);
    VmConfig config = Vm.builder().biosImage(image).toConfig();
    assertThat(config.firmware()).isInstanceOfSatisfying(
        Firmware.Image.class, i -> assertThat(i.size()).isEqualTo(128 * 1024));
    assertThat(config.personality()).isEqualTo(Personality.BARE_MACHINE);
  }

  @Test
  void dosNeedsTheBuiltInBios() {
    VmBuilder builder = Vm.builder().biosImage(new byte[64 * 1024]).personality(Personality.DOS);
    assertThatThrownBy(builder::toConfig)
        .isInstanceOf(VmConfigurationException.class)
        .hasMessageContaining("DOS personality");
  }

  @Test
  void propertiesAreTypedAndDefaulted() {
    VmProperty<Integer> base = VmProperty.of("VCOM.COM1_BASE", Integer.class, 0x3F8);
    VmProperty<String> label = VmProperty.of("TEST.LABEL", String.class, "none");
    VmConfig config = Vm.builder().property(base, 0x2F8).toConfig();
    assertThat(config.property(base)).isEqualTo(0x2F8);
    assertThat(config.property(label)).isEqualTo("none");
    assertThatThrownBy(() -> VmProperty.of("X", Integer.class, (Integer) null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void configCannotBeChangedAfterwards() {
    VmConfig config = Vm.builder().env("A", "1").program("C:\\X.COM", "a").toConfig();
    assertThatThrownBy(() -> config.dos().environment().put("B", "2"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> config.dos().arguments().add("b"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
