; Protected mode as a flat 32-bit BIOS uses it (ProtectedModeTest). Loaded at 1000:0000
; (linear 10000h) and started there in real mode on the 80386/80486; ends in a HLT back in
; real mode. Each step leaves a doubleword in the results table at 10000h + results:
;   0  a doubleword written and read back at 100000h (above 1 MiB) through a flat segment
;   1  the value a 32-bit CALL/RET left in ECX (the subroutine ran)
;   2  the ESP a 32-bit INT 30h handler saw, before pushing anything (pushed 12 bytes)
;   3  the error code of the #GP raised by loading DS with a selector past the GDT's limit
;   4  the EIP pushed for that #GP (the faulting MOV: it is restarted after the handler)
;   5  the doubleword at 100000h read again in real mode through DS's 4 GiB cached limit
;   6  CR0 read in real mode after PE was cleared
BASE equ 0x10000

bits 16
start:
    cli
    o32 lgdt [cs:gdt_desc]
    o32 lidt [cs:idt_desc]
    mov eax, cr0
    or al, 1
    mov cr0, eax
    jmp dword 0x08:BASE + pm32    ; into the 32-bit code segment

bits 32
pm32:
    mov ax, 0x10
    mov ds, ax
    mov es, ax
    mov ss, ax
    mov esp, 0x200000
    mov dword [0x100000], 0x12345678
    mov eax, [0x100000]
    mov [BASE + results + 0], eax
    call sub1
    mov [BASE + results + 4], ecx
    int 0x30
    mov ax, 0x58                  ; index 11: past the GDT's limit
faulting:
    mov ds, ax                    ; #GP(58h); the handler skips it
    jmp 0x18:pm16                 ; the 16-bit code segment has base 10000h

sub1:
    mov ecx, 0xC0FFEE
    ret

int30:
    mov [BASE + results + 8], esp
    iretd

gp:
    pop dword [BASE + results + 12]   ; the error code
    mov eax, [esp]
    mov [BASE + results + 16], eax
    add dword [esp], 2                ; past the two bytes of MOV DS,AX
    iretd

bits 16
pm16:
    mov ax, 0x20                  ; 16-bit data, base 0, limit 4 GiB
    mov ds, ax
    mov eax, cr0
    and al, 0xFE
    mov cr0, eax
    jmp 0x1000:real16
real16:
    xor ax, ax
    mov ds, ax                    ; real mode: base 0, the 4 GiB limit stays
    mov eax, [dword 0x100000]
    mov [dword BASE + results + 20], eax
    mov eax, cr0
    mov [dword BASE + results + 24], eax
    hlt

align 8
gdt:
    dq 0
    dq 0x00CF9A000000FFFF         ; 08h: 32-bit code, base 0, 4 GiB
    dq 0x00CF92000000FFFF         ; 10h: data, base 0, 4 GiB
    dq 0x00009A010000FFFF         ; 18h: 16-bit code, base 10000h, 64 KiB
    dq 0x008F92000000FFFF         ; 20h: 16-bit data, base 0, 4 GiB
gdt_end:

idt:
    times 13 dq 0
    dw gp, 0x08, 0x8E00, 0x0001                              ; 0Dh: interrupt gate
    times 0x30 - 14 dq 0
    dw int30, 0x08, 0x8F00, 0x0001                           ; 30h: trap gate
idt_end:

gdt_desc:
    dw gdt_end - gdt - 1
    dd BASE + gdt
idt_desc:
    dw idt_end - idt - 1
    dd BASE + idt

align 4
results:
    times 7 dd 0xFFFFFFFF
