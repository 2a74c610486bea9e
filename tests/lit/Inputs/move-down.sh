#!/usr/bin/env bash
# move-down.sh SRC DST N: copies the lint fixtures with N blank lines prepended to each C file.
set -euo pipefail
src=$1 dst=$2 n=$3
mkdir -p "$dst"
cp "$src/kernel.h" "$dst/"
for f in "$src"/*.c; do
  { for _ in $(seq "$n"); do echo; done; cat "$f"; } > "$dst/$(basename "$f")"
done
