; mode13: boots from a floppy, sets mode 13h (320x200, 256 colours) through INT 10h and draws
; into video memory at A000:0000, one byte a pixel: the top 100 rows in 16 vertical bands of
; 20 pixels with colours 0 to 15, the bottom 100 rows in bands with colours 16 to 31 (the
; default palette's grey ramp); then a diagonal line of colour 40 (bright red) from (0,0) to
; (199,199), pixel (319,199) in colour 32 (bright blue) and pixel (0,199) in colour 36
; (magenta). It prints "13" to the debug console when done.
;
; nasm -f bin -o mode13.bin mode13.asm

%include "boot.inc"

main:   mov     ax, 0x0013
        int     0x10
        mov     ax, 0xA000
        mov     es, ax
        xor     di, di
        cld
        mov     dx, 200                 ; rows to go
.row:   xor     al, al
        cmp     dx, 100
        ja      .bands
        mov     al, 16                  ; the bottom half
.bands: mov     bx, 16
.band:  mov     cx, 20
        rep     stosb
        inc     al
        dec     bx
        jnz     .band
        dec     dx
        jnz     .row

        xor     di, di
        mov     cx, 200
        mov     al, 40
.diag:  mov     [es:di], al
        add     di, 321
        loop    .diag
        mov     byte [es:199*320+319], 32
        mov     byte [es:199*320], 36
        mov     al, '1'
        call    putc
        mov     al, '3'
        call    putc
        cli
        hlt
