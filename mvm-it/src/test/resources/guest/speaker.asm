; speaker: boots from a floppy and beeps: channel 2 of the 8254 in mode 3 with count 1193
; (1193182 / 1193 = 1000.15 Hz), the speaker enabled through port 61h bits 0 (gate) and 1
; (data), a wait of 100 ms through INT 15h AH=86h, and the speaker off again. Prints "S".
;
; nasm -f bin -o speaker.bin speaker.asm

%include "boot.inc"

main:   mov     al, 0xB6                ; channel 2, LSB then MSB, mode 3, binary
        out     0x43, al
        mov     ax, 1193
        out     0x42, al
        mov     al, ah
        out     0x42, al
        in      al, 0x61
        or      al, 0x03
        out     0x61, al
        mov     ah, 0x86
        mov     cx, 0x0001              ; 186A0h microseconds: 100 ms
        mov     dx, 0x86A0
        int     0x15
        in      al, 0x61
        and     al, ~0x03
        out     0x61, al
        mov     al, 'S'
        call    putc
        cli
        hlt
