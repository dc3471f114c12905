; sft.com: the tables behind the list of lists that describe drives and open files. The drive
; parameter block of the current drive, found by walking the DPB chain (52h, 00h): its bytes
; per sector. The system file table (52h, 04h), walked block by block to the entry a handle's
; job file table slot names: for a new file its name, reference count, open mode, device bit,
; then the count after a DUP, size and position after a write of 5 bytes, the count after
; both handles are closed; and the entry behind standard output (CON, a device).
;
; nasm -f bin -o sft.com sft.asm

        cpu     8086
        org     0x100

%include "macros.inc"

        mov     ah, 0x19
        int     0x21
        mov     dl, al                  ; the current drive
        mov     ah, 0x52
        int     0x21
        mov     [lol], bx
        mov     [lol + 2], es
        les     di, [es:bx]
        mov     cx, 26
.dpb:   cmp     [es:di], dl
        je      .found
        cmp     word [es:di + 0x19], 0xFFFF
        je      .nodpb
        les     di, [es:di + 0x19]
        loop    .dpb
.nodpb: print   nodpb
        call    newline
        jmp     .files
.found: print   dpb
        mov     ax, [es:di + 2]
        call    hex4
        call    newline

.files: mov     dx, file
        xor     cx, cx
        mov     ah, 0x3C
        int     0x21
        mov     [handle], ax
        call    entry
        mov     al, 11                  ; the name in FCB form
        call    field
        mov     ax, [es:di]             ; references
        call    hex4
        mov     ax, [es:di + 2]         ; open mode
        call    hex4
        call    kind
        call    newline

        mov     bx, [handle]
        mov     ah, 0x45
        int     0x21
        mov     [copy], ax
        call    entry
        mov     ax, [es:di]
        call    hex4
        mov     bx, [handle]
        mov     cx, 5
        mov     dx, file
        mov     ah, 0x40
        int     0x21
        call    entry
        mov     ax, [es:di + 0x11]      ; size
        call    hex4
        mov     ax, [es:di + 0x15]      ; position
        call    hex4
        push    es
        push    di
        mov     bx, [copy]
        mov     ah, 0x3E
        int     0x21
        mov     bx, [handle]
        mov     ah, 0x3E
        int     0x21
        pop     di
        pop     es
        mov     ax, [es:di]             ; no references left
        call    hex4
        call    newline

        mov     word [handle], 1
        call    entry
        mov     al, 11
        call    field
        call    kind
        call    newline
        mov     dx, file
        mov     ah, 0x41
        int     0x21
        mov     ax, 0x4C00
        int     0x21

; ES:DI = the SFT entry of [handle], through the PSP's job file table and the SFT blocks.
entry:  push    ds
        lds     si, [0x34]              ; the job file table
        add     si, [cs:handle]
        mov     al, [si]
        pop     ds
        xor     ah, ah
        les     di, [lol]
        les     di, [es:di + 4]         ; the first SFT block
.block: cmp     ax, [es:di + 4]
        jb      .here
        sub     ax, [es:di + 4]
        les     di, [es:di]
        jmp     .block
.here:  mov     cl, 0x3B
        mul     cl
        add     di, ax
        add     di, 6
        ret

; Prints AL characters of the entry's name field and a space.
field:  push    di
        mov     cl, al
        xor     ch, ch
        add     di, 0x20
.char:  mov     dl, [es:di]
        mov     ah, 0x02
        int     0x21
        inc     di
        loop    .char
        mov     dl, ' '
        int     0x21
        pop     di
        ret

; Prints "device" or "file" from bit 7 of the entry's device information word.
kind:   test    byte [es:di + 5], 0x80
        jz      .file
        print   device
        ret
.file:  print   disk
        ret

%include "lib.inc"

lol:    dd      0
handle: dw      0
copy:   dw      0
file:   db      "SFTTEST.TXT", 0
dpb:    db      "dpb $"
nodpb:  db      "no dpb$"
device: db      "device$"
disk:   db      "file$"
