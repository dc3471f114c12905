package dev.mvm.vdd.std;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvm.api.Vm;
import dev.mvm.api.vdd.InterruptHook;
import org.junit.jupiter.api.Test;

/** The built-in BIOS's system services on a fake machine. */
class VSysBiosTest {
  private FakeContext m = FakeContext.builtIn();
  private VSysBios bios = attach(m);

  private static VSysBios attach(FakeContext context) {
    VSysBios b = new VSysBios();
    b.attach(context);
    b.reset();
    return b;
  }

  private void int15(int ax) {
    m.regs.setAx(ax);
    m.interrupt(0x15);
  }

  @Test
  void equipmentAndMemorySizeComeFromTheDataArea() {
    m.writeWord(0x410, 0x4027);
    m.interrupt(0x11);
    assertThat(m.regs.ax()).isEqualTo(0x4027);
    m.interrupt(0x12);
    assertThat(m.regs.ax()).isEqualTo(640);
  }

  @Test
  void a20FunctionsDriveTheGate() {
    int15(0x2401);
    assertThat(m.a20).isTrue();
    assertThat(m.regs.cf()).isFalse();
    assertThat(m.regs.ah()).isZero();
    int15(0x2402);
    assertThat(m.regs.al()).isEqualTo(1);
    int15(0x2400);
    assertThat(m.a20).isFalse();
    int15(0x2402);
    assertThat(m.regs.al()).isZero();
    int15(0x2403);
    assertThat(m.regs.bx()).isEqualTo(3);
    int15(0x2404);
    assertThat(m.regs.cf()).isTrue();
    assertThat(m.regs.ah()).isEqualTo(0x86);
  }

  @Test
  void extendedMemorySizes() {
    int15(0x8800);
    assertThat(m.regs.ax()).isEqualTo(3 * 1024);
    assertThat(m.regs.cf()).isFalse();
    int15(0xE801);
    assertThat(m.regs.ax()).isEqualTo(3 * 1024);
    assertThat(m.regs.cx()).isEqualTo(3 * 1024);
    assertThat(m.regs.bx()).isZero();

    m = new FakeContext(Vm.builder().personality(dev.mvm.api.Personality.BARE_MACHINE).memoryMiB(48));
    bios = attach(m);
    int15(0xE801);
    assertThat(m.regs.ax()).isEqualTo(0x3C00);
    assertThat(m.regs.bx()).isEqualTo(32 * 16);
    assertThat(m.regs.dx()).isEqualTo(32 * 16);
  }

  @Test
  void e820ListsConventionalRomAndExtendedMemory() {
    long[][] entries = new long[3][];
    m.regs.setEbx(0);
    for (int i = 0; i < 3; i++) {
      m.regs.setEax(0xE820);
      m.regs.setEdx(VSysBios.SMAP);
      m.regs.setEcx(20);
      m.regs.setEs(0x2000);
      m.regs.setDi(0x0010);
      m.interrupt(0x15);
      assertThat(m.regs.cf()).isFalse();
      assertThat(m.regs.eax()).isEqualTo(VSysBios.SMAP);
      assertThat(m.regs.ecx()).isEqualTo(20);
      int at = 0x20010;
      entries[i] = new long[] {
        m.readWord(at) | (long) m.readWord(at + 2) << 16,
        m.readWord(at + 8) | (long) m.readWord(at + 10) << 16,
        m.readWord(at + 16)};
      if (i < 2) {
        assertThat(m.regs.ebx()).isEqualTo(i + 1);
      }
    }
    assertThat(m.regs.ebx()).as("the last entry").isZero();
    assertThat(entries[0]).containsExactly(0, 640 * 1024, 1);
    assertThat(entries[1]).containsExactly(0xEF000, 0x11000, 2);
    assertThat(entries[2]).containsExactly(0x100000, 3 << 20, 1);

    m.regs.setEax(0xE820);
    m.regs.setEdx(0x1234);
    m.regs.setEbx(0);
    m.interrupt(0x15);
    assertThat(m.regs.cf()).isTrue();
    assertThat(m.regs.ah()).isEqualTo(0x86);
  }

  @Test
  void configurationTableLivesInItsRomPage() {
    int15(0xC000);
    assertThat(m.regs.cf()).isFalse();
    assertThat(m.regs.ah()).isZero();
    int at = m.regs.es() * 16 + m.regs.bx();
    assertThat(m.roms).containsKey(0xEF000);
    assertThat(m.readWord(at)).isEqualTo(8);
    assertThat(m.readByte(at + 2)).as("model: AT").isEqualTo(0xFC);
    assertThat(m.readByte(at + 5) & 0x10).as("INT 09h calls INT 15h AH=4Fh").isNotZero();
  }

  @Test
  void blockMoveCopiesWithTheGateOpenAndRestoresIt() {
    for (int i = 0; i < 8; i++) {
      m.ram[0x200000 + i] = (byte) (0xA0 + i);
    }
    int gdt = 0x30000;
    // descriptor 2 (source) at +10h: limit, base 0-23, access, limit/flags, base 24-31
    m.writeWord(gdt + 0x12, 0x0000);
    m.ram[gdt + 0x14] = 0x20;
    m.writeWord(gdt + 0x1A, 0x0500);
    m.ram[gdt + 0x1C] = 0x00;
    m.regs.setEs(0x3000);
    m.regs.setSi(0);
    m.regs.setCx(4);
    int15(0x8700);
    assertThat(m.regs.cf()).isFalse();
    assertThat(m.regs.ah()).isZero();
    assertThat(m.readByte(0x500)).isEqualTo(0xA0);
    assertThat(m.readByte(0x507)).isEqualTo(0xA7);
    assertThat(m.readByte(0x508)).isZero();
    assertThat(m.a20).as("gate closed again").isFalse();
  }

  @Test
  void waitLastsAtLeastTheVirtualTimeAsked() {
    m.regs.setCx(0);
    m.regs.setDx(1000); // 1 ms
    int15(0x8600);
    assertThat(m.idlers).hasSize(1);
    assertThat(m.readByte(0x4A0)).isEqualTo(1);
    int15(0x8600);
    assertThat(m.regs.ah()).as("a second wait while one runs").isEqualTo(0x83);
    assertThat(m.regs.cf()).isTrue();
    m.advance(500_000);
    m.wake();
    assertThat(m.idlers).as("too early: idles again").hasSize(1);
    m.advance(500_000);
    m.wake();
    assertThat(m.idlers).isEmpty();
    assertThat(m.regs.cf()).isFalse();
    assertThat(m.readByte(0x4A0)).isZero();
  }

  @Test
  void keyboardInterceptKeepsTheCode() {
    m.regs.setCf(false);
    int15(0x4F1E);
    assertThat(m.regs.cf()).isTrue();
    assertThat(m.regs.al()).isEqualTo(0x1E);
  }

  @Test
  void unknownFunctionsAnswerUnsupported() {
    int15(0xC200);
    assertThat(m.regs.cf()).isTrue();
    assertThat(m.regs.ah()).isEqualTo(0x86);
    int15(0x8900);
    assertThat(m.regs.ah()).isEqualTo(0x86);
  }

  @Test
  void bootLoadsTheFirstDiskWithASignatureAndJumpsThere() {
    m.hooks.put(0x13, regs -> {
      if (regs.dl() == 0x00) {
        regs.setAh(0x80); // no floppy
        regs.setCf(true);
      } else {
        m.ram[0x7C00] = (byte) 0xEB;
        m.writeWord(0x7DFE, 0xAA55);
        regs.setAx(0x0001);
        regs.setCf(false);
      }
      return InterruptHook.Result.HANDLED;
    });
    m.regs.setSs(0x0030);
    m.regs.setSp(0x0100);
    m.interrupt(0x19);
    assertThat(m.regs.ss()).isZero();
    assertThat(m.regs.sp()).isEqualTo(0x7BFA);
    assertThat(m.readWord(0x7BFA)).as("IRET to IP 7C00h").isEqualTo(0x7C00);
    assertThat(m.readWord(0x7BFC)).as("CS 0").isZero();
    assertThat(m.readWord(0x7BFE) & 0x0200).as("interrupts on").isNotZero();
    assertThat(m.regs.dl()).isEqualTo(0x80);
  }

  @Test
  void noBootableDiskPrintsAndCallsInt18h() {
    m.writeWord(0x7DFE, 0xAA55); // stale signature from before must not count
    m.regs.setSs(0x0030);
    m.regs.setSp(0x0100);
    m.interrupt(0x19); // nothing serves INT 13h: the default IRET keeps CF as it was
    assertThat(m.calledVectors.stream().filter(v -> v == 0x10).count()).isEqualTo(16);
    assertThat(m.calledVectors).endsWith(0x18);
    assertThat(m.regs.ss()).isEqualTo(0x0030);
  }

  @Test
  void withTheDosPersonalityInt19hIsLeftToTheKernel() {
    FakeContext dos = new FakeContext(Vm.builder());
    attach(dos);
    assertThat(dos.hooks).containsKeys(0x11, 0x12, 0x15).doesNotContainKey(0x19);
    FakeContext image = new FakeContext(Vm.builder().biosImage(new byte[65536]));
    attach(image);
    assertThat(image.hooks).isEmpty();
    assertThat(image.roms).isEmpty();
  }
}
