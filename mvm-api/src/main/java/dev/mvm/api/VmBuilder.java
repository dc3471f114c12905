package dev.mvm.api;

import dev.mvm.api.cpu.CpuModel;
import dev.mvm.api.event.VmListener;
import dev.mvm.api.spi.VmFactory;
import dev.mvm.api.vdd.Vdd;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Describes a VM and builds it. Every setting has a default, so {@code
 * Vm.builder().build()} is a working PC with the built-in BIOS, the standard devices and the
 * DOS personality.
 *
 * <pre>{@code
 * var out = new ByteArrayOutputStream();
 * try (Vm vm = Vm.builder()
 *     .cpu(CpuModel.I80286)
 *     .memoryKiB(640)
 *     .drive('C', Path.of("dosapps"))
 *     .stdout(out)
 *     .program("C:\\REPORT.EXE", "/Q")
 *     .timeout(Duration.ofSeconds(30))
 *     .build()) {
 *   ExitStatus status = vm.run();
 * }
 * }</pre>
 *
 * <p>A builder is not thread-safe; it may build several VMs, each independent of the others.
 */
public final class VmBuilder {

  /** The smallest memory size accepted: 64 KiB. */
  public static final long MIN_MEMORY = 64L * 1024;

  /** The largest memory size accepted: 1 GiB. */
  public static final long MAX_MEMORY = 1024L * 1024 * 1024;

  /** The default memory size: 16 MiB, the most an 80286 can address. */
  public static final long DEFAULT_MEMORY = 16L * 1024 * 1024;

  /** The default nominal speed: ten million instructions per second of virtual time. */
  public static final long DEFAULT_INSTRUCTIONS_PER_SECOND = 10_000_000L;

  /** The guest's date and time at power-on unless {@link #startTime} says otherwise. */
  public static final LocalDateTime DEFAULT_START_TIME = LocalDateTime.of(2000, 1, 1, 0, 0, 0);

  private String name = "mvm";
  private @Nullable CpuModel cpuModel;
  private boolean translation = true;
  private long memorySize = DEFAULT_MEMORY;
  private ClockMode clockMode = ClockMode.VIRTUAL;
  private long instructionsPerSecond = DEFAULT_INSTRUCTIONS_PER_SECOND;
  private LocalDateTime startTime = DEFAULT_START_TIME;
  private Firmware firmware = new Firmware.BuiltIn();
  private @Nullable Personality personality;
  private boolean standardVdds = true;
  private final Set<String> excludedVdds = new LinkedHashSet<>();
  private final List<String> vddIds = new ArrayList<>();
  private final List<Vdd> vdds = new ArrayList<>();
  private final Map<Character, DriveMapping> drives = new LinkedHashMap<>();
  private @Nullable String currentDirectory;
  private @Nullable InputStream stdin;
  private @Nullable OutputStream stdout;
  private @Nullable OutputStream stderr;
  private final Map<String, String> environment = new LinkedHashMap<>();
  private @Nullable String program;
  private List<String> arguments = List.of();
  private long instructionBudget;
  private @Nullable Duration timeout;
  private int maxOpenFiles;
  private long maxOutput;
  private final Map<Character, Long> writeQuotas = new LinkedHashMap<>();
  private final Map<String, Object> properties = new LinkedHashMap<>();
  private final List<VmListener> listeners = new ArrayList<>();

  /** Use {@link Vm#builder()}. */
  VmBuilder() {}

  /**
   * Names the VM, for its thread and log messages.
   *
   * @param name a short name
   * @return this builder
   */
  public VmBuilder name(String name) {
    if (name.isBlank()) {
      throw new VmConfigurationException("VM name must not be blank");
    }
    this.name = name;
    return this;
  }

  /**
   * Chooses the CPU model. By default the VM gets the newest model its CPU provider supports.
   *
   * @param model the model
   * @return this builder
   */
  public VmBuilder cpu(CpuModel model) {
    this.cpuModel = Objects.requireNonNull(model, "model");
    return this;
  }

  /**
   * Whether the CPU translates hot code to JVM bytecode (default true). A CPU that translates
   * runs code it has executed often as bytecode that the JVM compiles, which is faster than
   * decoding each instruction again; the x86 CPU does so for real-mode code on every model. A
   * CPU without a translator ignores this setting. Translated code behaves exactly as
   * interpreted code does, instruction counts included.
   *
   * <p>With false the CPU interprets every instruction: slower, but the reference behaviour, for
   * debugging the guest or the CPU and for comparing the two.
   *
   * @param enabled false to interpret every instruction
   * @return this builder
   */
  public VmBuilder translation(boolean enabled) {
    this.translation = enabled;
    return this;
  }

  /**
   * Sets the size of physical RAM (default 16 MiB).
   *
   * @param bytes a multiple of 4 KiB from 64 KiB to 1 GiB
   * @return this builder
   * @throws VmConfigurationException if the size is out of range or not a multiple of 4 KiB
   */
  public VmBuilder memorySize(long bytes) {
    if (bytes < MIN_MEMORY || bytes > MAX_MEMORY) {
      throw new VmConfigurationException(
          "memory size must be between 64 KiB and 1 GiB: " + bytes + " bytes");
    }
    if (bytes % 4096 != 0) {
      throw new VmConfigurationException(
          "memory size must be a multiple of 4 KiB: " + bytes + " bytes");
    }
    this.memorySize = bytes;
    return this;
  }

  /**
   * Sets the size of physical RAM in KiB, for example 640.
   *
   * @param kib the size in KiB, a multiple of 4
   * @return this builder
   */
  public VmBuilder memoryKiB(int kib) {
    return memorySize(kib * 1024L);
  }

  /**
   * Sets the size of physical RAM in MiB.
   *
   * @param mib the size in MiB
   * @return this builder
   */
  public VmBuilder memoryMiB(int mib) {
    return memorySize(mib * 1024L * 1024L);
  }

  /**
   * Chooses how virtual time relates to wall time (default {@link ClockMode#VIRTUAL}).
   *
   * @param mode the clock mode
   * @return this builder
   */
  public VmBuilder clock(ClockMode mode) {
    this.clockMode = Objects.requireNonNull(mode, "mode");
    return this;
  }

  /**
   * Sets the nominal speed that maps executed instructions to virtual time (default ten
   * million a second).
   *
   * @param instructionsPerSecond at least 1000
   * @return this builder
   */
  public VmBuilder instructionsPerSecond(long instructionsPerSecond) {
    if (instructionsPerSecond < 1000) {
      throw new VmConfigurationException(
          "instructions per second must be at least 1000: " + instructionsPerSecond);
    }
    this.instructionsPerSecond = instructionsPerSecond;
    return this;
  }

  /**
   * Sets the guest's date and time at power-on (default 2000-01-01 00:00:00, so that runs
   * repeat exactly).
   *
   * @param dateTime the guest's local date and time at power-on
   * @return this builder
   */
  public VmBuilder startTime(LocalDateTime dateTime) {
    this.startTime = Objects.requireNonNull(dateTime, "dateTime");
    return this;
  }

  /**
   * Uses the built-in BIOS (the default).
   *
   * @return this builder
   */
  public VmBuilder builtInBios() {
    this.firmware = new Firmware.BuiltIn();
    return this;
  }

  /**
   * Uses a BIOS image, for example SeaBIOS's {@code bios.bin}. The VM then starts at the
   * reset vector and, unless {@link #personality} says otherwise, as a bare machine.
   *
   * @param image the image file: 64, 128 or 256 KiB
   * @return this builder
   * @throws VmConfigurationException if the file cannot be read or has another size
   */
  public VmBuilder biosImage(Path image) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(image);
    } catch (IOException e) {
      throw new VmConfigurationException("cannot read BIOS image " + image + ": " + e, e);
    }
    this.firmware = new Firmware.Image(bytes, image.toString());
    return this;
  }

  /**
   * Uses a BIOS image given as bytes.
   *
   * @param image the image: 64, 128 or 256 KiB; copied
   * @return this builder
   * @throws VmConfigurationException if it has another size
   */
  public VmBuilder biosImage(byte[] image) {
    this.firmware = new Firmware.Image(image, "(bytes)");
    return this;
  }

  /**
   * Chooses the personality. The default is {@link Personality#DOS} with the built-in BIOS
   * and {@link Personality#BARE_MACHINE} with a BIOS image.
   *
   * @param personality the personality
   * @return this builder
   */
  public VmBuilder personality(Personality personality) {
    this.personality = Objects.requireNonNull(personality, "personality");
    return this;
  }

  /**
   * Attaches a VDD instance, as it is. It may replace a standard VDD left out with {@link
   * #withoutVdd}; otherwise it must not claim what another VDD claims.
   *
   * @param vdd the VDD
   * @return this builder
   */
  public VmBuilder vdd(Vdd vdd) {
    vdds.add(Objects.requireNonNull(vdd, "vdd"));
    return this;
  }

  /**
   * Attaches a VDD found through {@link java.util.ServiceLoader} by its id.
   *
   * @param id the id a {@link dev.mvm.api.vdd.VddProvider} declares
   * @return this builder
   */
  public VmBuilder vdd(String id) {
    if (id.isBlank()) {
      throw new VmConfigurationException("VDD id must not be blank");
    }
    vddIds.add(id);
    return this;
  }

  /**
   * Leaves out one standard VDD, typically to attach a custom replacement.
   *
   * @param id the standard VDD's id, for example {@code VPIC}
   * @return this builder
   */
  public VmBuilder withoutVdd(String id) {
    excludedVdds.add(id);
    return this;
  }

  /**
   * Whether the standard VDDs are attached (default true). Without them the machine has only
   * memory, the CPU, and the VDDs given explicitly.
   *
   * @param attach whether to attach the standard set
   * @return this builder
   */
  public VmBuilder standardVdds(boolean attach) {
    this.standardVdds = attach;
    return this;
  }

  /**
   * Maps a DOS drive to a host directory the guest may read and write.
   *
   * @param letter the drive letter
   * @param root the host directory
   * @return this builder
   */
  public VmBuilder drive(char letter, Path root) {
    return drive(new DriveMapping(letter, root, false));
  }

  /**
   * Maps a DOS drive to a host directory the guest may only read.
   *
   * @param letter the drive letter
   * @param root the host directory
   * @return this builder
   */
  public VmBuilder readOnlyDrive(char letter, Path root) {
    return drive(new DriveMapping(letter, root, true));
  }

  /**
   * Maps a DOS drive.
   *
   * @param mapping the mapping; a later mapping of the same letter replaces an earlier one
   * @return this builder
   */
  public VmBuilder drive(DriveMapping mapping) {
    drives.put(mapping.letter(), mapping);
    return this;
  }

  /**
   * Feeds the program's standard input from a host stream instead of the keyboard, as if it
   * were redirected from a file ({@code PROG < FILE} in DOS): the program reads the bytes as
   * they are, so text for DOS line input should end its lines in CR LF.
   *
   * @param in the stream; MVM does not close it
   * @return this builder
   */
  public VmBuilder stdin(InputStream in) {
    this.stdin = Objects.requireNonNull(in, "in");
    return this;
  }

  /**
   * Sends the program's standard output to a host stream instead of the screen.
   *
   * @param out the stream; MVM flushes but does not close it
   * @return this builder
   */
  public VmBuilder stdout(OutputStream out) {
    this.stdout = Objects.requireNonNull(out, "out");
    return this;
  }

  /**
   * Sends the program's standard error to a host stream instead of the screen.
   *
   * @param err the stream; MVM flushes but does not close it
   * @return this builder
   */
  public VmBuilder stderr(OutputStream err) {
    this.stderr = Objects.requireNonNull(err, "err");
    return this;
  }

  /**
   * Sets a variable of the program's environment.
   *
   * @param name the name; DOS keeps names in upper case
   * @param value the value
   * @return this builder
   */
  public VmBuilder env(String name, String value) {
    if (name.isEmpty() || name.indexOf('=') >= 0) {
      throw new VmConfigurationException("invalid environment variable name: '" + name + "'");
    }
    environment.put(name.toUpperCase(java.util.Locale.ROOT), Objects.requireNonNull(value));
    return this;
  }

  /**
   * Chooses the program the DOS personality runs.
   *
   * @param path a DOS path on a mapped drive, for example {@code C:\TOOLS\REPORT.EXE}
   * @param arguments the arguments, joined with spaces into the command tail
   * @return this builder
   */
  public VmBuilder program(String path, String... arguments) {
    if (path.isBlank()) {
      throw new VmConfigurationException("program path must not be blank");
    }
    this.program = path;
    this.arguments = List.copyOf(Arrays.asList(arguments));
    return this;
  }

  /**
   * Chooses the drive and directory that are current when the program starts; without it, the
   * root of the program's drive is. The run fails with a fault naming the path when the
   * directory does not exist on a mapped drive.
   *
   * @param path a DOS path with a drive letter, for example {@code C:\WORK}
   * @return this builder
   */
  public VmBuilder currentDirectory(String path) {
    if (path.length() < 2 || path.charAt(1) != ':' || !Character.isLetter(path.charAt(0))) {
      throw new VmConfigurationException(
          "current directory must start with a drive letter, as in C:\\WORK: '" + path + "'");
    }
    this.currentDirectory = path;
    return this;
  }

  /**
   * Limits each run to a number of instructions; a run that reaches it ends with {@link
   * ExitReason#BUDGET_EXHAUSTED}.
   *
   * @param instructions at least 1
   * @return this builder
   */
  public VmBuilder instructionBudget(long instructions) {
    if (instructions < 1) {
      throw new VmConfigurationException("instruction budget must be positive: " + instructions);
    }
    this.instructionBudget = instructions;
    return this;
  }

  /**
   * Limits each run to a wall-clock time; a run that reaches it ends with {@link
   * ExitReason#TIMEOUT}.
   *
   * @param timeout a positive duration
   * @return this builder
   */
  public VmBuilder timeout(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new VmConfigurationException("timeout must be positive: " + timeout);
    }
    this.timeout = timeout;
    return this;
  }

  /**
   * Limits the host files the DOS kernel holds open at once for the guest, across handles, FCB
   * files and every program. An open beyond it fails as DOS fails an open when its tables are
   * full: a handle open or create (3Ch, 3Dh, 5Ah, 5Bh, 6Ch, and EXEC, which opens the program)
   * with error 04h, too many open files; an FCB open or create with AL = FFh, and function 59h
   * then reports 04h. Before refusing, the kernel gives back the host file of the FCB used
   * longest ago, which opens again when that FCB is next used, as MS-DOS does with FCBS=.
   * Devices opened by name (NUL, CON ...) hold no host file and do not count.
   *
   * <p>DOS's own tables limit open files too, and report it the same way: the system file table
   * has {@code DOSKRNL.FILES} entries (CONFIG.SYS's FILES=, default 40, of which the standard
   * devices hold 4), a program has 20 handles unless it asks for more with function 67h, and FCB
   * files keep at most 16 host files open. Without this limit a VM therefore holds at most
   * FILES + 12 host files; this sets a lower cap.
   *
   * @param files at least 1
   * @return this builder
   * @throws VmConfigurationException if {@code files} is below 1
   */
  public VmBuilder maxOpenFiles(int files) {
    if (files < 1) {
      throw new VmConfigurationException("most open files must be at least 1: " + files);
    }
    this.maxOpenFiles = files;
    return this;
  }

  /**
   * Limits the bytes the program may write to the host streams given with {@link #stdout} and
   * {@link #stderr}, the two together. The program may write exactly this many; the write that
   * would go beyond delivers the bytes that still fit, and the run ends with {@link
   * ExitReason#OUTPUT_LIMIT}, its message naming the limit. The DOS kernel then closes the
   * program's files, which hold every byte written to them. Output to the VM's screen (the
   * console without host streams) is not captured, and not counted.
   *
   * @param bytes at least 1
   * @return this builder
   * @throws VmConfigurationException if {@code bytes} is below 1
   */
  public VmBuilder maxOutput(long bytes) {
    if (bytes < 1) {
      throw new VmConfigurationException("output limit must be at least 1 byte: " + bytes);
    }
    this.maxOutput = bytes;
    return this;
  }

  /**
   * Gives a drive a write quota: the bytes the guest may add to the drive's files, as if the
   * drive had that much free space. The account is net, as a disk's free space is: a file that
   * grows takes from it (a write past the end of a file counts the gap too), and deleting or
   * truncating a file gives its bytes back; overwriting bytes a file already has costs nothing,
   * nor do empty files and directories. Each VM keeps its own account, from the drive's contents
   * as the VM finds them.
   *
   * <p>When the quota is reached the drive behaves as a full disk does in DOS: a handle write
   * (40h) writes the bytes that fit and returns fewer than asked in AX, with CF clear; an FCB
   * write writes the whole records that fit and returns AL = 01h; creating a file still works
   * until data is written to it; and function 36h reports the quota left (or the host's free
   * space, if less) in whole clusters. Every byte a write reports as written is in the file.
   *
   * <p>The drive may be mapped before or after this call; the quota applies to whatever mapping
   * the letter has when the configuration is made.
   *
   * @param letter the drive letter
   * @param bytes at least 0; 0 makes the drive full from the start
   * @return this builder
   * @throws VmConfigurationException if the letter is not A to Z or {@code bytes} is negative;
   *     {@link #toConfig} and {@link #build} throw it if the drive is not mapped
   */
  public VmBuilder writeQuota(char letter, long bytes) {
    char upper = Character.toUpperCase(letter);
    if (upper < 'A' || upper > 'Z') {
      throw new VmConfigurationException("drive letter must be A to Z: '" + letter + "'");
    }
    if (bytes < 0) {
      throw new VmConfigurationException(
          "write quota must not be negative: " + bytes + " bytes for drive " + upper + ":");
    }
    writeQuotas.put(upper, bytes);
    return this;
  }

  /**
   * Sets a property that VDDs read.
   *
   * @param property the property
   * @param value its value for this VM
   * @param <T> its type
   * @return this builder
   */
  public <T> VmBuilder property(VmProperty<T> property, T value) {
    properties.put(property.name(), property.cast(Objects.requireNonNull(value, "value")));
    return this;
  }

  /**
   * Registers a listener that sees every event from the VM's creation on.
   *
   * @param listener the listener
   * @return this builder
   */
  public VmBuilder listener(VmListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /**
   * The configuration collected so far.
   *
   * @return an immutable snapshot
   * @throws VmConfigurationException if the settings contradict each other
   */
  public VmConfig toConfig() {
    Personality resolved =
        personality != null
            ? personality
            : firmware instanceof Firmware.Image ? Personality.BARE_MACHINE : Personality.DOS;
    if (resolved == Personality.DOS && firmware instanceof Firmware.Image image) {
      throw new VmConfigurationException(
          "the DOS personality needs the built-in BIOS, not the BIOS image " + image.source());
    }
    Map<Character, DriveMapping> mapped = new LinkedHashMap<>(drives);
    for (Map.Entry<Character, Long> quota : writeQuotas.entrySet()) {
      DriveMapping drive = mapped.get(quota.getKey());
      if (drive == null) {
        throw new VmConfigurationException(
            "write quota for drive " + quota.getKey() + ":, which is not mapped");
      }
      mapped.put(quota.getKey(), drive.withWriteQuota(quota.getValue()));
    }
    DosConfig dos =
        new DosConfig(
            List.copyOf(mapped.values()),
            stdin,
            stdout,
            stderr,
            environment,
            program,
            arguments,
            currentDirectory,
            maxOpenFiles,
            maxOutput);
    return new VmConfig(
        name,
        cpuModel,
        translation,
        memorySize,
        clockMode,
        instructionsPerSecond,
        startTime,
        firmware,
        resolved,
        standardVdds,
        excludedVdds,
        vddIds,
        vdds,
        dos,
        instructionBudget,
        timeout,
        properties,
        listeners);
  }

  /**
   * Builds the VM: finds the engine ({@code dev.mvm.core}) and the CPU through {@link
   * ServiceLoader}, attaches the VDDs and loads the firmware. The VM is ready to run.
   *
   * @return a new VM
   * @throws VmConfigurationException if the configuration is invalid, the engine is missing, or
   *     two VDDs claim the same resource
   */
  public Vm build() {
    return findFactory().create(toConfig());
  }

  private static VmFactory findFactory() {
    Iterator<VmFactory> found = ServiceLoader.load(VmFactory.class).iterator();
    if (!found.hasNext()) {
      found = ServiceLoader.load(VmFactory.class, VmFactory.class.getClassLoader()).iterator();
    }
    if (!found.hasNext()) {
      throw new VmConfigurationException(
          "no MVM engine found: add the dev.mvm:mvm-core (or dev.mvm:mvm-doskrnl) dependency");
    }
    return found.next();
  }
}
