; refs.com: the system file table counts a file's handles in every program's job file table.
; The parent creates REFS.TXT (handle 5) and prints the reference counts of the SFT entries
; behind that handle and behind standard output (handle 1); it EXECs itself with the tail
; " C", and the child, which inherited both handles, prints the counts it sees: one more
; handle each to the file and to CON (handles 0 and 1 share its entry). Back in the parent,
; the counts are what they were before. A program the host starts has no shell above it, so
; under MVM the first counts are 1 and 2.
;
; nasm -f bin -o refs.com refs.asm

        cpu     8086
        org     0x100

%include "macros.inc"

        shrink
        mov     ah, 0x52
        int     0x21
        mov     [lol], bx
        mov     [lol + 2], es
        cmp     byte [0x80], 0
        jne     child

        mov     dx, file_name
        xor     cx, cx
        mov     ah, 0x3C
        int     0x21
        jc      fail
        mov     [handle], ax
        call    counts
        mov     dx, self_name
        mov     si, child_tail
        call    exec
        jc      fail
        call    counts
        mov     bx, [handle]
        mov     ah, 0x3E
        int     0x21
        mov     dx, file_name
        mov     ah, 0x41
        int     0x21
        mov     ax, 0x4C00
        int     0x21

child:  call    counts
        mov     ax, 0x4C00
        int     0x21

fail:   call    status
        mov     ax, 0x4C01
        int     0x21

; Prints the reference counts behind the file's handle and handle 1, and a line end.
counts: mov     ax, [handle]
        call    refs
        mov     ax, 1
        call    refs
        jmp     newline

; Prints the reference count of the SFT entry behind handle AX, found through the PSP's job
; file table pointer and the SFT blocks of the list of lists.
refs:   push    ds
        mov     bx, ax
        lds     si, [0x34]
        mov     al, [si + bx]
        pop     ds
        xor     ah, ah
        les     di, [lol]
        les     di, [es:di + 4]
.block: cmp     ax, [es:di + 4]
        jb      .here
        sub     ax, [es:di + 4]
        les     di, [es:di]
        jmp     .block
.here:  mov     cl, 0x3B
        mul     cl
        add     di, ax
        mov     ax, [es:di + 6]
        jmp     hex4

%include "lib.inc"
%include "exec.inc"

lol:        dd  0
handle:     dw  5                       ; the child's: the handle it inherited
file_name:  db  "REFS.TXT", 0
self_name:  db  "REFS.COM", 0
child_tail: db  2, " C", 13
program_end:
