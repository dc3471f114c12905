; mailbox.com: the guest side of the mailbox example (dev.mvm.samples.vdd.MailboxExample). It
; talks to the host application through the MAILBOX VDD: INT 66h sends and receives, and the
; VDD's status port says how many messages wait.
;
;   1. Finds the VDD: vector 66h must be set, and its installation check (AH=00h) must answer
;      AX = 4D42h ("MB"); it also returns the status port in DX.
;   2. Sends the host the line "MAILBOX.COM is listening".
;   3. Waits for a message: reads the status port and, while it is zero, sleeps in HLT until
;      the next timer tick.
;   4. Receives the message (AH=02h). "QUIT" ends the loop; anything else is printed on
;      standard output as "host: <message>" and sent back in upper case (AH=01h).
;   5. Sends "bye, N answered" and exits with return code N.
;
; Without the VDD it says so and exits with return code 255; when a mailbox call fails it prints
; the error code and exits with return code 254.
;
; nasm -f bin -o mailbox.com mailbox.asm

        cpu     8086
        org     0x100

MAILBOX         equ     0x66            ; the VDD's interrupt vector
SIGNATURE       equ     0x4D42          ; AX after the installation check, "MB"
BUFFER_SIZE     equ     255             ; the longest message the VDD carries

start:
        mov     ax, 0x3500 + MAILBOX    ; DOS get vector: ES:BX
        int     0x21
        mov     ax, es
        or      ax, bx
        jz      absent                  ; 0000:0000, nobody there: calling it would crash
        xor     ax, ax                  ; AH=00h installation check
        int     MAILBOX
        cmp     ax, SIGNATURE
        jne     absent
        mov     [status_port], dx
        push    ds                      ; receive buffers are ES:DI: point ES at our segment
        pop     es
        cld

        mov     dx, listening
        mov     cx, listening_len
        call    send

wait_message:
        mov     dx, [status_port]
        in      al, dx                  ; how many messages wait
        test    al, al
        jnz     receive
        sti
        hlt                             ; none: sleep until the next timer tick, then look again
        jmp     wait_message

receive:
        mov     ah, 0x02                ; AH=02h receive into ES:DI, CX bytes at most
        mov     di, buffer
        mov     cx, BUFFER_SIZE
        int     MAILBOX
        jc      failed
        mov     [length], ax
        cmp     ax, 4
        jne     answer
        cmp     word [buffer], 'QU'
        jne     answer
        cmp     word [buffer + 2], 'IT'
        je      quit

answer:
        mov     dx, host_prefix         ; "host: <message>" CR LF on standard output
        mov     cx, host_prefix_len
        call    print
        mov     dx, buffer
        mov     cx, [length]
        call    print
        mov     dx, crlf
        mov     cx, 2
        call    print

        mov     si, buffer              ; upper-case the message in place: a..z only
        mov     cx, [length]
        jcxz    .reply
.upper: mov     al, [si]
        cmp     al, 'a'
        jb      .next
        cmp     al, 'z'
        ja      .next
        sub     al, 'a' - 'A'
        mov     [si], al
.next:  inc     si
        loop    .upper
.reply: mov     dx, buffer
        mov     cx, [length]
        call    send
        inc     byte [answered]
        jmp     wait_message

quit:
        mov     di, buffer              ; build "bye, N answered" in the buffer
        mov     si, bye
        mov     cx, bye_len
        rep     movsb
        mov     al, [answered]
        call    decimal
        mov     si, bye_tail
        mov     cx, bye_tail_len
        rep     movsb
        mov     cx, di
        sub     cx, buffer
        mov     dx, buffer
        call    send
        mov     ah, 0x4C                ; exit with the count as return code
        mov     al, [answered]
        int     0x21

absent:
        mov     dx, no_mailbox
        mov     ah, 0x09
        int     0x21
        mov     ax, 0x4CFF
        int     0x21

; A mailbox call failed with CF set: print "MAILBOX error XXh" and exit with 254.
failed:
        mov     bx, hex_digits
        mov     dl, al
        mov     cl, 4
        shr     al, cl
        xlat
        mov     [error_code], al
        mov     al, dl
        and     al, 0x0F
        xlat
        mov     [error_code + 1], al
        mov     dx, error_text
        mov     ah, 0x09
        int     0x21
        mov     ax, 0x4CFE
        int     0x21

; Sends CX bytes at DS:DX to the host; on failure exits through `failed`.
send:
        mov     ah, 0x01
        int     MAILBOX
        jc      failed
        ret

; Writes CX bytes at DS:DX to standard output.
print:
        mov     ah, 0x40
        mov     bx, 1
        int     0x21
        ret

; Stores AL in decimal at ES:DI, advancing DI.
decimal:
        xor     ah, ah
        mov     bl, 10
        xor     cx, cx
.divide:
        div     bl                      ; AL = quotient, AH = the next digit from the right
        mov     dl, ah
        add     dl, '0'
        push    dx
        inc     cx
        xor     ah, ah
        test    al, al
        jnz     .divide
.store: pop     ax
        stosb
        loop    .store
        ret

listening:      db      "MAILBOX.COM is listening"
listening_len   equ     $ - listening
host_prefix:    db      "host: "
host_prefix_len equ     $ - host_prefix
crlf:           db      13, 10
bye:            db      "bye, "
bye_len         equ     $ - bye
bye_tail:       db      " answered"
bye_tail_len    equ     $ - bye_tail
no_mailbox:     db      "The MAILBOX VDD is not installed (INT 66h).", 13, 10, "$"
error_text:     db      "MAILBOX error "
error_code:     db      "??h", 13, 10, "$"
hex_digits:     db      "0123456789ABCDEF"

answered:       db      0               ; messages answered so far
status_port:    dw      0
length:         dw      0               ; of the message in the buffer

        section .bss                    ; not in the file: a .COM owns its whole segment
buffer:         resb    BUFFER_SIZE
