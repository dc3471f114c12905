package dev.mvm.vdd.std;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mvm.api.vdd.InterruptHook;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * VKBD with the built-in BIOS on a fake machine: the host types through the facet, IRQ 1 is
 * served by calling INT 09h while the line is up, programs read keys with INT 16h.
 */
class VKbdTest {
  private FakeContext m;
  private VKbd vkbd;
  private Keyboard keyboard;

  @BeforeEach
  void attach() {
    m = FakeContext.builtIn();
    vkbd = new VKbd();
    vkbd.attach(m);
    vkbd.reset();
    keyboard = m.facet(Keyboard.class);
  }

  /** Runs the host's posted tasks and serves IRQ 1 until the controller is quiet. */
  private void deliver() {
    m.runPosted();
    for (int i = 0; i < 1000 && m.irqLine(1).raised; i++) {
      m.interrupt(0x09);
    }
  }

  private int int16(int ax) {
    m.regs.setAx(ax);
    m.interrupt(0x16);
    return m.regs.ax();
  }

  private List<Integer> readAll(int function) {
    List<Integer> keys = new ArrayList<>();
    while (true) {
      m.regs.setAx(function + 1 << 8);
      m.interrupt(0x16);
      if (m.regs.zf()) {
        return keys;
      }
      keys.add(int16(function << 8));
    }
  }

  private int bda(int offset) {
    return m.readByte(0x400 + offset);
  }

  @Test
  void typedTextArrivesThroughInt09hAndInt16h() {
    keyboard.type("aB1\n");
    deliver();
    assertThat(readAll(0x10)).containsExactly(0x1E61, 0x3042, 0x0231, 0x1C0D);
    long eois = m.unclaimedWrites.stream().filter(w -> w[0] == 0x20 && w[1] == 0x20).count();
    assertThat(eois).as("one EOI per byte: make and break of 4 keys and of Shift for B")
        .isEqualTo(10);
  }

  @Test
  void readWaitsIdleUntilAKeyComes() {
    m.regs.setBx(0x1234);
    assertThat(int16(0x0000)).as("AX untouched while waiting").isEqualTo(0x0000);
    assertThat(m.idlers).hasSize(1);
    m.wake();
    assertThat(m.idlers).as("still empty: waits again").hasSize(1);
    keyboard.tap("X");
    deliver();
    m.wake();
    assertThat(m.regs.ax()).isEqualTo(0x2D78);
    assertThat(m.idlers).isEmpty();
    assertThat(m.regs.bx()).isEqualTo(0x1234);
  }

  @Test
  void peekSetsZfAndLeavesTheKey() {
    int16(0x0100);
    assertThat(m.regs.zf()).isTrue();
    keyboard.tap("ESC");
    deliver();
    assertThat(int16(0x0100)).isEqualTo(0x011B);
    assertThat(m.regs.zf()).isFalse();
    assertThat(int16(0x1100)).isEqualTo(0x011B);
    assertThat(int16(0x0000)).isEqualTo(0x011B);
    int16(0x0100);
    assertThat(m.regs.zf()).isTrue();
  }

  @Test
  void shiftStatesAreKeptInTheDataArea() {
    keyboard.press("LSHIFT");
    keyboard.press("RCTRL");
    keyboard.press("LALT");
    deliver();
    assertThat(bda(0x17)).isEqualTo(0x02 | 0x04 | 0x08);
    assertThat(int16(0x0200) & 0xFF).isEqualTo(0x0E);
    assertThat(int16(0x1200)).isEqualTo((0x04 | 0x02) << 8 | 0x0E);
    keyboard.release("RCTRL");
    keyboard.release("LALT");
    keyboard.release("LSHIFT");
    deliver();
    assertThat(bda(0x17)).isZero();
    assertThat(readAll(0x10)).isEmpty();
  }

  @Test
  void capsLockTogglesOnceAndLightsItsLed() {
    keyboard.tap("CAPSLOCK");
    keyboard.type("a");
    keyboard.press("LSHIFT");
    keyboard.tap("A");
    keyboard.release("LSHIFT");
    keyboard.type("1");
    deliver();
    assertThat(bda(0x17) & 0x40).isNotZero();
    assertThat(keyboard.leds()).isEqualTo(4);
    assertThat(bda(0x97) & 7).isEqualTo(4);
    assertThat(readAll(0x10)).containsExactly(0x1E41, 0x1E61, 0x0231);
  }

  @Test
  void greyKeysAreMarkedForTheEnhancedFunctionsOnly() {
    keyboard.tap("UP");
    keyboard.tap("KP8");
    keyboard.tap("KPENTER");
    keyboard.tap("F11");
    deliver();
    assertThat(readAll(0x10)).containsExactly(0x48E0, 0x4800, 0xE00D, 0x8500);
    keyboard.tap("UP");
    keyboard.tap("F11");
    keyboard.tap("KPENTER");
    deliver();
    assertThat(readAll(0x00)).as("F11 is skipped by the old functions")
        .containsExactly(0x4800, 0x1C0D);
  }

  @Test
  void numLockTurnsTheKeypadIntoDigits() {
    keyboard.tap("NUMLOCK");
    keyboard.tap("KP7");
    keyboard.tap("KPDOT");
    deliver();
    assertThat(readAll(0x10)).containsExactly(0x4737, 0x532E);
    assertThat(keyboard.leds()).isEqualTo(2);
  }

  @Test
  void ctrlAndAltCombinations() {
    keyboard.press("CTRL");
    keyboard.tap("C");
    keyboard.tap("F1");
    keyboard.release("CTRL");
    keyboard.press("ALT");
    keyboard.tap("X");
    keyboard.tap("2");
    keyboard.tap("HOME");
    keyboard.release("ALT");
    deliver();
    assertThat(readAll(0x10)).containsExactly(0x2E03, 0x5E00, 0x2D00, 0x7900, 0x9700);
  }

  @Test
  void altWithKeypadDigitsTypesACharacterCode() {
    keyboard.press("ALT");
    keyboard.tap("KP6");
    keyboard.tap("KP5");
    keyboard.release("ALT");
    deliver();
    assertThat(readAll(0x10)).containsExactly(0x0041);
  }

  @Test
  void int15hKeyboardInterceptCanSwallowOrReplaceACode() {
    m.hooks.put(0x15, regs -> {
      if (regs.ah() != 0x4F) {
        return InterruptHook.Result.PASS;
      }
      if (regs.al() == 0x1E) {
        regs.setCf(false); // swallow "a"
      } else if (regs.al() == 0x30) {
        regs.setAl(0x2E); // "b" becomes "c"
      }
      return InterruptHook.Result.HANDLED;
    });
    m.regs.setEax(0xCAFE_0001);
    m.regs.setCf(false);
    keyboard.type("ab");
    deliver();
    assertThat(m.regs.eax()).as("the interrupted code's EAX survives").isEqualTo(0xCAFE_0001);
    assertThat(m.regs.cf()).as("and its carry flag").isFalse();
    assertThat(readAll(0x10)).containsExactly(0x2E63);
  }

  @Test
  void ctrlAltDelSetsTheWarmBootFlagAndResets() {
    keyboard.press("LCTRL");
    keyboard.press("LALT");
    keyboard.tap("DELETE");
    deliver();
    assertThat(m.readWord(0x472)).isEqualTo(0x1234);
    m.advance(0);
    assertThat(m.resets).isEqualTo(1);
  }

  @Test
  void ctrlBreakFlushesTheBufferAndCallsInt1Bh() {
    keyboard.type("xy");
    keyboard.press("LCTRL");
    keyboard.tap("SCROLLLOCK");
    deliver();
    assertThat(m.calledVectors).contains(0x1B);
    assertThat(bda(0x71) & 0x80).isNotZero();
    assertThat(readAll(0x10)).containsExactly(0x0000);
  }

  @Test
  void storeKeyFailsWhenTheBufferIsFull() {
    for (int i = 0; i < 15; i++) {
      m.regs.setCx(0x1E61 + i);
      assertThat(int16(0x0500) & 0xFF).isZero();
    }
    m.regs.setCx(0x1E00);
    assertThat(int16(0x0500) & 0xFF).isEqualTo(1);
    assertThat(readAll(0x10)).hasSize(15).startsWith(0x1E61);
  }

  @Test
  void hostKeysWaitForRoomInTheTypeAheadBuffer() {
    keyboard.type("abcdefghijklmnopqrst");
    deliver();
    assertThat(readAll(0x10)).as("room for 15, one slot kept for a key on its way").hasSize(14);
    deliver();
    m.advance(20_000_000L);
    deliver();
    assertThat(readAll(0x10)).hasSize(6);
  }

  @Test
  void keyboardCommandsThroughThePorts() {
    m.out(0x60, 0xF2);
    assertThat(m.in(0x64) & Kbc8042.OBF).isNotZero();
    assertThat(List.of(m.in(0x60), m.in(0x60), m.in(0x60))).containsExactly(0xFA, 0xAB, 0x41);
    m.out(0x60, 0xED);
    m.in(0x60);
    m.out(0x60, 0x07);
    m.in(0x60);
    assertThat(keyboard.leds()).isEqualTo(7);
  }

  @Test
  void theControllerDrivesA20() {
    m.out(0x64, 0xD1);
    m.out(0x60, 0xDF);
    assertThat(m.a20).isTrue();
    m.out(0x64, 0xFE);
    assertThat(m.resets).isEqualTo(1);
  }

  @Test
  void unknownFunctionsLeaveTheRegistersAlone() {
    m.regs.setBx(0x5555);
    assertThat(int16(0x7700)).isEqualTo(0x7700);
    assertThat(m.regs.bx()).isEqualTo(0x5555);
  }

  @Test
  void badNamesAndCharactersFailOnTheCallersThread() {
    assertThatThrownBy(() -> keyboard.tap("NOSUCHKEY"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NOSUCHKEY");
    assertThatThrownBy(() -> keyboard.type("ok\u00e9"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+00E9");
    assertThat(m.posted).isEmpty();
  }

  @Test
  void bdaHoldsTheBufferPointersAfterReset() {
    assertThat(m.readWord(0x41A)).isEqualTo(0x1E);
    assertThat(m.readWord(0x41C)).isEqualTo(0x1E);
    assertThat(m.readWord(0x480)).isEqualTo(0x1E);
    assertThat(m.readWord(0x482)).isEqualTo(0x3E);
    assertThat(bda(0x96) & 0x10).isNotZero();
  }

  @Test
  void withAFirmwareImageOnlyTheChipsAreThere() {
    FakeContext image = new FakeContext(dev.mvm.api.Vm.builder().biosImage(new byte[65536]));
    VKbd k = new VKbd();
    k.attach(image);
    k.reset();
    assertThat(image.hooks).isEmpty();
    image.out(0x64, 0xAA);
    assertThat(image.in(0x60)).isEqualTo(0x55);
    image.facet(Keyboard.class).tap("Q");
    image.runPosted();
    image.out(0x64, 0xAE); // the firmware enables the keyboard interface
    assertThat(image.in(0x60)).isEqualTo(0x10);
    assertThat(image.in(0x60)).isEqualTo(0x90);
  }
}
