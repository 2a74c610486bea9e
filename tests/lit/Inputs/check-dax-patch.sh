#!/usr/bin/env bash
# check-dax-patch.sh NAME KIND OUTDIR: builds a patch against snapshot NAME from the tree itself
# and runs `dcalias check -p` with the DAX lint's build directory (prepare-dax.sh, lint-dax.sh).
#   KIND=new-touch: a memset() through the DAX kaddr added to copy_cow_page_dax()
#   KIND=flush:     flush_dcache_page() of the page added after dax_memzero()'s memset()
# Prints dcalias check's report (stdout) and summary (stderr); exits with its code.
set -euo pipefail
snap=$(cd "$(dirname "$0")/../../../kernel-snapshots" && pwd)
name=$1 kind=$2 out=$3
tree=$("$snap/fetch.sh" "$name")
obj=$("$snap/prepare-dax.sh" "$name")
"$snap/lint-dax.sh" "$name" -q -o /dev/null || true   # writes $obj/dcalias-lint
mkdir -p "$out/a/fs" "$out/b/fs"
cp "$tree/fs/dax.c" "$out/a/fs/dax.c"
case $kind in
  new-touch) awk '{print} /^\tvto = kmap_atomic\(vmf->cow_page\);$/{print "\tmemset(kaddr, 0, PAGE_SIZE);"}' ;;
  flush) awk '{print} /^\t+memset\(kaddr \+ offset, 0, size\);$/{match($0, /^\t+/); print substr($0, 1, RLENGTH) "flush_dcache_page(virt_to_page(kaddr));"}' ;;
esac < "$tree/fs/dax.c" > "$out/b/fs/dax.c"
(cd "$out" && diff -u a/fs/dax.c b/fs/dax.c > "$kind.diff") || true
grep -q '^+' "$out/$kind.diff" || { echo "check-dax-patch.sh: error: the $kind edit found no anchor in fs/dax.c" >&2; exit 2; }
exec dcalias check "$tree" --patch "$out/$kind.diff" -p "$obj/dcalias-lint"
