package dev.mvm.doskrnl;

import dev.mvm.api.cpu.Registers;
import dev.mvm.api.vdd.GuestCalls;
import dev.mvm.api.vdd.GuestMemory;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * CON input from the keyboard, when the host gave no input stream: the kernel calls the
 * guest's INT 16h (the keyboard VDD's BIOS, or whatever a TSR hooked in front of it) and goes
 * on in a continuation when a key comes. The registers of the DOS call are kept across the
 * guest calls, so the program sees only the function's results.
 *
 * <p>Extended keys (INT 16h AL = 00h) are delivered as DOS does: a 00h, then the scan code at
 * the next read. Line input (0Ah, and 3Fh on CON) echoes, handles backspace, and ends with
 * Enter; what 3Fh does not take of a line stays for the next read. A ^C read by 01h, 08h or a
 * line input is not delivered: it goes to the kernel's Ctrl-C handling (INT 23h).
 */
final class KeyboardInput {
  private static final int ENTER = 0x0D;
  private static final int BACKSPACE = 0x08;

  private final GuestCalls guest;
  private final Console console;
  private final GuestMemory memory;
  /** Takes a ^C, with the registers of the DOS call as the program made it. */
  private final Consumer<Registers> onBreak;
  /** The scan code of an extended key whose 00h was delivered. */
  private int pendingScan = -1;
  /** The rest of a line 3Fh read from CON. */
  private final ArrayDeque<Integer> line = new ArrayDeque<>();

  KeyboardInput(GuestCalls guest, Console console, GuestMemory memory,
      Consumer<Registers> onBreak) {
    this.guest = guest;
    this.console = console;
    this.memory = memory;
    this.onBreak = onBreak;
  }

  /** Reads a key (waiting for one), then hands its character to {@code then}. */
  private void key(Registers r, Consumer<Integer> then) {
    if (pendingScan >= 0) {
      int scan = pendingScan;
      pendingScan = -1;
      then.accept(scan);
      return;
    }
    r.setAh(0x00);
    guest.interrupt(0x16, after -> {
      int ch = after.al();
      if (ch == 0 || ch == 0xE0 && after.ah() != 0) {
        pendingScan = after.ah();
        ch = 0;
      }
      then.accept(ch);
    });
  }

  /** 01h, 07h, 08h: one character in AL, echoed for 01h; 01h and 08h check for ^C. */
  void readChar(Registers r, boolean echo, boolean checkBreak) {
    int[] saved = Console.save(r);
    key(r, ch -> {
      if (checkBreak && ch == Console.CTRL_C) {
        Console.restore(r, saved);
        onBreak.accept(r);
        return;
      }
      Runnable result = () -> {
        Console.restore(r, saved);
        r.setAl(ch);
      };
      if (echo) {
        console.echo(r, new byte[] {(byte) (int) ch}, result);
      } else {
        result.run();
      }
    });
  }

  /** 0Bh: AL = FFh when a key is waiting. */
  void status(Registers r) {
    if (pendingScan >= 0) {
      r.setAl(0xFF);
      return;
    }
    int[] saved = Console.save(r);
    r.setAh(0x01);
    guest.interrupt(0x16, after -> {
      boolean waiting = !after.zf();
      Console.restore(r, saved);
      r.setAl(waiting ? 0xFF : 0x00);
    });
  }

  /** 06h with DL = FFh: a character if one is waiting (ZF clear), else ZF set and AL = 0. */
  void directInput(Registers r) {
    int[] saved = Console.save(r);
    if (pendingScan >= 0) {
      int scan = pendingScan;
      pendingScan = -1;
      r.setAl(scan);
      r.setZf(false);
      return;
    }
    r.setAh(0x01);
    guest.interrupt(0x16, after -> {
      if (after.zf()) {
        Console.restore(r, saved);
        r.setAl(0);
        r.setZf(true);
        return;
      }
      key(r, ch -> {
        Console.restore(r, saved);
        r.setAl(ch);
        r.setZf(false);
      });
    });
  }

  /** 0Ah: buffered input into the buffer at {@code buffer} (max, count, characters, CR). */
  void bufferedInput(Registers r, int buffer) {
    int max = memory.readByte(buffer);
    if (max == 0) {
      return;
    }
    int[] saved = Console.save(r);
    readLine(r, max - 1, false, saved, text -> {
      for (int i = 0; i < text.length(); i++) {
        memory.writeByte(buffer + 2 + i, text.charAt(i));
      }
      memory.writeByte(buffer + 2 + text.length(), ENTER);
      memory.writeByte(buffer + 1, text.length());
      Console.restore(r, saved);
    });
  }

  /** 3Fh on CON: up to {@code count} bytes of a line (with its CR LF) into guest memory. */
  void readHandle(Registers r, int address, int count) {
    int[] saved = Console.save(r);
    Runnable deliver = () -> {
      int n = 0;
      while (n < count && !line.isEmpty()) {
        memory.writeByte(address + n++, line.removeFirst());
      }
      Console.restore(r, saved);
      r.setAx(n);
      r.setCf(false);
    };
    if (!line.isEmpty() || count == 0) {
      deliver.run();
      return;
    }
    readLine(r, 126, true, saved, text -> {
      text.chars().forEach(line::addLast);
      line.addLast(ENTER);
      line.addLast((int) '\n');
      deliver.run();
    });
  }

  /**
   * Reads keys with echo until Enter; backspace removes the last character. Enter echoes CR,
   * and LF too for a handle read of CON: 0Ah leaves the line feed to the program, as MS-DOS.
   * A ^C drops the line and goes to the break handler with the registers {@code saved} at the
   * call.
   */
  private void readLine(
      Registers r, int max, boolean lineFeed, int[] saved, Consumer<String> done) {
    nextKey(r, new StringBuilder(), max, lineFeed ? new byte[] {'\r', '\n'} : new byte[] {'\r'},
        saved, done);
  }

  private void nextKey(Registers r, StringBuilder text, int max, byte[] enter, int[] saved,
      Consumer<String> done) {
    key(r, ch -> {
      if (ch == Console.CTRL_C) {
        Console.restore(r, saved);
        onBreak.accept(r);
        return;
      }
      if (ch == ENTER) {
        console.echo(r, enter, () -> done.accept(text.toString()));
        return;
      }
      byte[] shown = new byte[0];
      if (ch == BACKSPACE) {
        if (text.length() > 0) {
          text.setLength(text.length() - 1);
          shown = new byte[] {BACKSPACE, ' ', BACKSPACE};
        }
      } else if (ch != 0 && text.length() < max) {
        text.append((char) (int) ch);
        shown = new byte[] {(byte) (int) ch};
      }
      console.echo(r, shown, () -> nextKey(r, text, max, enter, saved, done));
    });
  }
}
