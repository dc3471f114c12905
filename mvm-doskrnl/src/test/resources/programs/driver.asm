; driver.com: runs TSR.COM, which stays resident on INT 60h, then USER.COM, which calls it,
; and calls INT 60h itself; prints EXEC's status and the return code with its termination
; type (4Dh) of each child, and the TSR's answer.
;
; nasm -f bin -o driver.com driver.asm

        cpu     8086
        org     0x100

%include "macros.inc"

        shrink
        mov     dx, tsr_name
        mov     si, no_tail
        call    exec
        push    ax
        print   tsr_text
        pop     ax
        call    status
        mov     ah, 0x4D
        int     0x21
        call    hex4
        call    newline

        mov     dx, user_name
        mov     si, no_tail
        call    exec
        push    ax
        print   user_text
        pop     ax
        call    status
        mov     ah, 0x4D
        int     0x21
        call    hex4
        call    newline

        print   driver_text
        int     0x60
        call    hex4
        mov     ax, bx
        call    hex4
        call    newline
        mov     ax, 0x4C00
        int     0x21

%include "lib.inc"
%include "exec.inc"

tsr_name:    db "TSR.COM", 0
user_name:   db "USER.COM", 0
no_tail:     db 0, 13
tsr_text:    db "tsr $"
user_text:   db "user $"
driver_text: db "driver $"
program_end:
