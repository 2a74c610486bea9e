#!/usr/bin/env bash
# Runs the DAX lint on a snapshot: prepares the x86_64 build directory (prepare-dax.sh),
# writes compile_commands.json for the TUs of dax-tus.txt with `dcalias compdb`, then
# `dcalias lint`. Extra arguments go to dcalias lint (--format json, -o FILE, -j N).
#
#   lint-dax.sh [NAME] [dcalias lint options...]     NAME from manifest.tsv (default 6.1)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bin=${DCALIAS_BIN:-$(command -v dcalias || echo "$here/../build/bin/dcalias")}
name=6.1
if [ $# -gt 0 ] && [[ $1 != -* ]]; then name=$1; shift; fi
tree=$("$here/fetch.sh" "$name")
obj=$("$here/prepare-dax.sh" "$name")
db=$obj/dcalias-lint
mkdir -p "$db"
mapfile -t tus < <(grep -v '^#' "$here/dax-tus.txt" | grep . | while read -r f; do [ -f "$tree/$f" ] && echo "$f"; done)
"$bin" compdb "$tree" --arch x86_64 -O "$obj" "${tus[@]}" -o "$db/compile_commands.json"
exec "$bin" lint -p "$db" "$@"
