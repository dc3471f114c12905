; truename.com: INT 21h 60h (TRUENAME) on paths relative to C:\SUB, absolute ones, wildcards,
; long names, a device, and malformed ones. Prints the canonical name or the error of each.
;
; nasm -f bin -o truename.com truename.asm

        cpu     8086
        org     0x100

%include "macros.inc"

        mov     dx, sub
        mov     ah, 0x3B
        int     0x21
        mov     si, paths
.next:  lodsw
        test    ax, ax
        jz      .done
        push    si
        mov     si, ax
        push    cs
        pop     es
        mov     di, buffer
        mov     ah, 0x60
        int     0x21
        jc      .error
        call    putsz
        call    newline
        pop     si
        jmp     .next
.error: call    status
        call    newline
        pop     si
        jmp     .next
.done:  mov     ax, 0x4C00
        int     0x21

%include "lib.inc"
%include "internals.inc"

sub:    db      "SUB", 0
paths:  dw      p1, p2, p3, p4, p5, p6, p7, p8, p9, p10, 0
p1:     db      "file.txt", 0
p2:     db      "..\other\.\x.dat", 0
p3:     db      "c:/dir/*.*", 0
p4:     db      "\a\LongFileName.Extension", 0
p5:     db      "con", 0
p6:     db      "c:\", 0
p7:     db      "\..\x", 0
p8:     db      "q:\x", 0
p9:     db      "a|b", 0
p10:    db      "c:", 0
buffer: times 128 db 0
