; cds.com: reads the current directory structures (the array the list of lists points to at
; 16h, 58h bytes an entry in DOS 4 and later) after changes of directory and drive: C:'s entry
; after CHDIR SUB and after CHDIR \, D:'s after CHDIR D:\DATA (D: not current), and the current
; drive's after selecting D: (0Eh). Prints each path and whether the drive is flagged in use
; (4000h); E: (within LASTDRIVE, not a drive) must not be.
;
; nasm -f bin -o cds.com cds.asm

        cpu     8086
        org     0x100

%include "macros.inc"

        mov     dx, sub
        mov     ah, 0x3B
        int     0x21
        jc      .fail
        mov     al, 2                   ; C:
        call    show
        mov     dx, root
        mov     ah, 0x3B
        int     0x21
        jc      .fail
        mov     al, 2
        call    show
        mov     dx, ddata
        mov     ah, 0x3B
        int     0x21
        jc      .fail
        mov     al, 3                   ; D:
        call    show
        mov     dl, 3
        mov     ah, 0x0E                ; select D:
        int     0x21
        mov     ah, 0x19
        int     0x21                    ; AL = the current drive
        call    show
        mov     al, 4                   ; E:
        call    show
        mov     ax, 0x4C00
        int     0x21
.fail:  call    status
        call    newline
        mov     ax, 0x4C01
        int     0x21

; Prints the CDS entry of drive AL (0 = A:): its path, or "not in use".
show:   push    ax
        mov     ah, 0x52
        int     0x21
        les     di, [es:bx+0x16]        ; the CDS array
        pop     ax
        mov     ah, 0x58
        mul     ah
        add     di, ax
        test    word [es:di+0x43], 0x4000
        jz      .unused
        call    putsz
        call    newline
        ret
.unused:
        print   unused
        call    newline
        ret

%include "lib.inc"
%include "internals.inc"

sub:    db      "SUB", 0
root:   db      "\", 0
ddata:  db      "D:\DATA", 0
unused: db      "not in use$"
