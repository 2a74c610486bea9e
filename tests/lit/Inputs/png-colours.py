#!/usr/bin/env python3
"""png-colours.py PAGE.png: decodes an 8-bit RGB/RGBA PNG (zlib and the five scanline filters,
no imaging library) and prints how many pixels have each of the report's outcome colours, so
a test can tell that the matrix is drawn in colour, not just present in the DOM."""
import struct
import sys
import zlib

data = open(sys.argv[1], "rb").read()
pos, idat, width = 8, b"", 0
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        width, height, depth, ctype = struct.unpack(">IIBB", body[:10])
        assert depth == 8 and ctype in (2, 6), "expected 8-bit RGB(A)"
        bpp = 3 if ctype == 2 else 4
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
raw = zlib.decompress(idat)
stride = width * bpp
prev = bytearray(stride)
colours = {"never": (0xcd, 0xec, 0xcd), "always": (0xf6, 0xc6, 0xc6), "runtime": (0xfd, 0xe3, 0xb0)}
counts = dict.fromkeys(colours, 0)
wanted = {v: k for k, v in colours.items()}
for y in range(height):
    f = raw[y * (stride + 1)]
    line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b = prev[i]
        c = prev[i - bpp] if i >= bpp else 0
        if f == 1:
            line[i] = (line[i] + a) & 255
        elif f == 2:
            line[i] = (line[i] + b) & 255
        elif f == 3:
            line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    for x in range(0, stride, bpp):
        k = wanted.get((line[x], line[x + 1], line[x + 2]))
        if k:
            counts[k] += 1
    prev = line
print(" ".join("%s=%s" % (k, "many" if v > 2000 else v) for k, v in counts.items()))
