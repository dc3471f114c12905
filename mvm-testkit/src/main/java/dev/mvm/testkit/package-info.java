/** JUnit 5 support for headless tests of VDDs and guest programs. */
@NullMarked
package dev.mvm.testkit;

import org.jspecify.annotations.NullMarked;
