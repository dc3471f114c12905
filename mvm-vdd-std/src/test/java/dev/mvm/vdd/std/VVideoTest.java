package dev.mvm.vdd.std;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mvm.vdd.std.VideoBench.Regs;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * VVIDEO with the built-in BIOS in the real monitor: INT 10h called by guest snippets on a real
 * CPU ({@link VideoBench}), the BIOS data area, and what the published Screen shows (text, and
 * decoded PNG pixels).
 */
class VVideoTest {
  private final VideoBench rig = new VideoBench();

  @AfterEach
  void close() {
    rig.close();
  }

  private Screen.Frame frame() {
    return rig.screen.capture().join();
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = VVideo.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return in.readAllBytes();
    }
  }

  private static BufferedImage decode(byte[] png) throws IOException {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image).isNotNull();
    return image;
  }

  @Test
  void resetSetsMode3AndTheBiosDataArea() {
    assertThat(rig.bda(0x49)).isEqualTo(3);
    assertThat(rig.bdaWord(0x4A)).isEqualTo(80);
    assertThat(rig.bdaWord(0x4C)).isEqualTo(0x1000);
    assertThat(rig.bdaWord(0x63)).isEqualTo(0x3D4);
    assertThat(rig.bda(0x84)).isEqualTo(24);
    assertThat(rig.bdaWord(0x85)).isEqualTo(16);
    assertThat(rig.bdaWord(0x60)).isEqualTo(0x0607);
    assertThat(rig.bdaWord(0x10) & 0x30).as("equipment: 80x25 colour").isEqualTo(0x20);
    Regs r = rig.int10(0x0F00);
    assertThat(r.al()).isEqualTo(3);
    assertThat(r.ah()).isEqualTo(80);
    assertThat(r.bh()).isZero();
    Screen.Frame frame = frame();
    assertThat(frame.mode()).isEqualTo(3);
    assertThat(frame.isText()).isTrue();
    assertThat(frame.columns()).isEqualTo(80);
    assertThat(frame.rows()).isEqualTo(25);
    assertThat(frame.text()).isEqualTo("\n".repeat(25));
    assertThat(frame.attribute(0, 0)).isEqualTo(0x07);
  }

  @Test
  void textWrittenToB8000ShowsOnTheScreen() {
    rig.memory.writeByte(0xB8000 + 2 * 81, 'H');
    rig.memory.writeByte(0xB8000 + 2 * 81 + 1, 0x1E);
    rig.memory.writeByte(0xB8000 + 2 * 82, 0xC9); // box corner
    Screen.Frame frame = frame();
    assertThat(frame.row(1)).startsWith(" H\u2554 ");
    assertThat(frame.attribute(1, 1)).isEqualTo(0x1E);
    assertThat(frame.character(2, 1)).isEqualTo(0xC9);
    assertThat(frame.rowWithAttributes(1)).startsWith("{07} {1E}H{07}\u2554");
    assertThat(rig.memory.readByte(0xB8000 + 2 * 81)).isEqualTo('H');
  }

  @Test
  void teletypeWritesAndHandlesCarriageReturnLineFeedAndBackspace() {
    rig.print("Hellx\bo\r\nWorld");
    Screen.Frame frame = frame();
    assertThat(frame.row(0)).startsWith("Hello ");
    assertThat(frame.row(1)).startsWith("World ");
    assertThat(frame.cursorColumn()).isEqualTo(5);
    assertThat(frame.cursorRow()).isEqualTo(1);
    assertThat(rig.bdaWord(0x50)).isEqualTo(0x0105);
    assertThat(rig.crtc(0x0E) << 8 | rig.crtc(0x0F)).isEqualTo(85);
    rig.print("\r");
    assertThat(rig.bdaWord(0x50)).isEqualTo(0x0100);
  }

  @Test
  void teletypeScrollsAtTheBottomWithTheAttributeUnderTheCursor() {
    for (int i = 0; i < 30; i++) {
      rig.print("line " + i + "\r\n");
    }
    Screen.Frame frame = frame();
    List<String> rows = frame.rowsOfText();
    assertThat(rows.get(0).strip()).isEqualTo("line 6");
    assertThat(rows.get(23).strip()).isEqualTo("line 29");
    assertThat(rows.get(24).strip()).isEmpty();
    assertThat(frame.cursorRow()).isEqualTo(24);
    assertThat(frame.cursorColumn()).isZero();

    // A line that wraps at column 80 also scrolls.
    rig.print("x".repeat(81));
    frame = frame();
    assertThat(frame.row(23)).isEqualTo("x".repeat(80));
    assertThat(frame.row(24).strip()).isEqualTo("x");
    assertThat(frame.row(22).strip()).isEqualTo("line 29");
  }

  @Test
  void bellSoundsTheSpeakerThroughTimerChannel2() {
    List<PcSpeaker.State> speaker = new ArrayList<>();
    rig.m.device(PcSpeaker.class).addListener(speaker::add);
    rig.print("\u0007");
    assertThat(speaker).as("a tone through timer channel 2 and port 61h").isNotEmpty();
    assertThat(speaker.get(0).sounding()).isTrue();
    assertThat(frame().row(0).strip()).as("BEL prints nothing").isEmpty();
    assertThat(rig.bdaWord(0x50)).isZero();
  }

  @Test
  void cursorPositionAndShapeRoundTripAndProgramTheCrtc() {
    rig.int10(0x0200, 0x0000, 0, 0x0A05); // row 10, column 5
    Regs r = rig.int10(0x0300, 0x0000, 0, 0);
    assertThat(r.dx()).isEqualTo(0x0A05);
    assertThat(r.cx()).isEqualTo(0x0607);
    assertThat(rig.crtc(0x0E) << 8 | rig.crtc(0x0F)).isEqualTo(10 * 80 + 5);

    rig.int10(0x0100, 0, 0x0007, 0); // block cursor, CGA lines 0-7
    assertThat(rig.int10(0x0300).cx()).isEqualTo(0x0007);
    assertThat(rig.crtc(0x0A)).isZero();
    assertThat(rig.crtc(0x0B) & 0x1F).as("emulated for 16-line characters").isEqualTo(14);
    rig.int10(0x0100, 0, 0x2000, 0); // invisible
    assertThat(rig.crtc(0x0A) & 0x20).isEqualTo(0x20);
    assertThat(frame().cursorRow()).isEqualTo(-1);
  }

  @Test
  void scrollUpAndDownMoveAWindowAndFillWithTheAttribute() {
    for (int row = 0; row < 5; row++) {
      rig.int10(0x0200, 0, 0, row << 8);
      rig.int10(0x0900 | ('a' + row), 0x0007, 3, 0);
    }
    rig.int10(0x0601, 0x1F00, 0x0001, 0x0302); // up 1 line, rows 0-3, columns 1-2
    Screen.Frame frame = frame();
    assertThat(frame.row(0)).startsWith("abb ");
    assertThat(frame.row(1)).startsWith("bcc ");
    assertThat(frame.row(2)).startsWith("cdd ");
    assertThat(frame.row(3)).startsWith("d   ");
    assertThat(frame.attribute(1, 3)).isEqualTo(0x1F);
    assertThat(frame.row(4)).startsWith("eee ");

    rig.int10(0x0702, 0x4E00, 0x0000, 0x0450); // down 2 lines, rows 0-4, all columns
    frame = frame();
    assertThat(frame.row(0).strip()).isEmpty();
    assertThat(frame.attribute(79, 1)).isEqualTo(0x4E);
    assertThat(frame.row(2)).startsWith("abb ");
    assertThat(frame.row(4)).startsWith("cdd ");

    rig.int10(0x0600, 0x0700, 0x0000, 0x184F); // AL=0 clears the window
    assertThat(frame().text().strip()).isEmpty();
  }

  @Test
  void writeAndReadCharacterAndAttributeAtTheCursor() {
    rig.int10(0x0200, 0, 0, 0x024E); // row 2, column 78
    rig.int10(0x0941, 0x0071, 4, 0); // 'A' on white, blue text, 4 times: wraps to row 3
    rig.int10(0x0A42, 0x00FF, 1, 0); // 'B' keeping the attribute
    Screen.Frame frame = frame();
    assertThat(frame.row(2)).endsWith("BA");
    assertThat(frame.row(3)).startsWith("AA ");
    assertThat(frame.attribute(78, 2)).isEqualTo(0x71);
    assertThat(rig.int10(0x0800).ax()).isEqualTo(0x7142);
    assertThat(rig.bdaWord(0x50)).as("the cursor does not move").isEqualTo(0x024E);
  }

  @Test
  void writeStringWithAttributesAndCursorUpdate() {
    int address = 0x5000;
    byte[] cells = {'O', 0x0A, 'K', 0x0C, '\r', 0, '\n', 0, '!', 0x0E};
    rig.write(address, cells);
    Regs r = new Regs().ax(0x1303).bx(0x0000).cx(5).dx(0x0102);
    r.es(0x0500).bp(0x0000);
    r = rig.int10(r);
    Screen.Frame frame = frame();
    assertThat(frame.row(1)).startsWith("  OK ");
    assertThat(frame.attribute(2, 1)).isEqualTo(0x0A);
    assertThat(frame.attribute(3, 1)).isEqualTo(0x0C);
    assertThat(frame.row(2)).startsWith("!");
    assertThat(frame.attribute(0, 2)).isEqualTo(0x0E);
    assertThat(rig.bdaWord(0x50)).isEqualTo(0x0201);

    rig.write(address, new byte[] {'n', 'o'});
    r = new Regs().ax(0x1300).bx(0x001F).cx(2).dx(0x0A00);
    r.es(0x0500).bp(0x0000);
    r = rig.int10(r);
    assertThat(frame().row(10)).startsWith("no ");
    assertThat(frame().attribute(1, 10)).isEqualTo(0x1F);
    assertThat(rig.bdaWord(0x50)).as("AL bit 0 clear: cursor restored").isEqualTo(0x0201);
  }

  @Test
  void activePageMovesTheCrtcStartAddressAndKeepsItsOwnCursor() {
    rig.int10(0x0501);
    assertThat(rig.bda(0x62)).isEqualTo(1);
    assertThat(rig.bdaWord(0x4E)).isEqualTo(0x1000);
    assertThat(rig.crtc(0x0C) << 8 | rig.crtc(0x0D)).isEqualTo(0x800);
    for (char c : "page one".toCharArray()) {
      rig.int10(0x0E00 | c, 0x0100, 0, 0); // BH=1
    }
    assertThat(frame().row(0)).startsWith("page one");
    rig.int10(0x0E21, 0x0700, 0, 0); // BH=7: the last of mode 3's eight pages
    assertThat(rig.bdaWord(0x50 + 14)).isEqualTo(1);
    assertThat(rig.memory.readByte(0xB9000)).isEqualTo('p');
    assertThat(rig.bdaWord(0x52)).isEqualTo(8);
    assertThat(rig.bdaWord(0x50)).as("page 0's cursor").isZero();
    rig.int10(0x0500);
    assertThat(frame().row(0).strip()).isEmpty();
    assertThat(rig.int10(0x0F00).bh()).isZero();
  }

  @Test
  void setModeWithBit7KeepsVideoMemory() {
    rig.print("keep me");
    rig.int10(0x0083);
    assertThat(frame().row(0)).startsWith("keep me");
    assertThat(rig.bda(0x87) & 0x80).isEqualTo(0x80);
    assertThat(rig.int10(0x0F00).al()).isEqualTo(0x83);
    rig.int10(0x0003);
    assertThat(frame().row(0).strip()).isEmpty();
    assertThat(rig.int10(0x0F00).al()).isEqualTo(0x03);
  }

  @Test
  void fortyColumnAndMonochromeTextModes() {
    rig.int10(0x0001);
    rig.print("forty");
    Screen.Frame frame = frame();
    assertThat(frame.columns()).isEqualTo(40);
    assertThat(frame.row(0)).startsWith("forty");
    assertThat(rig.bdaWord(0x4A)).isEqualTo(40);
    assertThat(frame.image().getWidth()).isEqualTo(360);

    rig.int10(0x0007);
    assertThat(rig.bdaWord(0x63)).isEqualTo(0x3B4);
    assertThat(rig.bdaWord(0x10) & 0x30).isEqualTo(0x30);
    rig.print("mono");
    assertThat(rig.memory.readByte(0xB0000)).isEqualTo('m');
    assertThat(rig.memory.readByte(0xB8000)).as("B8000h is outside mode 7's window").isEqualTo(0xFF);
    assertThat(frame().row(0)).startsWith("mono");
    assertThat(rig.in(0x3DA)).isEqualTo(0xFF);
    rig.out(0x3B4, 0x0F);
    assertThat(rig.in(0x3B5)).isEqualTo(4);
  }

  @Test
  void fontInformationPointsAtTheRomFontsInGuestMemory() throws IOException {
    byte[] font16 = resource("cp437-8x16.bin");
    byte[] font8 = resource("cp437-8x8.bin");
    Regs r = rig.int10(0x1130, 0x0600, 0, 0);
    assertThat(r.cx()).isEqualTo(16);
    assertThat(r.dl()).isEqualTo(24);
    int address = (r.es() << 4) + r.bp();
    assertThat(address).isBetween(0xC0000, 0xC3FFF);
    for (int i = 0; i < 16; i++) {
      assertThat(rig.memory.readByte(address + 'A' * 16 + i)).isEqualTo(font16['A' * 16 + i] & 0xFF);
    }
    r = rig.int10(0x1130, 0x0300, 0, 0);
    address = (r.es() << 4) + r.bp();
    assertThat(rig.memory.readByte(address + 'W' * 8 + 3)).isEqualTo(font8['W' * 8 + 3] & 0xFF);
    r = rig.int10(0x1130, 0x0400, 0, 0);
    assertThat((r.es() << 4) + r.bp()).as("upper half of the 8x8 font").isEqualTo(address + 0x400);
    r = rig.int10(0x1130, 0x0200, 0, 0);
    assertThat(rig.memory.readByte((r.es() << 4) + r.bp() + 14 * 'A' + 4)).isNotZero();
    assertThat(rig.memory.readWord(0xC0000)).as("option ROM signature").isEqualTo(0xAA55);
    int sum = 0;
    for (int i = 0; i < 0x4000; i++) {
      sum += rig.memory.readByte(0xC0000 + i);
    }
    assertThat(sum & 0xFF).isZero();
  }

  @Test
  void the8x8FontGives50RowsAndThe8x16FontBack25() {
    rig.int10(0x1112, 0x0000, 0, 0);
    assertThat(rig.bda(0x84)).isEqualTo(49);
    assertThat(rig.bdaWord(0x85)).isEqualTo(8);
    rig.int10(0x0200, 0, 0, 0x3100); // row 49
    rig.print("bottom");
    Screen.Frame frame = frame();
    assertThat(frame.rows()).isEqualTo(50);
    assertThat(frame.row(49)).startsWith("bottom");
    assertThat(frame.image().getHeight()).isEqualTo(400);
    rig.int10(0x1114, 0x0000, 0, 0);
    assertThat(frame().rows()).isEqualTo(25);
  }

  @Test
  void userFontGlyphsReachPlane2AndTheRenderedImage() {
    byte[] glyph = new byte[16];
    glyph[0] = (byte) 0xFF; // a bar on the top line
    rig.write(0x6000, glyph);
    Regs r = new Regs().ax(0x1100).bx(0x1000).cx(1).dx('Z');
    r.es(0x0600).bp(0x0000);
    r = rig.int10(r);
    rig.print("Z");
    BufferedImage image = frame().image();
    assertThat(image.getRGB(3, 0) & 0xFFFFFF).isEqualTo(0xAAAAAA);
    assertThat(image.getRGB(3, 1) & 0xFFFFFF).isZero();
  }

  @Test
  void alternateSelectAndDisplayCombinationDescribeAVga() {
    Regs r = rig.int10(0x1200, 0x0010, 0xFFFF, 0);
    assertThat(r.bh()).isZero();
    assertThat(r.bl()).isEqualTo(3);
    assertThat(r.ch()).isZero();
    assertThat(r.cl()).isEqualTo(0x09);
    r = rig.int10(0x1A00);
    assertThat(r.al()).isEqualTo(0x1A);
    assertThat(r.bl()).isEqualTo(0x08);
    assertThat(r.bh()).isZero();
    r = rig.int10(0x1201, 0x0031, 0, 0); // default palette loading off
    assertThat(r.al()).isEqualTo(0x12);
    assertThat(rig.bda(0x89) & 0x08).isEqualTo(0x08);
  }

  @Test
  void unknownFunctionsLeaveTheRegistersUnchanged() {
    Regs r = new Regs().ax(0x4F00).bx(0x1234).cx(0x5678).dx(0x9ABC);
    r = rig.int10(r);
    assertThat(r.ax()).isEqualTo(0x4F00);
    assertThat(r.bx()).isEqualTo(0x1234);
    assertThat(r.cx()).isEqualTo(0x5678);
    assertThat(r.dx()).isEqualTo(0x9ABC);
    r = rig.int10(0x10FE, 0x5555, 0, 0);
    assertThat(r.ax()).isEqualTo(0x10FE);
    assertThat(r.bx()).isEqualTo(0x5555);
  }

  @Test
  void paletteAndDacFunctions() {
    rig.int10(0x1010, 0x0001, 0x2A15, 0x3F00); // DAC 1 = (3Fh, 2Ah, 15h)
    Regs r = rig.int10(0x1015, 0x0001, 0, 0);
    assertThat(r.dh()).isEqualTo(0x3F);
    assertThat(r.ch()).isEqualTo(0x2A);
    assertThat(r.cl()).isEqualTo(0x15);

    rig.int10(0x1000, 0x1102, 0, 0); // palette register 2 = 11h
    assertThat(rig.int10(0x1007, 0x0002, 0, 0).bh()).isEqualTo(0x11);
    rig.int10(0x1001, 0x0500, 0, 0);
    assertThat(rig.int10(0x1008).bh()).isEqualTo(0x05);

    // Attribute 1Fh with palette register 1 -> DAC 1 recoloured: blue text background now orange.
    rig.int10(0x1000, 0x0101, 0, 0);
    rig.int10(0x0941, 0x001F, 1, 0);
    BufferedImage image = frame().image();
    assertThat(image.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0xFFAA55);

    rig.int10(0x1018, 0x00F0, 0, 0);
    assertThat(rig.int10(0x1019).bl()).isEqualTo(0xF0);

    rig.int10(0x1003, 0x0000, 0, 0); // bright backgrounds instead of blinking
    rig.out(0x3DA, 0);
    rig.in(0x3DA);
    rig.out(0x3C0, 0x30);
    assertThat(rig.in(0x3C1) & 0x08).isZero();

    byte[] block = {1, 2, 3, 4, 5, 6};
    rig.write(0x7000, block);
    Regs set = new Regs().ax(0x1012).bx(0x0010).cx(2);
    set.es(0x0700).dx(0);
    rig.int10(set);
    Regs get = new Regs().ax(0x1017).bx(0x0010).cx(2);
    get.es(0x0700).dx(0x0010);
    rig.int10(get);
    for (int i = 0; i < 6; i++) {
      assertThat((byte) rig.memory.readByte(0x7010 + i)).isEqualTo(block[i]);
    }
  }

  @Test
  void textModeRendersThe9DotCellsInTheirColours() throws IOException {
    byte[] font16 = resource("cp437-8x16.bin");
    rig.int10(0x0941, 0x001F, 1, 0); // 'A', bright white on blue
    Screen.Frame frame = frame();
    BufferedImage image = decode(frame.png());
    assertThat(image.getWidth()).isEqualTo(720);
    assertThat(image.getHeight()).isEqualTo(400);
    for (int line = 0; line < 16; line++) {
      for (int dot = 0; dot < 9; dot++) {
        boolean on = dot < 8 && (font16['A' * 16 + line] & (0x80 >>> dot)) != 0;
        int expected = on ? 0xFFFFFF : 0x0000AA;
        boolean cursor = line >= 13 && line <= 14;
        if (!cursor) {
          assertThat(image.getRGB(dot, line) & 0xFFFFFF).as("dot %d line %d", dot, line)
              .isEqualTo(expected);
        }
      }
    }
    assertThat(image.getRGB(0, 13) & 0xFFFFFF).as("the cursor").isEqualTo(0xFFFFFF);
    assertThat(image.getRGB(9, 0) & 0xFFFFFF).as("next cell is black").isZero();
  }

  @Test
  void mode13hRendersPixelsThroughTheDacToPng() throws IOException {
    rig.int10(0x0013);
    assertThat(rig.bda(0x49)).isEqualTo(0x13);
    rig.memory.writeByte(0xA0000, 4); // (0,0) red
    rig.memory.writeByte(0xA0000 + 320 * 199 + 319, 15); // bottom right: white
    rig.int10(0x0C20, 0, 10, 5); // (10,5) colour 20h: the first of the hue circle, blue
    rig.memory.writeByte(0xA0000 + 320 + 1, 0x80);
    rig.out(0x3C8, 0x80); // program DAC entry 80h through the ports
    rig.out(0x3C9, 0x3F);
    rig.out(0x3C9, 0x20);
    rig.out(0x3C9, 0x00);
    assertThat(rig.int10(0x0D00, 0, 10, 5).al()).isEqualTo(0x20);
    assertThat(rig.memory.readByte(0xA0000 + 5 * 320 + 10)).isEqualTo(0x20);

    Screen.Frame frame = frame();
    assertThat(frame.isText()).isFalse();
    BufferedImage image = decode(frame.png());
    assertThat(image.getWidth()).isEqualTo(320);
    assertThat(image.getHeight()).isEqualTo(200);
    assertThat(image.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0xAA0000);
    assertThat(image.getRGB(319, 199) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    assertThat(image.getRGB(10, 5) & 0xFFFFFF).isEqualTo(0x0000FF);
    assertThat(image.getRGB(1, 1) & 0xFFFFFF).isEqualTo(0xFF8200);
    assertThat(image.getRGB(2, 1) & 0xFFFFFF).isZero();
  }

  @Test
  void mode13hDrawsTeletypeCharactersFromThe8x8Font() throws IOException {
    byte[] font8 = resource("cp437-8x8.bin");
    rig.int10(0x0013);
    rig.int10(0x0E41, 0x000E, 0, 0); // 'A' in yellow
    BufferedImage image = frame().image();
    for (int line = 0; line < 8; line++) {
      for (int dot = 0; dot < 8; dot++) {
        boolean on = (font8['A' * 8 + line] & (0x80 >>> dot)) != 0;
        assertThat(image.getRGB(dot, line) & 0xFFFFFF).isEqualTo(on ? 0xFFFF55 : 0);
      }
    }
    assertThat(rig.bdaWord(0x50)).isEqualTo(0x0001);
    rig.int10(0x0200, 0, 0, 0);
    assertThat(rig.int10(0x0800).al()).as("read back by matching the font").isEqualTo('A');
  }

  @Test
  void mode12hPlanarPixelsThroughBiosAndWriteMode2() throws IOException {
    rig.int10(0x0012);
    rig.int10(0x0C09, 0, 100, 50); // bright blue
    assertThat(rig.int10(0x0D00, 0, 100, 50).al()).isEqualTo(9);
    // What a program does: write mode 2, bit mask for pixel 3 of the byte, colour 4 (red).
    rig.out(0x3CE, 0x05);
    rig.out(0x3CF, 0x02);
    rig.out(0x3CE, 0x08);
    rig.out(0x3CF, 0x10);
    int offset = 0xA0000 + 479 * 80 + 79;
    rig.memory.readByte(offset); // load the latches
    rig.memory.writeByte(offset, 0x04);
    BufferedImage image = decode(frame().png());
    assertThat(image.getWidth()).isEqualTo(640);
    assertThat(image.getHeight()).isEqualTo(480);
    assertThat(image.getRGB(100, 50) & 0xFFFFFF).isEqualTo(0x5555FF);
    assertThat(image.getRGB(635, 479) & 0xFFFFFF).isEqualTo(0xAA0000);
    assertThat(image.getRGB(634, 479) & 0xFFFFFF).isZero();
    assertThat(image.getRGB(636, 479) & 0xFFFFFF).isZero();
  }

  @Test
  void mode0DhUses320PixelsAndPages() throws IOException {
    rig.int10(0x000D);
    rig.int10(0x0C0E, 0x0000, 319, 199); // yellow, page 0
    rig.int10(0x0C0C, 0x0100, 0, 0); // light red, page 1
    BufferedImage image = decode(frame().png());
    assertThat(image.getWidth()).isEqualTo(320);
    assertThat(image.getHeight()).isEqualTo(200);
    assertThat(image.getRGB(319, 199) & 0xFFFFFF).isEqualTo(0xFFFF55);
    assertThat(image.getRGB(0, 0) & 0xFFFFFF).isZero();
    rig.int10(0x0501);
    image = frame().image();
    assertThat(image.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0xFF5555);
  }

  @Test
  void mode4InterleavesEvenAndOddRowsLikeTheCga() throws IOException {
    rig.int10(0x0004);
    rig.int10(0x0C01, 0, 0, 1); // (0,1) colour 1: cyan in palette 1
    rig.int10(0x0C03, 0, 5, 2); // (5,2) colour 3: white
    assertThat(rig.memory.readByte(0xB8000 + 0x2000)).as("odd rows in the second bank")
        .isEqualTo(0x40);
    assertThat(rig.memory.readByte(0xB8000 + 80 + 1)).isEqualTo(0x30);
    BufferedImage image = decode(frame().png());
    assertThat(image.getWidth()).isEqualTo(320);
    assertThat(image.getHeight()).isEqualTo(200);
    assertThat(image.getRGB(0, 1) & 0xFFFFFF).isEqualTo(0x55FFFF);
    assertThat(image.getRGB(5, 2) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    assertThat(image.getRGB(0, 0) & 0xFFFFFF).isZero();

    rig.int10(0x0B00, 0x0100, 0, 0); // palette 0: green, red, brown
    assertThat(frame().image().getRGB(0, 1) & 0xFFFFFF).isEqualTo(0x55FF55);
  }

  @Test
  void mode6IsTwoColour640x200() throws IOException {
    rig.int10(0x0006);
    rig.int10(0x0C01, 0, 639, 199);
    assertThat(rig.memory.readByte(0xB8000 + 0x2000 + 99 * 80 + 79)).isEqualTo(0x01);
    BufferedImage image = decode(frame().png());
    assertThat(image.getWidth()).isEqualTo(640);
    assertThat(image.getHeight()).isEqualTo(200);
    assertThat(image.getRGB(639, 199) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    assertThat(image.getRGB(638, 199) & 0xFFFFFF).isZero();
  }

  @Test
  void unchainedMode13hAddressesThePlanesAndFlipsPagesByStartAddress() throws IOException {
    rig.int10(0x0013);
    rig.out(0x3C4, 0x04);
    rig.out(0x3C5, 0x06); // chain-4 off
    rig.out(0x3D4, 0x14);
    rig.out(0x3D5, 0x00); // doubleword addressing off
    rig.out(0x3D4, 0x17);
    rig.out(0x3D5, 0xE3); // byte addressing
    // Pixel (x, y) now lives in plane x & 3 at y * 80 + x / 4.
    rig.out(0x3C4, 0x02);
    rig.out(0x3C5, 1 << 2);
    rig.memory.writeByte(0xA0000 + 3 * 80 + 1, 4); // (6, 3) red
    rig.out(0x3C5, 0x0F);
    rig.memory.writeByte(0xA0000 + 10, 1); // (40..43, 0) blue: all four planes at once
    rig.memory.writeByte(0xA0000 + 100 * 80, 2); // (0..3, 100) green
    BufferedImage image = decode(frame().png());
    assertThat(image.getRGB(6, 3) & 0xFFFFFF).isEqualTo(0xAA0000);
    assertThat(image.getRGB(5, 3) & 0xFFFFFF).isZero();
    assertThat(image.getRGB(7, 3) & 0xFFFFFF).isZero();
    assertThat(image.getRGB(40, 0) & 0xFFFFFF).isEqualTo(0x0000AA);
    assertThat(image.getRGB(43, 0) & 0xFFFFFF).isEqualTo(0x0000AA);
    assertThat(image.getRGB(44, 0) & 0xFFFFFF).isZero();

    int start = 100 * 80;
    rig.out(0x3D4, 0x0C);
    rig.out(0x3D5, start >>> 8);
    rig.out(0x3D4, 0x0D);
    rig.out(0x3D5, start & 0xFF);
    image = frame().image();
    assertThat(image.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0x00AA00);
    assertThat(image.getRGB(40, 0) & 0xFFFFFF).isZero();
  }

  @Test
  void lineCompareShowsMemoryFromAddress0BelowTheSplit() {
    rig.int10(0x0012);
    rig.int10(0x0C0F, 0, 0, 0); // (0,0) white
    rig.int10(0x0C04, 0, 0, 10); // (0,10) red
    rig.out(0x3D4, 0x0C);
    rig.out(0x3D5, (10 * 80) >>> 8); // start at line 10
    rig.out(0x3D4, 0x0D);
    rig.out(0x3D5, (10 * 80) & 0xFF);
    rig.out(0x3D4, 0x07);
    rig.out(0x3D5, 0x2E); // line compare bit 8 clear (allowed despite the protect bit)
    rig.out(0x3D4, 0x09);
    rig.out(0x3D5, 0x00); // line compare bit 9 clear
    rig.out(0x3D4, 0x18);
    rig.out(0x3D5, 239);
    BufferedImage image = frame().image();
    assertThat(image.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0xAA0000);
    assertThat(image.getRGB(0, 239) & 0xFFFFFF).isZero();
    assertThat(image.getRGB(0, 240) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    assertThat(image.getRGB(0, 250) & 0xFFFFFF).isEqualTo(0xAA0000);
  }

  @Test
  void graphicsModesScrollWholeCharacterRows() throws IOException {
    byte[] font8 = resource("cp437-8x8.bin");
    rig.int10(0x0013);
    rig.int10(0x0200, 0, 0, 0x0100); // row 1
    rig.int10(0x0958, 0x000F, 1, 0); // 'X' in white
    rig.int10(0x0601, 0x0000, 0x0000, 0x1827); // scroll the whole screen up a row
    BufferedImage image = frame().image();
    for (int line = 0; line < 8; line++) {
      for (int dot = 0; dot < 8; dot++) {
        boolean on = (font8['X' * 8 + line] & (0x80 >>> dot)) != 0;
        assertThat(image.getRGB(dot, line) & 0xFFFFFF).isEqualTo(on ? 0xFFFFFF : 0);
        assertThat(image.getRGB(dot, 8 + line) & 0xFFFFFF).isZero();
      }
    }
    // Teletype past the last row scrolls too.
    rig.int10(0x0200, 0, 0, 0x1800);
    rig.print("\r\n");
    assertThat(frame().image().getRGB(3, 4) & 0xFFFFFF).as("X went off the top").isZero();
    assertThat(rig.bdaWord(0x50)).isEqualTo(0x1800);
  }

  @Test
  void greyScaleSummingTurnsDacEntriesGrey() {
    rig.int10(0x1010, 0x0005, 0x0000, 0x3F00); // DAC 5 = pure red
    rig.int10(0x101B, 0x0005, 1, 0);
    Regs r = rig.int10(0x1015, 0x0005, 0, 0);
    assertThat(r.dh()).isEqualTo(19); // 30% of 63
    assertThat(r.ch()).isEqualTo(19);
    assertThat(r.cl()).isEqualTo(19);
  }

  @Test
  void aFrameIsACopyThatLaterWritesDoNotChange() {
    rig.print("before");
    Screen.Frame frame = frame();
    rig.int10(0x0600, 0x0700, 0, 0x184F);
    rig.int10(0x0200, 0, 0, 0);
    rig.print("after");
    assertThat(frame.row(0)).startsWith("before");
    assertThat(frame().row(0)).startsWith("after ");
    assertThat(frame().version()).isGreaterThan(frame.version());
  }

  @Test
  void monochromeTextUnderlinesAttribute01() {
    rig.int10(0x0007);
    rig.int10(0x0920, 0x0001, 1, 0); // a blank with the underline attribute
    rig.int10(0x0200, 0, 0, 0x0100);
    BufferedImage image = frame().image();
    assertThat(image.getWidth()).isEqualTo(720);
    assertThat(image.getRGB(4, 13) & 0xFFFFFF).as("underline on line 13").isEqualTo(0xAAAAAA);
    assertThat(image.getRGB(4, 12) & 0xFFFFFF).isZero();
    assertThat(image.getRGB(13, 13) & 0xFFFFFF).as("attribute 07h: no underline").isZero();
  }

  @Test
  void aFontWrittenStraightIntoPlane2ShowsInTextMode() {
    // The usual sequence: sequential addressing of plane 2 at A0000h, write, then back to text.
    int[][] setup = {{0x3C4, 0x02, 0x04}, {0x3C4, 0x04, 0x07}, {0x3CE, 0x04, 0x02},
        {0x3CE, 0x05, 0x00}, {0x3CE, 0x06, 0x04}};
    for (int[] w : setup) {
      rig.out(w[0], w[1]);
      rig.out(w[0] + 1, w[2]);
    }
    for (int line = 0; line < 16; line++) {
      rig.memory.writeByte(0xA0000 + 'q' * 32 + line, line == 5 ? 0x81 : 0x00);
    }
    int[][] restore = {{0x3C4, 0x02, 0x03}, {0x3C4, 0x04, 0x03}, {0x3CE, 0x04, 0x00},
        {0x3CE, 0x05, 0x10}, {0x3CE, 0x06, 0x0E}};
    for (int[] w : restore) {
      rig.out(w[0], w[1]);
      rig.out(w[0] + 1, w[2]);
    }
    rig.print("q");
    BufferedImage image = frame().image();
    assertThat(image.getRGB(0, 5) & 0xFFFFFF).isEqualTo(0xAAAAAA);
    assertThat(image.getRGB(7, 5) & 0xFFFFFF).isEqualTo(0xAAAAAA);
    assertThat(image.getRGB(3, 5) & 0xFFFFFF).isZero();
    assertThat(image.getRGB(0, 6) & 0xFFFFFF).isZero();
    assertThat(frame().row(0)).as("the text is still a q").startsWith("q");
  }

  @Test
  void framesArePublishedOncePerVirtualFrameWhileTheScreenChanges() {
    List<Long> seen = new ArrayList<>();
    rig.screen.addListener(f -> seen.add(f.version()));
    long before = rig.screen.frame().version();
    rig.nextFrame();
    assertThat(seen).as("nothing changed").isEmpty();
    rig.memory.writeByte(0xB8002, 'x'); // the host writes video memory: no run ends
    assertThat(rig.screen.frame().row(0)).as("not yet published").doesNotStartWith(" x");
    rig.nextFrame();
    assertThat(seen).hasSize(1);
    assertThat(rig.screen.frame().version()).isGreaterThan(before);
    assertThat(rig.screen.frame().row(0)).startsWith(" x");
    rig.nextFrame();
    assertThat(seen).as("unchanged: nothing new").hasSize(1);
    rig.print("y"); // a snippet: the end of its run publishes at once
    assertThat(seen).hasSize(2);
    assertThat(rig.screen.frame().row(0)).startsWith("yx");
  }

  @Test
  void awaitTextWakesWhenAFrameShowsTheTextAndTimesOutWithTheScreen() throws Exception {
    CompletableFuture<Screen.Frame> waiter = CompletableFuture.supplyAsync(() -> {
      try {
        return rig.screen.awaitText("READY", Duration.ofSeconds(20));
      } catch (TimeoutException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    rig.print("READ");
    rig.nextFrame();
    assertThat(waiter).isNotDone();
    rig.print("Y");
    rig.nextFrame();
    Screen.Frame frame = waiter.get(20, TimeUnit.SECONDS);
    assertThat(frame.row(0)).startsWith("READY");

    assertThatThrownBy(() -> rig.screen.awaitText("NEVER", Duration.ofMillis(50)))
        .isInstanceOf(TimeoutException.class)
        .hasMessageContaining("NEVER")
        .hasMessageContaining("READY");
  }

  @Test
  void inputStatusRetraceFollowsTheVirtualClock() {
    long frame = 1_000_000_000L / 70;
    long line = frame / 449;
    rig.advanceTo(413 * line);
    assertThat(rig.in(0x3DA) & 0x09).isEqualTo(0x09);
    rig.advanceTo(frame + 2 * line);
    assertThat(rig.in(0x3DA) & 0x08).isZero();
  }

  @Test
  void withABiosImageTheCardIsNotProgrammedAndNoInt10IsHooked() {
    try (VideoBench bare = new VideoBench(false)) {
      Bench.run(bare.m, """
              mov  word [0x40], own      ; the guest's own INT 10h
              mov  word [0x42], 0
              mov  ax, 0x0F00
              int  0x10
              jmp  done
          own:
              mov  ax, 0x1234
              iret
          done:
          """);
      assertThat(bare.m.registers().ax()).as("VVIDEO does not answer INT 10h").isEqualTo(0x1234);
      assertThat(bare.memory.readByte(0xC0000)).as("no video BIOS ROM").isNotEqualTo(0x55);
      assertThat(bare.screen.frame().mode()).isEqualTo(-1);
      // The card still works at the register level.
      bare.out(0x3C4, 0x02);
      bare.out(0x3C5, 0x0F);
      bare.out(0x3CE, 0x06);
      bare.out(0x3CF, 0x05);
      bare.memory.writeByte(0xA0010, 0x5A);
      assertThat(bare.memory.readByte(0xA0010)).isEqualTo(0x5A);
    }
  }
}
