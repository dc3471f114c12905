/**
 * The CPU service type: the contract between the VM monitor and an x86 Instruction Set
 * Translator ({@link dev.mvm.api.cpu.Cpu}, {@link dev.mvm.api.cpu.CpuBus}), and the register
 * view that host code and VDDs use to read and change guest registers ({@link
 * dev.mvm.api.cpu.Registers}).
 */
@NullMarked
package dev.mvm.api.cpu;

import org.jspecify.annotations.NullMarked;
