package dev.mvm.api.vdd;

import java.util.function.UnaryOperator;

/**
 * The I/O bus as a VDD sees it (the VDH's port hooks). Each of the 65,536 ports has at most one
 * handler. An access wider than a byte goes to one handler when all its ports belong to that
 * handler, else it is split into byte accesses to each port's handler. Unclaimed ports read all
 * ones (a floating bus) and ignore writes.
 */
public interface IoPorts {

  /**
   * Claims a range of ports exclusively. Claiming a port another VDD holds fails the build
   * with a message naming both VDDs and the port.
   *
   * @param first the first port
   * @param count how many ports, at least 1
   * @param handler serves them
   * @return the claim, to switch off or remove
   */
  Hook claim(int first, int count, IoHandler handler);

  /**
   * Layers a handler over ports another VDD claimed, saying explicitly that it chains: the
   * function receives the handler in place (or a floating-bus handler when there is none) and
   * returns the new one, which may delegate to it.
   *
   * @param first the first port
   * @param count how many ports
   * @param layer makes the new handler from the one it replaces
   * @return the claim; removing it restores the previous handler
   */
  Hook chain(int first, int count, UnaryOperator<IoHandler> layer);

  /**
   * Reads a port as the CPU would, through whatever handler owns it.
   *
   * @param port the port
   * @param size 1, 2 or 4 bytes
   * @return the value
   */
  int in(int port, int size);

  /**
   * Writes a port as the CPU would.
   *
   * @param port the port
   * @param size 1, 2 or 4 bytes
   * @param value the value
   */
  void out(int port, int size, int value);
}
