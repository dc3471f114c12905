; rows50: boots from a floppy and switches the 80x25 text mode to 80x50 by loading the 8x8 ROM
; font (INT 10h AX=1112h, BL=0). It writes "top" at row 0 and "bottom" at row 49 (cursor set
; with AH=02h, text through teletype) and prints the rows count the BIOS keeps at 40:84h
; (rows - 1) in hex to the debug console ("31").
;
; nasm -f bin -o rows50.bin rows50.asm

%include "boot.inc"

main:   mov     ax, 0x1112
        xor     bl, bl
        int     0x10
        mov     ah, 0x02
        xor     bh, bh
        xor     dx, dx
        int     0x10
        mov     si, top
        call    tputs
        mov     ah, 0x02
        xor     bh, bh
        mov     dx, 0x3100              ; row 49, column 0
        int     0x10
        mov     si, bottom
        call    tputs
        mov     al, [0x484]
        call    puthex8
        cli
        hlt

top:    db "top", 0
bottom: db "bottom", 0
