; pm286: the 80286's protected mode (issue 15), run on the 80286 model. LMSW enters it; the
; GDT holds 80286 descriptors (the last word reserved, zero). A selector past the GDT's limit
; raises #GP through an 80286 interrupt gate with the selector as error code; an operand-size
; prefix, which the 80286 does not have, raises #UD; a far CALL to an 80286 TSS switches
; tasks and the other task's IRET (NT set) comes back. Lines:
;   "PM286 MSW FFF1"
;   "GP ERR 01F8"
;   "UD"
;   "TASK B TR 0020 LINK 0018"
;   "BACK TR 0018 BX BEEF"
;   "DONE"
; nasm -f bin -o pm286.bin pm286.asm
%include "boot.inc"

CODE    equ     0x08
DATA    equ     0x10
TSS_A   equ     0x18
TSS_B   equ     0x20

main:   cli
        lgdt    [gdt_ptr]
        lidt    [idt_ptr]
        mov     ax, 1
        lmsw    ax
        jmp     CODE:pm16

pm16:   mov     ax, DATA
        mov     ds, ax
        mov     es, ax
        mov     ss, ax
        mov     sp, 0x7000
        mov     si, msw_text
        call    puts
        smsw    ax
        call    puthex16
        call    newline
        mov     ax, 0x1F8
        mov     es, ax                  ; #GP(01F8h)
        db      0x66                    ; #UD: no operand-size prefix on the 80286
        nop
        mov     ax, TSS_A
        ltr     ax
        mov     word [tss_b + 0x0E], task_b     ; IP
        mov     word [tss_b + 0x10], 0x0002     ; FLAGS
        mov     word [tss_b + 0x1A], 0x6000     ; SP
        mov     word [tss_b + 0x22], DATA       ; ES
        mov     word [tss_b + 0x24], CODE       ; CS
        mov     word [tss_b + 0x26], DATA       ; SS
        mov     word [tss_b + 0x28], DATA       ; DS
        mov     bx, 0xBEEF
        call    TSS_B:0
        mov     si, back_text
        call    puts
        str     ax
        call    puthex16
        mov     si, bx_text
        call    puts
        mov     ax, bx
        call    puthex16
        call    newline
        mov     si, done_text
        call    puts
        hlt

task_b: mov     si, taskb_text
        call    puts
        str     ax
        call    puthex16
        mov     si, link_text
        call    puts
        mov     ax, [tss_b]
        call    puthex16
        call    newline
        xor     bx, bx
        iret

gp_handler:                             ; [sp]: error code, IP, CS, FLAGS
        mov     si, gp_text
        call    puts
        pop     ax
        call    puthex16
        call    newline
        mov     bp, sp
        add     word [bp], 2            ; past MOV ES,AX
        iret

ud_handler:
        mov     si, ud_text
        call    puts
        mov     bp, sp
        add     word [bp], 2            ; past the prefix and its NOP
        iret

newline:
        push    ax
        mov     al, 10
        out     DEBUG, al
        pop     ax
        ret

msw_text:   db "PM286 MSW ", 0
gp_text:    db "GP ERR ", 0
ud_text:    db "UD", 10, 0
taskb_text: db "TASK B TR ", 0
link_text:  db " LINK ", 0
back_text:  db "BACK TR ", 0
bx_text:    db " BX ", 0
done_text:  db "DONE", 10, 0

        align   8
gdt:    dw      0, 0, 0, 0
        dw      0xFFFF, 0, 0x9A00, 0                    ; 08h: code, base 0, 64 KiB
        dw      0xFFFF, 0, 0x9200, 0                    ; 10h: data, base 0, 64 KiB
        dw      0x2B, tss_a, 0x8100, 0                  ; 18h: 80286 TSS (task A)
        dw      0x2B, tss_b, 0x8100, 0                  ; 20h: 80286 TSS (task B)
gdt_end:
gdt_ptr:
        dw      gdt_end - gdt - 1
        dd      gdt

idt:    times 6 dw 0, 0, 0, 0
        dw      ud_handler, CODE, 0x8600, 0             ; 06h: 80286 interrupt gate
        times 6 dw 0, 0, 0, 0
        dw      gp_handler, CODE, 0x8600, 0             ; 0Dh
idt_end:
idt_ptr:
        dw      idt_end - idt - 1
        dd      idt

tss_a:  times 22 dw 0
tss_b:  times 22 dw 0
