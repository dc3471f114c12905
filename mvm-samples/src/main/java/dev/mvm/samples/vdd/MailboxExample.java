package dev.mvm.samples.vdd;

import dev.mvm.api.ExitReason;
import dev.mvm.api.ExitStatus;
import dev.mvm.api.Vm;
import dev.mvm.api.VmExecution;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The host application of the mailbox example: it runs {@code MAILBOX.COM} (built from {@code
 * mvm-samples/dos/mailbox.asm}) in a VM with a {@link MailboxVdd} and talks to it while it
 * runs. The program sends a greeting, then, for each message the host posts, prints it and
 * sends it back in upper case, until the message {@value #QUIT}; it then says goodbye and exits
 * with the number of messages it answered.
 *
 * <pre>{@code
 * MailboxExample.Conversation c =
 *     MailboxExample.talk(Path.of("mvm-samples/dos"), List.of("hello", "how are you?"));
 * c.replies();   // [MAILBOX.COM is listening, HELLO, HOW ARE YOU?, bye after 2 messages]
 * }</pre>
 *
 * <p>From the build's application folder: {@code java -p mvm-samples/target/mvm/lib -m
 * dev.mvm.samples/dev.mvm.samples.vdd.MailboxExample mvm-samples/dos hello "how are you?"}.
 */
public final class MailboxExample {

  /** The message that ends the program's loop. */
  public static final String QUIT = "QUIT";

  /**
   * What the exchange produced.
   *
   * @param exitCode the program's return code: how many messages it answered
   * @param output what it wrote to standard output
   * @param replies the lines it sent to the host, oldest first
   */
  public record Conversation(int exitCode, String output, List<String> replies) {}

  private MailboxExample() {}

  /** The most messages {@link #talk} passes on; see there. */
  public static final int MAX_MESSAGES = MailboxVdd.QUEUE_LIMIT - 2;

  /**
   * Runs {@code MAILBOX.COM} on a thread of its own, posts the messages and {@value #QUIT}
   * while it runs, waits for it to exit and takes its replies.
   *
   * <p>The host takes the replies only at the end, so all of them must fit the mailbox's queue
   * of {@value MailboxVdd#QUEUE_LIMIT} lines at once: the greeting, one per message and the
   * goodbye. That makes at most {@value #MAX_MESSAGES} messages (which also leaves room for
   * {@value #QUIT} in the guest's queue, however far the program is behind).
   *
   * @param folder the host folder that holds {@code MAILBOX.COM}; it becomes drive C:
   * @param messages what to tell the program, each at most {@value MailboxVdd#MAX_LENGTH} bytes
   * @return the program's exit code, output and replies
   * @throws IllegalArgumentException if there are more than {@value #MAX_MESSAGES} messages
   * @throws IllegalStateException if the program did not finish by itself within 30 seconds
   * @throws InterruptedException if the thread is interrupted while it waits for the program
   */
  public static Conversation talk(Path folder, List<String> messages)
      throws InterruptedException {
    if (messages.size() > MAX_MESSAGES) {
      throw new IllegalArgumentException(messages.size() + " messages are too many: the "
          + "replies to at most " + MAX_MESSAGES + " fit the mailbox until the host takes them");
    }
    var output = new ByteArrayOutputStream();
    try (Vm vm = Vm.builder()
            .drive('C', folder)
            .vdd(new MailboxVdd()) // the custom VDD, next to the standard ones
            .stdout(output)
            .program("C:\\MAILBOX.COM")
            .timeout(Duration.ofSeconds(30))
            .build();
        Mailbox mailbox = Mailbox.open(vm)) {
      VmExecution execution = vm.start();
      // Each post is a request that the VM's thread serves between instruction slices; the
      // program meanwhile polls the mailbox's status port and sleeps in HLT while it is empty.
      for (String message : messages) {
        mailbox.post(message);
      }
      mailbox.post(QUIT);
      ExitStatus status = execution.await();
      if (status.reason() != ExitReason.PROGRAM_EXIT) {
        throw new IllegalStateException("MAILBOX.COM did not finish: " + status.message(),
            status.cause());
      }
      return new Conversation(status.exitCode(), output.toString(StandardCharsets.ISO_8859_1),
          mailbox.take());
    }
  }

  /**
   * Runs the example and prints the exchange.
   *
   * @param args the folder that holds {@code MAILBOX.COM} (by default {@code mvm-samples/dos}),
   *     then the messages to post (by default two greetings)
   * @throws InterruptedException if interrupted while waiting for the program
   */
  public static void main(String[] args) throws InterruptedException {
    Path folder = Path.of(args.length > 0 ? args[0] : "mvm-samples/dos");
    List<String> messages = args.length > 1
        ? Arrays.asList(args).subList(1, args.length)
        : List.of("hello from the host", "what's new in DOS?");
    Conversation c = talk(folder, messages);
    System.out.print(c.output());
    c.replies().forEach(line -> System.out.println("guest says: " + line));
    System.out.println("exit code " + c.exitCode());
  }
}
