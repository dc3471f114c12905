package dev.mvm.api.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RegistersTest {

  /** The primitives only, as a CPU would provide them. */
  static final class PlainRegisters implements Registers {
    final int[] general = new int[8];
    int eip, eflags = 2;
    final int[] segments = new int[6];

    @Override public int general(int i) { return general[i]; }
    @Override public void setGeneral(int i, int v) { general[i] = v; }
    @Override public int segment(SegmentRegister r) { return segments[r.ordinal()]; }
    @Override public void setSegment(SegmentRegister r, int v) { segments[r.ordinal()] = v & 0xFFFF; }
    @Override public int eip() { return eip; }
    @Override public void setEip(int v) { eip = v; }
    @Override public int eflags() { return eflags; }
    @Override public void setEflags(int v) { eflags = v | 2; }
  }

  @Test
  void narrowViewsReadAndWriteTheRightBits() {
    var regs = new PlainRegisters();
    regs.setEax(0x1234_5678);
    assertThat(regs.ax()).isEqualTo(0x5678);
    assertThat(regs.al()).isEqualTo(0x78);
    assertThat(regs.ah()).isEqualTo(0x56);
    regs.setAh(0x1AB);
    assertThat(regs.eax()).isEqualTo(0x1234_AB78);
    regs.setAl(-1);
    assertThat(regs.eax()).isEqualTo(0x1234_ABFF);
    regs.setAx(0x10000 + 0x4321);
    assertThat(regs.eax()).isEqualTo(0x1234_4321);

    regs.setDx(0xBEEF);
    regs.setDh(0x12);
    assertThat(regs.dx()).isEqualTo(0x12EF);
    regs.setCl(0x34);
    regs.setCh(0x56);
    assertThat(regs.cx()).isEqualTo(0x5634);
    regs.setSi(0xFFFF);
    regs.setDi(0x8000);
    regs.setBp(0x0100);
    regs.setSp(0xFFFE);
    assertThat(new int[] {regs.si(), regs.di(), regs.bp(), regs.sp()})
        .containsExactly(0xFFFF, 0x8000, 0x0100, 0xFFFE);
  }

  @Test
  void flagsAndSegmentsHaveNamedAccessors() {
    var regs = new PlainRegisters();
    regs.setCf(true);
    regs.setZf(true);
    regs.setInterruptsEnabled(true);
    assertThat(regs.flags()).isEqualTo(Flags.CF | Flags.ZF | Flags.IF | Flags.RESERVED_1);
    assertThat(regs.cf()).isTrue();
    assertThat(regs.sf()).isFalse();
    regs.setCf(false);
    assertThat(regs.cf()).isFalse();

    regs.setDs(0xB800);
    regs.setCs(0xF000);
    assertThat(regs.ds()).isEqualTo(0xB800);
    assertThat(regs.segment(SegmentRegister.CS)).isEqualTo(0xF000);
    assertThat(Registers.linear(0xFFFF, 0x0010)).isEqualTo(0x100000);
  }

  @Test
  void segmentRegistersFollowTheirEncoding() {
    assertThat(SegmentRegister.ofEncoding(2)).isEqualTo(SegmentRegister.SS);
    assertThatThrownBy(() -> SegmentRegister.ofEncoding(6)).hasMessageContaining("6");
  }

  @Test
  void modelsKnowTheirBus() {
    assertThat(CpuModel.I8086.addressMask()).isEqualTo(0xFFFFF);
    assertThat(CpuModel.I80286.addressMask()).isEqualTo(0xFFFFFF);
    assertThat(CpuModel.I80386.addressMask()).isEqualTo(0xFFFFFFFF);
    assertThat(CpuModel.I80286.atLeast(CpuModel.I80186)).isTrue();
    assertThat(CpuModel.I8086.hasProtectedMode()).isFalse();
  }
}
