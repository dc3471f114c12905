; loader.com: EXEC without executing (4B01h) and the overlay load (4B03h). It loads
; CHILD.COM with 4B01h and checks what the parameter block says (CS = SS, IP = 100h, the
; start AX on the child's stack, the child now the current process); then runs it as a
; debugger does, with the child's terminate address pointing back at itself, and checks that
; it is the current process again and what the child returned. Then it loads OVERLAY.EXE
; into a block of its own with 4B03h, calls it, and prints how far into the block the
; relocated segment points.
;
; nasm -f bin -o loader.com loader.asm

        cpu     8086
        org     0x100

%include "macros.inc"

        shrink
        mov     [block + 4], cs
        mov     [block + 8], cs
        mov     [block + 12], cs
        mov     dx, child_name
        mov     bx, block
        mov     [saved_sp], sp
        mov     ax, 0x4B01
        int     0x21
        call    segments
        push    ax
        print   load_text
        pop     ax
        call    status

        mov     dx, bad
        mov     ax, [block + 0x14]      ; CS = SS for a .COM
        cmp     ax, [block + 0x10]
        jne     .checked
        cmp     word [block + 0x12], 0x100
        jne     .checked
        mov     es, [block + 0x10]      ; the start AX on the child's stack: no bad drives
        mov     di, [block + 0x0E]
        cmp     word [es:di], 0
        jne     .checked
        mov     ah, 0x62                ; the child is the current process now
        int     0x21
        cmp     bx, [block + 0x14]
        jne     .checked
        mov     dx, good
.checked:
        mov     ah, 0x09
        int     0x21
        call    newline

        mov     es, [block + 0x14]      ; run it; its end comes back to us
        mov     word [es:0x0A], back
        mov     [es:0x0C], cs
        mov     [saved_sp], sp
        cli
        mov     ss, [block + 0x10]
        mov     sp, [block + 0x0E]
        sti
        pop     ax                      ; the start AX
        push    word [cs:block + 0x14]
        push    word [cs:block + 0x12]
        mov     ds, [cs:block + 0x14]
        mov     es, [cs:block + 0x14]
        retf

back:   call    segments
        print   back_text
        mov     ah, 0x62                ; ourselves again
        int     0x21
        mov     dx, good
        mov     ax, cs
        cmp     bx, ax
        je      .us
        mov     dx, bad
.us:    mov     ah, 0x09
        int     0x21
        mov     ah, 0x4D
        int     0x21
        call    hex4
        call    newline

        mov     bx, 0x100               ; 4 KiB for the overlay
        mov     ah, 0x48
        int     0x21
        jc      .failed
        mov     [overlay_block], ax     ; load segment and relocation factor
        mov     [overlay_block + 2], ax
        mov     [overlay_entry + 2], ax
        mov     dx, overlay_name
        mov     bx, overlay_block
        mov     [saved_sp], sp
        mov     ax, 0x4B03
        int     0x21
        call    segments
        push    ax
        print   overlay_text
        pop     ax
        call    status
        jc      .failed
        call    far [overlay_entry]
        sub     ax, [overlay_block]
        call    hex4
        call    newline
        mov     es, [overlay_block]
        mov     ah, 0x49
        int     0x21
        call    status
        call    newline
        mov     ax, 0x4C00
        int     0x21
.failed:
        call    status
        mov     ax, 0x4C01
        int     0x21

; After EXEC: our stack and segments again, keeping AX and the flags.
segments:
        pop     word [cs:return]
        mov     bx, cs
        cli
        mov     ss, bx
        mov     sp, [cs:saved_sp]
        sti
        mov     ds, bx
        mov     es, bx
        jmp     [cs:return]

%include "lib.inc"

child_name:   db "CHILD.COM", 0
overlay_name: db "OVERLAY.EXE", 0
load_tail:    db 7, " loaded", 13
block:        dw 0                      ; the parent's environment
              dw load_tail, 0
              dw 0x5C, 0
              dw 0x6C, 0
              dw 0, 0                   ; 0Eh: SS:SP
              dw 0, 0                   ; 12h: CS:IP
overlay_block: dw 0, 0
overlay_entry: dw 0, 0
saved_sp:     dw 0
return:       dw 0
load_text:    db "load $"
back_text:    db "back $"
overlay_text: db "overlay $"
good:         db "ok $"
bad:          db "bad $"
program_end:

stack_top equ program_end + 512
