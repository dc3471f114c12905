/** The VM monitor: memory, the I/O bus, interrupt delivery, virtual time, host callbacks and the threads that drive a VM. */
module dev.mvm.core {
  requires transitive dev.mvm.api;
  uses dev.mvm.api.cpu.CpuProvider;
  uses dev.mvm.api.vdd.VddProvider;
  requires static org.jspecify;
  requires static lombok;
}
