#!/usr/bin/env bash
# The test command: installs what is needed, builds, fetches the real kernel snapshots
# (5.10, 6.1, 6.12 and 7.2, verified against kernel-snapshots/manifest.tsv) and runs every test
# (doctest unit tests and lit command-line tests, including the conf conformance subset),
# then short fuzzing runs of the readers of untrusted input.
set -euo pipefail
cd "$(dirname "$0")/.."
# The conformance tests run the trees' compiler probes, which compile /dev/null as C. A tool
# that renames its output to <name>.old (Kconfiglib's write_config, conf's conf_write) turns
# the device into a regular file when pointed at /dev/null; put the device back as root, or stop.
if [ ! -c /dev/null ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "test.sh: /dev/null was a regular file; restoring the device" >&2
    rm -f /dev/null && mknod -m 666 /dev/null c 1 3
  else
    echo "test.sh: error: /dev/null is not a character device; the compiler probes would all fail" >&2
    exit 2
  fi
fi
bash scripts/install-deps.sh
bash scripts/build.sh
# Fetch once up front (the lit tests would otherwise fetch them on first use).
for s in $(kernel-snapshots/fetch.sh --list); do kernel-snapshots/fetch.sh "$s" >/dev/null; done
for s in $(kernel-snapshots/fetch.sh --list); do
  export "DCALIAS_SNAPSHOT_${s//./_}=$(kernel-snapshots/fetch.sh "$s")"
done
(cd "${BUILD_DIR:-build}" && ctest --output-on-failure --timeout 1800)
# Short libFuzzer runs (ASan/UBSan) of the Kconfig parser, the .config reader, the patch reader and
# the rule loaders; longer runs: scripts/fuzz.sh N [TARGET...]
bash scripts/fuzz.sh "${DCALIAS_FUZZ_SECONDS:-30}"
