; wrap: boots from a floppy and tests the edges of INT 10h teletype. It writes "top" on row 0,
; moves the cursor to row 24, column 0 with AH=02h, writes 78 "A"s and then "BCDE": C lands in
; the last column, and D wraps to the next line, which scrolls the screen up one row. Then a
; bell (07h, which prints nothing), a backspace (08h, which moves back without erasing) and
; "Z", which replaces the E. The screen ends with "AAA...ABC" on row 23, "DZ" on row 24 and the
; cursor at column 2; "top" scrolled away. It prints "W" to the debug console when done.
;
; nasm -f bin -o wrap.bin wrap.asm

%include "boot.inc"

main:   mov     si, top
        call    tputs
        mov     ah, 0x02
        mov     bh, 0
        mov     dx, 0x1800              ; row 24, column 0
        int     0x10
        mov     cx, 78
        mov     ax, 0x0E41              ; "A"
        mov     bx, 0x0007
.a:     int     0x10
        loop    .a
        mov     si, tail
        call    tputs
        mov     al, 'W'
        call    putc
        cli
        hlt

top:    db "top", 0
tail:   db "BCDE", 7, 8, "Z", 0
