; args.com: echoes its command tail (PSP:80h) between brackets, the first FCB's name, and the
; program path after its environment, then exits with the tail's length as its code.
;
; nasm -f bin -o args.com args.asm

        cpu     8086
        org     0x100

        mov     dl, '['
        mov     ah, 0x02
        int     0x21
        mov     cl, [0x80]              ; tail length
        xor     ch, ch
        mov     si, 0x81
.tail:  jcxz    .close
        mov     dl, [si]
        mov     ah, 0x02
        int     0x21
        inc     si
        dec     cx
        jmp     .tail
.close: mov     dl, ']'
        int     0x21
        mov     dl, '<'
        int     0x21
        mov     si, 0x5D                ; FCB 1 name, 11 characters
        mov     cx, 11
.fcb:   mov     dl, [si]
        int     0x21
        inc     si
        loop    .fcb
        mov     dl, '>'
        int     0x21
        ; the environment: skip the strings to the empty one, then the count word
        mov     es, [0x2C]
        xor     di, di
.skip:  cmp     byte [es:di], 0
        je      .found
.str:   inc     di
        cmp     byte [es:di], 0
        jne     .str
        inc     di
        jmp     .skip
.found: add     di, 3                   ; the empty string and the count word
.path:  mov     dl, [es:di]
        test    dl, dl
        jz      .done
        int     0x21
        inc     di
        jmp     .path
.done:  mov     al, [0x80]
        mov     ah, 0x4C
        int     0x21
