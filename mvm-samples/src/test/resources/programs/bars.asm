; bars.com: the 320x200 graphics of mode 13h, for the window test of dev.mvm.samples.window.
; The screen is 16 blocks of the default palette's first 16 colours: colour x/40 in the top
; half, x/40 + 8 in the bottom half. The last pixel drawn, bottom right, is white (colour 15),
; so a host that sees it knows the picture is complete. Then INT 16h AH=00h waits for a key,
; whose character becomes the return code.
        cpu     8086
        org     0x100

        mov     ax, 0x0013              ; mode 13h: 320x200, 256 colours, one byte a pixel
        int     0x10
        cld
        mov     ax, 0xA000
        mov     es, ax
        xor     di, di
        mov     bl, 40
        xor     dx, dx                  ; DX: row
.row:   xor     cx, cx                  ; CX: column
.pixel: mov     ax, cx
        div     bl                      ; AL = column / 40
        cmp     dx, 100
        jb      .top
        add     al, 8
.top:   stosb
        inc     cx
        cmp     cx, 320
        jb      .pixel
        inc     dx
        cmp     dx, 200
        jb      .row

        xor     ah, ah                  ; wait for a key
        int     0x16
        mov     ah, 0x4C                ; its character is the return code
        int     0x21
