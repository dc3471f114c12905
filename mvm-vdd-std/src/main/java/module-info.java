/**
 * The standard PC devices of MVM, each a VDD written against the helper API only, and the
 * built-in BIOS services each provides.
 */
module dev.mvm.vdd.std {
  requires transitive dev.mvm.api;
  requires transitive java.desktop;
  requires static org.jspecify;
  requires static lombok;

  exports dev.mvm.vdd.std;

  provides dev.mvm.api.vdd.VddProvider with
      dev.mvm.vdd.std.VPic.Provider,
      dev.mvm.vdd.std.VTimer.Provider,
      dev.mvm.vdd.std.VVideo.Provider,
      dev.mvm.vdd.std.VCmos.Provider,
      dev.mvm.vdd.std.VSysCtl.Provider,
      dev.mvm.vdd.std.VDebugCon.Provider,
      dev.mvm.vdd.std.VKbd.Provider,
      dev.mvm.vdd.std.VSysBios.Provider,
      dev.mvm.vdd.std.VDisk.Provider,
      dev.mvm.vdd.std.VCom.Provider,
      dev.mvm.vdd.std.VLpt.Provider,
      dev.mvm.vdd.std.VDma.Provider,
      dev.mvm.vdd.std.VFlpy.Provider,
      dev.mvm.vdd.std.VFwCfg.Provider,
      dev.mvm.vdd.std.VPci.Provider;
}
