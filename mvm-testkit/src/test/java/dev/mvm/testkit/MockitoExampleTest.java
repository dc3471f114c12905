package dev.mvm.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.mvm.api.cpu.Registers;
import dev.mvm.api.vdd.GuestMemory;
import dev.mvm.api.vdd.InterruptHook;
import dev.mvm.api.vdd.InterruptHooks;
import dev.mvm.api.vdd.Vdd;
import dev.mvm.api.vdd.VddContext;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * The example of docs/TESTING-VDDS.md where a Mockito stub is the shorter test: a BIOS service
 * that reads one word of guest memory and answers in AX depends on nothing else of the machine.
 */
class MockitoExampleTest {

  /** INT 11h as a BIOS provides it: the equipment word from the BIOS data area, in AX. */
  static final class EquipmentService implements Vdd {
    @Override
    public String id() {
      return "EQUIP";
    }

    @Override
    public void attach(VddContext ctx) {
      ctx.interrupts().hook(0x11, regs -> {
        regs.setAx(ctx.memory().readWord(0x410));
        return InterruptHook.Result.HANDLED;
      });
    }
  }

  @Test
  void answersWithTheEquipmentWord() {
    VddContext ctx = mock(VddContext.class);
    InterruptHooks hooks = mock(InterruptHooks.class);
    GuestMemory memory = mock(GuestMemory.class);
    when(ctx.interrupts()).thenReturn(hooks);
    when(ctx.memory()).thenReturn(memory);
    when(memory.readWord(0x410)).thenReturn(0x4227);

    new EquipmentService().attach(ctx);
    ArgumentCaptor<InterruptHook> hook = ArgumentCaptor.forClass(InterruptHook.class);
    verify(hooks).hook(eq(0x11), hook.capture());

    Registers regs = mock(Registers.class);
    assertThat(hook.getValue().handle(regs)).isEqualTo(InterruptHook.Result.HANDLED);
    verify(regs).setAx(0x4227);
    verify(memory).readWord(anyInt());
    verify(hooks, org.mockito.Mockito.never()).chain(anyInt(), any());
  }
}
