package dev.mvm.api.cpu;

import org.jspecify.annotations.Nullable;

/**
 * An x86 processor: the Instruction Set Translator of a VM. The VM monitor creates one per VM
 * through a {@link CpuProvider}, hands it a {@link CpuBus}, and drives it in slices with
 * {@link #run(long)}; between slices it delivers timer events and the host's requests.
 *
 * <p>A CPU is confined to its VM's thread; no method is thread-safe. A Java exception thrown
 * by the CPU itself is a bug in the CPU, never a guest condition: guest faults (divide error,
 * invalid opcode, general protection) are delivered to the guest through its interrupt
 * vectors as the model does, and conditions the CPU cannot model end a run with {@link
 * CpuStop#UNSUPPORTED} or {@link CpuStop#SHUTDOWN}.
 */
public interface Cpu {

  /**
   * The model this CPU emulates.
   *
   * @return the model
   */
  CpuModel model();

  /**
   * The live register file. Changes made through it take effect at the next instruction.
   *
   * @return the registers; the same object for the life of the CPU
   */
  Registers registers();

  /**
   * Puts the CPU into its power-on state: CS:IP = F000:FFF0 (FFFF:0000 on the 8086 and
   * 80186), flags cleared, not halted, real mode. The instruction count is kept.
   */
  void reset();

  /**
   * Executes instructions until the budget is used up or something stops the CPU. An
   * instruction with a REP prefix counts once per iteration. Interrupts are taken between
   * instructions when IF is set and INTR is asserted; NMI whenever it is pending.
   *
   * @param maxInstructions the most instructions to execute, at least 1
   * @return why the CPU returned
   */
  CpuStop run(long maxInstructions);

  /**
   * Instructions executed since this CPU was created. Virtual time is derived from it.
   *
   * @return the monotonic instruction count
   */
  long instructionCount();

  /**
   * Drives the INTR input. While asserted and IF is set, the CPU acknowledges an interrupt
   * through {@link CpuBus#acknowledgeInterrupt()} before its next instruction, which also ends
   * a halt. A device may change it during {@link CpuBus#out}.
   *
   * @param asserted the new level of INTR
   */
  void setIntr(boolean asserted);

  /** Signals a non-maskable interrupt; the CPU takes it (vector 2) before its next instruction. */
  void nmi();

  /**
   * Makes the current or next {@link #run(long)} return {@link CpuStop#STOP_REQUESTED} after
   * the instruction in progress. Called on the VM's thread, typically from a host callback.
   */
  void requestStop();

  /**
   * Whether the CPU is halted, waiting for an interrupt.
   *
   * @return true after {@code HLT} until an interrupt, NMI or reset
   */
  boolean isHalted();

  /**
   * Enters an interrupt handler now, as {@code INT vector} would: pushes FLAGS, CS and IP,
   * clears IF and TF and loads CS:IP from the vector. The monitor uses it to make the guest
   * call an interrupt on behalf of host code.
   *
   * @param vector the interrupt vector, 0 to 255
   */
  void interrupt(int vector);

  /**
   * Disassembles the instruction at a real-mode address in Intel syntax, for traces and error
   * messages. In protected mode a segment equal to the current CS selector stands for the code
   * segment its descriptor describes (base, 16- or 32-bit code).
   *
   * @param segment the segment
   * @param offset the offset
   * @return the instruction, for example {@code add byte [ds:B7B6h], ah}
   */
  String disassemble(int segment, int offset);

  /**
   * What stopped the last run, where its result was {@link CpuStop#SHUTDOWN} or {@link
   * CpuStop#UNSUPPORTED}: the instruction, its bytes and address.
   *
   * @return a message such as {@code MOV CR0 enabling paging at 0008:12345 (0F 22 C0: mov
   *     cr0, eax) is not supported yet}, or null after any other result
   */
  @Nullable String stopDetail();
}
