; fcbdir.com: searches for a directory through FCBs, in FCBWORK (which holds the directory
; SUBDIR and the files SUBFILE.TXT and OTHER.TXT). An extended FCB with the directory attribute
; finds SUBDIR and gets the extended form in the DTA (FFh, five zeros, the search attributes,
; the drive, the directory entry); a normal FCB and an extended one without the attribute do
; not find it. Then counts what "????????.???" finds with and without the attribute, and how
; many of those are directories ("." and ".." among them).
;
; nasm -f bin -o fcbdir.com fcbdir.asm

        cpu     8086
        org     0x100

%include "macros.inc"

        mov     dx, work
        mov     ah, 0x3B                ; into FCBWORK
        int     0x21
        call    status
        mov     dx, dta
        mov     ah, 0x1A
        int     0x21
        call    newline

        ; The directory through an extended FCB: the DTA's first 8 bytes, name and attributes.
        mov     dx, xsub
        mov     ah, 0x11
        int     0x21
        call    result
        mov     si, dta
        mov     cx, 8
.head:  mov     al, [si]
        call    hex2
        inc     si
        loop    .head
        mov     si, dta + 8
        call    name11
        mov     al, [dta + 8 + 0x0B]
        call    hex2
        call    newline

        ; Not through a normal FCB, nor an extended one without the directory attribute.
        mov     dx, nsub
        mov     ah, 0x11
        int     0x21
        call    result
        mov     dx, xsub0
        mov     ah, 0x11
        int     0x21
        call    result
        call    newline

        ; Everything: with the directory attribute, then without.
        mov     dx, xall
        mov     si, 7                   ; the directory entry follows a 7-byte header
        call    count
        mov     dx, nall
        xor     si, si
        call    count
        mov     ax, 0x4C00
        int     0x21

; Searches with the FCB at DX until there is no more; prints how many entries it found and how
; many of them are directories, then AL and the error that ended it.
count:  xor     bx, bx                  ; entries
        xor     cx, cx                  ; directories
        mov     di, dx
        mov     ah, 0x11
.find:  mov     dx, di
        int     0x21
        cmp     al, 0
        jne     .end
        inc     bx
        test    byte [dta + si + 1 + 0x0B], 0x10
        jz      .file
        inc     cx
.file:  mov     ah, 0x12
        jmp     .find
.end:   push    ax
        mov     ax, bx
        call    hex4
        mov     ax, cx
        call    hex4
        pop     ax
        call    result
        call    newline
        ret

%include "lib.inc"
%include "fcblib.inc"

work:   db      "FCBWORK", 0
xsub:   db      0xFF, 0, 0, 0, 0, 0, 0x10, 0, "SUBDIR     "
        times 25 db 0
xsub0:  db      0xFF, 0, 0, 0, 0, 0, 0x00, 0, "SUBDIR     "
        times 25 db 0
nsub:   db      0, "SUBDIR     "
        times 25 db 0
xall:   db      0xFF, 0, 0, 0, 0, 0, 0x10, 0, "???????????"
        times 25 db 0
nall:   db      0, "???????????"
        times 25 db 0
dta:    times 64 db 0
