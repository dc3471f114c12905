package dev.mvm.vdd.std;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Register- and plane-level tests of the VGA model: the graphics controller's write and read
 * modes, the latches, the sequencer's map mask and addressing modes, the DAC and attribute
 * controller sequencing, and the retrace timing of input status 1.
 */
class VgaCardTest {
  private final VgaCard card = new VgaCard();

  @BeforeEach
  void planarMode() {
    card.reset();
    card.out(0x3C2, 0x63); // colour addressing: CRTC at 3D4h
    seq(4, 0x06); // planar, no odd/even, no chain-4
    seq(2, 0x0F);
    gc(6, 0x05); // graphics, A0000h 64 KiB
    gc(5, 0x00);
    gc(8, 0xFF);
  }

  private void seq(int index, int value) {
    card.out(0x3C4, index);
    card.out(0x3C5, value);
  }

  private void gc(int index, int value) {
    card.out(0x3CE, index);
    card.out(0x3CF, value);
  }

  private void crtc(int index, int value) {
    card.out(0x3D4, index);
    card.out(0x3D5, value);
  }

  private int[] planesAt(int address) {
    return new int[] {
      card.plane(0, address), card.plane(1, address), card.plane(2, address),
      card.plane(3, address)
    };
  }

  /** Fills the four planes at an address with different bytes, through the map mask. */
  private void fill(int address, int p0, int p1, int p2, int p3) {
    int[] values = {p0, p1, p2, p3};
    for (int plane = 0; plane < 4; plane++) {
      seq(2, 1 << plane);
      card.write(address, values[plane]);
    }
    seq(2, 0x0F);
  }

  @Test
  void writeMode0StoresTheByteInThePlanesTheMapMaskEnables() {
    seq(2, 0x05);
    card.write(0x10, 0xAB);
    assertThat(planesAt(0x10)).containsExactly(0xAB, 0x00, 0xAB, 0x00);
  }

  @Test
  void readLoadsTheLatchesAndWriteMode1CopiesThem() {
    fill(0x100, 0x11, 0x22, 0x33, 0x44);
    card.read(0x100);
    gc(5, 0x01);
    card.write(0x200, 0x00);
    assertThat(planesAt(0x200)).containsExactly(0x11, 0x22, 0x33, 0x44);
  }

  @Test
  void bitMaskKeepsMaskedBitsFromTheLatches() {
    fill(0x20, 0xF0, 0xF0, 0xF0, 0xF0);
    card.read(0x20);
    gc(8, 0x0F);
    card.write(0x20, 0x05);
    assertThat(planesAt(0x20)).containsExactly(0xF5, 0xF5, 0xF5, 0xF5);
  }

  @Test
  void setResetReplacesTheDataForEnabledPlanes() {
    gc(0, 0x05); // set/reset colour 0101b
    gc(1, 0x0F); // enabled for all planes
    card.write(0x30, 0x3C);
    assertThat(planesAt(0x30)).containsExactly(0xFF, 0x00, 0xFF, 0x00);
    gc(1, 0x01); // only plane 0 takes set/reset; the others take the CPU byte
    card.write(0x31, 0x3C);
    assertThat(planesAt(0x31)).containsExactly(0xFF, 0x3C, 0x3C, 0x3C);
  }

  @Test
  void writeMode2ExpandsTheColourToEachPlaneUnderTheBitMask() {
    card.read(0x40); // latches all zero
    gc(5, 0x02);
    gc(8, 0x81);
    card.write(0x40, 0x09); // colour 1001b
    assertThat(planesAt(0x40)).containsExactly(0x81, 0x00, 0x00, 0x81);
  }

  @Test
  void writeMode3UsesTheRotatedByteAndTheBitMaskAsAMaskForSetReset() {
    fill(0x50, 0x00, 0x00, 0xFF, 0x00);
    card.read(0x50);
    gc(5, 0x03);
    gc(0, 0x03); // colour 0011b
    gc(8, 0x3C);
    card.write(0x50, 0xF0); // mask = F0h & 3Ch = 30h
    assertThat(planesAt(0x50)).containsExactly(0x30, 0x30, 0xCF, 0x00);
  }

  @Test
  void dataRotateAndLogicalFunctionsApplyToTheCpuByte() {
    fill(0x61, 0x0F, 0x0F, 0x0F, 0x0F);
    gc(3, 0x04); // rotate right by 4, replace
    card.write(0x60, 0x12);
    assertThat(card.plane(0, 0x60)).isEqualTo(0x21);

    card.read(0x61);
    gc(3, 0x18); // XOR with the latches
    card.write(0x61, 0xFF);
    assertThat(planesAt(0x61)).containsOnly(0xF0);
    card.read(0x61);
    gc(3, 0x08); // AND
    card.write(0x61, 0x3C);
    assertThat(planesAt(0x61)).containsOnly(0x30);
    card.read(0x61);
    gc(3, 0x10); // OR
    card.write(0x61, 0x03);
    assertThat(planesAt(0x61)).containsOnly(0x33);
  }

  @Test
  void readMode0ReturnsThePlaneThatReadMapSelectNames() {
    fill(0x70, 0x11, 0x22, 0x33, 0x44);
    for (int plane = 0; plane < 4; plane++) {
      gc(4, plane);
      assertThat(card.read(0x70)).isEqualTo(0x11 * (plane + 1));
    }
  }

  @Test
  void readMode1ComparesEachPixelWithTheColourCompareRegister() {
    fill(0x80, 0xF0, 0xCC, 0x00, 0x00);
    gc(5, 0x08); // read mode 1
    gc(2, 0x03); // colour 3: planes 0 and 1 set, 2 and 3 clear
    gc(7, 0x0F); // every plane matters
    assertThat(card.read(0x80)).isEqualTo(0xC0);
    gc(7, 0x01); // only plane 0 matters
    assertThat(card.read(0x80)).isEqualTo(0xF0);
    gc(7, 0x00); // nothing matters: every pixel matches
    assertThat(card.read(0x80)).isEqualTo(0xFF);
  }

  @Test
  void chain4SpreadsConsecutiveBytesOverThePlanes() {
    seq(4, 0x0E); // chain-4, as in mode 13h
    for (int i = 0; i < 8; i++) {
      card.write(i, 0x10 + i);
    }
    assertThat(planesAt(0)).containsExactly(0x10, 0x11, 0x12, 0x13);
    assertThat(planesAt(4)).containsExactly(0x14, 0x15, 0x16, 0x17);
    for (int i = 0; i < 8; i++) {
      assertThat(card.read(i)).isEqualTo(0x10 + i);
    }
    seq(2, 0x0E); // plane 0 disabled in the map mask: byte 8 is not written
    card.write(8, 0x99);
    assertThat(card.read(8)).isZero();
  }

  @Test
  void oddEvenSendsEvenAddressesToPlane0AndOddOnesToPlane1() {
    // Text mode: odd/even, window B8000h 32 KiB, planes 0 and 1 enabled.
    seq(4, 0x02);
    seq(2, 0x03);
    gc(5, 0x10);
    gc(6, 0x0E);
    card.write(0x18000, 'A');
    card.write(0x18001, 0x1F);
    card.write(0x18002, 'B');
    assertThat(planesAt(0)).containsExactly((int) 'A', 0x1F, 0, 0);
    assertThat(card.plane(0, 2)).isEqualTo('B');
    assertThat(card.read(0x18001)).isEqualTo(0x1F);
    assertThat(card.read(0x18002)).isEqualTo('B');
  }

  @Test
  void memoryMapSelectOpensOnlyItsWindow() {
    gc(6, 0x05); // A0000h-AFFFFh
    card.write(0x18000, 0x55);
    assertThat(card.read(0x18000)).isEqualTo(0xFF);
    assertThat(planesAt(0x8000)).containsOnly(0);
    gc(6, 0x0D); // B8000h-BFFFFh
    assertThat(card.read(0x00000)).isEqualTo(0xFF);
    card.write(0x18010, 0x66);
    assertThat(card.plane(0, 0x10)).isEqualTo(0x66);
  }

  @Test
  void dacWritesAndReadsThreeComponentsPerEntryAndAdvances() {
    card.out(0x3C8, 5);
    for (int v : new int[] {1, 2, 3, 4, 5, 0x7F}) {
      card.out(0x3C9, v);
    }
    assertThat(card.in(0x3C8, 0)).as("the write index advanced twice").isEqualTo(7);
    assertThat(card.in(0x3C7, 0)).as("DAC state: write mode").isZero();
    card.out(0x3C7, 5);
    assertThat(card.in(0x3C7, 0)).as("DAC state: read mode").isEqualTo(3);
    int[] read = new int[6];
    for (int i = 0; i < 6; i++) {
      read[i] = card.in(0x3C9, 0);
    }
    assertThat(read).as("six bits each").containsExactly(1, 2, 3, 4, 5, 0x3F);
    card.out(0x3C6, 0x0F);
    assertThat(card.in(0x3C6, 0)).isEqualTo(0x0F);
  }

  @Test
  void attributeControllerAlternatesIndexAndDataUntilInputStatusResetsIt() {
    card.in(0x3DA, 0);
    card.out(0x3C0, 0x01);
    card.out(0x3C0, 0x3F);
    assertThat(card.attr[1]).isEqualTo(0x3F);
    card.out(0x3C0, 0x22); // an index again: register 2, palette source on
    assertThat(card.in(0x3C0, 0)).isEqualTo(0x22);
    card.in(0x3DA, 0); // back to index
    card.out(0x3C0, 0x03);
    card.out(0x3C0, 0x15);
    assertThat(card.attr[3]).isEqualTo(0x15);
    assertThat(card.attr[2]).isZero();
    card.out(0x3C0, 0x03);
    assertThat(card.in(0x3C1, 0)).isEqualTo(0x15);
  }

  @Test
  void crtcFollowsTheMiscOutputAddressSelect() {
    crtc(0x0E, 0x12);
    assertThat(card.in(0x3D5, 0)).isEqualTo(0x12);
    assertThat(card.in(0x3BA, 0)).as("mono status absent in colour mode").isEqualTo(0xFF);
    card.out(0x3C2, 0x62); // mono addressing
    assertThat(card.in(0x3D5, 0)).isEqualTo(0xFF);
    card.out(0x3B4, 0x0E);
    assertThat(card.in(0x3B5, 0)).isEqualTo(0x12);
  }

  @Test
  void protectBitLocksCrtcRegisters0To7ExceptLineCompareBit8() {
    crtc(0x01, 0x4F);
    crtc(0x11, 0x80);
    crtc(0x01, 0x27);
    crtc(0x07, 0xFF);
    card.out(0x3D4, 0x01);
    assertThat(card.in(0x3D5, 0)).isEqualTo(0x4F);
    card.out(0x3D4, 0x07);
    assertThat(card.in(0x3D5, 0)).isEqualTo(0x10);
  }

  @Test
  void inputStatus1ShowsDisplayEnableAndVerticalRetraceOnTheClock() {
    // 400 of 449 lines displayed, retrace from line 412 to 414 (low nibble of 8Eh): mode 3.
    crtc(0x00, 0x5F);
    crtc(0x01, 0x4F);
    crtc(0x06, 0xBF);
    crtc(0x07, 0x1F);
    crtc(0x10, 0x9C);
    crtc(0x11, 0x8E);
    crtc(0x12, 0x8F);
    long frame = card.frameNanos;
    long line = frame / 449;
    assertThat(frame).as("70 frames a second").isEqualTo(14_285_714L);
    assertThat(card.in(0x3DA, 0)).as("top left: displaying").isZero();
    assertThat(card.in(0x3DA, 10 * line + line * 9 / 10)).as("horizontal blank").isEqualTo(0x01);
    assertThat(card.in(0x3DA, 405 * line)).as("vertical blank before retrace").isEqualTo(0x01);
    assertThat(card.in(0x3DA, 413 * line)).as("vertical retrace").isEqualTo(0x09);
    assertThat(card.in(0x3DA, 420 * line)).as("after retrace").isEqualTo(0x01);
    assertThat(card.in(0x3DA, frame + 413 * line)).as("next frame").isEqualTo(0x09);
    assertThat(card.in(0x3DA, 2 * frame + 3 * line)).isZero();
  }

  @Test
  void writesMarkTheCardDirty() {
    card.dirty = false;
    card.write(0, 1);
    assertThat(card.dirty).isTrue();
    card.dirty = false;
    card.read(0);
    assertThat(card.dirty).as("reads change nothing").isFalse();
  }
}
