package dev.mvm.vdd.std;

import java.io.InputStream;

/**
 * Bytes from the VM's thread to a host thread: the VM adds without ever blocking, the host
 * reads through an {@link InputStream} that blocks until a byte or the end comes. Holds at most
 * {@code limit} bytes; beyond that the oldest are dropped, so a host that never reads cannot
 * make the VM run out of memory. The ring starts small and grows as bytes pile up, so that an
 * idle port (most of them: every VM has four) holds almost no memory.
 */
final class ByteQueue extends InputStream {
  private static final int INITIAL = 64;

  private final int limit;
  private byte[] ring;
  private int head;
  private int size;
  private boolean closed;

  /**
   * @param limit the most bytes kept
   */
  ByteQueue(int limit) {
    this.limit = limit;
    ring = new byte[Math.min(limit, INITIAL)];
  }

  /**
   * Adds a byte; never blocks.
   *
   * @param value the byte
   */
  synchronized void add(int value) {
    if (size == ring.length && ring.length < limit) {
      byte[] bigger = new byte[(int) Math.min(limit, 2L * ring.length)];
      for (int i = 0; i < size; i++) {
        bigger[i] = ring[(head + i) % ring.length];
      }
      ring = bigger;
      head = 0;
    }
    if (size == ring.length) {
      head = (head + 1) % ring.length;
      size--;
    }
    ring[(head + size) % ring.length] = (byte) value;
    size++;
    notifyAll();
  }

  /** No more bytes will come: readers get what is left, then -1. */
  synchronized void end() {
    closed = true;
    notifyAll();
  }

  @Override
  public synchronized int read() {
    while (size == 0 && !closed) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
    }
    if (size == 0) {
      return -1;
    }
    int value = ring[head] & 0xFF;
    head = (head + 1) % ring.length;
    size--;
    return value;
  }

  @Override
  public synchronized int read(byte[] b, int off, int len) {
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    int first = read();
    if (first < 0) {
      return -1;
    }
    b[off] = (byte) first;
    int n = 1;
    while (n < len && size > 0) {
      b[off + n++] = ring[head];
      head = (head + 1) % ring.length;
      size--;
    }
    return n;
  }

  @Override
  public synchronized int available() {
    return size;
  }
}
