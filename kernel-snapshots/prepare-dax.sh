#!/usr/bin/env bash
# Prepares a snapshot for the DAX lint: an x86_64 build directory (make O=..., outside the
# tree, which stays pristine) configured from x86_64_defconfig with the DAX users enabled
# (FS_DAX, DEV_DAX, BLK_DEV_PMEM, XFS, EXT4, FUSE_DAX/VIRTIO_FS, the dm targets), then
# `make prepare` so that generated headers exist. No full build. Prints the build directory.
#
#   prepare-dax.sh [NAME]    NAME from manifest.tsv (default 6.1)
#
# This runs the tree's own Makefiles and host tools (conf, fixdep, objtool...): it is the
# explicit opt-in of the lint workflow. The result is cached beside the snapshot; a stamp
# records the options so that a changed list rebuilds.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
name=${1:-6.1}
tree=$("$here/fetch.sh" "$name")
cache=${DCALIAS_SNAPSHOT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dcalias/snapshots}
obj=$cache/$name/obj-x86_64-dax
options=(
  ZONE_DEVICE MEMORY_HOTPLUG MEMORY_HOTREMOVE SPARSEMEM_VMEMMAP TRANSPARENT_HUGEPAGE
  LIBNVDIMM BLK_DEV_PMEM ND_PFN ND_BTT ACPI_NFIT X86_PMEM_LEGACY
  DAX DEV_DAX DEV_DAX_PMEM FS_DAX FS_DAX_PMD
  EXT2_FS EXT2_FS_XATTR EXT4_FS XFS_FS FUSE_FS VIRTIO_FS FUSE_DAX VIRTIO VIRTIO_PCI
  MD BLK_DEV_DM DM_LINEAR DM_STRIPE DM_LOG_WRITES
)
stamp="$name ${options[*]}"
if [ -f "$obj/.dcalias-prepared" ] && [ "$(cat "$obj/.dcalias-prepared")" = "$stamp" ]; then
  echo "$obj"
  exit 0
fi
mkdir -p "$obj"
lock=$obj.lock
exec 9>"$lock"
flock 9
jobs=$(nproc)
echo "prepare-dax.sh: configuring $obj" >&2
make -s -C "$tree" O="$obj" ARCH=x86_64 x86_64_defconfig >&2
args=()
for o in "${options[@]}"; do args+=(-e "$o"); done
bash "$tree/scripts/config" --file "$obj/.config" "${args[@]}"
make -s -C "$tree" O="$obj" ARCH=x86_64 olddefconfig >&2
# Kconfig may refuse an option (a dependency this list lacks): say which, do not go on.
missing=()
for o in FS_DAX DEV_DAX BLK_DEV_PMEM XFS_FS EXT4_FS FUSE_DAX BLK_DEV_DM; do
  grep -q "^CONFIG_$o=[ym]" "$obj/.config" || missing+=("$o")
done
[ ${#missing[@]} -eq 0 ] || { echo "prepare-dax.sh: error: not enabled after olddefconfig: ${missing[*]}" >&2; exit 1; }
echo "prepare-dax.sh: make prepare ($jobs jobs)" >&2
make -s -C "$tree" O="$obj" ARCH=x86_64 -j"$jobs" prepare >&2
echo "$stamp" > "$obj/.dcalias-prepared"
echo "$obj"
