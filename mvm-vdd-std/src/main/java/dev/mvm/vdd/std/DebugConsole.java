package dev.mvm.vdd.std;

/**
 * What the guest wrote to the debug console ports (Bochs's E9h, QEMU's 402h), as the host
 * sees it: {@code vm.device(DebugConsole.class).orElseThrow().text()}. Firmware such as
 * SeaBIOS prints its log there, and test programs their results.
 */
public interface DebugConsole {

  /**
   * Everything written so far, each byte as the char of the same value; thread-safe.
   *
   * @return the text
   */
  String text();
}
