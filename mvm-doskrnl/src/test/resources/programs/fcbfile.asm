; fcbfile.com: a file's life through FCB functions. Creates FCBTEST.DAT and writes three
; 128-byte records (A, B, C) sequentially; opens it again and reads it with 200-byte records
; (a full one, a partial one padded with zeros, then the end); creates FCBTWO.DAT; searches with
; wildcards and by name; deletes both with a wildcard; and shows the errors of a missing file
; and of a name DOS refuses. Each line prints AL and what the call left in the FCB or the DTA.
;
; nasm -f bin -o fcbfile.com fcbfile.asm

        cpu     8086
        org     0x100

%include "macros.inc"

        mov     dx, dta
        mov     ah, 0x1A                ; DTA
        int     0x21

        ; Create: drive byte, record size 128, size 0.
        mov     dx, fcb
        mov     ah, 0x16
        int     0x21
        call    result
        mov     al, [fcb]
        call    hex2
        mov     ax, [fcb + 0x0E]
        call    hex4
        mov     ax, [fcb + 0x10]
        call    hex4
        call    newline

        ; Three sequential writes from record 0: AL each, then block, record and size.
        mov     byte [fcb + 0x20], 0
        mov     al, 'A'
.write: mov     di, dta
        mov     cx, 128
        call    fill
        push    ax
        mov     dx, fcb
        mov     ah, 0x15
        int     0x21
        call    hex2
        pop     ax
        inc     al
        cmp     al, 'C'
        jbe     .write
        mov     ax, [fcb + 0x0C]
        call    hex4
        mov     al, [fcb + 0x20]
        call    hex2
        mov     ax, [fcb + 0x10]
        call    hex4
        mov     dx, fcb
        mov     ah, 0x10                ; close
        int     0x21
        call    result
        call    newline

        ; Open again: size and record size; then 200-byte records from the start.
        mov     dx, fcb
        mov     ah, 0x0F
        int     0x21
        call    result
        mov     ax, [fcb + 0x10]
        call    hex4
        mov     ax, [fcb + 0x0E]
        call    hex4
        call    newline
        mov     word [fcb + 0x0E], 200
        mov     byte [fcb + 0x20], 0

        call    spoil
        call    readseq                 ; record 0: 128 A, 72 B
        mov     dl, [dta]
        call    putc
        mov     dl, [dta + 199]
        call    putc
        call    newline

        call    spoil
        call    readseq                 ; record 1: 184 bytes, padded with zeros
        mov     dl, [dta + 183]
        call    putc
        mov     si, dta + 184
        mov     cx, 16
.pad:   cmp     byte [si], 0
        jne     .bad
        inc     si
        loop    .pad
        print   pad_ok
        jmp     .padded
.bad:   print   pad_bad
.padded:
        call    newline

        call    readseq                 ; the end: AL 01, the record stays
        mov     al, [fcb + 0x20]
        call    hex2
        mov     dx, fcb
        mov     ah, 0x10
        int     0x21
        call    result
        call    newline

        ; A second file, then a wildcard search: how many match, and the end of the search.
        mov     dx, fcb2
        mov     ah, 0x16
        int     0x21
        call    result
        mov     dx, fcb2
        mov     ah, 0x10
        int     0x21
        call    result
        call    newline

        xor     bx, bx
        mov     dx, wild
        mov     ah, 0x11
.count: int     0x21
        cmp     al, 0
        jne     .counted
        inc     bx
        mov     dx, wild
        mov     ah, 0x12
        jmp     .count
.counted:
        call    result
        mov     ax, bx
        call    hex4
        call    newline

        ; Searches by name: the DTA holds the drive, the name and the size.
        mov     dx, find1
        call    found
        mov     dx, find2
        call    found

        ; A missing file, a name with a backslash, a delete with a wildcard and its echo.
        mov     dx, missing
        mov     ah, 0x0F
        int     0x21
        call    result
        mov     dx, badname
        mov     ah, 0x0F
        int     0x21
        call    result
        call    newline
        mov     dx, wild
        mov     ah, 0x13
        int     0x21
        call    result
        mov     dx, wild
        mov     ah, 0x11
        int     0x21
        call    result
        mov     dx, wild
        mov     ah, 0x13
        int     0x21
        call    result
        call    newline
        mov     ax, 0x4C00
        int     0x21

; Reads the next record of fcb and prints AL.
readseq:
        mov     dx, fcb
        mov     ah, 0x14
        int     0x21
        call    hex2
        ret

; Fills the first 200 bytes of the DTA with FFh.
spoil:  push    ax
        mov     al, 0xFF
        mov     di, dta
        mov     cx, 200
        call    fill
        pop     ax
        ret

; Searches for the FCB at DX and prints AL, the drive, name and size of what it found.
found:  mov     ah, 0x11
        int     0x21
        call    result
        mov     al, [dta]
        call    hex2
        mov     si, dta + 1
        call    name11
        mov     ax, [dta + 1 + 0x1C]
        call    hex4
        call    newline
        ret

%include "lib.inc"
%include "fcblib.inc"

pad_ok:  db     "pad ok $"
pad_bad: db     "pad bad $"
fcb:     db     0, "FCBTEST DAT"
         times 25 db 0
fcb2:    db     0, "FCBTWO  DAT"
         times 25 db 0
wild:    db     0, "FCB?????DAT"
         times 25 db 0
find1:   db     0, "FCBTEST DAT"
         times 25 db 0
find2:   db     0, "fcbtwo  dat"
         times 25 db 0
missing: db     0, "NOFILE  DAT"
         times 25 db 0
badname: db     0, "A\B     DAT"
         times 25 db 0
dta:     times 256 db 0
