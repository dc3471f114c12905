/** The service an engine implements so that {@link dev.mvm.api.VmBuilder} can build VMs. */
@NullMarked
package dev.mvm.api.spi;

import org.jspecify.annotations.NullMarked;
