package dev.mvm.vdd.std;

/**
 * The serial ports {@link VCom} models, as the host finds them: {@code
 * vm.device(SerialPorts.class).orElseThrow().port(1)} is COM1.
 */
public interface SerialPorts {

  /**
   * Returns how many ports the VM has, 0 to 4.
   *
   * @return how many ports the VM has, 0 to 4
   */
  int count();

  /**
   * A port by its DOS number.
   *
   * @param number 1 for COM1 ... 4 for COM4
   * @return the port
   * @throws IllegalArgumentException if the VM has no such port
   */
  SerialPort port(int number);
}
