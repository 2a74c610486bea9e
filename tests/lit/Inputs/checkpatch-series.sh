#!/usr/bin/env bash
# checkpatch-series.sh TREE SERIES_DIR: the tree's own scripts/checkpatch.pl --strict on each
# patch (a test runs tree code only here, on purpose). Prints its findings, one per line,
# prefixed with the patch name.
set -uo pipefail
tree=$1 series=$2
for p in "$series"/*.patch; do
  case $p in */0000-cover-letter.patch) continue ;; esac
  perl "$tree/scripts/checkpatch.pl" --strict --no-tree -q "$p" 2>&1 |
    grep -E '^(ERROR|WARNING|CHECK)' | sed "s|^|$(basename "$p"): |"
done
exit 0
