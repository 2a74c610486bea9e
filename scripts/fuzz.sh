#!/usr/bin/env bash
# Builds the libFuzzer targets with clang-19 + ASan/UBSan into build-fuzz/ and runs each for
# ${1:-60} seconds (all of them, or the ones named after the seconds):
#   kconfig_parser  the Kconfig lexer/parser and macro expander, seeded with the fixtures and
#                   the Kconfig files of every kernel snapshot (each generation's syntax)
#   config_reader   the .config/defconfig reader and writers, seeded with the fixtures' configs
#                   and the snapshots' arch/*/configs files
#   patch_reader    the patch/mbox reader, seeded with fuzz/seeds/patch-reader
#   rule_file       every rule file loader, seeded with rules/
# Snapshots: those of the manifest, or the trees named in $DCALIAS_FUZZ_SEED_TREE
# (colon-separated). Exit status non-zero on a finding (the input is left in build-fuzz/). An input
# running longer than $DCALIAS_FUZZ_TIMEOUT seconds (default 10) is a hang; raise it for long runs on
# a loaded machine, where a starved process is not a hang.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(kconfig_parser config_reader patch_reader rule_file)
[ -f build-fuzz/build.ninja ] || CC=clang-19 CXX=clang++-19 cmake -S . -B build-fuzz -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDCALIAS_FUZZ=ON > /dev/null
ninja -C build-fuzz "${targets[@]/%/_fuzzer}"

if [ -n "${DCALIAS_FUZZ_SEED_TREE:-}" ]; then
  IFS=: read -r -a trees <<<"$DCALIAS_FUZZ_SEED_TREE"
else
  trees=()
  for s in $(kernel-snapshots/fetch.sh --list); do
    t=$(kernel-snapshots/fetch.sh "$s" 2>/dev/null) && trees+=("$t")
  done
fi

# seed DIR FILE...: files named by their content's hash, so a file the trees share is one seed.
seed() {
  local dir=$1 f
  shift
  for f in "$@"; do cp "$f" "$dir/$(md5sum <"$f" | cut -c1-16)"; done
}
# every_nth N: every Nth line of stdin, which keeps a corpus (and the first pass over it) small.
every_nth() { awk -v n="$1" 'NR % n == 1'; }

for t in "${targets[@]}"; do
  corpus=build-fuzz/corpus/$t
  mkdir -p "$corpus"
  case $t in
    kconfig_parser)
      mapfile -t files < <(find fixtures/kconfig fixtures/kconfig-dialect -name 'Kconfig*' -type f
        for tree in "${trees[@]}"; do find "$tree" -name 'Kconfig*' -size -64k | sort | every_nth 4; done) ;;
    config_reader)
      mapfile -t files < <(find fixtures/kconfig -type f \( -name input -o -name expected_config \)
        for tree in "${trees[@]}"; do find "$tree"/arch/*/configs -type f | sort | every_nth 8; done) ;;
    patch_reader)
      mapfile -t files < <(find fuzz/seeds/patch-reader -type f) ;;
    rule_file)
      mapfile -t files < <(find rules -name '*.json') ;;
    *) echo "fuzz.sh: error: no fuzzer named '$t'" >&2; exit 2 ;;
  esac
  seed "$corpus" "${files[@]}"
  echo "fuzz.sh: $t: $(ls "$corpus" | wc -l) seeds, ${secs}s" >&2
  (cd build-fuzz && "bin/${t}_fuzzer" -max_total_time="$secs" -max_len=65536 -timeout="${DCALIAS_FUZZ_TIMEOUT:-10}" \
    -rss_limit_mb=4096 -print_final_stats=1 "corpus/$t" 2>"$t.log") || {
    tail -40 "build-fuzz/$t.log" >&2
    echo "fuzz.sh: error: ${t}_fuzzer found a crash, leak or hang (build-fuzz/$t.log)" >&2
    exit 1
  }
  grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb)' "build-fuzz/$t.log" | sed "s/^/fuzz.sh: $t: /" >&2
done
