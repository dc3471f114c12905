; keys: boots from a floppy and reads keys through INT 16h (AH=00h, wait for a key), echoing
; each character to the debug console and through INT 10h teletype, until Enter; then it
; prints the Enter key's scan and character codes as "|" AH AL in hex (expected "|1C0D") and,
; through INT 16h AH=01h, whether any key is left ("-" none, "+" some).
;
; nasm -f bin -o keys.bin keys.asm

%include "boot.inc"

main:
.key:   xor     ah, ah
        int     0x16
        cmp     al, 0x0D
        je      .enter
        call    putc
        mov     ah, 0x0E
        mov     bx, 0x0007
        int     0x10
        jmp     .key
.enter: push    ax
        mov     al, '|'
        call    putc
        pop     ax
        call    puthex16
        mov     ah, 0x01
        int     0x16
        mov     al, '-'
        jz      .none
        mov     al, '+'
.none:  call    putc
        cli
        hlt
