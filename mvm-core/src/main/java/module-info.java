/**
 * The VM monitor: memory, the I/O bus, interrupt delivery, virtual time, host callbacks and the
 * threads that drive a VM.
 *
 * <p>Hosts never use this module's types: {@link dev.mvm.api.VmBuilder#build()} finds the
 * engine through {@link java.util.ServiceLoader}. The machine itself ({@code
 * dev.mvm.core.internal}) is exported only to the test kit, which builds headless machines
 * with chosen VDDs and a fake or absent CPU.
 */
module dev.mvm.core {
  requires transitive dev.mvm.api;
  requires static org.jspecify;
  requires static lombok;

  exports dev.mvm.core.internal to
      dev.mvm.testkit;

  uses dev.mvm.api.cpu.CpuProvider;
  uses dev.mvm.api.vdd.VddProvider;

  provides dev.mvm.api.spi.VmFactory with
      dev.mvm.core.internal.CoreVmFactory;
}
