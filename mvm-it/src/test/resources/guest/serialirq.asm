; serialirq: boots from a floppy and receives a line from the host on COM1 by interrupts, as a
; terminal program does: it hooks IRQ 4 (INT 0Ch), enables the UART's received-data interrupt
; (IER bit 0) and OUT2 (which connects the UART's interrupt to the IRQ line on a PC), unmasks
; IRQ 4 at the interrupt controller and waits with HLT. The handler reads the interrupt
; identification register and every received byte, and acknowledges the interrupt. When a LF
; has come it prints to the debug console the line, then "IIR=" and the first IIR value seen
; (04h: received data available), then "N=" and the number of interrupts taken, in hex; sends
; "ACK" CR LF through the transmitter (polling the line status), waits until the transmitter
; is empty, and halts.
;
; nasm -f bin -o serialirq.bin serialirq.asm

%include "boot.inc"

COM1    equ     0x3F8
IER     equ     COM1 + 1
IIR     equ     COM1 + 2
MCR     equ     COM1 + 4
LSR     equ     COM1 + 5

main:   cli
        mov     word [0x0C*4], irq4
        mov     word [0x0C*4+2], 0
        mov     dx, MCR
        mov     al, 0x0B                ; OUT2, RTS, DTR
        out     dx, al
        mov     dx, IER
        mov     al, 0x01                ; received data available
        out     dx, al
        in      al, 0x21
        and     al, ~0x10               ; IRQ 4
        out     0x21, al
        sti
.wait:  hlt
        cmp     byte [done], 0
        je      .wait
        cli
        mov     si, buffer
        call    puts
        mov     si, iir_text
        call    puts
        mov     al, [first_iir]
        call    puthex8
        mov     si, count_text
        call    puts
        mov     al, [irqs]
        call    puthex8

        mov     si, ack
.send:  lodsb
        test    al, al
        jz      .drain
        mov     ah, al
        mov     dx, LSR
.thre:  in      al, dx
        test    al, 0x20
        jz      .thre
        mov     dx, COM1
        mov     al, ah
        out     dx, al
        jmp     .send
.drain: mov     dx, LSR
.temt:  in      al, dx
        test    al, 0x40
        jz      .temt
        hlt

irq4:   push    ax
        push    bx
        push    dx
        inc     byte [irqs]
        mov     dx, IIR
        in      al, dx
        cmp     byte [first_iir], 0xFF
        jne     .data
        mov     [first_iir], al
.data:  mov     dx, LSR
        in      al, dx
        test    al, 0x01
        jz      .eoi
        mov     dx, COM1
        in      al, dx
        mov     bx, [next]
        mov     [bx], al
        inc     word [next]
        cmp     al, 0x0A
        jne     .data
        mov     byte [done], 1
        jmp     .data
.eoi:   mov     al, 0x20
        out     0x20, al
        pop     dx
        pop     bx
        pop     ax
        iret

iir_text:   db "IIR=", 0
count_text: db " N=", 0
ack:        db "ACK", 13, 10, 0
first_iir:  db 0xFF
irqs:       db 0
done:       db 0
next:       dw buffer
buffer:     times 80 db 0
