; hello.com: the sample DOS program of the README. It greets, tells which DOS it runs on
; (INT 21h function 30h), and exits with return code 3 so that the caller sees the code
; come through.
;
; nasm -f bin -o hello.com hello.asm

        cpu     8086
        org     0x100

        mov     dx, greeting            ; print a '$'-terminated string
        mov     ah, 0x09
        int     0x21
        mov     ah, 0x30                ; DOS version: AL major, AH minor
        int     0x21
        add     al, '0'
        mov     [major], al
        mov     al, ah
        aam                             ; AH = tens, AL = units of the minor version
        add     ax, '00'
        xchg    al, ah
        mov     [minor], ax
        mov     ah, 0x40                ; write CX bytes at DS:DX to handle BX (stdout)
        mov     bx, 1
        mov     cx, version_end - version
        mov     dx, version
        int     0x21
        mov     ax, 0x4C03              ; exit with return code 3
        int     0x21

greeting: db    "Hello from DOS, inside MVM!", 13, 10, "$"
version:  db    "This is DOS "
major:    db    "?."
minor:    db    "??", 13, 10
version_end:
