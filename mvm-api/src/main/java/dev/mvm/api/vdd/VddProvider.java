package dev.mvm.api.vdd;

/**
 * Makes a VDD available to {@link java.util.ServiceLoader}, by id. The monitor creates one VDD
 * per VM from it.
 *
 * <pre>{@code
 * module my.vdds {
 *   requires dev.mvm.api;
 *   provides dev.mvm.api.vdd.VddProvider with my.vdds.CounterVdd.Provider;
 * }
 * }</pre>
 */
public interface VddProvider {

  /**
   * The id of the VDDs this provider creates.
   *
   * @return the id, as {@link Vdd#id()} returns it
   */
  String id();

  /**
   * Creates a VDD for a new VM.
   *
   * @return a new, unattached VDD
   */
  Vdd create();

  /**
   * Whether the VDD belongs to the standard set that every VM gets unless the builder says
   * otherwise. Custom VDDs are attached only when the builder names them.
   *
   * @return true for the standard PC devices
   */
  default boolean isStandard() {
    return false;
  }
}
