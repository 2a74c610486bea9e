#!/usr/bin/env bash
# render-html.sh PAGE.html OUTDIR: renders the page in headless Chromium (Debian's chromium)
# as a person would see it: a screenshot (OUTDIR/page.png), the DOM after rendering
# (OUTDIR/dom.html) and the browser log (OUTDIR/console.log, with page console messages).
# Prints the number of matrix cells in the rendered DOM, the console errors, and the
# screenshot's PNG dimensions.
set -euo pipefail
page=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") out=$2
mkdir -p "$out"
flags=(--headless=new --no-sandbox --disable-gpu --hide-scrollbars --allow-file-access-from-files
       --user-data-dir="$out/profile" --enable-logging=stderr --v=0)
timeout 120 chromium "${flags[@]}" --window-size=1400,1800 --screenshot="$out/page.png" "file://$page" 2> "$out/console.log" > /dev/null
timeout 120 chromium "${flags[@]}" --dump-dom "file://$page" > "$out/dom.html" 2>> "$out/console.log"
echo "cells $(grep -o 'class="cell ' "$out/dom.html" | wc -l)"
echo "console errors $(grep -c 'CONSOLE.*\(Uncaught\|error\)' "$out/console.log" || true)"
python3 - "$out/page.png" <<'PY'
import struct, sys
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
w, h = struct.unpack(">II", data[16:24])
print("png %dx%d %s" % (w, h, "large" if len(data) > 20000 else "small"))
PY
