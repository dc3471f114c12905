; rtcirq: boots from a floppy and measures two waits with the test's time-stamp port (320h):
; 1. INT 15h AH=86h for CX:DX = 1,000,000 microseconds (stamps 0 and 1); prints "W" and the
;    carry flag ("C" set, "-" clear) and AH in hex (expected "W-00").
; 2. 1024 periodic interrupts of the real-time clock at 1024 Hz (register A rate 6, register B
;    PIE) on IRQ 8, through the second interrupt controller (IRQ 8 unmasked at A1h) and the
;    program's own INT 70h handler, which reads register C and acknowledges both controllers
;    (stamps 2 and 3); prints " P" and the count in hex (expected " P0400").
;
; nasm -f bin -o rtcirq.bin rtcirq.asm

%include "boot.inc"

STAMP   equ     0x320

main:   mov     dx, STAMP
        out     dx, al
        mov     ah, 0x86
        mov     cx, 0x000F              ; 0F4240h microseconds: one second
        mov     dx, 0x4240
        int     0x15
        mov     bl, '-'
        jnc     .clear
        mov     bl, 'C'
.clear: mov     dx, STAMP
        out     dx, al
        mov     al, 'W'
        call    putc
        mov     al, bl
        call    putc
        mov     al, ah
        call    puthex8

        cli
        mov     word [0x70*4], rtc_irq
        mov     word [0x70*4+2], 0
        mov     al, 0x0A
        out     0x70, al
        mov     al, 0x26                ; 32.768 kHz time base, 1024 Hz periodic rate
        out     0x71, al
        mov     al, 0x0B
        out     0x70, al
        in      al, 0x71
        or      al, 0x40                ; periodic interrupt enable
        mov     ah, al
        mov     al, 0x0B
        out     0x70, al
        mov     al, ah
        out     0x71, al
        mov     al, 0x0C
        out     0x70, al
        in      al, 0x71                ; clear any flag
        in      al, 0xA1
        and     al, 0xFE                ; IRQ 8
        out     0xA1, al
        mov     dx, STAMP
        out     dx, al
        sti
.wait:  hlt
        cmp     word [count], 1024
        jb      .wait
        mov     dx, STAMP
        out     dx, al
        cli
        mov     al, 0x0B
        out     0x70, al
        in      al, 0x71
        and     al, ~0x40
        mov     ah, al
        mov     al, 0x0B
        out     0x70, al
        mov     al, ah
        out     0x71, al
        mov     si, periodic
        call    puts
        mov     ax, [count]
        call    puthex16
        hlt

rtc_irq:
        push    ax
        mov     al, 0x0C
        out     0x70, al
        in      al, 0x71                ; acknowledges the clock's interrupt
        inc     word [count]
        mov     al, 0x20
        out     0xA0, al
        out     0x20, al
        pop     ax
        iret

periodic: db " P", 0
count:    dw 0
