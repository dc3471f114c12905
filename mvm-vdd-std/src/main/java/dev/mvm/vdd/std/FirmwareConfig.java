package dev.mvm.vdd.std;

import java.util.List;

/**
 * What the firmware configuration device {@link VFwCfg} offers the guest, as the host sees it:
 * {@code vm.device(FirmwareConfig.class).orElseThrow().files()}. The contents are fixed when the
 * VM is built (the host hands files over with {@link VFwCfg#FILES}); this view is thread-safe.
 */
public interface FirmwareConfig {

  /**
   * One entry of the file directory.
   *
   * @param name the file's name
   * @param selector the key the guest writes to the selector port to read it, from 0020h
   * @param size its size in bytes
   */
  record File(String name, int selector, int size) {}

  /**
   * The file directory (key 0019h) as the guest reads it, in its order.
   *
   * @return the entries
   */
  List<File> files();

  /**
   * The bytes the guest reads after selecting a key, from the first.
   *
   * @param key a selector, for example 0000h for the signature
   * @return a copy of the item, empty for a key that has none (the guest reads zeros there)
   */
  byte[] item(int key);
}
