; fcbrand.com: random and block I/O through an FCB with 10-, 16- and 100-byte records. Builds
; RANDOM.DAT from random writes of records 5 and 2 and block writes of 0-1 and 3-4 (each record
; ten times its digit); sets the random record from the current one; gets the size in records;
; reads blocks up to and past the end and a partial record; shows that the random record's
; fourth byte counts only for records under 64 bytes; cuts the file to two 16-byte records with
; a block write of no records; and gets the closed file's size in records. Each line prints AL
; and what the call left in the FCB.
;
; nasm -f bin -o fcbrand.com fcbrand.asm

        cpu     8086
        org     0x100

%include "macros.inc"

        mov     dx, dta
        mov     ah, 0x1A
        int     0x21
        mov     dx, fcb
        mov     ah, 0x16                ; create
        int     0x21
        call    result
        mov     word [fcb + 0x0E], 10
        call    newline

        ; Random writes of records 5 and 2: AL, size, current block and record (the random one).
        mov     ax, 5
        mov     dx, 0x22
        call    records
        mov     ax, [fcb + 0x10]
        call    hex4
        mov     ax, [fcb + 0x0C]
        call    hex4
        mov     al, [fcb + 0x20]
        call    hex2
        mov     ax, 2
        mov     dx, 0x22
        call    records
        mov     ax, [fcb + 0x10]
        call    hex4
        call    newline

        ; Block writes of records 0-1 and 3-4: AL, CX, then the random and current records.
        mov     ax, 0
        mov     dx, 0x28
        mov     cx, 2
        call    records
        mov     ax, cx
        call    hex4
        mov     ax, 3
        mov     dx, 0x28
        mov     cx, 2
        call    records
        mov     ax, cx
        call    hex4
        mov     ax, [fcb + 0x21]
        call    hex4
        mov     al, [fcb + 0x20]
        call    hex2
        mov     ax, [fcb + 0x10]
        call    hex4
        call    newline

        ; Set random record from block 1, record 3: 131 (83h), the fourth byte cleared.
        mov     word [fcb + 0x0C], 1
        mov     byte [fcb + 0x20], 3
        mov     word [fcb + 0x23], 0xFFFF
        mov     dx, fcb
        mov     ah, 0x24
        int     0x21
        mov     ax, [fcb + 0x21]
        call    hex4
        mov     ax, [fcb + 0x23]
        call    hex4
        call    newline

        ; Block read of three records from 5: one is there; AL 01, CX 1, random record 6.
        call    spoil
        mov     ax, 5
        mov     dx, 0x27
        mov     cx, 3
        call    records
        mov     ax, cx
        call    hex4
        mov     ax, [fcb + 0x21]
        call    hex4
        mov     dl, [dta]
        call    putc
        mov     dl, [dta + 9]
        call    putc
        call    newline

        ; 16-byte records: record 3 is bytes 48-59, a partial record padded to 16 with zeros.
        mov     word [fcb + 0x0E], 16
        call    spoil
        mov     ax, 3
        mov     dx, 0x27
        mov     cx, 1
        call    records
        mov     ax, cx
        call    hex4
        mov     ax, [fcb + 0x21]
        call    hex4
        mov     dl, [dta]
        call    putc
        mov     dl, [dta + 11]
        call    putc
        mov     si, dta + 12
        mov     cx, 4
.pad:   cmp     byte [si], 0
        jne     .bad
        inc     si
        loop    .pad
        print   pad_ok
        jmp     .padded
.bad:   print   pad_bad
.padded:
        call    newline

        ; 100-byte records ignore the random record's fourth byte: FF000000 is record 0, which
        ; holds all 60 bytes (a partial record). A random read leaves the current record there.
        mov     word [fcb + 0x0E], 100
        mov     byte [fcb + 0x20], 7
        mov     word [fcb + 0x21], 0
        mov     word [fcb + 0x23], 0xFF00
        mov     dx, fcb
        mov     ah, 0x21
        int     0x21
        call    hex2
        mov     dl, [dta]
        call    putc
        mov     dl, [dta + 59]
        call    putc
        mov     al, [fcb + 0x20]
        call    hex2
        ; 10-byte records count it: 01000000 is far past the end.
        mov     word [fcb + 0x0E], 10
        mov     word [fcb + 0x21], 0
        mov     word [fcb + 0x23], 0x0100
        mov     dx, fcb
        mov     ah, 0x21
        int     0x21
        call    hex2
        call    newline

        ; A block write of no records at 16-byte record 2 cuts the file to 32 bytes.
        mov     word [fcb + 0x0E], 16
        mov     word [fcb + 0x23], 0
        mov     ax, 2
        mov     dx, 0x28
        mov     cx, 0
        call    records
        mov     ax, cx
        call    hex4
        mov     ax, [fcb + 0x10]
        call    hex4
        mov     dx, fcb
        mov     ah, 0x10
        int     0x21
        call    result
        ; The size of the closed file through an FCB that is not open: 32 bytes are five
        ; 7-byte records, or one of the default 128 bytes.
        mov     dx, size7
        mov     ah, 0x23
        int     0x21
        call    result
        mov     ax, [size7 + 0x21]
        call    hex4
        mov     word [size7 + 0x0E], 0
        mov     dx, size7
        mov     ah, 0x23
        int     0x21
        call    result
        mov     ax, [size7 + 0x21]
        call    hex4
        call    newline
        mov     ax, 0x4C00
        int     0x21

; Sets fcb's random record to AX and, for writes, fills the DTA with CX records of ten digits
; each (record n holds '0' + n); then calls function DL (CX records for block functions) and
; prints AL. Keeps CX as the call returns it.
records:
        mov     [fcb + 0x21], ax
        mov     word [fcb + 0x23], 0
        push    dx
        cmp     dl, 0x27                ; reads fill nothing
        je      .call
        cmp     dl, 0x21
        je      .call
        push    cx
        mov     di, dta
        mov     bx, cx
        cmp     dl, 0x22
        jne     .digit
        mov     bx, 1
.digit: test    bx, bx
        jz      .filled
        push    ax
        add     al, '0'
        mov     cx, 10
        call    fill
        pop     ax
        add     di, 10
        inc     ax
        dec     bx
        jmp     .digit
.filled:
        pop     cx
.call:  pop     ax
        mov     ah, al
        mov     dx, fcb
        int     0x21
        call    hex2
        ret

; Fills the first 128 bytes of the DTA with FFh.
spoil:  mov     al, 0xFF
        mov     di, dta
        mov     cx, 128
        call    fill
        ret

%include "lib.inc"
%include "fcblib.inc"

pad_ok:  db     "pad ok $"
pad_bad: db     "pad bad $"
fcb:     db     0, "RANDOM  DAT"
         times 25 db 0
size7:   db     0, "RANDOM  DAT", 0, 0, 7, 0
         times 21 db 0
dta:     times 256 db 0
