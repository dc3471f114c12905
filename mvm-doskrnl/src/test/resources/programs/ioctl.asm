; ioctl.com: INT 21h 44h on the standard handles, NUL, a disk file and drive C:. Device
; information (00h) of CON, raw mode set with 01h and read back, 01h with DH set (0Dh); NUL; a
; file before and after it is written; removable media (08h) of C: and of an unmapped drive;
; remote bits of the drive (09h, bit 12) and of the handle (0Ah, bit 15); the device
; parameters of C: (0Dh, 0860h: device type and bytes per sector); the logical drive map (0Eh);
; generic IOCTL on CON (0Ch, unsupported).
;
; nasm -f bin -o ioctl.com ioctl.asm

        cpu     8086
        org     0x100

%include "macros.inc"

        mov     bx, 1
        call    info                    ; CON
        mov     dl, al
        or      dl, 0x20                ; raw
        xor     dh, dh
        mov     ax, 0x4401
        int     0x21
        call    status
        mov     bx, 1
        call    info
        mov     dx, 0x0200              ; DH must be 0
        mov     ax, 0x4401
        int     0x21
        call    status
        call    newline

        mov     dx, nul
        mov     ax, 0x3D02
        int     0x21
        mov     bx, ax
        call    info
        mov     ah, 0x3E
        int     0x21
        mov     dx, file
        xor     cx, cx
        mov     ah, 0x3C
        int     0x21
        mov     bx, ax
        mov     [handle], ax
        call    info
        mov     dx, file
        mov     cx, 1
        mov     ah, 0x40
        int     0x21
        call    info
        call    newline

        mov     bl, 3                   ; C:
        mov     ax, 0x4408
        int     0x21
        push    ax
        call    status
        pop     ax
        call    hex4                    ; 1: fixed
        mov     bl, 17                  ; Q:
        mov     ax, 0x4408
        int     0x21
        call    status
        mov     bl, 3
        mov     ax, 0x4409
        int     0x21
        call    status
        test    dx, 0x1000
        jnz     .remote
        print   local
.remote:
        mov     bx, [handle]
        mov     ax, 0x440A
        int     0x21
        call    status
        test    dx, 0x8000
        jnz     .remote2
        print   local
.remote2:
        call    newline

        mov     bl, 3
        mov     cx, 0x0860              ; disk: get device parameters
        mov     dx, params
        mov     ax, 0x440D
        int     0x21
        call    status
        mov     al, [params + 1]        ; device type
        call    hex2
        mov     ax, [params + 7]        ; bytes per sector
        call    hex4
        mov     bl, 3
        mov     ax, 0x440E
        int     0x21
        push    ax
        call    status
        pop     ax
        call    hex2
        mov     bx, 1
        mov     cx, 0x037F
        mov     dx, params
        mov     ax, 0x440C
        int     0x21
        call    status
        call    newline

        mov     bx, [handle]
        mov     ah, 0x3E
        int     0x21
        mov     dx, file
        mov     ah, 0x41
        int     0x21
        mov     ax, 0x4C00
        int     0x21

; Prints the device information word of handle BX (and leaves it in AX).
info:   mov     ax, 0x4400
        int     0x21
        jc      .fail
        mov     ax, dx
        call    hex4
        ret
.fail:  call    status
        ret

%include "lib.inc"
%include "internals.inc"

nul:    db      "NUL", 0
file:   db      "IOCTL.TMP", 0
local:  db      "local $"
handle: dw      0
params: times 64 db 0
