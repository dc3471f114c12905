; exterr.com: the extended error (INT 21h 59h) after failing calls: an open of a missing file,
; an open in a missing directory, a close of a handle that is not open, an allocation that is
; too big, an open of a directory (access denied, whose locus depends on the call: the disk
; for a call that takes a path) and an error set with 5D0Ah. Each line: the call's status, then
; 59h's AX, BH (class), BL (action) and CH (locus).
;
; nasm -f bin -o exterr.com exterr.asm

        cpu     8086
        org     0x100

%include "macros.inc"

        mov     dx, missing
        mov     ax, 0x3D00
        int     0x21
        call    report

        mov     dx, nodir
        mov     ax, 0x3D00
        int     0x21
        call    report

        mov     bx, 99
        mov     ah, 0x3E
        int     0x21
        call    report

        mov     bx, 0xFFFF
        mov     ah, 0x48
        int     0x21
        call    report

        mov     dx, subdir                ; a directory, not a file
        mov     ax, 0x3D00
        int     0x21
        call    report

        mov     dx, dpl                 ; 5D0Ah: set the extended error
        mov     ax, 0x5D0A
        int     0x21
        call    report

        mov     ax, 0x4C00
        int     0x21

; Prints the status of the call just made, then what 59h reports.
report: call    status
        push    ds
        push    es
        mov     ah, 0x59
        xor     bx, bx
        int     0x21
        pop     es
        pop     ds
        call    hex4
        mov     al, bh
        call    hex2
        mov     al, bl
        call    hex2
        mov     al, ch
        call    hex2
        call    newline
        ret

%include "lib.inc"
%include "internals.inc"

missing: db     "MISSING.TXT", 0
nodir:  db      "NODIR\FILE.TXT", 0
subdir: db      "SUB", 0
; DOS parameter list: AX BX CX DX SI DI DS ES, reserved, computer, process
dpl:    dw      0x0021, 0x0A02, 0x0200, 0, 0, 0, 0, 0, 0, 0, 0
