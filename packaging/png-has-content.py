#!/usr/bin/env python3
"""Checks that a screenshot PNG has content: a real size, many colours, and text-like detail rather than
one flat fill. Prints a one-line description; exits 1 if the image looks blank. Python 3 standard library
only (used by packaging/test-deb.sh on the host)."""
import struct
import sys
import zlib


def read_png(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat = 8, b""
    while pos < len(data):
        (n,) = struct.unpack(">I", data[pos:pos + 4])
        kind, chunk = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", chunk[:10])
        elif kind == b"IDAT":
            idat += chunk
    if depth != 8 or colour not in (2, 6):
        raise ValueError("unexpected PNG format")
    bpp = 4 if colour == 6 else 3
    raw, stride = zlib.decompress(idat), width * bpp
    rows, prev, k = [], bytearray(stride), 0
    for _ in range(height):
        f = raw[k]
        line = bytearray(raw[k + 1:k + 1 + stride])
        k += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows


def main():
    width, height, bpp, rows = read_png(sys.argv[1])
    colours, edges = set(), 0
    for row in rows:
        for x in range(0, width * bpp, bpp):
            colours.add(row[x:x + 3])
            if x and abs(row[x] - row[x - bpp]) > 40:
                edges += 1
    ok = width >= 320 and height >= 480 and len(colours) >= 16 and edges >= 2000
    print(f"{width}x{height}, {len(colours)} colours, {edges} sharp edges"
          + ("" if ok else " (looks blank)"))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
