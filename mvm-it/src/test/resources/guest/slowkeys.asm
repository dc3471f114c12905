; slowkeys: boots from a floppy, waits a second (INT 15h AH=86h) while the host types, then
; reads every key through INT 16h AH=00h until Enter and prints the characters to the debug
; console: the keys typed while nobody read them must wait, not be lost, even when there are
; more than the BIOS's type-ahead buffer holds.
;
; nasm -f bin -o slowkeys.bin slowkeys.asm

%include "boot.inc"

main:   mov     ah, 0x86
        mov     cx, 0x000F              ; one second
        mov     dx, 0x4240
        int     0x15
.key:   xor     ah, ah
        int     0x16
        cmp     al, 0x0D
        je      .done
        call    putc
        jmp     .key
.done:  cli
        hlt
