; echo.com: reads a line with buffered input (0Ah), then copies the rest of standard input to
; standard output with handle reads and writes (3Fh/40h) until the end of the input. Prints
; the line's length first.
;
; nasm -f bin -o echo.com echo.asm

        cpu     8086
        org     0x100

%include "macros.inc"

        mov     byte [line], 60         ; room for 59 characters and the CR
        mov     dx, line
        mov     ah, 0x0A
        int     0x21
        mov     al, [line + 1]
        xor     ah, ah
        call    hex4
        call    newline
copy:   xor     bx, bx                  ; standard input
        mov     cx, 16
        mov     dx, buffer
        mov     ah, 0x3F
        int     0x21
        jc      done
        test    ax, ax
        jz      done
        mov     cx, ax
        mov     bx, 1
        mov     dx, buffer
        mov     ah, 0x40
        int     0x21
        jmp     copy
done:   mov     ax, 0x4C00
        int     0x21

%include "lib.inc"

line:   times   64 db 0
buffer: times   16 db 0
