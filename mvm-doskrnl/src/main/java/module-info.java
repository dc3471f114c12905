/**
 * The DOS kernel of MVM: INT 20h, 21h and 29h served in Java on host directories, program
 * loading (.COM and MZ .EXE), memory arenas, PSP and environment. Depending on this module's
 * artifact brings the CPU, the monitor and the standard devices with it at run time.
 */
module dev.mvm.doskrnl {
  requires transitive dev.mvm.api;
  requires static org.jspecify;
  requires static lombok;

  exports dev.mvm.doskrnl;

  provides dev.mvm.api.vdd.VddProvider with
      dev.mvm.doskrnl.DosKernel.Provider;
}
