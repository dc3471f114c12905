/**
 * JMH benchmarks of MVM. They run from the shaded {@code benchmarks.jar} on the class path, as
 * JMH expects; the descriptor keeps the module's dependencies honest at compile time.
 */
module dev.mvm.benchmarks {
  requires dev.mvm.api;
  requires dev.mvm.ist.x86;
  requires java.management;
  requires jmh.core;
  requires static org.jspecify;

  opens dev.mvm.benchmarks;
}
