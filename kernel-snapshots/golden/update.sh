#!/usr/bin/env bash
# Regenerates the golden audit reports from the cached snapshots. Review `git diff` before
# committing: every changed row must be explained by a change of the tool or of a rule.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${BUILD_DIR:-build}/bin/dcalias
# The author and date tests/lit/lit.cfg.py gives every test.
export GIT_AUTHOR_NAME="A Developer" GIT_AUTHOR_EMAIL=developer@example.org SOURCE_DATE_EPOCH=1700000000
for v in 5.10 6.1 6.12 7.2; do
  tree=$(kernel-snapshots/fetch.sh "$v")
  "$bin" audit "$tree" -q --format json -o "kernel-snapshots/golden/audit-$v.json"
  "$bin" audit "$tree" -q -o "kernel-snapshots/golden/audit-$v.txt"
done
# The golden patch series (tests/lit/patch-snapshot.test): 6.1 in both styles, 6.12 upstream.
t61=$(kernel-snapshots/fetch.sh 6.1)
t612=$(kernel-snapshots/fetch.sh 6.12)
for spec in "series-6.1-seed $t61 seed" "series-6.1-upstream $t61 upstream" "series-6.12-upstream $t612 upstream"; do
  read -r dir tree style <<<"$spec"
  rm -rf "kernel-snapshots/golden/$dir"
  "$bin" patch "$tree" --style "$style" --signoff -o "kernel-snapshots/golden/$dir" >/dev/null 2>&1
done
