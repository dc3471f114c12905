; bootsector.bin: a floppy boot sector for the `mvm boot` tests. The BIOS loads it at
; 0000:7C00; it says so on the debug console (port E9h) and on the screen (INT 10h
; teletype), then halts with interrupts off, which ends the run.
;
; nasm -f bin -o bootsector.bin bootsector.asm

        cpu     8086
        org     0x7C00

        xor     ax, ax
        mov     ds, ax
        mov     si, message
.next:  lodsb
        test    al, al
        jz      .halt
        out     0xE9, al                ; the debug console
        mov     ah, 0x0E                ; and the screen
        xor     bx, bx
        int     0x10
        jmp     .next
.halt:  cli
        hlt

message: db     "Booted from the floppy image", 13, 10, 0

        times   510 - ($ - $$) db 0
        dw      0xAA55
