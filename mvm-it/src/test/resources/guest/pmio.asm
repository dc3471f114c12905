; pmio: the I/O permission bitmap (issue 15). Ring 3 runs with IOPL 0, so its I/O goes by the
; bitmap in TSS_A (pm.inc): port E9h is open (it prints through it), ports 300h-307h are
; closed, 308h is open, and ports past the bitmap (400h) are closed by the TSS's limit. Each
; closed access raises #GP(0), which the handler reports with the port (DX) and steps over.
; CLI at CPL 3 with IOPL 0 faults the same way. Lines:
;   "RING3 IOPL 0"
;   "GP ERR 00000000 PORT 0300"
;   "GP ERR 00000000 PORT 0400"
;   "GP ERR 00000000 PORT CLI"
;   "OPEN 0308 PASSED"
;   "DONE"
; nasm -f bin -o pmio.bin pmio.asm
%include "boot.inc"
main:   jmp     pm_enter
%include "pm.inc"

        bits    32
pm_main:
        mov     eax, gp_handler
        mov     ebx, 13
        mov     ecx, 0x8E00
        call    set_gate
        mov     eax, user
        xor     ecx, ecx                ; IOPL 0
        mov     edx, int40
        jmp     ring3

user:   mov     ax, DATA3
        mov     ds, ax
        mov     es, ax
        mov     esi, ring3_text
        call    print
        mov     dx, 0x300
        out     dx, al                  ; closed
        mov     dx, 0x400
        in      al, dx                  ; past the bitmap
        mov     dx, 0
        cli                             ; CPL 3 > IOPL 0
        mov     dx, 0x308
        out     dx, al                  ; open
        mov     esi, open_text
        call    print
        int     0x40

gp_handler:                             ; [esp]: error code, EIP, CS, EFLAGS, ESP, SS
        mov     esi, gp_text
        call    print
        mov     eax, [esp]
        call    hex32
        mov     esi, port_text
        call    print
        test    dx, dx
        jz      .cli
        mov     ax, dx
        call    hex16
        jmp     .done
.cli:   mov     esi, cli_text
        call    print
.done:  call    newline
        add     esp, 4
        inc     dword [esp]             ; OUT DX,AL, IN AL,DX and CLI are one byte each
        iretd

int40:  call    finish

ring3_text: db "RING3 IOPL 0", 10, 0
gp_text:    db "GP ERR ", 0
port_text:  db " PORT ", 0
cli_text:   db "CLI", 0
open_text:  db "OPEN 0308 PASSED", 10, 0
