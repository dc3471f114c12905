; brkrun.com: runs BRKCHILD.COM three times: with the default Ctrl-C handler, with its own
; that says abort, and with its own that ends the program with 4Ch; prints EXEC's status, 4Dh
; (type and code) and whether INT 23h is back to what it was (the child's handler must not
; outlive it).
;
; nasm -f bin -o brkrun.com brkrun.asm

        cpu     8086
        org     0x100

%include "macros.inc"

        shrink
        mov     ax, 0x3523
        int     0x21
        mov     [old23], bx
        mov     [old23 + 2], es
        mov     dx, child_name
        mov     si, no_tail
        call    exec
        call    report
        mov     dx, child_name
        mov     si, s_tail
        call    exec
        call    report
        mov     dx, child_name
        mov     si, q_tail
        call    exec
        call    report
        mov     ax, 0x4C00
        int     0x21

report: call    status
        mov     ah, 0x4D
        int     0x21
        call    hex4
        mov     ax, 0x3523
        int     0x21
        mov     dx, same
        cmp     bx, [old23]
        jne     .changed
        mov     ax, es
        cmp     ax, [old23 + 2]
        je      .print
.changed:
        mov     dx, changed
.print: mov     ah, 0x09
        int     0x21
        call    newline
        ret

%include "lib.inc"
%include "exec.inc"

child_name: db  "BRKCHILD.COM", 0
no_tail:    db  0, 13
s_tail:     db  2, " S", 13
q_tail:     db  2, " Q", 13
same:       db  "same $"
changed:    db  "changed $"
old23:      dw  0, 0
program_end:
