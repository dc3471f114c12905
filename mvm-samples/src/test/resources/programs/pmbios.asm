; pmbios.asm: a 64 KiB BIOS image (mapped at F0000h) that enters flat 32-bit protected mode
; from its reset vector and halts there at CPL 0: for the test of `mvm boot --trace`, whose
; lines show the mode and the privilege level.
; nasm -f bin -o pmbios.rom pmbios.asm
        bits    16
        org     0
BASE    equ     0xF0000

start:  cli
        o32 lgdt [cs:gdtr]
        mov     eax, cr0
        or      al, 1
        mov     cr0, eax
        jmp     dword 0x08:BASE + pm32

        bits    32
pm32:   mov     ax, 0x10
        mov     ds, ax
        hlt

        align   8
gdt:    dq      0
        dq      0x00CF9A000000FFFF      ; 08h: 32-bit code, flat
        dq      0x00CF92000000FFFF      ; 10h: data, flat
gdtr:   dw      3 * 8 - 1
        dd      BASE + gdt

        times   0xFFF0 - ($ - $$) db 0xFF
        bits    16
reset:  jmp     0xF000:start
        times   0x10000 - ($ - $$) db 0xFF
