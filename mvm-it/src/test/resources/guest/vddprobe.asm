; vddprobe: a BIOS image that exercises a custom VDD (the test's PROBE VDD) in every way a
; guest meets one: it reads the VDD's port, calls the interrupt the VDD hooks, takes the IRQ
; the VDD raises from its timer through the interrupt controller, and reports back through
; another port. What it saw goes to the debug console: the port's byte, the interrupt's AL,
; and the number of IRQs taken as a digit.
;
; nasm -f bin -o vddprobe.bin vddprobe.asm    (a 64 KiB image, mapped at F0000h)

        cpu     8086
        bits    16
        org     0

COUNT   equ     0x0500
DEBUG   equ     0xE9

start:  cli
        xor     ax, ax
        mov     ss, ax
        mov     sp, 0x7000
        mov     ds, ax
        mov     word [COUNT], 0
        mov     word [0x0D*4], irq5     ; IRQ 5 is vector 0Dh
        mov     word [0x0D*4+2], 0xF000

        mov     al, 0x11                ; the interrupt controller, as a BIOS programs it
        out     0x20, al
        mov     al, 0x08
        out     0x21, al
        mov     al, 0x04
        out     0x21, al
        mov     al, 0x01
        out     0x21, al
        mov     al, 0xDF                ; only IRQ 5
        out     0x21, al

        mov     dx, 0x300
        in      al, dx                  ; the VDD's port
        out     DEBUG, al
        mov     ah, 0x01
        int     0x60                    ; the VDD's interrupt service
        out     DEBUG, al

        sti
.wait:  hlt                             ; the VDD's timer raises IRQ 5
        cmp     word [COUNT], 3
        jb      .wait
        cli
        mov     al, [COUNT]
        add     al, '0'
        out     DEBUG, al
        mov     dx, 0x301
        out     dx, al                  ; report to the VDD
        hlt
        jmp     $

irq5:   push    ax
        push    ds
        xor     ax, ax
        mov     ds, ax
        inc     word [COUNT]
        mov     al, 0x20
        out     0x20, al
        pop     ds
        pop     ax
        iret

        times   0xFFF0 - ($ - $$) db 0xFF
        jmp     0xF000:start
        times   0x10000 - ($ - $$) db 0xFF
