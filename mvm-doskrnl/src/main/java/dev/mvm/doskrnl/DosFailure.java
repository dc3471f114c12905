package dev.mvm.doskrnl;

/**
 * A DOS call that fails the way MS-DOS would fail it. The kernel turns it into CF set and the
 * error code in AX; it is never shown to the host as a Java failure, so it carries no stack
 * trace. The detail says which value was wrong, for the kernel's log.
 */
class DosFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final DosError error;

  DosFailure(DosError error, String detail) {
    super(error + " (" + error.code() + "): " + detail, null, false, false);
    this.error = error;
  }

  DosError error() {
    return error;
  }
}
