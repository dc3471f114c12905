; rtc: boots from a floppy and reads the real-time clock twice, printing each reading to the
; debug console as "hh:mm:ss ccyy-mm-dd" (the clock's BCD digits as they are):
; first through INT 1Ah (AH=02h time, AH=04h date), then " / " and the same read from the
; MC146818 through ports 70h/71h (after waiting for the end of an update cycle), then " B="
; and register B in hex (02h: BCD, 24-hour mode).
;
; nasm -f bin -o rtc.bin rtc.asm

%include "boot.inc"

main:   mov     ah, 0x02
        int     0x1A
        jc      .fail
        mov     [hour], ch
        mov     [minute], cl
        mov     [second], dh
        mov     ah, 0x04
        int     0x1A
        jc      .fail
        mov     [century], ch
        mov     [year], cl
        mov     [month], dh
        mov     [day], dl
        call    show

        mov     si, slash
        call    puts
        cli                             ; no interrupt between index and data
.uip:   mov     al, 0x0A
        out     0x70, al
        in      al, 0x71
        test    al, 0x80                ; update in progress
        jnz     .uip
        mov     bx, registers
        mov     di, hour
.read:  mov     al, [bx]
        cmp     al, 0xFF
        je      .done
        out     0x70, al
        in      al, 0x71
        mov     [di], al
        inc     bx
        inc     di
        jmp     .read
.done:  sti
        call    show
        mov     si, reg_b
        call    puts
        mov     al, 0x0B
        out     0x70, al
        in      al, 0x71
        call    puthex8
        cli
        hlt
.fail:  mov     si, failed
        call    puts
        cli
        hlt

; Prints the reading: hh:mm:ss ccyy-mm-dd.
show:   mov     al, [hour]
        call    puthex8
        mov     al, ':'
        call    putc
        mov     al, [minute]
        call    puthex8
        mov     al, ':'
        call    putc
        mov     al, [second]
        call    puthex8
        mov     al, ' '
        call    putc
        mov     al, [century]
        call    puthex8
        mov     al, [year]
        call    puthex8
        mov     al, '-'
        call    putc
        mov     al, [month]
        call    puthex8
        mov     al, '-'
        call    putc
        mov     al, [day]
        call    puthex8
        ret

; The CMOS registers in the order of the variables below: hours, minutes, seconds, century,
; year, month, day of the month.
registers: db 0x04, 0x02, 0x00, 0x32, 0x09, 0x08, 0x07, 0xFF
hour:      db 0
minute:    db 0
second:    db 0
century:   db 0
year:      db 0
month:     db 0
day:       db 0
slash:     db " / ", 0
reg_b:     db " B=", 0
failed:    db "CF", 0
