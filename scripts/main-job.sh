#!/usr/bin/env bash
# The main job: installs, builds, fetches the default snapshot (6.1) and runs `dcalias audit`
# on it: per architecture and CPU type, can the data cache alias, and must cache_is_aliasing()
# be absent, static or dynamic. The JSON report is written beside the text.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
tree=$(kernel-snapshots/fetch.sh "${1:-6.1}")
out=${BUILD_DIR:-build}/main-job
mkdir -p "$out"
echo "dcalias audit $tree"
build/bin/dcalias audit "$tree"
build/bin/dcalias audit "$tree" --format json -o "$out/audit.json"
echo "JSON report: $out/audit.json"
build/bin/dcalias patch "$tree" -o "$out/series" > /dev/null
echo "patch series: $out/series ($(ls "$out/series" | grep -vc cover-letter) patches and a cover letter)"
