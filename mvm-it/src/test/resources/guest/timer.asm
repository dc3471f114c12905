; timer: boots from a floppy and waits with HLT for 91 ticks of the BIOS tick count at 40:6Ch
; (IRQ 0 from the 8254's channel 0, counted by the built-in BIOS's INT 08h): about five
; seconds at 18.2065 Hz. It writes to the test's time-stamp port (320h) just after the tick it
; starts from and just after the last, so the test can measure the virtual time between them,
; and prints both counts to the debug console: "T:ssssssss-eeeeeeee" (hex, high word first).
;
; nasm -f bin -o timer.bin timer.asm

%include "boot.inc"

STAMP   equ     0x320
TICKS   equ     91

main:   call    next_tick               ; start on a tick edge
        mov     dx, STAMP
        out     dx, al
        mov     [first], ax
        mov     [first+2], cx
.wait:  call    next_tick
        sub     ax, [first]
        cmp     ax, TICKS
        jb      .wait
        mov     dx, STAMP
        out     dx, al
        cli
        mov     si, label
        call    puts
        mov     ax, [first+2]
        call    puthex16
        mov     ax, [first]
        call    puthex16
        mov     al, '-'
        call    putc
        mov     ax, [0x46E]
        call    puthex16
        mov     ax, [0x46C]
        call    puthex16
        hlt

; Waits with HLT until the tick count changes; returns it in CX:AX.
next_tick:
        mov     bx, [0x46C]
.idle:  sti
        hlt
        cli
        mov     ax, [0x46C]
        cmp     ax, bx
        je      .idle
        mov     cx, [0x46E]
        sti
        ret

label:  db "T:", 0
first:  dd 0
