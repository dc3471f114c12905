; break.com: Ctrl-C through INT 23h with handlers that let the program go on. Its handler
; prints "[handler]" and returns with IRET; a ^C typed at the keyboard and read by 01h, 08h,
; 0Ah or 3Fh on CON is echoed as ^C, the handler runs, and the function starts again. 07h does
; not check: it returns the 03h. A second handler returns with RETF and CF clear, which also
; goes on.
;
; DOS checks for ^C at the keyboard only (in a redirected input it is a character like any
; other), so the program types its own keys before each read, with INT 16h 05h: "ab^Ccx",
; "^C^Cz", "12^C34" Enter, "^Cq", "ab^Ccd" Enter (^C = 03h). Run it with standard input from
; the keyboard.
;
; nasm -f bin -o break.com break.asm

        cpu     8086
        org     0x100

%include "macros.inc"

        mov     dx, handler
        mov     ax, 0x2523
        int     0x21
        keys    {"ab", 3, "cx"}
.first: mov     ah, 0x01                ; read with echo until 'x'
        int     0x21
        cmp     al, 'x'
        jne     .first
        call    newline

        keys    {3, 3, "z"}
        mov     ah, 0x07                ; no ^C check: the 03h comes back
        int     0x21
        xor     ah, ah
        call    hex4
        mov     ah, 0x08                ; ^C check
        int     0x21
        xor     ah, ah
        call    hex4
        call    newline

        keys    {"12", 3, "34", 13}
        mov     dx, line                ; a line, started again after the ^C
        mov     ah, 0x0A
        int     0x21
        mov     dl, '['
        mov     ah, 0x02
        int     0x21
        mov     cl, [line + 1]
        xor     ch, ch
        mov     dx, line + 2
        mov     bx, 1
        mov     ah, 0x40
        int     0x21
        mov     dl, ']'
        mov     ah, 0x02
        int     0x21
        call    newline

        mov     dx, handler2
        mov     ax, 0x2523
        int     0x21
        keys    {3, "q"}
        mov     ah, 0x01
        int     0x21
        call    newline

        keys    {"ab", 3, "cd", 13}
        xor     bx, bx                  ; a handle read of CON
        mov     cx, 20
        mov     dx, buffer
        mov     ah, 0x3F
        int     0x21
        call    hex4
        mov     cx, ax
        mov     bx, 1
        mov     dx, buffer
        mov     ah, 0x40
        int     0x21
        mov     ax, 0x4C00
        int     0x21

handler:
        push    ax
        push    dx
        mov     dx, handled
        mov     ah, 0x09
        int     0x21
        pop     dx
        pop     ax
        iret

handler2:
        push    ax
        push    dx
        mov     dx, handled2
        mov     ah, 0x09
        int     0x21
        pop     dx
        pop     ax
        clc
        retf

%include "lib.inc"

handled:  db    "[handler]$"
handled2: db    "[retf]$"
line:     db    20, 0
          times 21 db 0
buffer:   times 20 db 0
