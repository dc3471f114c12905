#!/usr/bin/env python3
"""Makes VVIDEO's code page 437 fonts (cp437-8x8.bin, cp437-8x14.bin, cp437-8x16.bin) from the
VGA console fonts of Debian's console-setup-linux package.

    apt-get download console-setup-linux            # 1.221 was used
    dpkg-deb -x console-setup-linux_*_all.deb pkg
    python3 make_cp437_fonts.py pkg/usr/share/consolefonts \
        ../src/main/resources/dev/mvm/vdd/std

Each output holds 256 glyphs in CP437 order, one byte per line, leftmost pixel in bit 7. For
each code the glyph whose primary Unicode mapping is the character CP437 shows there is taken,
from the first codeset that has one; the few glyphs that the VGA8/VGA14 fonts lack or get
wrong are drawn below. See FONTS-README.txt and FONTS-LICENSE.txt beside the outputs.
"""
import gzip
import struct
import sys

CODESETS = ['Uni2', 'Lat15', 'Uni1', 'Lat2', 'Lat7', 'Lat38', 'Greek', 'CyrSlav', 'FullCyrSlav',
            'FullGreek', 'CyrKoi', 'Hebrew', 'Arabic']

# CP437 as Unicode: 00h blank, 01h-1Fh and 7Fh the symbols the PC draws.
CP437 = [ord(bytes([i]).decode('cp437')) for i in range(256)]
CP437[0] = 0x20
for i, c in enumerate('\u0000\u263a\u263b\u2665\u2666\u2663\u2660\u2022\u25d8\u25cb\u25d9\u2642'
                      '\u2640\u266a\u266b\u263c\u25ba\u25c4\u2195\u203c\u00b6\u00a7\u25ac\u21a8'
                      '\u2191\u2193\u2192\u2190\u221f\u2194\u25b2\u25bc'):
    if i:
        CP437[i] = ord(c)
CP437[0x7F] = 0x2302

# Where a font has no glyph of its own for a character, the glyph of a look-alike.
ALIAS = {0x25BA: 0x25B6, 0x25C4: 0x25C0}

drawn = {
 8: {
  0x3B1: ["........","........",".###.##.","##.###..","##..#...","##.###..",".###.##.","........"],
  0x393: ["######..","##..##..","##......","##......","##......","##......","##......","........"],
  0x3C0: ["........","#######.",".##.##..",".##.##..",".##.##..",".##.##..",".##.##..","........"],
  0x3A3: ["######..","##......",".##.....","..##....",".##.....","##......","######..","........"],
  0x3C3: ["........","........",".######.","##.##...","##.##...","##.##...",".###....","........"],
  0x3C4: ["........",".###.##.","##.###..","...##...","...##...","...##...","...##...","........"],
  0x3A6: ["######..","..##....",".####...","##..##..",".####...","..##....","######..","........"],
  0x398: [".###....","##.##...","##...##.","#######.","##...##.",".##.##..","..###...","........"],
  0x3A9: ["..###...",".##.##..","##...##.","##...##.",".##.##..",".##.##..","###.###.","........"],
  0x3B4: ["...###..","..##....","...##...",".#####..","##..##..","##..##..",".####...","........"],
  0x3C6: ["........","........",".##.##..","#..#..#.","#..#..#.",".##.##..","##......","........"],
  0x3B5: ["..####..",".##.....","##......","#####...","##......",".##.....","..####..","........"],
  0x20A7: ["##### ..","##..##..","##..##..","#####.#.","##..###.","##...#..","##...##.","........"],
  0x2310: ["........","........","#######.","##......","##......","........","........","........"],
  0x221E: ["........","........",".##.##..","#..#..#.","#..#..#.",".##.##..","........","........"],
  0x2229: ["........",".####...","##..##..","##..##..","##..##..","##..##..","........","........"],
  0x2261: ["........","######..","........","######..","........","######..","........","........"],
 },
 14: {
  0xB6: ["........",".#######","##.##.##","##.##.##","##.##.##",".####.##","...##.##","...##.##","...##.##","...##.##","...##.##","........","........","........"],
  0x207F: ["........","##.##...",".##.##..",".##.##..",".##.##..",".##.##..","........","........","........","........","........","........","........","........"],
  0x20A7: ["........","#####...","##..##..","##..##..","#####.#.","##..###.","##...#..","##...#..","##...##.","##....#.","........","........","........","........"],
  0x2310: ["........","........","........","........","........","#######.","##......","##......","##......","........","........","........","........","........"],
  0x221E: ["........","........","........","........",".##.##..","#..#..#.","#..#..#.","#..#..#.",".##.##..","........","........","........","........","........"],
  0x2229: ["........","........","........",".####...","##..##..","##..##..","##..##..","##..##..","##..##..","##..##..","........","........","........","........"],
  0x2261: ["........","........","........","........","#######.","........","........","#######.","........","........","#######.","........","........","........"],
 },
}


def load(path):
    """Returns (height, glyphs, primary) of a PSF1 or PSF2 font: primary maps a code point to
    the glyph that lists it first in the Unicode table (not a substitute)."""
    data = gzip.open(path).read()
    primary = {}
    if data[:2] == b'\x36\x04':
        mode, height = data[2], data[3]
        count = 512 if mode & 1 else 256
        glyphs = [data[4 + i * height:4 + (i + 1) * height] for i in range(count)]
        table = data[4 + count * height:]
        glyph, position, sequence, i = 0, 0, False, 0
        while glyph < count and i + 1 < len(table):
            (u,) = struct.unpack('<H', table[i:i + 2])
            i += 2
            if u == 0xFFFF:
                glyph, position, sequence = glyph + 1, 0, False
            elif u == 0xFFFE:
                sequence = True
            elif not sequence:
                if position == 0:
                    primary.setdefault(u, glyph)
                position += 1
        return height, glyphs, primary
    _, _, header, flags, count, size, height, _ = struct.unpack('<8I', data[:32])
    glyphs = [data[header + i * size:header + (i + 1) * size] for i in range(count)]
    table = data[header + count * size:]
    glyph, position, sequence, i = 0, 0, False, 0
    while flags & 1 and glyph < count and i < len(table):
        b = table[i]
        if b == 0xFF:
            glyph, position, sequence, i = glyph + 1, 0, False, i + 1
            continue
        if b == 0xFE:
            sequence, i = True, i + 1
            continue
        length = 1 if b < 0x80 else 2 if b < 0xE0 else 3 if b < 0xF0 else 4
        u = ord(table[i:i + length].decode('utf-8'))
        i += length
        if not sequence:
            if position == 0:
                primary.setdefault(u, glyph)
            position += 1
    return height, glyphs, primary


def rows(pattern):
    out = bytearray()
    for line in pattern:
        value = 0
        for x, ch in enumerate(line[:8]):
            if ch == '#':
                value |= 0x80 >> x
        out.append(value)
    return bytes(out)


def build(directory, height):
    fonts = [load('%s/%s-VGA%d.psf.gz' % (directory, c, height)) for c in CODESETS]
    out = bytearray()
    for code, u in enumerate(CP437):
        if u in drawn.get(height, {}):
            out += rows(drawn[height][u])
            continue
        u = ALIAS.get(u, u)
        for h, glyphs, primary in fonts:
            if u in primary:
                out += glyphs[primary[u]][:h]
                break
        else:
            raise SystemExit('no glyph for U+%04X (code %02Xh) in the %d-line fonts'
                             % (u, code, height))
    out[0:height] = bytes(height)
    return bytes(out)


if __name__ == '__main__':
    source, target = sys.argv[1], sys.argv[2]
    for h in (8, 14, 16):
        with open('%s/cp437-8x%d.bin' % (target, h), 'wb') as f:
            f.write(build(source, h))
