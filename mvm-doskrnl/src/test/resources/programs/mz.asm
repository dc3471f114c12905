; mz.exe: an MZ executable written by hand, since there is no DOS linker here. Its code
; reaches its data through a segment that the loader must relocate, it has a stack segment of
; its own, and it prints through DS = the relocated data segment. It exits with SS - DS, which
; shows that SS was set relative to the load segment too.
;
; nasm -f bin -o mz.exe mz.asm

        cpu     8086
        org     0

header: db      "MZ"
        dw      (file_end - header) % 512       ; bytes in the last page
        dw      (file_end - header + 511) / 512 ; pages
        dw      1                               ; one relocation
        dw      (module - header) / 16          ; header size in paragraphs
        dw      0x0010                          ; minimum extra paragraphs
        dw      0xFFFF                          ; maximum extra paragraphs
        dw      (stack - module) / 16           ; SS, relative to the load segment
        dw      stack_top - stack               ; SP
        dw      0                               ; checksum
        dw      start - module                  ; IP
        dw      0                               ; CS, relative to the load segment
        dw      reloc_table - header            ; relocation table offset
        dw      0                               ; overlay number
reloc_table:
        dw      fixup + 1 - module, 0           ; the immediate of MOV AX, in segment 0
        align   16, db 0

; The load module: code, then data, then stack, each starting on a paragraph.
module:
start:
fixup:  mov     ax, (data - module) / 16        ; the loader adds the load segment
        mov     ds, ax
        mov     dx, message - data
        mov     ah, 0x09
        int     0x21
        mov     ax, ss
        mov     bx, ds
        sub     ax, bx
        mov     ah, 0x4C
        int     0x21
        align   16, db 0
data:
message: db     "relocated data", 13, 10, "$"
        align   16, db 0
stack:  times   64 db 0
stack_top:
file_end:
