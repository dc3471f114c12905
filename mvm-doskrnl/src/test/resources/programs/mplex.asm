; mplex.com: installation checks through INT 2Fh with nothing installed: PRINT (0100h),
; SHARE (1000h), Windows enhanced mode (1600h), XMS (4300h), APPEND (B700h) answer AL = 00h;
; the HMA query (4A01h) BX = 0 and ES:DI = FFFF:FFFF (DOS is not in the HMA); releasing the
; time slice (1680h) AL = 00h. Prints each answer.
;
; nasm -f bin -o mplex.com mplex.asm

        cpu     8086
        org     0x100

%include "macros.inc"

        mov     si, checks
.next:  lodsw                           ; the label
        test    ax, ax
        jz      .hma
        mov     dx, ax
        mov     ah, 0x09
        int     0x21
        lodsw                           ; AX for INT 2Fh
        int     0x2F
        call    hex2
        call    newline
        jmp     .next

.hma:   print   hma
        mov     bx, 0x1234
        mov     di, 0x5678
        mov     ax, 0x4A01
        int     0x2F
        mov     ax, bx
        call    hex4
        mov     ax, es
        call    hex4
        mov     ax, di
        call    hex4
        call    newline

        print   idle
        mov     ax, 0x1680
        int     0x2F
        call    hex2
        call    newline
        mov     ax, 0x4C00
        int     0x21

%include "lib.inc"
%include "internals.inc"

checks: dw      print_, 0x0100
        dw      share, 0x1000
        dw      windows, 0x1600
        dw      xms, 0x4300
        dw      append, 0xB700
        dw      0
print_: db      "print $"
share:  db      "share $"
windows: db     "windows $"
xms:    db      "xms $"
append: db      "append $"
hma:    db      "hma $"
idle:   db      "idle $"
