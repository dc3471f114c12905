; scancodes: boots from a floppy and takes the keyboard over as games do: its own IRQ 1 handler
; (INT 09h) reads each scan code from the keyboard controller's port 60h and acknowledges the
; interrupt, without the BIOS. Once its handler is in place it prints "> " to the debug console
; (keys typed before then go to the BIOS); then it waits with HLT and prints each code in hex,
; followed by a space, until the Enter key's break code (9Ch).
;
; nasm -f bin -o scancodes.bin scancodes.asm

%include "boot.inc"

main:   cli
        mov     word [0x09*4], irq1
        mov     word [0x09*4+2], 0
        sti
        mov     si, ready
        call    puts
.wait:  hlt
.next:  cli
        mov     bx, [tail]
        cmp     bx, [head]
        je      .idle
        mov     al, [codes+bx]
        inc     bx
        and     bx, 0xFF
        mov     [tail], bx
        sti
        call    puthex8
        push    ax
        mov     al, ' '
        call    putc
        pop     ax
        cmp     al, 0x9C
        jne     .next
        cli
        hlt
.idle:  sti
        jmp     .wait

irq1:   push    ax
        push    bx
        in      al, 0x60
        mov     bx, [head]
        mov     [codes+bx], al
        inc     bx
        and     bx, 0xFF
        mov     [head], bx
        mov     al, 0x20
        out     0x20, al
        pop     bx
        pop     ax
        iret

ready:  db "> ", 0
head:   dw 0
tail:   dw 0
codes:  times 256 db 0
