#!/usr/bin/env bash
# Builds the libFuzzer targets with clang-19 + ASan/UBSan into build-fuzz/ and runs the Kconfig
# parser fuzzer for ${1:-60} seconds, seeded with the Kconfig fixtures and the Kconfig files of
# every kernel snapshot (5.10 to 7.2). Exit status non-zero on a finding.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
[ -f build-fuzz/build.ninja ] || CC=clang-19 CXX=clang++-19 cmake -S . -B build-fuzz -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDCALIAS_FUZZ=ON > /dev/null
ninja -C build-fuzz kconfig_parser_fuzzer
corpus=build-fuzz/corpus
mkdir -p "$corpus"
find fixtures/kconfig -name Kconfig -exec cp -t "$corpus" --backup=numbered {} +
# Seeds: the Kconfig files of every snapshot in the manifest (each generation's syntax), or the
# trees named in $DCALIAS_FUZZ_SEED_TREE (colon-separated). Files are named by their content's
# hash, so a file the trees share is one seed.
if [ -n "${DCALIAS_FUZZ_SEED_TREE:-}" ]; then
  IFS=: read -r -a trees <<<"$DCALIAS_FUZZ_SEED_TREE"
else
  trees=()
  for s in $(kernel-snapshots/fetch.sh --list); do
    t=$(kernel-snapshots/fetch.sh "$s" 2>/dev/null) && trees+=("$t")
  done
fi
for t in "${trees[@]}"; do
  mapfile -t seeds < <(find "$t" -name 'Kconfig*' -size -64k | sort)
  # Every 4th file keeps the corpus (and the fuzzer's first pass over it) small.
  for ((i = 0; i < ${#seeds[@]}; i += 4)); do
    f=${seeds[$i]}
    cp "$f" "$corpus/$(md5sum <"$f" | cut -c1-16)"
  done
done
echo "fuzz.sh: $(ls "$corpus" | wc -l) seeds from ${#trees[@]} tree(s)" >&2
build-fuzz/bin/kconfig_parser_fuzzer -max_total_time="$secs" -max_len=65536 -timeout=10 \
  -rss_limit_mb=4096 "$corpus"
