; pmtask: a task switch and back (issue 15). Task A (TSS_A, running pm_main) fills in TSS_B
; for task B and switches to it with a far CALL; task B reports its task register, NT and the
; back link the switch wrote into its TSS, then returns with IRETD (NT set: a task return);
; task A reports the task register, that B's TSS descriptor is available again, and the
; registers it kept. Then the same through a task gate with JMP, which links nothing: task B
; sees NT clear and ends the program itself. Lines:
;   "A TR 0028"
;   "B TR 0030 NT 1 LINK 0028"
;   "A TR 0028 TYPE 89 EBX CAFE0001 TS 1"
;   "B TR 0030 NT 0 LINK 0028"
;   "DONE"
; (TS: CR0.TS, which every task switch sets.)
; nasm -f bin -o pmtask.bin pmtask.asm
%include "boot.inc"
main:   jmp     pm_enter
%include "pm.inc"

        bits    32
pm_main:
        mov     dword [tss_b + 0x20], task_b    ; EIP
        mov     dword [tss_b + 0x24], 0x0002    ; EFLAGS
        mov     dword [tss_b + 0x38], 0x60000   ; ESP
        mov     dword [tss_b + 0x4C], CODE0     ; CS
        mov     eax, DATA0
        mov     [tss_b + 0x48], eax             ; ES
        mov     [tss_b + 0x50], eax             ; SS
        mov     [tss_b + 0x54], eax             ; DS
        mov     [tss_b + 0x58], eax             ; FS
        mov     [tss_b + 0x5C], eax             ; GS
        mov     word [tss_b + 0x66], 0x68       ; no I/O bitmap: ring 0 needs none
        mov     esi, a_text
        call    print
        call    show_tr
        call    newline
        mov     ebx, 0xCAFE0001
        call    TSS_B:0
        ; back in task A
        mov     esi, a_text
        call    print
        call    show_tr
        mov     esi, type_text
        call    print
        mov     al, [gdt + TSS_B + 5]
        call    hex8
        mov     esi, ebx_text
        call    print
        mov     eax, ebx
        call    hex32
        mov     esi, ts_text
        call    print
        mov     eax, cr0
        shr     eax, 3
        and     al, 1
        add     al, '0'
        out     DEBUG, al
        call    newline
        ; SPARE1: a task gate for TSS_B; B starts over from task_b
        mov     dword [tss_b + 0x20], task_b
        mov     dword [tss_b + 0x38], 0x60000
        mov     dword [tss_b + 0x24], 0x0002
        mov     dword [gdt + SPARE1], TSS_B << 16
        mov     dword [gdt + SPARE1 + 4], 0x00008500
        jmp     SPARE1:0

task_b: mov     esi, b_text
        call    print
        str     ax
        call    hex16
        mov     esi, nt_text
        call    print
        pushfd
        pop     eax
        shr     eax, 14
        and     al, 1
        push    eax
        add     al, '0'
        out     DEBUG, al
        mov     esi, link_text
        call    print
        mov     ax, [tss_b]
        call    hex16
        call    newline
        pop     eax
        test    al, al
        jz      .last
        mov     ebx, 0                  ; task A must get its own EBX back
        iretd
        jmp     task_b                  ; a later switch to B resumes here: start over
.last:  call    finish

show_tr:
        mov     esi, tr_text
        call    print
        push    eax
        str     ax
        call    hex16
        pop     eax
        ret

a_text:    db "A", 0
b_text:    db "B TR ", 0
tr_text:   db " TR ", 0
nt_text:   db " NT ", 0
link_text: db " LINK ", 0
type_text: db " TYPE ", 0
ebx_text:  db " EBX ", 0
ts_text:   db " TS ", 0
