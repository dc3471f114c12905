/** The mvm command-line launcher and small example applications. */
module dev.mvm.samples {
  requires dev.mvm.api;
  requires info.picocli;
  requires static org.jspecify;
  requires static lombok;

  opens dev.mvm.samples to
      info.picocli;
}
