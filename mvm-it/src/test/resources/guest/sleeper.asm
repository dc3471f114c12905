; sleeper: a BIOS image that waits sixty seconds of virtual time the way DOS programs idle,
; with HLT between timer interrupts at the PC's 18.2 Hz. With the monitor skipping halted time
; to the next timer event, the run costs about what the 1092 interrupt handlers execute.
;
; nasm -f bin -o sleeper.bin sleeper.asm    (a 64 KiB image, mapped at F0000h)

        cpu     8086
        bits    16
        org     0

TICKS   equ     0x0500
TICKS60 equ     1092                    ; 60 s at 18.2065 ticks a second

start:  cli
        xor     ax, ax
        mov     ss, ax
        mov     sp, 0x7000
        mov     ds, ax
        mov     word [8*4], irq0
        mov     word [8*4+2], 0xF000
        mov     word [TICKS], 0

        mov     al, 0x11
        out     0x20, al
        mov     al, 0x08
        out     0x21, al
        mov     al, 0x04
        out     0x21, al
        mov     al, 0x01
        out     0x21, al
        mov     al, 0xFE
        out     0x21, al

        mov     al, 0x36                ; channel 0, LSB then MSB, mode 3 (square wave)
        out     0x43, al
        xor     al, al                  ; count 0 = 65536: 18.2065 Hz
        out     0x40, al
        out     0x40, al

        sti
.wait:  hlt
        cmp     word [TICKS], TICKS60
        jb      .wait
        cli
        mov     al, 'Z'
        out     0xE9, al
        hlt
        jmp     $

irq0:   push    ax
        push    ds
        xor     ax, ax
        mov     ds, ax
        inc     word [TICKS]
        mov     al, 0x20
        out     0x20, al
        pop     ds
        pop     ax
        iret

        times   0xFFF0 - ($ - $$) db 0xFF
        jmp     0xF000:start
        times   0x10000 - ($ - $$) db 0xFF
