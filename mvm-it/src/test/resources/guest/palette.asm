; palette: boots from a floppy, sets mode 13h through INT 10h and fills the screen in three
; vertical bands of colours 1, 2 and 3 (left to right, 106, 107 and 107 pixels wide), then
; changes two DAC entries: colour 1 to (63,32,0) through ports 3C8h/3C9h, colour 2 to
; (0,63,32) through INT 10h AX=1010h. Colour 3 keeps its default (0,42,42). It reads DAC entry
; 1 back through ports 3C7h/3C9h and prints it to the debug console as hex ("3F2000").
;
; nasm -f bin -o palette.bin palette.asm

%include "boot.inc"

main:   mov     ax, 0x0013
        int     0x10
        mov     ax, 0xA000
        mov     es, ax
        xor     di, di
        cld
        mov     dx, 200
.row:   mov     al, 1
        mov     cx, 106
        rep     stosb
        inc     al
        mov     cx, 107
        rep     stosb
        inc     al
        mov     cx, 107
        rep     stosb
        dec     dx
        jnz     .row

        mov     dx, 0x3C8               ; DAC write index
        mov     al, 1
        out     dx, al
        inc     dx                      ; 3C9h: red, green, blue
        mov     al, 63
        out     dx, al
        mov     al, 32
        out     dx, al
        mov     al, 0
        out     dx, al

        mov     ax, 0x1010              ; set one DAC register
        mov     bx, 2
        mov     dh, 0                   ; red
        mov     ch, 63                  ; green
        mov     cl, 32                  ; blue
        int     0x10

        mov     dx, 0x3C7               ; DAC read index
        mov     al, 1
        out     dx, al
        mov     dx, 0x3C9
        in      al, dx
        call    puthex8
        in      al, dx
        call    puthex8
        in      al, dx
        call    puthex8
        cli
        hlt
