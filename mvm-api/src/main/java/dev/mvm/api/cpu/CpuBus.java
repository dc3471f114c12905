package dev.mvm.api.cpu;

/**
 * What a {@link Cpu} sees of the machine: physical memory with a direct fast path to RAM, the
 * I/O ports, the interrupt acknowledge cycle and host callbacks. The VM monitor implements
 * it; a CPU never holds any other machine object.
 *
 * <h2>The fast path to RAM</h2>
 *
 * {@link #ram()} is the backing array of physical memory from address 0, and {@link
 * #pageFlags()} has one entry per 4 KiB page of the 4 GiB physical space ({@code 1 << 20}
 * entries). Where a page's entry has {@link #DIRECT_READ} (or {@link #DIRECT_WRITE}) the CPU
 * reads (or writes) {@code ram()[address]} itself; otherwise it calls {@link #readByte} or
 * {@link #writeByte}. Such an entry is only set for pages that lie inside {@code ram()}. Both
 * arrays keep their identity for the life of the VM, so a CPU may hold them in final fields;
 * the monitor changes the entries of {@code pageFlags()} in place.
 *
 * <p>A physical address is formed as {@code linear & model.addressMask() & addressMask()}:
 * the CPU's own bus width, then the A20 gate. {@link #addressMask()} changes only while the
 * CPU is inside {@link #in}, {@link #out} or {@link #hostCallback}, so a CPU re-reads it after
 * each of those and at the start of every {@link Cpu#run(long)}.
 *
 * <h2>Host callbacks</h2>
 *
 * The reserved trap instruction is {@code 0F FF lo hi}: the bytes {@code 0Fh FFh} followed
 * by a 16-bit callback number. It is honoured only where {@link #isHostCallbackAddress} says
 * so (the ROM area owned by the monitor); anywhere else the bytes execute as on the real CPU
 * ({@code POP CS} on the 8086, an invalid opcode later). A CPU executes the trap by advancing
 * IP past the four bytes and calling {@link #hostCallback} with the number; the handler may
 * change registers and memory, and the CPU continues with whatever CS:IP the handler left.
 *
 * <p>All methods are called on the VM's thread. Exceptions thrown by {@link #in}, {@link
 * #out}, {@link #readByte}, {@link #writeByte} and {@link #hostCallback} come from devices or
 * host code; a CPU lets them propagate out of {@link Cpu#run(long)} untouched, with its state
 * as it was when the call was made.
 */
public interface CpuBus {

  /** Bit of a {@link #pageFlags()} entry: reads of this page may use {@link #ram()} directly. */
  int DIRECT_READ = 1;

  /** Bit of a {@link #pageFlags()} entry: writes to this page may use {@link #ram()} directly. */
  int DIRECT_WRITE = 2;

  /** Number of bits of an address that select the byte within a page. */
  int PAGE_SHIFT = 12;

  /**
   * The backing array of physical RAM, starting at physical address 0.
   *
   * @return the array; the same one for the life of the VM
   */
  byte[] ram();

  /**
   * Access flags per 4 KiB page of the physical address space; see the class description.
   *
   * @return an array of {@code 1 << 20} entries; the same one for the life of the VM
   */
  byte[] pageFlags();

  /**
   * The A20 gate as an address mask: {@code 0xFFFFFFFF} when the gate is open, {@code
   * 0xFFEFFFFF} when it is closed (addresses wrap at 1 MiB as on the 8086).
   *
   * @return the mask to AND physical addresses with
   */
  int addressMask();

  /**
   * Reads a byte from a page that is not direct: ROM, device memory or unmapped space.
   *
   * @param address a physical address, already masked
   * @return the byte, 0 to 255 (unmapped space reads {@code FFh})
   */
  int readByte(int address);

  /**
   * Writes a byte to a page that is not direct; ROM and unmapped space ignore it.
   *
   * @param address a physical address, already masked
   * @param value the byte in the low 8 bits
   */
  void writeByte(int address, int value);

  /**
   * Reads an I/O port.
   *
   * @param port the port number, 0 to FFFFh
   * @param size the access width in bytes: 1, 2 or 4
   * @return the value read, zero-extended (an unclaimed port reads all ones)
   */
  int in(int port, int size);

  /**
   * Writes an I/O port.
   *
   * @param port the port number, 0 to FFFFh
   * @param size the access width in bytes: 1, 2 or 4
   * @param value the value in the low {@code size * 8} bits
   */
  void out(int port, int size, int value);

  /**
   * The interrupt acknowledge cycle: the CPU calls it when INTR is asserted (see {@link
   * Cpu#setIntr(boolean)}) and it takes the interrupt. The interrupt controller answers with
   * the vector (a spurious interrupt still yields a vector).
   *
   * @return the interrupt vector, 0 to 255
   */
  int acknowledgeInterrupt();

  /**
   * Whether a trap instruction at this address is a host callback.
   *
   * @param linearAddress the linear address of the {@code 0Fh} byte of the trap
   * @return true inside the monitor's ROM area
   */
  boolean isHostCallbackAddress(int linearAddress);

  /**
   * Runs the host callback with the given number, after the CPU advanced IP past the trap.
   *
   * @param number the 16-bit number that follows {@code 0F FF}
   */
  void hostCallback(int number);
}
