#!/usr/bin/env bash
# The main job: installs, builds, fetches the default snapshot (6.1) and runs dcalias on it.
# Until the arch cache model lands this is the Kconfig engine's answer: every architecture's
# defconfig evaluated as the kernel's conf would, with why FS_DAX has its value there.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
tree=$(kernel-snapshots/fetch.sh "${1:-6.1}")
out=${BUILD_DIR:-build}/main-job
mkdir -p "$out"
echo "dcalias on $tree"
for arch in $(ls "$tree/arch"); do
  [ -f "$tree/arch/$arch/Kconfig" ] || continue
  if ! build/bin/dcalias kconfig "$tree" --arch "$arch" --defconfig defconfig -q \
        -o "$out/$arch.config" 2>"$out/$arch.err"; then
    echo "== $arch: $(grep -m1 error "$out/$arch.err")"
    continue
  fi
  why=$(build/bin/dcalias kconfig "$tree" --arch "$arch" --defconfig defconfig -q --why FS_DAX)
  printf '== %-10s %5s options set; %s\n   %s\n' "$arch" "$(grep -c '^CONFIG_' "$out/$arch.config")" \
    "$(printf '%s\n' "$why" | head -n 1)" "$(printf '%s\n' "$why" | grep -m1 'depends on' | sed 's/^ *//')"
done
echo "configurations written to $out/"
