/**
 * JUnit 5 support for headless tests of VDDs and guest programs: {@link
 * dev.mvm.testkit.VddTestKit} embeds VDDs in the real monitor with a fake edge, and {@link
 * dev.mvm.testkit.Asm} assembles guest snippets without external tools.
 */
module dev.mvm.testkit {
  requires transitive dev.mvm.api;
  requires dev.mvm.core;
  requires org.junit.jupiter.api;
  requires static org.jspecify;
  requires static lombok;

  exports dev.mvm.testkit;
}
