#!/usr/bin/env bash
# apply-series.sh TREE SERIES_DIR WORK: copies the files the series touches out of TREE (read
# only) into a fresh git repository WORK, commits them, and runs `git am` on each patch in
# order, so that every patch applies on top of its predecessors alone (bisectable). Prints
# one line per applied patch; exits non-zero at the first that does not apply.
set -euo pipefail
tree=$1 series=$(cd "$2" && pwd) work=$3
rm -rf "$work"
mkdir -p "$work"
grep -h '^diff --git a/' "$series"/*.patch | sed 's|^diff --git a/\([^ ]*\) .*|\1|' | sort -u |
  while read -r f; do
    if [ -f "$tree/$f" ]; then
      mkdir -p "$work/$(dirname "$f")"
      cp "$tree/$f" "$work/$f"
    fi
  done
cd "$work"
git init -q
git -c user.name=base -c user.email=base@example.org add -A
git -c user.name=base -c user.email=base@example.org commit -qm base --allow-empty
for p in "$series"/*.patch; do
  case $p in */0000-cover-letter.patch) continue ;; esac # no diff: git send-email's, not git am's
  git -c user.name=am -c user.email=am@example.org am -q "$p"
  echo "applied $(basename "$p")"
done
