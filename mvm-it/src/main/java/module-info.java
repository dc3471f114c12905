/** Integration tests: the CPU, core and the standard devices together. Not published. */
module dev.mvm.it {
  requires dev.mvm.api;
  requires static org.jspecify;
  requires static lombok;
}
