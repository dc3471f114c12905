/** Lifecycle events of a VM and the listener that receives them. */
@NullMarked
package dev.mvm.api.event;

import org.jspecify.annotations.NullMarked;
