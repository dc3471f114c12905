package dev.mvm.it;

import static dev.mvm.it.FloppyBoot.console;
import static dev.mvm.it.FloppyBoot.machine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.mvm.api.ClockMode;
import dev.mvm.api.ExitReason;
import dev.mvm.api.ExitStatus;
import dev.mvm.api.Personality;
import dev.mvm.api.Vm;
import dev.mvm.api.VmExecution;
import dev.mvm.vdd.std.DiskDrives;
import dev.mvm.vdd.std.DiskImage;
import dev.mvm.vdd.std.Keyboard;
import dev.mvm.vdd.std.PcSpeaker;
import dev.mvm.vdd.std.Screen;
import dev.mvm.vdd.std.SerialPort;
import dev.mvm.vdd.std.SerialPorts;
import dev.mvm.vdd.std.VDisk;
import dev.mvm.vdd.std.VLpt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guest programs booted from a floppy image on the bare machine exercise the standard devices
 * and the built-in BIOS's services for them (issue 6).
 */
class DeviceBiosTest {
  @TempDir Path dir;

  private static ExitStatus runToHalt(Vm vm) {
    ExitStatus status = vm.run();
    assertThat(status.reason()).as(status.message() + "; console: " + console(vm))
        .isEqualTo(ExitReason.HALTED);
    return status;
  }

  @Test
  void irq0AdvancesTheBiosTickCountAt18Point2HzOfVirtualTime() {
    StampVdd stamps = new StampVdd();
    ProbeClock clock = new ProbeClock();
    try (Vm vm = machine(dir, "timer.bin").vdd(stamps).vdd(clock).build()) {
      runToHalt(vm);
      String out = console(vm);
      assertThat(out).matches("T:[0-9A-F]{8}-[0-9A-F]{8}");
      long first = Long.parseLong(out.substring(2, 10), 16);
      long last = Long.parseLong(out.substring(11, 19), 16);
      assertThat(last - first).isEqualTo(91);
      assertThat(vm.memory().readDword(0x46C) & 0xFFFFFFFFL).isEqualTo(last);

      long[] t = StampVdd.decode(vm.openVdd("STAMP").request(0, new byte[0]));
      assertThat(t).hasSize(2);
      double hz = 91 / ((t[1] - t[0]) / 1e9);
      assertThat(hz).as("tick rate").isCloseTo(18.2065, within(0.0005));
      // The program stopped a few instructions after the last tick.
      long now = ByteBuffer.wrap(vm.openVdd("CLOCK").request(0, new byte[0])).getLong();
      assertThat(now - t[1]).isBetween(0L, 100_000L);
      // And the count is the number of ticks since power-on, give or take one.
      double tickNanos = 65536 / 1_193_182.0 * 1e9;
      assertThat((double) last).isCloseTo(now / tickNanos, within(1.5));
    }
  }

  @Test
  void int15hWaitsAndRtcPeriodicInterruptsTakeTheirVirtualTime() {
    StampVdd stamps = new StampVdd();
    try (Vm vm = machine(dir, "rtcirq.bin").vdd(stamps).build()) {
      runToHalt(vm);
      assertThat(console(vm)).isEqualTo("W-00 P0400");
      long[] t = StampVdd.decode(vm.openVdd("STAMP").request(0, new byte[0]));
      assertThat(t).hasSize(4);
      // The wait ends with the first interrupt after the time: at most one timer tick late.
      assertThat(t[1] - t[0]).isBetween(1_000_000_000L, 1_055_000_000L);
      // 1024 periods of 1/1024 s; the first comes within one period of enabling them.
      assertThat(t[3] - t[2]).isBetween(999_000_000L, 1_001_000_000L);
    }
  }

  @Test
  void theSpeakerSoundsAtChannel2sFrequencyWhileEnabled() {
    List<PcSpeaker.State> states = new CopyOnWriteArrayList<>();
    try (Vm vm = machine(dir, "speaker.bin").build()) {
      vm.device(PcSpeaker.class).orElseThrow().addListener(states::add);
      runToHalt(vm);
      assertThat(console(vm)).isEqualTo("S");
      assertThat(states).extracting(PcSpeaker.State::sounding).containsExactly(true, false);
      assertThat(states.get(0).frequencyHz()).isCloseTo(1_193_182.0 / 1193, within(0.01));
      long beep = states.get(1).virtualNanos() - states.get(0).virtualNanos();
      assertThat(beep).isBetween(100_000_000L, 155_000_000L);
      assertThat(vm.device(PcSpeaker.class).orElseThrow().state().sounding()).isFalse();
    }
  }

  @Test
  void theTickCountStartsAtTheRealTimeClocksTimeOfDay() {
    try (Vm vm = machine(dir, "timer.bin")
        .startTime(LocalDateTime.of(1994, 5, 17, 13, 45, 30)).build()) {
      runToHalt(vm);
      String out = console(vm);
      long first = Long.parseLong(out.substring(2, 10), 16);
      long sinceMidnight = (13 * 3600 + 45 * 60 + 30) * 0x1800B0L / 86400; // 1800B0h a day
      // The program starts counting at the first tick after the boot, a fraction of a second.
      assertThat(first).isBetween(sinceMidnight, sinceMidnight + 5);
    }
  }

  @Test
  void typedKeysAreReadThroughInt16hAndEchoed() {
    try (Vm vm = machine(dir, "keys.bin").build()) {
      vm.device(Keyboard.class).orElseThrow().type("Hello, World! 42*(a|b)\n");
      runToHalt(vm);
      assertThat(console(vm)).isEqualTo("Hello, World! 42*(a|b)|1C0D-");
      Screen.Frame frame = vm.device(Screen.class).orElseThrow().frame();
      assertThat(frame.row(0)).startsWith("Hello, World! 42*(a|b)");
      assertThat(frame.cursorColumn()).isEqualTo(22);
      assertThat(frame.cursorRow()).isEqualTo(0);
    }
  }

  @Test
  void keysTypedWhileNobodyReadsWaitAndAreNotLost() {
    String text = "The quick brown fox jumps over the lazy dog; 0123456789!";
    try (Vm vm = machine(dir, "slowkeys.bin").build()) {
      vm.device(Keyboard.class).orElseThrow().type(text + "\n");
      runToHalt(vm);
      assertThat(console(vm)).isEqualTo(text);
    }
  }

  @Test
  void aGuestsOwnIrq1HandlerReadsScanCodesFromPort60h() {
    try (Vm vm = machine(dir, "scancodes.bin").build()) {
      // Until the program has its handler in place, keys would go to the BIOS's.
      for (int slice = 0; slice < 1000 && !console(vm).startsWith(">"); slice++) {
        assertThat(vm.run(1000).reason()).isEqualTo(ExitReason.BUDGET_EXHAUSTED);
      }
      assertThat(console(vm)).isEqualTo("> ");
      Keyboard keyboard = vm.device(Keyboard.class).orElseThrow();
      keyboard.type("a");
      keyboard.tap("UP");
      keyboard.type("A\n");
      runToHalt(vm);
      assertThat(console(vm).strip())
          .isEqualTo("> 1E 9E E0 48 E0 C8 2A 1E 9E AA 1C 9C");
    }
  }

  @Test
  void ctrlAltDelRebootsFromTheFloppyWithTheWarmBootFlag() {
    try (Vm vm = machine(dir, "reboot.bin").build()) {
      for (int slice = 0; slice < 1000 && !console(vm).contains("\n"); slice++) {
        assertThat(vm.run(1000).reason()).isEqualTo(ExitReason.BUDGET_EXHAUSTED);
      }
      assertThat(console(vm)).isEqualTo("boot 1 0000\n");
      Keyboard keyboard = vm.device(Keyboard.class).orElseThrow();
      keyboard.press("LCTRL");
      keyboard.press("LALT");
      keyboard.tap("DELETE");
      keyboard.release("LALT");
      keyboard.release("LCTRL");
      runToHalt(vm);
      assertThat(console(vm)).isEqualTo("boot 1 0000\nboot 2 1234\n");
    }
  }

  @Test
  @Timeout(120)
  void aGuestRunningOnItsOwnThreadAnswersKeysTypedAtItsPrompt() throws Exception {
    // Paced: while the guest waits for the host, virtual time keeps to wall time rather than
    // racing through timer ticks.
    try (Vm vm = machine(dir, "prompt.bin").clock(ClockMode.PACED)
        .timeout(Duration.ofSeconds(60)).build()) {
      Screen screen = vm.device(Screen.class).orElseThrow();
      Keyboard keyboard = vm.device(Keyboard.class).orElseThrow();
      VmExecution execution = vm.start();
      screen.awaitText("Name? ", Duration.ofSeconds(30));
      keyboard.type("Ada L");
      keyboard.tap("UP"); // the grey arrow: E0h as the character code with AH=10h
      keyboard.tap("F1");
      keyboard.press("LCTRL");
      keyboard.tap("C");
      keyboard.release("LCTRL");
      keyboard.type("\n");
      Screen.Frame frame = screen.awaitText("Hi Ada L!", Duration.ofSeconds(30));
      assertThat(frame.row(0)).startsWith("Name? Ada L ");
      assertThat(frame.row(1)).startsWith("Hi Ada L! ");
      ExitStatus status = execution.await();
      assertThat(status.reason()).as(status.message()).isEqualTo(ExitReason.HALTED);
      assertThat(console(vm)).isEqualTo("[48E0][3B00][2E03]");
    }
  }

  @Test
  @Timeout(120)
  void com1LoopsBackThroughItsPortsAndTalksToTheHostThroughInt14h() throws Exception {
    try (Vm vm = machine(dir, "serial.bin").clock(ClockMode.PACED)
        .timeout(Duration.ofSeconds(60)).build()) {
      SerialPort com1 = vm.device(SerialPorts.class).orElseThrow().port(1);
      VmExecution execution = vm.start();
      // Nothing sent in loopback reaches the host: the first bytes are the INT 14h ones.
      assertThat(readBytes(com1.fromGuest(), 7)).isEqualTo("READY\r\n");
      com1.toGuest().write("pong\n".getBytes(StandardCharsets.US_ASCII));
      com1.toGuest().flush();
      ExitStatus status = execution.await();
      assertThat(status.reason()).as(status.message() + "; console: " + console(vm))
          .isEqualTo(ExitReason.HALTED);
      assertThat(console(vm)).isEqualTo("F0LOOP/pong\n");
      assertThat(readBytes(com1.fromGuest(), 5)).isEqualTo("pong\n");
    }
  }

  @Test
  void com1ReceivesFromTheHostByInterrupts() throws Exception {
    try (Vm vm = machine(dir, "serialirq.bin").build()) {
      SerialPort com1 = vm.device(SerialPorts.class).orElseThrow().port(1);
      com1.toGuest().write("hello irq\n".getBytes(StandardCharsets.US_ASCII));
      runToHalt(vm);
      assertThat(console(vm)).isEqualTo("hello irq\nIIR=04 N=0A");
      assertThat(readBytes(com1.fromGuest(), 5)).isEqualTo("ACK\r\n");
    }
  }

  private static String readBytes(InputStream in, int count) throws IOException {
    return new String(in.readNBytes(count), StandardCharsets.US_ASCII);
  }

  @Test
  void lpt1PrintsToTheHostThroughInt17hAndThroughItsPorts() {
    ByteArrayOutputStream paper = new ByteArrayOutputStream();
    try (Vm vm = machine(dir, "printer.bin").property(VLpt.OUTPUT, paper).build()) {
      runToHalt(vm);
      assertThat(console(vm)).isEqualTo("90");
      assertThat(paper.toString(StandardCharsets.US_ASCII)).isEqualTo("INT17\r\nPORT\r\n");
    }
  }

  @Test
  void theRtcReadThroughInt1ahAndItsPortsShowsTheStartTime() {
    try (Vm vm = machine(dir, "rtc.bin")
        .startTime(LocalDateTime.of(1994, 5, 17, 13, 45, 30)).build()) {
      runToHalt(vm);
      assertThat(console(vm))
          .isEqualTo("13:45:30 1994-05-17 / 13:45:30 1994-05-17 B=02");
    }
  }

  @Test
  void aBootSectorOnOurOwnFloppyReadsFurtherSectorsThroughInt13h() {
    Map<Integer, byte[]> data = Map.of(
        1, text("one\r\n"), // cylinder 0, head 0, sector 2
        2, text("two\r\n"),
        3, text("three\r\n"),
        18, text("head one\r\n"), // cylinder 0, head 1, sector 1
        53, text("cylinder one\r\n")); // cylinder 1, head 0, sector 18
    Path floppy = FloppyBoot.floppy(dir, GuestImages.load("floppy.bin"), data);
    try (Vm vm = machine(floppy).build()) {
      runToHalt(vm);
      assertThat(console(vm)).isEqualTo("BOOT 00\r\none\r\ntwo\r\nthree\r\nhead one\r\n"
          + "cylinder one\r\nT=04 C=4F S=12 H=01");
      Screen.Frame frame = vm.device(Screen.class).orElseThrow().frame();
      assertThat(frame.rowsOfText().subList(0, 8)).extracting(String::strip).containsExactly(
          "BOOT 00", "one", "two", "three", "head one", "cylinder one", "T=04 C=4F S=12 H=01",
          "");
    }
  }

  @Test
  void int13hWritesReachAWritableImageAndNeverAReadOnlyOne() throws IOException {
    Path a = FloppyBoot.floppy(dir, GuestImages.load("diskwrite.bin"), Map.of());
    Path b = FloppyBoot.floppy(dir, new byte[0], Map.of(5, text("old")));
    byte[] aBefore = Files.readAllBytes(a);
    byte[] bBefore = Files.readAllBytes(b);
    try (Vm vm = Vm.builder().personality(Personality.BARE_MACHINE)
        .property(VDisk.DRIVES, DiskDrives.NONE
            .withFloppy(DiskImage.writable(a)).withFloppy(DiskImage.readOnly(b)))
        .instructionBudget(50_000_000).build()) {
      runToHalt(vm);
      assertThat(console(vm)).isEqualTo("-00 C03 written by the guest");
    }
    byte[] aAfter = Files.readAllBytes(a);
    byte[] expected = aBefore.clone();
    byte[] sector = new byte[FloppyBoot.SECTOR];
    byte[] written = text("written by the guest");
    System.arraycopy(written, 0, sector, 0, written.length);
    System.arraycopy(sector, 0, expected, 5 * FloppyBoot.SECTOR, sector.length);
    assertThat(aAfter).as("exactly sector 5 changed").isEqualTo(expected);
    assertThat(Files.readAllBytes(b)).isEqualTo(bBefore);
  }

  @Test
  void withoutAFloppyInt19hBootsTheHardDisk() throws IOException {
    // 20 cylinders, 16 heads, 63 sectors: the usual translation for a 10 MB image.
    byte[] image = new byte[20 * 16 * 63 * FloppyBoot.SECTOR];
    byte[] program = GuestImages.load("disk.bin");
    System.arraycopy(program, 0, image, 0, program.length);
    byte[] text = text("far away");
    System.arraycopy(text, 0, image, 1000 * FloppyBoot.SECTOR, text.length);
    Path disk = Files.write(dir.resolve("disk.img"), image);
    try (Vm vm = Vm.builder().personality(Personality.BARE_MACHINE)
        .property(VDisk.DRIVES, DiskDrives.NONE.withHardDisk(DiskImage.readOnly(disk)))
        .instructionBudget(50_000_000).build()) {
      runToHalt(vm);
      assertThat(console(vm)).isEqualTo("DL=80 C=0013 S=3F H=0F N=01 X=21AA55 far away");
    }
  }

  @Test
  void withoutABootableDiskTheBiosSaysSoAndHalts() {
    try (Vm vm = Vm.builder().personality(Personality.BARE_MACHINE)
        .instructionBudget(50_000_000).build()) {
      runToHalt(vm);
      Screen.Frame frame = vm.device(Screen.class).orElseThrow().frame();
      assertThat(frame.row(0).stripTrailing()).isEqualTo("No boot device");
      assertThat(frame.cursorRow()).isEqualTo(1);
      assertThat(frame.cursorColumn()).isEqualTo(0);
    }
  }

  private static byte[] text(String s) {
    return (s + "\0").getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void unknownBiosFunctionsFailAsRealBiosesDoAndTheMachineGoesOn() {
    try (Vm vm = machine(dir, "unknown.bin").build()) {
      runToHalt(vm);
      assertThat(console(vm)).isEqualTo("C86 C01 ?01 OK");
    }
  }
}
