/** The rehosted DOS kernel: INT 20h/21h/27h/2Fh on host files, program loading, memory arenas. */
module dev.mvm.doskrnl {
  requires dev.mvm.api;
  requires static org.jspecify;
  requires static lombok;
}
