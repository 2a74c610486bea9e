#!/usr/bin/env bash
# Differential test of dcalias's Kconfig engine against the kernel's own conf.
#
#   conformance.sh [--snapshot NAME | --tree DIR] [--subset | --all] [--arch A]... [-o FILE]
#                  [--shard I/N]
#   conformance.sh --merge FILE...
#
# For each (arch, target) it runs `make ARCH=<arch> O=<scratch> <target>` in the tree (conf is
# the oracle; the tree is not written, everything goes to the scratch O= directory) and
# `dcalias kconfig --allow-shell` for the same target, and compares the two .config files
# byte for byte. Targets: every arch/<srcarch>/configs/*defconfig file plus `defconfig`,
# `allnoconfig`, `allyesconfig`, `allmodconfig` and `alldefconfig` of every ARCH (--all), or
# each ARCH's `defconfig` and `allnoconfig` plus a fixed dozen of others (--subset, what CI runs).
# Both also run `allnoconfig@F` for a few defconfig files F: allnoconfig with F as conf's
# KCONFIG_ALLCONFIG seed (dcalias: --config F --mode allnoconfig), as the arch model seeds its
# CPU types.
#
# Output: one line per target, "arch<TAB>target<TAB>identical|different|error<TAB>detail",
# then "N identical / M total". Exit status 0 only if all are identical.
# --shard I/N runs only the ARCHes dealt to shard I (every Nth of them, in sorted order) and
# marks its output "# shard I/N"; --merge takes the N outputs of one run and prints, byte for
# byte, what the run without --shard prints, with its exit status.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
dcalias=${DCALIAS:-$repo/build/bin/dcalias}
snapshot=6.1
tree=""
scope=subset
out=""
arches=()
jobs=$(nproc)

shard=""
# The shards of one run: the same header, each I of N once; their results re-sorted and summed.
merge() {
  (($#)) || { echo "conformance.sh: error: --merge takes the shards' output files" >&2; return 2; }
  local header="" n="" f h s lines=""
  local -A seen=()
  for f in "$@"; do
    h=$(sed -n 1p "$f"); s=$(sed -n 2p "$f")
    [[ $s =~ ^#\ shard\ ([0-9]+)/([0-9]+)$ ]] || { echo "$f: error: not a conformance.sh --shard output" >&2; return 2; }
    [ -z "$header" ] && { header=$h; n=${BASH_REMATCH[2]}; }
    [ "$h" = "$header" ] && [ "${BASH_REMATCH[2]}" = "$n" ] || { echo "$f: error: not of the same run as $1" >&2; return 2; }
    [ -z "${seen[${BASH_REMATCH[1]}]:-}" ] || { echo "$f: error: shard ${BASH_REMATCH[1]}/$n again" >&2; return 2; }
    seen[${BASH_REMATCH[1]}]=$f
    lines+=$(sed '1,2d;$d' "$f")$'\n'
  done
  [ "${#seen[@]}" = "$n" ] || { echo "conformance.sh: error: $((n - ${#seen[@]})) of the $n shards missing" >&2; return 2; }
  local results total same unsupported
  results=$(printf '%s' "$lines" | grep . | sort || true)
  total=$(printf '%s\n' "$results" | grep -c . || true)
  same=$(printf '%s\n' "$results" | awk -F'\t' '$3=="identical"' | grep -c . || true)
  unsupported=$(printf '%s\n' "$results" | awk -F'\t' '$3=="unsupported"' | grep -c . || true)
  printf '%s\n%s\n' "$header" "$results"
  printf '%s identical / %s comparable (%s targets, %s unsupported)\n' "$same" "$((total - unsupported))" "$total" "$unsupported"
  [ "$same" = "$((total - unsupported))" ]
}

while (($#)); do
  case "$1" in
    --snapshot) snapshot=$2; shift 2 ;;
    --tree) tree=$2; shift 2 ;;
    --subset) scope=subset; shift ;;
    --all) scope=all; shift ;;
    --arch) arches+=("$2"); shift 2 ;;
    -o) out=$2; shift 2 ;;
    -j) jobs=$2; shift 2 ;;
    --shard) shard=$2; shift 2 ;;
    --merge) shift; merge "$@"; exit $? ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "conformance.sh: error: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
[ -x "$dcalias" ] || { echo "conformance.sh: error: $dcalias not built" >&2; exit 2; }
# conf and dcalias both run the tree's compiler probes, which compile /dev/null as C.
[ -c /dev/null ] || { echo "conformance.sh: error: /dev/null is not a character device (restore it: mknod -m 666 /dev/null c 1 3); every \$(cc-option) probe would answer n" >&2; exit 2; }
[ -n "$tree" ] || tree=$("$here/fetch.sh" "$snapshot")
tree=$(cd "$tree" && pwd)

scratch=$(mktemp -d "${TMPDIR:-/tmp}/dcalias-conf.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

# ARCH values: each arch/ directory, plus the aliases the top Makefile maps.
if ((${#arches[@]} == 0)); then
  mapfile -t arches < <(
    { for d in "$tree"/arch/*/Kconfig; do basename "$(dirname "$d")"; done
      awk '/^ifeq \(\$\(ARCH\),/ { a=$2; sub(/^\(\$\(ARCH\),/, "", a); sub(/\)$/, "", a); getline; if ($1 == "SRCARCH") print a }' "$tree/Makefile"
    } | sort -u)
fi

srcarch_of() {
  local a=$1
  awk -v a="$a" '/^ifeq \(\$\(ARCH\),/ { x=$2; sub(/^\(\$\(ARCH\),/, "", x); sub(/\)$/, "", x); getline; if ($1 == "SRCARCH" && x == a) { print $3; found=1; exit } } END { if (!found) print a }' "$tree/Makefile"
}

# A fixed, varied dozen beyond each arch's defconfig (the aliasing arches and multi-platform
# configs the arch cache model needs most).
subset_extra=(
  arm:versatile_defconfig arm:bcm2835_defconfig arm:imx_v6_v7_defconfig arm:omap1_defconfig
  mips:ath79_defconfig mips:malta_defconfig sh:rts7751r2d1_defconfig sh:se7722_defconfig
  xtensa:nommu_kc705_defconfig parisc:generic-64bit_defconfig x86:i386_defconfig
  powerpc:pmac32_defconfig m68k:multi_defconfig
)

# Seeded allnoconfig (KCONFIG_ALLCONFIG) of aliasing arches with a choice of CPU or platform.
seeded=(arm:versatile_defconfig mips:malta_defconfig sh:rts7751r2d1_defconfig xtensa:nommu_kc705_defconfig)

targets=()
for t in "${seeded[@]}"; do
  a=${t%%:*}; f=${t#*:}
  [[ " ${arches[*]} " == *" $a "* ]] || continue
  [ -f "$tree/arch/$a/configs/$f" ] && targets+=("$a:allnoconfig@$f")
done
for a in "${arches[@]}"; do
  s=$(srcarch_of "$a")
  [ -f "$tree/arch/$s/Kconfig" ] || continue
  targets+=("$a:defconfig" "$a:allnoconfig")
  if [ "$scope" = all ]; then
    targets+=("$a:allyesconfig" "$a:allmodconfig" "$a:alldefconfig")
    if [ "$a" = "$s" ]; then
      for f in "$tree/arch/$s/configs/"*defconfig; do
        [ -f "$f" ] && targets+=("$a:$(basename "$f")")
      done
    fi
  fi
done
if [ "$scope" = subset ]; then
  for t in "${subset_extra[@]}"; do
    a=${t%%:*}; f=${t#*:}
    [ -f "$tree/arch/$a/configs/$f" ] && targets+=("$t")
  done
fi

run_one() {  # arch:target -> result line
  local a=${1%%:*} t=${1#*:}
  local d="$scratch/$a/$t"
  # conf's side shares one O= directory per ARCH, so that conf is built once per ARCH and not
  # once per target (a *config target reads no earlier .config: each result stands alone).
  local obj="$scratch/$a/conf-obj"
  mkdir -p "$d/conf" "$d/dcalias" "$obj"
  rm -f "$obj/.config"
  local mt=$t seed=""
  if [[ $t == *@* ]]; then
    mt=${t%%@*}; seed="$tree/arch/$(srcarch_of "$a")/configs/${t#*@}"
  fi
  # An empty KCONFIG_ALLCONFIG is set too (conf then looks for all.config): only when seeded.
  local env=(env -u KCONFIG_ALLCONFIG)
  [ -z "$seed" ] || env=(env KCONFIG_ALLCONFIG="$seed")
  if ! "${env[@]}" make -s -C "$tree" ARCH="$a" O="$obj" "$mt" >"$d/conf.log" 2>&1 || ! mv "$obj/.config" "$d/conf/.config"; then
    # The oracle itself refuses the target (mips generic_defconfig is "not intended for
    # direct use"): nothing to compare; reported, not counted.
    # make's own words, not the host compiler's complaints about another arch's probe flags.
    printf '%s\t%s\tunsupported\tmake refuses this target: %s\n' "$a" "$t" \
      "$(grep -v -e '^make' -e 'unrecognized command-line option' "$d/conf.log" | head -n 1 | head -c 120)"
    return
  fi
  local args=(kconfig "$tree" --arch "$a" --allow-shell -q -o "$d/dcalias/.config")
  case "$t" in
    *@*) args+=(--mode "$mt" --config "$seed") ;;
    allnoconfig|allyesconfig|allmodconfig|alldefconfig) args+=(--mode "$t") ;;
    *) args+=(--defconfig "$t") ;;
  esac
  if ! "$dcalias" "${args[@]}" >"$d/dcalias.log" 2>&1; then
    if grep -q "error: no defconfig" "$d/dcalias.log"; then
      # KBUILD_DEFCONFIG names a make target that merges fragments with tree scripts
      # (mips generic_defconfig + generic-board-config.sh): not a defconfig file.
      printf '%s\t%s\tunsupported\t%s\n' "$a" "$t" "a make target dcalias does not model: $(grep -m1 error "$d/dcalias.log" | head -c 120)"
      return
    fi
    printf '%s\t%s\terror\tdcalias failed: %s\n' "$a" "$t" "$(grep -m1 error "$d/dcalias.log")"
    return
  fi
  if cmp -s "$d/conf/.config" "$d/dcalias/.config"; then
    printf '%s\t%s\tidentical\t\n' "$a" "$t"
  else
    printf '%s\t%s\tdifferent\t%s\n' "$a" "$t" \
      "$(diff "$d/conf/.config" "$d/dcalias/.config" | grep '^[<>]' | head -n 4 | tr '\n' ' ')"
  fi
  rm -rf "$d"
}
run_arch() {  # "arch:t1 arch:t2 ..." -> result lines; the targets of one ARCH in order
  local t
  for t in $1; do run_one "$t"; done
}
export -f run_one run_arch srcarch_of
export scratch tree dcalias

if [ -n "$shard" ]; then
  [[ $shard =~ ^([0-9]+)/([0-9]+)$ ]] && ((BASH_REMATCH[1] >= 1 && BASH_REMATCH[1] <= BASH_REMATCH[2])) ||
    { echo "conformance.sh: error: --shard takes I/N with 1 <= I <= N, not '$shard'" >&2; exit 2; }
  si=${BASH_REMATCH[1]} sn=${BASH_REMATCH[2]}
  mapfile -t mine < <(printf '%s\n' "${targets[@]}" | cut -d: -f1 | sort -u | awk -v i="$si" -v n="$sn" '(NR - 1) % n == i - 1')
  kept=()
  for t in "${targets[@]}"; do [[ " ${mine[*]} " == *" ${t%%:*} "* ]] && kept+=("$t"); done
  targets=("${kept[@]}")
fi

# One job per ARCH (targets of an ARCH in sequence, sharing conf's build), the biggest first.
results=$(printf '%s\n' "${targets[@]}" | awk -F: '{ g[$1] = g[$1] " " $0; n[$1]++ } END { for (a in g) print n[a] "\t" g[a] }' |
  sort -rn | cut -f2 | xargs -P "$jobs" -I{} bash -c 'run_arch "$@"' _ {} | sort)
total=$(printf '%s\n' "$results" | grep -c . || true)
same=$(printf '%s\n' "$results" | awk -F'\t' '$3=="identical"' | grep -c . || true)
unsupported=$(printf '%s\n' "$results" | awk -F'\t' '$3=="unsupported"' | grep -c . || true)
comparable=$((total - unsupported))
{
  printf '# dcalias Kconfig conformance against conf: %s (%s)\n' "$(basename "$tree")" "$scope"
  [ -z "$shard" ] || printf '# shard %s\n' "$shard"
  printf '%s\n' "$results"
  printf '%s identical / %s comparable (%s targets, %s unsupported)\n' "$same" "$comparable" "$total" "$unsupported"
} | if [ -n "$out" ]; then tee "$out"; else cat; fi
[ "$same" = "$comparable" ]
