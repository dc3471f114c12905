/** The mvm command-line launcher and small example applications. */
module dev.mvm.samples {
  requires transitive dev.mvm.api;
  requires dev.mvm.vdd.std;
  requires transitive java.desktop;
  requires info.picocli;
  requires static org.jspecify;
  requires static lombok;

  uses dev.mvm.api.cpu.CpuProvider;
  uses dev.mvm.api.vdd.VddProvider;

  exports dev.mvm.samples.embed;
  exports dev.mvm.samples.screen;
  exports dev.mvm.samples.stepping;
  exports dev.mvm.samples.vdd;
  exports dev.mvm.samples.window;

  opens dev.mvm.samples to
      info.picocli;
}
