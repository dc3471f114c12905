/** The x86 Instruction Set Translator: decoder, interpreter, block translator, disassembler. */
module dev.mvm.ist.x86 {
  requires dev.mvm.api;
  // Not a module of ours (DESIGN.md: nothing of ours beyond the API): ASM writes the bytecode
  // of translated blocks, the tool issue 12 names for a translator to JVM bytecode.
  requires org.objectweb.asm;
  requires static org.jspecify;
  requires static lombok;

  exports dev.mvm.ist.x86;

  provides dev.mvm.api.cpu.CpuProvider with
      dev.mvm.ist.x86.X86CpuProvider;
}
