package dev.mvm.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AsmTest {

  /**
   * Every form the assembler knows, with the bytes nasm 2.16 produces for the same source
   * (assembled with {@code -O0} and {@code strict word} where nasm would pick a shorter form).
   */
  @Test
  void encodesLikeNasm() {
    byte[] code = Asm.assemble(0x100, """
        start:  mov al, 0x34
                out 0x43, al
                mov ax, 1234h
                mov bx, ax
                mov [bx+si], al
                mov word [bp+4], 0x55AA
                mov es, ax
                mov dx, es
                mov cl, [msg]
                mov si, msg
                add ax, 5
                add bl, 3
                sub word [di], 300
                cmp byte [bx+si+0x10], 'A'
                xor dx, dx
                adc cx, [bp-2]
                test al, 1
                test bx, cx
                xchg bx, ax
                lea di, [bx+di+0x1234]
                inc cx
                dec byte [si]
                not ax
                neg dl
                mul bx
                div byte [di]
                shl ax, 1
                shr bl, cl
                sar word [bx], 1
                push ax
                push es
                pop ds
                pop word [bx]
                in al, dx
                in ax, 0x60
                out dx, ax
                int 21h
                int3
                jz start
                jnz near_t
        near_t: loop start
                jcxz start
                call sub1
                jmp start
                jmp short start
                jmp 0xF000:0xFFF0
                call 0x1234:0x5678
                rep movsb
                repne scasb
                es lodsw
                mov al, [es:di]
                mov [cs:bx+2], ax
                cld
                hlt
        sub1:   ret
                retf 4
        msg:    db "Hi!", 0, 'x'
                dw 0x1234, msg
        """);
    assertThat(HexFormat.of().formatHex(code)).isEqualTo(
        "b034e643b8341289c38800c74604aa558ec08cc28a0e8101be810105050080c303812d2c018078104131d2"
            + "134efea80185cb938db9341241fe0cf7d0f6daf7e3f635d1e0d2ebd13f50061f8f07ece560efcd21cc"
            + "74aa7500e2a6e3a4e81e00e99effeb9ceaf0ff00f09a78563412f3a4f2ae26ad268a052e894702fcf4"
            + "c3ca0400486921007834128101");
  }

  @Test
  void labelsInDisplacementsKeepSixteenBits() {
    byte[] code = Asm.assemble(0, """
                mov al, [bx+table]
                hlt
        table:  db 1, 2, 3
        """);
    assertThat(HexFormat.of().formatHex(code)).isEqualTo("8a870500" + "f4" + "010203");
  }

  @Test
  void errorsNameTheLine() {
    assertThatThrownBy(() -> Asm.assemble("nop\n  frob ax, 1\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("line 2 (frob ax, 1): unknown instruction 'frob'");
    assertThatThrownBy(() -> Asm.assemble("jmp nowhere"))
        .hasMessageContaining("unknown label 'nowhere'");
    assertThatThrownBy(() -> Asm.assemble("mov [bx], 1"))
        .hasMessageContaining("operand size unknown");
    assertThatThrownBy(() -> Asm.assemble("x: nop\nx: nop")).hasMessageContaining("defined twice");
    assertThatThrownBy(() -> Asm.assemble("mov ax, [bx+bp]"))
        .hasMessageContaining("no 16-bit addressing form");
    String far = "a: nop\n" + "nop\n".repeat(200) + "jz a";
    assertThatThrownBy(() -> Asm.assemble(far)).hasMessageContaining("out of short range");
  }
}
