#!/usr/bin/env python3
"""mainline-on-6.1.py TREE_6_1 TREE_6_12 OUT_DIFF: reconstructs mainline's generic
cpu_dcache_is_aliasing() change (v6.9) as a diff against 6.1, from the two snapshots (nothing of
the kernel is stored in this repository): the mm/Kconfig symbol and the include/linux/cacheinfo.h
fallback as 6.12 has them, and for every arch whose 6.12 Kconfig selects
ARCH_HAS_CPU_CACHE_ALIASING, that select (in sorted place) and its 6.12 asm/cachetype.h
definition (the whole 6.12 header where 6.1 has none)."""
import difflib
import os
import re
import sys

t61, t612, out = sys.argv[1:4]


def read(t, p):
    with open(os.path.join(t, p), encoding="utf-8", errors="surrogateescape") as f:
        return f.read().splitlines(keepends=True)


diffs = []


def emit(path, old, new, is_new=False):
    diffs.extend(difflib.unified_diff(old, new, "/dev/null" if is_new else "a/" + path, "b/" + path, n=3))


# mm/Kconfig: the block before ARCH_HAS_CACHE_LINE_SIZE.
m12 = read(t612, "mm/Kconfig")
i = next(k for k, l in enumerate(m12) if l.startswith("config ARCH_HAS_CPU_CACHE_ALIASING"))
block = []
j = i - 1
while j >= 0 and m12[j].startswith("#"):
    j -= 1
block = m12[j + 1:i + 2] + ["\n"]
m61 = read(t61, "mm/Kconfig")
at = next(k for k, l in enumerate(m61) if l.startswith("config ARCH_HAS_CACHE_LINE_SIZE"))
emit("mm/Kconfig", m61, m61[:at] + block + m61[at:])

# include/linux/cacheinfo.h: the fallback block before the final #endif.
c12 = read(t612, "include/linux/cacheinfo.h")
s = next(k for k, l in enumerate(c12) if l.startswith("#ifndef CONFIG_ARCH_HAS_CPU_CACHE_ALIASING"))
fall = c12[s:s + 5] + ["\n"]
c61 = read(t61, "include/linux/cacheinfo.h")
end = max(k for k, l in enumerate(c61) if l.startswith("#endif"))
emit("include/linux/cacheinfo.h", c61, c61[:end] + fall + c61[end:])

for arch in sorted(os.listdir(os.path.join(t612, "arch"))):
    k12 = os.path.join(t612, "arch", arch, "Kconfig")
    if not os.path.exists(k12) or "\tselect ARCH_HAS_CPU_CACHE_ALIASING\n" not in open(k12).read():
        continue
    if not os.path.exists(os.path.join(t61, "arch", arch, "Kconfig")):
        continue
    k61 = read(t61, "arch/%s/Kconfig" % arch)
    # The own entry: the first config with select lines; insert in sorted place.
    start = next(k for k, l in enumerate(k61) if l.startswith("config "))
    sel = [k for k in range(start + 1, len(k61)) if k61[k].startswith("\tselect ")]
    block_sel = []
    for k in sel:
        if block_sel and k != block_sel[-1] + 1 and not k61[k - 1].startswith("\t"):
            break
        block_sel.append(k)
    pos = next((k for k in block_sel if k61[k].split()[1] > "ARCH_HAS_CPU_CACHE_ALIASING"),
               block_sel[-1] + 1 if block_sel else start + 2)
    emit("arch/%s/Kconfig" % arch, k61, k61[:pos] + ["\tselect ARCH_HAS_CPU_CACHE_ALIASING\n"] + k61[pos:])
    h = "arch/%s/include/asm/cachetype.h" % arch
    h12 = read(t612, h)
    if os.path.exists(os.path.join(t61, h)):
        h61 = read(t61, h)
        define = [l for l in h12 if l.startswith("#define cpu_dcache_is_aliasing()")]
        end = max(k for k, l in enumerate(h61) if l.startswith("#endif"))
        emit(h, h61, h61[:end] + define + ["\n"] + h61[end:])
    else:
        emit(h, [], h12, is_new=True)

with open(out, "w", encoding="utf-8", errors="surrogateescape") as f:
    f.writelines(diffs)
