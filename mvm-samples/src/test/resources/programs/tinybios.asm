; tinybios.rom: the smallest firmware for the `mvm boot --bios` tests, a 64 KiB ROM at
; F0000h. From the reset vector it writes a line to the debug console (port 402h, where
; SeaBIOS logs) and halts with interrupts off.
;
; nasm -f bin -o tinybios.rom tinybios.asm

        cpu     8086
        org     0

start:  mov     ax, cs
        mov     ds, ax
        mov     si, message
        mov     dx, 0x402
.next:  lodsb
        test    al, al
        jz      .halt
        out     dx, al
        jmp     .next
.halt:  cli
        hlt

message: db     "tiny BIOS: reset vector reached", 10, 0

        times   0xFFF0 - ($ - $$) db 0xFF
reset:  jmp     0xF000:start            ; F000:FFF0, where the CPU starts
        times   0x10000 - ($ - $$) db 0xFF
