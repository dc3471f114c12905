/** Helpers of the integration tests. */
@NullMarked
package dev.mvm.it;

import org.jspecify.annotations.NullMarked;
