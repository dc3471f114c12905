package dev.mvm.doskrnl;

/**
 * The DOS error codes that INT 21h returns in AX with CF set, as MS-DOS 5 defines them, with the
 * class, suggested action and locus that function 59h reports for each.
 *
 * <p>The class, action and locus are MS-DOS's own (its kernel's table of INT 21h errors): class
 * 01h out of resource, 03h authorisation, 07h application error, 08h not found, 09h bad format,
 * 0Ah locked, 0Bh media, 0Ch already exists, 0Dh unknown; action 02h delayed retry, 03h prompt
 * the user, 04h abort after cleanup, 05h immediate abort, 07h retry after user intervention;
 * locus 01h unknown, 02h block device (disk), 03h network, 04h serial device, 05h memory. Where
 * MS-DOS's table leaves the locus to the call (invalid function and access denied), the kernel
 * reports disk for the functions that take a path or a drive and unknown for the others, as
 * MS-DOS's dispatcher sets it ({@link ExtendedError#locusFor}).
 *
 * <table>
 * <caption>The errors the kernel returns, and the functions that return them</caption>
 * <tr><th>code</th><th>name</th><th>class</th><th>action</th><th>locus</th>
 *     <th>returned by (INT 21h AH)</th></tr>
 * <tr><td>01h</td><td>invalid function</td><td>07h</td><td>04h</td><td>call</td>
 *     <td>every function the kernel does not provide; a subfunction or value it does not know
 *     of 42h, 43h, 44h, 57h, 58h, 5Ch, 5Dh, 5Eh, 65h, 66h; IOCTL requests no driver takes
 *     (4402h&ndash;4405h, 440Ch, 4410h, the 440Dh codes that set or format); 65h with a buffer
 *     under 5 bytes; the network functions of 5Dh and 5Eh and all of 5Fh, as MS-DOS answers
 *     them without a network</td></tr>
 * <tr><td>02h</td><td>file not found</td><td>08h</td><td>03h</td><td>02h</td>
 *     <td>3Dh, 41h, 43h, 4Eh, 56h, 6Ch, 60h (an invalid name or a drive letter alone); 38h,
 *     65h and 66h for a country or code page other than the United States' 437; the program
 *     the host asked to run</td></tr>
 * <tr><td>03h</td><td>path not found</td><td>08h</td><td>03h</td><td>02h</td>
 *     <td>every function that takes a path (39h&ndash;3Dh, 41h, 43h, 4Eh, 56h, 5Ah, 5Bh, 6Ch)
 *     for a missing directory, an unmapped drive, {@code ..} above the root or a path that
 *     would leave the drive; 60h for a malformed path</td></tr>
 * <tr><td>04h</td><td>too many open files</td><td>01h</td><td>04h</td><td>01h</td>
 *     <td>3Ch, 3Dh, 45h, 46h, 5Ah, 5Bh, 6Ch (the job file table or the system file table is
 *     full); 67h when a handle to be dropped is open</td></tr>
 * <tr><td>05h</td><td>access denied</td><td>03h</td><td>03h</td><td>call</td>
 *     <td>39h, 3Ah, 3Ch, 3Dh, 3Fh, 40h, 41h, 43h, 56h, 57h, 5Ah, 5Bh, 6Ch: a read-only drive
 *     or file, a directory opened as a file, a handle opened for the other direction, a link
 *     that leads outside the drive, a host I/O error</td></tr>
 * <tr><td>06h</td><td>invalid handle</td><td>07h</td><td>04h</td><td>01h</td>
 *     <td>3Eh, 3Fh, 40h, 42h, 44h, 45h, 46h, 57h, 5Ch, 68h, 6Ah</td></tr>
 * <tr><td>07h</td><td>memory control blocks destroyed</td><td>07h</td><td>05h</td>
 *     <td>05h</td><td>48h, 49h, 4Ah, 67h when the MCB chain is corrupt</td></tr>
 * <tr><td>08h</td><td>insufficient memory</td><td>01h</td><td>04h</td><td>05h</td>
 *     <td>48h, 4Ah (BX = the largest size available), 67h, starting a program</td></tr>
 * <tr><td>09h</td><td>invalid memory block address</td><td>07h</td><td>04h</td>
 *     <td>05h</td><td>49h, 4Ah</td></tr>
 * <tr><td>0Ah</td><td>invalid environment</td><td>07h</td><td>04h</td><td>05h</td>
 *     <td>starting a program</td></tr>
 * <tr><td>0Bh</td><td>invalid format</td><td>09h</td><td>03h</td><td>01h</td>
 *     <td>starting a program (an empty or malformed file)</td></tr>
 * <tr><td>0Ch</td><td>invalid access mode</td><td>07h</td><td>04h</td><td>01h</td>
 *     <td>3Dh, 6Ch</td></tr>
 * <tr><td>0Dh</td><td>invalid data</td><td>09h</td><td>04h</td><td>01h</td>
 *     <td>57h (a date or time that does not exist), 4401h with DH set</td></tr>
 * <tr><td>0Fh</td><td>invalid drive</td><td>08h</td><td>03h</td><td>02h</td>
 *     <td>47h, 4404h, 4405h, 4408h, 4409h, 440Dh, 440Eh, 440Fh, 4411h</td></tr>
 * <tr><td>10h</td><td>attempt to remove the current directory</td><td>03h</td><td>03h</td>
 *     <td>02h</td><td>3Ah</td></tr>
 * <tr><td>11h</td><td>not same device</td><td>0Dh</td><td>03h</td><td>02h</td>
 *     <td>56h</td></tr>
 * <tr><td>12h</td><td>no more files</td><td>08h</td><td>03h</td><td>02h</td>
 *     <td>4Fh</td></tr>
 * <tr><td>13h</td><td>write-protected</td><td>0Bh</td><td>07h</td><td>02h</td>
 *     <td>not returned yet (a critical error)</td></tr>
 * <tr><td>20h</td><td>sharing violation</td><td>0Ah</td><td>02h</td><td>02h</td>
 *     <td>not returned: sharing modes are not enforced</td></tr>
 * <tr><td>21h</td><td>lock violation</td><td>0Ah</td><td>02h</td><td>02h</td>
 *     <td>5Ch: a range that overlaps a locked one, or an unlock that matches no lock</td></tr>
 * <tr><td>24h</td><td>sharing buffer exceeded</td><td>01h</td><td>04h</td><td>05h</td>
 *     <td>5Ch when {@value RecordLocks#MAX_LOCKS} locks are held</td></tr>
 * <tr><td>50h</td><td>file exists</td><td>0Ch</td><td>03h</td><td>02h</td>
 *     <td>5Bh, 6Ch</td></tr>
 * <tr><td>52h</td><td>cannot make directory entry</td><td>01h</td><td>04h</td><td>02h</td>
 *     <td>not returned</td></tr>
 * <tr><td>57h</td><td>invalid parameter</td><td>09h</td><td>03h</td><td>01h</td>
 *     <td>not returned</td></tr>
 * </table>
 *
 * <p>As MS-DOS does, a function that meets an error it is not documented to return reports in
 * AX the nearest one it may return, while 59h reports the real one ({@link
 * ExtendedError#reported}).
 */
enum DosError {
  INVALID_FUNCTION(0x01),
  FILE_NOT_FOUND(0x02),
  PATH_NOT_FOUND(0x03),
  TOO_MANY_OPEN_FILES(0x04),
  ACCESS_DENIED(0x05),
  INVALID_HANDLE(0x06),
  MEMORY_CONTROL_BLOCKS_DESTROYED(0x07),
  INSUFFICIENT_MEMORY(0x08),
  INVALID_MEMORY_BLOCK_ADDRESS(0x09),
  INVALID_ENVIRONMENT(0x0A),
  INVALID_FORMAT(0x0B),
  INVALID_ACCESS_MODE(0x0C),
  INVALID_DATA(0x0D),
  INVALID_DRIVE(0x0F),
  REMOVE_CURRENT_DIRECTORY(0x10),
  NOT_SAME_DEVICE(0x11),
  NO_MORE_FILES(0x12),
  WRITE_PROTECTED(0x13),
  SHARING_VIOLATION(0x20),
  LOCK_VIOLATION(0x21),
  SHARING_BUFFER_EXCEEDED(0x24),
  FILE_EXISTS(0x50),
  CANNOT_MAKE_DIRECTORY(0x52),
  INVALID_PARAMETER(0x57);

  /** Error classes of function 59h (BH). */
  static final int CLASS_OUT_OF_RESOURCE = 0x01;
  static final int CLASS_AUTHORIZATION = 0x03;
  static final int CLASS_APPLICATION = 0x07;
  static final int CLASS_NOT_FOUND = 0x08;
  static final int CLASS_BAD_FORMAT = 0x09;
  static final int CLASS_LOCKED = 0x0A;
  static final int CLASS_MEDIA = 0x0B;
  static final int CLASS_ALREADY_EXISTS = 0x0C;
  static final int CLASS_UNKNOWN = 0x0D;

  /** Suggested actions of function 59h (BL). */
  static final int ACTION_DELAYED_RETRY = 0x02;
  static final int ACTION_USER = 0x03;
  static final int ACTION_ABORT = 0x04;
  static final int ACTION_PANIC = 0x05;
  static final int ACTION_INTERVENTION = 0x07;

  /** Error loci of function 59h (CH); 0 here means "as the call sets it". */
  static final int LOCUS_CALL = 0x00;
  static final int LOCUS_UNKNOWN = 0x01;
  static final int LOCUS_DISK = 0x02;
  static final int LOCUS_NETWORK = 0x03;
  static final int LOCUS_SERIAL = 0x04;
  static final int LOCUS_MEMORY = 0x05;

  private final int code;

  DosError(int code) {
    this.code = code;
  }

  /** The number a program sees in AX. */
  int code() {
    return code;
  }

  /** The error class function 59h reports in BH. */
  int errorClass() {
    return switch (this) {
      case INVALID_FUNCTION, INVALID_HANDLE, MEMORY_CONTROL_BLOCKS_DESTROYED,
          INVALID_MEMORY_BLOCK_ADDRESS, INVALID_ENVIRONMENT, INVALID_ACCESS_MODE ->
          CLASS_APPLICATION;
      case FILE_NOT_FOUND, PATH_NOT_FOUND, INVALID_DRIVE, NO_MORE_FILES -> CLASS_NOT_FOUND;
      case TOO_MANY_OPEN_FILES, INSUFFICIENT_MEMORY, CANNOT_MAKE_DIRECTORY,
          SHARING_BUFFER_EXCEEDED ->
          CLASS_OUT_OF_RESOURCE;
      case ACCESS_DENIED, REMOVE_CURRENT_DIRECTORY -> CLASS_AUTHORIZATION;
      case INVALID_FORMAT, INVALID_DATA, INVALID_PARAMETER -> CLASS_BAD_FORMAT;
      case SHARING_VIOLATION, LOCK_VIOLATION -> CLASS_LOCKED;
      case WRITE_PROTECTED -> CLASS_MEDIA;
      case FILE_EXISTS -> CLASS_ALREADY_EXISTS;
      default -> CLASS_UNKNOWN; // NOT_SAME_DEVICE, and anything new
    };
  }

  /** The action function 59h suggests in BL. */
  int action() {
    return switch (this) {
      case FILE_NOT_FOUND, PATH_NOT_FOUND, ACCESS_DENIED, INVALID_FORMAT, INVALID_DRIVE,
          REMOVE_CURRENT_DIRECTORY, NOT_SAME_DEVICE, NO_MORE_FILES, FILE_EXISTS,
          INVALID_PARAMETER -> ACTION_USER;
      case MEMORY_CONTROL_BLOCKS_DESTROYED -> ACTION_PANIC;
      case SHARING_VIOLATION, LOCK_VIOLATION -> ACTION_DELAYED_RETRY;
      case WRITE_PROTECTED -> ACTION_INTERVENTION;
      default -> ACTION_ABORT;
    };
  }

  /** Where the error happened, for 59h's CH; {@link #LOCUS_CALL} when the call decides. */
  int locus() {
    return switch (this) {
      case INVALID_FUNCTION, ACCESS_DENIED -> LOCUS_CALL;
      case FILE_NOT_FOUND, PATH_NOT_FOUND, INVALID_DRIVE, REMOVE_CURRENT_DIRECTORY,
          NOT_SAME_DEVICE, NO_MORE_FILES, WRITE_PROTECTED, SHARING_VIOLATION, LOCK_VIOLATION,
          FILE_EXISTS, CANNOT_MAKE_DIRECTORY -> LOCUS_DISK;
      case MEMORY_CONTROL_BLOCKS_DESTROYED, INSUFFICIENT_MEMORY, INVALID_MEMORY_BLOCK_ADDRESS,
          INVALID_ENVIRONMENT, SHARING_BUFFER_EXCEEDED -> LOCUS_MEMORY;
      default -> LOCUS_UNKNOWN;
    };
  }

  /** Throws this error as a {@link DosFailure}. */
  DosFailure failure(String detail) {
    return new DosFailure(this, detail);
  }
}
