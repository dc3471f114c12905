; prompt: boots from a floppy, asks "Name? " through INT 10h teletype and reads keys through
; INT 16h AH=10h (the enhanced keyboard's read) until Enter. A key with a character (20h-7Eh)
; is echoed on the screen; any other key goes to the debug console as "[AX]" in hex, such as
; "[48E0]" for the grey Up arrow. After Enter it writes CR LF "Hi <name>!" on the screen.
;
; nasm -f bin -o prompt.bin prompt.asm

%include "boot.inc"

main:   mov     si, ask
        call    tputs
        mov     di, name
.key:   mov     ah, 0x10
        int     0x16
        cmp     al, 0x0D
        je      .enter
        cmp     al, 0x20
        jb      .special
        cmp     al, 0x7E
        ja      .special
        stosb
        mov     ah, 0x0E
        mov     bx, 0x0007
        int     0x10
        jmp     .key
.special:
        push    ax
        mov     al, '['
        call    putc
        pop     ax
        call    puthex16
        mov     al, ']'
        call    putc
        jmp     .key
.enter: mov     al, '!'
        stosb
        xor     al, al
        stosb
        mov     si, hi
        call    tputs
        mov     si, name
        call    tputs
        cli
        hlt

ask:    db "Name? ", 0
hi:     db 13, 10, "Hi ", 0
name:   times 64 db 0
