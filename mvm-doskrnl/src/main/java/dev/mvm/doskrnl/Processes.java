package dev.mvm.doskrnl;

import dev.mvm.api.ExitReason;
import dev.mvm.api.ExitStatus;
import dev.mvm.api.cpu.Registers;
import dev.mvm.api.event.VmEvent;
import dev.mvm.api.vdd.GuestMemory;
import dev.mvm.api.vdd.VddContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Processes as MS-DOS runs them: EXEC (INT 21h function 4Bh: load and execute, load without
 * executing, load an overlay), termination (00h, 4Ch, INT 20h), terminate and stay resident
 * (31h, INT 27h), the return code (4Dh), and the three addresses every PSP keeps: where the
 * program ends (INT 22h), its Ctrl-C handler (INT 23h) and its critical-error handler
 * (INT 24h).
 *
 * <h2>EXEC and the way back</h2>
 *
 * A child gets an environment (a copy of the parent's variables, or of the block the caller
 * names, with its own path after them), its PSP and the rest of the largest free block, the
 * command tail and two FCBs from the parameter block, and the parent's handles: every one
 * whose file was not opened with the no-inherit bit (open mode 80h), each adding a reference
 * to its file. As MS-DOS does, EXEC pushes the parent's registers (AX, BX, CX, DX, SI, DI, BP,
 * DS, ES) on the parent's stack below the INT 21h frame and keeps that SS:SP in the parent's
 * PSP at 2Eh, and points INT 22h, and the child's PSP at 0Ah, at the instruction after the
 * parent's INT 21h.
 *
 * <p>When the child ends, its handles are closed and its memory freed (a TSR keeps both, its
 * PSP block cut to the size it asked for), INT 22h&ndash;24h get the values its PSP holds, and
 * the parent goes on at the terminate address, on its own stack, with the registers it made
 * the call with and the flags F202h (CF clear), as MS-DOS returns. The DTA stays where the
 * child had it, as in MS-DOS. The kernel does the switch by rewriting the parent's INT 21h
 * frame and letting the hook's {@code IRET} take it, so a termination works the same from an
 * interrupt hook and from a guest call's continuation. The end of the program the host
 * started ends the VM with its exit code.
 *
 * <h2>Ctrl-C</h2>
 *
 * A ^C typed at the keyboard and read by a function that checks for it (01h, 08h, 0Ah, and
 * 3Fh on CON) is echoed as {@code ^C} and a line end, and INT 23h is called with the registers
 * of the DOS call and CF clear. If the handler returns with {@code IRET} (or {@code RETF} with
 * CF clear) the function is restarted; {@code RETF} with CF set aborts the program,
 * termination type 1, return code 0. Like MS-DOS, the kernel tells the two returns apart by
 * the stack pointer, and discards the flags word a {@code RETF} leaves. The default INT 23h
 * handler aborts. A host input stream is standard input redirected from a file, where a 03h
 * is a character like any other: DOS checks for ^C at the keyboard, not in the file.
 */
final class Processes {

  /** Termination types, as function 4Dh returns them in AH. */
  static final int NORMAL = 0;
  static final int CONTROL_C = 1;
  static final int CRITICAL_ERROR = 2;
  static final int RESIDENT = 3;

  /** PSP offset of the SS:SP that EXEC keeps. */
  static final int STACK = 0x2E;
  /** PSP offset of the terminate, Ctrl-C and critical-error addresses (INT 22h&ndash;24h). */
  static final int VECTORS = 0x0A;
  /** The registers EXEC keeps on the parent's stack: AX, BX, CX, DX, SI, DI, BP, DS, ES. */
  private static final int FRAME = 18;
  /** The fewest paragraphs a TSR keeps (DOS 3 and later). */
  private static final int MIN_RESIDENT = 6;
  /** MS-DOS refuses an environment of 32 KiB or more as a bad environment (10). */
  private static final int MAX_ENVIRONMENT = 0x8000;
  /** The most of a program file EXEC reads: no more can be loaded below 1 MiB. */
  private static final int MAX_PROGRAM = 0x110000;
  /** What EXEC copies of each FCB in the parameter block: drive, name and extension. */
  private static final int FCB_NAME = 12;
  private static final byte[] CARET_C = {'^', 'C', '\r', '\n'};

  /** What processes need of the kernel: the current PSP, and the dispatcher to restart a call. */
  interface Kernel {
    /** The running program's PSP. */
    int currentPsp();

    /** Makes a program current (its PSP is what 62h returns). */
    void setCurrentPsp(int psp);

    /** Sets the disk transfer address, as 1Ah does with DS:DX. */
    void setDta(int segment, int offset);

    /** Runs INT 21h with these registers, as when the guest calls it. */
    void dispatch(Registers regs);
  }

  private final VddContext ctx;
  private final GuestMemory memory;
  private final DosDrives drives;
  private final FileTable files;
  private final FileServices fs;
  private final FcbServices fcbs;
  private final Console console;
  private final Kernel kernel;
  private @Nullable MemoryArena arena;
  /** The DOS path of each running program, for the host's events. */
  private final Map<Integer, String> paths = new HashMap<>();
  /** The program the host started: its end ends the VM. */
  private int rootPsp;
  /** What 4Dh returns: the termination type in the high byte, the code in the low. */
  private int returnCode;
  /** How many INT 23h calls the kernel has made that have not returned. */
  private int delivering;
  /** The default INT 23h handler ran during a delivery: the program is to be aborted. */
  private boolean defaultBreakTaken;

  Processes(VddContext ctx, DosDrives drives, FileTable files, FileServices fs, FcbServices fcbs,
      Console console, Kernel kernel) {
    this.ctx = ctx;
    this.memory = ctx.memory();
    this.drives = drives;
    this.files = files;
    this.fs = fs;
    this.fcbs = fcbs;
    this.console = console;
    this.kernel = kernel;
  }

  /** Forgets every process: the machine was reset and has a new memory arena. */
  void reset(MemoryArena arena) {
    this.arena = arena;
    paths.clear();
    rootPsp = 0;
    returnCode = 0;
    delivering = 0;
    defaultBreakTaken = false;
  }

  private MemoryArena arena() {
    MemoryArena a = arena;
    if (a == null) {
      throw new IllegalStateException("DOSKRNL has no memory arena before the machine's reset");
    }
    return a;
  }

  ProgramLoader loader() {
    return new ProgramLoader(memory, arena(), drive -> drives.drive((char) ('A' + drive)) != null);
  }

  /**
   * Starts the program the host asked for (from INT 19h): its end ends the VM.
   *
   * @param regs the registers, set to the program's start
   * @param start where the loader put it
   * @param dosPath its DOS path
   */
  void startRoot(Registers regs, ProgramLoader.Start start, String dosPath) {
    rootPsp = start.psp();
    paths.put(start.psp(), dosPath);
    kernel.setCurrentPsp(start.psp());
    kernel.setDta(start.psp(), Psp.TAIL);
    enter(regs, start);
  }

  /** The registers a program starts with, as MS-DOS 5 with COMMAND.COM leaves them. */
  private static void enter(Registers regs, ProgramLoader.Start s) {
    regs.setAx(s.ax());
    regs.setBx(0);
    regs.setCx(0xFF);
    regs.setDx(s.psp());
    regs.setSi(s.ip());
    regs.setDi(s.sp());
    regs.setBp(0x091C);
    regs.setDs(s.psp());
    regs.setEs(s.psp());
    regs.setSs(s.ss());
    regs.setSp(s.sp());
    regs.setCs(s.cs());
    regs.setIp(s.ip());
    regs.setFlags(0x0202);
  }

  // ---- EXEC ------------------------------------------------------------------------------

  /** A program file as EXEC read it. */
  private record ProgramFile(String dosPath, byte[] bytes) {}

  /**
   * INT 21h 4Bh: AL = 00h load and execute, 01h load without executing, 03h load an overlay;
   * DS:DX the program's name, ES:BX the parameter block.
   */
  void exec(Registers r) {
    int function = r.al();
    if (function != 0x00 && function != 0x01 && function != 0x03) {
      throw DosError.INVALID_FUNCTION.failure(String.format("EXEC function %02Xh", function));
    }
    int parent = kernel.currentPsp();
    int block = Registers.linear(r.es(), r.bx());
    ProgramFile file = read(parent, memory.readAsciiz(r.ds(), r.dx(), 128));
    Executable program = Executable.parse(file.bytes(), file.dosPath());
    ProgramLoader loader = loader();
    if (function == 0x03) {
      loader.loadOverlay(program, memory.readWord(block), memory.readWord(block + 2));
      r.setCf(false);
      return;
    }
    byte[] variables = environment(memory.readWord(block), parent);
    byte[] jft = inheritedHandles(parent);
    ProgramLoader.Start loaded = loader.load(program, file.dosPath(), variables, "", parent, jft);
    int child = loaded.psp();
    files.addReferences(jft);
    // As MS-DOS does: 128 bytes of command tail, whatever they hold; of each FCB the drive,
    // name and extension, with the four bytes after them (extent and record size) zero.
    memory.write((child << 4) + Psp.TAIL, memory.read(farPointer(block + 2), 0x80));
    copyFcb(farPointer(block + 6), (child << 4) + Psp.FCB1);
    copyFcb(farPointer(block + 10), (child << 4) + Psp.FCB2);
    ProgramLoader.Start start = new ProgramLoader.Start(child, loaded.cs(), loaded.ip(),
        loaded.ss(), loaded.sp(), loader.fcbDriveStatus(child));

    // The child ends at the instruction after the parent's INT 21h.
    int returnIp = memory.readWord(Registers.linear(r.ss(), r.sp()));
    int returnCs = memory.readWord(Registers.linear(r.ss(), (r.sp() + 2) & 0xFFFF));
    ctx.interrupts().setVector(0x22, returnCs, returnIp);
    memory.writeWord((child << 4) + VECTORS, returnIp);
    memory.writeWord((child << 4) + VECTORS + 2, returnCs);
    saveParent(r, parent);
    paths.put(child, file.dosPath());
    kernel.setCurrentPsp(child);
    kernel.setDta(child, Psp.TAIL);
    if (function == 0x01) {
      // The caller starts the child itself: SS:SP at 0Eh (with the start AX on the stack, as
      // MS-DOS leaves it) and CS:IP at 12h.
      int sp = (start.sp() - 2) & 0xFFFF;
      memory.writeWord(Registers.linear(start.ss(), sp), start.ax());
      memory.writeWord(block + 0x0E, sp);
      memory.writeWord(block + 0x10, start.ss());
      memory.writeWord(block + 0x12, start.ip());
      memory.writeWord(block + 0x14, start.cs());
      r.setCf(false);
      return;
    }
    ctx.fire(new VmEvent.ProgramStarted(file.dosPath()));
    // Moving CS:IP in the INT 21h hook starts the child there instead of returning.
    enter(r, start);
  }

  /** Reads a program file through a handle of the parent, so that errors are DOS's. */
  private ProgramFile read(int parent, String name) {
    DosDrives.Resolved where = drives.resolve(name, DosDrives.Purpose.FILE);
    if (where.device() != null) {
      throw DosError.FILE_NOT_FOUND.failure(name + " is a device, not a program");
    }
    int handle = fs.open(parent, name, 0, false, false, false);
    try {
      FileChannel channel = files.get(fs.sftIndex(parent, handle)).channel();
      ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), MAX_PROGRAM));
      channel.position(0);
      while (buffer.hasRemaining() && channel.read(buffer) > 0) {
        // a host file may deliver fewer bytes than asked before its end
      }
      return new ProgramFile(where.dosPath(), Arrays.copyOf(buffer.array(), buffer.position()));
    } catch (IOException e) {
      throw DosError.ACCESS_DENIED.failure("cannot read " + where.dosPath() + ": " + e);
    } finally {
      try {
        fs.close(parent, handle);
      } catch (IOException | DosFailure ignored) {
        // the file was only read
      }
    }
  }

  /**
   * The variables for a child: from the block at {@code segment}, or the parent's when it is
   * 0, up to and including the empty string that ends them.
   */
  private byte[] environment(int segment, int parent) {
    int source = segment != 0 ? segment : memory.readWord((parent << 4) + Psp.ENVIRONMENT);
    if (source == 0) {
      return new byte[] {0}; // the parent has none (a TSR may have freed it)
    }
    int base = source << 4;
    int length = 0;
    while (memory.readByte(base + length) != 0) {
      while (memory.readByte(base + length) != 0) {
        if (++length >= MAX_ENVIRONMENT) {
          throw DosError.INVALID_ENVIRONMENT.failure(String.format(
              "the environment at %04Xh has no end in %d bytes", source, MAX_ENVIRONMENT));
        }
      }
      length++; // the string's NUL
    }
    return memory.read(base, length + 1);
  }

  /**
   * The parent's handles a child gets: all but those of files opened not to be inherited. They
   * are read through the parent's job file table pointer (PSP 34h, with its size at 32h), so
   * that a table 67h moved out of the PSP is the one copied; as in MS-DOS the child's table
   * holds the first 20.
   */
  private byte[] inheritedHandles(int parent) {
    byte[] jft = new byte[Psp.JFT_ENTRIES];
    Arrays.fill(jft, (byte) 0xFF);
    int table = Psp.jftAddress(memory, parent);
    int size = Math.min(jft.length, Psp.jftSize(memory, parent));
    for (int h = 0; h < size; h++) {
      int sft = memory.readByte(table + h);
      if (sft != 0xFF && inheritable(sft)) {
        jft[h] = (byte) sft;
      }
    }
    return jft;
  }

  private boolean inheritable(int sft) {
    try {
      return !files.get(sft).noInherit;
    } catch (DosFailure stale) {
      return false; // the table names a file that is not open
    }
  }

  private void copyFcb(int from, int to) {
    memory.write(to, memory.read(from, FCB_NAME));
    memory.write(to + FCB_NAME, new byte[4]);
  }

  private int farPointer(int address) {
    return Registers.linear(memory.readWord(address + 2), memory.readWord(address));
  }

  /** Pushes the registers below the INT 21h frame and keeps that SS:SP at PSP:2Eh. */
  private void saveParent(Registers r, int parent) {
    int ss = r.ss();
    int sp = (r.sp() - FRAME) & 0xFFFF;
    int[] values = {r.ax(), r.bx(), r.cx(), r.dx(), r.si(), r.di(), r.bp(), r.ds(), r.es()};
    for (int i = 0; i < values.length; i++) {
      memory.writeWord(Registers.linear(ss, (sp + 2 * i) & 0xFFFF), values[i]);
    }
    memory.writeWord((parent << 4) + STACK, sp);
    memory.writeWord((parent << 4) + STACK + 2, ss);
  }

  /**
   * Goes back to the parent: its registers from its stack, SS:SP at its INT 21h frame, whose
   * return address becomes the terminate address and whose flags F202h (interrupts enabled,
   * CF clear), as MS-DOS returns; the hook's IRET then takes it there.
   */
  private void returnToParent(Registers r, int parent) {
    int ss = memory.readWord((parent << 4) + STACK + 2);
    int sp = memory.readWord((parent << 4) + STACK);
    int[] v = new int[FRAME / 2];
    for (int i = 0; i < v.length; i++) {
      v[i] = memory.readWord(Registers.linear(ss, (sp + 2 * i) & 0xFFFF));
    }
    r.setAx(v[0]);
    r.setBx(v[1]);
    r.setCx(v[2]);
    r.setDx(v[3]);
    r.setSi(v[4]);
    r.setDi(v[5]);
    r.setBp(v[6]);
    r.setDs(v[7]);
    r.setEs(v[8]);
    sp = (sp + FRAME) & 0xFFFF;
    int target = ctx.interrupts().vector(0x22);
    memory.writeWord(Registers.linear(ss, sp), target & 0xFFFF);
    memory.writeWord(Registers.linear(ss, (sp + 2) & 0xFFFF), target >>> 16);
    memory.writeWord(Registers.linear(ss, (sp + 4) & 0xFFFF), 0xF202);
    r.setSs(ss);
    r.setSp(sp);
    r.setFlags(0x0202); // no status flags for the IRET to merge into the F202h
  }

  // ---- the end of a program ----------------------------------------------------------------

  /**
   * Ends the current program (00h, 4Ch, INT 20h, a Ctrl-C abort) and goes back to its parent.
   *
   * @param r the registers, which become the parent's
   * @param code the return code (AL for 4Ch)
   * @param type the termination type
   */
  void terminate(Registers r, int code, int type) {
    int psp = kernel.currentPsp();
    int a = psp << 4;
    int parent = memory.readWord(a + Psp.PARENT);
    boolean root = psp == rootPsp || parent == psp;
    int exitCode = code & 0xFF;
    String path = paths.getOrDefault(psp, "");
    paths.remove(psp);
    // A program may end inside its own INT 23h handler (many do, with 4Ch): that delivery
    // will not come back.
    delivering = 0;
    if (type != RESIDENT) {
      fs.closeAll(psp);
      fcbs.closeAll(psp);
      try {
        arena().freeAll(psp);
      } catch (DosFailure broken) {
        if (!root) {
          // MS-DOS halts here too ("Memory allocation error"): there is no way back.
          ctx.fire(new VmEvent.ProgramExited(path, exitCode));
          ctx.exit(ExitStatus.of(ExitReason.HALTED, path + " ended with its memory arena "
              + "destroyed, so its parent cannot go on: " + broken.getMessage(), 0));
          return;
        }
      }
    }
    returnCode = type << 8 | exitCode;
    ctx.fire(new VmEvent.ProgramExited(path, exitCode));
    if (root) {
      ctx.exit(ExitStatus.programExit(exitCode, 0));
      return;
    }
    for (int i = 0; i < 3; i++) {
      int at = a + VECTORS + 4 * i;
      ctx.interrupts().setVector(0x22 + i, memory.readWord(at + 2), memory.readWord(at));
    }
    // MS-DOS leaves the DTA where it was: a parent sets its own again after EXEC.
    kernel.setCurrentPsp(parent);
    returnToParent(r, parent);
  }

  /**
   * 31h and INT 27h: ends the program but keeps it in memory: its PSP block cut to {@code
   * paragraphs} (at least 6), its other blocks, its environment and its open files.
   *
   * @param r the registers
   * @param paragraphs what to keep of the PSP block
   * @param code the return code
   */
  void keep(Registers r, int paragraphs, int code) {
    int psp = kernel.currentPsp();
    int keep = Math.max(MIN_RESIDENT, paragraphs);
    try {
      arena().resize(psp, keep);
      memory.writeWord((psp << 4) + 2, psp + keep); // the PSP's end of memory follows
    } catch (DosFailure e) {
      // MS-DOS ignores this too: the block stays as it is
      ctx.logger().log(System.Logger.Level.DEBUG, "a TSR keeps its block as it is: " + e);
    }
    terminate(r, code, RESIDENT);
  }

  /** What 4Dh would return now (the swappable data area shows it), without reading it. */
  int lastReturnCode() {
    return returnCode;
  }

  /** 4Dh: the return code of the last child, AL code and AH type; read once, then 0. */
  void returnCode(Registers r) {
    r.setAx(returnCode);
    returnCode = 0;
    r.setCf(false);
  }

  /** The default INT 22h, the terminate address of the program the host started: the VM ends. */
  void shellReturn() {
    ctx.exit(ExitStatus.programExit(returnCode & 0xFF, 0));
  }

  /** The default INT 24h: fail the call (AL = 3). */
  static void criticalError(Registers r) {
    r.setAl(3);
  }

  // ---- Ctrl-C ------------------------------------------------------------------------------

  /**
   * Takes a ^C that a DOS function read: echoes it, calls INT 23h, and restarts the function
   * or aborts the program as the handler says.
   *
   * @param r the registers as the program made the DOS call
   */
  void controlC(Registers r) {
    int[] call = Console.save(r);
    console.echo(r, CARET_C, () -> {
      Console.restore(r, call);
      r.setCf(false);
      int sp = r.sp();
      delivering++;
      defaultBreakTaken = false;
      ctx.guestCalls().interrupt(0x23, after -> {
        delivering = Math.max(0, delivering - 1);
        boolean abort = defaultBreakTaken;
        defaultBreakTaken = false;
        if (after.sp() != sp) {
          // RETF: the flags the INT pushed are still there; CF says what to do.
          abort |= after.cf();
          after.setSp((after.sp() + 2) & 0xFFFF);
        }
        if (abort) {
          terminate(after, 0, CONTROL_C);
        } else {
          kernel.dispatch(after);
        }
      });
    });
  }

  /**
   * The default INT 23h: aborts the program. Called by the kernel's delivery it leaves the
   * abort to the delivery; called any other way it aborts at once.
   */
  void defaultBreak(Registers r) {
    if (delivering > 0) {
      defaultBreakTaken = true;
    } else {
      terminate(r, 0, CONTROL_C);
    }
  }
}
