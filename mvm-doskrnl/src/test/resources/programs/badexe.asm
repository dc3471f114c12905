; badexe.exe: a malformed MZ file. Its header says the file holds 2 KiB, and it holds 48
; bytes: MVM refuses it with error 0Bh (invalid format). MS-DOS loads what there is instead,
; and what there is ends at once with return code 0Bh.
;
; nasm -f bin -o badexe.exe badexe.asm

        cpu     8086
        org     0

header: db      "MZ"
        dw      0                               ; the last page is full
        dw      4                               ; four pages: 2 KiB
        dw      0                               ; no relocations
        dw      (module - header) / 16          ; header size in paragraphs
        dw      0, 0xFFFF                       ; minimum and maximum extra paragraphs
        dw      0, 0x100                        ; SS:SP
        dw      0                               ; checksum
        dw      0, 0                            ; IP, CS
        dw      0x1C, 0                         ; relocation table, overlay number
        align   16, db 0
module: mov     ax, 0x4C0B
        int     0x21
        align   16, db 0
