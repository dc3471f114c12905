/** The mvm command-line launcher and small example applications. */
@NullMarked
package dev.mvm.samples;

import org.jspecify.annotations.NullMarked;
