; devices.com: follows the device driver chain from the NUL header inside the list of lists
; (52h, offset 22h) to its end (an offset of FFFFh) and checks it: NUL comes first with the NUL
; bit, CON is in the chain as a character device with the standard input and output bits, and
; the list of lists' CON (0Ch) and CLOCK$ (08h) pointers point at headers in the chain with
; the right bits. Prints one line per check.
;
; nasm -f bin -o devices.com devices.asm

        cpu     8086
        org     0x100

%include "macros.inc"

        mov     ah, 0x52
        int     0x21
        mov     [lol], bx
        mov     [lol+2], es
        mov     ax, [es:bx+0x08]        ; the active CLOCK$ device
        mov     [clock], ax
        mov     ax, [es:bx+0x0A]
        mov     [clock+2], ax
        lea     di, [bx+0x22]           ; the NUL header
        mov     si, nul
        call    named
        jne     .nonul
        test    word [es:di+4], 0x0004  ; the NUL bit
        jz      .nonul
        print   nulfirst
        call    newline

        mov     cx, 100                 ; no chain is longer
.next:  test    word [es:di+4], 0x8000  ; a character device
        jz      .advance
        mov     si, con
        call    named
        jne     .notcon
        mov     ax, [es:di+4]
        and     ax, 0x0003              ; standard input and output
        cmp     ax, 0x0003
        jne     .notcon
        mov     [found], di
        mov     [found+2], es
.notcon:
        test    word [es:di+4], 0x0008  ; the clock bit
        jz      .advance
        cmp     di, [clock]
        jne     .advance
        mov     ax, es
        cmp     ax, [clock+2]
        jne     .advance
        mov     byte [clockok], 1
.advance:
        cmp     word [es:di], 0xFFFF    ; the last header
        je      .end
        les     di, [es:di]
        loop    .next
.long:  print   toolong
        call    newline
        mov     ax, 0x4C02
        int     0x21
.end:   print   chainend
        call    newline
        cmp     word [found+2], 0
        je      .nocon
        print   confound
        call    newline
        les     bx, [lol]
        mov     ax, [es:bx+0x0C]
        cmp     ax, [found]
        jne     .badptr
        mov     ax, [es:bx+0x0E]
        cmp     ax, [found+2]
        jne     .badptr
        print   conptr
        call    newline
        cmp     byte [clockok], 1
        jne     .badclock
        print   clockptr
        call    newline
        mov     ax, 0x4C00
        int     0x21
.nonul: print   nonul
        call    newline
        mov     ax, 0x4C01
        int     0x21
.nocon: print   nocon
        call    newline
        mov     ax, 0x4C03
        int     0x21
.badptr:
        print   badptr
        call    newline
        mov     ax, 0x4C04
        int     0x21
.badclock:
        print   badclock
        call    newline
        mov     ax, 0x4C05
        int     0x21

; ZF set when the header at ES:DI is named as the 8 bytes at DS:SI.
named:  push    cx
        push    di
        push    si
        add     di, 0x0A
        mov     cx, 8
        cld
        repe    cmpsb
        pop     si
        pop     di
        pop     cx
        ret

%include "lib.inc"

lol:    dd      0
found:  dd      0
clock:  dd      0
clockok: db     0
nul:    db      "NUL     "
con:    db      "CON     "
nulfirst: db    "NUL first$"
chainend: db    "chain ends$"
confound: db    "CON found, standard input and output$"
conptr: db      "CON pointer ok$"
clockptr: db    "CLOCK pointer ok$"
nonul:  db      "no NUL first$"
nocon:  db      "no CON$"
toolong: db     "chain too long$"
badptr: db      "CON pointer bad$"
badclock: db    "CLOCK pointer bad$"
