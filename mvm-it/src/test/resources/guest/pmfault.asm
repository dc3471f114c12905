; pmfault: descriptor faults and their error codes (issue 15). In protected mode at CPL 0 it
; loads segment registers with selectors that fault, each caught by a handler that records
; the vector, the error code and the EIP pushed, and steps over the two-byte MOV:
;   a not-present data segment into DS          -> "NP 0B ERR 00000040 AT MOV"
;   a selector past the GDT's limit into ES     -> "GP 0D ERR 000001F8 AT MOV"
;   DATA0 with RPL 3 into FS (RPL > DPL)        -> "GP 0D ERR 00000010 AT MOV"
;   a code segment into SS                      -> "GP 0D ERR 00000008 AT MOV"
; ("AT MOV" when the pushed EIP is the faulting instruction's, so that it could restart);
; then an LDT: LLDT, and FS loaded from it (TI set) reads memory at its base ->
;   "LDT 11223344"
; and an expand-down data segment (limit FFFh: offsets 1000h-FFFFh are valid) in GS, read
; at 2000h and then at 800h, below its limit ->
;   "UP 55667788"
;   "GP 0D ERR 00000000 AT MOV"
; then "DONE".
; nasm -f bin -o pmfault.bin pmfault.asm
%include "boot.inc"
main:   jmp     pm_enter
%include "pm.inc"

        bits    32
pm_main:
        mov     dword [gdt + SPARE1], 0x0000FFFF
        mov     dword [gdt + SPARE1 + 4], 0x00CF1200    ; data, DPL 0, not present
        mov     eax, np_entry
        mov     ebx, 11
        mov     ecx, 0x8E00
        call    set_gate
        mov     eax, gp_entry
        mov     ebx, 13
        call    set_gate

        mov     ax, SPARE1
np_at:  mov     ds, ax
        mov     eax, np_at
        call    report
        mov     ax, 0x1F8
gp_at:  mov     es, ax
        mov     eax, gp_at
        call    report
        mov     ax, DATA0 | 3
rpl_at: mov     fs, ax
        mov     eax, rpl_at
        call    report
        mov     ax, CODE0
ss_at:  mov     ss, ax
        mov     eax, ss_at
        call    report

        mov     word [gdt + SPARE2], ldt_end - ldt_table - 1
        mov     word [gdt + SPARE2 + 2], ldt_table
        mov     dword [gdt + SPARE2 + 4], 0x00008200            ; LDT, base below 64 KiB
        mov     ax, SPARE2
        lldt    ax
        mov     dword [0x12000], 0x11223344
        mov     ax, 0x0C                                        ; LDT entry 1, RPL 0
        mov     fs, ax
        mov     esi, ldt_text
        call    print
        mov     eax, [fs:0]
        call    hex32
        call    newline

        mov     dword [gdt + SPARE3], 0x00000FFF                ; limit FFFh, base 0
        mov     dword [gdt + SPARE3 + 4], 0x00009600            ; expand-down data, 16-bit
        mov     ax, SPARE3
        mov     gs, ax
        mov     dword [0x2000], 0x55667788
        mov     esi, up_text
        call    print
        mov     eax, [gs:0x2000]
        call    hex32
        call    newline
        mov     esi, 0x800
        mov     byte [skip], 3
down_at:
        mov     al, [gs:esi]                                    ; 65 8A 06: below the limit
        mov     eax, down_at
        call    report
        call    finish

; report: "NP|GP vv ERR eeeeeeee AT MOV|ELSEWHERE" for the fault just caught; EAX: where the
; faulting instruction was.
report: mov     esi, np_name
        cmp     byte [last_vector], 11
        je      .name
        mov     esi, gp_name
.name:  call    print
        push    eax
        mov     al, [last_vector]
        call    hex8
        mov     esi, err_text
        call    print
        mov     eax, [last_code]
        call    hex32
        pop     eax
        mov     esi, at_mov
        cmp     eax, [last_eip]
        je      .where
        mov     esi, elsewhere
.where: call    print
        ret

np_entry:
        mov     byte [last_vector], 11
        jmp     catch
gp_entry:
        mov     byte [last_vector], 13
catch:  pop     dword [last_code]
        push    eax
        mov     eax, [esp + 4]
        mov     [last_eip], eax
        pop     eax
        push    eax
        movzx   eax, byte [skip]
        add     [esp + 4], eax          ; past the MOV
        pop     eax
        iretd

skip:        db 2                       ; the length of the faulting instruction
last_vector: db 0
last_code:   dd 0
last_eip:    dd 0
ldt_text:    db "LDT ", 0
up_text:     db "UP ", 0
np_name:     db "NP ", 0
gp_name:     db "GP ", 0
at_mov:      db " AT MOV", 10, 0
elsewhere:   db " ELSEWHERE", 10, 0

        align   8
ldt_table:
        dq      0
        dq      0x00CF92012000FFFF      ; 1: data, base 12000h, 4 GiB
ldt_end:
