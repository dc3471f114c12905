package dev.mvm.vdd.std;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvm.api.ExitReason;
import dev.mvm.api.ExitStatus;
import dev.mvm.api.cpu.CpuModel;
import dev.mvm.api.cpu.Flags;
import dev.mvm.testkit.EmbeddedMachine;
import dev.mvm.testkit.VddTestKit;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The built-in BIOS's system services (INT 11h, 12h, 15h, 19h), called by guest snippets on a
 * real CPU in the real monitor. A machine runs one snippet (it ends halted), so each snippet
 * saves what it needs in memory: {@link #call} stores AX, BX, CX, DX and FLAGS after an INT.
 */
class VSysBiosTest {
  private EmbeddedMachine m;

  private EmbeddedMachine start(int memoryKiB) {
    return start(memoryKiB, CpuModel.I8086);
  }

  private EmbeddedMachine start(int memoryKiB, CpuModel cpu) {
    m = VddTestKit.embed(new VPic(), new VTimer(), new VSysBios())
        .memoryKiB(memoryKiB).builtInBios().withCpu(cpu).start();
    return m;
  }

  @AfterEach
  void close() {
    if (m != null) {
      m.close();
    }
  }

  private void run(String snippet) {
    ExitStatus status = m.execute(snippet);
    assertThat(status.reason()).as(status.message()).isEqualTo(ExitReason.HALTED);
  }

  /** Snippet lines: {@code setup}, INT n, then AX, BX, CX, DX and FLAGS saved at {@code at}. */
  private static String call(int vector, String setup, int at) {
    return String.format("""
        %s
        int  0x%02X
        mov  [0x%X], ax
        mov  [0x%X], bx
        mov  [0x%X], cx
        mov  [0x%X], dx
        pushf
        pop  word [0x%X]
        """, setup, vector, at, at + 2, at + 4, at + 6, at + 8);
  }

  private int ax(int at) {
    return m.peekw(at);
  }

  private int ah(int at) {
    return m.peekb(at + 1);
  }

  private int bx(int at) {
    return m.peekw(at + 2);
  }

  private int cx(int at) {
    return m.peekw(at + 4);
  }

  private int dx(int at) {
    return m.peekw(at + 6);
  }

  private boolean cf(int at) {
    return (m.peekw(at + 8) & Flags.CF) != 0;
  }

  /** Snippet lines that report whether A20 is open: 1 at {@code at} when 1 MiB does not wrap. */
  private static String a20Probe(int at) {
    return String.format("""
        mov  ax, 0xFFFF
        mov  es, ax
        mov  byte [0x500], 0x11
        mov  byte es:[0x510], 0x22      ; FFFF:0510 is 100500h, or 500h with A20 closed
        mov  al, [0x500]
        xor  al, 0x22
        mov  ah, 0
        cmp  al, 0
        je   closed%1$X
        mov  al, 1
        closed%1$X:
        mov  [0x%1$X], al
        """, at);
  }

  @Test
  void equipmentAndMemorySizeComeFromTheDataArea() {
    start(4096);
    m.poke(0x410, 0x27, 0x40);
    run(call(0x11, "", 0x600) + call(0x12, "", 0x610));
    assertThat(ax(0x600)).isEqualTo(0x4027);
    assertThat(ax(0x610)).isEqualTo(640);
  }

  @Test
  void a20FunctionsDriveTheGate() {
    start(4096, CpuModel.I80286); // an 8086 has 20 address lines: it always wraps
    run(call(0x15, "mov ax, 0x2401", 0x600)
        + a20Probe(0x6F0)
        + call(0x15, "mov ax, 0x2402", 0x610)
        + call(0x15, "mov ax, 0x2400", 0x620)
        + a20Probe(0x6F1)
        + call(0x15, "mov ax, 0x2402", 0x630)
        + call(0x15, "mov ax, 0x2403", 0x640)
        + call(0x15, "mov ax, 0x2404", 0x650));
    assertThat(cf(0x600)).isFalse();
    assertThat(ah(0x600)).isZero();
    assertThat(m.peekb(0x6F0)).as("A20 open: 1 MiB does not wrap").isEqualTo(1);
    assertThat(ax(0x610) & 0xFF).isEqualTo(1);
    assertThat(m.peekb(0x6F1)).as("A20 closed: it wraps").isZero();
    assertThat(ax(0x630) & 0xFF).isZero();
    assertThat(bx(0x640)).isEqualTo(3);
    assertThat(cf(0x650)).isTrue();
    assertThat(ah(0x650)).isEqualTo(0x86);
  }

  @Test
  void extendedMemorySizes() {
    start(4096);
    run(call(0x15, "mov ax, 0x8800", 0x600) + call(0x15, "mov ax, 0xE801", 0x610));
    assertThat(ax(0x600)).isEqualTo(3 * 1024);
    assertThat(cf(0x600)).isFalse();
    assertThat(ax(0x610)).isEqualTo(3 * 1024);
    assertThat(cx(0x610)).isEqualTo(3 * 1024);
    assertThat(bx(0x610)).isZero();
    m.close();

    start(48 * 1024);
    run(call(0x15, "mov ax, 0xE801", 0x600));
    assertThat(ax(0x600)).isEqualTo(0x3C00);
    assertThat(bx(0x600)).isEqualTo(32 * 16);
    assertThat(dx(0x600)).isEqualTo(32 * 16);
  }

  @Test
  void e820ListsConventionalRomAndExtendedMemory() {
    // E820h is a 32-bit interface (EDX = 'SMAP', EBX the continuation) and the testkit's CPUs
    // are 16-bit: the map is read from the attached VDD, and a 16-bit call is refused.
    VSysBios bios = new VSysBios();
    m = VddTestKit.embed(new VPic(), new VTimer(), bios)
        .memoryKiB(4096).builtInBios().withCpu(CpuModel.I80286).start();
    long[][] map = bios.memoryMap();
    assertThat(map).hasDimensions(3, 3);
    assertThat(map[0]).containsExactly(0, 640 * 1024, 1);
    assertThat(map[1]).containsExactly(0xEF000, 0x11000, 2);
    assertThat(map[2]).containsExactly(0x100000, 3 << 20, 1);
    run(call(0x15, "mov ax, 0x2000\nmov es, ax\nmov di, 0x10\nmov cx, 20\nxor bx, bx\n"
        + "mov dx, 0x4150\nmov ax, 0xE820", 0x600));
    assertThat(cf(0x600)).as("EDX is not 'SMAP'").isTrue();
    assertThat(ah(0x600)).isEqualTo(0x86);
    assertThat(m.peekw(0x20010)).as("nothing written").isZero();
  }

  @Test
  void below1MiBTheMapHasNoExtendedMemory() {
    VSysBios bios = new VSysBios();
    m = VddTestKit.embed(bios).memoryKiB(640).builtInBios().start();
    assertThat(bios.memoryMap()).hasDimensions(2, 3);
    assertThat(bios.memoryMap()[0]).containsExactly(0, 640 * 1024, 1);
  }

  @Test
  void configurationTableLivesInItsRomPage() {
    start(4096);
    run(call(0x15, "mov ax, 0xC000", 0x600) + "mov [0x60A], es");
    assertThat(cf(0x600)).isFalse();
    assertThat(ah(0x600)).isZero();
    int at = m.peekw(0x60A) * 16 + bx(0x600);
    assertThat(at).isEqualTo(0xEF000);
    assertThat(m.peekw(at)).isEqualTo(8);
    assertThat(m.peekb(at + 2)).as("model: AT").isEqualTo(0xFC);
    assertThat(m.peekb(at + 5) & 0x10).as("INT 09h calls INT 15h AH=4Fh").isNotZero();
    m.poke(at + 2, 0x00);
    assertThat(m.peekb(at + 2)).as("read-only").isEqualTo(0xFC);
  }

  @Test
  void blockMoveCopiesWithTheGateOpenAndRestoresIt() {
    start(4096, CpuModel.I80286);
    for (int i = 0; i < 8; i++) {
      m.poke(0x200000 + i, 0xA0 + i);
    }
    int gdt = 0x30000;
    // descriptor 2 (source) at +10h: limit, base 0-23, access, limit/flags, base 24-31
    m.poke(gdt + 0x12, 0x00, 0x00, 0x20);
    m.poke(gdt + 0x1A, 0x00, 0x05, 0x00);
    run(call(0x15, """
            mov  ax, 0x3000
            mov  es, ax
            xor  si, si
            mov  cx, 4
            mov  ah, 0x87
            """, 0x600) + a20Probe(0x6F0));
    assertThat(cf(0x600)).isFalse();
    assertThat(ah(0x600)).isZero();
    assertThat(m.peekb(0x500)).as("overwritten by the probe").isEqualTo(0x22);
    assertThat(m.peekw(0x502)).isEqualTo(0xA3A2);
    assertThat(m.peekw(0x506)).isEqualTo(0xA7A6);
    assertThat(m.peekb(0x508)).isZero();
    assertThat(m.peekb(0x6F0)).as("gate closed again").isZero();
  }

  @Test
  void waitLastsAtLeastTheVirtualTimeAsked() {
    start(4096);
    run("""
            mov  word [0x70], tick   ; INT 1Ch sees 40:A0h during the wait
            mov  word [0x72], 0
            sti
            mov  cx, 0x0003
            mov  dx, 0x0D40          ; 200,000 microseconds
            mov  ah, 0x86
            int  0x15
            mov  [0x600], ax
            pushf
            pop  word [0x602]
            mov  al, [0x4A0]
            mov  [0x604], al
            jmp  done
        tick:
            push ax
            mov  al, [0x4A0]
            or   [0x611], al
            inc  byte [0x610]
            pop  ax
            iret
        done:
        """);
    assertThat(m.now()).isBetween(Duration.ofMillis(200), Duration.ofMillis(260));
    assertThat(m.peekb(0x601)).isZero();
    assertThat(m.peekw(0x602) & Flags.CF).isZero();
    assertThat(m.peekb(0x604)).as("40:A0h cleared after the wait").isZero();
    assertThat(m.peekb(0x610)).as("timer ticks during the wait").isBetween(3, 5);
    assertThat(m.peekb(0x611)).as("40:A0h set during the wait").isEqualTo(1);
  }

  @Test
  void aSecondWaitWhileOneRunsIsRefused() {
    // IRQ 1 comes during the wait; its handler asks for a wait of its own. (Not from INT 1Ch:
    // IRQ 0 is still in service there, so no interrupt could end a wait, as on a real AT.)
    Bench bench = new Bench();
    IrqSource lines = new IrqSource();
    m = VddTestKit.embed(new VPic(), new VTimer(), new VSysBios(), bench, lines)
        .memoryKiB(4096).builtInBios().withCpu(CpuModel.I8086).start();
    bench.at(Duration.ofMillis(70), () -> lines.level(1, true));
    Bench.run(m, """
            mov  word [0x24], irq1
            mov  word [0x26], 0
            sti
            mov  cx, 0x0003
            mov  dx, 0x0D40          ; 200,000 microseconds
            mov  ah, 0x86
            int  0x15
            mov  [0x600], ax
            jmp  done
        irq1:
            push ax
            push cx
            push dx
            mov  cx, 0
            mov  dx, 10
            mov  ah, 0x86
            int  0x15
            mov  [0x612], ax
            pushf
            pop  word [0x614]
            mov  al, 0x20
            out  0x20, al
            pop  dx
            pop  cx
            pop  ax
            iret
        done:
        """);
    assertThat(m.peekb(0x601)).as("the first wait succeeds").isZero();
    assertThat(m.now()).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    assertThat(m.peekb(0x613)).as("a second wait while one runs").isEqualTo(0x83);
    assertThat(m.peekw(0x614) & Flags.CF).isNotZero();
  }

  @Test
  void keyboardInterceptKeepsTheCode() {
    start(4096);
    run(call(0x15, "clc\nmov ax, 0x4F1E", 0x600));
    assertThat(cf(0x600)).isTrue();
    assertThat(ax(0x600) & 0xFF).isEqualTo(0x1E);
  }

  @Test
  void unknownFunctionsAnswerUnsupported() {
    start(4096);
    run(call(0x15, "mov ax, 0xC200", 0x600) + call(0x15, "mov ax, 0x8900", 0x610));
    assertThat(cf(0x600)).isTrue();
    assertThat(ah(0x600)).isEqualTo(0x86);
    assertThat(ah(0x610)).isEqualTo(0x86);
  }

  @Test
  void bootLoadsTheFirstDiskWithASignatureAndJumpsThere() {
    start(4096);
    // The guest's own INT 13h: no floppy; the hard disk's boot sector is CLI, HLT.
    ExitStatus status = m.execute("""
            mov  word [0x4C], disk
            mov  word [0x4E], 0
            mov  ax, 0x0030
            mov  ss, ax
            mov  sp, 0x0100
            int  0x19
        disk:
            push bp
            mov  bp, sp
            cmp  dl, 0
            jne  hard
            mov  ah, 0x80            ; no floppy
            or   word [bp+6], 1      ; CF in the caller's flags
            pop  bp
            iret
        hard:
            mov  word [0x7C00], 0xF4FA  ; cli, hlt
            mov  word [0x7DFE], 0xAA55
            mov  ax, 0x0001
            and  word [bp+6], 0xFFFE
            pop  bp
            iret
        """);
    assertThat(status.reason()).isEqualTo(ExitReason.HALTED);
    assertThat(m.registers().cs()).isZero();
    assertThat(m.registers().ip()).as("halted in the boot sector").isEqualTo(0x7C02);
    assertThat(m.registers().ss()).isZero();
    assertThat(m.registers().sp()).isEqualTo(0x7C00);
    assertThat(m.peekw(0x7BFA)).as("IRET to IP 7C00h").isEqualTo(0x7C00);
    assertThat(m.peekw(0x7BFC)).as("CS 0").isZero();
    assertThat(m.peekw(0x7BFE) & 0x0200).as("interrupts on").isNotZero();
    assertThat(m.registers().dl()).isEqualTo(0x80);
  }

  @Test
  void noBootableDiskPrintsAndCallsInt18h() {
    start(4096);
    m.poke(0x7DFE, 0x55, 0xAA); // a stale signature from before must not count
    m.poke(0x700, new int[32]);
    run("""
            mov  word [0x4C], disk
            mov  word [0x4E], 0
            mov  word [0x40], video
            mov  word [0x42], 0
            mov  word [0x60], basic
            mov  word [0x62], 0
            mov  word [0x600], 0
            mov  byte [0x602], 0
            int  0x19
            jmp  done
        disk:                        ; every drive fails
            push bp
            mov  bp, sp
            or   word [bp+6], 1
            mov  ah, 0x80
            pop  bp
            iret
        video:                       ; AH=0Eh: keep the character
            mov  bx, [0x600]
            mov  [bx+0x700], al
            inc  word [0x600]
            iret
        basic:                       ; INT 18h: ROM BASIC, or "no boot device"
            mov  byte [0x602], 1
            mov  [0x604], ss
            iret
        done:
        """);
    assertThat(m.peekw(0x600)).as("one INT 10h call per character").isEqualTo(16);
    assertThat(new String(m.memory().read(0x700, 16), java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("No boot device\r\n");
    assertThat(m.peekb(0x602)).as("INT 18h called").isEqualTo(1);
    assertThat(m.peekw(0x604)).as("on the caller's stack").isZero();
  }

  @Test
  void withABiosImageTheGuestsOwnVectorsServe() {
    m = VddTestKit.embed(new VSysBios()).withCpu(CpuModel.I8086).start();
    run("""
            mov  word [0x54], own
            mov  word [0x56], 0
            mov  ax, 0x8800
            int  0x15
            jmp  done
        own:
            mov  ax, 0x1234
            iret
        done:
        """);
    assertThat(m.registers().ax()).as("VSysBios does not answer INT 15h").isEqualTo(0x1234);
    assertThat(m.peekw(0xEF000)).as("no configuration table").isNotEqualTo(8);
  }
}
