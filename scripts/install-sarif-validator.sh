#!/usr/bin/env bash
# Installs Microsoft's SARIF multitool (npm @microsoft/sarif-multitool, pinned) into a cache
# outside the repository and prints the path of its `sarif-multitool` command. The tests
# validate every SARIF report dcalias writes with its `validate` verb. Needs npm (Debian's
# npm package, installed by scripts/install-deps.sh).
set -euo pipefail
version=5.7.0
dir=${DCALIAS_NPM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dcalias/npm-sarif-$version}
bin=$dir/node_modules/.bin/sarif-multitool
if [ ! -x "$bin" ]; then
  mkdir -p "$dir"
  (cd "$dir" && npm install --no-audit --no-fund --silent "@microsoft/sarif-multitool@$version" >&2)
fi
# npm may skip the package's postinstall (chmod of the native binary): do it here.
for b in "$dir"/node_modules/@microsoft/sarif-multitool-linux*/Sarif.Multitool; do
  [ -f "$b" ] && chmod u+x "$b"
done
echo "$bin"
