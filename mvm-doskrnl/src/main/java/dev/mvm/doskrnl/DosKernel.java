package dev.mvm.doskrnl;

import dev.mvm.api.DosConfig;
import dev.mvm.api.ExitReason;
import dev.mvm.api.ExitStatus;
import dev.mvm.api.MvmException;
import dev.mvm.api.Personality;
import dev.mvm.api.VmConfigurationException;
import dev.mvm.api.VmProperty;
import dev.mvm.api.cpu.Registers;
import dev.mvm.api.event.VmEvent;
import dev.mvm.api.vdd.GuestMemory;
import dev.mvm.api.vdd.InterruptHook;
import dev.mvm.api.vdd.Vdd;
import dev.mvm.api.vdd.VddContext;
import dev.mvm.api.vdd.SimpleVddProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * DOSKRNL: a DOS kernel rehosted in Java, the doskrnl of the OS/2 MVDM design. Its services
 * (INT 20h, 21h and 29h) run in Java on real DOS structures in guest memory (the memory
 * arena's MCBs, the PSP, the environment, the DTA) and on host directories mapped as drives.
 *
 * <p>It is active only with {@link Personality#DOS}: it takes over at the BIOS's bootstrap
 * (INT 19h), loads the configured program from its drive and starts it; when that program
 * ends, the run ends with {@link ExitReason#PROGRAM_EXIT} and the program's exit code.
 *
 * <p>The kernel serves programs (.COM and MZ .EXE) and the programs they start (EXEC, TSRs,
 * Ctrl-C through INT 23h: see {@link Processes}), the console, handle-based files and
 * directories, FCB files ({@link FcbServices}), memory, date and time; and the internals
 * programs read: the list of lists and the tables behind it ({@link DosTables}), the extended
 * error of every failure ({@link ExtendedError}), country information ({@link Nls}), IOCTL
 * ({@link Ioctl}), record locks ({@link RecordLocks}), TRUENAME ({@link TrueName}), the handle
 * count and the network probes ({@link SystemFunctions}) and INT 2Eh/2Fh ({@link Multiplex}).
 * An unknown function answers as MS-DOS does (AL = 00h), also sets CF so that careful callers
 * notice, makes function 59h report invalid function, and is logged once; the VM goes on.
 *
 * <p>The VM's limits reach the guest as DOS reports them where DOS has a way: at the limit of
 * open host files ({@link dev.mvm.api.VmBuilder#maxOpenFiles}, see {@link HostFiles}) an open
 * fails with 04h, too many open files; a drive's write quota ({@link
 * dev.mvm.api.VmBuilder#writeQuota}) fills up as a full disk. Too much output ({@link
 * dev.mvm.api.VmBuilder#maxOutput}) has no DOS answer: the run ends with {@link
 * ExitReason#OUTPUT_LIMIT} and the program's files are closed. Whatever hits, the files hold
 * exactly the bytes written to them: the kernel buffers nothing.
 */
public final class DosKernel implements Vdd {

  /** The VDD's id. */
  public static final String ID = "DOSKRNL";

  /**
   * How many files may be open at once in the VM (CONFIG.SYS's FILES=): the entries of the
   * system file table, 4 of which the standard devices hold. 8 to 255, as MS-DOS accepts; an
   * open beyond it fails with error 04h, too many open files. The host files the VM holds can
   * be limited further with {@link dev.mvm.api.VmBuilder#maxOpenFiles}.
   */
  public static final VmProperty<Integer> FILES = VmProperty.of("DOSKRNL.FILES", Integer.class, 40);

  /** The DOS version programs see, as major * 100 + minor: 500 is DOS 5.0. */
  public static final VmProperty<Integer> VERSION =
      VmProperty.of("DOSKRNL.VERSION", Integer.class, 500);

  /**
   * Where the memory arena starts: the first MCB's segment. Its first block is DOS's own data
   * (see {@link DosTables} for the memory layout).
   */
  static final int FIRST_MCB = 0x0100;

  private @Nullable VddContext context;
  private @Nullable DosDrives drives;
  private @Nullable MemoryArena arena;
  private @Nullable FileTable files;
  private @Nullable FileServices fileServices;
  private @Nullable FcbServices fcbServices;
  private @Nullable Console console;
  /** CON input from the keyboard, when the host gave no input stream. */
  private @Nullable KeyboardInput keyboard;
  private @Nullable DosTables tables;
  private @Nullable Ioctl ioctl;
  private @Nullable RecordLocks locks;
  private @Nullable SystemFunctions system;
  private @Nullable Processes processes;
  private final Nls nls = new Nls();
  private final ExtendedError extendedError = new ExtendedError();
  private final Set<Integer> unknownLogged = new HashSet<>();
  /** The running program's PSP; 0 before one starts. */
  private int currentPsp;
  private int dta;
  /** The DTA's offset in its segment: FCB transfers stop at the segment's end. */
  private int dtaOffset;
  /** The drive the program the host started was on, 1 = A: (33h 05h). */
  private int bootDrive = 3;
  private boolean breakChecking;
  private boolean verify;
  /** The guest's clock minus the VM's, moved by the set date and set time functions. */
  private Duration clockOffset = Duration.ZERO;

  @Override
  public String id() {
    return ID;
  }

  @Override
  public void attach(VddContext ctx) {
    if (ctx.config().personality() != Personality.DOS) {
      return; // the bare machine boots whatever the firmware finds
    }
    this.context = ctx;
    DosConfig dos = ctx.config().dos();
    try {
      drives = new DosDrives(dos.drives());
    } catch (IOException e) {
      throw new VmConfigurationException(String.valueOf(e.getMessage()), e);
    }
    int sftSize = ctx.property(FILES);
    if (sftSize < 8 || sftSize > 255) {
      throw new VmConfigurationException(
          FILES.name() + " (CONFIG.SYS's FILES=) must be 8 to 255, as in MS-DOS: " + sftSize);
    }
    HostFiles hostFiles = new HostFiles(dos.maxOpenFiles());
    files = new FileTable(sftSize, hostFiles);
    console = new Console(dos.stdin(), dos.stdout(), dos.stderr(), ctx.guestCalls(), this::now);
    if (dos.maxOutput() > 0) {
      console.limitOutput(dos.maxOutput(), () -> {
        ctx.exit(ExitStatus.of(ExitReason.OUTPUT_LIMIT, "output limit of " + dos.maxOutput()
            + " bytes reached: the program's output was cut there", 0));
        // The run ends for good: once the DOS function is done, close what the program has
        // open, so that its files are complete on the host before the VM is closed.
        ctx.post(this::closeFiles);
      });
    }
    fileServices = new FileServices(ctx.memory(), drives, files, console, hostFiles);
    fcbServices = new FcbServices(ctx.memory(), drives, console, this::now, hostFiles);
    processes = new Processes(ctx, drives, files, fileServices, fcbServices, console,
        new Processes.Kernel() {
          @Override
          public int currentPsp() {
            return currentPsp;
          }

          @Override
          public void setCurrentPsp(int psp) {
            currentPsp = psp;
          }

          @Override
          public void setDta(int segment, int offset) {
            dta = Registers.linear(segment, offset);
            dtaOffset = offset;
          }

          @Override
          public void dispatch(Registers regs) {
            guarded(regs, () -> int21(regs));
          }
        });
    if (!console.hasInputStream()) {
      keyboard = new KeyboardInput(ctx.guestCalls(), console, ctx.memory(),
          regs -> processes().controlC(regs));
    }
    nls.setCaseMapRoutine(ctx.farCallEntry(nls::caseMap));
    tables = new DosTables(ctx.memory(), drives, files, extendedError, nls);
    ioctl = new Ioctl(ctx.memory(), fileServices, files, drives, tables);
    locks = new RecordLocks(files);
    Multiplex multiplex = new Multiplex(ctx.guestCalls(), ctx.logger());
    ctx.interrupts().chain(0x2F, multiplex::int2f);
    ctx.interrupts().hook(0x2E, regs -> multiplex.int2e(regs, ctx.memory()));
    ctx.interrupts().hook(0x19, this::boot);
    ctx.interrupts().hook(0x20, regs -> guarded(regs,
        () -> processes().terminate(regs, 0, Processes.NORMAL)));
    ctx.interrupts().hook(0x21, regs -> guarded(regs, () -> int21(regs)));
    ctx.interrupts().hook(0x22, regs -> guarded(regs, () -> processes().shellReturn()));
    ctx.interrupts().hook(0x23, regs -> guarded(regs, () -> processes().defaultBreak(regs)));
    ctx.interrupts().hook(0x24, regs -> guarded(regs, () -> Processes.criticalError(regs)));
    ctx.interrupts().hook(0x27, regs -> guarded(regs, // TSR: DX bytes from the PSP stay
        () -> processes().keep(regs, (regs.dx() + 15) >>> 4, 0)));
    ctx.interrupts().hook(0x28, regs -> InterruptHook.Result.HANDLED); // idle: nothing to do
    ctx.interrupts().hook(0x29, regs -> guarded(regs, () -> console().write(regs.al())));
  }

  @Override
  public void reset() {
    if (context == null) {
      return;
    }
    long top = Math.min(ctx().config().memorySize(), 640 * 1024) >>> 4;
    MemoryArena a = new MemoryArena(ctx().memory(), FIRST_MCB, (int) top);
    arena = a;
    files().reset();
    dev.mvm.api.cpu.CpuModel cpu = ctx().config().cpuModel();
    tables().install(a, ctx().config().memorySize(),
        cpu != null && cpu.compareTo(dev.mvm.api.cpu.CpuModel.I80386) >= 0);
    system = new SystemFunctions(ctx().memory(), a, fs(), tables(), extendedError);
    processes().reset(a);
    currentPsp = 0;
  }

  @Override
  public void detach() {
    closeFiles();
  }

  /** Closes every host file the guest has open, handles and FCBs. */
  private void closeFiles() {
    if (files != null) {
      files.closeAll();
    }
    if (fcbServices != null) {
      fcbServices.closeAll();
    }
  }

  private VddContext ctx() {
    return require(context);
  }

  private DosDrives drives() {
    return require(drives);
  }

  private MemoryArena arena() {
    return require(arena);
  }

  private FileTable files() {
    return require(files);
  }

  private FileServices fs() {
    return require(fileServices);
  }

  private FcbServices fcbs() {
    return require(fcbServices);
  }

  private Console console() {
    return require(console);
  }

  private DosTables tables() {
    return require(tables);
  }

  private Processes processes() {
    return require(processes);
  }

  private static <T> T require(@Nullable T value) {
    if (value == null) {
      throw new IllegalStateException("DOSKRNL is not active (the personality is not DOS)");
    }
    return value;
  }

  // ---- start and end -------------------------------------------------------------------

  /** INT 19h, the BIOS's hand-over: load the configured program and start it. */
  private InterruptHook.Result boot(Registers regs) {
    DosConfig dos = ctx().config().dos();
    String program = dos.program();
    if (program == null) {
      ctx().exit(ExitStatus.of(ExitReason.HALTED, "no DOS program was configured", 0));
      return InterruptHook.Result.HANDLED;
    }
    try {
      DosDrives.Resolved r = drives().resolve(program, DosDrives.Purpose.FILE);
      if (!r.exists() || r.device() != null || Files.isDirectory(r.host())) {
        throw DosError.FILE_NOT_FOUND.failure("no program " + r.dosPath());
      }
      byte[] image = Files.readAllBytes(r.host());
      drives().setCurrent(r.drive().letter);
      tables().setBootDrive(r.drive().letter);
      bootDrive = r.drive().letter - 'A' + 1;
      String cwd = dos.currentDirectory();
      if (cwd != null) {
        enter(cwd);
      }
      start(regs, Executable.parse(image, r.dosPath()), r.dosPath(), dos);
      ctx().fire(new VmEvent.ProgramStarted(r.dosPath()));
    } catch (DosFailure e) {
      ctx().exit(ExitStatus.fault(new MvmException("cannot run " + program + ": " + e.getMessage()
          + " (DOS error " + e.error().code() + ")"), 0));
    } catch (IOException e) {
      ctx().exit(ExitStatus.fault(new MvmException("cannot read " + program + ": " + e, e), 0));
    }
    return InterruptHook.Result.HANDLED;
  }

  /** Makes a configured {@code X:\PATH} the current drive and directory. */
  private void enter(String directory) {
    if (!drives().setCurrent(directory.charAt(0))) {
      throw DosError.INVALID_DRIVE.failure("current directory " + directory
          + " is not on a mapped drive");
    }
    drives().changeDirectory(directory);
  }

  private void start(Registers regs, Executable program, String path, DosConfig dos) {
    byte[] jft = FileTable.standardJft();
    ProgramLoader.Start s = processes().loader().load(program, path, dos.arguments(),
        dos.environment(), 0, jft);
    files().addReferences(jft);
    // Moving CS:IP in the INT 19h hook starts the program there instead of returning.
    processes().startRoot(regs, s, path);
  }

  // ---- INT 21h -------------------------------------------------------------------------

  /** Runs a service, turning its DOS failure into CF and AX as DOS reports it. */
  private InterruptHook.Result guarded(Registers regs, Runnable service) {
    int ax = regs.ax();
    int bx = regs.bx();
    try {
      service.run();
    } catch (DosFailure f) {
      fail(regs, f, ax);
    } catch (UncheckedIOException e) {
      fail(regs, DosError.ACCESS_DENIED.failure(String.valueOf(e.getMessage())), ax);
    }
    console().flush(regs);
    // The tables programs read mirror the kernel: bring them up to date (for a read, write or
    // seek, also the file position of the handle it used).
    int ah = ax >>> 8;
    tables().sync(currentPsp, dta, processes().lastReturnCode(), breakChecking,
        ah == 0x3F || ah == 0x40 || ah == 0x42 ? bx : -1);
    return InterruptHook.Result.HANDLED;
  }

  /** Reports a failure as MS-DOS does: CF, AX = the code, and the extended error for 59h. */
  private void fail(Registers regs, DosFailure f, int ax) {
    regs.setAx(extendedError.fail(f.error(), ax));
    if (f instanceof MemoryArena.InsufficientMemory m) {
      regs.setBx(m.available);
    }
    regs.setCf(true);
    ctx().logger().log(System.Logger.Level.DEBUG, f.getMessage());
  }

  private static void ok(Registers regs) {
    regs.setCf(false);
  }

  private interface IoAction {
    void run() throws IOException;
  }

  private static void io(IoAction action) {
    try {
      action.run();
    } catch (java.nio.file.AccessDeniedException e) {
      throw DosError.ACCESS_DENIED.failure("host refuses " + e.getFile());
    } catch (IOException e) {
      throw DosError.ACCESS_DENIED.failure("host I/O error: " + e.getMessage());
    }
  }

  /** The ASCIIZ path at DS:DX (or another register pair). */
  private String path(int segment, int offset) {
    return ctx().memory().readAsciiz(segment, offset, 128);
  }

  private void int21(Registers r) {
    GuestMemory m = ctx().memory();
    int ah = r.ah();
    switch (ah) {
      case 0x00 -> processes().terminate(r, 0, Processes.NORMAL); // terminate program
      case 0x01 -> { // read character with echo; ^C at the keyboard goes to INT 23h
        KeyboardInput k = keyboard;
        if (k != null) {
          k.readChar(r, true, true);
        } else {
          int c = console().readCharOrEof(); // redirected: 03h is a character like any other
          stdout(c);
          r.setAl(c);
        }
      }
      case 0x02 -> { // write character DL to standard output
        stdout(r.dl());
        r.setAl(r.dl() == 9 ? 0x20 : r.dl());
      }
      case 0x03 -> r.setAl(0x1A); // AUX input: no serial source is wired to DOS; end of file
      case 0x04 -> console().writeDevice("AUX", false, new byte[] {(byte) r.dl()}); // AUX out
      case 0x05 -> console().writeDevice("PRN", false, new byte[] {(byte) r.dl()}); // printer
      case 0x06 -> { // direct console I/O: DL=FFh reads without waiting
        KeyboardInput k = keyboard;
        if (r.dl() == 0xFF && k != null) {
          k.directInput(r);
        } else if (r.dl() == 0xFF) {
          boolean ready = console().inputReady("CON");
          r.setZf(!ready);
          r.setAl(ready ? console().readCharOrEof() : 0);
        } else {
          stdout(r.dl());
          r.setAl(r.dl());
        }
      }
      case 0x07, 0x08 -> { // read character, no echo; 08h sends ^C at the keyboard to INT 23h
        KeyboardInput k = keyboard;
        if (k != null) {
          k.readChar(r, false, ah == 0x08);
        } else {
          r.setAl(console().readCharOrEof());
        }
      }
      case 0x09 -> { // write string ending with '$' at DS:DX
        String s = m.readString(Registers.linear(r.ds(), r.dx()), '$', 0x10000);
        stdout(s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        r.setAl('$');
      }
      case 0x0A -> { // buffered keyboard input at DS:DX
        KeyboardInput k = keyboard;
        if (k != null) {
          k.bufferedInput(r, Registers.linear(r.ds(), r.dx()));
        } else {
          bufferedInput(r, m);
        }
      }
      case 0x0B -> { // input status
        KeyboardInput k = keyboard;
        if (k != null) {
          k.status(r);
        } else {
          r.setAl(console().inputReady("CON") ? 0xFF : 0x00);
        }
      }
      case 0x0C -> { // flush input, then a character input function
        int function = r.al();
        if (function == 0x01 || function == 0x06 || function == 0x07 || function == 0x08
            || function == 0x0A) {
          r.setAh(function);
          int21(r);
          r.setAh(0x0C);
        }
      }
      case 0x0D -> {} // disk reset: every write already reached the host
      case 0x0E -> { // select drive DL; AL = number of drives
        drives().setCurrent((char) ('A' + r.dl()));
        r.setAl(Math.max(5, drives().lastLetter() - 'A' + 1));
      }
      case 0x0F, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x21, 0x22, 0x23, 0x24, 0x27,
          0x28, 0x29 -> fcb(r); // FCB functions: the result is in AL, CF stays as it was
      case 0x19 -> r.setAl(drives().currentLetter() - 'A'); // current drive
      case 0x1A -> { // set DTA
        dta = Registers.linear(r.ds(), r.dx());
        dtaOffset = r.dx();
      }
      case 0x25 -> ctx().interrupts().setVector(r.al(), r.ds(), r.dx()); // set vector
      case 0x2A -> { // get date
        LocalDateTime t = now();
        r.setCx(t.getYear());
        r.setDh(t.getMonthValue());
        r.setDl(t.getDayOfMonth());
        r.setAl(t.getDayOfWeek().getValue() % 7);
      }
      case 0x2B -> setDate(r); // set date
      case 0x2C -> { // get time
        LocalDateTime t = now();
        r.setCh(t.getHour());
        r.setCl(t.getMinute());
        r.setDh(t.getSecond());
        r.setDl(t.getNano() / 10_000_000);
      }
      case 0x2D -> setTime(r); // set time
      case 0x2E -> verify = r.al() != 0; // set verify flag
      case 0x2F -> { // get DTA in ES:BX
        r.setEs(dta >>> 4);
        r.setBx(dta & 0xF);
      }
      case 0x30 -> { // DOS version
        int version = ctx().property(VERSION);
        r.setAl(version / 100);
        r.setAh(version % 100);
        r.setBx(0xFF00); // OEM: Microsoft
        r.setCx(0);
      }
      case 0x31 -> processes().keep(r, r.dx(), r.al()); // TSR: keep DX paragraphs
      case 0x33 -> breakFlag(r); // Ctrl-Break checking, boot drive
      case 0x34 -> tables().inDosFlag(r); // address of the InDOS flag in ES:BX
      case 0x35 -> { // get vector in ES:BX
        int v = ctx().interrupts().vector(r.al());
        r.setEs(v >>> 16);
        r.setBx(v & 0xFFFF);
      }
      case 0x36 -> diskFree(r); // free disk space
      case 0x37 -> require(system).switchCharacter(r); // switch character: '/'
      case 0x38 -> nls.country(r, m); // country information
      case 0x39 -> io(() -> { // make directory
        fs().mkdir(path(r.ds(), r.dx()));
        ok(r);
      });
      case 0x3A -> io(() -> { // remove directory
        fs().rmdir(path(r.ds(), r.dx()));
        ok(r);
      });
      case 0x3B -> { // change directory
        drives().changeDirectory(path(r.ds(), r.dx()));
        ok(r);
      }
      case 0x3C -> { // create or truncate
        r.setAx(fs().open(currentPsp, path(r.ds(), r.dx()), 2, true, true, false));
        ok(r);
      }
      case 0x3D -> { // open
        r.setAx(fs().open(currentPsp, path(r.ds(), r.dx()), r.al(), false, false, false));
        ok(r);
      }
      case 0x3E -> io(() -> { // close
        fs().close(currentPsp, r.bx());
        ok(r);
      });
      case 0x3F -> io(() -> { // read
        KeyboardInput k = keyboard;
        if (k != null && fs().isConsoleInput(currentPsp, r.bx())) {
          k.readHandle(r, Registers.linear(r.ds(), r.dx()), r.cx());
          return;
        }
        r.setAx(fs().read(currentPsp, r.bx(), Registers.linear(r.ds(), r.dx()), r.cx()));
        ok(r);
      });
      case 0x40 -> io(() -> { // write
        r.setAx(fs().write(currentPsp, r.bx(), Registers.linear(r.ds(), r.dx()), r.cx()));
        ok(r);
      });
      case 0x41 -> io(() -> { // delete
        fs().delete(path(r.ds(), r.dx()));
        ok(r);
      });
      case 0x42 -> io(() -> { // seek: CX:DX from origin AL; DX:AX = new position
        long p = fs().seek(currentPsp, r.bx(), r.al(), r.cx() << 16 | r.dx());
        r.setDx((int) (p >>> 16));
        r.setAx((int) p);
        ok(r);
      });
      case 0x43 -> io(() -> { // get (AL=0) or set (AL=1) attributes
        if (r.al() > 1) {
          throw DosError.INVALID_FUNCTION.failure("43h with AL=" + r.al());
        }
        int a = fs().attributes(path(r.ds(), r.dx()), r.al() == 1, r.cx());
        r.setCx(a);
        ok(r);
      });
      case 0x44 -> io(() -> require(ioctl).call(r, currentPsp)); // IOCTL
      case 0x45 -> { // duplicate handle
        r.setAx(fs().dup(currentPsp, r.bx()));
        ok(r);
      }
      case 0x46 -> io(() -> { // force duplicate: CX becomes BX
        fs().dup2(currentPsp, r.bx(), r.cx());
        ok(r);
      });
      case 0x47 -> currentDirectory(r, m); // current directory of drive DL into DS:SI
      case 0x48 -> { // allocate BX paragraphs
        r.setAx(arena().allocate(r.bx(), currentPsp));
        ok(r);
      }
      case 0x49 -> { // free the block at ES
        arena().free(r.es());
        ok(r);
      }
      case 0x4A -> { // resize the block at ES to BX paragraphs
        arena().resize(r.es(), r.bx());
        ok(r);
      }
      case 0x4B -> processes().exec(r); // EXEC: load and execute, load, overlay
      case 0x4C -> processes().terminate(r, r.al(), Processes.NORMAL); // terminate with code
      case 0x4D -> processes().returnCode(r); // AL code, AH how the last child ended
      case 0x4E -> io(() -> { // find first
        fs().findFirst(dta, path(r.ds(), r.dx()), r.cx());
        ok(r);
      });
      case 0x4F -> io(() -> { // find next
        if (!fs().findNext(dta)) {
          throw DosError.NO_MORE_FILES.failure("no more files");
        }
        ok(r);
      });
      case 0x50 -> currentPsp = r.bx(); // set PSP
      case 0x51, 0x62 -> r.setBx(currentPsp); // get PSP
      case 0x52 -> tables().listOfLists(r); // list of lists in ES:BX
      case 0x54 -> r.setAl(verify ? 1 : 0); // get verify flag
      case 0x56 -> io(() -> { // rename DS:DX to ES:DI
        fs().rename(path(r.ds(), r.dx()), path(r.es(), r.di()));
        ok(r);
      });
      case 0x57 -> io(() -> { // file time stamp: AL=0 get, AL=1 set
        if (r.al() > 1) {
          throw DosError.INVALID_FUNCTION.failure("57h with AL=" + r.al());
        }
        int stamp = fs().timestamp(currentPsp, r.bx(), r.al() == 1, r.cx(), r.dx());
        if (r.al() == 0) {
          r.setCx(stamp & 0xFFFF);
          r.setDx(stamp >>> 16);
        }
        ok(r);
      });
      case 0x58 -> allocationStrategy(r);
      case 0x59 -> extendedError.report(r); // extended error of the last failure
      case 0x5A -> createTemporary(r, m);
      case 0x5B -> { // create new: fails if the file exists
        r.setAx(fs().open(currentPsp, path(r.ds(), r.dx()), 2, true, true, true));
        ok(r);
      }
      case 0x5C -> lock(r); // record locks
      case 0x5D -> require(system).server(r); // server functions: 06h SDA, 0Ah set ext. error
      case 0x5E -> require(system).machineName(r); // machine name; no network
      case 0x5F -> throw DosError.INVALID_FUNCTION.failure( // redirection: no redirector
          String.format("5F%02Xh needs a network redirector", r.al()));
      case 0x60 -> { // TRUENAME: canonical path of DS:SI into ES:DI
        String name = TrueName.of(drives(), path(r.ds(), r.si()));
        m.writeAsciiz(Registers.linear(r.es(), r.di()), name);
        r.setAx(0);
        ok(r);
      }
      case 0x65 -> nls.extended(r, m, DosTables.SEGMENT); // extended country information
      case 0x66 -> nls.codePage(r); // global code page
      case 0x67 -> { // set handle count
        require(system).setHandleCount(currentPsp, r.bx());
        ok(r);
      }
      case 0x68, 0x6A -> require(system).commit(r, currentPsp); // commit file
      case 0x6C -> extendedOpen(r);
      default -> unknown(r);
    }
  }

  private void fcb(Registers r) {
    int ax = r.ax();
    DosFailure f = fcbs().call(r, currentPsp, dta, dtaOffset);
    if (f != null) {
      extendedError.fail(f.error(), ax); // for 59h only: FCB calls report AL = FFh
      ctx().logger().log(System.Logger.Level.DEBUG, f.getMessage());
    }
  }

  private void unknown(Registers r) {
    if (unknownLogged.add(r.ah())) {
      ctx().logger().log(System.Logger.Level.WARNING,
          String.format("INT 21h function %02Xh is not supported (AX=%04X); answered AL=00h, "
              + "CF set, as MS-DOS answers an unknown function", r.ah(), r.ax()));
    }
    r.setAl(0);
    extendedError.set(DosError.INVALID_FUNCTION.code(), DosError.CLASS_APPLICATION,
        DosError.ACTION_ABORT, DosError.LOCUS_UNKNOWN, 0, 0);
    r.setCf(true);
  }

  private void bufferedInput(Registers r, GuestMemory m) {
    int buffer = Registers.linear(r.ds(), r.dx());
    int max = m.readByte(buffer);
    if (max == 0) {
      return;
    }
    int length = 0;
    while (true) {
      int c = console().readChar();
      if (c < 0 || c == '\r') {
        break;
      }
      if (c == 8) { // backspace
        if (length > 0) {
          length--;
          stdout(8, ' ', 8);
        }
        continue;
      }
      if (length < max - 1) {
        m.writeByte(buffer + 2 + length++, c);
        stdout(c);
      }
    }
    m.writeByte(buffer + 2 + length, '\r');
    m.writeByte(buffer + 1, length);
    stdout('\r'); // as MS-DOS: the CR only; the program writes its own LF
  }

  /** Writes to standard output, handle 1 of the running program (02h, 06h, 09h, echoes). */
  private void stdout(byte[] bytes) {
    io(() -> fs().writeStandardOutput(currentPsp, bytes));
  }

  private void stdout(int... characters) {
    byte[] bytes = new byte[characters.length];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) characters[i];
    }
    stdout(bytes);
  }

  private LocalDateTime now() {
    return ctx().clock().dateTime().plus(clockOffset);
  }

  private void setDate(Registers r) {
    try {
      LocalDateTime t = now();
      LocalDateTime set = t.withYear(r.cx()).withMonth(r.dh()).withDayOfMonth(r.dl());
      if (r.cx() < 1980 || r.cx() > 2099) {
        throw new java.time.DateTimeException("year " + r.cx());
      }
      clockOffset = clockOffset.plus(Duration.between(t, set));
      r.setAl(0);
    } catch (java.time.DateTimeException e) {
      r.setAl(0xFF);
    }
  }

  private void setTime(Registers r) {
    if (r.ch() > 23 || r.cl() > 59 || r.dh() > 59 || r.dl() > 99) {
      r.setAl(0xFF);
      return;
    }
    LocalDateTime t = now();
    LocalDateTime set = t.withHour(r.ch()).withMinute(r.cl()).withSecond(r.dh())
        .withNano(r.dl() * 10_000_000);
    clockOffset = clockOffset.plus(Duration.between(t, set));
    r.setAl(0);
  }

  private void breakFlag(Registers r) {
    switch (r.al()) {
      case 0x00 -> r.setDl(breakChecking ? 1 : 0);
      case 0x01 -> breakChecking = r.dl() != 0;
      case 0x02 -> { // get and set: DL = the new state, then the old
        boolean old = breakChecking;
        breakChecking = r.dl() != 0;
        r.setDl(old ? 1 : 0);
      }
      case 0x05 -> r.setDl(bootDrive); // boot drive: where the host's program was
      case 0x06 -> { // true version: 5.00, revision 0, DOS in RAM
        r.setBx(0x0005);
        r.setDx(0);
      }
      default -> r.setAl(0xFF);
    }
  }

  private void diskFree(Registers r) {
    char letter = r.dl() == 0 ? drives().currentLetter() : (char) ('A' + r.dl() - 1);
    DosDrives.Drive d = drives().drive(letter);
    if (d == null) {
      r.setAx(0xFFFF); // invalid drive
      return;
    }
    try {
      int[] space = FileServices.freeSpace(d);
      r.setAx(space[0]);
      r.setBx(space[1]);
      r.setCx(space[2]);
      r.setDx(space[3]);
    } catch (IOException e) {
      r.setAx(0xFFFF);
    }
  }

  private void currentDirectory(Registers r, GuestMemory m) {
    char letter = r.dl() == 0 ? drives().currentLetter() : (char) ('A' + r.dl() - 1);
    DosDrives.Drive d = drives().drive(letter);
    if (d == null) {
      throw DosError.INVALID_DRIVE.failure("drive " + letter + ": is not mapped");
    }
    m.writeAsciiz(Registers.linear(r.ds(), r.si()), String.join("\\", d.currentDirectory));
    r.setAx(0x0100);
    ok(r);
  }

  private void allocationStrategy(Registers r) {
    switch (r.al()) {
      case 0x00 -> r.setAx(arena().strategy());
      case 0x01 -> arena().setStrategy(r.bx());
      case 0x02 -> r.setAl(0); // upper memory link: no UMBs
      case 0x03 -> {
        if (r.bx() != 0) {
          throw DosError.INVALID_FUNCTION.failure("there is no upper memory to link");
        }
      }
      default -> throw DosError.INVALID_FUNCTION.failure("58h with AL=" + r.al());
    }
    ok(r);
  }

  /** 5Ch: lock (AL=00h) or unlock (AL=01h) CX:DX for SI:DI bytes of handle BX. */
  private void lock(Registers r) {
    if (r.al() > 1) {
      throw DosError.INVALID_FUNCTION.failure("5Ch with AL=" + r.al());
    }
    int sft = fs().sftIndex(currentPsp, r.bx());
    long start = (long) r.cx() << 16 | r.dx();
    long length = (long) r.si() << 16 | r.di();
    require(locks).lock(sft, r.al() == 1, start, length);
    ok(r);
  }

  private void createTemporary(Registers r, GuestMemory m) {
    int at = Registers.linear(r.ds(), r.dx());
    String dir = m.readString(at, 0, 128);
    if (!dir.isEmpty() && !dir.endsWith("\\") && !dir.endsWith("/")) {
      dir += "\\";
    }
    for (int n = 0; n < 0x10000; n++) {
      String name = String.format("MVM%05X", (int) (ctx().clock().nanos() / 1000 + n) & 0xFFFFF);
      try {
        int handle = fs().open(currentPsp, dir + name, 2, true, true, true);
        m.writeAsciiz(at, dir + name);
        r.setAx(handle);
        ok(r);
        return;
      } catch (DosFailure e) {
        if (e.error() != DosError.FILE_EXISTS) {
          throw e;
        }
      }
    }
    throw DosError.ACCESS_DENIED.failure("no free temporary name in " + dir);
  }

  /** 6Ch: open BL mode, DL action (bits 0-3 if it exists, 4-7 if not), DS:SI name. */
  private void extendedOpen(Registers r) {
    String name = path(r.ds(), r.si());
    int ifExists = r.dl() & 0x0F;
    int ifMissing = r.dl() >>> 4;
    DosDrives.Resolved resolved = drives().resolve(name, DosDrives.Purpose.FILE);
    boolean exists = resolved.exists() || resolved.device() != null;
    int handle;
    int action;
    if (exists) {
      if (ifExists == 1) {
        handle = fs().open(currentPsp, name, r.bl(), false, false, false);
        action = 1;
      } else if (ifExists == 2) {
        handle = fs().open(currentPsp, name, r.bl(), true, true, false);
        action = 3;
      } else {
        throw DosError.FILE_EXISTS.failure(name + " exists");
      }
    } else if (ifMissing == 1) {
      handle = fs().open(currentPsp, name, r.bl(), true, true, true);
      action = 2;
    } else {
      throw DosError.FILE_NOT_FOUND.failure("no file " + name);
    }
    r.setAx(handle);
    r.setCx(action);
    ok(r);
  }

  /** Makes DOSKRNL a standard VDD; it stays inactive unless the personality is DOS. */
  public static final class Provider extends SimpleVddProvider {
    /** Called by {@link java.util.ServiceLoader}. */
    public Provider() {
      super(ID, DosKernel::new, true);
    }
  }
}
