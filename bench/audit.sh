#!/usr/bin/env bash
# Wall time of a full `dcalias audit` (every architecture and CPU type) of a snapshot, cold
# (a new process, --no-cache: no model cache; the page cache is whatever it is), beside the time to load
# every architecture's Kconfig graph alone and the number of Clang probes. Goal: < 10 s on a
# 2-core machine for 6.1. Usage: bench/audit.sh [--snapshot 6.1]
set -euo pipefail
source "$(dirname "$0")/snapshot-args.sh"
/usr/bin/time -f "%e %M" -o "$out/t1" "$d" kconfig "$tree" --arch all --mode allnoconfig --out-dir "$out/k" -q
/usr/bin/time -f "%e %M" -o "$out/t2" "$d" audit "$tree" --no-cache -o "$out/audit.txt" 2> "$out/summary"
read -r ks km < "$out/t1"; read -r as am < "$out/t2"
echo "== $(basename "$tree")"
printf '%-44s %8s s %10s KiB\n' "Kconfig graphs of every ARCH + allnoconfig" "$ks" "$km"
printf '%-44s %8s s %10s KiB\n' "full audit (all arches, all CPU types)" "$as" "$am"
cat "$out/summary"
echo "goal: full audit < 10 s: $(echo "$as < 10" | bc -l | sed 's/1/met/; s/0/NOT met/')"
