; dir.com: lists the files matching DATA\*.TXT with FIND FIRST / FIND NEXT: name and size
; (hex, low word) on a line each, then "end" with the error that ended the search.
;
; nasm -f bin -o dir.com dir.asm

        cpu     8086
        org     0x100

%include "macros.inc"

        mov     dx, pattern
        xor     cx, cx                  ; plain files only
        mov     ah, 0x4E
        int     0x21
next:   jc      finish
        mov     si, 0x80 + 0x1E         ; the name in the default DTA (PSP:80h)
.name:  mov     dl, [si]
        test    dl, dl
        jz      .size
        mov     ah, 0x02
        int     0x21
        inc     si
        jmp     .name
.size:  mov     dl, ' '
        mov     ah, 0x02
        int     0x21
        mov     ax, [0x80 + 0x1A]
        call    hex4
        call    newline
        mov     ah, 0x4F
        int     0x21
        jmp     next
finish: push    ax                      ; the error that ended the search
        print   end_msg
        pop     ax
        call    hex4
        call    newline
        mov     ax, 0x4C00
        int     0x21

%include "lib.inc"

pattern:  db    "DATA\*.TXT", 0
end_msg:  db    "end $"
