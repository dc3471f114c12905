/** The standard PC devices and the BIOS services they provide. */
module dev.mvm.vdd.std {
  requires dev.mvm.api;
  requires static org.jspecify;
  requires static lombok;
}
