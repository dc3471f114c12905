; cpu386.com: 32-bit code in real mode, for the 80386 and later. It computes the CRC-32
; (IEEE 802.3, reflected, polynomial EDB88320h) of a string bit by bit with 32-bit shifts and
; XORs, then runs a 32-bit multiply and divide loop, and prints both results in hex:
;
;   CRC-32 414FA339
;   MULDIV C2373CC9
;
; (the CRC of "The quick brown fox jumps over the lazy dog" is the well-known 414FA339h; the
; loop's value is the XOR of the quotients and remainders of (i * 9E3779B1h) / (i + 7) for i
; from 1 to 1000, as 64 by 32-bit divides). Exits with code 0.
;
; nasm -f bin -o cpu386.com cpu386.asm

        cpu     386
        org     0x100

        mov     dx, crc_label
        mov     ah, 0x09
        int     0x21

        ; CRC-32 of the message, one bit at a time.
        mov     eax, 0xFFFFFFFF
        xor     ebx, ebx                ; EBX: index into the message, used as a 32-bit address
.byte:  movzx   edx, byte [ebx + message]
        xor     al, dl
        mov     cx, 8
.bit:   shr     eax, 1
        jnc     .next
        xor     eax, 0xEDB88320
.next:  loop    .bit
        inc     ebx
        cmp     ebx, message_end - message
        jb      .byte
        not     eax
        call    hex8

        mov     dx, muldiv_label
        mov     ah, 0x09
        int     0x21

        ; XOR of quotient and remainder of (i * 9E3779B1h) / (i + 7), i = 1 .. 1000.
        xor     esi, esi                ; the running XOR
        mov     ecx, 1
.step:  mov     eax, 0x9E3779B1
        mul     ecx                     ; EDX:EAX = i * 9E3779B1h
        lea     edi, [ecx + 7]
        div     edi                     ; EAX = quotient, EDX = remainder
        xor     esi, eax
        xor     esi, edx
        inc     ecx
        cmp     ecx, 1000
        jbe     .step
        mov     eax, esi
        call    hex8

        mov     ax, 0x4C00
        int     0x21

; Prints EAX as eight hex digits, then CR LF.
hex8:   mov     ebx, eax
        mov     cx, 8
.digit: rol     ebx, 4
        mov     dl, bl
        and     dl, 0x0F
        add     dl, '0'
        cmp     dl, '9'
        jbe     .out
        add     dl, 'A' - '0' - 10
.out:   mov     ah, 0x02
        int     0x21
        loop    .digit
        mov     dx, crlf
        mov     ah, 0x09
        int     0x21
        ret

crc_label:      db "CRC-32 $"
muldiv_label:   db "MULDIV $"
crlf:           db 13, 10, "$"
message:        db "The quick brown fox jumps over the lazy dog"
message_end:
