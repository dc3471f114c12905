package dev.mvm.samples.vdd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mvm.api.ExitReason;
import dev.mvm.api.ExitStatus;
import dev.mvm.api.Vm;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** MAILBOX.COM (dos/mailbox.asm) and the host, talking through the MAILBOX VDD in a full VM. */
class MailboxProgramTest {
  @TempDir Path folder;

  @BeforeEach
  void copyTheProgram() throws Exception {
    Files.copy(Path.of("dos", "mailbox.com"), folder.resolve("MAILBOX.COM"));
  }

  @Test
  void messagesPostedBeforeTheRunAreAnsweredInOrder() {
    var output = new ByteArrayOutputStream();
    try (Vm vm = Vm.builder().drive('C', folder).vdd(new MailboxVdd()).stdout(output)
            .program("C:\\MAILBOX.COM").timeout(Duration.ofSeconds(30)).build();
        Mailbox mailbox = Mailbox.open(vm)) {
      mailbox.post("hello, dos");
      mailbox.post("Mixed Case 123");
      mailbox.post("QUIT");

      ExitStatus status = vm.run();

      assertThat(status.reason()).as(status.message()).isEqualTo(ExitReason.PROGRAM_EXIT);
      assertThat(status.exitCode()).isEqualTo(2);
      assertThat(output.toString(StandardCharsets.ISO_8859_1))
          .isEqualTo("host: hello, dos\r\nhost: Mixed Case 123\r\n");
      assertThat(mailbox.take()).containsExactly(
          "MAILBOX.COM is listening", "HELLO, DOS", "MIXED CASE 123", "bye, 2 answered");
    }
  }

  @Test
  @Timeout(60)
  void theExampleTalksToTheProgramWhileItRuns() throws Exception {
    List<String> messages = new ArrayList<>();
    for (int i = 1; i <= MailboxExample.MAX_MESSAGES; i++) {
      messages.add("message " + i);
    }

    MailboxExample.Conversation c = MailboxExample.talk(folder, messages);

    assertThat(c.exitCode()).isEqualTo(62);
    assertThat(c.output()).startsWith("host: message 1\r\nhost: message 2\r\n")
        .endsWith("host: message 61\r\nhost: message 62\r\n");
    assertThat(c.replies()).hasSize(MailboxVdd.QUEUE_LIMIT)
        .startsWith("MAILBOX.COM is listening", "MESSAGE 1")
        .endsWith("MESSAGE 62", "bye, 62 answered");
  }

  @Test
  void theExampleRefusesMoreMessagesThanTheRepliesLeaveRoomFor() {
    List<String> messages = new ArrayList<>();
    for (int i = 0; i <= MailboxExample.MAX_MESSAGES; i++) {
      messages.add("x");
    }
    assertThatThrownBy(() -> MailboxExample.talk(folder, messages))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("63 messages are too many");
  }

  @Test
  @Timeout(60)
  void quitAloneEndsTheConversationAtOnce() throws Exception {
    MailboxExample.Conversation c = MailboxExample.talk(folder, List.of());

    assertThat(c.exitCode()).isZero();
    assertThat(c.output()).isEmpty();
    assertThat(c.replies()).containsExactly("MAILBOX.COM is listening", "bye, 0 answered");
  }

  @Test
  void withoutTheVddTheProgramSaysSoInsteadOfCallingANullVector() {
    var output = new ByteArrayOutputStream();
    try (Vm vm = Vm.builder().drive('C', folder).stdout(output).program("C:\\MAILBOX.COM")
        .timeout(Duration.ofSeconds(30)).build()) {
      ExitStatus status = vm.run();

      assertThat(status.reason()).as(status.message()).isEqualTo(ExitReason.PROGRAM_EXIT);
      assertThat(status.exitCode()).isEqualTo(255);
      assertThat(output.toString(StandardCharsets.ISO_8859_1))
          .isEqualTo("The MAILBOX VDD is not installed (INT 66h).\r\n");
    }
  }
}
