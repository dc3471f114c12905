/** Example: run a DOS program from a Java application and capture its output. */
@NullMarked
package dev.mvm.samples.embed;

import org.jspecify.annotations.NullMarked;
