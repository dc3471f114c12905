; probes.com: the calls programs make to find out about DOS. 34h: the InDOS flag and the
; critical error flag before it are 0 while the program runs; 5D06h: the swappable data area
; holds them too (InDOS at offset 1). 37h: the switch character is '/'. 50h sets the current
; PSP, 51h and 62h read it back. 5E00h: the machine name with CH = 0 (no valid name); 5F02h:
; no redirector (01h); 68h commits a handle, and fails with 06h on one that is not open.
;
; nasm -f bin -o probes.com probes.asm

        cpu     8086
        org     0x100

%include "macros.inc"

        mov     ah, 0x34
        int     0x21
        mov     al, [es:bx]
        call    hex2
        mov     al, [es:bx - 1]
        call    hex2
        push    es
        push    bx
        push    ds
        mov     ax, 0x5D06
        int     0x21
        mov     ax, ds
        mov     cx, si
        pop     ds
        pop     bx
        pop     dx
        jc      .nosda
        inc     cx
        cmp     ax, dx
        jne     .nosda
        cmp     cx, bx
        jne     .nosda
        print   sdaok
.nosda: call    newline

        mov     ax, 0x3700
        int     0x21
        call    hex2
        mov     al, dl
        call    hex2
        call    newline

        mov     ah, 0x51
        int     0x21
        mov     [psp], bx
        mov     bx, 0x1234
        mov     ah, 0x50
        int     0x21
        mov     ah, 0x62
        int     0x21
        mov     [other], bx
        mov     bx, [psp]               ; our PSP back before printing: 02h writes to handle
        mov     ah, 0x50                ; 1 of the current PSP's job file table
        int     0x21
        mov     ax, [other]
        call    hex4
        mov     ah, 0x62
        int     0x21
        cmp     bx, [psp]
        jne     .badpsp
        print   pspok
.badpsp:
        call    newline

        mov     dx, name
        mov     ax, 0x5E00
        int     0x21
        call    status
        mov     al, ch
        call    hex2
        push    cs
        pop     es
        mov     ax, 0x5F02
        xor     bx, bx
        mov     si, name
        mov     di, name
        int     0x21
        call    status
        call    newline

        mov     bx, 1
        mov     ah, 0x68
        int     0x21
        call    status
        mov     bx, 55
        mov     ah, 0x68
        int     0x21
        call    status
        call    newline
        mov     ax, 0x4C00
        int     0x21

%include "lib.inc"
%include "internals.inc"

psp:    dw      0
other:  dw      0
sdaok:  db      "sda ok$"
pspok:  db      "psp ok$"
name:   times 128 db 0
