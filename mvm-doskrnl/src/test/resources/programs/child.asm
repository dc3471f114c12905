; child.com: the child the process tests EXEC. It prints its command tail, how many handles
; it inherited, whether its standard output is a file or a device (IOCTL 4400h), and whether
; the program path after its environment names CHILD.COM; then it ends with return code 7.
;
; nasm -f bin -o child.com child.asm

        cpu     8086
        org     0x100

%include "macros.inc"

        print   tail_text
        mov     cl, [0x80]              ; the tail as EXEC copied it
        xor     ch, ch
        mov     dx, 0x81
        mov     bx, 1
        mov     ah, 0x40
        int     0x21
        print   tail_end

        print   handles_text            ; the open handles: those IOCTL 4400h knows
        xor     bx, bx
        xor     si, si
.handle:
        mov     ax, 0x4400
        int     0x21
        jc      .closed
        inc     si
.closed:
        inc     bx
        cmp     bx, 20
        jne     .handle
        mov     ax, si
        call    hex4

        mov     ax, 0x4400              ; device information of handle 1
        mov     bx, 1
        int     0x21
        test    dl, 0x80                ; a device?
        mov     dx, device
        jnz     .kind
        mov     dx, file
.kind:  mov     ah, 0x09
        int     0x21

; The environment: strings up to an empty one, a word count, then our full path.
        mov     es, [0x2C]
        xor     di, di
.string:
        cmp     byte [es:di], 0
        je      .end
.skip:  inc     di
        cmp     byte [es:di], 0
        jne     .skip
        inc     di
        jmp     .string
.end:   add     di, 3                   ; the empty string and the count
        mov     si, di
.find:  cmp     byte [es:si], 0         ; to the end of the path
        je      .found
        inc     si
        jmp     .find
.found: sub     si, name_end - name
        mov     bx, name
.cmp:   mov     al, [es:si]
        cmp     al, [bx]
        jne     .bad
        inc     si
        inc     bx
        cmp     bx, name_end
        jne     .cmp
        print   path_ok
        jmp     .exit
.bad:   print   path_bad
.exit:  mov     ax, 0x4C07
        int     0x21

%include "lib.inc"

tail_text: db   "child: tail=[$"
tail_end:  db   "] $"
handles_text: db "handles $"
device:    db   "device $"
file:      db   "file $"
path_ok:   db   "path ok", 13, 10, "$"
path_bad:  db   "path bad", 13, 10, "$"
name:      db   "\CHILD.COM"
name_end:
