; cga: boots from a floppy, sets the CGA-compatible mode 04h (320x200, 4 colours) through
; INT 10h and writes video memory at B800:0000 directly: two bits a pixel, the leftmost in
; bits 7-6, even rows from B800:0000 and odd rows from B800:2000. Row 0's first byte is E4h
; (pixels 0-3: colours 3, 2, 1, 0), row 1's is 1Bh (colours 0, 1, 2, 3) and row 2's (at
; B800:0050) is FFh (colour 3 four times). Prints "04" to the debug console.
;
; nasm -f bin -o cga.bin cga.asm

%include "boot.inc"

main:   mov     ax, 0x0004
        int     0x10
        mov     ax, 0xB800
        mov     es, ax
        mov     byte [es:0x0000], 0xE4
        mov     byte [es:0x2000], 0x1B
        mov     byte [es:0x0050], 0xFF
        mov     ah, 0x0F
        int     0x10
        call    puthex8
        cli
        hlt
