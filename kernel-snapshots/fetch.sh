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
# A manifest line may name a Debian suite (column 6, e.g. bullseye or sid) that the machine's
# own apt configuration does not list. It is reached through the mirror that configuration
# names, with a private apt state under the cache (sources, lists, package cache): the system's
# apt configuration is never changed, and no mirror host is written anywhere in the repository.
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

# manifest_line NAME -> "package version member sha suite" (suite "-": the system's own)
manifest_line() {
  awk -F'\t' -v n="$1" '!/^#/ && NF>=5 && $1==n {print $2, $3, $4, $5, (NF>=6 && $6!="" ? $6 : "-"); found=1} END{exit !found}' "$manifest"
}

# The Debian mirror URIs the system's apt configuration names: "main-archive security-archive".
# Read from deb822 .sources files and one-line sources.list entries; the archive whose suites
# include the system's own release (not -security) is the main one.
system_mirrors() {
  local f out=""
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [ -r "$f" ] || continue
    case "$f" in
      *.sources)  # deb822 stanzas: "URI suites..." per enabled stanza
        out+=$(awk '
          function flush() { if (u != "" && on) print u, su; u = ""; su = ""; on = 1 }
          BEGIN { on = 1 }
          /^[ \t]*$/ { flush(); next }
          $1 == "URIs:" { u = $2 }
          $1 == "Suites:" { $1 = ""; su = $0 }
          $1 == "Enabled:" && $2 == "no" { on = 0 }
          END { flush() }' "$f")$'\n' ;;
      *)  # one-line entries: deb [options] URI suite components
        out+=$(awk '$1 == "deb" { i = 2; if ($i ~ /^\[/) { while ($i !~ /\]$/) i++; i++ } print $i, $(i + 1) }' "$f")$'\n' ;;
    esac
  done
  awk 'NF >= 2 { sec = 0; for (i = 2; i <= NF; i++) if ($i ~ /-security$/) sec = 1
                 if (sec) { if (s == "") s = $1 } else if (m == "") m = $1 }
       END { if (m == "") exit 1; print m, (s == "" ? "-" : s) }' <<<"$out"
}

# Prepares the private apt state for SUITE and prints the apt-get options that select it.
suite_apt_opts() {
  local suite=$1 root="$cache/.apt-$1" mirrors main sec
  mirrors=$(system_mirrors) || die "no Debian mirror in the system's apt configuration to reach suite '$suite'"
  read -r main sec <<<"$mirrors"
  mkdir -p "$root/lists/partial" "$root/archives/partial" "$root/parts"
  {
    echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $main $suite main"
    # Stable suites get their kernel updates through the security archive first.
    if [ "$sec" != - ] && [ "$suite" != sid ] && [ "$suite" != unstable ]; then
      echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $sec $suite-security main"
    fi
  } >"$root/sources.list"
  local opts="-o Dir::Etc::sourcelist=$root/sources.list -o Dir::Etc::sourceparts=$root/parts"
  opts+=" -o Dir::State::Lists=$root/lists -o Dir::Cache=$root -o Dir::Cache::archives=$root/archives"
  opts+=" -o APT::Sandbox::User=root"
  # Lists older than a day are refreshed; a failed refresh keeps the old lists if there are any.
  if [ -z "$(find "$root/lists" -maxdepth 1 -name '*Packages*' -mtime -1 2>/dev/null | head -n 1)" ]; then
    # shellcheck disable=SC2086
    apt-get $opts -qq update >"$root/update.log" 2>&1 ||
      [ -n "$(find "$root/lists" -maxdepth 1 -name '*Packages*' | head -n 1)" ] ||
      { sed 's/^/  apt: /' "$root/update.log" >&2; die "could not read the package lists of suite '$suite'"; }
  fi
  echo "$opts"
}

APT_OPTS=""
use_suite() {  # SUITE ("-": the system's own) -> sets APT_OPTS
  if [ "$1" = - ]; then APT_OPTS=""; else APT_OPTS=$(suite_apt_opts "$1"); fi
}

registry_candidate() {  # newest version of $1 the configured registry serves, or empty
  # shellcheck disable=SC2086
  apt-cache $APT_OPTS madison "$1" 2>/dev/null | awk -F'|' 'NR==1{gsub(/ /,"",$2); print $2}'
}

download_deb() {  # package version destdir -> path of .deb
  local pkg=$1 ver=$2 dest=$3 f
  if [ -n "${DCALIAS_SNAPSHOT_DEBDIR:-}" ]; then
    f=$(ls "$DCALIAS_SNAPSHOT_DEBDIR"/"${pkg}_${ver#*:}"_*.deb 2>/dev/null | head -n 1 || true)
    if [ -n "$f" ]; then echo "$f"; return 0; fi
  fi
  local log="$dest/apt.log"
  # shellcheck disable=SC2086
  if ! (cd "$dest" && apt-get $APT_OPTS -o APT::Sandbox::User=root download "$pkg=$ver") >"$log" 2>&1; then
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
    read -r pkg ver member sha suite < <(manifest_line "$name") || die "no snapshot '$name' in $manifest"
    mkdir -p "$cache"
    use_suite "$suite"
    cand=$(registry_candidate "$pkg")
    [ -n "$cand" ] || die "the registry serves no $pkg (run 'apt-get update' first?)"
    tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
    deb=$(download_deb "$pkg" "$cand" "$tmp")
    printf '%s\t%s\t%s\t%s\t%s' "$name" "$pkg" "$cand" "$member" "$(tarball_sha "$deb" "$member")"
    [ "$suite" = - ] && echo || printf '\t%s\n' "$suite"
    exit 0 ;;
  -h|--help)
    sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  -*) die "unknown option '$1' (see --help)" ;;
esac

name=${1:-6.1}
read -r pkg ver member sha suite < <(manifest_line "$name") || die "no snapshot '$name' in $manifest (have: $(awk -F'\t' '!/^#/ && NF>=5 {printf "%s ", $1}' "$manifest"))"

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

if [ "$suite" = - ]; then note "fetching $pkg=$ver into $dir"; else note "fetching $pkg=$ver (suite $suite) into $dir"; fi
use_suite "$suite"
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
