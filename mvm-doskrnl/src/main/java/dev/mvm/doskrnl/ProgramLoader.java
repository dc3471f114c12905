package dev.mvm.doskrnl;

import dev.mvm.api.vdd.GuestMemory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The load half of EXEC (INT 21h function 4Bh): the environment block, the program segment
 * prefix, the image with its relocations, and the registers the program starts with. Where
 * EXEC runs out of memory or meets a malformed file, nothing stays allocated.
 */
final class ProgramLoader {

  /** Where a program's code starts in its segment: the PSP is the first 256 bytes. */
  static final int PSP_SIZE = 0x100;

  /** The registers a loaded program starts with. */
  record Start(int psp, int cs, int ip, int ss, int sp, int ax) {}

  private final GuestMemory memory;
  private final MemoryArena arena;
  private final java.util.function.IntPredicate driveExists;

  /**
   * @param memory guest memory
   * @param arena the memory arena
   * @param driveExists whether a drive number (0 = A:) is mapped
   */
  ProgramLoader(GuestMemory memory, MemoryArena arena, java.util.function.IntPredicate driveExists) {
    this.memory = memory;
    this.arena = arena;
    this.driveExists = driveExists;
  }

  /**
   * Loads a program.
   *
   * @param program the parsed file
   * @param dosPath its full DOS path, stored after the environment (what argv[0] reads)
   * @param arguments the arguments, joined into the command tail
   * @param environment the environment's variables
   * @param parentPsp the parent's PSP (the program's own for the first program)
   * @param jft the job file table the PSP starts with (20 entries)
   * @return where the program starts
   * @throws DosFailure insufficient memory (8) or invalid format (11)
   */
  Start load(Executable program, String dosPath, List<String> arguments,
      Map<String, String> environment, int parentPsp, byte[] jft) {
    return load(program, dosPath, variables(environment), commandTail(arguments), parentPsp,
        jft);
  }

  /**
   * Loads a program with an environment given as DOS keeps it.
   *
   * @param program the parsed file
   * @param dosPath its full DOS path, stored after the environment
   * @param variables the environment's strings, each ending with a NUL, and the empty string
   *     that ends them (a single NUL when there are none)
   * @param tail the command tail, with its leading space; its first two words fill the FCBs
   * @param parentPsp the parent's PSP (the program's own for the first program)
   * @param jft the job file table the PSP starts with (20 entries)
   * @return where the program starts
   * @throws DosFailure insufficient memory (8) or invalid format (11)
   */
  Start load(Executable program, String dosPath, byte[] variables, String tail, int parentPsp,
      byte[] jft) {
    int environmentSegment = writeEnvironment(variables, dosPath);
    try {
      if (program instanceof Executable.Mz mz) {
        return loadMz(mz, dosPath, tail, environmentSegment, parentPsp, jft);
      }
      return loadCom((Executable.Com) program, dosPath, tail, environmentSegment, parentPsp,
          jft);
    } catch (DosFailure e) {
      arena.free(environmentSegment);
      throw e;
    }
  }

  /**
   * Loads an overlay (EXEC function 03h) into memory the caller owns: a .COM image as it is,
   * an .EXE's load module with its relocations adjusted by {@code relocation}. No PSP, no
   * environment, no memory is allocated.
   *
   * @param program the parsed file
   * @param segment where the image goes
   * @param relocation what is added to every relocated word (usually {@code segment})
   */
  void loadOverlay(Executable program, int segment, int relocation) {
    if (program instanceof Executable.Mz mz) {
      memory.write(segment << 4, mz.image());
      relocate(mz, segment, relocation);
    } else {
      memory.write(segment << 4, ((Executable.Com) program).image());
    }
  }

  /** The variables of a host-given environment as DOS keeps them. */
  static byte[] variables(Map<String, String> environment) {
    StringBuilder block = new StringBuilder();
    environment.forEach((name, value) -> block.append(name).append('=').append(value).append('\0'));
    return block.append('\0').toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** The environment block: the variables, a count of 1, the program's full path. */
  private int writeEnvironment(byte[] variables, String dosPath) {
    // The empty string that ends the variables (the block's first byte when there are none)
    // is part of them; then the count of strings that follow (1), and the full path.
    byte[] path = ("\1\0" + dosPath + "\0").getBytes(StandardCharsets.ISO_8859_1);
    int segment = arena.allocate((variables.length + path.length + 15) >>> 4, MemoryArena.DOS);
    memory.write(segment << 4, variables);
    memory.write((segment << 4) + variables.length, path);
    return segment;
  }

  private Start loadCom(Executable.Com com, String dosPath, String tail, int environment,
      int parentPsp, byte[] jft) {
    // A .COM program gets the largest block; it needs its image, the PSP and a word of stack.
    int needed = (PSP_SIZE + com.image().length + 2 + 15) >>> 4;
    int available = arena.largestFree();
    if (available < needed || com.image().length > 0x10000 - PSP_SIZE - 2) {
      throw new MemoryArena.InsufficientMemory(needed, available);
    }
    int psp = arena.allocate(available, MemoryArena.DOS);
    finish(psp, environment, dosPath, tail, parentPsp, jft, available);
    memory.write((psp << 4) + PSP_SIZE, com.image());
    // The stack starts at the top of the 64 KiB segment (or of the block), with a zero word
    // on it, so that a final RET reaches the INT 20h at PSP:0000.
    int top = (int) Math.min(0x10000L, (long) available << 4) & ~1;
    int sp = (top - 2) & 0xFFFF;
    memory.writeWord((psp << 4) + sp, 0);
    return new Start(psp, psp, PSP_SIZE, psp, sp, fcbDriveStatus(psp));
  }

  private Start loadMz(Executable.Mz mz, String dosPath, String tail, int environment,
      int parentPsp, byte[] jft) {
    int image = mz.imageParagraphs();
    int minimum = 0x10 + image + mz.minExtra();
    int available = arena.largestFree();
    if (available < minimum) {
      throw new MemoryArena.InsufficientMemory(minimum, available);
    }
    long wanted = 0x10L + image + mz.maxExtra();
    int size = (int) Math.min(available, Math.max(wanted, minimum));
    int psp = arena.allocate(size, MemoryArena.DOS);
    finish(psp, environment, dosPath, tail, parentPsp, jft, size);
    int loadSegment = psp + 0x10;
    memory.write(loadSegment << 4, mz.image());
    relocate(mz, loadSegment, loadSegment);
    return new Start(psp, (loadSegment + mz.cs()) & 0xFFFF, mz.ip(),
        (loadSegment + mz.ss()) & 0xFFFF, mz.sp(), fcbDriveStatus(psp));
  }

  /** Adds {@code factor} to every word the relocation table names, in the image at load. */
  private void relocate(Executable.Mz mz, int load, int factor) {
    int[] r = mz.relocations();
    for (int i = 0; i < r.length; i += 2) {
      int address = (((load + r[i + 1]) & 0xFFFF) << 4) + r[i];
      memory.writeWord(address, memory.readWord(address) + factor);
    }
  }

  /** Gives the blocks to the new PSP and writes the PSP. */
  private void finish(int psp, int environment, String dosPath, String tail, int parentPsp,
      byte[] jft, int size) {
    setOwner(environment, psp);
    setOwner(psp, psp);
    String name = baseName(dosPath);
    arena.setName(psp, name);
    arena.setName(environment, name);
    Psp.write(memory, psp, psp + size, environment, parentPsp == 0 ? psp : parentPsp, jft,
        tail);
  }

  private void setOwner(int segment, int owner) {
    memory.writeWord(((segment - 1) << 4) + 1, owner);
  }

  /** The program's name without drive, directory or extension, as MCBs keep it. */
  static String baseName(String dosPath) {
    String name = dosPath.substring(dosPath.lastIndexOf('\\') + 1);
    int dot = name.indexOf('.');
    return (dot < 0 ? name : name.substring(0, dot)).toUpperCase(Locale.ROOT);
  }

  /** The tail as COMMAND.COM builds it: a space before each argument. */
  static String commandTail(List<String> arguments) {
    StringBuilder tail = new StringBuilder();
    for (String a : arguments) {
      tail.append(' ').append(a);
    }
    return tail.toString();
  }

  /** AL and AH at start: FFh where the FCB at 5Ch (6Ch) names a drive that does not exist. */
  int fcbDriveStatus(int psp) {
    int status = 0;
    for (int i = 0; i < 2; i++) {
      int drive = memory.readByte((psp << 4) + Psp.FCB1 + 0x10 * i);
      if (drive != 0 && !driveExists.test(drive - 1)) {
        status |= 0xFF << (8 * i);
      }
    }
    return status;
  }
}
