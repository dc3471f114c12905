/** The x86 Instruction Set Translator: decoder, interpreter and disassembler. */
module dev.mvm.ist.x86 {
  requires dev.mvm.api;
  requires static org.jspecify;
  requires static lombok;

  exports dev.mvm.ist.x86;

  provides dev.mvm.api.cpu.CpuProvider with
      dev.mvm.ist.x86.X86CpuProvider;
}
