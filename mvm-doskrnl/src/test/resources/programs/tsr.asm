; tsr.com: a TSR. It points INT 60h at a handler that counts its calls and answers AX =
; 5453h ('TS') with the count in BX, then stays resident with 31h, keeping only the PSP and
; the handler, and return code 5 (so 4Dh gives 0305h).
;
; nasm -f bin -o tsr.com tsr.asm

        cpu     8086
        org     0x100

        jmp     install

handler:
        inc     word [cs:calls]
        mov     bx, [cs:calls]
        mov     ax, 0x5453
        iret
calls:  dw      0
resident_end:

install:
        mov     dx, handler             ; DS = CS
        mov     ax, 0x2560
        int     0x21
        mov     dx, message
        mov     ah, 0x09
        int     0x21
        mov     dx, (resident_end - $$ + 0x100 + 15) / 16
        mov     ax, 0x3105
        int     0x21

message: db     "resident", 13, 10, "$"
