; diskwrite: boots from floppy drive 00h and writes through INT 13h AH=03h: the text
; "written by the guest" (zero-padded to a sector) to cylinder 0, head 0, sector 6 (LBA 5) of
; drive 00h, which is writable, and of drive 01h, which is read-only. For each it prints the
; carry flag ("C" set, "-" clear) and AH in hex: expected "-00 C03" (03h: write-protected).
; Then it reads the sector back from drive 00h and prints the text: " written by the guest".
;
; nasm -f bin -o diskwrite.bin diskwrite.asm

%include "boot.inc"

main:   mov     dl, 0x00
        call    write
        mov     al, ' '
        call    putc
        mov     dl, 0x01
        call    write
        mov     ax, 0x0201              ; read it back
        mov     cx, 0x0006
        mov     dx, 0x0000
        mov     bx, 0xA000
        int     0x13
        mov     al, ' '
        call    putc
        mov     si, 0xA000
        call    puts
        cli
        hlt

; Writes the sector to drive DL and prints the outcome.
write:  mov     ax, 0x0301
        mov     cx, 0x0006              ; cylinder 0, sector 6
        mov     dh, 0
        mov     bx, sector
        int     0x13
        mov     al, '-'
        jnc     .clear
        mov     al, 'C'
.clear: call    putc
        mov     al, ah
        call    puthex8
        ret

        align   16
sector: db "written by the guest", 0
        times   512 - ($ - sector) db 0
