package dev.mvm.api;

import java.util.concurrent.CompletableFuture;

/**
 * A host's open channel to one VDD, the analogue of OS/2's {@code DosOpenVDD}, {@code
 * DosRequestVDD} and {@code DosCloseVDD}. Requests run on the VM's thread, in order, between
 * instruction slices (at once when the VM is not running), and reach {@link
 * dev.mvm.api.vdd.Vdd#request(int, byte[])}. Thread-safe.
 *
 * <pre>{@code
 * try (VddChannel counter = vm.openVdd("COUNTER")) {
 *   byte[] reply = counter.request(1, new byte[0]);
 * }
 * }</pre>
 */
public interface VddChannel extends AutoCloseable {

  /**
   * The VDD this channel talks to.
   *
   * @return its id
   */
  String vddId();

  /**
   * Sends a request and waits for the reply.
   *
   * @param command the VDD-defined command
   * @param input the request's data; copied
   * @return the VDD's reply
   * @throws VddException if the VDD rejected the request or threw, or the VM is closed
   */
  byte[] request(int command, byte[] input);

  /**
   * Sends a request without waiting.
   *
   * @param command the VDD-defined command
   * @param input the request's data; copied
   * @return the reply, or a {@link VddException}
   */
  CompletableFuture<byte[]> requestAsync(int command, byte[] input);

  /** Closes the channel; later requests fail. */
  @Override
  void close();
}
