; palette.com: shows the 256 colours of the VGA in mode 13h (320x200, one byte per pixel at
; A000:0000), for the screen-shot example. It draws a 16x16 chart of swatches, colour
; 16 * row + column, framed in white, with a caption above and a legend below written by the
; BIOS (INT 10h teletype draws characters in graphics modes too), then exits with return
; code 0 and leaves the picture on the screen, as DOS does.
;
; The chart: cells of 18x10 pixels from (16,24); each swatch fills the cell's 16x8 pixels
; from (1,1), so swatch c, r covers x 17+18c..32+18c, y 25+10r..32+10r, and black gaps
; separate them. The frame is a one-pixel white rectangle from (14,22) to (305,185).
;
; nasm -f bin -o palette.com palette.asm

        cpu     8086
        org     0x100

WIDTH   equ     320                     ; bytes per line in mode 13h
WHITE   equ     15
LEFT    equ     14                      ; the frame
TOP     equ     22
RIGHT   equ     305
BOTTOM  equ     185

        mov     ax, 0x0013              ; set mode 13h, which loads the default palette
        int     0x10
        mov     ax, 0xA000
        mov     es, ax
        cld

        mov     al, WHITE               ; the frame: top and bottom lines, then the sides
        mov     di, TOP * WIDTH + LEFT
        mov     cx, RIGHT - LEFT + 1
        rep     stosb
        mov     di, BOTTOM * WIDTH + LEFT
        mov     cx, RIGHT - LEFT + 1
        rep     stosb
        mov     di, (TOP + 1) * WIDTH + LEFT
        mov     cx, BOTTOM - TOP - 1
side:
        mov     [es:di], al
        mov     [es:di + RIGHT - LEFT], al
        add     di, WIDTH
        loop    side

        xor     al, al                  ; the swatches, colour 0 first
        mov     di, 25 * WIDTH + 17
        mov     dh, 16                  ; rows left
chart_row:
        mov     dl, 16                  ; swatches left in this row
swatch:
        push    di
        mov     bx, 8                   ; lines
swatch_line:
        mov     cx, 16
        rep     stosb
        add     di, WIDTH - 16
        dec     bx
        jnz     swatch_line
        pop     di
        add     di, 18
        inc     al
        dec     dl
        jnz     swatch
        add     di, 10 * WIDTH - 16 * 18
        dec     dh
        jnz     chart_row

        mov     dx, 0x0107              ; row 1, column 7 of the 40x25 character grid
        mov     si, title
        call    print
        mov     dx, 0x1803              ; row 24, column 3
        mov     si, legend
        call    print
        mov     ax, 0x4C00              ; exit with return code 0
        int     0x21

; Writes the zero-terminated string at SI in white from row DH, column DL.
print:
        mov     ah, 0x02                ; set the cursor of page 0
        xor     bh, bh
        int     0x10
next:
        lodsb
        test    al, al
        jz      done
        mov     ah, 0x0E                ; teletype: AL character, BL colour in graphics modes
        mov     bx, WHITE               ; page 0
        int     0x10
        jmp     next
done:
        ret

title:  db      "The 256 colours of the VGA", 0
legend: db      "colour number = 16 x row + column", 0
