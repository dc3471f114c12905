; keyshow.com: coloured text on the 80x25 screen, then one key from the BIOS, for the tests of
; dev.mvm.samples.window. Rows 0 to 2 are written straight into text memory at B800h, each in
; its own colours; row 3 asks for a key through DOS, which prints through INT 10h when the VM
; has no standard output. INT 16h AH=00h waits for the key; the program shows its character
; and returns it as the exit code.
        cpu     8086
        org     0x100

        mov     ax, 0x0003              ; mode 3: 80x25 colour text, cleared
        int     0x10
        cld
        mov     ax, 0xB800
        mov     es, ax
        xor     di, di                  ; row 0: yellow on blue
        mov     si, title
        mov     ah, 0x1E
        call    write
        mov     di, 1 * 160             ; row 1: bright white on red
        mov     si, alarm
        mov     ah, 0x4F
        call    write
        mov     di, 2 * 160             ; row 2: light green on black
        mov     si, calm
        mov     ah, 0x0A
        call    write

        mov     ah, 0x02                ; cursor to row 3, column 0 of page 0
        xor     bh, bh
        mov     dx, 0x0300
        int     0x10
        mov     dx, prompt
        mov     ah, 0x09
        int     0x21

        xor     ah, ah                  ; wait for a key: AL its character, AH its scan code
        int     0x16
        mov     [key], al
        mov     dx, answer
        mov     ah, 0x09
        int     0x21
        mov     al, [key]
        mov     ah, 0x4C                ; the key's character is the return code
        int     0x21

; Copies the zero-ended string at DS:SI to text memory at ES:DI, each character with the
; attribute in AH.
write:  lodsb
        test    al, al
        jz      .done
        stosw
        jmp     write
.done:  ret

title:  db      " MVM screen test ", 0
alarm:  db      " white on red ", 0
calm:   db      " green on black ", 0
prompt: db      "Press a key: $"
answer: db      13, 10, "You pressed "
key:    db      "?", 13, 10, "$"
