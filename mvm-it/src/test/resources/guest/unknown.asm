; unknown: boots from a floppy and calls BIOS functions that do not exist, as probing software
; does, then goes on. For each it prints the carry flag ("C" set, "-" clear) and AH in hex:
; INT 15h AH=ABh (expected "C86": CF set, AH=86h, function not supported), INT 13h AH=99h on
; drive 00h (expected "C01": bad command), then INT 13h AH=01h, the status of the last
; operation (AH=01h again, "?01" whatever the carry). Then "OK" from code after the calls.
;
; nasm -f bin -o unknown.bin unknown.asm

%include "boot.inc"

main:   clc
        mov     ax, 0xAB00
        int     0x15
        call    report
        mov     al, ' '
        call    putc
        clc
        mov     ax, 0x9900
        mov     dl, 0x00
        int     0x13
        call    report
        mov     al, ' '
        call    putc
        mov     ax, 0x0100
        mov     dl, 0x00
        int     0x13
        mov     al, '?'
        call    putc
        mov     al, ah
        call    puthex8
        mov     si, ok
        call    puts
        cli
        hlt

; Prints the carry flag and AH.
report: mov     al, '-'
        jnc     .clear
        mov     al, 'C'
.clear: call    putc
        mov     al, ah
        call    puthex8
        ret

ok:     db " OK", 0
