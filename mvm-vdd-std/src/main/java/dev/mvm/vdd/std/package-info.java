/** The standard PC devices and the BIOS services they provide. */
@NullMarked
package dev.mvm.vdd.std;

import org.jspecify.annotations.NullMarked;
