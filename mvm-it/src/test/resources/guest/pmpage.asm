; pmpage: paging (issue 15). A page directory at 20000h with one page table at 21000h maps
; the first 4 MiB one to one, except the page at 300000h, which is not present. With paging
; on, a write there raises #PF; the handler reports CR2 and the error code, maps the page to
; the frame at 200000h and returns, restarting the write, which now succeeds: the value can
; be read at both 300010h and, through the identity map, at 200010h. The page-table entry then
; has its accessed and dirty bits set. Ring 3 next reads a supervisor page (#PF, error code
; 5: present, read, user) and the program ends. Lines:
;   "PF CR2 00300010 ERR 00000002"
;   "READ CAFEBABE ALIAS CAFEBABE PTE 00200063"
;   "PF CR2 00021000 ERR 00000005"
;   "DONE"
; nasm -f bin -o pmpage.bin pmpage.asm
%include "boot.inc"
main:   jmp     pm_enter
%include "pm.inc"

PD      equ     0x20000
PT      equ     0x21000

        bits    32
pm_main:
        mov     edi, PD
        xor     eax, eax
        mov     ecx, 1024
        rep     stosd
        mov     dword [PD], PT | 7              ; present, writable, user
        mov     edi, PT
        mov     eax, 7
        mov     ecx, 1024
.map:   stosd
        add     eax, 0x1000
        loop    .map
        mov     dword [PT + 0x300 * 4], 0       ; 300000h: not present
        mov     dword [PT + 0x21 * 4], PT | 3   ; the page table itself: supervisor only
        mov     eax, pf_handler
        mov     ebx, 14
        mov     ecx, 0x8E00
        call    set_gate
        mov     eax, PD
        mov     cr3, eax
        mov     eax, cr0
        or      eax, 0x80000000
        mov     cr0, eax
        jmp     .paged
.paged: mov     dword [0x300010], 0xCAFEBABE    ; #PF, then restarted
        mov     esi, read_text
        call    print
        mov     eax, [0x300010]
        call    hex32
        mov     esi, alias_text
        call    print
        mov     eax, [0x200010]
        call    hex32
        mov     esi, pte_text
        call    print
        mov     eax, [PT + 0x300 * 4]
        call    hex32
        call    newline
        mov     eax, user
        mov     ecx, 3                          ; IOPL 3, so that ring 3 may print
        mov     edx, int40
        jmp     ring3

user:   mov     ax, DATA3
        mov     ds, ax
        mov     eax, [PT]                       ; a supervisor page: #PF
        int     0x40

pf_handler:
        mov     esi, pf_text
        call    print
        mov     eax, cr2
        call    hex32
        mov     esi, err_text
        call    print
        mov     eax, [esp]
        call    hex32
        call    newline
        test    byte [esp], 4
        jnz     .user
        mov     dword [PT + 0x300 * 4], 0x200000 | 3
        add     esp, 4
        iretd
.user:  call    finish

int40:  call    finish

pf_text:    db "PF CR2 ", 0
read_text:  db "READ ", 0
alias_text: db " ALIAS ", 0
pte_text:   db " PTE ", 0
