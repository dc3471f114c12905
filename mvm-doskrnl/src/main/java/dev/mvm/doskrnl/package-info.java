/** The rehosted DOS kernel: INT 20h/21h/27h/2Fh on host files, program loading, memory arenas. */
@NullMarked
package dev.mvm.doskrnl;

import org.jspecify.annotations.NullMarked;
