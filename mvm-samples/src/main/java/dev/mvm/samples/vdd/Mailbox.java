package dev.mvm.samples.vdd;

import dev.mvm.api.VddChannel;
import dev.mvm.api.VddException;
import dev.mvm.api.Vm;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The host's end of a {@link MailboxVdd}: typed methods over the VDD's channel, so that the
 * application never handles command numbers or byte layouts. Thread-safe, like the channel:
 * each call runs on the VM's thread between instruction slices, or at once when the VM is not
 * running.
 *
 * <pre>{@code
 * try (Vm vm = Vm.builder().vdd(new MailboxVdd()).program("C:\\MAILBOX.COM").build();
 *     Mailbox mailbox = Mailbox.open(vm)) {
 *   mailbox.post("hello");
 *   vm.run();
 *   List<String> replies = mailbox.take();
 * }
 * }</pre>
 */
public final class Mailbox implements AutoCloseable {
  private final VddChannel channel;

  private Mailbox(VddChannel channel) {
    this.channel = channel;
  }

  /**
   * Opens the mailbox of a VM.
   *
   * @param vm a VM built with a {@link MailboxVdd}
   * @return the mailbox
   * @throws VddException if the VM has no MAILBOX VDD
   */
  public static Mailbox open(Vm vm) {
    return new Mailbox(vm.openVdd(MailboxVdd.ID));
  }

  /**
   * Queues a message for the guest, which receives it with INT 66h function 02h. Waits until
   * the VM has taken it, not until the guest has read it.
   *
   * @param message the text, one byte per char (chars above 255 become {@code '?'})
   * @throws VddException if the message is longer than {@value MailboxVdd#MAX_LENGTH} bytes
   *     or {@value MailboxVdd#QUEUE_LIMIT} messages wait already
   */
  public void post(String message) {
    channel.request(MailboxVdd.POST, message.getBytes(StandardCharsets.ISO_8859_1));
  }

  /**
   * Takes the lines the guest sent with INT 66h function 01h since the last take.
   *
   * @return the lines, oldest first; empty when none came
   */
  public List<String> take() {
    byte[] reply = channel.request(MailboxVdd.TAKE, new byte[0]);
    List<String> lines = new ArrayList<>();
    int i = 0;
    while (i < reply.length) {
      int length = reply[i] & 0xFF; // each line: a length byte, then the line
      if (i + 1 + length > reply.length) {
        throw new VddException(MailboxVdd.ID,
            "the reply to TAKE ends inside a line of " + length + " bytes at offset " + i);
      }
      lines.add(new String(reply, i + 1, length, StandardCharsets.ISO_8859_1));
      i += 1 + length;
    }
    return lines;
  }

  /** Closes the channel; the VM and its VDD go on. */
  @Override
  public void close() {
    channel.close();
  }
}
