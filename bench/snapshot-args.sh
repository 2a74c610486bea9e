# Sourced by the bench scripts that take [--snapshot NAME] (default 6.1): sets repo, tree (the
# fetched snapshot), d (the dcalias binary) and out (a scratch directory removed on exit).
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
snapshot=6.1
[ "${1:-}" = "--snapshot" ] && snapshot=$2
tree=$("$repo/kernel-snapshots/fetch.sh" "$snapshot")
d=$repo/build/bin/dcalias
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
