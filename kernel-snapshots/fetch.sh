#!/usr/bin/env bash
# Obtains a real kernel tree from Debian's linux-source-X package into a cache outside the
# repository, verifies it against manifest.tsv and prints the tree's path on stdout.
#
#   fetch.sh [NAME]               NAME from manifest.tsv (default 6.1); prints the tree path
#   fetch.sh --print-update NAME  prints the manifest line for the newest package the registry serves
#   fetch.sh --list               prints the names in the manifest
#
# Environment:
#   DCALIAS_SNAPSHOT_CACHE     cache root (default ${XDG_CACHE_HOME:-~/.cache}/dcalias/snapshots)
#   DCALIAS_SNAPSHOT_MANIFEST  manifest file (default: manifest.tsv beside this script)
#   DCALIAS_SNAPSHOT_DEBDIR    look here for the .deb before asking the registry (offline use, tests)
#
# The tree is extracted read-only-by-convention: dcalias never writes into it. Two concurrent
# runs serialise on a lock file; the tree appears atomically (rename) once verified.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
manifest=${DCALIAS_SNAPSHOT_MANIFEST:-$here/manifest.tsv}
cache=${DCALIAS_SNAPSHOT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dcalias/snapshots}

die() { echo "fetch.sh: error: $*" >&2; exit 1; }
note() { echo "fetch.sh: $*" >&2; }

[ -r "$manifest" ] || die "cannot read manifest '$manifest'"

# manifest_line NAME -> "package version member sha"
manifest_line() {
  awk -F'\t' -v n="$1" '!/^#/ && NF>=5 && $1==n {print $2, $3, $4, $5; found=1} END{exit !found}' "$manifest"
}

registry_candidate() {  # newest version of $1 the configured registry serves, or empty
  apt-cache madison "$1" 2>/dev/null | awk -F'|' 'NR==1{gsub(/ /,"",$2); print $2}'
}

download_deb() {  # package version destdir -> path of .deb
  local pkg=$1 ver=$2 dest=$3 f
  if [ -n "${DCALIAS_SNAPSHOT_DEBDIR:-}" ]; then
    f=$(ls "$DCALIAS_SNAPSHOT_DEBDIR"/"${pkg}_${ver#*:}"_*.deb 2>/dev/null | head -n 1 || true)
    if [ -n "$f" ]; then echo "$f"; return 0; fi
  fi
  local log="$dest/apt.log"
  if ! (cd "$dest" && apt-get -o APT::Sandbox::User=root download "$pkg=$ver") >"$log" 2>&1; then
    if grep -qiE "unable to locate|can't select|not found" "$log"; then
      local cand
      cand=$(registry_candidate "$pkg")
      die "the registry does not serve $pkg=$ver (pinned in $manifest)${cand:+; it serves $cand}.
  The pinned revision was probably superseded. To move the pin, run
    $0 --print-update <name>
  and replace the manifest line after reviewing the new tree's results."
    fi
    sed 's/^/  apt: /' "$log" >&2
    die "could not download $pkg=$ver: the package registry is unreachable or refused (see apt output above)"
  fi
  f=$(ls "$dest"/"${pkg}_"*.deb 2>/dev/null | head -n 1 || true)
  [ -n "$f" ] || die "apt-get download of $pkg=$ver produced no .deb"
  echo "$f"
}

tarball_sha() {  # deb member -> sha256 of the tarball inside
  dpkg-deb --fsys-tarfile "$1" | tar -xO "./$2" | sha256sum | cut -d' ' -f1
}

case "${1:-}" in
  --list)
    awk -F'\t' '!/^#/ && NF>=5 {print $1}' "$manifest"; exit 0 ;;
  --print-update)
    name=${2:?usage: fetch.sh --print-update NAME}
    read -r pkg ver member sha < <(manifest_line "$name") || die "no snapshot '$name' in $manifest"
    cand=$(registry_candidate "$pkg")
    [ -n "$cand" ] || die "the registry serves no $pkg (run 'apt-get update' first?)"
    tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
    deb=$(download_deb "$pkg" "$cand" "$tmp")
    printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$pkg" "$cand" "$member" "$(tarball_sha "$deb" "$member")"
    exit 0 ;;
  -h|--help)
    sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  -*) die "unknown option '$1' (see --help)" ;;
esac

name=${1:-6.1}
read -r pkg ver member sha < <(manifest_line "$name") || die "no snapshot '$name' in $manifest (have: $(awk -F'\t' '!/^#/ && NF>=5 {printf "%s ", $1}' "$manifest"))"

mkdir -p "$cache"
dir="$cache/$name"
stamp="$dir/VERIFIED"
want="$pkg $ver $sha"

exec 9>"$cache/$name.lock"
flock 9

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -d "$dir/tree" ]; then
  tree=$(find "$dir/tree" -mindepth 1 -maxdepth 1 -type d | head -n 1)
  [ -n "$tree" ] && [ -f "$tree/Makefile" ] && { echo "$tree"; exit 0; }
fi

note "fetching $pkg=$ver into $dir"
work=$(mktemp -d "$cache/.$name.XXXXXX")
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
deb=$(download_deb "$pkg" "$ver" "$work")

got=$(tarball_sha "$deb" "$member")
if [ "$got" != "$sha" ]; then
  die "checksum mismatch for $member in $(basename "$deb"):
  expected $sha (manifest $manifest)
  got      $got
  The tree is NOT used. If Debian rebuilt the package, review it and update the manifest."
fi

mkdir -p "$work/tree"
dpkg-deb --fsys-tarfile "$deb" | tar -xO "./$member" | tar -xJ -C "$work/tree"
tree_name=$(find "$work/tree" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | head -n 1)
[ -n "$tree_name" ] && [ -f "$work/tree/$tree_name/Makefile" ] || die "$member does not contain a kernel tree"

rm -rf "$dir"
mkdir -p "$dir"
mv "$work/tree" "$dir/tree"
echo "$want" >"$stamp"

cand=$(registry_candidate "$pkg")
if [ -n "$cand" ] && dpkg --compare-versions "$cand" gt "$ver"; then
  note "note: the registry serves a newer $pkg ($cand) than the pinned $ver; the pinned, verified tree is used.
  To move the pin: $0 --print-update $name  (then replace the manifest line)"
fi
echo "$dir/tree/$tree_name"
