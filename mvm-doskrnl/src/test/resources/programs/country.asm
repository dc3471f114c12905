; country.com: the country information of MS-DOS 5 for the United States, code page 437.
; 38h: the country code and the fields of the 34-byte buffer, the case-map routine it points
; to; 38h for another country (error 02h without COUNTRY.SYS); 65h 01h (extended information),
; 02h (the upper-case table), 20h and 22h (capitalisation), 23h (yes/no); 66h 01h (code pages).
;
; nasm -f bin -o country.com country.asm

        cpu     8086
        org     0x100

%include "macros.inc"

        mov     dx, info
        mov     ax, 0x3800
        int     0x21
        call    status
        mov     ax, bx                  ; the country code
        call    hex4
        call    newline
        mov     ax, [info]              ; date format
        call    hex4
        mov     si, info + 0x02         ; currency, thousands, decimal, date, time separators
        call    putsi
        mov     si, info + 0x07
        call    putsi
        mov     si, info + 0x09
        call    putsi
        mov     si, info + 0x0B
        call    putsi
        mov     si, info + 0x0D
        call    putsi
        mov     al, [info + 0x0F]       ; currency format, digits, time format
        call    hex2
        mov     al, [info + 0x10]
        call    hex2
        mov     al, [info + 0x11]
        call    hex2
        mov     si, info + 0x16         ; data-list separator
        call    putsi
        call    newline
        mov     al, 0x84                ; a-umlaut through the case-map routine
        call    far [info + 0x12]
        call    hex2
        mov     al, 0x82                ; e-acute
        call    far [info + 0x12]
        call    hex2
        mov     al, 'a'                 ; below 80h: left alone
        call    far [info + 0x12]
        call    hex2
        call    newline

        mov     dx, info
        mov     ax, 0x38FF              ; Germany (49)
        mov     bx, 49
        int     0x21
        call    status
        call    newline

        push    cs
        pop     es
        mov     di, ext
        mov     ax, 0x6501
        mov     bx, 0xFFFF
        mov     dx, 0xFFFF
        mov     cx, 64
        int     0x21
        call    status
        mov     ax, cx                  ; bytes returned
        call    hex4
        mov     al, [ext]               ; info ID, size, country, code page, date format
        call    hex2
        mov     ax, [ext + 1]
        call    hex4
        mov     ax, [ext + 3]
        call    hex4
        mov     ax, [ext + 5]
        call    hex4
        mov     ax, [ext + 7]
        call    hex4
        mov     si, ext + 9             ; currency
        call    putsi
        call    newline

        mov     di, ext
        mov     ax, 0x6502
        mov     bx, 0xFFFF
        mov     dx, 0xFFFF
        mov     cx, 5
        int     0x21
        call    status
        mov     al, [ext]
        call    hex2
        les     di, [ext + 1]
        mov     ax, [es:di]             ; the table's size
        call    hex4
        mov     al, [es:di + 2 + 0x01]  ; u-umlaut (81h) in capitals
        call    hex2
        mov     al, [es:di + 2 + 0x24]  ; n-tilde (A4h)
        call    hex2
        call    newline
        push    cs
        pop     es

        mov     dl, 'q'
        mov     ax, 0x6520
        int     0x21
        mov     al, dl
        call    hex2
        mov     dl, 0x87                ; c-cedilla
        mov     ax, 0x6520
        int     0x21
        mov     al, dl
        call    hex2
        mov     dx, word_
        mov     ax, 0x6522
        int     0x21
        mov     si, word_
        call    putsi
        mov     dl, 'y'
        mov     ax, 0x6523
        int     0x21
        call    hex4
        mov     dl, 'n'
        mov     ax, 0x6523
        int     0x21
        call    hex4
        call    newline

        mov     ax, 0x6601
        int     0x21
        call    status
        mov     ax, bx
        call    hex4
        mov     ax, dx
        call    hex4
        call    newline
        mov     ax, 0x4C00
        int     0x21

; Prints the ASCIZ string at DS:SI and a space.
putsi:  push    di
        push    es
        push    ds
        pop     es
        mov     di, si
        call    putsz
        mov     dl, ' '
        mov     ah, 0x02
        int     0x21
        pop     es
        pop     di
        ret

%include "lib.inc"
%include "internals.inc"

word_:  db      "mixed Case", 0
info:   times 34 db 0
ext:    times 64 db 0
