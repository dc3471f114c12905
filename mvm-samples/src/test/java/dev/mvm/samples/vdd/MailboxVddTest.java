package dev.mvm.samples.vdd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mvm.api.ExitReason;
import dev.mvm.api.ExitStatus;
import dev.mvm.api.VddException;
import dev.mvm.api.cpu.CpuModel;
import dev.mvm.testkit.Embed;
import dev.mvm.testkit.EmbeddedMachine;
import dev.mvm.testkit.VddTestKit;
import dev.mvm.testkit.VddTestKitExtension;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The MAILBOX VDD on the testkit's bench: host requests and the status port without a CPU,
 * INT 66h through guest snippets (one per machine, since a snippet ends by halting it).
 */
@ExtendWith(VddTestKitExtension.class)
class MailboxVddTest {

  private static EmbeddedMachine withCpu() {
    return VddTestKit.embed(new MailboxVdd()).withCpu(CpuModel.I8086).start();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String text(EmbeddedMachine m, int address, int length) {
    return new String(m.memory().read(address, length), StandardCharsets.ISO_8859_1);
  }

  // ---- the host's side and the status port ----------------------------------------------

  @Test
  void theStatusPortCountsTheMessagesPostedForTheGuest(
      @Embed(vdds = MailboxVdd.class) EmbeddedMachine m) {
    assertThat(m.inb(0x300)).isZero();
    m.request(MailboxVdd.ID, MailboxVdd.POST, ascii("one"));
    m.request(MailboxVdd.ID, MailboxVdd.POST, ascii("two"));
    assertThat(m.inb(0x300)).isEqualTo(2);
    m.outb(0x300, 0x55); // writes are ignored
    assertThat(m.inb(0x300)).isEqualTo(2);
  }

  @Test
  void takeRepliesWithNothingBeforeTheGuestSpeaks(
      @Embed(vdds = MailboxVdd.class) EmbeddedMachine m) {
    assertThat(m.request(MailboxVdd.ID, MailboxVdd.TAKE)).isEmpty();
    try (Mailbox mailbox = Mailbox.open(m.vm())) {
      assertThat(mailbox.take()).isEmpty();
    }
  }

  @Test
  void theHostIsToldWhatItGotWrong(@Embed(vdds = MailboxVdd.class) EmbeddedMachine m) {
    assertThatThrownBy(() -> m.request(MailboxVdd.ID, 9))
        .isInstanceOf(VddException.class)
        .hasMessageContaining("MAILBOX")
        .hasMessageContaining("unknown command 9");
    assertThatThrownBy(() -> m.request(MailboxVdd.ID, MailboxVdd.POST, new byte[256]))
        .isInstanceOf(VddException.class)
        .hasMessageContaining("message of 256 bytes");
    for (int i = 0; i < MailboxVdd.QUEUE_LIMIT; i++) {
      m.request(MailboxVdd.ID, MailboxVdd.POST, (byte) i);
    }
    assertThatThrownBy(() -> m.request(MailboxVdd.ID, MailboxVdd.POST, (byte) 0))
        .isInstanceOf(VddException.class)
        .hasMessageContaining("64 messages wait");
    assertThat(m.inb(0x300)).isEqualTo(MailboxVdd.QUEUE_LIMIT); // the VDD goes on
  }

  @Test
  void thePortMovesWithItsProperty() {
    try (EmbeddedMachine m =
        VddTestKit.embed(new MailboxVdd()).property(MailboxVdd.PORT, 0x310).start()) {
      m.request(MailboxVdd.ID, MailboxVdd.POST, ascii("x"));
      assertThat(m.inb(0x310)).isEqualTo(1);
      assertThat(m.inb(0x300)).isEqualTo(0xFF); // nobody there: a floating bus
    }
  }

  // ---- the guest's side: INT 66h -----------------------------------------------------------

  @Test
  void theInstallationCheckAnswersWithTheSignatureAndThePort() {
    try (EmbeddedMachine m = withCpu()) {
      m.request(MailboxVdd.ID, MailboxVdd.POST, ascii("waiting"));
      ExitStatus status = m.execute("""
              mov  ah, 0x00
              int  0x66
          """);
      assertThat(status.reason()).as(status.message()).isEqualTo(ExitReason.HALTED);
      assertThat(m.registers().ax()).isEqualTo(0x4D42);
      assertThat(m.registers().bx()).isEqualTo(0x0100);
      assertThat(m.registers().cx()).isEqualTo(1);
      assertThat(m.registers().dx()).isEqualTo(0x300);
      assertThat(m.registers().cf()).isFalse();
    }
  }

  @Test
  void aLineTheGuestSendsReachesTheHost() {
    try (EmbeddedMachine m = withCpu(); Mailbox mailbox = Mailbox.open(m.vm())) {
      ExitStatus status = m.execute("""
              jmp  start
      line:   db   "hello, host"
      start:  mov  ah, 0x01
              mov  dx, line           ; DS = 0: the label is the linear address
              mov  cx, 11
              int  0x66
              mov  ah, 0x01
              mov  cx, 0              ; an empty line is a line too
              int  0x66
          """);
      assertThat(status.reason()).as(status.message()).isEqualTo(ExitReason.HALTED);
      assertThat(m.registers().ax()).isZero(); // the length of the last line
      assertThat(m.registers().cf()).isFalse();
      assertThat(mailbox.take()).containsExactly("hello, host", "");
      assertThat(mailbox.take()).isEmpty(); // taken once
    }
  }

  @Test
  void theGuestReceivesWhatTheHostPostedInOrder() {
    try (EmbeddedMachine m = withCpu(); Mailbox mailbox = Mailbox.open(m.vm())) {
      mailbox.post("first");
      mailbox.post("second!");
      ExitStatus status = m.execute("""
              mov  dx, 0x300
              in   al, dx
              mov  [0x500], al        ; messages waiting before
              mov  ah, 0x02
              mov  di, 0x600          ; ES:DI = 0000:0600
              mov  cx, 64
              int  0x66
              mov  [0x502], ax        ; its length
              mov  ah, 0x02
              mov  di, 0x700
              mov  cx, 7              ; exactly the size of "second!"
              int  0x66
              mov  [0x504], ax
              in   al, dx
              mov  [0x506], al        ; messages waiting after
          """);
      assertThat(status.reason()).as(status.message()).isEqualTo(ExitReason.HALTED);
      assertThat(m.peekb(0x500)).isEqualTo(2);
      assertThat(m.peekw(0x502)).isEqualTo(5);
      assertThat(text(m, 0x600, 5)).isEqualTo("first");
      assertThat(m.peekw(0x504)).isEqualTo(7);
      assertThat(text(m, 0x700, 7)).isEqualTo("second!");
      assertThat(m.peekb(0x506)).isZero();
      assertThat(m.registers().cf()).isFalse();
    }
  }

  /**
   * Every kind of bad call, in one snippet: each leaves CF and AX at 0500h + 4n, and the VM
   * goes on instead of faulting.
   */
  @Test
  void badCallsFailTheDosWayAndLeaveTheQueuesAlone() {
    try (EmbeddedMachine m = withCpu(); Mailbox mailbox = Mailbox.open(m.vm())) {
      mailbox.post("a message of 24 bytes...");
      ExitStatus status = m.execute("""
              mov  bx, 0x500
              mov  ah, 0x7F           ; no such function
              call probe
              mov  ah, 0x01
              mov  dx, 0x600
              mov  cx, 256            ; a line longer than 255
              call probe
              mov  ax, 0xFFFF
              mov  ds, ax
              mov  dx, 0x0008         ; FFFF:0008 + 16 bytes crosses 1 MiB
              mov  cx, 16
              mov  ah, 0x01
              call probe
              mov  ax, 0x1000
              mov  ds, ax
              mov  dx, 0xFFF8         ; 1000:FFF8 + 16 bytes leaves its segment
              mov  ah, 0x01
              call probe
              xor  ax, ax
              mov  ds, ax
              mov  es, ax
              mov  ah, 0x02
              mov  di, 0x600
              mov  cx, 10             ; too small for the message
              call probe
              mov  [0x540], cx        ; the size it needs
              mov  ax, 0xFFFF
              mov  es, ax
              mov  di, 0x0000         ; FFFF:0000 + 24 bytes crosses 1 MiB
              mov  cx, 24
              mov  ah, 0x02
              call probe
              jmp  done
      probe:  int  0x66               ; stores AX and the flags at 0000:BX, BX += 4
              pushf
              push ds
              push ax
              xor  ax, ax
              mov  ds, ax
              pop  ax
              mov  [bx], ax           ; AX of the call
              pop  si                 ; the caller's DS
              pop  ax
              mov  [bx+2], ax         ; the flags the call returned
              mov  ds, si
              add  bx, 4
              ret
      done:   xor  ax, ax
              mov  es, ax
              mov  di, 0x600
              mov  cx, 24
              mov  ah, 0x02           ; now it fits
              int  0x66
              mov  [0x544], ax
              mov  ah, 0x02           ; and then there is nothing more
              int  0x66
              mov  [0x548], ax
          """);
      assertThat(status.reason()).as(status.message()).isEqualTo(ExitReason.HALTED);
      int[] expected = {
        MailboxVdd.ERROR_INVALID_FUNCTION,
        MailboxVdd.ERROR_TOO_LONG,
        MailboxVdd.ERROR_INVALID_ADDRESS,
        MailboxVdd.ERROR_INVALID_ADDRESS,
        MailboxVdd.ERROR_BUFFER_TOO_SMALL,
        MailboxVdd.ERROR_INVALID_ADDRESS
      };
      for (int i = 0; i < expected.length; i++) {
        int at = 0x500 + 4 * i;
        assertThat(m.peekw(at)).as("AX of call %d", i).isEqualTo(expected[i]);
        assertThat(m.peekw(at + 2) & 1).as("CF of call %d", i).isEqualTo(1);
      }
      assertThat(m.peekw(0x540)).isEqualTo(24);
      assertThat(m.peekw(0x544)).isEqualTo(24);
      assertThat(text(m, 0x600, 24)).isEqualTo("a message of 24 bytes...");
      assertThat(m.peekw(0x548)).isEqualTo(MailboxVdd.ERROR_NO_MESSAGE);
      assertThat(m.registers().cf()).isTrue();
      assertThat(mailbox.take()).isEmpty(); // no failed send got through
    }
  }

  @Test
  void aGuestThatOutrunsTheHostIsToldToWait() {
    try (EmbeddedMachine m = withCpu(); Mailbox mailbox = Mailbox.open(m.vm())) {
      ExitStatus status = m.execute("""
              xor  si, si
      again:  mov  ah, 0x01
              mov  dx, 0x600
              mov  cx, 1
              int  0x66
              jc   full
              inc  si
              jmp  again
      full:
          """);
      assertThat(status.reason()).as(status.message()).isEqualTo(ExitReason.HALTED);
      assertThat(m.registers().si()).isEqualTo(MailboxVdd.QUEUE_LIMIT);
      assertThat(m.registers().ax()).isEqualTo(MailboxVdd.ERROR_QUEUE_FULL);
      assertThat(mailbox.take()).hasSize(MailboxVdd.QUEUE_LIMIT);
    }
  }
}
