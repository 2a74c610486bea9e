#!/usr/bin/env python3
"""flip-bit.py OFFSET FILE...: flips the lowest bit of the byte at OFFSET of each FILE (a
corrupted cache entry, as a bad disk or a torn copy would leave it)."""
import sys

offset = int(sys.argv[1])
for path in sys.argv[2:]:
    with open(path, "r+b") as f:
        f.seek(offset)
        b = f.read(1)
        f.seek(offset)
        f.write(bytes([b[0] ^ 1]))
