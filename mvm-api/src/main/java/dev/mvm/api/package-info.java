/**
 * The host's view of MVM: {@link dev.mvm.api.Vm} and its {@link dev.mvm.api.VmBuilder}, how a
 * run ends ({@link dev.mvm.api.ExitStatus}), the configuration records and the exceptions.
 *
 * <p>Start with {@link dev.mvm.api.Vm#builder()}.
 */
@NullMarked
package dev.mvm.api;

import org.jspecify.annotations.NullMarked;
