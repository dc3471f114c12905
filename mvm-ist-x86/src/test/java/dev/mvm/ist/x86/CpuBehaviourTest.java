package dev.mvm.ist.x86;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvm.api.cpu.Cpu;
import dev.mvm.api.cpu.CpuBus;
import dev.mvm.api.cpu.CpuModel;
import dev.mvm.api.cpu.CpuStop;
import dev.mvm.api.cpu.Flags;
import dev.mvm.api.cpu.Registers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Observable behaviour of the interpreter beyond single instructions: the API contract. */
class CpuBehaviourTest {

  private static final int CODE_SEG = 0x1000;
  private static final int CODE = CODE_SEG << 4;

  private TestBus bus;
  private Cpu cpu;
  private Registers regs;

  private void machine(CpuModel model) {
    bus = new TestBus(model == CpuModel.I80286 ? 1 << 24 : 1 << 20);
    cpu = new X86CpuProvider().create(model, bus);
    regs = cpu.registers();
    regs.setCs(CODE_SEG);
    regs.setIp(0);
    regs.setSs(0x2000);
    regs.setSp(0x1000);
    regs.setDs(0x3000);
    regs.setEs(0x4000);
  }

  /** Points interrupt vector {@code n} at 5000:n*16, where a HLT waits. */
  private void handler(int n) {
    bus.load(n * 4, (n * 16) & 0xFF, (n * 16) >> 8, 0x00, 0x50);
    bus.load(0x50000 + n * 16, 0xF4);
  }

  private int stackWord(int index) {
    return bus.word((regs.ss() << 4) + regs.sp() + 2 * index);
  }

  @Test
  void providerCreatesEveryModel() {
    X86CpuProvider p = new X86CpuProvider();
    assertThat(p.models()).containsExactlyInAnyOrder(CpuModel.values());
    for (CpuModel m : p.models()) {
      assertThat(p.create(m, new TestBus(1 << 20)).model()).isEqualTo(m);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = CpuModel.class,
      names = {"I8086", "I80186", "I80286"})
  void resetStartsAtTheResetVector(CpuModel model) {
    machine(model);
    regs.setFlags(Flags.CF | Flags.IF);
    cpu.reset();
    if (model == CpuModel.I80286) {
      assertThat(regs.cs()).isEqualTo(0xF000);
      assertThat(regs.ip()).isEqualTo(0xFFF0);
      assertThat(regs.flags()).isEqualTo(0x0002);
    } else {
      assertThat(regs.cs()).isEqualTo(0xFFFF);
      assertThat(regs.ip()).isEqualTo(0);
      assertThat(regs.flags()).isEqualTo(0xF002);
    }
  }

  @Test
  void flagsFixedBitsFollowTheModel() {
    machine(CpuModel.I8086);
    regs.setFlags(0);
    assertThat(regs.flags()).isEqualTo(0xF002);
    regs.setFlags(0xFFFF);
    assertThat(regs.flags()).isEqualTo(0xFFD7); // bits 3 and 5 stay clear
    machine(CpuModel.I80286);
    regs.setFlags(0xFFFF);
    assertThat(regs.flags()).isEqualTo(0x0FD7); // real mode: bits 12-15 read as zero
    assertThat(regs.eax() >>> 16).isZero();
    regs.setEax(0x1234_5678);
    assertThat(regs.eax()).isEqualTo(0x5678);
  }

  @ParameterizedTest
  @EnumSource(
      value = CpuModel.class,
      names = {"I8086", "I80186", "I80286"})
  void hostCallbackIsHonouredOnlyInTheCallbackArea(CpuModel model) {
    machine(model);
    bus.callbackStart = CODE;
    bus.callbackEnd = CODE + 0x100;
    bus.callbackHandler = n -> regs.setAx(0xBEEF);
    bus.load(CODE, 0x0F, 0xFF, 0x34, 0x12, 0x90);
    assertThat(cpu.disassemble(CODE_SEG, 0)).isEqualTo("hostcall 1234h");
    assertThat(cpu.run(1)).isEqualTo(CpuStop.BUDGET);
    assertThat(bus.callbacks).containsExactly(0x1234);
    assertThat(regs.ax()).isEqualTo(0xBEEF);
    assertThat(regs.ip()).isEqualTo(4);

    // The same bytes outside the area behave as the real processor.
    bus.load(CODE + 0x200, 0x0F, 0xFF, 0x34, 0x12);
    regs.setIp(0x200);
    handler(6);
    bus.load((regs.ss() << 4) + regs.sp(), 0x21, 0x43);
    cpu.run(1);
    assertThat(bus.callbacks).hasSize(1);
    if (model == CpuModel.I8086) {
      assertThat(regs.cs()).isEqualTo(0x4321); // POP CS
      assertThat(regs.ip()).isEqualTo(0x201);
    } else {
      assertThat(regs.cs()).isEqualTo(0x5000); // #UD, returning to the 0Fh byte
      assertThat(regs.ip()).isEqualTo(6 * 16);
      assertThat(stackWord(0)).isEqualTo(0x200);
      assertThat(stackWord(1)).isEqualTo(CODE_SEG);
      assertThat(cpu.disassemble(CODE_SEG, 0x200))
          .isEqualTo(model == CpuModel.I80286 ? "invalid opcode 0F FF" : "invalid opcode 0F");
    }
  }

  @Test
  void hostCallbackMayRequestAStop() {
    machine(CpuModel.I8086);
    bus.callbackStart = CODE;
    bus.callbackEnd = CODE + 16;
    bus.callbackHandler = n -> cpu.requestStop();
    bus.load(CODE, 0x0F, 0xFF, 0x01, 0x00, 0x40, 0x40);
    assertThat(cpu.run(100)).isEqualTo(CpuStop.STOP_REQUESTED);
    assertThat(regs.ip()).isEqualTo(4);
    assertThat(cpu.instructionCount()).isEqualTo(1);
    assertThat(cpu.run(100)).isEqualTo(CpuStop.BUDGET);
  }

  @Test
  void intrIsTakenOnlyWithIfAndOneInstructionAfterSti() {
    machine(CpuModel.I8086);
    handler(8);
    bus.interruptVector = 8;
    // NOP; STI; INC AX; INC AX
    bus.load(CODE, 0x90, 0xFB, 0x40, 0x40);
    regs.setFlags(0);
    cpu.setIntr(true);
    cpu.run(1); // NOP, IF clear: nothing
    assertThat(bus.acknowledgements).isZero();
    cpu.run(1); // STI
    assertThat(regs.ip()).isEqualTo(2);
    cpu.run(1); // the STI shadow: INC AX still runs
    assertThat(bus.acknowledgements).isZero();
    assertThat(regs.ax()).isEqualTo(1);
    assertThat(cpu.run(1)).isEqualTo(CpuStop.HALTED); // now the interrupt, then its HLT
    assertThat(bus.acknowledgements).isEqualTo(1);
    assertThat(regs.cs()).isEqualTo(0x5000);
    assertThat(regs.ip()).isEqualTo(8 * 16 + 1);
    assertThat(stackWord(0)).isEqualTo(3); // return to the second INC AX
    assertThat(stackWord(2) & Flags.IF).isNotZero();
    assertThat(regs.flags() & Flags.IF).isZero();
    assertThat(cpu.isHalted()).isTrue();
  }

  @Test
  void hltWaitsForAnInterrupt() {
    machine(CpuModel.I80186);
    handler(8);
    bus.load(CODE, 0xF4, 0x40);
    regs.setFlags(Flags.IF);
    assertThat(cpu.run(10)).isEqualTo(CpuStop.HALTED);
    assertThat(cpu.isHalted()).isTrue();
    assertThat(regs.ip()).isEqualTo(1);
    assertThat(cpu.run(10)).isEqualTo(CpuStop.HALTED);
    assertThat(cpu.instructionCount()).isEqualTo(1);
    cpu.setIntr(true);
    assertThat(cpu.run(10)).isEqualTo(CpuStop.HALTED); // the handler's own HLT
    assertThat(bus.acknowledgements).isEqualTo(1);
    assertThat(regs.cs()).isEqualTo(0x5000);
    assertThat(stackWord(0)).isEqualTo(1);
  }

  @Test
  void nmiIsTakenWithInterruptsDisabledAndEndsAHalt() {
    machine(CpuModel.I80286);
    handler(2);
    bus.load(CODE, 0xF4);
    regs.setFlags(0);
    assertThat(cpu.run(5)).isEqualTo(CpuStop.HALTED);
    cpu.setIntr(true);
    assertThat(cpu.run(5)).isEqualTo(CpuStop.HALTED); // IF clear: INTR ignored
    assertThat(regs.cs()).isEqualTo(CODE_SEG);
    cpu.nmi();
    assertThat(cpu.run(5)).isEqualTo(CpuStop.HALTED);
    assertThat(regs.cs()).isEqualTo(0x5000);
    assertThat(regs.ip()).isEqualTo(2 * 16 + 1);
    assertThat(bus.acknowledgements).isZero();
  }

  @Test
  void a20GateMasksAddressesAndIsReadAgainAfterOut() {
    // A bus whose port 92h opens the A20 gate, as on a PS/2.
    bus =
        new TestBus(1 << 24) {
          @Override
          public void out(int port, int size, int value) {
            super.out(port, size, value);
            if (port == 0x92) {
              addressMask = (value & 2) != 0 ? 0xFFFF_FFFF : 0xFFEF_FFFF;
            }
          }
        };
    bus.addressMask = 0xFFEF_FFFF;
    cpu = new X86Cpu(CpuModel.I80286, bus);
    regs = cpu.registers();
    regs.setCs(CODE_SEG);
    regs.setIp(0);
    regs.setDs(0xFFFF);
    // MOV [0010h], AL (A20 closed: wraps to 0); MOV AL,2; OUT 92h,AL; MOV AL,77h; MOV [0010h],AL
    bus.load(CODE, 0xA2, 0x10, 0x00, 0xB0, 0x02, 0xE6, 0x92, 0xB0, 0x77, 0xA2, 0x10, 0x00);
    regs.setAx(0x55);
    cpu.run(5);
    assertThat(bus.ram[0]).isEqualTo((byte) 0x55);
    assertThat(bus.ram[0x100000]).isEqualTo((byte) 0x77);

    // The 8086 has 20 address lines whatever the gate says.
    machine(CpuModel.I8086);
    regs.setDs(0xFFFF);
    bus.load(CODE, 0xA2, 0x10, 0x00);
    regs.setAx(0x66);
    cpu.run(1);
    assertThat(bus.ram[0]).isEqualTo((byte) 0x66);
  }

  @Test
  void pagesWithoutDirectFlagsGoThroughTheBus() {
    machine(CpuModel.I8086);
    // MOV AL,[0000]; MOV [0001],AL; INC AX
    bus.load(CODE, 0xA0, 0x00, 0x00, 0xA2, 0x01, 0x00, 0x40);
    bus.ram[0x30000] = 0x42;
    cpu.run(2);
    assertThat(bus.slowReads).isZero();
    assertThat(bus.slowWrites).isZero();
    assertThat(bus.ram[0x30001]).isEqualTo((byte) 0x42);

    bus.pages[0x30000 >>> CpuBus.PAGE_SHIFT] = 0; // data page: through the bus
    bus.pages[CODE >>> CpuBus.PAGE_SHIFT] = CpuBus.DIRECT_READ; // code: read-only direct
    regs.setIp(0);
    bus.ram[0x30000] = 0x43;
    cpu.run(3);
    assertThat(bus.slowReads).isEqualTo(1);
    assertThat(bus.slowWrites).isEqualTo(1);
    assertThat(bus.ram[0x30001]).isEqualTo((byte) 0x43);
    assertThat(regs.ax()).isEqualTo(0x44);
  }

  @Test
  void lmswEntersProtectedModeKeepingTheRealModeSegmentCaches() {
    machine(CpuModel.I80286);
    // SMSW BX; MOV AX,2; LMSW AX (sets MP); SMSW CX; INC AX; LMSW AX (sets PE); NOP
    bus.load(
        CODE, 0x0F, 0x01, 0xE3, 0xB8, 0x02, 0x00, 0x0F, 0x01, 0xF0, 0x0F, 0x01, 0xE1, 0x40,
        0x0F, 0x01, 0xF0, 0x90);
    assertThat(cpu.run(7)).isEqualTo(CpuStop.BUDGET);
    assertThat(regs.bx()).isEqualTo(0xFFF0);
    assertThat(regs.cx()).isEqualTo(0xFFF2);
    assertThat(regs.protectedMode()).isTrue();
    assertThat(regs.cr0() & 0xFFFF).isEqualTo(0xFFF3);
    assertThat(regs.cs()).isEqualTo(0x1000); // CS keeps its real-mode cache until reloaded
    assertThat(regs.ip()).isEqualTo(17);
    assertThat(cpu.instructionCount()).isEqualTo(7);

    regs.setIp(0x20);
    bus.load(CODE + 0x20, 0x0F, 0x05);
    assertThat(cpu.run(1)).isEqualTo(CpuStop.UNSUPPORTED);
    assertThat(cpu.stopDetail()).contains("LOADALL").contains("1000:0020");
  }

  @Test
  void lidtMovesTheRealModeInterruptTableAndALimitOfZeroShutsDown() {
    machine(CpuModel.I80286);
    // LIDT [0000] with DS=3000: base 012340h, limit 03FFh; INT 21h
    bus.load(0x30000, 0xFF, 0x03, 0x40, 0x23, 0x01, 0x00);
    bus.load(0x12340 + 0x21 * 4, 0x00, 0x01, 0x00, 0x60);
    bus.load(CODE, 0x0F, 0x01, 0x1E, 0x00, 0x00, 0xCD, 0x21);
    cpu.run(2);
    assertThat(regs.cs()).isEqualTo(0x6000);
    assertThat(regs.ip()).isEqualTo(0x100);
    // A limit of zero: the next interrupt cannot be delivered.
    bus.load(0x30000, 0x00, 0x00);
    bus.load(0x60100, 0x0F, 0x01, 0x1E, 0x00, 0x00, 0xCD, 0x21);
    assertThat(cpu.run(5)).isEqualTo(CpuStop.SHUTDOWN);
    assertThat(cpu.stopDetail()).contains("shutdown");
    assertThat(cpu.run(5)).isEqualTo(CpuStop.SHUTDOWN);
    cpu.reset();
    assertThat(regs.cs()).isEqualTo(0xF000);
  }

  @Test
  void invalidOpcodesFaultOnLaterModelsOnly() {
    for (CpuModel model : new CpuModel[] {CpuModel.I8086, CpuModel.I80186, CpuModel.I80286}) {
      machine(model);
      handler(6);
      bus.load(CODE, 0x26, 0x8D, 0xC1); // ES: LEA AX,CX (register form)
      cpu.run(1);
      if (model == CpuModel.I8086) {
        assertThat(regs.cs()).isEqualTo(CODE_SEG);
        assertThat(regs.ip()).isEqualTo(3);
      } else {
        assertThat(regs.cs()).isEqualTo(0x5000);
        assertThat(stackWord(0)).isEqualTo(0); // the prefix, start of the instruction
      }
    }
    machine(CpuModel.I80186);
    handler(6);
    bus.load(CODE, 0x0F, 0x01, 0xE0); // SMSW: no 0Fh page on the 80186
    cpu.run(1);
    assertThat(regs.cs()).isEqualTo(0x5000);
  }

  @Test
  void divideErrorReturnAddressDependsOnTheModel() {
    for (CpuModel model : new CpuModel[] {CpuModel.I8086, CpuModel.I80286}) {
      machine(model);
      handler(0);
      bus.load(CODE, 0x2E, 0xF6, 0xF1); // CS: DIV CL with CL = 0
      regs.setAx(1234);
      cpu.run(1);
      assertThat(regs.cs()).isEqualTo(0x5000);
      assertThat(stackWord(0)).isEqualTo(model == CpuModel.I8086 ? 3 : 0);
    }
  }

  @Test
  void singleStepTrapsAfterEachInstruction() {
    machine(CpuModel.I8086);
    handler(1);
    bus.load(CODE, 0x40, 0x40);
    regs.setFlags(Flags.TF);
    cpu.run(1); // INC AX
    assertThat(regs.ax()).isEqualTo(1);
    cpu.run(1); // the trap is taken before the next instruction; HLT in the handler runs
    assertThat(regs.cs()).isEqualTo(0x5000);
    assertThat(regs.ax()).isEqualTo(1);
    assertThat(stackWord(0)).isEqualTo(1);
    assertThat(stackWord(2) & Flags.TF).isNotZero();
    assertThat(regs.flags() & Flags.TF).isZero();
  }

  @Test
  void repeatedStringInstructionsCountEachIteration() {
    machine(CpuModel.I8086);
    bus.load(CODE, 0xF3, 0xAA, 0x40); // REP STOSB; INC AX
    regs.setCx(5);
    regs.setAx(0x99);
    regs.setDi(0x10);
    assertThat(cpu.run(3)).isEqualTo(CpuStop.BUDGET);
    assertThat(regs.cx()).isEqualTo(2);
    assertThat(regs.ip()).isZero();
    assertThat(cpu.instructionCount()).isEqualTo(3);
    cpu.run(3);
    assertThat(regs.cx()).isZero();
    assertThat(regs.ax()).isEqualTo(0x9A);
    assertThat(bus.ram[0x40014]).isEqualTo((byte) 0x99);
    assertThat(bus.ram[0x40015]).isZero();
  }

  @Test
  void pushSpAndShiftCountsDependOnTheModel() {
    for (CpuModel model : new CpuModel[] {CpuModel.I8086, CpuModel.I80186, CpuModel.I80286}) {
      machine(model);
      // PUSH SP; MOV CL,21h; MOV AL,1; SHL AL,CL
      bus.load(CODE, 0x54, 0xB1, 0x21, 0xB0, 0x01, 0xD2, 0xE0);
      cpu.run(4);
      assertThat(stackWord(0)).isEqualTo(model == CpuModel.I80286 ? 0x1000 : 0x0FFE);
      assertThat(regs.ax() & 0xFF).isEqualTo(model == CpuModel.I8086 ? 0 : 2);
    }
  }

  @Test
  void enterAndLeaveBuildAndDropNestedFrames() {
    machine(CpuModel.I80186);
    int ss = 0x20000;
    regs.setBp(0x0F00);
    // ENTER 8,0 ; ENTER 4,1 ; ENTER 6,3 ; LEAVE ; LEAVE ; LEAVE
    bus.load(
        CODE, 0xC8, 0x08, 0x00, 0x00, 0xC8, 0x04, 0x00, 0x01, 0xC8, 0x06, 0x00, 0x03, 0xC9, 0xC9,
        0xC9);
    cpu.run(1);
    assertThat(regs.bp()).isEqualTo(0x0FFE);
    assertThat(regs.sp()).isEqualTo(0x0FF6);
    assertThat(bus.word(ss + 0xFFE)).isEqualTo(0x0F00);
    cpu.run(1); // level 1: pushes old BP then the new frame pointer
    assertThat(bus.word(ss + 0xFF4)).isEqualTo(0x0FFE);
    assertThat(bus.word(ss + 0xFF2)).isEqualTo(0x0FF4);
    assertThat(regs.bp()).isEqualTo(0x0FF4);
    assertThat(regs.sp()).isEqualTo(0x0FEE);
    cpu.run(1); // level 3: old BP, two enclosing frame pointers copied, the new one
    assertThat(bus.word(ss + 0xFEC)).isEqualTo(0x0FF4);
    assertThat(bus.word(ss + 0xFEA)).isEqualTo(bus.word(ss + 0xFF2));
    assertThat(bus.word(ss + 0xFE8)).isEqualTo(bus.word(ss + 0xFF0));
    assertThat(bus.word(ss + 0xFE6)).isEqualTo(0x0FEC);
    assertThat(regs.bp()).isEqualTo(0x0FEC);
    assertThat(regs.sp()).isEqualTo(0x0FE0);
    cpu.run(1);
    assertThat(regs.bp()).isEqualTo(0x0FF4);
    assertThat(regs.sp()).isEqualTo(0x0FEE);
    cpu.run(2);
    assertThat(regs.bp()).isEqualTo(0x0F00);
    assertThat(regs.sp()).isEqualTo(0x1000);
  }

  @Test
  void interruptEntersAHandlerForTheHost() {
    machine(CpuModel.I8086);
    handler(0x21);
    regs.setFlags(Flags.IF | Flags.CF);
    regs.setIp(0x1234);
    cpu.interrupt(0x21);
    assertThat(regs.cs()).isEqualTo(0x5000);
    assertThat(regs.ip()).isEqualTo(0x210);
    assertThat(stackWord(0)).isEqualTo(0x1234);
    assertThat(stackWord(1)).isEqualTo(CODE_SEG);
    assertThat(stackWord(2)).isEqualTo(0xF203);
    assertThat(regs.interruptsEnabled()).isFalse();
  }

  @Test
  void disassemblesFromTheSameTable() {
    machine(CpuModel.I8086);
    bus.load(CODE, 0x00, 0x26, 0xB6, 0xB7);
    assertThat(cpu.disassemble(CODE_SEG, 0)).isEqualTo("add byte [ds:B7B6h], ah");
    bus.load(CODE, 0x36, 0x00, 0xB1, 0x25, 0x90);
    assertThat(cpu.disassemble(CODE_SEG, 0)).isEqualTo("add byte [ss:bx+di-6FDBh], dh");
    bus.load(CODE, 0xF3, 0xA4);
    assertThat(cpu.disassemble(CODE_SEG, 0)).isEqualTo("rep movsb");
    bus.load(CODE, 0x60, 0x10);
    assertThat(cpu.disassemble(CODE_SEG, 0)).isEqualTo("jo 12h");
    machine(CpuModel.I80186);
    bus.load(CODE, 0x60, 0x10);
    assertThat(cpu.disassemble(CODE_SEG, 0)).isEqualTo("pusha");
    bus.load(CODE, 0x0F, 0x01, 0xF0);
    assertThat(cpu.disassemble(CODE_SEG, 0)).isEqualTo("invalid opcode 0F");
    machine(CpuModel.I80286);
    bus.load(CODE, 0x0F, 0x01, 0xF0);
    assertThat(cpu.disassemble(CODE_SEG, 0)).isEqualTo("lmsw ax");
  }
}
