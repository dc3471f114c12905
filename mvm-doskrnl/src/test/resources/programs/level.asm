; level.com: EXEC three levels deep. Each level takes its number from its command tail (none
; at the top: level 1), prints it, and below level 3 EXECs itself (by the path after its
; environment) with the next number; it then prints the child's return code (4Dh) and ends
; with the child's code plus its own number. Level 3 ends with 3, so level 1 ends with 6.
;
; nasm -f bin -o level.com level.asm

        cpu     8086
        org     0x100

%include "macros.inc"

        shrink
        mov     al, '1'
        cmp     byte [0x80], 2          ; a tail " N"?
        jb      .have
        mov     al, [0x82]
.have:  mov     [number], al
        print   level_text
        print   start_text
        cmp     byte [number], '3'
        jae     .last

        mov     al, [number]            ; the child's tail: the next number
        inc     al
        mov     [child_tail + 2], al
        push    ds                      ; our own path, after the environment
        mov     ds, [0x2C]
        xor     si, si
.string:
        cmp     byte [si], 0
        je      .end
.skip:  inc     si
        cmp     byte [si], 0
        jne     .skip
        inc     si
        jmp     .string
.end:   add     si, 3                   ; the empty string and the count
        mov     di, path
.copy:  lodsb
        stosb
        or      al, al
        jnz     .copy
        pop     ds

        mov     dx, path
        mov     si, child_tail
        call    exec
        jc      .failed
        mov     ah, 0x4D
        int     0x21
        mov     [child_code], ax
        print   level_text
        print   got_text
        mov     ax, [child_code]
        call    hex4
        call    newline
        mov     al, [number]
        sub     al, '0'
        add     al, [child_code]
        mov     ah, 0x4C
        int     0x21

.last:  mov     ax, 0x4C03
        int     0x21

.failed:
        call    status
        mov     ax, 0x4CFF
        int     0x21

%include "lib.inc"
%include "exec.inc"

level_text: db  "level "
number:     db  "1 $"
start_text: db  "start", 13, 10, "$"
got_text:   db  "got $"
child_tail: db  2, " 2", 13
child_code: dw  0
path:       times 128 db 0
program_end:
