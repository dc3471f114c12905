; textattr: boots from a floppy and writes to the 80x25 text screen through INT 10h functions
; other than teletype:
;   AH=09h  "AAA" in yellow on blue (1Eh) at row 0, column 0, and three horizontal line
;           characters (C4h, light grey on black) at row 1, column 0
;   AH=13h  "Hello" in white on green (2Fh) at row 3, column 0, moving the cursor (AL=1);
;           then "ten", "eleven", "twelve" at rows 10, 11 and 12 in the same way
;   AH=06h  scroll rows 10-12 (all columns) up by one line, blank line in 07h
;   AH=06h  AL=0: clear rows 5-7, columns 10-19 to white on red (4Fh)
;   AH=02h  then the cursor to row 3, column 5
; Then AH=0Fh: the mode, columns and page go to the debug console as "M=03 W=50 P=00".
;
; nasm -f bin -o textattr.bin textattr.asm

%include "boot.inc"

main:   mov     dx, 0x0000
        mov     al, 'A'
        mov     bl, 0x1E
        call    chars
        mov     dx, 0x0100
        mov     al, 0xC4
        mov     bl, 0x07
        call    chars

        mov     bp, hello
        mov     cx, 5
        mov     dx, 0x0300
        call    string
        mov     bp, ten
        mov     cx, 3
        mov     dx, 0x0A00
        call    string
        mov     bp, eleven
        mov     cx, 6
        mov     dx, 0x0B00
        call    string
        mov     bp, twelve
        mov     cx, 6
        mov     dx, 0x0C00
        call    string

        mov     ax, 0x0601              ; scroll up one line
        mov     bh, 0x07
        mov     cx, 0x0A00              ; row 10, column 0
        mov     dx, 0x0C4F              ; row 12, column 79
        int     0x10
        mov     ax, 0x0600              ; clear the window
        mov     bh, 0x4F
        mov     cx, 0x050A              ; row 5, column 10
        mov     dx, 0x0713              ; row 7, column 19
        int     0x10
        mov     ah, 0x02
        mov     bh, 0
        mov     dx, 0x0305
        int     0x10

        mov     ah, 0x0F
        int     0x10
        push    bx
        push    ax
        mov     si, t_mode
        call    puts
        pop     ax
        push    ax
        call    puthex8                 ; AL: the mode
        mov     si, t_width
        call    puts
        pop     ax
        mov     al, ah
        call    puthex8                 ; AH: columns
        mov     si, t_page
        call    puts
        pop     bx
        mov     al, bh
        call    puthex8
        cli
        hlt

; Three of character AL in attribute BL at row DH, column DL through AH=09h.
chars:  push    ax
        mov     ah, 0x02
        mov     bh, 0
        int     0x10
        pop     ax
        mov     ah, 0x09
        mov     bh, 0
        mov     cx, 3
        int     0x10
        ret

; The CX characters at ES:BP in white on green at row DH, column DL through AH=13h, AL=1.
string: mov     ax, 0x1301
        mov     bx, 0x002F
        int     0x10
        ret

hello:  db "Hello"
ten:    db "ten"
eleven: db "eleven"
twelve: db "twelve"
t_mode:  db "M=", 0
t_width: db " W=", 0
t_page:  db " P=", 0
