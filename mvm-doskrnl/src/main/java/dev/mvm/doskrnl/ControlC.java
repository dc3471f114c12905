package dev.mvm.doskrnl;

/**
 * A ^C (03h) read from CON by a function that checks for it (01h, 08h, 0Ah, and 3Fh on CON).
 * MS-DOS does not hand the character to the program: it echoes {@code ^C} and a line end and
 * calls the program's INT 23h handler, then restarts the function or aborts the program. The
 * kernel's dispatcher catches this and does that work ({@link Processes#controlC}); whatever
 * the function had read of its line is dropped, as DOS drops it.
 */
final class ControlC extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ControlC() {
    super("^C read from CON", null, false, false);
  }
}
