; handles.com: more than 20 handles with INT 21h 67h. Without room (a .COM program owns all
; memory) 67h fails with 08h; after shrinking the program, 67h 30 moves the handle table out of
; the PSP (32h = 30, 34h no longer PSP:0018h). Then 25 files are created at once (handles 5 to
; 29), a 26th open fails with 04h, 67h 20 fails with 04h while handles above 19 are open;
; after closing and deleting them, 67h 20 moves the table back into the PSP.
;
; nasm -f bin -o handles.com handles.asm

        cpu     8086
        org     0x100

%include "macros.inc"

        mov     bx, 30
        mov     ah, 0x67
        int     0x21
        call    status                  ; E0008: no free memory yet
        call    newline

        mov     bx, 0x1000              ; keep 64 KiB
        mov     ah, 0x4A                ; ES = the PSP
        int     0x21
        mov     bx, 30
        mov     ah, 0x67
        int     0x21
        call    status
        mov     ax, [0x32]              ; the table's size
        call    hex4
        mov     ax, cs
        cmp     [0x36], ax              ; its segment: not the PSP any more
        je      .inpsp
        print   moved
.inpsp: call    newline

        mov     cx, 25
        mov     si, handles
.create:
        mov     dx, name
        push    cx
        xor     cx, cx
        mov     ah, 0x3C
        int     0x21
        pop     cx
        jc      .fail
        mov     [si], ax
        add     si, 2
        inc     byte [name + 2]         ; F0A.TMP, F0B.TMP, ...
        loop    .create
        print   created
        mov     ax, [si - 2]            ; the last handle
        call    hex4
        call    newline

        mov     dx, first
        mov     ax, 0x3D00              ; a 26th handle
        int     0x21
        call    status
        call    newline

        mov     bx, 20
        mov     ah, 0x67
        int     0x21
        call    status                  ; E0004: handles 20 to 29 are open
        call    newline

        mov     cx, 25
        mov     si, handles
.close: mov     bx, [si]
        mov     ah, 0x3E
        int     0x21
        jc      .fail
        add     si, 2
        dec     byte [name + 2]
        loop    .close
        mov     cx, 25
.delete:
        mov     dx, name
        mov     ah, 0x41
        int     0x21
        jc      .fail
        inc     byte [name + 2]
        loop    .delete

        mov     bx, 20
        mov     ah, 0x67
        int     0x21
        call    status
        mov     ax, [0x32]
        call    hex4
        mov     ax, [0x34]
        call    hex4
        mov     ax, cs
        cmp     [0x36], ax
        jne     .out
        print   inpsp
.out:   call    newline
        mov     ax, 0x4C00
        int     0x21
.fail:  call    status
        call    newline
        mov     ax, 0x4C01
        int     0x21

%include "lib.inc"

name:   db      "F0A.TMP", 0
first:  db      "F0A.TMP", 0
moved:  db      "moved$"
inpsp:  db      "in the PSP$"
created: db     "25 files, last handle $"
handles: times 25 dw 0
