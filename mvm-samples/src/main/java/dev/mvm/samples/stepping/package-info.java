/** Example: step a VM instruction by instruction, with a breakpoint. */
@NullMarked
package dev.mvm.samples.stepping;

import org.jspecify.annotations.NullMarked;
