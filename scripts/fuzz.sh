#!/usr/bin/env bash
# Builds the libFuzzer targets with clang-19 + ASan/UBSan into build-fuzz/ and runs the Kconfig
# parser fuzzer for ${1:-60} seconds, seeded with the Kconfig fixtures (and a kernel tree's
# Kconfig files when $DCALIAS_FUZZ_SEED_TREE is set). Exit status non-zero on a finding.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
[ -f build-fuzz/build.ninja ] || CC=clang-19 CXX=clang++-19 cmake -S . -B build-fuzz -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDCALIAS_FUZZ=ON > /dev/null
ninja -C build-fuzz kconfig_parser_fuzzer
corpus=build-fuzz/corpus
mkdir -p "$corpus"
find fixtures/kconfig -name Kconfig -exec cp -t "$corpus" --backup=numbered {} +
if [ -n "${DCALIAS_FUZZ_SEED_TREE:-}" ]; then
  mapfile -t seeds < <(find "$DCALIAS_FUZZ_SEED_TREE" -name 'Kconfig*' -size -64k | sort)
  for f in "${seeds[@]:0:400}"; do cp "$f" "$corpus/$(echo "$f" | md5sum | cut -c1-16)"; done
fi
build-fuzz/bin/kconfig_parser_fuzzer -max_total_time="$secs" -max_len=65536 -timeout=10 \
  -rss_limit_mb=4096 "$corpus"
