/**
 * The public API of MVM: what host applications, custom VDDs and CPU implementations program
 * against.
 *
 * <ul>
 *   <li>{@code dev.mvm.api}: the VM, its builder, exit status, configuration and exceptions;
 *   <li>{@code dev.mvm.api.cpu}: the CPU service type and the register view;
 *   <li>{@code dev.mvm.api.vdd}: the VDD SPI and the helper services a VDD receives;
 *   <li>{@code dev.mvm.api.event}: lifecycle events;
 *   <li>{@code dev.mvm.api.spi}: the engine service that {@code dev.mvm.core} provides.
 * </ul>
 */
module dev.mvm.api {
  requires static transitive org.jspecify;

  exports dev.mvm.api;
  exports dev.mvm.api.cpu;
  exports dev.mvm.api.event;
  exports dev.mvm.api.spi;
  exports dev.mvm.api.vdd;

  uses dev.mvm.api.spi.VmFactory;
}
