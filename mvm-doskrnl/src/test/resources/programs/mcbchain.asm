; mcbchain.com: walks the MCB chain from the list of lists (INT 21h 52h, the word before ES:BX)
; and checks it: every block is 'M' or 'Z', every owner is free (0), the system (below the
; first MCB, DOS's 8 among them) or a PSP (a block starting with INT 20h), and the sizes add up
; from the first MCB to the end of conventional memory (INT 12h; or one paragraph below, where
; DOS=UMB keeps the MCB that links the upper memory). Prints "chain ok N blocks" with N the
; blocks this program owns (environment and program), then again after 48h allocated one more
; and after 49h freed it; and whether PSP:0002 is the end of the program's block.
;
; nasm -f bin -o mcbchain.com mcbchain.asm

        cpu     8086
        org     0x100

%include "macros.inc"

        mov     ah, 0x52
        int     0x21
        mov     ax, [es:bx-2]
        mov     [first], ax
        int     0x12                    ; conventional memory in KiB
        mov     cl, 6
        shl     ax, cl
        mov     [top], ax
        mov     ah, 0x62
        int     0x21
        mov     [psp], bx

        call    walk
        ; PSP:0002 is the first paragraph past the program's block.
        mov     ax, [psp]
        dec     ax
        mov     es, ax
        mov     ax, [es:3]
        add     ax, [psp]
        cmp     ax, [0x02]
        jne     .badend
        print   endok
        call    newline
        jmp     .shrink
.badend:
        print   endbad
        call    newline

.shrink:
        push    cs
        pop     es
        mov     bx, 0x1000              ; keep 64 KiB
        mov     ah, 0x4A
        int     0x21
        jc      .fail
        mov     bx, 0x0100
        mov     ah, 0x48
        int     0x21
        jc      .fail
        mov     [block], ax
        call    walk
        mov     es, [block]
        mov     ah, 0x49
        int     0x21
        jc      .fail
        call    walk
        mov     ax, 0x4C00
        int     0x21
.fail:  call    status
        call    newline
        mov     ax, 0x4C04
        int     0x21

; Walks the chain, checks it, prints the result; exits with 1-3 when it is broken.
walk:   mov     ax, [first]
        xor     bp, bp                  ; blocks owned by this program
        mov     cx, 4000                ; a chain can have no more blocks than this
.block: mov     es, ax
        mov     dl, [es:0]
        cmp     dl, 'M'
        je      .type_ok
        cmp     dl, 'Z'
        je      .type_ok
        print   badtype
        call    newline
        mov     ax, 0x4C01
        int     0x21
.type_ok:
        mov     bx, [es:1]              ; owner
        test    bx, bx
        jz      .owner_ok               ; free
        cmp     bx, [psp]
        jne     .other
        inc     bp
.other: cmp     bx, [first]
        jb      .owner_ok               ; DOS (8) and other system owners
        push    es
        mov     es, bx
        cmp     word [es:0], 0x20CD     ; a PSP starts with INT 20h
        pop     es
        je      .owner_ok
        print   badowner
        call    newline
        mov     ax, 0x4C02
        int     0x21
.owner_ok:
        mov     ax, es
        add     ax, [es:3]
        inc     ax                      ; the next MCB
        cmp     dl, 'Z'
        je      .end
        loop    .block
        jmp     .broken
.end:   cmp     ax, [top]
        je      .ok
        inc     ax
        cmp     ax, [top]
        je      .ok
.broken:
        print   badtop
        call    newline
        mov     ax, 0x4C03
        int     0x21
.ok:    print   chainok
        mov     dx, bp
        add     dl, '0'
        mov     ah, 0x02
        int     0x21
        print   blocks
        call    newline
        ret

%include "lib.inc"

first:  dw      0
top:    dw      0
psp:    dw      0
block:  dw      0
chainok: db     "chain ok $"
blocks: db      " blocks$"
endok:  db      "psp end ok$"
endbad: db      "psp end bad$"
badtype: db     "bad block type$"
badowner: db    "bad owner$"
badtop: db      "chain does not end at the top of memory$"
