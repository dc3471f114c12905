; spinner: a BIOS image that never ends on its own: it takes timer interrupts at about 1 kHz
; and halts between them, forever. Tests use it for a VM that runs until the host stops it.
;
; nasm -f bin -o spinner.bin spinner.asm    (a 64 KiB image, mapped at F0000h)

        cpu     8086
        bits    16
        org     0

start:  cli
        xor     ax, ax
        mov     ss, ax
        mov     sp, 0x7000
        mov     ds, ax
        mov     word [8*4], irq0
        mov     word [8*4+2], 0xF000

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

        mov     al, 0x34                ; channel 0, mode 2, about 1 kHz
        out     0x43, al
        mov     ax, 1193
        out     0x40, al
        mov     al, ah
        out     0x40, al

        sti
.idle:  hlt
        jmp     .idle

irq0:   push    ax
        push    ds
        xor     ax, ax
        mov     ds, ax
        inc     word [0x0500]
        mov     al, 0x20
        out     0x20, al
        pop     ds
        pop     ax
        iret

        times   0xFFF0 - ($ - $$) db 0xFF
        jmp     0xF000:start
        times   0x10000 - ($ - $$) db 0xFF
