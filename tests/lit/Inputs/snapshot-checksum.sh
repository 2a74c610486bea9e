#!/usr/bin/env bash
# Builds a tiny linux-source-9.9 package and runs fetch.sh against good and bad manifests.
# Usage: snapshot-checksum.sh SCRATCH FETCH_SH
set -u
t=$1 fetch=$2
rm -rf "$t" && mkdir -p "$t/pkg/usr/src" "$t/src/linux-source-9.9" "$t/debs" "$t/pkg/DEBIAN"
printf 'VERSION = 9\n' > "$t/src/linux-source-9.9/Makefile"
tar -C "$t/src" -cJf "$t/pkg/usr/src/linux-source-9.9.tar.xz" linux-source-9.9
printf 'Package: linux-source-9.9\nVersion: 9.9-1\nArchitecture: all\nMaintainer: t <t@t>\nDescription: t\n' > "$t/pkg/DEBIAN/control"
dpkg-deb -b "$t/pkg" "$t/debs/linux-source-9.9_9.9-1_all.deb" > /dev/null
sum=$(sha256sum < "$t/pkg/usr/src/linux-source-9.9.tar.xz" | cut -d' ' -f1)
printf '9.9\tlinux-source-9.9\t9.9-1\tusr/src/linux-source-9.9.tar.xz\t%s\n' "$sum" > "$t/good.tsv"
printf '9.9\tlinux-source-9.9\t9.9-1\tusr/src/linux-source-9.9.tar.xz\t%s\n' "$(printf '0%.0s' $(seq 64))" > "$t/bad.tsv"

echo "== bad"
DCALIAS_SNAPSHOT_CACHE="$t/cache-bad" DCALIAS_SNAPSHOT_DEBDIR="$t/debs" DCALIAS_SNAPSHOT_MANIFEST="$t/bad.tsv" "$fetch" 9.9 2>&1
echo "exit=$?"
[ -e "$t/cache-bad/9.9/tree" ] && echo "bad tree exists" || echo "no bad tree"
echo "== good"
path=$(DCALIAS_SNAPSHOT_CACHE="$t/cache" DCALIAS_SNAPSHOT_DEBDIR="$t/debs" DCALIAS_SNAPSHOT_MANIFEST="$t/good.tsv" "$fetch" 9.9 2>/dev/null)
echo "exit=$? path=$path"
[ -f "$path/Makefile" ] && echo "tree has Makefile"
echo "== cached"
again=$(DCALIAS_SNAPSHOT_CACHE="$t/cache" DCALIAS_SNAPSHOT_MANIFEST="$t/good.tsv" "$fetch" 9.9 2>&1)
[ "$again" = "$path" ] && echo "same path, no download"
echo "== unknown"
DCALIAS_SNAPSHOT_MANIFEST="$t/good.tsv" "$fetch" nosuch 2>&1
echo "exit=$?"
