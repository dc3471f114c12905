; copy.com: copies IN.TXT to OUT.TXT with handle reads and writes of 7 bytes at a time, then
; prints how many bytes it copied (hex) and exits 0.
;
; nasm -f bin -o copy.com copy.asm

        cpu     8086
        org     0x100

%include "macros.inc"

        mov     dx, in_name
        mov     ax, 0x3D00              ; open for reading
        int     0x21
        jc      fail
        mov     [in_handle], ax
        mov     dx, out_name
        xor     cx, cx
        mov     ah, 0x3C                ; create
        int     0x21
        jc      fail
        mov     [out_handle], ax
again:  mov     bx, [in_handle]
        mov     cx, 7
        mov     dx, buffer
        mov     ah, 0x3F
        int     0x21
        jc      fail
        test    ax, ax
        jz      done
        add     [total], ax
        mov     cx, ax
        mov     bx, [out_handle]
        mov     dx, buffer
        mov     ah, 0x40
        int     0x21
        jc      fail
        jmp     again
done:   mov     bx, [out_handle]
        mov     ah, 0x3E
        int     0x21
        mov     bx, [in_handle]
        mov     ah, 0x3E
        int     0x21
        print   copied
        mov     ax, [total]
        call    hex4
        call    newline
        mov     ax, 0x4C00
        int     0x21
fail:   call    status
        mov     ax, 0x4C01
        int     0x21

%include "lib.inc"

in_name:    db  "IN.TXT", 0
out_name:   db  "OUT.TXT", 0
copied:     db  "copied $"
in_handle:  dw  0
out_handle: dw  0
total:      dw  0
buffer:     times 7 db 0
