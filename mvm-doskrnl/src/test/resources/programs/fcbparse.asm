; fcbparse.com: parses file names into an FCB with function 29h, from command-line shapes: a
; drive, wildcards, leading blanks and separators, a trailing dot, an invalid drive, a long
; name, and the control bits that keep the drive, name or extension. The FCB is filled with
; 55h, "OLDNAME OLD" and EEh bytes before each call. Each line prints the control byte, AL, how
; far SI moved, the drive byte, the name and extension, and the two words after them (which
; 29h zeroes).
;
; nasm -f bin -o fcbparse.com fcbparse.asm

        cpu     8086
        org     0x100

%include "macros.inc"

        mov     bx, cases
.next:  mov     si, [bx]
        test    si, si
        jz      .done
        mov     al, [bx + 2]
        call    hex2
        call    reset
        push    si
        mov     di, fcb
        push    ds
        pop     es
        mov     ah, 0x29
        int     0x21
        call    hex2                    ; AL
        pop     ax
        sub     si, ax
        mov     ax, si
        call    hex2                    ; how far SI moved
        mov     al, [fcb]
        call    hex2
        mov     si, fcb + 1
        call    name11
        mov     ax, [fcb + 0x0C]
        call    hex4
        mov     ax, [fcb + 0x0E]
        call    hex4
        call    newline
        add     bx, 3
        jmp     .next
.done:  mov     ax, 0x4C00
        int     0x21

; Fills the FCB with what the parse may keep or must replace; keeps every register.
reset:  push    cx
        push    si
        push    di
        push    es
        push    ds
        pop     es
        mov     si, old
        mov     di, fcb
        mov     cx, 16
        cld
        rep     movsb
        pop     es
        pop     di
        pop     si
        pop     cx
        ret

%include "lib.inc"
%include "fcblib.inc"

old:    db      0x55, "OLDNAME OLD", 0xEE, 0xEE, 0xEE, 0xEE
fcb:    times 37 db 0

s1:     db      "c:foo.bar", 13
s2:     db      "*.txt", 13
s3:     db      "  x", 13
s4:     db      "foo.", 13
s5:     db      "foo", 13
s6:     db      "q:name.ext", 13
s7:     db      " ;abc.d e", 13
s8:     db      ";abc", 13
s9:     db      "=,file", 13
s10:    db      "verylongname.text", 13
s11:    db      "fo*o.c?", 13
s12:    db      ".new", 13
s13:    db      "x", 13
s14:    db      "c:", 13
s15:    db      "a/b", 13
s16:    db      9, "name1 name2", 13

; The string and the control byte (AL) of each parse.
cases:  dw      s1
        db      0x00
        dw      s2
        db      0x00
        dw      s3
        db      0x00
        dw      s4
        db      0x08
        dw      s5
        db      0x08
        dw      s6
        db      0x00
        dw      s7
        db      0x01
        dw      s8
        db      0x00
        dw      s9
        db      0x01
        dw      s10
        db      0x00
        dw      s11
        db      0x00
        dw      s12
        db      0x04
        dw      s13
        db      0x0E
        dw      s14
        db      0x02
        dw      s15
        db      0x00
        dw      s16
        db      0x01
        dw      0
