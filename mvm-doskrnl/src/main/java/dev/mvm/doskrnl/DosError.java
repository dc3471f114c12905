package dev.mvm.doskrnl;

/**
 * The DOS error codes that INT 21h returns in AX with CF set (and that function 59h reports),
 * as MS-DOS 5 defines them.
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
  FILE_EXISTS(0x50),
  CANNOT_MAKE_DIRECTORY(0x52),
  INVALID_PARAMETER(0x57);

  private final int code;

  DosError(int code) {
    this.code = code;
  }

  /** The number a program sees in AX. */
  int code() {
    return code;
  }

  /** Throws this error as a {@link DosFailure}. */
  DosFailure failure(String detail) {
    return new DosFailure(this, detail);
  }
}
