; mode12: boots from a floppy, sets mode 12h (640x480, 16 colours, four planes) through INT 10h
; and draws by programming the graphics controller and the sequencer and writing video memory
; at A000:0000 directly (80 bytes a row, one bit a pixel in each plane, the leftmost pixel in
; bit 7). Each drawing is eight pixels of one row:
;   row 0  write mode 0, map mask 04h (plane 2): FFh             -> pixels 0-7 colour 4
;          and map mask 0Fh at the next byte: AAh                -> pixels 8,10,12,14 colour 15
;   row 1  write mode 0 with set/reset 0Eh enabled for all planes and bit mask F0h, after a
;          read that loads the latches                           -> pixels 0-3 colour 14
;   row 2  write mode 1: the latches loaded from row 0's first byte are copied
;                                                                -> pixels 0-7 colour 4
;   row 3  write mode 2: colour 9 with bit mask 81h              -> pixels 0 and 7 colour 9
;   row 4  write mode 3: set/reset 0Ch, the byte 3Ch as the mask -> pixels 2-5 colour 12
;   row 5  write mode 0, function XOR, data F0h against latches loaded from row 0's first byte
;          (plane 2 all ones)                                    -> pixels 0-3 colour 11,
;                                                                   pixels 4-7 colour 4
;   row 6  write mode 0, data 0Fh rotated right by four          -> pixels 0-3 colour 15
; Every other pixel stays 0. Then, in read mode 0 with read map select 2, it reads row 0's
; first byte back and prints "P2=" and it in hex ("P2=FF") to the debug console; and in read
; mode 1 (colour compare with colour 4) it prints " C=" and the bytes read from row 0's first
; and second byte comparing every plane (FFh, 00h), then the second comparing plane 2 only
; (AAh): " C=FF00AA".
;
; nasm -f bin -o mode12.bin mode12.asm

%include "boot.inc"

SEQ     equ     0x3C4
GC      equ     0x3CE

; Writes value to graphics controller register index.
%macro  gc 2
        mov     dx, GC
        mov     ax, (%2 << 8) | %1
        out     dx, ax
%endmacro

%macro  mapmask 1
        mov     dx, SEQ
        mov     ax, (%1 << 8) | 0x02
        out     dx, ax
%endmacro

ROW     equ     80

main:   mov     ax, 0x0012
        int     0x10
        mov     ax, 0xA000
        mov     es, ax

        ; row 0: plain writes through the map mask
        gc      0x05, 0x00              ; write mode 0
        gc      0x08, 0xFF              ; bit mask: every bit
        mapmask 0x04
        mov     byte [es:0], 0xFF
        mapmask 0x0F
        mov     byte [es:1], 0xAA

        ; row 1: set/reset through the bit mask; the latches keep the other pixels
        gc      0x00, 0x0E              ; set/reset: colour 14
        gc      0x01, 0x0F              ; enable set/reset on every plane
        gc      0x08, 0xF0
        mov     al, [es:ROW]
        mov     byte [es:ROW], 0x00     ; the data is ignored
        gc      0x01, 0x00
        gc      0x08, 0xFF

        ; row 2: write mode 1 copies the latches
        gc      0x05, 0x01
        mov     al, [es:0]
        mov     byte [es:2*ROW], 0x00
        
        ; row 3: write mode 2, the data is a colour
        gc      0x05, 0x02
        gc      0x08, 0x81
        mov     al, [es:3*ROW]
        mov     byte [es:3*ROW], 0x09
        gc      0x08, 0xFF

        ; row 4: write mode 3, the data ANDed with the bit mask selects set/reset's colour
        gc      0x05, 0x03
        gc      0x00, 0x0C
        mov     al, [es:4*ROW]
        mov     byte [es:4*ROW], 0x3C
        gc      0x00, 0x00

        ; row 5: write mode 0, XOR with the latches
        gc      0x05, 0x00
        gc      0x03, 0x18              ; function: XOR, no rotation
        mov     al, [es:0]
        mov     byte [es:5*ROW], 0xF0
        gc      0x03, 0x00

        ; row 6: write mode 0 with the data rotated right by 4
        gc      0x03, 0x04              ; rotate count 4, function: replace
        mov     byte [es:6*ROW], 0x0F
        gc      0x03, 0x00

        ; read plane 2 of row 0's first byte
        gc      0x04, 0x02              ; read map select
        mov     al, [es:0]
        push    ax
        gc      0x04, 0x00
        mov     si, plane
        call    puts
        pop     ax
        call    puthex8

        ; read mode 1: colour compare against colour 4, all planes, then plane 2 only
        mov     si, compare
        call    puts
        gc      0x02, 0x04              ; colour compare: 4
        gc      0x07, 0x0F              ; colour don't care: compare every plane
        gc      0x05, 0x08              ; read mode 1, write mode 0
        mov     al, [es:0]
        call    puthex8
        mov     al, [es:1]
        call    puthex8
        gc      0x07, 0x04              ; compare plane 2 only
        mov     al, [es:1]
        call    puthex8
        gc      0x05, 0x00
        cli
        hlt

plane:   db "P2=", 0
compare: db " C=", 0
