#!/usr/bin/env bash
# Benchmark: the DAX lint against plain parsing, side by side in one run on the same TUs
# (kernel-snapshots/dax-tus.txt of a snapshot, x86_64 build directory from prepare-dax.sh):
# `clang-19 -fsyntax-only` of every command of the database one after the other, then
# `dcalias lint -j1` (parse + facts + analysis, one core) and `dcalias lint -j2`. Prints the
# times, the lint's overhead over parsing and the -j2 speed-up. Goal: overhead at most 50%,
# and -j2 using both cores.
#
#   bench/lint.sh [SNAPSHOT]      (default 6.1)
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:-6.1}
bin=build/bin/dcalias
kernel-snapshots/lint-dax.sh "$name" -q > /dev/null || true   # prepares and writes the database
obj=$(kernel-snapshots/prepare-dax.sh "$name")
db=$obj/dcalias-lint
now() { date +%s.%N; }

python3 - "$db/compile_commands.json" > "$db/syntax-only.sh" <<'PY'
import json, shlex, sys
for c in json.load(open(sys.argv[1])):
    args = c["arguments"]
    out = [a for i, a in enumerate(args) if a != "-c"]
    if "-o" in out:
        i = out.index("-o"); del out[i:i + 2]
    print("cd %s && clang-19 -fsyntax-only -Wno-everything %s" % (shlex.quote(c["directory"]), " ".join(shlex.quote(a) for a in out[1:])))
PY
n=$(wc -l < "$db/syntax-only.sh")
t0=$(now); bash "$db/syntax-only.sh"; t1=$(now)
"$bin" lint -p "$db" -j1 -q > /dev/null || true; t2=$(now)
"$bin" lint -p "$db" -j2 -q > /dev/null || true; t3=$(now)
python3 - "$t0" "$t1" "$t2" "$t3" "$n" <<'PY'
import sys
t0, t1, t2, t3, n = map(float, sys.argv[1:])
parse, j1, j2 = t1 - t0, t2 - t1, t3 - t2
print(f"{int(n)} translation units")
print(f"clang-19 -fsyntax-only, one after another: {parse:6.2f} s")
print(f"dcalias lint -j1:                          {j1:6.2f} s   overhead over parsing {100 * (j1 / parse - 1):+.0f}% (goal <= +50%)")
print(f"dcalias lint -j2:                          {j2:6.2f} s   speed-up over -j1 {j1 / j2:.2f}x")
PY
