package dev.mvm.core.internal;

import dev.mvm.api.VmConfigurationException;
import dev.mvm.api.vdd.Hook;
import dev.mvm.api.vdd.IoHandler;
import dev.mvm.api.vdd.IoPorts;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The I/O bus: 65,536 ports, each with a stack of claims.
 *
 * <p>An exclusive claim ({@link IoPorts#claim}) may share a port with no other VDD's exclusive
 * claim; it always sits at the bottom of the port's stack. Chain layers ({@link IoPorts#chain})
 * stack on top, newest first; a layer reaches what lies beneath it through a view that looks
 * the handler up at each access, so switching off or removing a lower claim takes effect at
 * once. A disabled claim is skipped; a port with no enabled claim floats: it reads all ones and
 * ignores writes, which is how BIOSes probe for absent devices.
 *
 * <p>A 16 or 32-bit access whose ports all end at the same claim goes to that handler's
 * {@code inw}/{@code ind} (and their writes); any other is split into byte accesses, low port
 * first, each to its own port's handler.
 */
public final class IoBus {
  private static final int PORTS = 0x10000;

  private final @Nullable Node[] ports = new Node[PORTS];

  /** One claim's presence on one port. */
  private static final class Node {
    final Claim claim;
    @Nullable Node below;

    Node(Claim claim, @Nullable Node below) {
      this.claim = claim;
      this.below = below;
    }
  }

  /** A claim over a range of ports. */
  private final class Claim extends HookHandle {
    final String owner;
    final int first;
    final int count;
    final boolean layer;
    final Node[] nodes;
    IoHandler handler = FLOATING;

    Claim(String owner, int first, int count, boolean layer) {
      this.owner = owner;
      this.first = first;
      this.count = count;
      this.layer = layer;
      this.nodes = new Node[count];
    }

    @Nullable Node nodeAt(int port) {
      int i = port - first;
      return i >= 0 && i < count ? nodes[i] : null;
    }

    @Override
    void removed() {
      for (int i = 0; i < count; i++) {
        int p = first + i;
        Node previous = null;
        for (Node n = ports[p]; n != null; previous = n, n = n.below) {
          if (n.claim == this) {
            if (previous == null) {
              ports[p] = n.below;
            } else {
              previous.below = n.below;
            }
            break;
          }
        }
      }
    }
  }

  /** What an unclaimed port behaves like. */
  private static final IoHandler FLOATING =
      new IoHandler() {
        @Override
        public int inb(int port) {
          return 0xFF;
        }

        @Override
        public void outb(int port, int value) {}

        @Override
        public int inw(int port) {
          return 0xFFFF;
        }

        @Override
        public void outw(int port, int value) {}

        @Override
        public int ind(int port) {
          return -1;
        }

        @Override
        public void outd(int port, int value) {}
      };

  /**
   * The bus as one VDD sees it: its claims carry its id into conflict messages and faults.
   *
   * @param owner the VDD's id
   * @return the view
   */
  public IoPorts portsFor(String owner) {
    return new IoPorts() {
      @Override
      public Hook claim(int first, int count, IoHandler handler) {
        return IoBus.this.claim(owner, first, count, handler);
      }

      @Override
      public Hook chain(int first, int count, UnaryOperator<IoHandler> layer) {
        return IoBus.this.chain(owner, first, count, layer);
      }

      @Override
      public int in(int port, int size) {
        return IoBus.this.in(port, size);
      }

      @Override
      public void out(int port, int size, int value) {
        IoBus.this.out(port, size, value);
      }
    };
  }

  /**
   * Claims ports exclusively.
   *
   * @param owner the claiming VDD
   * @param first the first port
   * @param count how many
   * @param handler serves them
   * @return the claim
   * @throws VmConfigurationException if another VDD holds one of the ports exclusively
   */
  Hook claim(String owner, int first, int count, IoHandler handler) {
    checkRange(first, count);
    for (int p = first; p < first + count; p++) {
      for (Node n = ports[p]; n != null; n = n.below) {
        if (!n.claim.layer) {
          throw new VmConfigurationException(
              "VDD "
                  + owner
                  + " claims I/O port "
                  + VddFailure.hex(p, 4)
                  + (n.claim.owner.equals(owner)
                      ? " twice"
                      : ", already claimed by VDD "
                          + n.claim.owner
                          + " (use IoPorts.chain to layer over another VDD's ports)"));
        }
      }
    }
    Claim claim = new Claim(owner, first, count, false);
    claim.handler = handler;
    for (int i = 0; i < count; i++) {
      int p = first + i;
      Node node = new Node(claim, null);
      claim.nodes[i] = node;
      Node last = ports[p];
      if (last == null) {
        ports[p] = node;
      } else {
        while (last.below != null) {
          last = last.below;
        }
        last.below = node;
      }
    }
    return claim;
  }

  /**
   * Layers a handler over ports.
   *
   * @param owner the layering VDD
   * @param first the first port
   * @param count how many
   * @param layer makes the new handler from a view of what lies beneath
   * @return the layer
   */
  Hook chain(String owner, int first, int count, UnaryOperator<IoHandler> layer) {
    checkRange(first, count);
    Claim claim = new Claim(owner, first, count, true);
    for (int i = 0; i < count; i++) {
      int p = first + i;
      Node node = new Node(claim, ports[p]);
      claim.nodes[i] = node;
      ports[p] = node;
    }
    try {
      claim.handler = layer.apply(beneath(claim));
    } catch (RuntimeException e) {
      claim.remove();
      throw VddFailure.wrap(owner, "chaining onto ports " + VddFailure.hex(first, 4), e);
    }
    return claim;
  }

  private static void checkRange(int first, int count) {
    if (first < 0 || count < 1 || first + count > PORTS) {
      throw new IllegalArgumentException(
          "port range must lie within 0 to FFFFh: first " + first + ", count " + count);
    }
  }

  // ---- access ----------------------------------------------------------------------------------

  /**
   * Reads a port as the CPU does.
   *
   * @param port 0 to FFFFh
   * @param size 1, 2 or 4
   * @return the value, zero-extended
   */
  public int in(int port, int size) {
    return in(null, port & 0xFFFF, size);
  }

  /**
   * Writes a port as the CPU does.
   *
   * @param port 0 to FFFFh
   * @param size 1, 2 or 4
   * @param value the value
   */
  public void out(int port, int size, int value) {
    out(null, port & 0xFFFF, size, value);
  }

  /** The handler view a chain layer gets: every access resolved beneath the layer. */
  private IoHandler beneath(Claim layer) {
    return new IoHandler() {
      @Override
      public int inb(int port) {
        return in(layer, port & 0xFFFF, 1);
      }

      @Override
      public void outb(int port, int value) {
        out(layer, port & 0xFFFF, 1, value);
      }

      @Override
      public int inw(int port) {
        return in(layer, port & 0xFFFF, 2);
      }

      @Override
      public void outw(int port, int value) {
        out(layer, port & 0xFFFF, 2, value);
      }

      @Override
      public int ind(int port) {
        return in(layer, port & 0xFFFF, 4);
      }

      @Override
      public void outd(int port, int value) {
        out(layer, port & 0xFFFF, 4, value);
      }
    };
  }

  /** The claim serving a port, looking beneath {@code layer} where it covers the port. */
  private @Nullable Claim serving(@Nullable Claim layer, int port) {
    Node n = ports[port];
    if (layer != null) {
      Node own = layer.nodeAt(port);
      if (own != null) {
        n = own.below;
      }
    }
    while (n != null && !n.claim.isEnabled()) {
      n = n.below;
    }
    return n == null ? null : n.claim;
  }

  /** The claim serving every port of a wide access, or null when they differ or float. */
  private @Nullable Claim servingAll(@Nullable Claim layer, int port, int size) {
    Claim c = serving(layer, port);
    if (c == null) {
      return null;
    }
    for (int i = 1; i < size; i++) {
      if (serving(layer, (port + i) & 0xFFFF) != c) {
        return null;
      }
    }
    return c;
  }

  private int in(@Nullable Claim layer, int port, int size) {
    checkSize(size);
    if (size == 1) {
      Claim c = serving(layer, port);
      return c == null ? 0xFF : inb(c, port);
    }
    Claim all = servingAll(layer, port, size);
    if (all != null) {
      try {
        return size == 2 ? all.handler.inw(port) & 0xFFFF : all.handler.ind(port);
      } catch (RuntimeException e) {
        throw VddFailure.wrap(all.owner, describe("IN from", port, size), e);
      }
    }
    int value = 0;
    for (int i = 0; i < size; i++) {
      int p = (port + i) & 0xFFFF;
      Claim c = serving(layer, p);
      value |= (c == null ? 0xFF : inb(c, p)) << (8 * i);
    }
    return value;
  }

  private void out(@Nullable Claim layer, int port, int size, int value) {
    checkSize(size);
    if (size == 1) {
      Claim c = serving(layer, port);
      if (c != null) {
        outb(c, port, value & 0xFF);
      }
      return;
    }
    Claim all = servingAll(layer, port, size);
    if (all != null) {
      try {
        if (size == 2) {
          all.handler.outw(port, value & 0xFFFF);
        } else {
          all.handler.outd(port, value);
        }
      } catch (RuntimeException e) {
        throw VddFailure.wrap(all.owner, describe("OUT to", port, size), e);
      }
      return;
    }
    for (int i = 0; i < size; i++) {
      int p = (port + i) & 0xFFFF;
      Claim c = serving(layer, p);
      if (c != null) {
        outb(c, p, (value >>> (8 * i)) & 0xFF);
      }
    }
  }

  private static int inb(Claim c, int port) {
    try {
      return c.handler.inb(port) & 0xFF;
    } catch (RuntimeException e) {
      throw VddFailure.wrap(c.owner, describe("IN from", port, 1), e);
    }
  }

  private static void outb(Claim c, int port, int value) {
    try {
      c.handler.outb(port, value);
    } catch (RuntimeException e) {
      throw VddFailure.wrap(c.owner, describe("OUT to", port, 1), e);
    }
  }

  private static void checkSize(int size) {
    if (size != 1 && size != 2 && size != 4) {
      throw new IllegalArgumentException("I/O access size must be 1, 2 or 4 bytes: " + size);
    }
  }

  private static String describe(String what, int port, int size) {
    return what + " port " + VddFailure.hex(port, 4) + (size == 1 ? "" : " (" + size + " bytes)");
  }
}
