#!/usr/bin/env bash
# make-d92576f1167c.sh TREE OUT: the FS_DAX exclusion of commit d92576f1167c
# ("dax: Disable DAX on architectures that can't support it"... as it reads in 6.1:
# depends on !(ARM || MIPS || SPARC)) re-added to a tree that no longer has it, as a unified
# diff of fs/Kconfig generated from the tree itself (no kernel text is stored here).
set -euo pipefail
tree=$1 out=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/a/fs" "$work/b/fs"
cp "$tree/fs/Kconfig" "$work/a/fs/Kconfig"
awk '{print} /^config FS_DAX$/{infs=1} infs && /^\tdepends on MMU$/{print "\tdepends on !(ARM || MIPS || SPARC)"; infs=0}' \
  "$tree/fs/Kconfig" > "$work/b/fs/Kconfig"
(cd "$work" && diff -u a/fs/Kconfig b/fs/Kconfig > "$out") || true
grep -q '^+	depends on !(ARM || MIPS || SPARC)' "$out"
