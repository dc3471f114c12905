; serial: boots from a floppy and uses COM1 two ways.
; 1. Through the ports, in loopback (MCR bit 4): the modem outputs come back as the modem
;    status inputs (MSR high nibble F0h with DTR, RTS, OUT1 and OUT2 on), and each character
;    of "LOOP" sent through the transmitter comes back to the receiver. It prints the MSR's
;    high nibble in hex, what came back, and "/".
; 2. Through INT 14h, to the host: it sends "READY" CR LF, then receives a line (up to LF),
;    retrying on timeouts, printing each character and sending it back, and halts once the
;    transmitter is empty.
;
; nasm -f bin -o serial.bin serial.asm

%include "boot.inc"

COM1    equ     0x3F8
THR     equ     COM1
RBR     equ     COM1
MCR     equ     COM1 + 4
LSR     equ     COM1 + 5
MSR     equ     COM1 + 6

main:   mov     dx, MCR
        mov     al, 0x1F                ; loop, OUT2, OUT1, RTS, DTR
        out     dx, al
        mov     dx, MSR
        in      al, dx
        and     al, 0xF0
        call    puthex8
        mov     si, loop_text
.send:  lodsb
        test    al, al
        jz      .looped
        mov     ah, al
        mov     dx, LSR
.thre:  in      al, dx
        test    al, 0x20
        jz      .thre
        mov     dx, THR
        mov     al, ah
        out     dx, al
        mov     dx, LSR
        mov     cx, 0xFFFF
.dr:    in      al, dx
        test    al, 0x01
        jnz     .got
        loop    .dr
        mov     al, '?'                 ; nothing came back
        call    putc
        jmp     .send
.got:   mov     dx, RBR
        in      al, dx
        call    putc
        jmp     .send
.looped:
        mov     al, '/'
        call    putc
        mov     dx, MCR
        mov     al, 0x0B                ; OUT2, RTS, DTR: loopback off
        out     dx, al

        xor     dx, dx                  ; COM1
        mov     ax, 0x00E3              ; initialise: 9600 baud, no parity, 1 stop bit, 8 bits
        int     0x14
        mov     si, ready
.ready: lodsb
        test    al, al
        jz      .receive
        mov     ah, 0x01
        int     0x14
        jmp     .ready
.receive:
        mov     ah, 0x02
        int     0x14
        test    ah, 0x80
        jnz     .receive                ; timed out: the host has not answered yet
        call    putc
        mov     ah, 0x01
        int     0x14
        cmp     al, 0x0A
        jne     .receive
.drain: mov     ah, 0x03                ; wait until the transmitter is empty (TEMT): the
        int     0x14                    ; characters still in its FIFO go out before the
        test    ah, 0x40                ; machine halts
        jz      .drain
        cli
        hlt

loop_text: db "LOOP", 0
ready:     db "READY", 13, 10, 0
