; upper.com: copies its standard input to standard output in capitals, a filter to try
; `mvm run --stdin FILE` and pipes with. Exit code 0, or 1 when a read or write fails.
;
; nasm -f bin -o upper.com upper.asm

        cpu     8086
        org     0x100

read:   mov     ah, 0x3F                ; read up to CX bytes from handle BX into DS:DX
        xor     bx, bx
        mov     cx, buffer_size
        mov     dx, buffer
        int     0x21
        jc      fail
        test    ax, ax                  ; 0 bytes: end of input
        jz      done
        mov     bp, ax                  ; keep the count for the write
        mov     cx, ax
        mov     si, buffer
.next:  mov     al, [si]
        cmp     al, 'a'
        jb      .keep
        cmp     al, 'z'
        ja      .keep
        sub     al, 'a' - 'A'
        mov     [si], al
.keep:  inc     si
        loop    .next
        mov     ah, 0x40                ; write CX bytes at DS:DX to handle BX (stdout)
        mov     bx, 1
        mov     cx, bp
        mov     dx, buffer
        int     0x21
        jc      fail
        jmp     read
done:   mov     ax, 0x4C00
        int     0x21
fail:   mov     ax, 0x4C01
        int     0x21

buffer_size equ 512
buffer:
