; disk: boots from a hard disk and prints to the debug console, in hex: "DL=" the drive it was
; booted from; INT 13h AH=08h's geometry " C=" the last cylinder, " S=" the sectors per track,
; " H=" the last head, " N=" the number of hard disks; INT 13h AH=41h's " X=" version (AH) and
; signature (BX, AA55h when the extensions are there); then a space and the zero-terminated
; text it reads from LBA 1000 through INT 13h AH=42h (a disk address packet).
;
; nasm -f bin -o disk.bin disk.asm

%include "boot.inc"

main:   mov     si, t_drive
        call    puts
        mov     al, [boot_drive]
        call    puthex8

        mov     ah, 0x08
        mov     dl, [boot_drive]
        int     0x13
        jc      fail
        mov     si, t_cyl
        call    puts
        mov     al, cl
        shr     al, 6                   ; cylinder bits 8-9
        call    puthex8
        mov     al, ch
        call    puthex8
        mov     si, t_sec
        call    puts
        mov     al, cl
        and     al, 0x3F
        call    puthex8
        mov     si, t_head
        call    puts
        mov     al, dh
        call    puthex8
        mov     si, t_count
        call    puts
        mov     al, dl
        call    puthex8

        mov     ah, 0x41
        mov     bx, 0x55AA
        mov     dl, [boot_drive]
        int     0x13
        jc      fail
        mov     si, t_ext
        call    puts
        mov     al, ah
        call    puthex8
        mov     ax, bx
        call    puthex16

        mov     ah, 0x42
        mov     dl, [boot_drive]
        mov     si, packet
        int     0x13
        jc      fail
        mov     al, ' '
        call    putc
        mov     si, 0xA000
        call    puts
        cli
        hlt

fail:   mov     si, t_fail
        call    puts
        cli
        hlt

packet: db 0x10, 0                      ; size, reserved
        dw 1                            ; sectors
        dw 0xA000, 0x0000               ; buffer offset, segment
        dq 1000                         ; LBA

t_drive: db "DL=", 0
t_cyl:   db " C=", 0
t_sec:   db " S=", 0
t_head:  db " H=", 0
t_count: db " N=", 0
t_ext:   db " X=", 0
t_fail:  db " FAIL", 0
