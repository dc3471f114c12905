/** JUnit 5 support for headless tests of VDDs and guest programs. */
module dev.mvm.testkit {
  requires transitive dev.mvm.api;
  requires dev.mvm.core;
  requires static org.junit.jupiter.api;
  requires static org.jspecify;
  requires static lombok;
}
