; user.com: calls INT 60h twice and prints what the TSR answered (AX, then BX = how many
; calls it has had); ends with the last count as its return code.
;
; nasm -f bin -o user.com user.asm

        cpu     8086
        org     0x100

        int     0x60
        call    hex4
        mov     ax, bx
        call    hex4
        int     0x60
        call    hex4
        mov     ax, bx
        call    hex4
        push    bx
        call    newline
        pop     ax
        mov     ah, 0x4C
        int     0x21

%include "lib.inc"
