; mandel.com: the demo of the README. It draws the Mandelbrot set as 78x23 characters on
; standard output, one line at a time through INT 21h function 40h, says what it drew, and
; exits with return code 0.
;
; Every number is 16-bit fixed point with 12 fraction bits (4096 is 1.0), computed with
; 8086 instructions only. Column c is the point x = -2.125 + c * 140/4096 (to about 0.51),
; row r is y = (r - 11) * 384/4096 (-1.03 to 1.03), so row 11 is the real axis. A point's
; character says after how many iterations of z = z^2 + c the orbit left the circle of
; radius 2: blank for at once, then . : - = + * # % for ever slower escapes, and @ when it
; stayed within 255 iterations (the set itself: the main cardioid, the bulb left of it, and
; the needle along the axis to -2).
;
; The products are rounded toward zero, so conjugate points iterate to conjugate values and
; the picture is exactly symmetric about the real axis.
;
; nasm -f bin -o mandel.com mandel.asm

        cpu     8086
        org     0x100

ONE      equ    4096                    ; 1.0
COLUMNS  equ    78
ROWS     equ    23
X0       equ    -8704                   ; -2.125, the left column
X_STEP   equ    140                     ; ~0.0342 per column
Y_STEP   equ    384                     ; 0.09375 per row, about twice a column's step,
                                        ; since a character is about twice as tall as wide
MAX_ITER equ    255

        cld                             ; stosb below goes forward
        mov     word [ci], -(ROWS / 2) * Y_STEP
        mov     byte [rows_left], ROWS
next_row:
        mov     word [cr], X0
        mov     word [out], line
next_column:
        call    escape_time             ; BX = iterations, MAX_ITER when it stayed
        mov     al, '@'
        cmp     bx, MAX_ITER
        je      store
        mov     si, limits              ; the first limit above the count picks the character
find_limit:
        cmp     bl, [si]
        jb      found
        inc     si
        jmp     find_limit
found:
        mov     al, [si + ramp - limits]
store:
        mov     di, [out]
        stosb                           ; ES = DS = CS in a .COM program
        mov     [out], di
        add     word [cr], X_STEP
        cmp     di, line + COLUMNS
        jb      next_column

        mov     ah, 0x40                ; write CX bytes at DS:DX to handle BX (stdout)
        mov     bx, 1
        mov     cx, COLUMNS + 2
        mov     dx, line
        int     0x21
        add     word [ci], Y_STEP
        dec     byte [rows_left]
        jnz     next_row

        mov     ah, 0x40
        mov     bx, 1
        mov     cx, caption_end - caption
        mov     dx, caption
        int     0x21
        mov     ax, 0x4C00              ; exit with return code 0
        int     0x21

; Iterates z = z^2 + c from z = 0 for c = [cr] + i [ci]. Returns in BX the number of
; iterations after which |z| > 2, or MAX_ITER. SI holds Re z, DI Im z, BP Re z^2 - Im z^2.
escape_time:
        xor     si, si
        xor     di, di
        xor     bx, bx
iterate:
        ; A component beyond 2 has escaped; the test also keeps the squares within 16 bits.
        mov     ax, si
        cwd                             ; AX = |AX|: DX is 0 or -1
        xor     ax, dx
        sub     ax, dx
        cmp     ax, 2 * ONE
        ja      escaped
        mov     [abs_zr], ax
        mul     ax                      ; DX:AX = zr^2 with 24 fraction bits
        call    shift12                 ; AX = zr^2
        mov     bp, ax
        mov     ax, di
        cwd
        xor     ax, dx
        sub     ax, dx
        cmp     ax, 2 * ONE
        ja      escaped
        mov     [abs_zi], ax
        mul     ax
        call    shift12                 ; AX = zi^2
        mov     dx, bp                  ; |z|^2 > 4: escaped (at most 8, no carry)
        add     dx, ax
        cmp     dx, 4 * ONE
        ja      escaped
        sub     bp, ax                  ; BP = zr^2 - zi^2
        ; zi = 2 zr zi + ci: multiply the magnitudes, shift by 11 rather than 12 for the
        ; factor 2, then give the product its sign.
        mov     ax, [abs_zr]
        mul     word [abs_zi]
        mov     cl, 11
        shr     ax, cl
        mov     cl, 5
        shl     dx, cl
        or      ax, dx
        mov     dx, si
        xor     dx, di                  ; the product is negative when the signs differ
        jns     positive
        neg     ax
positive:
        add     ax, [ci]
        mov     di, ax
        add     bp, [cr]                ; zr = zr^2 - zi^2 + cr
        mov     si, bp
        inc     bx
        cmp     bx, MAX_ITER
        jb      iterate
escaped:
        ret

; AX = DX:AX >> 12, for a result below 65536.
shift12:
        mov     cl, 12
        shr     ax, cl
        mov     cl, 4
        shl     dx, cl
        or      ax, dx
        ret

; An escape after fewer than limits[i] iterations shows as ramp[i].
limits:  db     2, 3, 4, 5, 7, 10, 16, 32, MAX_ITER
ramp:    db     " .:-=+*#%"

caption: db     "The Mandelbrot set, computed by an 8086 program in 16-bit fixed point.", 13, 10
caption_end:

cr:        dw   0                       ; the point c
ci:        dw   0
abs_zr:    dw   0                       ; |zr| and |zi| for their product
abs_zi:    dw   0
out:       dw   0                       ; where the next character goes in line
rows_left: db   0
line:      times COLUMNS db ' '
           db   13, 10
