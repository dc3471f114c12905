; hello.com: the smallest DOS program worth running. It prints with INT 21h function 09h and
; with a handle write (40h) to standard output, then ends with exit code 3.
;
; nasm -f bin -o hello.com hello.asm

        cpu     8086
        org     0x100

        mov     dx, greeting
        mov     ah, 0x09
        int     0x21
        mov     ah, 0x40                ; write CX bytes at DS:DX to handle BX
        mov     bx, 1
        mov     cx, line_end - line
        mov     dx, line
        int     0x21
        mov     ax, 0x4C03              ; exit with code 3
        int     0x21

greeting: db    "Hello from DOS!", 13, 10, "$"
line:     db    "written to handle 1", 13, 10
line_end:
