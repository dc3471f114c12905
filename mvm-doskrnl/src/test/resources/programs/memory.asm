; memory.com: the memory functions and their errors. Shrinks its own block (4Ah), allocates
; (48h), asks for too much (error 8 with the largest size in BX), frees (49h), frees again
; (error 9), and grows its block beyond the memory there is (error 8). Prints one line each.
;
; nasm -f bin -o memory.com memory.asm

        cpu     8086
        org     0x100

%include "macros.inc"

        mov     bx, 0x1000              ; keep 64 KiB
        mov     ah, 0x4A                ; ES = our PSP at start
        int     0x21
        call    status
        call    newline

        mov     bx, 0x0100
        mov     ah, 0x48
        int     0x21
        mov     [block], ax             ; before status, which uses AH
        call    status
        call    newline

        mov     bx, 0xFFFF
        mov     ah, 0x48
        int     0x21
        call    status
        mov     ax, bx                  ; the largest block available
        call    hex4
        call    newline

        mov     es, [block]
        mov     ah, 0x49
        int     0x21
        call    status
        call    newline

        mov     es, [block]
        mov     ah, 0x49
        int     0x21
        call    status
        call    newline

        push    cs
        pop     es
        mov     bx, 0xFFFF
        mov     ah, 0x4A
        int     0x21
        call    status
        call    newline

        mov     ax, 0x4C00
        int     0x21

%include "lib.inc"

block:  dw      0
