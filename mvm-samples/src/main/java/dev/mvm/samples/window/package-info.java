/** The VM's screen in a Swing window or a text terminal, with keyboard input. */
@NullMarked
package dev.mvm.samples.window;

import org.jspecify.annotations.NullMarked;
