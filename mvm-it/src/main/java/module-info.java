/**
 * Integration tests: the CPU, the monitor and the standard devices together, through the
 * public API only. Not published. The engine and the CPU join the module graph through
 * service binding, as they do in a host application.
 */
module dev.mvm.it {
  requires dev.mvm.api;
  requires dev.mvm.vdd.std;
  requires dev.mvm.testkit;
  requires static org.jspecify;
  requires static lombok;
}
