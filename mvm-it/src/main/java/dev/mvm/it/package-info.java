/** Integration tests: the CPU, core and the standard devices together. Not published. */
@NullMarked
package dev.mvm.it;

import org.jspecify.annotations.NullMarked;
