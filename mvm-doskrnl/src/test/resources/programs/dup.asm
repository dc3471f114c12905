; dup.com: DUP (45h) and FORCE DUP (46h) count the handles of a file, which stays open until
; the last one is closed. Creates DUP.TXT, duplicates its handle, closes the first and writes
; through the copy; forces the first handle onto the file again, closes the copy and writes
; through the first; closes it, and a write then fails with invalid handle (6). Prints the
; status of each step, then the file.
;
; nasm -f bin -o dup.com dup.asm

        cpu     8086
        org     0x100

        mov     dx, name
        xor     cx, cx
        mov     ah, 0x3C
        int     0x21
        mov     [first], ax
        mov     bx, ax
        mov     ah, 0x45
        int     0x21
        mov     [copy], ax
        call    status
        mov     bx, [first]
        mov     ah, 0x3E
        int     0x21
        call    status
        mov     bx, [copy]
        mov     dx, one
        call    write
        mov     bx, [copy]
        mov     cx, [first]
        mov     ah, 0x46
        int     0x21
        call    status
        mov     bx, [copy]
        mov     ah, 0x3E
        int     0x21
        call    status
        mov     bx, [first]
        mov     dx, two
        call    write
        mov     bx, [first]
        mov     ah, 0x3E
        int     0x21
        call    status
        mov     bx, [first]
        mov     dx, two
        call    write
        call    newline

        mov     dx, name
        mov     ax, 0x3D00
        int     0x21
        mov     bx, ax
        mov     cx, 20
        mov     dx, buffer
        mov     ah, 0x3F
        int     0x21
        mov     cx, ax
        mov     bx, 1
        mov     ah, 0x40
        int     0x21
        mov     ax, 0x4C00
        int     0x21

; Writes 3 bytes at DS:DX to handle BX and prints the status.
write:  mov     cx, 3
        mov     ah, 0x40
        int     0x21
        jmp     status

%include "lib.inc"

name:   db      "DUP.TXT", 0
one:    db      "one"
two:    db      "two"
first:  dw      0
copy:   dw      0
buffer: times 20 db 0
