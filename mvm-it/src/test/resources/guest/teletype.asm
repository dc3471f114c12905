; teletype: boots from a floppy and writes 30 lines "Line 01" .. "Line 30", each ended by CR LF,
; and then "END" through INT 10h teletype (AH=0Eh) in the 80x25 text mode the BIOS set up, so
; the screen scrolls by six lines. Then it reads the cursor through INT 10h AH=03h and prints
; it to the debug console as "R=rr C=cc" (hex; expected "R=18 C=03").
;
; nasm -f bin -o teletype.bin teletype.asm

%include "boot.inc"

main:   mov     cx, 1
.line:  mov     si, line
        call    tputs
        mov     ax, cx
        mov     bl, 10
        div     bl                      ; AL = tens, AH = units
        add     ax, '00'
        push    ax
        mov     bx, 0x0007
        mov     ah, 0x0E
        int     0x10                    ; tens
        pop     ax
        mov     al, ah
        mov     ah, 0x0E
        int     0x10                    ; units
        mov     si, newline
        call    tputs
        inc     cx
        cmp     cx, 30
        jbe     .line
        mov     si, last
        call    tputs

        mov     ah, 0x03
        mov     bh, 0
        int     0x10
        mov     si, row
        call    puts
        mov     al, dh
        call    puthex8
        mov     si, column
        call    puts
        mov     al, dl
        call    puthex8
        cli
        hlt

line:    db "Line ", 0
newline: db 13, 10, 0
last:    db "END", 0
row:     db "R=", 0
column:  db " C=", 0
