package dev.mvm.doskrnl;

import dev.mvm.api.cpu.Registers;
import dev.mvm.api.vdd.GuestMemory;
import java.nio.charset.StandardCharsets;

/**
 * INT 21h functions about the system rather than files: the switch character (37h), the server
 * and network functions programs probe (5Dh, 5Eh, 5Fh), the handle count (67h) and commit
 * (68h, 6Ah). They answer as MS-DOS 5 does on a machine without a network:
 *
 * <ul>
 *   <li>3700h: DL = '/'; 3701h is accepted and ignored; 3702h: DL = FFh ({@code /DEV/} is
 *       optional); 3703h ignored; other subfunctions AL = FFh. MS-DOS 5 and later behave so.
 *   <li>5D01h (commit all files) succeeds: every write is already on the host. 5D06h returns
 *       the swappable data area. 5D0Ah sets the extended error that 59h returns. The others
 *       (5D00h server call, 5D02h&ndash;5D05h, which need SHARE, 5D07h&ndash;5D09h, which need
 *       a network, and 5D0Bh, which only DOS 4 has) fail with invalid function.
 *   <li>5E00h returns the machine name MS-DOS keeps even without a network: 15 blanks and a 0
 *       at first, with CX = 0000h (CH = 0: not a valid name); 5E01h sets it. The printer
 *       functions (5E02h&ndash;5E05h) and 5Fh (redirection, including 5F02h's list) go to the
 *       network redirector, which is not installed, so they fail with invalid function (01h),
 *       as MS-DOS's INT 2Fh default handler answers every network request.
 *   <li>67h: see {@link #setHandleCount}.
 *   <li>68h and 6Ah (commit file) check the handle; there is nothing to flush, since the
 *       kernel keeps no buffers.
 * </ul>
 */
final class SystemFunctions {

  private final GuestMemory memory;
  private final MemoryArena arena;
  private final FileServices fs;
  private final DosTables tables;
  private final ExtendedError error;
  private byte[] machineName = "               ".getBytes(StandardCharsets.US_ASCII);
  private int machineNumber;

  SystemFunctions(GuestMemory memory, MemoryArena arena, FileServices fs, DosTables tables,
      ExtendedError error) {
    this.memory = memory;
    this.arena = arena;
    this.fs = fs;
    this.tables = tables;
    this.error = error;
  }

  /** 37h: the switch character and the AVAILDEV flag. */
  void switchCharacter(Registers r) {
    switch (r.al()) {
      case 0x00 -> {
        r.setAl(0);
        r.setDl('/');
      }
      case 0x02 -> {
        r.setAl(0);
        r.setDl(0xFF);
      }
      case 0x01, 0x03 -> r.setAl(0); // accepted and ignored, as by MS-DOS 5
      default -> r.setAl(0xFF);
    }
  }

  /** 5Dh: server functions. */
  void server(Registers r) {
    switch (r.al()) {
      case 0x01 -> {} // commit all files: nothing is buffered
      case 0x06 -> tables.swappableDataArea(r);
      case 0x0A -> error.setFromParameterList(memory, Registers.linear(r.ds(), r.dx()));
      default -> throw DosError.INVALID_FUNCTION.failure(String.format(
          "5D%02Xh needs SHARE or a network", r.al()));
    }
    r.setCf(false);
  }

  /** 5Eh: the machine name; the printer functions need a network. */
  void machineName(Registers r) {
    switch (r.al()) {
      case 0x00 -> {
        int a = Registers.linear(r.ds(), r.dx());
        memory.write(a, machineName);
        memory.writeByte(a + 15, 0);
        r.setCx(machineNumber);
      }
      case 0x01 -> {
        machineName = memory.read(Registers.linear(r.ds(), r.dx()), 15);
        machineNumber = r.cx();
      }
      default -> throw DosError.INVALID_FUNCTION.failure(String.format(
          "5E%02Xh needs a network", r.al()));
    }
    r.setCf(false);
  }

  /**
   * 67h: sets the size of the program's job file table, as MS-DOS 5 does. A size above 20 moves
   * the table into a new memory block of the program's (which it must have left room for, or
   * insufficient memory, 08h), keeps the handles, and frees a table 67h allocated before; 20 or
   * less moves the table back into the PSP, if it had been moved. Dropping a handle that is
   * open fails with too many open files (04h). PSP 32h and 34h show the table's size and place.
   *
   * @param psp the program's PSP
   * @param wanted the new size, from BX
   */
  void setHandleCount(int psp, int wanted) {
    int size = Psp.jftSize(memory, psp);
    int jft = Psp.jftAddress(memory, psp);
    int inPsp = (psp << 4) + Psp.JFT;
    int keep = Math.max(wanted, Psp.JFT_ENTRIES);
    if (keep == size && (jft == inPsp || wanted > Psp.JFT_ENTRIES)) {
      return;
    }
    for (int h = keep; h < size; h++) {
      if (memory.readByte(jft + h) != 0xFF) {
        throw DosError.TOO_MANY_OPEN_FILES.failure(
            "handle " + h + " is open, beyond the " + keep + " handles wanted");
      }
    }
    byte[] handles = memory.read(jft, Math.min(size, keep));
    int target;
    int segment;
    int offset;
    if (keep == Psp.JFT_ENTRIES) {
      target = inPsp;
      segment = psp;
      offset = Psp.JFT;
    } else {
      try {
        segment = arena.allocate((keep + 15) >>> 4, psp);
      } catch (MemoryArena.InsufficientMemory e) {
        throw DosError.INSUFFICIENT_MEMORY.failure(
            "no room for a table of " + keep + " handles: " + e.getMessage());
      }
      target = segment << 4;
      offset = 0;
      byte[] closed = new byte[keep];
      java.util.Arrays.fill(closed, (byte) 0xFF);
      memory.write(target, closed);
    }
    memory.write(target, handles);
    int mcb = (jft >>> 4) - 1;
    if (jft != inPsp && mcb >= 0 && (jft & 0xF) == 0 && arena.owner(mcb) == psp
        && arena.size(mcb) == (size + 15) >>> 4) {
      arena.free(jft >>> 4); // the block an earlier 67h allocated
    }
    int a = psp << 4;
    memory.writeWord(a + Psp.JFT_SIZE, keep);
    memory.writeWord(a + Psp.JFT_POINTER, offset);
    memory.writeWord(a + Psp.JFT_POINTER + 2, segment);
  }

  /** 68h, 6Ah: commit a file; only the handle is checked. */
  void commit(Registers r, int psp) {
    fs.sftIndex(psp, r.bx());
    r.setCf(false);
  }
}
