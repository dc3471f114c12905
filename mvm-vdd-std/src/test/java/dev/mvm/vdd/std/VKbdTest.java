package dev.mvm.vdd.std;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mvm.api.cpu.CpuModel;
import dev.mvm.api.cpu.Flags;
import dev.mvm.testkit.EmbeddedMachine;
import dev.mvm.testkit.VddTestKit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * VKBD with the built-in BIOS in the real monitor, with VPIC and VTIMER: the host types through
 * the facet, and guest snippets on a real CPU take IRQ 1 through INT 09h and read keys with INT
 * 16h. {@link Bench} lets a test run several snippets and act as the host between them.
 */
class VKbdTest {
  private final Bench bench = new Bench();
  private final IrqSource lines = new IrqSource();
  private EmbeddedMachine m;
  private Keyboard keyboard;

  @BeforeEach
  void start() {
    m = VddTestKit.embed(new VPic(), new VTimer(), new VKbd(), bench, lines)
        .builtInBios().withCpu(CpuModel.I80286).start();
    keyboard = m.device(Keyboard.class);
  }

  @AfterEach
  void close() {
    m.close();
  }

  /** The guest runs with interrupts on for three timer ticks: IRQ 1 is served by INT 09h. */
  private void deliver() {
    Bench.run(m, """
            sti
            mov  bx, [0x46C]
            add  bx, 3
        wait:
            hlt
            cmp  [0x46C], bx
            jne  wait
            cli
        """);
  }

  /** INT 16h with AX; returns AX after it. */
  private int int16(int ax) {
    Bench.run(m, String.format("mov ax, 0x%04X%nint 0x16", ax));
    return m.registers().ax();
  }

  private boolean zf() {
    return (m.registers().flags() & Flags.ZF) != 0;
  }

  /** Reads every waiting key with INT 16h function {@code function} (00h or 10h). */
  private List<Integer> readAll(int function) {
    Bench.run(m, String.format("""
            mov  di, 0x700
        next:
            mov  ah, 0x%02X
            int  0x16
            jz   empty
            mov  ah, 0x%02X
            int  0x16
            mov  [di], ax
            add  di, 2
            jmp  next
        empty:
            mov  [0x6FE], di
        """, function + 1, function));
    List<Integer> keys = new ArrayList<>();
    for (int at = 0x700; at < m.peekw(0x6FE); at += 2) {
      keys.add(m.peekw(at));
    }
    return keys;
  }

  private int bda(int offset) {
    return m.peekb(0x400 + offset);
  }

  @Test
  void typedTextArrivesThroughInt09hAndInt16h() {
    keyboard.type("aB1\n");
    deliver();
    assertThat(readAll(0x10)).containsExactly(0x1E61, 0x3042, 0x0231, 0x1C0D);
    assertThat(lines.eois().stream().filter(irq -> irq == 1).count())
        .as("one EOI per byte: make and break of 4 keys and of Shift for B")
        .isEqualTo(10);
  }

  @Test
  void readWaitsIdleUntilAKeyComes() {
    bench.at(Duration.ofMillis(100), () -> keyboard.tap("X"));
    Bench.run(m, """
            sti
            mov  bx, 0x1234
            mov  ax, 0x0000
            int  0x16
        """);
    assertThat(m.registers().ax()).isEqualTo(0x2D78);
    assertThat(m.registers().bx()).isEqualTo(0x1234);
    assertThat(m.now()).as("it waited for the key").isGreaterThanOrEqualTo(Duration.ofMillis(100));
  }

  @Test
  void peekSetsZfAndLeavesTheKey() {
    int16(0x0100);
    assertThat(zf()).isTrue();
    keyboard.tap("ESC");
    deliver();
    assertThat(int16(0x0100)).isEqualTo(0x011B);
    assertThat(zf()).isFalse();
    assertThat(int16(0x1100)).isEqualTo(0x011B);
    assertThat(int16(0x0000)).isEqualTo(0x011B);
    int16(0x0100);
    assertThat(zf()).isTrue();
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
    keyboard.type("ab");
    Bench.run(m, """
            mov  word [0x15*4], intercept
            mov  word [0x15*4+2], 0
            mov  ax, 0x0001
            mov  cx, 0xCAFE
            mov  si, 0x5A5A
            sti
            mov  bx, [0x46C]
            add  bx, 3
        wait:
            hlt
            cmp  [0x46C], bx
            jne  wait
            cli
            mov  [0x600], ax
            mov  [0x602], cx
            mov  [0x604], si
            jmp  done
        intercept:
            cmp  ah, 0x4F
            jne  keep
            push bp
            mov  bp, sp
            cmp  al, 0x1E
            jne  notA
            and  word [bp+6], 0xFFFE   ; CF clear: swallow "a"
            pop  bp
            iret
        notA:
            cmp  al, 0x30
            jne  same
            mov  al, 0x2E              ; "b" becomes "c"
        same:
            or   word [bp+6], 1        ; CF set: keep the code
            pop  bp
        keep:
            iret
        done:
        """.replace("0x15*4+2", "0x56").replace("0x15*4", "0x54"));
    assertThat(m.peekw(0x600)).as("the interrupted code's registers survive").isEqualTo(0x0001);
    assertThat(m.peekw(0x602)).isEqualTo(0xCAFE);
    assertThat(m.peekw(0x604)).isEqualTo(0x5A5A);
    assertThat(readAll(0x10)).containsExactly(0x2E63);
  }

  @Test
  void ctrlAltDelSetsTheWarmBootFlagAndResets() {
    keyboard.press("LCTRL");
    keyboard.press("LALT");
    keyboard.tap("DELETE");
    deliver();
    assertThat(m.peekw(0x472)).isEqualTo(0x1234);
    assertThat(bench.resets()).isEqualTo(1);
  }

  @Test
  void ctrlBreakFlushesTheBufferAndCallsInt1Bh() {
    keyboard.type("xy");
    keyboard.press("LCTRL");
    keyboard.tap("SCROLLLOCK");
    Bench.run(m, """
            mov  word [0x6C], onbreak
            mov  word [0x6E], 0
            mov  byte [0x600], 0
            jmp  resume
        onbreak:
            inc  byte [0x600]
            iret
        resume:                      ; the handler lives in this snippet: wait here
            sti
            mov  bx, [0x46C]
            add  bx, 3
        wait:
            hlt
            cmp  [0x46C], bx
            jne  wait
            cli
        """);
    assertThat(m.peekb(0x600)).as("INT 1Bh called").isEqualTo(1);
    assertThat(bda(0x71) & 0x80).isNotZero();
    assertThat(readAll(0x10)).containsExactly(0x0000);
  }

  @Test
  void storeKeyFailsWhenTheBufferIsFull() {
    for (int i = 0; i < 15; i++) {
      Bench.run(m, String.format("mov cx, 0x%04X%nmov ax, 0x0500%nint 0x16", 0x1E61 + i));
      assertThat(m.registers().al()).isZero();
    }
    Bench.run(m, "mov cx, 0x1E00\nmov ax, 0x0500\nint 0x16");
    assertThat(m.registers().al()).isEqualTo(1);
    assertThat(readAll(0x10)).hasSize(15).startsWith(0x1E61);
  }

  @Test
  void hostKeysWaitForRoomInTheTypeAheadBuffer() {
    keyboard.type("abcdefghijklmnopqrst");
    deliver();
    assertThat(readAll(0x10)).as("room for 15, one slot kept for a key on its way").hasSize(14);
    deliver();
    assertThat(readAll(0x10)).hasSize(6);
  }

  @Test
  void keyboardCommandsThroughThePorts() {
    m.outb(0x60, 0xF2);
    assertThat(m.inb(0x64) & Kbc8042.OBF).isNotZero();
    assertThat(List.of(m.inb(0x60), m.inb(0x60), m.inb(0x60))).containsExactly(0xFA, 0xAB, 0x41);
    m.outb(0x60, 0xED);
    m.inb(0x60);
    m.outb(0x60, 0x07);
    m.inb(0x60);
    assertThat(keyboard.leds()).isEqualTo(7);
  }

  @Test
  void theControllerDrivesA20AndResets() {
    String probe = """
            mov  ax, 0xFFFF
            mov  es, ax
            mov  byte [0x500], 0x11
            mov  byte es:[0x510], 0x22   ; 100500h, or 500h when A20 is closed
            mov  al, [0x500]
        """;
    Bench.run(m, probe);
    assertThat(m.registers().al()).as("A20 closed after reset: wraps").isEqualTo(0x22);
    m.outb(0x64, 0xD1).outb(0x60, 0xDF);
    Bench.run(m, probe);
    assertThat(m.registers().al()).as("A20 open").isEqualTo(0x11);
    Bench.run(m, """
            mov  al, 0xFE            ; pulse the CPU's reset line
            out  0x64, al
        spin:
            jmp  spin
        """);
    assertThat(bench.resets()).isEqualTo(1);
  }

  @Test
  void unknownFunctionsLeaveTheRegistersAlone() {
    Bench.run(m, "mov bx, 0x5555\nmov ax, 0x7700\nint 0x16");
    assertThat(m.registers().ax()).isEqualTo(0x7700);
    assertThat(m.registers().bx()).isEqualTo(0x5555);
  }

  @Test
  void badNamesAndCharactersFailOnTheCallersThread() {
    assertThatThrownBy(() -> keyboard.tap("NOSUCHKEY"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NOSUCHKEY");
    assertThatThrownBy(() -> keyboard.type("ok\u00e9"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+00E9");
    deliver();
    assertThat(readAll(0x10)).as("nothing of the bad text was typed").isEmpty();
  }

  @Test
  void bdaHoldsTheBufferPointersAfterReset() {
    assertThat(m.peekw(0x41A)).isEqualTo(0x1E);
    assertThat(m.peekw(0x41C)).isEqualTo(0x1E);
    assertThat(m.peekw(0x480)).isEqualTo(0x1E);
    assertThat(m.peekw(0x482)).isEqualTo(0x3E);
    assertThat(bda(0x96) & 0x10).isNotZero();
  }

  @Test
  void withAFirmwareImageOnlyTheChipsAreThere() {
    try (var image = VddTestKit.embed(new VKbd()).start()) {
      assertThat(image.peekw(0x41A)).as("no BIOS data").isZero();
      image.outb(0x64, 0xAA);
      assertThat(image.inb(0x60)).isEqualTo(0x55);
      image.device(Keyboard.class).tap("Q");
      image.outb(0x64, 0xAE); // the firmware enables the keyboard interface
      assertThat(image.inb(0x60)).isEqualTo(0x10);
      assertThat(image.inb(0x60)).isEqualTo(0x90);
    }
  }
}
