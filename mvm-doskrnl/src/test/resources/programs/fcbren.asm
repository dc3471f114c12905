; fcbren.com: renames through the special rename FCB (old name at 01h, new name at 11h): every
; *.TXT to *.BAK at once, ONE.BAK to ONE2.BAK through a template with ?, *.DOC to MEMO.DOC; then
; a rename onto a file that exists, of a file that does not, and to a name DOS refuses. Each
; prints AL, and the extended error after FFh.
;
; nasm -f bin -o fcbren.com fcbren.asm

        cpu     8086
        org     0x100

%include "macros.inc"

        mov     si, renames
.next:  mov     dx, [si]
        test    dx, dx
        jz      .done
        mov     ah, 0x17
        int     0x21
        call    result
        call    newline
        add     si, 2
        jmp     .next
.done:  mov     ax, 0x4C00
        int     0x21

%include "lib.inc"
%include "fcblib.inc"

; A rename FCB: drive, old name, 4 bytes, drive, new name (at 11h), 9 bytes.
%macro rename 2
        db      0, %1
        times 4 db 0
        db      0, %2
        times 9 db 0
%endmacro

r1:     rename  "????????TXT", "????????BAK"
r2:     rename  "ONE     BAK", "?NE2    ???"
r3:     rename  "*       DOC", "MEMO    ???"
r4:     rename  "KEEP    DAT", "EXIST   DAT"
r5:     rename  "GONE    DAT", "ANY     DAT"
r6:     rename  "KEEP    DAT", "A\B     DAT"
renames: dw     r1, r2, r3, r4, r5, r6, 0
