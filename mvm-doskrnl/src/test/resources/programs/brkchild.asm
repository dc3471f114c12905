; brkchild.com: reads a character with 01h and gets ^C. With the default INT 23h handler
; that aborts the program; with the tail " S", it first installs a handler that returns with
; RETF and CF set, which aborts it too: the parent sees termination type 1 with return code 0
; (4Dh gives 0100h). With " Q" its handler ends the program itself with 4Ch and code 5, a
; normal termination (0005h). "not aborted" is never printed. The ^C is typed at the keyboard
; (the program puts it into the BIOS keyboard buffer with INT 16h 05h): in a redirected input
; it would be a character like any other.
;
; nasm -f bin -o brkchild.com brkchild.asm

        cpu     8086
        org     0x100

%include "macros.inc"

        cmp     byte [0x80], 0
        je      .read
        mov     dx, give_up
        cmp     byte [0x82], 'S'
        je      .set
        mov     dx, quit
.set:   mov     ax, 0x2523
        int     0x21
.read:  print   reading
        keys    {3}
        mov     ah, 0x01
        int     0x21
        print   not_aborted
        mov     ax, 0x4C09
        int     0x21

give_up:
        stc
        retf

quit:   mov     ax, 0x4C05
        int     0x21

reading:     db "reading", 13, 10, "$"
not_aborted: db "not aborted", 13, 10, "$"
