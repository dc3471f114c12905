; where.com: prints the current drive and directory and the DOS date, as in
; "C:\WORK 1994-6-1", for the tests of `mvm run --cwd` and `--time`.
;
; nasm -f bin -o where.com where.asm

        cpu     8086
        org     0x100

        mov     ah, 0x19                ; current drive, 0 = A:
        int     0x21
        add     al, 'A'
        mov     dl, al
        call    putc
        mov     dl, ':'
        call    putc
        mov     dl, '\'
        call    putc
        mov     ah, 0x47                ; current directory of drive DL (0 = current) at DS:SI
        xor     dl, dl
        mov     si, path
        int     0x21
.path:  mov     dl, [si]
        test    dl, dl
        jz      .date
        call    putc
        inc     si
        jmp     .path
.date:  mov     dl, ' '
        call    putc
        mov     ah, 0x2A                ; date: CX year, DH month, DL day
        int     0x21
        push    dx
        push    dx
        mov     ax, cx
        call    putn
        mov     dl, '-'
        call    putc
        pop     ax
        mov     al, ah
        xor     ah, ah
        call    putn
        mov     dl, '-'
        call    putc
        pop     ax
        xor     ah, ah
        call    putn
        mov     ax, 0x4C00
        int     0x21

; Prints AX in decimal.
putn:   xor     cx, cx
        mov     bx, 10
.div:   xor     dx, dx
        div     bx
        push    dx
        inc     cx
        test    ax, ax
        jnz     .div
.out:   pop     dx
        add     dl, '0'
        call    putc
        loop    .out
        ret

; Prints the character in DL.
putc:   push    ax
        mov     ah, 0x02
        int     0x21
        pop     ax
        ret

path:
