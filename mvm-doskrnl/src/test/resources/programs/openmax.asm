; openmax.com: at the VM's limit of open host files (run with VmBuilder.maxOpenFiles(3)), an
; open fails as DOS fails it when its tables are full. Creates F1.TXT-F3.TXT and writes a word
; to each; a fourth create fails with 04h (and 59h says 04h) without creating the file; creating
; F1.TXT again, which would truncate it, fails the same and leaves it whole; NUL still opens,
; as a device holds no host file; an FCB open fails with FFh and 59h 04h. After F3.TXT is
; closed, the FCB opens F1.TXT; a handle open of F3.TXT then takes the FCB's host file, so an
; FCB read fails (01h, 59h 04h) until another handle is closed, and then reads F1.TXT again.
;
; nasm -f bin -o openmax.com openmax.asm

        cpu     8086
        org     0x100

%include "macros.inc"

        mov     si, names               ; F1-F3: created, each with its word
        mov     di, handles
        mov     bp, words
.create:
        mov     dx, si
        xor     cx, cx
        mov     ah, 0x3C
        int     0x21
        mov     [di], ax
        call    status
        mov     bx, [di]
        mov     cx, 5
        mov     dx, bp
        mov     ah, 0x40
        int     0x21
        add     si, 7
        add     di, 2
        add     bp, 5
        cmp     di, handles + 6
        jb      .create
        call    newline

        mov     dx, f4                  ; a fourth: too many open files
        xor     cx, cx
        mov     ah, 0x3C
        int     0x21
        call    status
        call    exterr
        mov     dx, names               ; F1.TXT again: the same, and F1.TXT stays whole
        xor     cx, cx
        mov     ah, 0x3C
        int     0x21
        call    status
        call    newline

        mov     dx, nul                 ; a device takes no host file
        mov     ax, 0x3D01
        int     0x21
        mov     bx, ax
        call    status
        mov     ah, 0x3E
        int     0x21
        call    status
        call    newline

        mov     dx, fcb                 ; an FCB open: FFh, too many open files
        mov     ah, 0x0F
        int     0x21
        call    result
        call    newline

        mov     bx, [handles + 4]       ; with F3.TXT closed, the FCB opens F1.TXT
        mov     ah, 0x3E
        int     0x21
        call    status
        mov     dx, fcb
        mov     ah, 0x0F
        int     0x21
        call    result
        mov     word [fcb + 0x0E], 5    ; records of 5 bytes
        call    newline

        mov     dx, names + 14          ; a handle open takes the FCB's host file
        mov     ax, 0x3D00
        int     0x21
        mov     [handles + 4], ax
        call    status
        mov     dx, dta
        mov     ah, 0x1A
        int     0x21
        mov     dx, fcb                 ; so the FCB cannot read: 01h, too many open files
        mov     ah, 0x14
        int     0x21
        call    hex2
        call    exterr
        call    newline

        mov     bx, [handles + 2]       ; until a handle is closed
        mov     ah, 0x3E
        int     0x21
        call    status
        mov     dx, fcb
        mov     ah, 0x14
        int     0x21
        call    hex2
        mov     bx, 1
        mov     cx, 5
        mov     dx, dta
        mov     ah, 0x40
        int     0x21
        mov     dx, fcb
        mov     ah, 0x10
        int     0x21
        call    result
        call    newline

        mov     bx, [handles]
        mov     ah, 0x3E
        int     0x21
        mov     bx, [handles + 4]
        mov     ah, 0x3E
        int     0x21
        mov     ax, 0x4C00
        int     0x21

%include "lib.inc"
%include "fcblib.inc"

names:   db     "F1.TXT", 0, "F2.TXT", 0, "F3.TXT", 0
f4:      db     "F4.TXT", 0
nul:     db     "NUL", 0
words:   db     "one  two  three"
handles: dw     0, 0, 0
fcb:     db     0, "F1      TXT"
         times 25 db 0
dta:     times 16 db 0
