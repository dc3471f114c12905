; pmv86: a virtual-8086 task (issue 15). From CPL 0 an IRETD with VM set in the EFLAGS image
; starts real-mode code at 0000:v86_code (IOPL 0, stack 6000:FFFE). Its INT 21h calls are
; IOPL-sensitive, so each raises #GP(0) into the monitor, which finds CD 21 at CS:IP in the
; V86 frame, serves AH=09h (print the $-terminated string at DS:DX) and AH=4Ch (report the
; exit code and end), steps over the INT and returns with IRETD. The V86 code also reads
; its segment registers to show they hold real-mode values (the monitor checks VM in the
; frame, and says "NOT INT 21H" for anything else). Lines:
;   "MONITOR INT 21 AH 09 FROM V86 0000:xxxx"   (the address of the INT)
;   "Hello from V86 mode"
;   "V86 CS 0000 SS 6000"
;   "MONITOR INT 21 AH 4C FROM V86 0000:xxxx"
;   "EXIT 2A"
;   "DONE"
; nasm -f bin -o pmv86.bin pmv86.asm
%include "boot.inc"
main:   jmp     pm_enter
%include "pm.inc"

        bits    32
pm_main:
        mov     eax, monitor
        mov     ebx, 13
        mov     ecx, 0x8E00
        call    set_gate
        push    dword 0                 ; GS
        push    dword 0                 ; FS
        push    dword 0                 ; DS
        push    dword 0                 ; ES
        push    dword 0x6000            ; SS
        push    dword 0xFFFE            ; ESP
        push    dword 0x00020002        ; EFLAGS: VM, IOPL 0
        push    dword 0                 ; CS
        push    dword v86_code          ; EIP
        iretd

; The monitor: [esp] error code, then EIP, CS, EFLAGS, ESP, SS, ES, DS, FS, GS of the V86 code.
monitor:
        push    eax
        mov     ax, DATA0
        mov     ds, ax
        mov     es, ax
        pop     eax
        test    dword [esp + 12], 0x20000
        jz      .foreign
        movzx   esi, word [esp + 8]     ; CS
        shl     esi, 4
        add     esi, [esp + 4]          ; + IP
        cmp     word [esi], 0x21CD
        jne     .foreign
        push    esi
        push    eax
        mov     esi, monitor_text
        call    print
        xchg    al, ah
        call    hex8
        mov     esi, from_text
        call    print
        mov     ax, [esp + 8 + 8]       ; CS, past the two saved registers
        call    hex16
        mov     al, ':'
        out     DEBUG, al
        mov     ax, [esp + 8 + 4]       ; IP
        call    hex16
        call    newline
        pop     eax
        pop     esi
        cmp     ah, 0x4C
        je      .exit
        cmp     ah, 0x09
        jne     .next
        movzx   esi, word [esp + 28]    ; DS
        shl     esi, 4
        movzx   edx, dx
        add     esi, edx
.putc:  mov     al, [esi]
        cmp     al, '$'
        je      .next
        out     DEBUG, al
        inc     esi
        jmp     .putc
.next:  add     dword [esp + 4], 2      ; past INT 21h
        add     esp, 4
        iretd
.exit:  mov     esi, exit_text
        call    print
        call    hex8
        call    newline
        call    finish
.foreign:
        mov     esi, foreign_text
        call    print
        call    finish

        bits    16
v86_code:
        mov     ah, 0x09
        mov     dx, hello
        int     0x21
        mov     dx, DEBUG
        mov     si, v86_text
.put:   lodsb
        test    al, al
        jz      .regs
        out     dx, al                  ; I/O in V86 mode goes by the I/O permission bitmap
        jmp     .put
.regs:  mov     ax, cs
        call    v86_hex16
        mov     si, ss_text
        call    v86_print
        mov     ax, ss
        call    v86_hex16
        mov     si, flags_text
        call    v86_print
        mov     ax, 0x4C2A
        int     0x21

v86_print:
        lodsb
        test    al, al
        jz      .done
        out     DEBUG, al
        jmp     v86_print
.done:  ret

v86_hex16:
        mov     cx, 4
.digit: rol     ax, 4
        push    ax
        and     al, 0x0F
        add     al, '0'
        cmp     al, '9'
        jbe     .out
        add     al, 'A' - '0' - 10
.out:   out     DEBUG, al
        pop     ax
        loop    .digit
        ret

hello:        db "Hello from V86 mode", 10, "$"
v86_text:     db "V86 CS ", 0
ss_text:      db " SS ", 0
flags_text:   db 10, 0
monitor_text: db "MONITOR INT 21 AH ", 0
from_text:    db " FROM V86 ", 0
exit_text:    db "EXIT ", 0
foreign_text: db "NOT INT 21H", 10, 0
