#!/usr/bin/env bash
# The test command: installs what is needed, builds, fetches the real kernel snapshots
# (6.1 and 6.12, verified against kernel-snapshots/manifest.tsv) and runs every test
# (doctest unit tests and lit command-line tests, including the conf conformance subset),
# then a short fuzzing run of the Kconfig parser.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
# Fetch once up front (the lit tests would otherwise fetch them on first use).
for s in $(kernel-snapshots/fetch.sh --list); do kernel-snapshots/fetch.sh "$s" >/dev/null; done
DCALIAS_SNAPSHOT_6_1=$(kernel-snapshots/fetch.sh 6.1)
DCALIAS_SNAPSHOT_6_12=$(kernel-snapshots/fetch.sh 6.12)
export DCALIAS_SNAPSHOT_6_1 DCALIAS_SNAPSHOT_6_12
(cd "${BUILD_DIR:-build}" && ctest --output-on-failure --timeout 1800)
# A short libFuzzer run of the Kconfig lexer/parser (ASan/UBSan); longer runs: scripts/fuzz.sh N
bash scripts/fuzz.sh "${DCALIAS_FUZZ_SECONDS:-30}"
