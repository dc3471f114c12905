; fcbesc.com: FCBs reach nothing outside a drive and change nothing on a read-only one. On the
; read-only drive D: a create fails, an open succeeds but a write fails, and a wildcard delete
; deletes nothing. On C:, an FCB for an unmapped drive, one named "..", and one naming LINK.TXT
; (a host link that leads out of the drive) fail; the link is not among the entries a search
; finds, nor can it be deleted or renamed. Each prints AL, and the extended error after a
; failure.
;
; nasm -f bin -o fcbesc.com fcbesc.asm

        cpu     8086
        org     0x100

%include "macros.inc"

        mov     dx, dta
        mov     ah, 0x1A
        int     0x21

        mov     dx, ro_new
        mov     ah, 0x16                ; create on D:
        int     0x21
        call    result
        mov     dx, ro_read
        mov     ah, 0x0F                ; open on D:
        int     0x21
        call    result
        mov     byte [ro_read + 0x20], 0
        mov     dx, ro_read
        mov     ah, 0x15                ; write to it
        int     0x21
        call    hex2
        call    exterr
        mov     dx, ro_all
        mov     ah, 0x13                ; delete everything on D:
        int     0x21
        call    result
        call    newline

        mov     si, opens
.open:  mov     dx, [si]
        test    dx, dx
        jz      .search
        mov     ah, 0x0F
        int     0x21
        call    result
        add     si, 2
        jmp     .open
.search:
        call    newline
        xor     bx, bx
        mov     dx, all
        mov     ah, 0x11
.find:  int     0x21
        cmp     al, 0
        jne     .found
        inc     bx
        mov     dx, all
        mov     ah, 0x12
        jmp     .find
.found: mov     ax, bx
        call    hex4
        mov     dx, link
        mov     ah, 0x13                ; delete the link
        int     0x21
        call    result
        mov     dx, link_ren
        mov     ah, 0x17                ; rename it
        int     0x21
        call    result
        call    newline
        mov     ax, 0x4C00
        int     0x21

%include "lib.inc"
%include "fcblib.inc"

ro_new:   db    4, "NEW     TXT"
          times 25 db 0
ro_read:  db    4, "READ    TXT"
          times 25 db 0
ro_all:   db    4, "???????????"
          times 25 db 0
unmapped: db    17, "ANY     TXT"
          times 25 db 0
dotdot:   db    0, "..         "
          times 25 db 0
link:     db    0, "LINK    TXT"
          times 25 db 0
link_ren: db    0, "LINK    TXT", 0, 0, 0, 0, 0, "MINE    TXT"
          times 9 db 0
all:      db    0xFF, 0, 0, 0, 0, 0, 0x16, 0, "???????????"
          times 25 db 0
opens:    dw    unmapped, dotdot, link, 0
dta:      times 64 db 0
