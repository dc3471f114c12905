; overlay.exe: an MZ overlay for EXEC function 03h. Its load module starts with a far
; procedure that reaches its data through a segment the relocation factor adjusts, prints
; through it, and returns that segment in AX.
;
; nasm -f bin -o overlay.exe overlay.asm

        cpu     8086
        org     0

header: db      "MZ"
        dw      (file_end - header) % 512       ; bytes in the last page
        dw      (file_end - header + 511) / 512 ; pages
        dw      1                               ; one relocation
        dw      (module - header) / 16          ; header size in paragraphs
        dw      0                               ; minimum extra paragraphs
        dw      0xFFFF                          ; maximum extra paragraphs
        dw      0, 0                            ; SS:SP, which an overlay does not use
        dw      0                               ; checksum
        dw      0, 0                            ; IP, CS
        dw      reloc_table - header            ; relocation table offset
        dw      0                               ; overlay number
reloc_table:
        dw      fixup + 1 - module, 0           ; the immediate of MOV AX
        align   16, db 0

module:
        push    ds
fixup:  mov     ax, (data - module) / 16        ; EXEC adds the relocation factor
        mov     ds, ax
        mov     dx, message - data
        mov     ah, 0x09
        int     0x21
        mov     ax, ds
        pop     ds
        retf
        align   16, db 0
data:
message: db     "overlay data", 13, 10, "$"
file_end:
