package dev.mvm.ist.x86;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvm.api.cpu.CpuModel;
import dev.mvm.api.cpu.CpuStop;
import dev.mvm.api.cpu.Registers;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * The part of 80386 protected mode a flat 32-bit BIOS uses: CR0.PE, descriptors from the GDT,
 * 32-bit code and stack segments, far jumps between 16- and 32-bit code, interrupts and
 * exceptions through the IDT with their error codes, the return to real mode keeping a 4 GiB
 * cached limit, and the shutdown of a triple fault. The program is {@code pm/flat32.asm}
 * (nasm), its source says what each result is. Privilege levels, gates, tasks, paging and
 * V86 mode are shown by whole programs in the integration tests (ProtectedModeProgramsTest).
 */
class ProtectedModeTest {

  private static final int BASE = 0x10000;

  private TestBus bus;
  private X86Cpu cpu;
  private Registers regs;

  private void machine(CpuModel model) {
    bus = new TestBus(1 << 24);
    cpu = new X86Cpu(model, bus);
    regs = cpu.registers();
    regs.setCs(BASE >> 4);
    regs.setIp(0);
    regs.setSs(0);
    regs.setSp(0x8000);
  }

  private static byte[] program(String name) throws IOException {
    try (InputStream in =
        Objects.requireNonNull(
            ProtectedModeTest.class.getResourceAsStream("/pm/" + name), name)) {
      return in.readAllBytes();
    }
  }

  private int dword(int address) {
    return bus.word(address) | bus.word(address + 2) << 16;
  }

  @ParameterizedTest
  @EnumSource(
      value = CpuModel.class,
      names = {"I80386", "I80486"})
  void aFlatThirtyTwoBitProgramRunsAndReturnsToRealMode(CpuModel model) throws IOException {
    machine(model);
    byte[] code = program("flat32.bin");
    int[] bytes = new int[code.length];
    for (int i = 0; i < code.length; i++) {
      bytes[i] = code[i] & 0xFF;
    }
    bus.load(BASE, bytes);
    int results = BASE + code.length - 7 * 4;

    assertThat(cpu.run(10_000)).isEqualTo(CpuStop.HALTED);

    assertThat(dword(results)).as("read back above 1 MiB").isEqualTo(0x1234_5678);
    assertThat(dword(results + 4)).as("ECX from the subroutine").isEqualTo(0xC0FFEE);
    assertThat(dword(results + 8)).as("ESP in the INT 30h handler").isEqualTo(0x200000 - 12);
    assertThat(dword(results + 12)).as("#GP error code").isEqualTo(0x58);
    int faulting = dword(results + 16);
    assertThat(bus.word(faulting) & 0xFFFF).as("MOV DS,AX at the pushed EIP").isEqualTo(0xD88E);
    assertThat(dword(results + 20)).as("big real mode read").isEqualTo(0x1234_5678);
    assertThat(dword(results + 24) & 1).as("CR0.PE back in real mode").isZero();
    assertThat(regs.cs()).isEqualTo(0x1000);
    assertThat(regs.esp()).isEqualTo(0x200000);
    assertThat(regs.protectedMode()).isFalse();
  }

  @Test
  void theDisassemblerFollowsTheCodeSegmentsDescriptor() throws IOException {
    machine(CpuModel.I80486);
    byte[] code = program("flat32.bin");
    int[] bytes = new int[code.length];
    for (int i = 0; i < code.length; i++) {
      bytes[i] = code[i] & 0xFF;
    }
    bus.load(BASE, bytes);
    // Up to the first instruction of the 32-bit code: cli, lgdt, lidt, three to set PE, jmp.
    for (int i = 0; i < 7; i++) {
      cpu.run(1);
    }
    assertThat(regs.cs()).isEqualTo(0x08);
    assertThat(regs.eip()).isGreaterThan(0xFFFF);
    assertThat(regs.protectedMode()).isTrue();
    assertThat(regs.virtual8086()).isFalse();
    assertThat(regs.cpl()).isZero();
    assertThat(cpu.disassemble(regs.cs(), regs.eip())).isEqualTo("mov ax, 10h");
    for (int i = 0; i < 4; i++) {
      cpu.run(1); // the four segment loads
    }
    assertThat(cpu.disassemble(regs.cs(), regs.eip())).isEqualTo("mov esp, 200000h");
  }

  @Test
  void anInstructionPastTheCodeSegmentsLimitRaisesGp() {
    machine(CpuModel.I80386);
    // lgdt [cs:20h]; lidt [cs:28h]; mov eax,cr0; or al,1; mov cr0,eax; jmp 0008h:0000h
    bus.load(BASE, 0x2E, 0x0F, 0x01, 0x16, 0x20, 0x00, 0x2E, 0x0F, 0x01, 0x1E, 0x28, 0x00,
        0x0F, 0x20, 0xC0, 0x0C, 0x01, 0x0F, 0x22, 0xC0, 0xEA, 0x00, 0x00, 0x08, 0x00);
    load64(BASE + 0x20, 0x0000_0001_0030_001FL); // GDTR: limit 1Fh, base 10030h
    load64(BASE + 0x28, 0x0000_0001_0050_006FL); // IDTR: limit 6Fh, base 10050h
    load64(BASE + 0x38, 0x0000_9A02_0000_0004L); // 08h: 16-bit code at 20000h, limit 4
    load64(BASE + 0x40, 0x00CF_9A00_0000_FFFFL); // 10h: 32-bit flat code
    load64(BASE + 0x50 + 13 * 8, 0x0003_8E00_0010_0000L); // #GP: 0010h:00030000h
    bus.load(0x20000, 0x90, 0x90, 0x90, 0x90, 0x90, 0x90); // five NOPs fit, the sixth not
    bus.load(0x30000, 0xF4);

    assertThat(cpu.run(100)).isEqualTo(CpuStop.HALTED);
    assertThat(regs.cs()).isEqualTo(0x10);
    int sp = regs.sp();
    assertThat(dword(sp)).as("error code").isZero();
    assertThat(dword(sp + 4)).as("EIP of the instruction past the limit").isEqualTo(5);
    assertThat(dword(sp + 8) & 0xFFFF).isEqualTo(0x08);
  }

  private void load64(int address, long value) {
    for (int i = 0; i < 8; i++) {
      bus.load(address + i, (int) (value >>> (8 * i)) & 0xFF);
    }
  }

  @Test
  void aFaultWithoutAUsableIdtShutsTheProcessorDown() {
    machine(CpuModel.I80486);
    // lidt [cs:idt0]; mov eax,cr0; or al,1; mov cr0,eax; int3 ... idt0: dw 0, dd 0
    bus.load(
        BASE,
        0x2E, 0x0F, 0x01, 0x1E, 0x10, 0x00, // lidt [cs:0010h]
        0x0F, 0x20, 0xC0, // mov eax,cr0
        0x0C, 0x01, // or al,1
        0x0F, 0x22, 0xC0, // mov cr0,eax
        0xCC, // int3: beyond the IDT's limit -> #GP -> #DF -> shutdown
        0xF4,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00); // idt0: limit 0, base 0

    assertThat(cpu.run(100)).isEqualTo(CpuStop.SHUTDOWN);
    assertThat(cpu.stopDetail()).contains("triple fault");
  }
}
