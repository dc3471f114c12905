package dev.mvm.ist.x86;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvm.api.cpu.CpuModel;
import dev.mvm.api.cpu.CpuStop;
import dev.mvm.api.cpu.Flags;
import dev.mvm.api.cpu.Registers;
import dev.mvm.api.cpu.SegmentRegister;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The 80386 and 80486 in real mode: 32-bit registers and addressing, FS and GS, the
 * instructions they add, segment limits, and what each model has or lacks. The code bytes
 * were assembled with nasm ({@code bits 16}) from the source in each comment.
 */
class Cpu386Test {

  private static final int CODE_SEG = 0x1000;
  private static final int CODE = CODE_SEG << 4;
  private static final int DATA = 0x30000;

  private TestBus bus;
  private X86Cpu cpu;
  private Registers regs;

  private void machine(CpuModel model) {
    bus = new TestBus(1 << 24);
    cpu = new X86Cpu(model, bus);
    regs = cpu.registers();
    regs.setCs(CODE_SEG);
    regs.setIp(0);
    regs.setSs(0x2000);
    regs.setSp(0x1000);
    regs.setDs(0x3000);
    regs.setEs(0x4000);
    for (int n = 0; n < 0x40; n++) {
      handler(n);
    }
  }

  /** Points interrupt vector {@code n} at 5000:n*16, where a HLT waits. */
  private void handler(int n) {
    bus.load(n * 4, (n * 16) & 0xFF, (n * 16) >> 8, 0x00, 0x50);
    bus.load(0x50000 + n * 16, 0xF4);
  }

  /** Loads the code at 1000:0000, then a HLT, and runs to a HLT. */
  private CpuStop run(int... code) {
    bus.load(CODE, code);
    bus.load(CODE + code.length, 0xF4);
    return cpu.run(100_000);
  }

  /** The vector whose handler the CPU halted in, or -1 where it halted in the code. */
  private int exception() {
    return regs.cs() == 0x5000 ? (regs.ip() - 1) / 16 : -1;
  }

  private int stackWord(int index) {
    return bus.word((regs.ss() << 4) + regs.sp() + 2 * index);
  }

  private int dword(int address) {
    return bus.word(address) | bus.word(address + 2) << 16;
  }

  @ParameterizedTest
  @EnumSource(
      value = CpuModel.class,
      names = {"I80386", "I80486"})
  void operandSizePrefixReachesTheWholeRegisterAndWordWritesKeepTheUpperHalf(CpuModel model) {
    machine(model);
    // mov eax,12345678h; mov ax,0BEEFh; mov ebx,0F0000001h; add eax,ebx; inc ecx; dec edx
    run(0x66, 0xB8, 0x78, 0x56, 0x34, 0x12, 0xB8, 0xEF, 0xBE, 0x66, 0xBB, 0x01, 0x00, 0x00,
        0xF0, 0x66, 0x01, 0xD8, 0x66, 0x41, 0x66, 0x4A);
    assertThat(exception()).isEqualTo(-1);
    assertThat(regs.eax()).isEqualTo(0x0234_BEF0);
    assertThat(regs.cf()).isTrue(); // carry out of bit 31
    assertThat(regs.ecx()).isEqualTo(1);
    int signature = model == CpuModel.I80486 ? X86Cpu.SIGNATURE_486 : X86Cpu.SIGNATURE_386;
    assertThat(regs.edx()).isEqualTo(signature - 1);
  }

  @Test
  void resetPutsTheSignatureInDxAndStartsAtTheResetVector() {
    machine(CpuModel.I80486);
    cpu.reset();
    assertThat(regs.cs()).isEqualTo(0xF000);
    assertThat(regs.ip()).isEqualTo(0xFFF0);
    assertThat(regs.edx()).isEqualTo(0x0422);
    assertThat(regs.eflags()).isEqualTo(2);
  }

  @Test
  void sibAddressingScalesTheIndexAndAddsTheDisplacement() {
    machine(CpuModel.I80386);
    // mov ebx,100h; mov esi,4; mov dword [ebx+esi*4+8],0DEADBEEFh; lea edi,[ebx+esi*8+3];
    // mov ecx,[dword 118h]
    run(0x66, 0xBB, 0x00, 0x01, 0x00, 0x00, 0x66, 0xBE, 0x04, 0x00, 0x00, 0x00, 0x66, 0x67,
        0xC7, 0x44, 0xB3, 0x08, 0xEF, 0xBE, 0xAD, 0xDE, 0x66, 0x67, 0x8D, 0x7C, 0xF3, 0x03,
        0x66, 0x67, 0x8B, 0x0D, 0x18, 0x01, 0x00, 0x00);
    assertThat(dword(DATA + 0x118)).isEqualTo(0xDEAD_BEEF);
    assertThat(regs.edi()).isEqualTo(0x123);
    assertThat(regs.ecx()).isEqualTo(0xDEAD_BEEF);
  }

  @Test
  void fsAndGsAreSegmentRegisters() {
    machine(CpuModel.I80386);
    // mov ax,5000h; mov fs,ax; mov byte [fs:10h],42h; push fs; pop gs; mov al,[gs:10h]; mov dx,gs
    run(0xB8, 0x00, 0x50, 0x8E, 0xE0, 0x64, 0xC6, 0x06, 0x10, 0x00, 0x42, 0x0F, 0xA0, 0x0F,
        0xA9, 0x65, 0xA0, 0x10, 0x00, 0x8C, 0xEA);
    assertThat(bus.ram[0x50010]).isEqualTo((byte) 0x42);
    assertThat(regs.segment(SegmentRegister.GS)).isEqualTo(0x5000);
    assertThat(regs.fs()).isEqualTo(0x5000);
    assertThat(regs.al()).isEqualTo(0x42);
    assertThat(regs.dx()).isEqualTo(0x5000);
    assertThat(cpu.disassemble(CODE_SEG, 5)).isEqualTo("mov byte [fs:10h], 42h");
  }

  @Test
  void offsetsPastTheLimitRaiseGpOrSsThroughSs() {
    machine(CpuModel.I80386);
    run(0xA1, 0xFF, 0xFF); // mov ax,[0FFFFh]: a word that would wrap
    assertThat(exception()).isEqualTo(13);
    assertThat(stackWord(0)).isZero(); // returns to the instruction

    machine(CpuModel.I80386);
    run(0x67, 0xA0, 0x00, 0x00, 0x01, 0x00); // mov al,[dword 10000h]
    assertThat(exception()).isEqualTo(13);

    machine(CpuModel.I80386);
    run(0x66, 0xBD, 0xFE, 0xFF, 0x00, 0x00, 0x67, 0x8B, 0x45, 0x00); // mov ebp,0FFFEh; mov ax,[ebp]
    assertThat(exception()).isEqualTo(-1);
    machine(CpuModel.I80386);
    run(0x66, 0xBD, 0xFF, 0xFF, 0x00, 0x00, 0x67, 0x8B, 0x45, 0x00); // mov ebp,0FFFFh; mov ax,[ebp]
    assertThat(exception()).isEqualTo(12);

    machine(CpuModel.I80386);
    regs.setEsp(0x0003_0001);
    run(0x50); // push ax with SP = 1
    assertThat(exception()).isEqualTo(12);
    assertThat(regs.sp()).isEqualTo(0xFFFB); // SP as it was, less the interrupt frame
    assertThat(regs.esp() >>> 16).isEqualTo(3);
  }

  @Test
  void aFourGigabyteLimitLetsThirtyTwoBitOffsetsThrough() {
    machine(CpuModel.I80386);
    cpu.setSegmentLimit(SegmentRegister.DS, 0xFFFF_FFFF);
    regs.setDs(0);
    bus.ram[0x10_0000] = 0x5A;
    bus.ram[0x12340 + 0x10_0000] = 0x6B;
    // mov al,[dword 100000h]; mov ah,al; mov bx,1234h; mov ds,bx; mov al,[dword 100000h]
    // (a real-mode load changes the base, never the limit)
    run(0x67, 0xA0, 0x00, 0x00, 0x10, 0x00, 0x88, 0xC4, 0xBB, 0x34, 0x12, 0x8E, 0xDB, 0x67,
        0xA0, 0x00, 0x00, 0x10, 0x00);
    assertThat(exception()).isEqualTo(-1);
    assertThat(regs.ax()).isEqualTo(0x5A6B);
  }

  @Test
  void movzxMovsxAndSetcc() {
    machine(CpuModel.I80386);
    // mov bl,80h; movzx eax,bl; movsx ecx,bl; mov dx,8001h; movsx edx,dx; movzx si,bl
    run(0xB3, 0x80, 0x66, 0x0F, 0xB6, 0xC3, 0x66, 0x0F, 0xBE, 0xCB, 0xBA, 0x01, 0x80, 0x66,
        0x0F, 0xBF, 0xD2, 0x0F, 0xB6, 0xF3);
    assertThat(regs.eax()).isEqualTo(0x80);
    assertThat(regs.ecx()).isEqualTo(0xFFFF_FF80);
    assertThat(regs.edx()).isEqualTo(0xFFFF_8001);
    assertThat(regs.si()).isEqualTo(0x80);

    machine(CpuModel.I80386);
    // mov ax,1; cmp ax,2; setb bl; setz bh; setg cl; setl byte [20h]
    run(0xB8, 0x01, 0x00, 0x83, 0xF8, 0x02, 0x0F, 0x92, 0xC3, 0x0F, 0x94, 0xC7, 0x0F, 0x9F,
        0xC1, 0x0F, 0x9C, 0x06, 0x20, 0x00);
    assertThat(regs.bl()).isEqualTo(1);
    assertThat(regs.bh()).isZero();
    assertThat(regs.cl()).isZero();
    assertThat(bus.ram[DATA + 0x20]).isEqualTo((byte) 1);
  }

  @Test
  void bitTestsReachBeyondTheOperandWithARegisterOffset() {
    machine(CpuModel.I80386);
    bus.ram[DATA + 0x0E] = (byte) 0x80; // bit -1 from [10h]
    // mov ax,35; bts [10h],ax; mov ax,-1; bt [10h],ax; mov eax,100; btc dword [20h],eax;
    // mov bx,8000h; bt bx,15; btr bx,15
    run(0xB8, 0x23, 0x00, 0x0F, 0xAB, 0x06, 0x10, 0x00, 0xB8, 0xFF, 0xFF, 0x0F, 0xA3, 0x06,
        0x10, 0x00, 0x66, 0xB8, 0x64, 0x00, 0x00, 0x00, 0x66, 0x0F, 0xBB, 0x06, 0x20, 0x00,
        0xBB, 0x00, 0x80, 0x0F, 0xBA, 0xE3, 0x0F, 0x0F, 0xBA, 0xF3, 0x0F);
    assertThat(bus.ram[DATA + 0x14]).isEqualTo((byte) 0x08); // bit 35 = byte 4, bit 3
    assertThat(bus.ram[DATA + 0x20 + 12]).isEqualTo((byte) 0x10); // bit 100 = byte 12, bit 4
    assertThat(regs.bx()).isZero();
    assertThat(regs.cf()).isTrue(); // from btr: the bit was set

    machine(CpuModel.I80386);
    // mov word [30h],5; bt word [30h],2; bts word [30h],18 (an immediate wraps to bit 2)
    run(0xC7, 0x06, 0x30, 0x00, 0x05, 0x00, 0x0F, 0xBA, 0x26, 0x30, 0x00, 0x02, 0x0F, 0xBA,
        0x2E, 0x30, 0x00, 0x12);
    assertThat(regs.cf()).isTrue();
    assertThat(bus.word(DATA + 0x30)).isEqualTo(5);
  }

  @Test
  void bitScansAndDoubleShifts() {
    machine(CpuModel.I80386);
    // mov eax,0F00000h; bsf ecx,eax; bsr edx,eax; mov ebx,5; xor eax,eax; bsf ebx,eax
    run(0x66, 0xB8, 0x00, 0x00, 0xF0, 0x00, 0x66, 0x0F, 0xBC, 0xC8, 0x66, 0x0F, 0xBD, 0xD0,
        0x66, 0xBB, 0x05, 0x00, 0x00, 0x00, 0x66, 0x31, 0xC0, 0x66, 0x0F, 0xBC, 0xD8);
    assertThat(regs.ecx()).isEqualTo(20);
    assertThat(regs.edx()).isEqualTo(23);
    assertThat(regs.ebx()).isEqualTo(5); // a zero source leaves the destination
    assertThat(regs.zf()).isTrue();

    machine(CpuModel.I80386);
    // mov eax,12345678h; mov ebx,9ABCDEF0h; shld eax,ebx,8; mov cl,4; shrd ebx,eax,cl
    run(0x66, 0xB8, 0x78, 0x56, 0x34, 0x12, 0x66, 0xBB, 0xF0, 0xDE, 0xBC, 0x9A, 0x66, 0x0F,
        0xA4, 0xD8, 0x08, 0xB1, 0x04, 0x66, 0x0F, 0xAD, 0xC3);
    assertThat(regs.eax()).isEqualTo(0x3456_789A);
    assertThat(regs.ebx()).isEqualTo(0xA9AB_CDEF);
  }

  @Test
  void multipliesAndDivides() {
    machine(CpuModel.I80386);
    // mov eax,-3; mov ebx,100000; imul eax,ebx; mov cx,300; imul cx,cx
    run(0x66, 0xB8, 0xFD, 0xFF, 0xFF, 0xFF, 0x66, 0xBB, 0xA0, 0x86, 0x01, 0x00, 0x66, 0x0F,
        0xAF, 0xC3, 0xB9, 0x2C, 0x01, 0x0F, 0xAF, 0xC9);
    assertThat(regs.eax()).isEqualTo(-300_000);
    assertThat(regs.cx()).isEqualTo((300 * 300) & 0xFFFF);
    assertThat(regs.of()).isTrue();

    machine(CpuModel.I80386);
    // mov eax,80000000h; mov ebx,4; mul ebx; mov ecx,eax; mov eax,-5; mov ebx,3; imul ebx
    run(0x66, 0xB8, 0x00, 0x00, 0x00, 0x80, 0x66, 0xBB, 0x04, 0x00, 0x00, 0x00, 0x66, 0xF7,
        0xE3, 0x66, 0x89, 0xC1, 0x66, 0xB8, 0xFB, 0xFF, 0xFF, 0xFF, 0x66, 0xBB, 0x03, 0x00,
        0x00, 0x00, 0x66, 0xF7, 0xEB);
    assertThat(regs.ecx()).isZero();
    assertThat(regs.eax()).isEqualTo(-15);
    assertThat(regs.edx()).isEqualTo(-1);

    machine(CpuModel.I80386);
    // mov edx,1; mov eax,0; mov ebx,2; div ebx; mov esi,eax; mov edx,-1; mov eax,-7;
    // mov ebx,2; idiv ebx
    run(0x66, 0xBA, 0x01, 0x00, 0x00, 0x00, 0x66, 0xB8, 0x00, 0x00, 0x00, 0x00, 0x66, 0xBB,
        0x02, 0x00, 0x00, 0x00, 0x66, 0xF7, 0xF3, 0x66, 0x89, 0xC6, 0x66, 0xBA, 0xFF, 0xFF,
        0xFF, 0xFF, 0x66, 0xB8, 0xF9, 0xFF, 0xFF, 0xFF, 0x66, 0xBB, 0x02, 0x00, 0x00, 0x00,
        0x66, 0xF7, 0xFB);
    assertThat(regs.esi()).isEqualTo(0x8000_0000);
    assertThat(regs.eax()).isEqualTo(-3);
    assertThat(regs.edx()).isEqualTo(-1);

    machine(CpuModel.I80386);
    // mov edx,2; mov eax,0; mov ebx,2; div ebx: the quotient needs 33 bits
    run(0x66, 0xBA, 0x02, 0x00, 0x00, 0x00, 0x66, 0xB8, 0x00, 0x00, 0x00, 0x00, 0x66, 0xBB,
        0x02, 0x00, 0x00, 0x00, 0x66, 0xF7, 0xF3);
    assertThat(exception()).isZero();
    assertThat(stackWord(0)).isEqualTo(18); // the DIV itself
    assertThat(regs.edx()).isEqualTo(2);
  }

  @Test
  void shiftsOfDoublewordsMaskTheCountToFiveBits() {
    machine(CpuModel.I80386);
    // mov eax,80000001h; shl eax,1; mov ebx,80000000h; sar ebx,31; mov ecx,12345678h;
    // mov cl,36; rol ecx,cl
    run(0x66, 0xB8, 0x01, 0x00, 0x00, 0x80, 0x66, 0xD1, 0xE0, 0x66, 0xBB, 0x00, 0x00, 0x00,
        0x80, 0x66, 0xC1, 0xFB, 0x1F, 0x66, 0xB9, 0x78, 0x56, 0x34, 0x12, 0xB1, 0x24, 0x66,
        0xD3, 0xC1);
    assertThat(regs.eax()).isEqualTo(2);
    assertThat(regs.ebx()).isEqualTo(-1);
    assertThat(regs.ecx()).isEqualTo(Integer.rotateLeft(0x1234_5624, 4));
  }

  @Test
  void longConditionalJumps() {
    machine(CpuModel.I80386);
    bus.load(CODE + 0x206, 0xBB, 0x07, 0x00, 0xF4); // t: mov bx,7; hlt
    run(0x39, 0xC0, 0x0F, 0x84, 0x00, 0x02); // cmp ax,ax; je near t
    assertThat(regs.bx()).isEqualTo(7);
  }

  @Test
  void loadsOfFarPointersIntoSsFsGs() {
    machine(CpuModel.I80386);
    // mov word [40h],1234h; mov word [42h],5000h; lss sp,[40h]; lfs bx,[40h]; lgs cx,[40h]
    run(0xC7, 0x06, 0x40, 0x00, 0x34, 0x12, 0xC7, 0x06, 0x42, 0x00, 0x00, 0x50, 0x0F, 0xB2,
        0x26, 0x40, 0x00, 0x0F, 0xB4, 0x1E, 0x40, 0x00, 0x0F, 0xB5, 0x0E, 0x40, 0x00);
    assertThat(regs.ss()).isEqualTo(0x5000);
    assertThat(regs.sp()).isEqualTo(0x1234);
    assertThat(regs.fs()).isEqualTo(0x5000);
    assertThat(regs.gs()).isEqualTo(0x5000);
    assertThat(regs.bx()).isEqualTo(0x1234);
  }

  @Test
  void pushadPopadAndCwdeCdq() {
    machine(CpuModel.I80386);
    // mov eax,11111111h; mov ecx,22222222h; pushad; xor eax,eax; xor ecx,ecx; popad
    run(0x66, 0xB8, 0x11, 0x11, 0x11, 0x11, 0x66, 0xB9, 0x22, 0x22, 0x22, 0x22, 0x66, 0x60,
        0x66, 0x31, 0xC0, 0x66, 0x31, 0xC9, 0x66, 0x61);
    assertThat(regs.eax()).isEqualTo(0x1111_1111);
    assertThat(regs.ecx()).isEqualTo(0x2222_2222);
    assertThat(regs.sp()).isEqualTo(0x1000);
    assertThat(dword(0x20000 + 0x1000 - 4)).isEqualTo(0x1111_1111);

    machine(CpuModel.I80386);
    // mov ax,8000h; cwde; cdq; mov al,80h; cbw
    run(0xB8, 0x00, 0x80, 0x66, 0x98, 0x66, 0x99, 0xB0, 0x80, 0x98);
    assertThat(regs.eax()).isEqualTo(0xFFFF_FF80);
    assertThat(regs.edx()).isEqualTo(-1);
  }

  @ParameterizedTest
  @EnumSource(
      value = CpuModel.class,
      names = {"I80386", "I80486"})
  void acIsAn80486FlagAndIdTogglesOnlyWhereCpuidExists(CpuModel model) {
    machine(model);
    // pushfd; pop eax; mov ebx,eax; or eax,00240000h (AC, ID); push eax; popfd; pushfd; pop ecx
    run(0x66, 0x9C, 0x66, 0x58, 0x66, 0x89, 0xC3, 0x66, 0x0D, 0x00, 0x00, 0x24, 0x00, 0x66,
        0x50, 0x66, 0x9D, 0x66, 0x9C, 0x66, 0x59);
    assertThat(regs.ebx()).isEqualTo(2);
    int expected = model == CpuModel.I80486 ? 0x0024_0002 : 0x0000_0002;
    assertThat(regs.ecx()).isEqualTo(expected);
    assertThat(regs.eflags()).isEqualTo(expected);
  }

  @Test
  void iopl_and_nt_can_be_set_in_real_mode_from_the_80386_on() {
    for (CpuModel model : new CpuModel[] {CpuModel.I80286, CpuModel.I80386}) {
      machine(model);
      // mov ax,7000h; push ax; popf; pushf; pop bx (the classic 286/386 test)
      run(0xB8, 0x00, 0x70, 0x50, 0x9D, 0x9C, 0x5B);
      assertThat(regs.bx() & 0xF000).isEqualTo(model == CpuModel.I80286 ? 0 : 0x7000);
    }
  }

  @Test
  void stringInstructionsWithThirtyTwoBitAddressesUseEsiEdiEcx() {
    machine(CpuModel.I80386);
    bus.load(DATA + 0x10, 1, 2, 3, 4, 5, 6, 7, 8);
    // mov esi,10h; mov edi,20h; mov ecx,2; cld; rep a32 movsd
    run(0x66, 0xBE, 0x10, 0x00, 0x00, 0x00, 0x66, 0xBF, 0x20, 0x00, 0x00, 0x00, 0x66, 0xB9,
        0x02, 0x00, 0x00, 0x00, 0xFC, 0xF3, 0x66, 0x67, 0xA5);
    assertThat(dword(0x40020)).isEqualTo(0x0403_0201);
    assertThat(dword(0x40024)).isEqualTo(0x0807_0605);
    assertThat(regs.esi()).isEqualTo(0x18);
    assertThat(regs.edi()).isEqualTo(0x28);
    assertThat(regs.ecx()).isZero();
    assertThat(cpu.disassemble(CODE_SEG, 19)).isEqualTo("rep movsd");
  }

  @Test
  void jecxzAndLoopCountWithEcxUnderTheAddressSizePrefix() {
    machine(CpuModel.I80386);
    // xor ecx,ecx; a32 jecxz t; hlt; t: mov ecx,10002h; l: a32 loop l
    run(0x66, 0x31, 0xC9, 0x67, 0xE3, 0x01, 0xF4, 0x66, 0xB9, 0x02, 0x00, 0x01, 0x00, 0x67,
        0xE2, 0xFD);
    assertThat(regs.ip()).isEqualTo(17); // past the loop
    assertThat(regs.ecx()).isZero();
    assertThat(cpu.instructionCount()).isEqualTo(4 + 0x10002);
  }

  @Test
  void controlAndDebugRegisters() {
    machine(CpuModel.I80386);
    // mov eax,cr0; mov ebx,eax; mov eax,12345000h; mov cr3,eax; mov ecx,cr3; mov cr2,eax;
    // mov edx,cr2; mov eax,55h; mov dr0,eax; mov esi,dr0; mov edi,dr7
    run(0x0F, 0x20, 0xC0, 0x66, 0x89, 0xC3, 0x66, 0xB8, 0x00, 0x50, 0x34, 0x12, 0x0F, 0x22,
        0xD8, 0x0F, 0x20, 0xD9, 0x0F, 0x22, 0xD0, 0x0F, 0x20, 0xD2, 0x66, 0xB8, 0x55, 0x00,
        0x00, 0x00, 0x0F, 0x23, 0xC0, 0x0F, 0x21, 0xC6, 0x0F, 0x21, 0xFF);
    assertThat(regs.ebx()).isEqualTo(0x7FFF_FFE0);
    assertThat(regs.ecx()).isEqualTo(0x1234_5000);
    assertThat(regs.edx()).isEqualTo(0x1234_5000);
    assertThat(regs.esi()).isEqualTo(0x55);
    assertThat(regs.edi()).isEqualTo(0x400);
    assertThat(cpu.disassemble(CODE_SEG, 12)).isEqualTo("mov cr3, eax");

    machine(CpuModel.I80486);
    run(0x0F, 0x20, 0xC0); // mov eax,cr0
    assertThat(regs.eax()).isEqualTo(0x6000_0010);
  }

  @Test
  void loadallOfThe80386IsUnsupportedAndExecutesNothing() {
    machine(CpuModel.I80386);
    // mov ax,1; loadall (0F 07)
    assertThat(run(0xB8, 0x01, 0x00, 0x0F, 0x07)).isEqualTo(CpuStop.UNSUPPORTED);
    assertThat(regs.ip()).isEqualTo(3);
    assertThat(cpu.stopDetail()).contains("LOADALL");
  }

  @Test
  void cr0RefusesPagingWithoutProtectionAndNotWriteThroughWithoutCacheDisable() {
    machine(CpuModel.I80486);
    // mov eax,80000000h; mov cr0,eax
    run(0x66, 0xB8, 0x00, 0x00, 0x00, 0x80, 0x0F, 0x22, 0xC0);
    assertThat(exception()).isEqualTo(13);
    machine(CpuModel.I80486);
    // mov eax,20000000h (NW alone); mov cr0,eax
    run(0x66, 0xB8, 0x00, 0x00, 0x00, 0x20, 0x0F, 0x22, 0xC0);
    assertThat(exception()).isEqualTo(13);
    machine(CpuModel.I80386);
    run(0x66, 0xB8, 0x00, 0x00, 0x00, 0x20, 0x0F, 0x22, 0xC0); // no cache bits on the 80386
    assertThat(exception()).isEqualTo(-1);
  }

  @Test
  void descriptorTableRegistersStoreTwentyFourOrThirtyTwoBitBases() {
    machine(CpuModel.I80386);
    // sgdt [50h]; o32 sgdt [60h]; mov word [70h],3FFh; mov dword [72h],12345678h;
    // o32 lidt [70h]; sidt [80h]
    run(0x0F, 0x01, 0x06, 0x50, 0x00, 0x66, 0x0F, 0x01, 0x06, 0x60, 0x00, 0xC7, 0x06, 0x70,
        0x00, 0xFF, 0x03, 0x66, 0xC7, 0x06, 0x72, 0x00, 0x78, 0x56, 0x34, 0x12, 0x66, 0x0F,
        0x01, 0x1E, 0x70, 0x00, 0x0F, 0x01, 0x0E, 0x80, 0x00);
    assertThat(bus.word(DATA + 0x50)).isEqualTo(0xFFFF);
    assertThat(dword(DATA + 0x52)).isZero(); // the 80286 stored FFh in the last byte
    assertThat(bus.word(DATA + 0x80)).isEqualTo(0x3FF);
    assertThat(dword(DATA + 0x82)).isEqualTo(0x0034_5678);
  }

  @Test
  void thirtyTwoBitPortAccess() {
    machine(CpuModel.I80386);
    bus.portValue = 0xCAFE_F00D;
    // mov dx,1234h; in eax,dx; out dx,eax; in eax,40h; out 41h,eax
    run(0xBA, 0x34, 0x12, 0x66, 0xED, 0x66, 0xEF, 0x66, 0xE5, 0x40, 0x66, 0xE7, 0x41);
    assertThat(bus.io).containsExactly(
        "in 1234/4", "out 1234/4=cafef00d", "in 40/4", "out 41/4=cafef00d");
  }

  @Test
  void enterAndLeaveWithDoublewordFrames() {
    machine(CpuModel.I80386);
    regs.setEbp(0xABCD_0F00);
    run(0x66, 0xC8, 0x08, 0x00, 0x01, 0x66, 0xC9); // o32 enter 8,1; o32 leave
    assertThat(dword(0x20000 + 0x1000 - 4)).isEqualTo(0xABCD_0F00);
    assertThat(regs.ebp()).isEqualTo(0xABCD_0F00);
    assertThat(regs.sp()).isEqualTo(0x1000);
  }

  @Test
  void thirtyTwoBitCallsReturnsAndIretdMoveDoublewordsOnTheStack() {
    machine(CpuModel.I80386);
    // o32 call t; hlt; t: pop ecx; push ecx; o32 ret
    run(0x66, 0xE8, 0x01, 0x00, 0x00, 0x00, 0xF4, 0x66, 0x59, 0x66, 0x51, 0x66, 0xC3);
    assertThat(regs.ecx()).isEqualTo(6); // the return offset, pushed as a doubleword
    assertThat(regs.ip()).isEqualTo(7);
    assertThat(regs.sp()).isEqualTo(0x1000);

    machine(CpuModel.I80386);
    // o32 call 1000h:7; hlt; o32 retf
    run(0x66, 0x9A, 0x07, 0x00, 0x00, 0x00, 0x00, 0x10, 0xF4, 0x66, 0xCB);
    assertThat(regs.ip()).isEqualTo(9);
    assertThat(regs.sp()).isEqualTo(0x1000);
    assertThat(dword(0x20000 + 0x1000 - 8)).isEqualTo(8); // EIP, then CS as a doubleword
    assertThat(dword(0x20000 + 0x1000 - 4)).isEqualTo(0x1000);

    machine(CpuModel.I80486);
    regs.setEflags(Flags.AC | 2);
    // pushfd; push dword 1000h; push dword 11h; o32 iret; hlt; t: mov bx,1
    run(0x66, 0x9C, 0x66, 0x68, 0x00, 0x10, 0x00, 0x00, 0x66, 0x68, 0x11, 0x00, 0x00, 0x00,
        0x66, 0xCF, 0xF4, 0xBB, 0x01, 0x00);
    assertThat(regs.bx()).isEqualTo(1);
    assertThat(regs.sp()).isEqualTo(0x1000);
    assertThat(regs.eflags()).isEqualTo(Flags.AC | 2);
  }

  @Test
  void aTransferBeyondTheCodeSegmentLimitRaisesGp() {
    machine(CpuModel.I80386);
    run(0x66, 0xEA, 0x00, 0x00, 0x01, 0x00, 0x00, 0x10); // o32 jmp 1000h:10000h
    assertThat(exception()).isEqualTo(13);
    assertThat(stackWord(1)).isEqualTo(CODE_SEG);
  }

  @Test
  void backwardRepneScasdAndLoopneOnEcx() {
    machine(CpuModel.I80386);
    bus.load(0x40000 + 0x20, 0x44, 0x33, 0x22, 0x11);
    // std; mov edi,2Ch; mov ecx,10; mov eax,11223344h; repne a32 scasd
    run(0xFD, 0x66, 0xBF, 0x2C, 0x00, 0x00, 0x00, 0x66, 0xB9, 0x0A, 0x00, 0x00, 0x00, 0x66,
        0xB8, 0x44, 0x33, 0x22, 0x11, 0xF2, 0x66, 0x67, 0xAF);
    assertThat(regs.edi()).isEqualTo(0x1C); // found at 20h, then one step further down
    assertThat(regs.ecx()).isEqualTo(6); // four comparisons: 2Ch, 28h, 24h, 20h
    assertThat(regs.zf()).isTrue();

    machine(CpuModel.I80386);
    // mov ecx,5; xor ax,ax; l: inc ax; cmp ax,3; a32 loopne l
    run(0x66, 0xB9, 0x05, 0x00, 0x00, 0x00, 0x31, 0xC0, 0x40, 0x83, 0xF8, 0x03, 0x67, 0xE0,
        0xF9);
    assertThat(regs.ax()).isEqualTo(3);
    assertThat(regs.ecx()).isEqualTo(2);
  }

  @Test
  void xlatAndBoundWithThirtyTwoBitOperands() {
    machine(CpuModel.I80386);
    bus.load(DATA + 0x12, 0x77);
    run(0x66, 0xBB, 0x10, 0x00, 0x00, 0x00, 0xB0, 0x02, 0x67, 0xD7); // mov ebx,10h; mov al,2; xlat
    assertThat(regs.al()).isEqualTo(0x77);

    machine(CpuModel.I80386);
    // mov dword [50h],-5; mov dword [54h],5; mov eax,6; bound eax,[50h]
    run(0x66, 0xC7, 0x06, 0x50, 0x00, 0xFB, 0xFF, 0xFF, 0xFF, 0x66, 0xC7, 0x06, 0x54, 0x00,
        0x05, 0x00, 0x00, 0x00, 0x66, 0xB8, 0x06, 0x00, 0x00, 0x00, 0x66, 0x62, 0x06, 0x50,
        0x00);
    assertThat(exception()).isEqualTo(5);
  }

  @Test
  void lockIsInvalidBeforeARegisterDestination() {
    machine(CpuModel.I80386);
    run(0xF0, 0x01, 0xD8); // lock add ax,bx
    assertThat(exception()).isEqualTo(6);
    machine(CpuModel.I80386);
    run(0xF0, 0x01, 0x1E, 0x00, 0x01); // lock add [100h],bx
    assertThat(exception()).isEqualTo(-1);
  }

  @Test
  void sizePrefixesAreInvalidOpcodesOnThe80286() {
    machine(CpuModel.I80286);
    run(0x66, 0x40); // not a prefix there
    assertThat(exception()).isEqualTo(6);
    machine(CpuModel.I80286);
    run(0x0F, 0xB6, 0xC3); // movzx: no such instruction
    assertThat(exception()).isEqualTo(6);
  }

  @Test
  void the80486AddsBswapXaddCmpxchgAndCpuid() {
    machine(CpuModel.I80386);
    run(0x66, 0x0F, 0xC8); // bswap eax: not on the 80386
    assertThat(exception()).isEqualTo(6);

    machine(CpuModel.I80486);
    regs.setEax(0x1122_3344);
    regs.setEbx(0x10);
    regs.setEcx(0x20);
    // bswap eax; xadd ebx,ecx (o32); cmpxchg [100h],dx with AX equal; then unequal
    bus.load(DATA + 0x100, 0x44, 0x33);
    run(0x66, 0x0F, 0xC8, 0x66, 0x0F, 0xC1, 0xCB, 0x0F, 0xB1, 0x16, 0x00, 0x01);
    assertThat(regs.eax()).isEqualTo(0x4433_3344); // swapped, then AX loaded by CMPXCHG
    assertThat(regs.ebx()).isEqualTo(0x30);
    assertThat(regs.ecx()).isEqualTo(0x10);
    assertThat(regs.zf()).isFalse(); // AX = 2211h, memory 3344h
    assertThat(regs.ax()).isEqualTo(0x3344);

    machine(CpuModel.I80486);
    regs.setEax(0);
    run(0x0F, 0xA2); // cpuid
    assertThat(regs.eax()).isEqualTo(1);
    StringBuilder vendor = new StringBuilder();
    for (int v : new int[] {regs.ebx(), regs.edx(), regs.ecx()}) {
      for (int i = 0; i < 4; i++) {
        vendor.append((char) ((v >>> (8 * i)) & 0xFF));
      }
    }
    assertThat(vendor.toString()).isEqualTo("GenuineIntel");
    machine(CpuModel.I80486);
    regs.setEax(1);
    run(0x0F, 0xA2);
    assertThat(regs.eax()).isEqualTo(0x422);
    assertThat(regs.edx()).isZero(); // no FPU, no TSC
  }

  @Test
  void withoutAnFpuTheDetectionSequenceFindsNone() {
    machine(CpuModel.I80486);
    bus.load(DATA + 0x10, 0x5A, 0x5A);
    // fninit; fnstsw [10h]
    run(0xDB, 0xE3, 0xDD, 0x3E, 0x10, 0x00);
    assertThat(exception()).isEqualTo(-1);
    assertThat(bus.word(DATA + 0x10)).isEqualTo(0x5A5A);

    machine(CpuModel.I80386);
    // mov eax,cr0; or al,4 (EM); mov cr0,eax; fninit: #NM for an emulator
    run(0x0F, 0x20, 0xC0, 0x0C, 0x04, 0x0F, 0x22, 0xC0, 0xDB, 0xE3);
    assertThat(exception()).isEqualTo(7);
  }

  private String disassemble(int... code) {
    bus.load(CODE, code);
    return cpu.disassemble(CODE_SEG, 0);
  }

  @Test
  void theDisassemblerFollowsOperandAndAddressSize() {
    machine(CpuModel.I80486);
    assertThat(disassemble(0x66, 0x01, 0xD8)).isEqualTo("add eax, ebx");
    assertThat(disassemble(0x01, 0xD8)).isEqualTo("add ax, bx");
    assertThat(disassemble(0x67, 0x8B, 0x44, 0xB3, 0x08))
        .isEqualTo("mov ax, word [ds:ebx+esi*4+8h]");
    assertThat(disassemble(0x66, 0x67, 0xC7, 0x44, 0xB3, 0x08, 0xEF, 0xBE, 0xAD, 0xDE))
        .isEqualTo("mov dword [ds:ebx+esi*4+8h], DEADBEEFh");
    assertThat(disassemble(0x67, 0x8B, 0x04, 0x24)).isEqualTo("mov ax, word [ss:esp]");
    assertThat(disassemble(0x67, 0x8B, 0x45, 0xFC)).isEqualTo("mov ax, word [ss:ebp-4h]");
    assertThat(disassemble(0x67, 0x8B, 0x05, 0x78, 0x56, 0x34, 0x12))
        .isEqualTo("mov ax, word [ds:12345678h]");
    assertThat(disassemble(0x67, 0x8B, 0x04, 0x8D, 0x00, 0x01, 0x00, 0x00))
        .isEqualTo("mov ax, word [ds:ecx*4+100h]");
    assertThat(disassemble(0x66, 0x98)).isEqualTo("cwde");
    assertThat(disassemble(0x98)).isEqualTo("cbw");
    assertThat(disassemble(0x66, 0x60)).isEqualTo("pushad");
    assertThat(disassemble(0x0F, 0xB6, 0xC3)).isEqualTo("movzx ax, bl");
    assertThat(disassemble(0x66, 0x0F, 0xBE, 0xCB)).isEqualTo("movsx ecx, bl");
    assertThat(disassemble(0x0F, 0xA0)).isEqualTo("push fs");
    assertThat(disassemble(0x66, 0x0F, 0xA4, 0xD8, 0x08)).isEqualTo("shld eax, ebx, 8h");
    assertThat(disassemble(0x67, 0xE3, 0x01)).isEqualTo("jecxz 4h");
    assertThat(disassemble(0x0F, 0x84, 0x00, 0x02)).isEqualTo("jz 204h");
    assertThat(disassemble(0x66, 0x0F, 0xC8)).isEqualTo("bswap eax");
    assertThat(disassemble(0x0F, 0x22, 0xD8)).isEqualTo("mov cr3, eax");
    assertThat(disassemble(0x66, 0x6A, 0xFF)).isEqualTo("push FFFFFFFFh");
    assertThat(disassemble(0x66, 0xED)).isEqualTo("in eax, dx");
    assertThat(disassemble(0x0F, 0xA2)).isEqualTo("cpuid");
    assertThat(disassemble(0x65, 0x66, 0x0F, 0xBA, 0x2E, 0x30, 0x00, 0x12))
        .isEqualTo("bts dword [gs:30h], 12h");
    machine(CpuModel.I80386);
    assertThat(disassemble(0x0F, 0xA2)).isEqualTo("invalid opcode 0F A2");
    machine(CpuModel.I80286);
    assertThat(disassemble(0x66, 0x01, 0xD8)).isEqualTo("invalid opcode 66");
  }

  @Test
  void interruptsClearAcAndPushSixteenBitFrames() {
    machine(CpuModel.I80486);
    regs.setEflags(Flags.AC | Flags.IF | 2);
    run(0xCD, 0x21);
    assertThat(exception()).isEqualTo(0x21);
    assertThat(stackWord(0)).isEqualTo(2);
    assertThat(stackWord(2)).isEqualTo(Flags.IF | 2);
    assertThat(regs.eflags() & Flags.AC).isZero();
    assertThat(regs.sp()).isEqualTo(0x1000 - 6);
  }
}
