; redir.com: the character functions print to standard output, handle 1, wherever it points.
; With handle 1 forced onto REDIR.TXT (46h), what 09h, 02h and 06h print goes into the file;
; with handle 1 back on the console, it is shown again. Then it shows the file.
;
; nasm -f bin -o redir.com redir.asm

        cpu     8086
        org     0x100

        mov     dx, name                ; create REDIR.TXT
        xor     cx, cx
        mov     ah, 0x3C
        int     0x21
        mov     [file], ax
        mov     bx, 1                   ; keep standard output
        mov     ah, 0x45
        int     0x21
        mov     [saved], ax
        mov     bx, [file]              ; standard output is now the file
        mov     cx, 1
        mov     ah, 0x46
        int     0x21

        mov     dx, nine
        mov     ah, 0x09
        int     0x21
        mov     dl, '2'
        mov     ah, 0x02
        int     0x21
        mov     dl, '6'
        mov     ah, 0x06
        int     0x21

        mov     bx, [saved]             ; standard output back
        mov     cx, 1
        mov     ah, 0x46
        int     0x21
        mov     bx, [saved]
        mov     ah, 0x3E
        int     0x21
        mov     bx, [file]
        mov     ah, 0x3E
        int     0x21
        mov     dx, back
        mov     ah, 0x09
        int     0x21

        mov     dx, name                ; show the file
        mov     ax, 0x3D00
        int     0x21
        mov     bx, ax
        mov     cx, 20
        mov     dx, buffer
        mov     ah, 0x3F
        int     0x21
        mov     cx, ax
        mov     bx, 1
        mov     ah, 0x40
        int     0x21
        mov     ax, 0x4C00
        int     0x21

name:   db      "REDIR.TXT", 0
nine:   db      "nine$"
back:   db      "back $"
file:   dw      0
saved:  dw      0
buffer: times 20 db 0
