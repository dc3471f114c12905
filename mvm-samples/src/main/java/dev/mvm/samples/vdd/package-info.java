/** Example: a custom VDD that a DOS program and the host application both talk to. */
@NullMarked
package dev.mvm.samples.vdd;

import org.jspecify.annotations.NullMarked;
