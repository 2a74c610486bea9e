#!/usr/bin/env bash
# ci-check-patch.sh BASE [OUT.sarif]: what a CI bot runs in a kernel git checkout (the current
# directory): the commits BASE..HEAD as a git format-patch series, checked by `dcalias check`
# against the tree at BASE (a worktree in a scratch directory: the checkout is not touched).
# Writes SARIF (default dcalias.sarif) for code-scanning upload and prints the text report.
# Exit code: dcalias check's (0 clean, 1 a warning, 2 bad input).
set -euo pipefail
base=$1
out=${2:-dcalias.sarif}
dcalias=${DCALIAS:-dcalias}
scratch=$(mktemp -d)
trap 'git worktree remove --force "$scratch/base" > /dev/null 2>&1 || true; rm -rf "$scratch"' EXIT
git format-patch --stdout "$base..HEAD" > "$scratch/series.mbox"
git worktree add --detach "$scratch/base" "$base" > /dev/null 2>&1
status=0
"$dcalias" check "$scratch/base" --patch "$scratch/series.mbox" --format sarif -o "$out" || status=$?
"$dcalias" check "$scratch/base" --patch "$scratch/series.mbox" || true
exit "$status"
