#!/usr/bin/env bash
# Regenerates the golden audit reports from the cached snapshots. Review `git diff` before
# committing: every changed row must be explained by a change of the tool or of a rule.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${BUILD_DIR:-build}/bin/dcalias
for v in 6.1 6.12; do
  tree=$(kernel-snapshots/fetch.sh "$v")
  "$bin" audit "$tree" -q --format json -o "kernel-snapshots/golden/audit-$v.json"
  "$bin" audit "$tree" -q -o "kernel-snapshots/golden/audit-$v.txt"
done
