; datetime.com: prints the date (2Ah: year, month, day, weekday) and the time (2Ch: hours,
; minutes, seconds) in hex, then sets the date to 2001-02-03 (2Bh) and prints it again.
;
; nasm -f bin -o datetime.com datetime.asm

        cpu     8086
        org     0x100

%include "macros.inc"

        call    show_date
        mov     ah, 0x2C
        int     0x21
        mov     al, ch
        xor     ah, ah
        call    hex4
        mov     al, cl
        call    hex4
        mov     al, dh
        call    hex4
        call    newline
        mov     cx, 2001
        mov     dh, 2
        mov     dl, 3
        mov     ah, 0x2B
        int     0x21
        xor     ah, ah                  ; AL = 00h when the date was valid
        call    hex4
        call    newline
        call    show_date
        mov     ax, 0x4C00
        int     0x21

show_date:
        mov     ah, 0x2A
        int     0x21
        push    ax
        mov     ax, cx
        call    hex4
        mov     al, dh
        xor     ah, ah
        call    hex4
        mov     al, dl
        call    hex4
        pop     ax
        xor     ah, ah
        call    hex4
        call    newline
        ret

%include "lib.inc"
