#!/usr/bin/env bash
# kbuild-c2.sh NAME TARGET: the kernel's own source-checker hook with dcalias as CHECK, on the
# snapshot's prepared x86_64 build directory (prepare-dax.sh): make C=2 CHECK="dcalias cc-lint"
# CHECKFLAGS= TARGET (C=2 checks even when the object is up to date).
set -euo pipefail
snap=$(cd "$(dirname "$0")/../../../kernel-snapshots" && pwd)
tree=$("$snap/fetch.sh" "$1")
obj=$("$snap/prepare-dax.sh" "$1")
# A single-target build of an up-to-date object skips the check: rebuild it (in the build
# directory, not the tree).
rm -f "$obj/$2"
exec make -C "$tree" O="$obj" ARCH=x86_64 C=2 CHECK="$(command -v dcalias) cc-lint" CHECKFLAGS= "$2"
