/**
 * The machine behind {@link dev.mvm.api.Vm}: {@link dev.mvm.core.internal.Machine} and its
 * parts ({@link dev.mvm.core.internal.PhysicalMemory}, {@link dev.mvm.core.internal.IoBus},
 * {@link dev.mvm.core.internal.Scheduler}, {@link dev.mvm.core.internal.IrqLines}, {@link
 * dev.mvm.core.internal.Callbacks}, the built-in BIOS). Exported only to {@code dev.mvm.testkit}.
 *
 * <p>Nothing here is static and mutable: every VM owns its own instances, so many VMs run in
 * one JVM.
 */
@NullMarked
package dev.mvm.core.internal;

import org.jspecify.annotations.NullMarked;
