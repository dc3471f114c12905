; parent.com: redirects a child's standard output to a file, as a shell does for "child >
; OUT.TXT": it creates OUT.TXT, saves handle 1 with DUP (45h), points handle 1 at the file
; with FORCE DUP (46h), EXECs CHILD.COM, and puts handle 1 back. Then it prints EXEC's status,
; the child's return code and termination type (4Dh), writes a line of its own through its
; file handle (the file must still be open: the child's exit only dropped its references),
; and prints what the file holds.
;
; A file it opened not to be inherited (open mode 80h) stays out of the child's handles.
;
; nasm -f bin -o parent.com parent.asm

        cpu     8086
        org     0x100

%include "macros.inc"

        shrink
        mov     dx, out_name            ; create OUT.TXT
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
        mov     dx, child_name          ; a handle the child does not get
        mov     ax, 0x3D80
        int     0x21
        jc      fail
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

        print   exec_text
        pop     ax
        popf
        call    status
        call    newline
        print   code_text
        mov     ah, 0x4D
        int     0x21
        call    hex4
        mov     ah, 0x4D                ; read once: then it is 0
        int     0x21
        call    hex4
        call    newline

        mov     bx, [out_handle]        ; our own line, after the child's
        mov     cx, own_line_end - own_line
        mov     dx, own_line
        mov     ah, 0x40
        int     0x21
        push    ax
        print   write_text
        pop     ax
        call    status
        call    newline
        mov     bx, [out_handle]
        mov     ah, 0x3E
        int     0x21

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

out_name:   db  "OUT.TXT", 0
child_name: db  "CHILD.COM", 0
child_tail: db  12, " hello world", 13
exec_text:  db  "exec $"
code_text:  db  "code $"
write_text: db  "write $"
own_line:   db  "parent line", 13, 10
own_line_end:
out_handle: dw  0
saved_out:  dw  0
buffer:     times 200 db 0
program_end:
