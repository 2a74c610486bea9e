#!/usr/bin/env bash
# validate-sarif.sh FILE.sarif: runs the SARIF multitool's `validate` verb (installed by
# scripts/install-sarif-validator.sh) and fails, listing them, on any error or warning it
# reports about the file. Prints "valid SARIF: FILE (N results)" otherwise.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tool=$("$here/../../../scripts/install-sarif-validator.sh")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$tool" validate "$1" -o "$out/validation.sarif" > "$out/log" 2>&1 || { cat "$out/log" >&2; exit 1; }
python3 - "$out/validation.sarif" "$1" <<'PY'
import json, sys
v = json.load(open(sys.argv[1]))
problems = [r for run in v.get("runs", []) for r in run.get("results", [])
            if r.get("level", "warning") in ("error", "warning")]
for p in problems:
    print("%s %s: %s" % (p.get("level", "warning"), p.get("ruleId"), p.get("message", {}).get("text", "")[:300]))
n = sum(len(run.get("results", [])) for run in json.load(open(sys.argv[2])).get("runs", []))
if problems:
    sys.exit(1)
print("valid SARIF: %s (%d results)" % (sys.argv[2].split("/")[-1], n))
PY
