; grown.com: a parent whose handle table 67h moved out of its PSP passes its handles on. It
; grows the table to 30 handles (67h), creates GROWN.TXT, points standard output at it with
; FORCE DUP (46h) and EXECs CHILD.COM, whose output must land in the file: EXEC copies the
; handles through the job file table pointer at PSP 34h, not from PSP 18h, where the table
; was before it grew. Then it prints EXEC's status, the child's return code and the file.
;
; nasm -f bin -o grown.com grown.asm

        cpu     8086
        org     0x100

%include "macros.inc"

        shrink
        mov     bx, 30                  ; a table of 30 handles, in a block of its own
        mov     ah, 0x67
        int     0x21
        jc      fail
        mov     dx, out_name
        xor     cx, cx
        mov     ah, 0x3C
        int     0x21
        jc      fail
        mov     [out_handle], ax
        mov     bx, 1                   ; keep standard output
        mov     ah, 0x45
        int     0x21
        jc      fail
        mov     [saved_out], ax
        mov     bx, [out_handle]        ; standard output is now the file
        mov     cx, 1
        mov     ah, 0x46
        int     0x21
        jc      fail

        mov     dx, child_name
        mov     si, child_tail
        call    exec
        pushf
        push    ax

        mov     bx, [saved_out]         ; standard output back, and the copy closed
        mov     cx, 1
        mov     ah, 0x46
        int     0x21
        mov     bx, [saved_out]
        mov     ah, 0x3E
        int     0x21
        mov     bx, [out_handle]
        mov     ah, 0x3E
        int     0x21

        print   exec_text
        pop     ax
        popf
        call    status
        call    newline
        print   code_text
        mov     ah, 0x4D
        int     0x21
        call    hex4
        call    newline

        mov     dx, out_name            ; show the file
        call    show
        jc      fail
        mov     ax, 0x4C00
        int     0x21

fail:   call    status
        mov     ax, 0x4C01
        int     0x21

%include "lib.inc"
%include "exec.inc"
%include "show.inc"

out_name:   db  "GROWN.TXT", 0
child_name: db  "CHILD.COM", 0
child_tail: db  6, " grown", 13
exec_text:  db  "exec $"
code_text:  db  "code $"
out_handle: dw  0
saved_out:  dw  0
buffer:     times 200 db 0
program_end:
