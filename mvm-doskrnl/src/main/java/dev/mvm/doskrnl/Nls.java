package dev.mvm.doskrnl;

import dev.mvm.api.cpu.Registers;
import dev.mvm.api.vdd.GuestMemory;

/**
 * Country-dependent information as MS-DOS 5 gives it for the United States and code page 437,
 * the only country and code page the kernel knows (there is no COUNTRY.SYS or NLSFUNC): INT 21h
 * functions 38h (country information), 65h (extended country information, the national tables
 * and capitalisation) and 66h (global code page).
 *
 * <p>The upper-case table is MS-DOS's for code page 437: the accented small letters that have a
 * capital in the code page map to it ({@code ä} to {@code Ä}), the others to the plain capital
 * ({@code é} to {@code E}). The file-name upper-case table is the same. The collating sequence
 * folds case and accents onto the plain capital letter and leaves every other character in code
 * order.
 *
 * <p>Any other country or code page is NLSFUNC's business: MS-DOS passes such a request to
 * NLSFUNC through INT 2Fh 14xxh and, when NLSFUNC is not resident (as here), fails it with
 * invalid function (01h). That covers getting or setting another country with 38h, 65h's
 * information for another country or code page, and setting the code page with 66h 02h, even
 * to the active one (without NLSFUNC, CHCP cannot change the code page). Error 02h would mean
 * that NLSFUNC looked in COUNTRY.SYS and found nothing. 65h 03h (the lower-case table) came
 * with DOS 6.2: here, as in DOS 5, it is an invalid function, like every subfunction DOS 5 does
 * not have.
 */
final class Nls {

  /** The country code of the United States. */
  static final int COUNTRY = 1;
  /** The code page: the PC's own. */
  static final int CODE_PAGE = 437;

  /** The size of the country information of 38h (and 65h 01h after its header). */
  static final int INFO_SIZE = 34;

  /** Code page 437's upper case of 80h-FFh, as MS-DOS has it. */
  private final byte[] upper = new byte[128];
  private final byte[] collate = new byte[256];
  /** The far pointer to the case-map routine of the country information. */
  private int caseMapRoutine;

  Nls() {
    int[] high = {
      0x80, 0x9A, 0x45, 0x41, 0x8E, 0x41, 0x8F, 0x80, 0x45, 0x45, 0x45, 0x49, 0x49, 0x49, 0x8E,
      0x8F, 0x90, 0x92, 0x92, 0x4F, 0x99, 0x4F, 0x55, 0x55, 0x59, 0x99, 0x9A, 0x9B, 0x9C, 0x9D,
      0x9E, 0x9F, 0x41, 0x49, 0x4F, 0x55, 0xA5, 0xA5
    };
    for (int i = 0; i < 128; i++) {
      upper[i] = (byte) (i < high.length ? high[i] : 0x80 + i);
    }
    // Collating: capitals and small letters sort together, accented letters with their plain
    // letter; every other character keeps its place.
    String plain = "CUEAAAACEEEIIIAAEAAOOOUUYOU"; // 80h-9Ah
    for (int c = 0; c < 256; c++) {
      int weight = c;
      if (c >= 'a' && c <= 'z') {
        weight = c - 0x20;
      } else if (c >= 0x80 && c < 0x80 + plain.length()) {
        weight = plain.charAt(c - 0x80);
      } else if (c >= 0xA0 && c <= 0xA5) {
        weight = "AIOUNN".charAt(c - 0xA0);
      } else if (c == 0xE1) {
        weight = 'S'; // sharp s
      }
      collate[c] = (byte) weight;
    }
  }

  /** Sets the far pointer (segment in the high word) of the case-map routine. */
  void setCaseMapRoutine(int farPointer) {
    this.caseMapRoutine = farPointer;
  }

  /**
   * A character in capitals, as the country's upper-case table has it.
   *
   * @param c a code page 437 character, 0 to 255
   * @return its capital
   */
  int upper(int c) {
    c &= 0xFF;
    if (c >= 'a' && c <= 'z') {
      return c - 0x20;
    }
    return c < 0x80 ? c : upper[c - 0x80] & 0xFF;
  }

  /** The case-map routine a program reaches by a far call: AL in capitals (for AL &ge; 80h). */
  void caseMap(Registers r) {
    if (r.al() >= 0x80) {
      r.setAl(upper(r.al()));
    }
  }

  /**
   * Writes the national tables 65h points to, each a length word and its bytes.
   *
   * @param memory guest memory
   * @param uppercase the upper-case table (02h)
   * @param fileUppercase the file-name upper-case table (04h)
   * @param terminators the file-name terminator table (05h)
   * @param collating the collating sequence (06h)
   * @param dbcs the DBCS lead-byte table (07h)
   */
  void writeTables(GuestMemory memory, int uppercase, int fileUppercase, int terminators,
      int collating, int dbcs) {
    memory.writeWord(uppercase, 0x80);
    memory.write(uppercase + 2, upper);
    memory.writeWord(fileUppercase, 0x80);
    memory.write(fileUppercase + 2, upper);
    byte[] illegal = ".\"/\\[]:|<>+=;,".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    // 01h, the permitted range 00h-FFh; 00h, the excluded range 00h-20h; 02h, the illegal ones.
    memory.writeWord(terminators, 8 + illegal.length);
    memory.write(terminators + 2, new byte[] {1, 0, (byte) 0xFF, 0, 0, 0x20, 2,
        (byte) illegal.length});
    memory.write(terminators + 10, illegal);
    memory.writeWord(collating, 0x100);
    memory.write(collating + 2, collate);
    memory.writeWord(dbcs, 0); // no lead-byte ranges: an empty list
    memory.writeWord(dbcs + 2, 0);
  }

  /** The 34 bytes of country information of 38h. */
  byte[] countryInfo() {
    byte[] b = new byte[INFO_SIZE];
    b[0x00] = 0; // date format: month day year
    b[0x02] = '$'; // currency symbol
    b[0x07] = ','; // thousands separator
    b[0x09] = '.'; // decimal separator
    b[0x0B] = '-'; // date separator
    b[0x0D] = ':'; // time separator
    b[0x0F] = 0; // currency symbol before the value, no space
    b[0x10] = 2; // digits after the decimal separator
    b[0x11] = 0; // 12-hour clock
    b[0x12] = (byte) caseMapRoutine;
    b[0x13] = (byte) (caseMapRoutine >>> 8);
    b[0x14] = (byte) (caseMapRoutine >>> 16);
    b[0x15] = (byte) (caseMapRoutine >>> 24);
    b[0x16] = ','; // data-list separator
    return b;
  }

  /** The failure of a request only NLSFUNC could answer. */
  private static DosFailure needsNlsfunc(String what) {
    return DosError.INVALID_FUNCTION.failure(what + " needs NLSFUNC, which is not resident"
        + " (the kernel knows country " + COUNTRY + ", code page " + CODE_PAGE + ")");
  }

  /**
   * 38h: get (DX &ne; FFFFh: DS:DX = the information) or set (DX = FFFFh) the country. Country 0
   * gets the current one; setting the current country succeeds and changes nothing.
   */
  void country(Registers r, GuestMemory memory) {
    int country = r.al() == 0xFF ? r.bx() : r.al();
    boolean set = r.dx() == 0xFFFF;
    if (country != COUNTRY && (set || country != 0)) {
      throw needsNlsfunc((set ? "setting" : "getting") + " country " + country);
    }
    if (r.dx() != 0xFFFF) {
      memory.write(Registers.linear(r.ds(), r.dx()), countryInfo());
    }
    r.setBx(COUNTRY);
    r.setCf(false);
  }

  /** 65h: extended country information, the national tables, capitalisation. */
  void extended(Registers r, GuestMemory memory, int tableSegment) {
    int al = r.al();
    switch (al) {
      case 0x01, 0x02, 0x04, 0x05, 0x06, 0x07 -> {
        if (r.cx() < 5) {
          throw DosError.INVALID_FUNCTION.failure("65h buffer of " + r.cx() + " bytes");
        }
        // FFFFh is the active one; any other than the active ones is NLSFUNC's to find.
        boolean otherCountry = r.dx() != 0xFFFF && r.dx() != COUNTRY;
        if (otherCountry || (r.bx() != 0xFFFF && r.bx() != CODE_PAGE)) {
          throw needsNlsfunc("65h information for country " + r.dx() + ", code page " + r.bx());
        }
        int buffer = Registers.linear(r.es(), r.di());
        if (al == 0x01) {
          byte[] info = new byte[7 + INFO_SIZE];
          info[0] = 1;
          info[1] = (byte) (4 + INFO_SIZE);
          info[3] = COUNTRY;
          info[5] = (byte) CODE_PAGE;
          info[6] = (byte) (CODE_PAGE >>> 8);
          System.arraycopy(countryInfo(), 0, info, 7, INFO_SIZE);
          int length = Math.min(r.cx(), info.length);
          memory.write(buffer, info, 0, length);
          r.setCx(length);
        } else {
          int table = switch (al) {
            case 0x02 -> DosTables.UPPERCASE;
            case 0x04 -> DosTables.FILE_UPPERCASE;
            case 0x05 -> DosTables.TERMINATORS;
            case 0x06 -> DosTables.COLLATE;
            default -> DosTables.DBCS;
          };
          memory.writeByte(buffer, al);
          memory.writeWord(buffer + 1, table);
          memory.writeWord(buffer + 3, tableSegment);
          r.setCx(5);
        }
      }
      case 0x20, 0xA0 -> r.setDl(upper(r.dl()));
      case 0x21, 0xA1 -> {
        int a = Registers.linear(r.ds(), r.dx());
        for (int i = 0; i < r.cx(); i++) {
          memory.writeByte(a + i, upper(memory.readByte(a + i)));
        }
      }
      case 0x22, 0xA2 -> {
        int a = Registers.linear(r.ds(), r.dx());
        for (int i = 0; i < 0x10000; i++) {
          int c = memory.readByte(a + i);
          if (c == 0) {
            break;
          }
          memory.writeByte(a + i, upper(c));
        }
      }
      case 0x23 -> { // yes or no: AX = 0 no, 1 yes, 2 neither
        int c = upper(r.dl());
        r.setAx(c == 'Y' ? 1 : c == 'N' ? 0 : 2);
      }
      default -> throw DosError.INVALID_FUNCTION.failure("65h with AL=" + Integer.toHexString(al));
    }
    r.setCf(false);
  }

  /**
   * 66h: get (AL=01h) or set (AL=02h) the global code page. Only 437 exists, and setting it
   * goes through NLSFUNC in MS-DOS even when it is the active one, so it fails.
   */
  void codePage(Registers r) {
    switch (r.al()) {
      case 0x01 -> {
        r.setBx(CODE_PAGE);
        r.setDx(CODE_PAGE);
      }
      case 0x02 -> throw needsNlsfunc("setting code page " + r.bx());
      default -> throw DosError.INVALID_FUNCTION.failure("66h with AL=" + r.al());
    }
    r.setCf(false);
  }
}
