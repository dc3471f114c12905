; printer: boots from a floppy and prints on LPT1 two ways: "INT17" CR LF through INT 17h
; AH=00h (after AH=01h, initialise), then "PORT" CR LF through the ports: wait until the
; status port (379h) shows not busy (bit 7), put the byte on the data port (378h) and pulse
; the strobe (control port 37Ah bit 0). After a millisecond, when the printer's acknowledge
; pulse for the last byte is over, it prints the INT 17h status (AH=02h) to the debug console
; in hex (expected "90": selected, not busy).
;
; nasm -f bin -o printer.bin printer.asm

%include "boot.inc"

DATA    equ     0x378
STATUS  equ     0x379
CONTROL equ     0x37A

main:   mov     ah, 0x01
        xor     dx, dx                  ; LPT1
        int     0x17
        mov     si, bios_text
.bios:  lodsb
        test    al, al
        jz      .ports
        mov     ah, 0x00
        xor     dx, dx
        int     0x17
        jmp     .bios
.ports: mov     si, port_text
.next:  lodsb
        test    al, al
        jz      .status
        mov     ah, al
        mov     dx, STATUS
.busy:  in      al, dx
        test    al, 0x80                ; nBUSY: 1 = ready
        jz      .busy
        mov     dx, DATA
        mov     al, ah
        out     dx, al
        mov     dx, CONTROL
        mov     al, 0x0D                ; select, not initialise, strobe
        out     dx, al
        mov     al, 0x0C
        out     dx, al
        jmp     .next
.status:
        mov     ah, 0x86                ; let the last byte's acknowledge pulse end
        xor     cx, cx
        mov     dx, 1000                ; microseconds
        int     0x15
        mov     ah, 0x02
        xor     dx, dx
        int     0x17
        mov     al, ah
        call    puthex8
        cli
        hlt

bios_text: db "INT17", 13, 10, 0
port_text: db "PORT", 13, 10, 0
