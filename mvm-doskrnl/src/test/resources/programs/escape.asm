; escape.com: tries ways out of drive C: through INT 21h and prints the error of each: opens
; above the root, through a device used as a directory, an absolute host path, a create on the
; read-only drive D:, and a directory made on D:.
;
; nasm -f bin -o escape.com escape.asm

        cpu     8086
        org     0x100

%include "macros.inc"

        mov     si, paths
.next:  mov     dx, [si]
        test    dx, dx
        jz      .create
        mov     ax, 0x3D00              ; open for reading
        int     0x21
        call    status
        call    newline
        add     si, 2
        jmp     .next
.create:
        mov     dx, ro_file
        xor     cx, cx
        mov     ah, 0x3C                ; create on the read-only drive
        int     0x21
        call    status
        call    newline
        mov     dx, ro_dir
        mov     ah, 0x39                ; make a directory there
        int     0x21
        call    status
        call    newline
        mov     ax, 0x4C00
        int     0x21

%include "lib.inc"

p1:     db      "..\SECRET.TXT", 0
p2:     db      "C:\..\OUTSIDE\SECRET.TXT", 0
p3:     db      "NUL\..\..\SECRET.TXT", 0
p4:     db      "/etc/passwd", 0
p5:     db      "C:..\SECRET.TXT", 0
p6:     db      "D:\READ.TXT", 0
paths:  dw      p1, p2, p3, p4, p5, p6, 0
ro_file: db     "D:\NEW.TXT", 0
ro_dir:  db     "D:\NEWDIR", 0
