; reboot: boots from a floppy and counts its boots in a word at 0000:0600 (marked by the
; signature "RB" at 0602h), which a warm reset leaves alone. Each boot prints "boot" and the
; count and the warm-boot flag at 40:72h in hex ("boot 1 0000", then after Ctrl-Alt-Del
; "boot 2 1234"). The first boot then waits for keys through INT 16h, the way a program idles
; while the user presses Ctrl-Alt-Del, and prints any key it gets; the second halts.
;
; nasm -f bin -o reboot.bin reboot.asm

%include "boot.inc"

main:   cmp     word [0x602], "RB"
        je      .again
        mov     word [0x602], "RB"
        mov     word [0x600], 0
.again: inc     word [0x600]
        mov     si, t_boot
        call    puts
        mov     al, [0x600]
        add     al, '0'
        call    putc
        mov     al, ' '
        call    putc
        mov     ax, [0x472]
        call    puthex16
        mov     al, 10
        call    putc
        cmp     word [0x600], 1
        jne     .done
.key:   xor     ah, ah
        int     0x16
        call    putc
        jmp     .key
.done:  cli
        hlt

t_boot: db "boot ", 0
