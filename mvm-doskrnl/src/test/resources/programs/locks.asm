; locks.com: record locks (INT 21h 5Ch) as SHARE gives them. Through handle A: lock 0-9, lock
; 5-14 (overlaps: 21h); through a duplicate of A: lock 20-29 (the same open file); through
; handle B, a second open of the same file: lock 8 (21h), unlock A's 0-9 (21h), lock 30-39;
; through A: unlock 0-9, unlock it again (21h); AL=02h (01h); a handle that is not open (06h).
; Prints the status of each call.
;
; nasm -f bin -o locks.com locks.asm

        cpu     8086
        org     0x100

%include "macros.inc"

        mov     dx, file
        xor     cx, cx
        mov     ah, 0x3C
        int     0x21
        mov     [a], ax
        mov     bx, ax
        mov     cx, 64
        mov     dx, file
        mov     ah, 0x40                ; some bytes to lock
        int     0x21
        mov     ah, 0x45
        int     0x21
        mov     [dup], ax
        mov     dx, file
        mov     ax, 0x3D02
        int     0x21
        mov     [b], ax

        mov     si, calls
.next:  lodsw                           ; AL function, AH which handle
        cmp     al, 0xFF
        je      .done
        mov     bl, ah
        xor     bh, bh
        mov     bx, [handles + bx]
        mov     ah, 0x5C
        mov     cx, 0
        mov     dx, [si]                ; offset
        mov     di, [si + 2]            ; length
        push    si
        xor     si, si
        int     0x21
        pop     si
        call    status
        add     si, 4
        jmp     .next

.done:  call    newline
        mov     bx, [b]
        mov     ah, 0x3E
        int     0x21
        mov     bx, [dup]
        mov     ah, 0x3E
        int     0x21
        mov     bx, [a]
        mov     ah, 0x3E
        int     0x21
        mov     dx, file
        mov     ah, 0x41
        int     0x21
        mov     ax, 0x4C00
        int     0x21

%include "lib.inc"

file:   db      "LOCK.DAT", 0
handles:
a:      dw      0
dup:    dw      0
b:      dw      0
bad:    dw      77
; function, handle (0 A, 2 the duplicate, 4 B, 6 not open), offset, length
calls:  db      0, 0
        dw      0, 10
        db      0, 0
        dw      5, 10
        db      0, 2
        dw      20, 10
        db      0, 4
        dw      8, 1
        db      1, 4
        dw      0, 10
        db      0, 4
        dw      30, 10
        db      1, 0
        dw      0, 10
        db      1, 0
        dw      0, 10
        db      2, 0
        dw      0, 10
        db      0, 6
        dw      0, 10
        db      0xFF, 0
