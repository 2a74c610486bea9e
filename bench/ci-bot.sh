#!/usr/bin/env bash
# What a bot pays per patch posted to a list, on one snapshot (default 6.1), in one run:
# `dcalias audit` and `dcalias check` cold (a new, empty model cache) and warm (the cache the
# cold run left), for a one-line comment in fs/dax.c and a one-line select in
# arch/arm/Kconfig, beside the kernel's own scripts/checkpatch.pl on the same patch.
# Goals (issue: a CI bot's speed): warm audit < 0.5 s, warm check of a patch touching neither
# Kconfig nor arch headers < 1 s, cold no slower than --no-cache.
# Usage: bench/ci-bot.sh [--snapshot 6.1]
set -euo pipefail
source "$(dirname "$0")/snapshot-args.sh"

# The two patches, as git would write them (a/ and b/ prefixes), the tree untouched.
mkpatch() { # FILE SED-SCRIPT NAME
  mkdir -p "$out/a/$(dirname "$1")" "$out/b/$(dirname "$1")"
  cp "$tree/$1" "$out/a/$1"
  sed "$2" "$tree/$1" > "$out/b/$1"
  (cd "$out" && diff -u --label "a/$1" --label "b/$1" "a/$1" "b/$1" > "$3.diff" || true)
}
mkpatch fs/dax.c '1a\
// A comment.' dax
mkpatch arch/arm/Kconfig '/^config ARM$/,/^config /{/select ARCH_HAS_BINFMT_FLAT/a\
	select ARCH_HAS_CACHE_ALIASING
}' arm
for p in dax arm; do [ -s "$out/$p.diff" ] || { echo "ci-bot.sh: error: no $p patch" >&2; exit 2; }; done

t() { # LABEL COMMAND...: wall seconds of one run, and its exit status (1: findings)
  local label=$1; shift
  local s e rc=0
  s=$(date +%s.%N); "$@" > "$out/last.out" 2> "$out/last.err" || rc=$?; e=$(date +%s.%N)
  printf '%-44s %7.2f s  exit %d\n' "$label" "$(echo "$e - $s" | bc -l)" "$rc"
  if [ "$rc" -gt 1 ] && [ "$1" != perl ]; then cat "$out/last.err" >&2; exit "$rc"; fi
}
echo "== $(basename "$tree") ($(nproc) cores)"
c=$out/cache
t "audit, --no-cache"                                "$d" audit "$tree" --no-cache
t "audit, cold cache"                                "$d" audit "$tree" --cache-dir "$c"
t "audit, warm cache"                                "$d" audit "$tree" --cache-dir "$c"
for p in dax arm; do
  rm -rf "$c.$p"
  t "check $p.diff, cold cache"                      "$d" check "$tree" --patch "$out/$p.diff" --cache-dir "$c.$p"
  t "check $p.diff, warm cache"                      "$d" check "$tree" --patch "$out/$p.diff" --cache-dir "$c.$p"
  t "scripts/checkpatch.pl $p.diff"                  perl "$tree/scripts/checkpatch.pl" --no-tree --no-signoff -q "$out/$p.diff"
done
