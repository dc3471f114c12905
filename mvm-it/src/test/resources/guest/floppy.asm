; floppy: a boot sector, no more, loaded by the built-in BIOS's INT 19h from floppy drive 00h.
; It prints "BOOT", the drive it was booted from (DL, in hex) and a newline through INT 10h
; teletype and to the debug console, then reads, through INT 13h AH=02h, three sectors from
; cylinder 0, head 0, sectors 2-4 (one call) and one sector from each of cylinder 0 head 1
; sector 1 and cylinder 1 head 0 sector 18, into 0000:8000, 8600 and 8800. Each part holds a
; zero-terminated text the test wrote; it prints each, through INT 10h teletype and to the
; debug console. Then INT 13h AH=08h: the drive type (BL) and the last cylinder, sectors per
; track and last head (CH, CL, DH) of a 1.44 MB floppy as "T=04 C=4F S=12 H=01".
;
; nasm -f bin -o floppy.bin floppy.asm

        cpu     286
        bits    16
        org     0x7C00

DEBUG   equ     0xE9

        jmp     0:start
start:  cli
        xor     ax, ax
        mov     ds, ax
        mov     es, ax
        mov     ss, ax
        mov     sp, 0x7C00
        sti
        mov     [drive], dl
        mov     si, boot
        call    print
        mov     al, [drive]
        call    hex8
        mov     si, newline
        call    print

        mov     ax, 0x0203              ; three sectors
        mov     cx, 0x0002              ; cylinder 0, sector 2
        mov     dh, 0                   ; head 0
        mov     bx, 0x8000
        call    read
        mov     ax, 0x0201
        mov     cx, 0x0001              ; cylinder 0, sector 1
        mov     dh, 1                   ; head 1
        mov     bx, 0x8600
        call    read
        mov     ax, 0x0201
        mov     cx, 0x0112              ; cylinder 1, sector 18
        mov     dh, 0
        mov     bx, 0x8800
        call    read

        mov     si, 0x8000
        call    print
        mov     si, 0x8200
        call    print
        mov     si, 0x8400
        call    print
        mov     si, 0x8600
        call    print
        mov     si, 0x8800
        call    print

        mov     ah, 0x08
        mov     dl, [drive]
        int     0x13
        jc      failed
        push    dx
        push    cx
        mov     si, type
        call    print
        mov     al, bl
        call    hex8
        mov     si, cylinders
        call    print
        pop     cx
        push    cx
        mov     al, ch
        call    hex8
        mov     si, sectors
        call    print
        pop     cx
        mov     al, cl
        and     al, 0x3F
        call    hex8
        mov     si, heads
        call    print
        pop     dx
        mov     al, dh
        call    hex8
        cli
        hlt

; INT 13h with the registers given and DL = the boot drive; halts with "ERR" on failure.
read:   mov     dl, [drive]
        int     0x13
        jc      failed
        ret
failed: mov     si, error
        call    print
        cli
        hlt

; Prints the zero-terminated string at DS:SI through INT 10h teletype and to the debug console.
print:  push    ax
        push    bx
.next:  lodsb
        test    al, al
        jz      .done
        call    char
        jmp     .next
.done:  pop     bx
        pop     ax
        ret

char:   out     DEBUG, al
        mov     ah, 0x0E
        mov     bx, 0x0007
        int     0x10
        ret

; Prints AL as two hex digits.
hex8:   push    ax
        shr     al, 4
        call    .digit
        pop     ax
        and     al, 0x0F
.digit: add     al, '0'
        cmp     al, '9'
        jbe     .out
        add     al, 'A' - '0' - 10
.out:   push    ax
        push    bx
        call    char
        pop     bx
        pop     ax
        ret

boot:      db "BOOT ", 0
newline:   db 13, 10, 0
error:     db "ERR", 0
type:      db "T=", 0
cylinders: db " C=", 0
sectors:   db " S=", 0
heads:     db " H=", 0
drive:     db 0

        times   510 - ($ - $$) db 0
        dw      0xAA55
