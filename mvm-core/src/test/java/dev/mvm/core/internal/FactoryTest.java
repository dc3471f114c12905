package dev.mvm.core.internal;

import static dev.mvm.core.internal.TestMachines.bare;
import static dev.mvm.core.internal.TestMachines.vdd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mvm.api.VmConfigurationException;
import dev.mvm.api.cpu.Cpu;
import dev.mvm.api.cpu.CpuBus;
import dev.mvm.api.cpu.CpuModel;
import dev.mvm.api.cpu.CpuProvider;
import dev.mvm.api.spi.VmFactory;
import dev.mvm.api.vdd.Vdd;
import dev.mvm.api.vdd.VddContext;
import dev.mvm.api.vdd.VddProvider;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FactoryTest {
  private final List<String> attached = new ArrayList<>();

  private static CpuProvider fakeCpus(CpuModel... models) {
    return new CpuProvider() {
      @Override
      public Set<CpuModel> models() {
        return EnumSet.copyOf(List.of(models));
      }

      @Override
      public Cpu create(CpuModel model, CpuBus bus) {
        return new FakeCpu(bus, model);
      }
    };
  }

  private VddProvider provider(String id, boolean standard) {
    return new VddProvider() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public Vdd create() {
        return new Vdd() {
          @Override
          public String id() {
            return id;
          }

          @Override
          public void attach(VddContext context) {
            attached.add(id);
          }

          @Override
          public void reset() {
            attached.add(id + " reset");
          }
        };
      }

      @Override
      public boolean isStandard() {
        return standard;
      }
    };
  }

  @Test
  void theModuleProvidesTheEngine() {
    var descriptor = CoreVmFactory.class.getModule().getDescriptor();
    assertThat(descriptor.provides())
        .anySatisfy(
            p -> {
              assertThat(p.service()).isEqualTo(VmFactory.class.getName());
              assertThat(p.providers()).containsExactly(CoreVmFactory.class.getName());
            });
    // only the test kit sees the machine
    assertThat(descriptor.exports())
        .allSatisfy(e -> assertThat(e.targets()).containsExactly("dev.mvm.testkit"));
  }

  @Test
  void withoutACpuProviderTheBuildSaysWhatIsMissing() {
    assertThatThrownBy(() -> bare().build())
        .isInstanceOf(VmConfigurationException.class)
        .hasMessageContaining("CpuProvider")
        .hasMessageContaining("mvm-ist-x86");
  }

  @Test
  void theNewestModelAnyProviderSupportsIsChosenByDefault() {
    Machine m =
        new MachineBuilder(bare().toConfig())
            .cpuProviders(List.of(fakeCpus(CpuModel.I8086), fakeCpus(CpuModel.I80186, CpuModel.I80286)))
            .build();
    assertThat(m.cpu().model()).isEqualTo(CpuModel.I80286);
    Machine old =
        new MachineBuilder(bare().cpu(CpuModel.I8086).toConfig())
            .cpuProviders(List.of(fakeCpus(CpuModel.I80286), fakeCpus(CpuModel.I8086)))
            .build();
    assertThat(old.cpu().model()).isEqualTo(CpuModel.I8086);
    assertThatThrownBy(
            () ->
                new MachineBuilder(bare().cpu(CpuModel.I80486).toConfig())
                    .cpuProviders(List.of(fakeCpus(CpuModel.I8086, CpuModel.I80286)))
                    .build())
        .isInstanceOf(VmConfigurationException.class)
        .hasMessageContaining("I80486")
        .hasMessageContaining("I8086, I80286");
  }

  @Test
  void theTranslationChoiceReachesTheCpuProvider() {
    List<Boolean> asked = new ArrayList<>();
    CpuProvider recording =
        new CpuProvider() {
          @Override
          public Set<CpuModel> models() {
            return EnumSet.of(CpuModel.I80486);
          }

          @Override
          public Cpu create(CpuModel model, CpuBus bus) {
            throw new AssertionError("the monitor must call the three-argument create");
          }

          @Override
          public Cpu create(CpuModel model, CpuBus bus, boolean translate) {
            asked.add(translate);
            return new FakeCpu(bus, model);
          }
        };
    new MachineBuilder(bare().toConfig()).cpuProviders(List.of(recording)).build();
    new MachineBuilder(bare().translation(false).toConfig())
        .cpuProviders(List.of(recording))
        .build();
    assertThat(asked).containsExactly(true, false);
    // A provider without a translator needs only the two-argument create.
    Machine plain =
        new MachineBuilder(bare().translation(false).toConfig())
            .cpuProviders(List.of(fakeCpus(CpuModel.I80286)))
            .build();
    assertThat(plain.cpu().model()).isEqualTo(CpuModel.I80286);
  }

  @Test
  void standardVddsNamedVddsAndInstancesAttachInOrderThenReset() {
    Machine m =
        new MachineBuilder(
                bare()
                    .standardVdds(true)
                    .withoutVdd("VCOM")
                    .vdd("EXTRA")
                    .vdd("VPIC")
                    .vdd(vdd("MINE", ctx -> attached.add("MINE")))
                    .toConfig())
            .cpu(FakeCpu::new)
            .vddProviders(
                List.of(
                    provider("VTIMER", true),
                    provider("VPIC", true),
                    provider("VCOM", true),
                    provider("EXTRA", false),
                    provider("UNUSED", false)))
            .build();
    assertThat(attached)
        .containsExactly(
            "VPIC", "VTIMER", "EXTRA", "MINE", "VPIC reset", "VTIMER reset", "EXTRA reset");
    assertThat(m.toString()).contains("VPIC", "VTIMER", "EXTRA", "MINE");
  }

  @Test
  void unknownVddIdsAndDuplicateIdsFailTheBuild() {
    assertThatThrownBy(
            () ->
                new MachineBuilder(bare().vdd("NOSUCH").toConfig())
                    .cpu(FakeCpu::new)
                    .vddProviders(List.of(provider("VPIC", true)))
                    .build())
        .isInstanceOf(VmConfigurationException.class)
        .hasMessageContaining("NOSUCH");
    assertThatThrownBy(
            () ->
                new MachineBuilder(
                        bare().standardVdds(true).vdd(vdd("VPIC", ctx -> {})).toConfig())
                    .cpu(FakeCpu::new)
                    .vddProviders(List.of(provider("VPIC", true)))
                    .build())
        .isInstanceOf(VmConfigurationException.class)
        .hasMessageContaining("VPIC")
        .hasMessageContaining("exclude");
  }

  @Test
  void aVddThatFailsToAttachIsNamed() {
    assertThatThrownBy(
            () ->
                TestMachines.build(
                    bare()
                        .vdd(
                            vdd(
                                "FLAKY",
                                ctx -> {
                                  throw new IllegalStateException("no config file");
                                }))))
        .isInstanceOf(VmConfigurationException.class)
        .hasMessageContaining("VDD FLAKY")
        .hasMessageContaining("no config file");
  }

  @Test
  void twoInterruptControllersConflict() {
    assertThatThrownBy(
            () ->
                TestMachines.build(
                    bare()
                        .vdd(new TestMachines.FakePic())
                        .vdd(
                            vdd(
                                "OTHERPIC",
                                ctx ->
                                    ctx.provideInterruptController(
                                        new dev.mvm.api.vdd.InterruptController() {
                                          @Override
                                          public void irqLevel(int irq, boolean high) {}

                                          @Override
                                          public int acknowledge() {
                                            return 8;
                                          }
                                        })))))
        .isInstanceOf(VmConfigurationException.class)
        .hasMessageContaining("OTHERPIC")
        .hasMessageContaining("FAKEPIC");
  }

  @Test
  void aPortClaimConflictFailsTheBuildNamingBothVddsAndThePort() {
    dev.mvm.api.vdd.IoHandler h =
        new dev.mvm.api.vdd.IoHandler() {
          @Override
          public int inb(int port) {
            return 0;
          }

          @Override
          public void outb(int port, int value) {}
        };
    assertThatThrownBy(
            () ->
                TestMachines.build(
                    bare()
                        .vdd(vdd("VKBD", ctx -> ctx.ports().claim(0x60, 1, h)))
                        .vdd(vdd("MYKBD", ctx -> ctx.ports().claim(0x60, 1, h)))))
        .isInstanceOf(VmConfigurationException.class)
        .hasMessageContaining("VDD MYKBD")
        .hasMessageContaining("VDD VKBD")
        .hasMessageContaining("0060h");
  }
}
