#!/usr/bin/env bash
# Side-by-side timing of evaluating every defconfig of one arch (default: arm of 6.1):
#   1. the kernel's conf: a loop of `make ARCH=<arch> O=<scratch> X_defconfig`
#   2. python3-kconfiglib in one process (Debian's, patched in a scratch copy for `modules`)
#   3. dcalias: one invocation, --all-defconfigs, --allow-shell (same toolchain probing as conf),
#      with its default threads and with -j1
# plus the load time of every architecture's graph (dcalias, one core) and one invocation for
# every defconfig of every arch (shell probes on). Prints wall times,
# peak memory and ratios. Usage: bench/kconfig-defconfigs.sh [--snapshot 6.1] [--arch arm]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
snapshot=6.1 arch=arm
while (($#)); do
  case "$1" in
    --snapshot) snapshot=$2; shift 2 ;;
    --arch) arch=$2; shift 2 ;;
    *) echo "usage: $0 [--snapshot NAME] [--arch ARCH]" >&2; exit 2 ;;
  esac
done
dcalias=$repo/build/bin/dcalias
tree=$("$repo/kernel-snapshots/fetch.sh" "$snapshot")
scratch=$(mktemp -d); trap 'rm -rf "$scratch"' EXIT
mapfile -t defconfigs < <(cd "$tree/arch/$arch/configs" && ls *_defconfig)
n=${#defconfigs[@]}

measure() {  # label command... -> "label seconds peakKiB"
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$scratch/time" "$@" >/dev/null 2>"$scratch/err" || { echo "$label failed: $(tail -n 2 "$scratch/err")" >&2; return 1; }
  read -r secs kib < "$scratch/time"
  echo "$label $secs $kib"
}

conf_loop() { for d in "${defconfigs[@]}"; do make -s -C "$tree" ARCH="$arch" O="$scratch/conf" "$d"; done; }
export -f conf_loop; export tree arch scratch
defconfig_list=$(printf '%s ' "${defconfigs[@]}")

echo "== $n $arch defconfigs of $(basename "$tree")"
c=$(measure conf bash -c "defconfigs=($defconfig_list); $(declare -f conf_loop); conf_loop")
d=$(measure dcalias "$dcalias" kconfig "$tree" --arch "$arch" --all-defconfigs --allow-shell -q --out-dir "$scratch/dcalias")
# The same with one evaluation thread (the default uses one graph per hardware thread).
d1=$(measure dcalias-j1 "$dcalias" kconfig "$tree" --arch "$arch" --all-defconfigs --allow-shell -q -j1 --out-dir "$scratch/dcalias-j1")
k=""
# Debian's Kconfiglib 14.1.0 (2020) stops at 6.1's bare `modules` keyword ("unrecognized
# construct"): a copy with that keyword accepted as a no-op (it already assumes MODULES, as it
# does for `option modules`) goes into the scratch directory; the installed library is not
# touched. For 7.x trees the copy also ignores `transitional` (such a symbol has no prompt, so
# Kconfiglib does not write it either) and reads `depends on X if Y` as X || !Y (conf: X || Y=n,
# the same for bool Y). These patches only let it load the tree: its results are not checked.
kclib=$(/usr/bin/python3 -c 'import kconfiglib; print(kconfiglib.__file__)' 2>/dev/null || true)
if [ -n "$kclib" ]; then
  mkdir -p "$scratch/kconfiglib"
  /usr/bin/python3 - "$kclib" "$scratch/kconfiglib/kconfiglib.py" <<'PY'
import sys
src = open(sys.argv[1]).read()
anchor = "            elif t0 is _T_OPTION:\n                if self._check_token(_T_ENV):"
assert src.count(anchor) == 1, "unexpected kconfiglib version"
src = src.replace(anchor, "            elif t0 is _T_MODULES:\n                pass\n\n" + anchor)
kw = '    "modules":        _T_MODULES,\n'
assert src.count(kw) == 1, "unexpected kconfiglib version"
src = src.replace(kw, kw + '    "transitional":   _T_MODULES,\n')
dep = """                node.dep = self._make_and(node.dep,
                                          self._expect_expr_and_eol())"""
assert src.count(dep) == 1, "unexpected kconfiglib version"
src = src.replace(dep, """                d = self._parse_expr(True)
                if self._check_token(_T_IF):
                    d = (OR, d, (NOT, self._parse_expr(True)))
                if self._tokens[self._tokens_i] is not None:
                    self._trailing_tokens_error()
                node.dep = self._make_and(node.dep, d)""")
open(sys.argv[2], "w").write(src)
PY
  k=$(measure kconfiglib env PYTHONPATH="$scratch/kconfiglib" srctree="$tree" ARCH="$arch" SRCARCH="$arch" CC=gcc LD=ld KERNELVERSION=0 \
      OUT="$scratch/kconfiglib.config" /usr/bin/python3 -c "
import kconfiglib, os, sys
kc = kconfiglib.Kconfig(os.path.join(os.environ['srctree'], 'Kconfig'), warn=False)
for d in sys.argv[1:]:
    kc.load_config(os.path.join(os.environ['srctree'], 'arch', os.environ['ARCH'], 'configs', d))
    # A real file, save_old off: write_config() renames an existing target to <name>.old, which
    # for os.devnull replaces the device with a regular file, and every later compiler probe
    # that reads /dev/null as C input then fails.
    kc.write_config(os.environ['OUT'], save_old=False)
" "${defconfigs[@]}") || k=""
fi
# Every ARCH's graph in one process (files parsed once), each evaluated once (allnoconfig).
all=$(measure all-arch-load taskset -c 0 "$dcalias" kconfig "$tree" --arch all --mode allnoconfig -q --out-dir "$scratch/all")
# Every defconfig of every arch, shell probes on, in one invocation (the sweep of issue #16).
sweep=$(measure all-defconfigs "$dcalias" kconfig "$tree" --arch all --all-defconfigs --allow-shell -q --out-dir "$scratch/sweep")
nsweep=$(find "$scratch/sweep" -name '*.config' | wc -l)

printf '%-14s %10s %12s\n' tool 'wall s' 'peak KiB'
for r in "$c" "$k" "$d" "$d1" "$all" "$sweep"; do [ -n "$r" ] && printf '%-14s %10s %12s\n' $r; done
cs=$(echo "$c" | cut -d' ' -f2); ds=$(echo "$d" | cut -d' ' -f2)
d1s=$(echo "$d1" | cut -d' ' -f2)
echo "ratio conf/dcalias: $(echo "scale=1; $cs / $ds" | bc)x (goal: >= 100x; one thread: $(echo "scale=1; $cs / $d1s" | bc)x)"
if [ -n "$k" ]; then
  ks=$(echo "$k" | cut -d' ' -f2)
  echo "ratio kconfiglib/dcalias: $(echo "scale=1; $ks / $ds" | bc)x (goal: >= 8x; one thread: $(echo "scale=1; $ks / $d1s" | bc)x)"
else
  echo "kconfiglib: not run (python3-kconfiglib missing, or even the patched copy cannot load this tree)"
fi
echo "every ARCH's graph + an allnoconfig each, one core: $(echo "$all" | cut -d' ' -f2) s (goal: < 1 s)"
echo "every defconfig of every arch ($nsweep configurations, shell probes on), one invocation: $(echo "$sweep" | cut -d' ' -f2) s"
