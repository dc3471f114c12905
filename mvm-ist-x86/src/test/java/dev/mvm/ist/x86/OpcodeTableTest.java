package dev.mvm.ist.x86;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mvm.api.cpu.CpuModel;
import dev.mvm.api.cpu.CpuStop;
import dev.mvm.api.cpu.Registers;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Map;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The opcode table, and the interpreter's agreement with it on what is invalid. */
class OpcodeTableTest {

  private static final CpuModel[] MODELS = CpuModel.values();
  private static final Set<Integer> PREFIXES =
      Set.of(0x26, 0x2E, 0x36, 0x3E, 0xF0, 0xF1, 0xF2, 0xF3);
  /** From the 80386 on: FS, GS, operand and address size are prefixes, F1h is INT1. */
  private static final Set<Integer> PREFIXES_386 =
      Set.of(0x26, 0x2E, 0x36, 0x3E, 0x64, 0x65, 0x66, 0x67, 0xF0, 0xF2, 0xF3);

  private static Set<Integer> prefixes(CpuModel model) {
    return model.atLeast(CpuModel.I80386) ? PREFIXES_386 : PREFIXES;
  }

  @Test
  void eachModelHasAtMostOneRowPerForm() {
    for (CpuModel m : MODELS) {
      Set<String> seen = new HashSet<>();
      for (OpcodeTable.Row r : OpcodeTable.rows()) {
        if (r.on(m)) {
          assertThat(seen.add(r.page() + "/" + r.opcode() + "/" + r.reg()))
              .as("duplicate row on " + m + ": " + r)
              .isTrue();
          assertThat(r.mnemonic()).isNotBlank();
        }
      }
    }
  }

  @Test
  void the8086HasARowForEveryByteThatIsNotAPrefix() {
    for (int op = 0; op < 256; op++) {
      for (int reg = 0; reg < 8; reg++) {
        OpcodeTable.Row r = OpcodeTable.lookup(CpuModel.I8086, op, reg << 3);
        if (PREFIXES.contains(op)) {
          assertThat(r).isNull();
        } else {
          assertThat(r).as("8086 opcode %02X /%d", op, reg).isNotNull();
        }
      }
    }
  }

  @Test
  void the80186And80286AddTheirInstructions() {
    assertThat(OpcodeTable.lookup(CpuModel.I8086, 0x60, 0).mnemonic()).isEqualTo("jo");
    assertThat(OpcodeTable.lookup(CpuModel.I80186, 0x60, 0).mnemonic()).isEqualTo("pusha");
    assertThat(OpcodeTable.lookup(CpuModel.I80286, 0xC8, 0).mnemonic()).isEqualTo("enter");
    assertThat(OpcodeTable.lookup(CpuModel.I8086, 0xC8, 0).mnemonic()).isEqualTo("retf");
    assertThat(OpcodeTable.lookup(CpuModel.I80186, 0x63, 0)).isNull();
    assertThat(OpcodeTable.lookup(CpuModel.I8086, 0xD0, 6 << 3).mnemonic()).isEqualTo("setmo");
    assertThat(OpcodeTable.lookup(CpuModel.I80286, 0xD0, 6 << 3).mnemonic()).isEqualTo("sal");
    assertThat(OpcodeTable.lookup(CpuModel.I80286, 0xFF, 7 << 3)).isNull();
    assertThat(OpcodeTable.lookup(CpuModel.I80286, 0x8D, 0).memoryOnly()).isTrue();
    assertThat(OpcodeTable.lookup(CpuModel.I80286, 0xC4, 0).memoryWidth()).isEqualTo(4);
  }

  /**
   * Runs every one-byte opcode with every reg field, in register and memory form, and checks
   * that the interpreter raises #UD exactly where the table has no row or where a row that
   * must address memory gets a register.
   */
  @ParameterizedTest
  @EnumSource(
      value = CpuModel.class,
      names = {"I80186", "I80286", "I80386", "I80486"})
  void invalidOpcodeExactlyWhereTheTableSaysSo(CpuModel model) {
    List<String> wrong = new ArrayList<>();
    for (int op = 0; op < 256; op++) {
      if (prefixes(model).contains(op) || op == 0x0F) {
        continue;
      }
      for (int reg = 0; reg < 8; reg++) {
        for (int mod : new int[] {0x06, 0xC0}) {
          int modrm = mod | reg << 3;
          OpcodeTable.Row row = OpcodeTable.lookup(model, op, modrm);
          boolean expectUd =
              row == null
                  || (mod == 0xC0 && row.memoryOnly())
                  || row.note().contains("#UD in real mode");
          Boolean ud = raisesUd(model, op, modrm, 0x01, 0x00);
          if (ud != null && ud != expectUd) {
            wrong.add(String.format("%02X %02X: #UD %s, table row %s", op, modrm, ud, row));
          }
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(
      value = CpuModel.class,
      names = {"I80286", "I80386", "I80486"})
  void theTwoBytePageFollowsTheTable(CpuModel model) {
    List<String> wrong = new ArrayList<>();
    for (int op2 = 0; op2 < 256; op2++) {
      if (op2 == 0xFF) {
        continue; // outside the callback area, the trap's second byte: #UD, not in the table
      }
      for (int reg = 0; reg < 8; reg++) {
        for (int mod : new int[] {0x06, 0xC0}) {
          int modrm = mod | reg << 3;
          OpcodeTable.Row row = OpcodeTable.forModel(model).row0f(op2, modrm);
          boolean systemRegister = op2 >= 0x20 && op2 <= 0x26; // the mod field is ignored
          boolean expectUd =
              row == null
                  || (mod == 0xC0 && row.memoryOnly() && !systemRegister)
                  || row.note().contains("#UD in real mode");
          Boolean ud = raisesUd(model, 0x0F, op2, modrm, 0x00);
          if (ud != null && ud != expectUd) {
            wrong.add(String.format("0F %02X %02X: #UD %s, table row %s", op2, modrm, ud, row));
          }
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  /** Executes one instruction at 1000:0000; null where it stopped the run instead. */
  private static final TestBus BUS = new TestBus(1 << 20);
  private static final Map<CpuModel, X86Cpu> CPUS = new EnumMap<>(CpuModel.class);

  private static Boolean raisesUd(CpuModel model, int... code) {
    TestBus bus = BUS;
    X86Cpu cpu = CPUS.computeIfAbsent(model, m -> new X86Cpu(m, BUS));
    cpu.reset();
    java.util.Arrays.fill(bus.ram, (byte) 0);
    Registers regs = cpu.registers();
    for (int v = 0; v < 256; v++) {
      bus.load(v * 4, 0x00, 0x00, 0x00, 0x60); // every vector to 6000:0000
    }
    bus.load(6 * 4, 0x60, 0x00, 0x00, 0x50); // #UD to 5000:0060
    bus.load(0x50060, 0xF4);
    bus.load(0x60000, 0xF4);
    bus.load(0x10000, code);
    regs.setCs(0x1000);
    regs.setIp(0);
    regs.setSs(0x2000);
    regs.setSp(0x1000);
    regs.setDs(0x3000);
    regs.setEs(0x4000);
    regs.setCx(1);
    CpuStop stop = cpu.run(1);
    if (stop == CpuStop.UNSUPPORTED) {
      return null;
    }
    return regs.cs() == 0x5000 && regs.ip() == 0x60 && bus.word(0x20000 + regs.sp()) == 0;
  }
}
