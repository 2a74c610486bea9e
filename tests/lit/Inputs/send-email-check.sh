#!/usr/bin/env bash
# send-email-check.sh TREE SERIES SECTION PATCH-GLOB: `git send-email --dry-run` on the series
# (each mail's own headers, and with --to-cover --cc-cover), then, for the patch matching
# PATCH-GLOB, every M: address of the MAINTAINERS section titled SECTION must be among its
# recipients, and among the cover letter's. Read from the tree's MAINTAINERS here with awk,
# independently of dcalias. Prints "recipient ok: <address> (<patch>)" per address found.
set -euo pipefail
tree=$1 series=$2 section=$3 glob=$4
own=$(mktemp) all=$(mktemp)
trap 'rm -f "$own" "$all"' EXIT
send() {
  git send-email --dry-run --confirm=never --8bit-encoding=UTF-8 --suppress-cc=sob \
    --suppress-cc=bodycc --from 'A Developer <developer@example.org>' "$@" < /dev/null
}
# Each mail's own headers; then with the cover letter's To:/Cc: added to every mail.
send "$series"/*.patch > "$own" 2>&1 || { cat "$own"; exit 1; }
send --to-cover --cc-cover "$series"/*.patch > "$all" 2>&1 || { cat "$all"; exit 1; }
mapfile -t want < <(awk -v s="$section" '$0 == s { on = 1; next } on && /^$/ { exit }
  on && /^M:/ { sub(/^M:[ \t]*/, ""); sub(/.*</, ""); sub(/>.*/, ""); print }' "$tree/MAINTAINERS")
[ ${#want[@]} -gt 0 ] || { echo "no M: in section '$section'"; exit 1; }
patch=$(cd "$series" && ls $glob)
# The dry run prints one block per mail, from "Dry-OK" to "Result:", headers included.
block() { awk -v subj="$1" '/^Dry-OK/ { buf = ""; on = 1 } on { buf = buf "\n" $0 }
  /^Result:/ { if (index(buf, subj)) print buf; on = 0 }' "$2"; }
subject=$(sed -n 's/^Subject: \[PATCH [0-9]*\/[0-9]*\] //p' "$series/$patch")
cover=$(sed -n 's/^Subject: \[PATCH 0*\/[0-9]*\] //p' "$series/0000-cover-letter.patch")
for a in "${want[@]}"; do
  block "$subject" "$own" | grep -qF "$a" || { echo "MISSING: $a in $patch"; exit 1; }
  block "$subject" "$all" | grep -qF "$a" || { echo "MISSING: $a with --to-cover"; exit 1; }
  echo "recipient ok: $a ($patch)"
  block "$cover" "$own" | grep -qF "$a" || { echo "MISSING: $a in the cover letter"; exit 1; }
done
