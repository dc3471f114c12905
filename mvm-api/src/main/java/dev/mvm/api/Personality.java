package dev.mvm.api;

/** What a VM is once its devices are attached. */
public enum Personality {
  /**
   * The built-in BIOS plus the DOS kernel: a program starts straight from a host directory,
   * no disk image, no boot. The default with the built-in BIOS.
   */
  DOS,
  /**
   * Just the machine and its firmware: the built-in BIOS's services, or a BIOS image that
   * starts at the reset vector and boots whatever the devices offer. The host loads code
   * itself or lets the firmware boot. The default with a BIOS image.
   */
  BARE_MACHINE
}
