; tinybios: the smallest BIOS image that behaves like one, for the monitor's integration tests.
; It starts at the reset vector, programs the interrupt controller and the timer itself, takes
; ten timer interrupts at about 1 kHz (each prints '.' on the debug console), prints DONE and
; halts with interrupts disabled, which the monitor reports as a halt.
;
; nasm -f bin -o tinybios.bin tinybios.asm    (a 64 KiB image, mapped at F0000h)

        cpu     8086
        bits    16
        org     0

TICKS   equ     0x0500                  ; tick counter in RAM at 0000:0500
DEBUG   equ     0xE9                    ; the Bochs debug console port

start:  cli
        xor     ax, ax
        mov     ss, ax
        mov     sp, 0x7000
        mov     ds, ax
        mov     word [8*4], irq0        ; IRQ 0 is vector 08h once the PIC is set up
        mov     word [8*4+2], 0xF000
        mov     word [TICKS], 0

        mov     al, 0x11                ; ICW1: edge, cascade, ICW4 follows
        out     0x20, al
        mov     al, 0x08                ; ICW2: IRQ 0-7 at vectors 08h-0Fh
        out     0x21, al
        mov     al, 0x04                ; ICW3: slave on IR2
        out     0x21, al
        mov     al, 0x01                ; ICW4: 8086 mode
        out     0x21, al
        mov     al, 0xFE                ; OCW1: only IRQ 0
        out     0x21, al

        mov     al, 0x34                ; channel 0, LSB then MSB, mode 2, binary
        out     0x43, al
        mov     ax, 1193                ; 1193182 Hz / 1193 = about 1 kHz
        out     0x40, al
        mov     al, ah
        out     0x40, al

        mov     si, boot_msg
        call    print
        sti
.wait:  hlt                             ; sleep until the next interrupt
        cmp     word [TICKS], 10
        jb      .wait
        cli
        mov     si, done_msg
        call    print
        hlt                             ; interrupts off: nothing can wake the CPU
        jmp     $

; IRQ 0: count the tick, show it, acknowledge it.
irq0:   push    ax
        push    ds
        xor     ax, ax
        mov     ds, ax
        inc     word [TICKS]
        mov     al, '.'
        out     DEBUG, al
        mov     al, 0x20                ; non-specific EOI
        out     0x20, al
        pop     ds
        pop     ax
        iret

; Prints the zero-terminated string at CS:SI on the debug console.
print:  mov     al, [cs:si]
        inc     si
        test    al, al
        jz      .done
        out     DEBUG, al
        jmp     print
.done:  ret

boot_msg: db    "BOOT", 10, 0
done_msg: db    10, "DONE", 10, 0

        times   0xFFF0 - ($ - $$) db 0xFF
reset:  jmp     0xF000:start            ; the CPU starts here, at F000:FFF0
        times   0x10000 - ($ - $$) db 0xFF
