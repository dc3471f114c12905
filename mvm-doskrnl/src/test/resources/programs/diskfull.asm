; diskfull.com: a drive with a write quota of 3000 bytes fills up as a full disk does (run with
; VmBuilder.writeQuota('C', 3000)). 36h shows the room left in 512-byte clusters; a handle write
; (40h) writes what fits and reports it in AX with CF clear; a file can still be created when
; nothing fits; overwriting costs nothing, and truncating or deleting gives room back; an FCB
; block write writes the whole records that fit and answers 01h with CX = those records, and a
; sequential write that fits no record answers 01h. Every file holds a prefix of the same
; pattern, so the test can check that each holds exactly the bytes written: A.DAT the first
; 1000, C.DAT the first 1920, B.DAT none; D.DAT is deleted.
;
; nasm -f bin -o diskfull.com diskfull.asm

        cpu     8086
        org     0x100

%include "macros.inc"

BUF_SIZE equ 4096

        ; The pattern: byte i is i mod 251, so that no two records are alike.
        mov     di, buf
        mov     cx, BUF_SIZE
        xor     bl, bl
.fill:  mov     [di], bl
        inc     di
        inc     bl
        cmp     bl, 251
        jb      .next
        xor     bl, bl
.next:  loop    .fill

        call    free                    ; 3000 bytes: 5 clusters of 512

        mov     dx, a_name              ; A.DAT: 2000 bytes fit
        xor     cx, cx
        mov     ah, 0x3C
        int     0x21
        mov     [a_handle], ax
        call    status
        mov     bx, [a_handle]
        mov     cx, 2000
        mov     dx, buf
        mov     ah, 0x40
        int     0x21
        call    report
        call    newline
        call    free                    ; 1000 left: 1 cluster

        mov     bx, [a_handle]          ; 2000 more: the 1000 that fit
        mov     cx, 2000
        mov     dx, buf + 2000
        mov     ah, 0x40
        int     0x21
        call    report
        mov     bx, [a_handle]          ; and then nothing
        mov     cx, 1
        mov     dx, buf + 3000
        mov     ah, 0x40
        int     0x21
        call    report
        call    newline
        call    free

        mov     dx, b_name              ; B.DAT: created on the full drive, nothing fits
        xor     cx, cx
        mov     ah, 0x3C
        int     0x21
        mov     [b_handle], ax
        call    status
        mov     bx, [b_handle]
        mov     cx, 1
        mov     dx, buf
        mov     ah, 0x40
        int     0x21
        call    report
        call    newline

        mov     bx, [a_handle]          ; overwriting A.DAT's first 16 bytes fits
        mov     ax, 0x4200
        xor     cx, cx
        xor     dx, dx
        int     0x21
        mov     bx, [a_handle]
        mov     cx, 16
        mov     dx, buf
        mov     ah, 0x40
        int     0x21
        call    report
        mov     bx, [a_handle]          ; cutting A.DAT to 1000 bytes frees 2000
        mov     ax, 0x4200
        xor     cx, cx
        mov     dx, 1000
        int     0x21
        mov     bx, [a_handle]
        xor     cx, cx
        mov     ah, 0x40
        int     0x21
        call    report
        call    newline
        call    free

        mov     dx, d_name              ; D.DAT: 1500 bytes, then deleted
        xor     cx, cx
        mov     ah, 0x3C
        int     0x21
        mov     [d_handle], ax
        mov     bx, ax
        mov     cx, 1500
        mov     dx, buf
        mov     ah, 0x40
        int     0x21
        call    report
        mov     bx, [d_handle]
        mov     ah, 0x3E
        int     0x21
        call    free                    ; 500 left: no whole cluster
        mov     dx, d_name
        mov     ah, 0x41
        int     0x21
        call    status
        call    newline
        call    free                    ; 2000 again

        mov     dx, buf                 ; C.DAT through an FCB, from the pattern as DTA
        mov     ah, 0x1A
        int     0x21
        mov     dx, fcb
        mov     ah, 0x16
        int     0x21
        call    result
        mov     word [fcb + 0x21], 0
        mov     word [fcb + 0x23], 0
        mov     cx, 20                  ; 20 records of 128 bytes: 15 fit
        mov     dx, fcb
        mov     ah, 0x28
        int     0x21
        call    hex2
        mov     ax, cx
        call    hex4
        mov     ax, [fcb + 0x10]
        call    hex4
        mov     dx, fcb                 ; 80 bytes left: no record fits
        mov     ah, 0x15
        int     0x21
        call    hex2
        mov     dx, fcb
        mov     ah, 0x10
        int     0x21
        call    result
        call    newline
        call    free

        mov     bx, [a_handle]
        mov     ah, 0x3E
        int     0x21
        mov     bx, [b_handle]
        mov     ah, 0x3E
        int     0x21
        mov     ax, 0x4C00
        int     0x21

; Prints 36h's sectors per cluster, free clusters and bytes per sector of the current drive.
free:   mov     ah, 0x36
        xor     dl, dl
        int     0x21
        call    hex4
        mov     ax, bx
        call    hex4
        mov     ax, cx
        call    hex4
        call    newline
        ret

; After an INT 21h call: "ok " and AX, or "Exxxx " with the error code.
report: jc      .fail
        push    ax
        call    status
        pop     ax
        call    hex4
        ret
.fail:  call    status
        ret

%include "lib.inc"
%include "fcblib.inc"

a_name:   db    "A.DAT", 0
b_name:   db    "B.DAT", 0
d_name:   db    "D.DAT", 0
a_handle: dw    0
b_handle: dw    0
d_handle: dw    0
fcb:      db    0, "C       DAT"
          times 25 db 0
buf:                                    ; BUF_SIZE bytes past the end of the program
