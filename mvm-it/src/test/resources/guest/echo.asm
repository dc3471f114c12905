; echo: a BIOS image that copies the bytes a VDD offers at port 310h to the debug console
; until it reads a zero, then halts. Each VM of the concurrency test gets its own message.
;
; nasm -f bin -o echo.bin echo.asm    (a 64 KiB image, mapped at F0000h)

        cpu     8086
        bits    16
        org     0

start:  cli
        mov     dx, 0x310
.next:  in      al, dx
        test    al, al
        jz      .done
        out     0xE9, al
        jmp     .next
.done:  hlt
        jmp     .done

        times   0xFFF0 - ($ - $$) db 0xFF
        jmp     0xF000:start
        times   0x10000 - ($ - $$) db 0xFF
