package dev.mvm.doskrnl;

import dev.mvm.api.cpu.Registers;
import dev.mvm.api.vdd.GuestMemory;

/**
 * The extended error of the last failed call, which INT 21h function 59h reports and 5D0Ah sets:
 * the error code, its class, suggested action and locus (see {@link DosError}), and the ES:DI
 * pointer some errors carry.
 *
 * <p>MS-DOS keeps a table of the error codes each function may return. When a function meets
 * another one, it returns the last code of its list in AX and keeps the real one for 59h: a
 * change of directory that meets access denied returns path not found (03h) and 59h says access
 * denied (05h). {@link #reported} applies that table, as MS-DOS 4's published source has it.
 */
final class ExtendedError {

  private int code;
  private int errorClass;
  private int action;
  private int locus;
  private int es;
  private int di;

  /** The code of the last error, 0 before any. */
  int code() {
    return code;
  }

  int errorClass() {
    return errorClass;
  }

  int action() {
    return action;
  }

  int locus() {
    return locus;
  }

  /**
   * Records an error of an INT 21h function and says what AX reports.
   *
   * @param error the error the function met
   * @param ax AX as the program called the function
   * @return the code for AX: the error, or the nearest one the function is documented to return
   */
  int fail(DosError error, int ax) {
    int ah = ax >>> 8;
    set(error.code(), error.errorClass(), error.action(),
        error.locus() != DosError.LOCUS_CALL ? error.locus() : locusFor(ah, ax & 0xFF), 0, 0);
    return reported(error.code(), ah);
  }

  /** Records an error with all its parts, as 5D0Ah does. */
  void set(int code, int errorClass, int action, int locus, int es, int di) {
    this.code = code & 0xFFFF;
    this.errorClass = errorClass & 0xFF;
    this.action = action & 0xFF;
    this.locus = locus & 0xFF;
    this.es = es & 0xFFFF;
    this.di = di & 0xFFFF;
  }

  /** 59h: AX code, BH class, BL action, CH locus, ES:DI; CL is destroyed (0). */
  void report(Registers r) {
    r.setAx(code);
    r.setBh(errorClass);
    r.setBl(action);
    r.setCh(locus);
    r.setCl(0);
    r.setEs(es);
    r.setDi(di);
  }

  /**
   * 5D0Ah: takes the error from a DOS parameter list (AX, BX, CX, DX, SI, DI, DS, ES, ...): the
   * code from AX, class and action from BH and BL, the locus from CH, the pointer from ES:DI.
   */
  void setFromParameterList(GuestMemory memory, int address) {
    int bx = memory.readWord(address + 2);
    set(memory.readWord(address), bx >>> 8, bx, memory.readWord(address + 4) >>> 8,
        memory.readWord(address + 14), memory.readWord(address + 10));
  }

  /**
   * The locus of an error whose locus depends on the call (invalid function, access denied):
   * disk for the functions that name a path or a drive, unknown for the others, as MS-DOS's
   * dispatcher and path parser set it.
   */
  static int locusFor(int ah, int al) {
    return switch (ah) {
      case 0x0E, 0x1C, 0x32, 0x36, 0x39, 0x3A, 0x3B, 0x3C, 0x3D, 0x41, 0x43, 0x47, 0x4B, 0x4E,
          0x4F, 0x56, 0x5A, 0x5B, 0x60, 0x6C -> DosError.LOCUS_DISK;
      case 0x44 -> switch (al) {
        case 0x04, 0x05, 0x08, 0x09, 0x0D, 0x0E, 0x0F, 0x11 -> DosError.LOCUS_DISK;
        default -> DosError.LOCUS_UNKNOWN;
      };
      default -> DosError.LOCUS_UNKNOWN;
    };
  }

  /**
   * The code a function returns in AX for an error: the error itself when the function may
   * return it, else the last of the codes it may return (MS-DOS's I21_MAP_E_TAB). Functions
   * without a list return every error as it is.
   *
   * @param code the real error
   * @param ah the function
   * @return the code for AX
   */
  static int reported(int code, int ah) {
    int[] allowed = allowed(ah);
    if (allowed.length == 0) {
      return code;
    }
    for (int a : allowed) {
      if (a == code) {
        return code;
      }
    }
    return allowed[allowed.length - 1];
  }

  private static int[] allowed(int ah) {
    return switch (ah) {
      case 0x38 -> new int[] {0x01, 0x02};
      case 0x39 -> new int[] {0x03, 0x02, 0x05};
      case 0x3A -> new int[] {0x10, 0x03, 0x02, 0x05};
      case 0x3B -> new int[] {0x02, 0x03};
      case 0x3C -> new int[] {0x03, 0x02, 0x04, 0x05};
      case 0x3D -> new int[] {0x03, 0x02, 0x0C, 0x04, 0x1A, 0x05};
      case 0x3E -> new int[] {0x06};
      case 0x3F, 0x40 -> new int[] {0x06, 0x05};
      case 0x41 -> new int[] {0x03, 0x02, 0x05};
      case 0x42 -> new int[] {0x06, 0x01};
      case 0x43 -> new int[] {0x03, 0x02, 0x01, 0x05};
      case 0x44 -> new int[] {0x0F, 0x0D, 0x01, 0x06, 0x05};
      case 0x45, 0x46 -> new int[] {0x06, 0x04};
      case 0x47 -> new int[] {0x1A, 0x0F};
      case 0x48 -> new int[] {0x07, 0x08};
      case 0x49 -> new int[] {0x07, 0x09};
      case 0x4A -> new int[] {0x07, 0x09, 0x08};
      case 0x4B -> new int[] {0x03, 0x01, 0x02, 0x04, 0x0B, 0x0A, 0x08, 0x05};
      case 0x4E -> new int[] {0x03, 0x02, 0x12};
      case 0x4F -> new int[] {0x12};
      case 0x56 -> new int[] {0x11, 0x03, 0x02, 0x10, 0x05};
      case 0x57 -> new int[] {0x06, 0x08, 0x0D, 0x01};
      case 0x58 -> new int[] {0x01};
      case 0x5A -> new int[] {0x03, 0x02, 0x04, 0x05};
      case 0x5B -> new int[] {0x50, 0x03, 0x02, 0x04, 0x05};
      case 0x5C -> new int[] {0x06, 0x01, 0x24, 0x21};
      case 0x65, 0x66 -> new int[] {0x01, 0x02};
      case 0x67 -> new int[] {0x04, 0x08, 0x01};
      case 0x68 -> new int[] {0x06};
      case 0x69 -> new int[] {0x0F, 0x0D, 0x01, 0x05};
      case 0x6C -> new int[] {0x03, 0x02, 0x0C, 0x04, 0x50, 0x08, 0x1A, 0x0D, 0x01, 0x05};
      default -> new int[0];
    };
  }
}
