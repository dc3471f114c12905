/** The mvm command-line launcher and small example applications. */
module dev.mvm.samples {
  requires dev.mvm.api;
  requires static org.jspecify;
  requires static lombok;
}
