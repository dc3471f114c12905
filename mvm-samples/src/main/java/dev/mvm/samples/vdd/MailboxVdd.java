package dev.mvm.samples.vdd;

import dev.mvm.api.VddException;
import dev.mvm.api.VmProperty;
import dev.mvm.api.cpu.Registers;
import dev.mvm.api.vdd.InterruptHook;
import dev.mvm.api.vdd.IoHandler;
import dev.mvm.api.vdd.Vdd;
import dev.mvm.api.vdd.VddContext;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Queue;
import org.jspecify.annotations.Nullable;

/**
 * MAILBOX: a message link between a DOS program and the host application, in both directions.
 * The host posts messages for the guest and takes the lines the guest sent through a {@link
 * dev.mvm.api.VddChannel} ({@link Mailbox} wraps one); the guest uses a software interrupt and
 * a status port. It is not a model of any hardware: it is the smallest useful custom VDD, a
 * service of the kind OS/2 VDDs offered to DOS sessions.
 *
 * <h2>The guest's side</h2>
 *
 * INT 66h (one of the vectors 60h&ndash;66h that PC conventions leave to user programs;
 * {@link #VECTOR} changes it):
 *
 * <table>
 *   <caption>INT 66h functions</caption>
 *   <tr><th>AH</th><th>call</th><th>returns</th></tr>
 *   <tr><td>00h</td><td>installation check</td>
 *       <td>AX = 4D42h ("MB"), BX = version 0100h, CX = messages waiting,
 *       DX = status port</td></tr>
 *   <tr><td>01h</td><td>send a line to the host: DS:DX the text, CX its length (0&ndash;255)</td>
 *       <td>AX = CX</td></tr>
 *   <tr><td>02h</td><td>receive the next message: ES:DI a buffer, CX its size</td>
 *       <td>AX = the message's length, its bytes at ES:DI</td></tr>
 * </table>
 *
 * <p>Success clears CF. A call that fails sets CF and returns a code in AX, as DOS does:
 * 01h unknown function; 08h the host has not taken its lines and {@value #QUEUE_LIMIT} wait
 * already; 09h the buffer leaves its segment or the first megabyte (this VDD follows neither
 * segment wrap-around nor the HMA); 0Dh a line longer than {@value #MAX_LENGTH} bytes; 12h no
 * message waiting (DOS's "no more files"); 7Ah the buffer is too small (ERROR_INSUFFICIENT_BUFFER
 * in OS/2 and Windows numbering): CX then returns the size needed and the message stays queued.
 * The registers a call does not name as results are left as they were.
 *
 * <p>The status port, 300h (the first port of the IBM prototype-card range; {@link #PORT}
 * changes it): reading it returns how many messages wait for the guest, so a program can poll
 * it, or {@code HLT} until the next timer tick between polls, instead of calling INT 66h in a
 * loop. Writes are ignored.
 *
 * <h2>The host's side</h2>
 *
 * <table>
 *   <caption>host requests</caption>
 *   <tr><th>command</th><th>input</th><th>reply</th></tr>
 *   <tr><td>{@value #POST}</td><td>a message for the guest, 0&ndash;{@value #MAX_LENGTH} bytes</td>
 *       <td>empty</td></tr>
 *   <tr><td>{@value #TAKE}</td><td>empty</td>
 *       <td>every line the guest sent since the last take, oldest first, each a length byte
 *       followed by its bytes</td></tr>
 * </table>
 *
 * <p>A message that is too long, a post while {@value #QUEUE_LIMIT} messages wait, and an
 * unknown command fail the request with a {@link VddException}; the VM goes on.
 *
 * <p>Text is bytes, shown to Java as one char per byte (as {@link
 * dev.mvm.api.vdd.GuestMemory#readString} does): a DOS program sees code page 437. A machine
 * reset keeps both queues, since they belong to the link with the host rather than to the
 * guest's state.
 */
public final class MailboxVdd implements Vdd {

  /** The VDD's id, which the host opens: {@code vm.openVdd(MailboxVdd.ID)}. */
  public static final String ID = "MAILBOX";

  /** The interrupt vector of the guest's services. */
  public static final VmProperty<Integer> VECTOR =
      VmProperty.of("MAILBOX.VECTOR", Integer.class, 0x66);

  /** The status port. */
  public static final VmProperty<Integer> PORT =
      VmProperty.of("MAILBOX.PORT", Integer.class, 0x300);

  /** Host command: queue the request's bytes as a message for the guest. */
  public static final int POST = 1;

  /** Host command: take the lines the guest sent. */
  public static final int TAKE = 2;

  /** The longest message or line, in bytes: it fits the length byte of {@link #TAKE}'s reply. */
  public static final int MAX_LENGTH = 255;

  /** How many messages may wait in each direction. */
  public static final int QUEUE_LIMIT = 64;

  /** AX after a successful installation check: "MB" as a word. */
  public static final int SIGNATURE = 0x4D42;

  /** BX after the installation check: 1.0. */
  public static final int VERSION = 0x0100;

  /** Guest error: unknown function in AH. */
  public static final int ERROR_INVALID_FUNCTION = 0x01;

  /** Guest error: the host has not taken the lines the guest sent. */
  public static final int ERROR_QUEUE_FULL = 0x08;

  /** Guest error: the buffer leaves its segment or the first megabyte. */
  public static final int ERROR_INVALID_ADDRESS = 0x09;

  /** Guest error: a line longer than {@link #MAX_LENGTH}. */
  public static final int ERROR_TOO_LONG = 0x0D;

  /** Guest error: no message waits. */
  public static final int ERROR_NO_MESSAGE = 0x12;

  /** Guest error: the buffer is smaller than the message; CX returns the size needed. */
  public static final int ERROR_BUFFER_TOO_SMALL = 0x7A;

  // Both queues are plain collections: guest calls and host requests all run on the VM's
  // thread (the channel hands requests to it), so nothing here needs a lock.
  private final Queue<byte[]> toGuest = new ArrayDeque<>();
  private final Queue<byte[]> toHost = new ArrayDeque<>();
  private @Nullable VddContext context;
  private int port;

  @Override
  public String id() {
    return ID;
  }

  @Override
  public void attach(VddContext ctx) {
    this.context = ctx;
    port = ctx.property(PORT);
    ctx.ports().claim(port, 1, new IoHandler() {
      @Override
      public int inb(int p) {
        return Math.min(toGuest.size(), 0xFF);
      }

      @Override
      public void outb(int p, int value) {
        // read-only: a write goes nowhere, as on a status register
      }
    });
    ctx.interrupts().hook(ctx.property(VECTOR), this::service);
  }

  // ---- the guest's side -------------------------------------------------------------------

  private InterruptHook.Result service(Registers regs) {
    switch (regs.ah()) {
      case 0x00 -> { // installation check
        regs.setAx(SIGNATURE);
        regs.setBx(VERSION);
        regs.setCx(toGuest.size());
        regs.setDx(port);
        regs.setCf(false);
      }
      case 0x01 -> send(regs);
      case 0x02 -> receive(regs);
      default ->
          fail(regs, ERROR_INVALID_FUNCTION, String.format("no function AH=%02Xh", regs.ah()));
    }
    // Always handled, errors included: the vector is ours, and what it held before (likely
    // nothing, 0000:0000) is no place to continue.
    return InterruptHook.Result.HANDLED;
  }

  /** AH=01h: DS:DX, CX bytes, to the host. */
  private void send(Registers regs) {
    int length = regs.cx();
    if (length > MAX_LENGTH) {
      fail(regs, ERROR_TOO_LONG, "a line of " + length + " bytes is longer than " + MAX_LENGTH);
      return;
    }
    int address = linear(regs.ds(), regs.dx(), length);
    if (address < 0) {
      fail(regs, ERROR_INVALID_ADDRESS, String.format("a line of %d bytes at %04X:%04X leaves its "
          + "segment or the first megabyte", length, regs.ds(), regs.dx()));
      return;
    }
    if (toHost.size() >= QUEUE_LIMIT) {
      fail(regs, ERROR_QUEUE_FULL, toHost.size() + " lines wait for the host already");
      return;
    }
    toHost.add(ctx().memory().read(address, length));
    regs.setAx(length);
    regs.setCf(false);
  }

  /** AH=02h: the next message into ES:DI, CX bytes at most. */
  private void receive(Registers regs) {
    byte[] message = toGuest.peek();
    if (message == null) {
      fail(regs, ERROR_NO_MESSAGE, "no message waits");
      return;
    }
    int size = regs.cx();
    int address = linear(regs.es(), regs.di(), size);
    if (address < 0) {
      fail(regs, ERROR_INVALID_ADDRESS, String.format("a buffer of %d bytes at %04X:%04X leaves "
          + "its segment or the first megabyte", size, regs.es(), regs.di()));
      return;
    }
    if (message.length > size) {
      fail(regs, ERROR_BUFFER_TOO_SMALL,
          "a message of " + message.length + " bytes does not fit a buffer of " + size);
      regs.setCx(message.length);
      return;
    }
    toGuest.remove();
    ctx().memory().write(address, message);
    regs.setAx(message.length);
    regs.setCf(false);
  }

  /**
   * The linear address of a guest buffer, or -1 when it does not lie inside its segment and
   * below 1 MiB.
   */
  private static int linear(int segment, int offset, int length) {
    if (offset + length > 0x1_0000) {
      return -1;
    }
    int address = Registers.linear(segment, offset);
    return address + length > 0x10_0000 ? -1 : address;
  }

  /** Reports a failed call the DOS way, CF set and the code in AX, and logs why. */
  private void fail(Registers regs, int code, String why) {
    regs.setAx(code);
    regs.setCf(true);
    ctx().logger().log(System.Logger.Level.DEBUG,
        String.format("VDD %s: error %02Xh: %s", ID, code, why));
  }

  // ---- the host's side --------------------------------------------------------------------

  @Override
  public byte[] request(int command, byte[] input) {
    switch (command) {
      case POST -> {
        if (input.length > MAX_LENGTH) {
          throw new VddException(ID, "cannot post a message of " + input.length
              + " bytes: the longest is " + MAX_LENGTH);
        }
        if (toGuest.size() >= QUEUE_LIMIT) {
          throw new VddException(ID, "cannot post: " + QUEUE_LIMIT
              + " messages wait for the guest already");
        }
        toGuest.add(input.clone());
        return new byte[0];
      }
      case TAKE -> {
        var reply = new ByteArrayOutputStream();
        for (byte[] line = toHost.poll(); line != null; line = toHost.poll()) {
          reply.write(line.length);
          reply.writeBytes(line);
        }
        return reply.toByteArray();
      }
      default -> throw new VddException(ID, "unknown command " + command + " (" + POST
          + " posts a message for the guest, " + TAKE + " takes the guest's lines)");
    }
  }

  private VddContext ctx() {
    VddContext c = context;
    if (c == null) {
      throw new IllegalStateException("VDD " + ID + " is not attached");
    }
    return c;
  }
}
