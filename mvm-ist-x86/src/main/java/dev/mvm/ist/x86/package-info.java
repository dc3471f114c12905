/** The x86 Instruction Set Translator. */
@NullMarked
package dev.mvm.ist.x86;

import org.jspecify.annotations.NullMarked;
