; errors.com: EXEC's errors, one per line item: no memory left (the program still owns all
; of it), a missing file, a missing directory, a malformed .EXE, an unknown subfunction, an
; environment without an end in 32 KiB, and no free handle for the program file; then a
; child that runs after all that.
;
; nasm -f bin -o errors.com errors.asm

        cpu     8086
        org     0x100

%include "macros.inc"

        mov     dx, child_name          ; before shrinking: insufficient memory
        mov     si, no_tail
        call    exec
        call    status
        shrink
        mov     dx, nope_name
        mov     si, no_tail
        call    exec
        call    status
        mov     dx, nodir_name
        mov     si, no_tail
        call    exec
        call    status
        mov     dx, bad_name
        mov     si, no_tail
        call    exec
        call    status
        mov     dx, child_name          ; subfunction 07h does not exist
        mov     bx, exec_block
        mov     ax, 0x4B07
        int     0x21
        call    status
        call    newline

        mov     bx, 0x801               ; 32 KiB and more of 'A', no NUL at all
        mov     ah, 0x48
        int     0x21
        mov     [exec_env], ax
        mov     es, ax
        xor     di, di
        mov     cx, 0x8010
        mov     al, 'A'
        rep     stosb
        mov     dx, child_name
        mov     si, no_tail
        call    exec
        call    status
        mov     es, [exec_env]
        mov     word [exec_env], 0
        mov     ah, 0x49
        int     0x21

        mov     di, handles             ; open until no handle is left
.open:  mov     dx, child_name
        mov     ax, 0x3D00
        int     0x21
        jc      .full
        mov     [di], ax
        add     di, 2
        jmp     .open
.full:  mov     [handles_end], di
        mov     dx, child_name
        mov     si, no_tail
        call    exec
        call    status
        mov     si, handles
.close: cmp     si, [handles_end]
        je      .closed
        mov     bx, [si]
        mov     ah, 0x3E
        int     0x21
        add     si, 2
        jmp     .close
.closed:
        call    newline

        mov     dx, child_name          ; and now one that works
        mov     si, no_tail
        call    exec
        call    status
        mov     ah, 0x4D
        int     0x21
        call    hex4
        call    newline
        mov     ax, 0x4C00
        int     0x21

%include "lib.inc"
%include "exec.inc"

child_name: db  "CHILD.COM", 0
nope_name:  db  "NOPE.COM", 0
nodir_name: db  "NODIR\CHILD.COM", 0
bad_name:   db  "BADEXE.EXE", 0
no_tail:    db  0, 13
handles_end: dw 0
handles:    times 20 dw 0
program_end:
