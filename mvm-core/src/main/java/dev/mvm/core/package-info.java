/** The VM monitor: memory, the I/O bus, interrupt delivery, virtual time, host callbacks and the threads that drive a VM. */
@NullMarked
package dev.mvm.core;

import org.jspecify.annotations.NullMarked;
