; seamark.asm: a floppy boot sector for SeaBiosTest. SeaBIOS loads it at 0000:7C00 after
; "Booting from 0000:7c00"; it writes its marker to the debug console at 402h (where SeaBIOS
; logs), reads the disk's second sector (cylinder 0, head 0, sector 2) through SeaBIOS's own
; INT 13h to 0000:8000, writes the zero-terminated text it holds there too, and halts.
; nasm -f bin -o seamark.bin seamark.asm

        bits    16
        org     0x7C00

DEBUG   equ     0x402

        jmp     0:start
start:
        cli
        xor     ax, ax
        mov     ds, ax
        mov     es, ax
        mov     ss, ax
        mov     sp, 0x7C00
        sti
        mov     si, marker
        call    puts
        mov     ax, 0x0201              ; read one sector
        mov     cx, 0x0002              ; cylinder 0, sector 2
        mov     dh, 0                   ; head 0 (DL: the boot drive, as the BIOS left it)
        mov     bx, 0x8000
        int     0x13
        jc      failed
        mov     si, 0x8000
        call    puts
        jmp     done
failed:
        mov     si, readfail
        call    puts
done:
        cli
        hlt
        jmp     done

puts:                                   ; the zero-terminated string at DS:SI to DEBUG
        push    ax
        push    dx
        mov     dx, DEBUG
.next:  lodsb
        test    al, al
        jz      .end
        out     dx, al
        jmp     .next
.end:   pop     dx
        pop     ax
        ret

marker:   db "MVM boot sector running", 10, 0
readfail: db "INT 13h read failed", 10, 0

        times 510 - ($ - $$) db 0
        dw      0xAA55
