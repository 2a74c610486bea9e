#!/usr/bin/env python3
"""reach-vs-allyes.py AUDIT.json ALLYES_DIR: every DAX symbol that the conf-exact allyesconfig
of an ARCH enables must be reachable per the SAT answer of its arch directory (a 'no' that a
real configuration contradicts is a bug). Prints the counts; exits 1 on a contradiction."""
import json
import os
import sys

srcarch = {"x86_64": "x86", "i386": "x86", "sparc64": "sparc", "sparc32": "sparc",
           "parisc64": "parisc", "sh64": "sh"}
audit = json.load(open(sys.argv[1], encoding="utf-8"))
reach = {a["arch"]: {r["symbol"]: r["enabled_in_some_configuration"] for r in a["dax_reachability"]}
         for a in audit["arches"]}
checked = bad = 0
for arch in sorted(os.listdir(sys.argv[2])):
    text = open(os.path.join(sys.argv[2], arch, "allyesconfig.config"), encoding="utf-8").read()
    for sym, ok in reach.get(srcarch.get(arch, arch), {}).items():
        checked += 1
        if ("CONFIG_%s=y" % sym in text or "CONFIG_%s=m" % sym in text) and not ok:
            print("contradiction: allyesconfig of %s enables %s, SAT says unreachable" % (arch, sym))
            bad += 1
print("checked %d (arch, symbol) pairs against allyesconfig: %d contradictions" % (checked, bad))
sys.exit(1 if bad else 0)
