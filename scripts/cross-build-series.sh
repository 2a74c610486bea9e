#!/usr/bin/env bash
# Opt-in: builds what the generated patch series touches with Debian's cross compilers, one
# defconfig per verdict, on a scratch copy of the snapshot with the series applied (the cached
# tree is not written). Per (arch, defconfig): make <defconfig>, DAX=y, olddefconfig, then the
# objects drivers/dax/super.o (alloc_dax() and linux/cacheinfo.h -> asm/cachetype.h) and
# fs/dax.o where FS_DAX can be enabled. Prints one line per build: ok / FAILED (log path).
#
#   scripts/cross-build-series.sh [--snapshot 6.1] [--style seed|upstream] [--only ARCH,...]
#                                 [--defconfig NAME]      (only this defconfig of each arch)
#
# Installs the cross compilers it needs (apt). Executes the tree's Makefiles: the user asks.
set -euo pipefail
cd "$(dirname "$0")/.."
snapshot=6.1 style=seed only= onlydef=
while [ $# -gt 0 ]; do
  case $1 in
    --snapshot) snapshot=$2; shift 2 ;;
    --style) style=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    --defconfig) onlydef=$2; shift 2 ;;
    *) echo "cross-build-series.sh: error: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
# arch  debian-package  CROSS_COMPILE  defconfigs (one per verdict row kind the model shows)
matrix=(
  "arm gcc-arm-linux-gnueabi arm-linux-gnueabi- versatile_defconfig multi_v7_defconfig bcm2835_defconfig"
  "mips gcc-mips-linux-gnu mips-linux-gnu- ath79_defconfig malta_defconfig"
  "sh gcc-sh4-linux-gnu sh4-linux-gnu- rts7751r2d1_defconfig"
  "parisc gcc-hppa-linux-gnu hppa-linux-gnu- generic-32bit_defconfig"
  "m68k gcc-m68k-linux-gnu m68k-linux-gnu- multi_defconfig"
  "sparc gcc-sparc64-linux-gnu sparc64-linux-gnu- sparc64_defconfig"
)
tree=$(kernel-snapshots/fetch.sh "$snapshot")
scratch=${DCALIAS_CROSS_SCRATCH:-${XDG_CACHE_HOME:-$HOME/.cache}/dcalias/cross-$snapshot-$style}
series=$scratch/series
rm -rf "$scratch"; mkdir -p "$scratch"
build/bin/dcalias patch "$tree" --style "$style" --cover-letter=false -o "$series" > /dev/null
echo "copying the tree and applying $(ls "$series" | wc -l) patches in $scratch/tree" >&2
cp -a "$tree" "$scratch/tree"
# The scratch directory may lie inside another git repository (a build directory): keep git
# from discovering it, so that the patches apply to the copied tree.
(cd "$scratch/tree" && for p in "$series"/*.patch; do GIT_CEILING_DIRECTORIES="$scratch" git apply "$p"; done)
for row in "${matrix[@]}"; do
  read -r arch pkg cross defconfigs <<< "$row"
  if [ -n "$only" ] && [[ ",$only," != *",$arch,"* ]]; then continue; fi
  dpkg -s "$pkg" > /dev/null 2>&1 || apt-get install -y -qq --no-install-recommends "$pkg" > /dev/null
  for d in $defconfigs; do
    [ -z "$onlydef" ] || [ "$d" = "$onlydef" ] || continue
    obj=$scratch/obj-$arch-$d log=$scratch/$arch-$d.log
    {
      make -C "$scratch/tree" O="$obj" ARCH="$arch" CROSS_COMPILE="$cross" "$d" &&
      bash "$scratch/tree/scripts/config" --file "$obj/.config" -e DAX -e FS_DAX &&
      make -C "$scratch/tree" O="$obj" ARCH="$arch" CROSS_COMPILE="$cross" olddefconfig &&
      make -C "$scratch/tree" O="$obj" ARCH="$arch" CROSS_COMPILE="$cross" -j"$(nproc)" drivers/dax/super.o &&
      { ! grep -q '^CONFIG_FS_DAX=y' "$obj/.config" ||
        make -C "$scratch/tree" O="$obj" ARCH="$arch" CROSS_COMPILE="$cross" -j"$(nproc)" fs/dax.o; }
    } > "$log" 2>&1 && r=ok || r="FAILED ($log)"
    sel=$(grep -o '^CONFIG_ARCH_HAS_\(CPU_\)\?CACHE_ALIASING[A-Z_]*=y' "$obj/.config" 2>/dev/null | tr '\n' ' ')
    fsdax=$(grep -q '^CONFIG_FS_DAX=y' "$obj/.config" 2>/dev/null && echo "FS_DAX=y" || echo "FS_DAX unavailable")
    printf '%-7s %-26s %-4s %s %s\n' "$arch" "$d" "$r" "$fsdax" "$sel"
  done
done
