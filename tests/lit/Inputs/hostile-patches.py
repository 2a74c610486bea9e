#!/usr/bin/env python3
"""Writes the hostile patches of hostile-patch.test into DIR, against fixtures/audit-tree.

Each is a patch `git apply` refuses (or, for big.diff, one it takes): dcalias check must refuse
the same ones with a located error and exit 2, never apply part of one and report it clean.
"""
import os
import sys

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
HDR = "diff --git a/fs/Kconfig b/fs/Kconfig\n--- a/fs/Kconfig\n+++ b/fs/Kconfig\n"
CTX = " config FS_DAX\n"
patches = {
    # a path that leaves the tree
    "dotdot.diff": "diff --git a/../outside/Kconfig b/../outside/Kconfig\n"
                   "--- a/../outside/Kconfig\n+++ b/../outside/Kconfig\n@@ -1 +1,2 @@\n x\n+y\n",
    # a hunk that claims more lines than it has
    "counts.diff": HDR + "@@ -5,3 +5,4 @@\n" + CTX + "+\tdepends on X\n",
    # "---a/" without the space: not a header, so the hunk has none
    "nospace.diff": "---a/fs/Kconfig\n+++b/fs/Kconfig\n@@ -5 +5,2 @@\n" + CTX + "+\tdepends on X\n",
    # a creation of a file the tree has
    "exists.diff": "diff --git a/fs/Kconfig b/fs/Kconfig\nnew file mode 100644\n--- /dev/null\n"
                   "+++ b/fs/Kconfig\n@@ -0,0 +1 @@\n+config X\n",
    # headers and nothing else
    "headers.diff": HDR,
    # a hunk of no lines
    "zero.diff": HDR + "@@ -5,0 +5,0 @@\n",
    # an mbox whose second mail has no diff
    "nodiff.mbox": "From 1111111111111111111111111111111111111111 Mon Sep 17 00:00:00 2001\n"
                   "From: A <a@example.org>\nSubject: [PATCH 1/2] one\n\n---\n" + HDR +
                   "@@ -5,2 +5,3 @@\n" + CTX + "+\tdepends on X\n" +
                   " \tbool \"File system based Direct Access (DAX) support\"\n\n"
                   "From 2222222222222222222222222222222222222222 Mon Sep 17 00:00:00 2001\n"
                   "From: A <a@example.org>\nSubject: [PATCH 2/2] two\n\nno diff here\n",
}
for name, text in patches.items():
    with open(os.path.join(out, name), "w") as f:
        f.write(text)

# About 8 MB of added Kconfig lines in one hunk: the reader and check are linear in it.
n = 200000
with open(os.path.join(out, "big.diff"), "w") as f:
    f.write(HDR + "@@ -9,0 +10,%d @@\n" % (2 * n))
    for i in range(n):
        f.write("+config BIG_%d\n+\tbool \"big symbol %d of many\"\n" % (i, i))
