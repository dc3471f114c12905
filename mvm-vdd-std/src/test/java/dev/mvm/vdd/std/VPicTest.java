package dev.mvm.vdd.std;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.mvm.api.Vm;
import dev.mvm.api.VmConfig;
import dev.mvm.api.vdd.IoHandler;
import dev.mvm.api.vdd.IoPorts;
import dev.mvm.api.vdd.MachineLines;
import dev.mvm.api.vdd.VddContext;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Register-level tests of VPIC through its ports, with the helper services stubbed by Mockito:
 * the context records the port claims, and the machine lines record INTR and EOIs.
 */
class VPicTest {
  private final Map<Integer, IoHandler> ports = new HashMap<>();
  private final MachineLines machine = mock(MachineLines.class);
  private boolean intr;
  private VPic pic;

  @BeforeEach
  void attach() {
    VddContext context = mock(VddContext.class);
    IoPorts io = mock(IoPorts.class);
    VmConfig config = Vm.builder().personality(dev.mvm.api.Personality.BARE_MACHINE)
        .biosImage(new byte[65536]).toConfig();
    when(context.config()).thenReturn(config);
    when(context.property(org.mockito.ArgumentMatchers.any()))
        .thenAnswer(inv -> config.property(inv.getArgument(0)));
    when(context.ports()).thenReturn(io);
    when(context.machine()).thenReturn(machine);
    when(io.claim(anyInt(), anyInt(), org.mockito.ArgumentMatchers.any())).thenAnswer(inv -> {
      int first = inv.getArgument(0);
      int count = inv.getArgument(1);
      for (int p = first; p < first + count; p++) {
        ports.put(p, inv.getArgument(2));
      }
      return null;
    });
    doAnswer(inv -> intr = inv.getArgument(0)).when(machine).setIntr(anyBoolean());
    pic = new VPic();
    pic.attach(context);
    pic.reset();
    // What a BIOS does: vectors 08h and 70h, cascade on IR2, 8086 mode, nothing masked.
    out(0x20, 0x11); out(0x21, 0x08); out(0x21, 0x04); out(0x21, 0x01); out(0x21, 0x00);
    out(0xA0, 0x11); out(0xA1, 0x70); out(0xA1, 0x02); out(0xA1, 0x01); out(0xA1, 0x00);
  }

  private void out(int port, int value) {
    ports.get(port).outb(port, value);
  }

  private int in(int port) {
    return ports.get(port).inb(port);
  }

  @Test
  void edgeTriggeredIrqIsDeliveredWithItsVectorAndStaysInServiceUntilEoi() {
    pic.irqLevel(1, true);
    assertThat(intr).isTrue();
    assertThat(pic.acknowledge()).isEqualTo(0x09);
    assertThat(intr).isFalse();
    out(0x20, 0x0B); // OCW3: read ISR
    assertThat(in(0x20)).isEqualTo(0x02);
    out(0x20, 0x0A); // OCW3: read IRR
    assertThat(in(0x20)).isZero();

    pic.irqLevel(1, false);
    pic.irqLevel(1, true); // a second edge while in service waits in IRR
    assertThat(in(0x20)).isEqualTo(0x02);
    assertThat(intr).isFalse();
    out(0x20, 0x20); // non-specific EOI
    verify(machine).endOfInterrupt(1);
    assertThat(intr).isTrue();
  }

  @Test
  void higherPriorityInterruptsNestAndLowerOnesWait() {
    pic.irqLevel(3, true);
    assertThat(pic.acknowledge()).isEqualTo(0x0B);
    pic.irqLevel(5, true);
    assertThat(intr).as("IRQ 5 ranks below IRQ 3 in service").isFalse();
    pic.irqLevel(0, true);
    assertThat(intr).as("IRQ 0 outranks IRQ 3").isTrue();
    assertThat(pic.acknowledge()).isEqualTo(0x08);
    out(0x20, 0x20); // ends IRQ 0, the highest in service
    verify(machine).endOfInterrupt(0);
    assertThat(intr).isFalse();
    out(0x20, 0x63); // specific EOI for IRQ 3
    verify(machine).endOfInterrupt(3);
    assertThat(pic.acknowledge()).isEqualTo(0x0D);
  }

  @Test
  void maskedLinesAreHeldInIrrButNotDelivered() {
    out(0x21, 0x10);
    assertThat(in(0x21)).isEqualTo(0x10);
    pic.irqLevel(4, true);
    assertThat(intr).isFalse();
    assertThat(in(0x20)).isEqualTo(0x10);
    out(0x21, 0x00);
    assertThat(intr).isTrue();
    assertThat(pic.acknowledge()).isEqualTo(0x0C);
  }

  @Test
  void slaveIrqsArriveThroughTheCascadeAndBothChipsNeedEoi() {
    pic.irqLevel(12, true);
    assertThat(intr).isTrue();
    assertThat(pic.acknowledge()).isEqualTo(0x74);
    out(0xA0, 0x0B);
    assertThat(in(0xA0)).isEqualTo(0x10);
    out(0x20, 0x0B);
    assertThat(in(0x20)).as("the master has IR2 in service").isEqualTo(0x04);
    out(0xA0, 0x20);
    verify(machine).endOfInterrupt(12);
    out(0x20, 0x20);
    verify(machine, never()).endOfInterrupt(2);
  }

  @Test
  void aRequestThatVanishesBeforeAcknowledgeIsSpuriousIrq7Or15() {
    out(0x20, 0x68 & ~0x40 | 0x08); // harmless OCW3
    pic.irqLevel(3, true);
    out(0x21, 0x08); // masked after INTR was raised: the CPU still runs INTA
    assertThat(pic.acknowledge()).isEqualTo(0x0F);
    out(0x20, 0x0B);
    assertThat(in(0x20)).as("a spurious IRQ 7 sets no ISR bit").isZero();

    out(0x21, 0x00);
    pic.acknowledge(); // IRQ 3 into service, so the next check of the slave is clean
    out(0x20, 0x20);
    pic.irqLevel(10, true);
    out(0xA1, 0x04);
    assertThat(pic.acknowledge()).isEqualTo(0x77);
  }

  @Test
  void automaticEoiNeedsNoEoiAndReportsTheEnd() {
    out(0x20, 0x11); out(0x21, 0x08); out(0x21, 0x04); out(0x21, 0x03); out(0x21, 0x00);
    pic.irqLevel(6, true);
    assertThat(pic.acknowledge()).isEqualTo(0x0E);
    verify(machine).endOfInterrupt(6);
    out(0x20, 0x0B);
    assertThat(in(0x20)).isZero();
    pic.irqLevel(7, true);
    assertThat(intr).isTrue();
  }

  @Test
  void pollModeReadsTheHighestRequestAndAcknowledgesIt() {
    // A polling CPU runs with interrupts disabled and reads the requests itself.
    pic.irqLevel(5, true);
    pic.irqLevel(3, true);
    out(0x20, 0x0C); // OCW3 poll
    assertThat(in(0x20)).isEqualTo(0x83);
    out(0x20, 0x0B);
    assertThat(in(0x20)).as("the polled level goes into service").isEqualTo(0x08);
    out(0x20, 0x0C);
    assertThat(in(0x20)).as("IRQ 5 ranks below IRQ 3 in service").isZero();
    out(0x20, 0x20);
    out(0x20, 0x0C);
    assertThat(in(0x20)).isEqualTo(0x85);
    out(0x20, 0x0C);
    assertThat(in(0x20)).as("nothing left to poll").isZero();
  }

  @Test
  void rotationMakesTheServedLevelTheLowest() {
    pic.irqLevel(0, true);
    pic.irqLevel(4, true);
    assertThat(pic.acknowledge()).isEqualTo(0x08);
    out(0x20, 0xA0); // rotate on non-specific EOI: IRQ 0 becomes the lowest
    pic.irqLevel(0, false);
    pic.irqLevel(0, true);
    assertThat(pic.acknowledge()).as("IRQ 4 now outranks IRQ 0").isEqualTo(0x0C);
    out(0x20, 0x20);
    out(0x20, 0xC0 | 5); // set priority: IRQ 5 lowest, IRQ 6 highest
    pic.irqLevel(6, true);
    assertThat(pic.acknowledge()).isEqualTo(0x0E);
  }

  @Test
  void levelTriggeredInputsFollowTheLine() {
    out(0x20, 0x19); out(0x21, 0x08); out(0x21, 0x04); out(0x21, 0x01); out(0x21, 0x00);
    pic.irqLevel(5, true);
    assertThat(in(0x20)).isEqualTo(0x20);
    pic.irqLevel(5, false);
    assertThat(in(0x20)).isZero();
    assertThat(intr).isFalse();

    // The ELCR makes single inputs level-triggered on an otherwise edge-triggered chip.
    out(0x20, 0x11); out(0x21, 0x08); out(0x21, 0x04); out(0x21, 0x01); out(0x21, 0x00);
    out(0x4D0, 0x20);
    assertThat(in(0x4D0)).isEqualTo(0x20);
    out(0x4D0, 0x07);
    assertThat(in(0x4D0)).as("IRQ 0-2 cannot be level-triggered").isZero();
  }

  @Test
  void specialMaskModeLetsLowerLevelsInWhileTheCurrentOneIsMasked() {
    pic.irqLevel(2 + 1, true);
    assertThat(pic.acknowledge()).isEqualTo(0x0B);
    out(0x21, 0x08); // mask IRQ 3 (in service)
    out(0x20, 0x68); // OCW3: set special mask mode
    pic.irqLevel(6, true);
    assertThat(intr).isTrue();
    assertThat(pic.acknowledge()).isEqualTo(0x0E);
  }

  @Test
  void builtInBiosResetProgramsTheChipsLikeAnAtBios() {
    VddContext context = mock(VddContext.class);
    IoPorts io = mock(IoPorts.class);
    VmConfig config = Vm.builder().toConfig();
    when(context.config()).thenReturn(config);
    when(context.property(org.mockito.ArgumentMatchers.any()))
        .thenAnswer(inv -> config.property(inv.getArgument(0)));
    when(context.ports()).thenReturn(io);
    when(context.machine()).thenReturn(machine);
    VPic bios = new VPic();
    bios.attach(context);
    bios.reset();
    clearInvocations(machine);
    bios.irqLevel(0, true);
    verify(machine, atLeastOnce()).setIntr(eq(true));
    assertThat(bios.acknowledge()).isEqualTo(0x08);
    bios.irqLevel(8, true);
    assertThat(bios.acknowledge()).as("IRQ 8 is masked after POST").isEqualTo(0x0F);
  }
}
