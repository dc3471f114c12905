/** Example: run a program that draws, and save its screen as a PNG picture. */
@NullMarked
package dev.mvm.samples.screen;

import org.jspecify.annotations.NullMarked;
