; pmgate: privilege levels (issue 15). From CPL 0 an IRETD drops to ring 3 (IOPL 3, so that
; ring 3 may print); ring 3 calls ring 0 through a 386 call gate of DPL 3 that copies one
; doubleword parameter; the ring-0 routine reports its CPL, the parameter and the ring-3
; SS:ESP the processor pushed on the ring-0 stack of TSS_A, and returns with RETF 4 to ring 3,
; which reports its CPL and that ESP is back where it was. Ring 3 then ends through INT 40h,
; a DPL-3 interrupt gate, since HLT is for ring 0. Lines:
;   "RING3 CPL 3"
;   "GATE CPL 0 PARAM 12345678 FROM 0023:0006FFFC ESP 00077FEC"
;   "BACK CPL 3 ESP 00070000"
;   "INT40 CPL 0 FROM 001B"
;   "DONE"
; nasm -f bin -o pmgate.bin pmgate.asm
%include "boot.inc"
main:   jmp     pm_enter
%include "pm.inc"

        bits    32
pm_main:
        mov     eax, ring0_entry                ; SPARE1: a 386 call gate, DPL 3, 1 parameter
        mov     [gdt + SPARE1], ax
        mov     word [gdt + SPARE1 + 2], CODE0
        mov     word [gdt + SPARE1 + 4], 0xEC01
        shr     eax, 16
        mov     [gdt + SPARE1 + 6], ax
        mov     eax, user
        mov     ecx, 3                          ; IOPL 3, so that ring 3 may print
        mov     edx, int40
        jmp     ring3

user:   mov     ax, DATA3
        mov     ds, ax
        mov     es, ax
        mov     esi, ring3_text
        call    print
        call    cpl
        call    newline
        push    dword 0x12345678
        call    SPARE1 | 3:0
        mov     esi, back_text
        call    print
        call    cpl
        mov     esi, esp_text
        call    print
        mov     eax, esp
        call    hex32
        call    newline
        int     0x40

ring0_entry:                                    ; [esp]: EIP, CS, the parameter, ESP, SS
        mov     esi, gate_text
        call    print
        call    cpl
        mov     esi, param_text
        call    print
        mov     eax, [esp + 8]
        call    hex32
        mov     esi, from_text
        call    print
        mov     eax, [esp + 16]
        call    hex16
        mov     al, ':'
        out     DEBUG, al
        mov     eax, [esp + 12]
        call    hex32
        mov     esi, esp_text
        call    print
        mov     eax, esp
        call    hex32
        call    newline
        retf    4

int40:  mov     esi, int40_text
        call    print
        call    cpl
        mov     esi, from_text
        call    print
        mov     eax, [esp + 4]                  ; the CS pushed
        call    hex16
        call    newline
        call    finish

cpl:    push    eax                             ; " CPL n" for the current CS
        mov     esi, cpl_text
        call    print
        mov     eax, cs
        and     al, 3
        add     al, '0'
        out     DEBUG, al
        pop     eax
        ret

ring3_text: db "RING3", 0
gate_text:  db "GATE", 0
back_text:  db "BACK", 0
int40_text: db "INT40", 0
cpl_text:   db " CPL ", 0
param_text: db " PARAM ", 0
from_text:  db " FROM ", 0
esp_text:   db " ESP ", 0
