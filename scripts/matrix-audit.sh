#!/usr/bin/env bash
# A CI matrix of N jobs, run here one after another as the matrix would run them on N machines:
# job I audits shard I/N of the tree's arches into shard-I.json (in the matrix: uploaded as an
# artifact), then a last job merges them (in the matrix: after downloading every artifact).
# The merge is what `dcalias audit TREE --format json` writes unsharded.
# Usage: scripts/matrix-audit.sh TREE N OUT.json [DCALIAS]
set -euo pipefail
tree=$1 n=$2 out=$3
d=${4:-$(cd "$(dirname "$0")/.." && pwd)/build/bin/dcalias}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
for ((i = 1; i <= n; i++)); do
  "$d" audit "$tree" --shard "$i/$n" -q -o "$work/shard-$i.json"   # matrix job i
done
"$d" merge "$work"/shard-*.json --format json -o "$out"              # the merge job
