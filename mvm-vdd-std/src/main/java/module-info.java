/**
 * The standard PC devices of MVM, each a VDD written against the helper API only, and the
 * built-in BIOS services each provides.
 */
module dev.mvm.vdd.std {
  requires dev.mvm.api;
  requires static org.jspecify;
  requires static lombok;

  exports dev.mvm.vdd.std;

  provides dev.mvm.api.vdd.VddProvider with
      dev.mvm.vdd.std.VPic.Provider,
      dev.mvm.vdd.std.VTimer.Provider,
      dev.mvm.vdd.std.VSysCtl.Provider,
      dev.mvm.vdd.std.VDebugCon.Provider;
}
