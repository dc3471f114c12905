/** JMH benchmarks of the interpreter and the monitor. */
@NullMarked
package dev.mvm.benchmarks;

import org.jspecify.annotations.NullMarked;
