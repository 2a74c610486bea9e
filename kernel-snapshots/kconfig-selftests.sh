#!/usr/bin/env bash
# Runs a kernel tree's own Kconfig test suite (scripts/kconfig/tests, pytest with the tree's
# conftest.py) against dcalias in the place of scripts/kconfig/conf.
#
#   kconfig-selftests.sh [--snapshot NAME | --tree DIR] [-o FILE]
#
# The suite runs conf as <objtree>/scripts/kconfig/conf; here that is a small shim in a scratch
# directory that turns conf's command line into `dcalias kconfig <case dir> --kconfig Kconfig
# --dialect-of <tree>`. Nothing is copied from the tree and nothing is written into it (pytest
# runs with -B and without its cache).
#
# The modes that produce a .config (olddefconfig, defconfig, allno/allyes/allmod/alldefconfig,
# and oldaskconfig/oldconfig answered with Enter only) are dcalias's job. The rest is conf's
# interactive front end: typed answers, randconfig, savedefconfig, listnewconfig (the shim
# refuses them) and the prompts conf prints on stdout. Such a case is reported as "front-end"
# with the reason, not counted.
#
# Known differences (IWYU's tests/bugs idea) are listed in kconfig-selftests.xfail with their
# reason; one that starts passing fails the run until it is taken off the list.
#
# Output: one line per case, "case<TAB>passed|failed|front-end|xfail|xpass<TAB>detail", then
# "N passed / M comparable (...)". Exit status 0 only if none failed and none xpassed.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
dcalias=${DCALIAS:-$repo/build/bin/dcalias}
snapshot=6.1
tree=""
out=""
while (($#)); do
  case "$1" in
    --snapshot) snapshot=$2; shift 2 ;;
    --tree) tree=$2; shift 2 ;;
    -o) out=$2; shift 2 ;;
    -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "kconfig-selftests.sh: error: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
[ -x "$dcalias" ] || { echo "kconfig-selftests.sh: error: $dcalias not built" >&2; exit 2; }
[ -n "$tree" ] || tree=$("$here/fetch.sh" "$snapshot")
tree=$(cd "$tree" && pwd)
tests="$tree/scripts/kconfig/tests"
[ -f "$tests/conftest.py" ] || { echo "kconfig-selftests.sh: error: $tests has no conftest.py" >&2; exit 2; }
py=/usr/bin/python3
"$py" -c 'import pytest' 2>/dev/null || { echo "kconfig-selftests.sh: error: pytest is missing (apt-get install python3-pytest)" >&2; exit 2; }

scratch=$(mktemp -d "${TMPDIR:-/tmp}/dcalias-kselftest.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/scripts/kconfig"
log="$scratch/modes.log"
: >"$log"

cat >"$scratch/scripts/kconfig/conf" <<'EOF'
#!/usr/bin/env bash
# conf's command line -> dcalias kconfig (see kconfig-selftests.sh).
mode="" defconfig="" kconfig=""
# The suite keeps pressing Enter until conf exits; older conftest.py versions do not catch the
# broken pipe of a write that comes just after the exit. Something must keep reading stdin
# until the suite stops writing and closes it.
drain() { cat <&0 >/dev/null 2>&1 & }  # explicit <&0: an async command would read /dev/null
for a in "$@"; do
  case "$a" in
    -s) ;;
    --olddefconfig|--allnoconfig|--allyesconfig|--allmodconfig|--alldefconfig) mode=${a#--} ;;
    --oldaskconfig|--oldconfig)
      # Interactive, but when the suite only presses Enter every question keeps its default
      # and the .config is olddefconfig's; typed answers are the front end's business.
      IFS= read -r -t 5 first || true
      drain
      if [ -n "$first" ]; then
        printf '%s	%s %s
' "${PYTEST_CURRENT_TEST%% *}" "$a" "with typed answers" >>"$DCALIAS_SELFTEST_LOG"
        echo "conf shim: $a with typed answers is conf's interactive front end" >&2
        exit 2
      fi
      mode=olddefconfig ;;
    --defconfig=*) mode=defconfig; defconfig=${a#--defconfig=} ;;
    -*) printf '%s\t%s\n' "${PYTEST_CURRENT_TEST%% *}" "$a" >>"$DCALIAS_SELFTEST_LOG"
        echo "conf shim: $a is conf's interactive front end, not evaluated by dcalias" >&2
        exit 2 ;;
    *) kconfig=$a ;;
  esac
done
[ "$mode" = olddefconfig ] || drain
cfg=${KCONFIG_CONFIG:-.config}
# The cases' $(shell,...) calls are part of what they test (the runner is the opt-in).
args=(kconfig "$srctree" --kconfig "$kconfig" --dialect-of "$DCALIAS_SELFTEST_TREE" --allow-shell -q -o "$cfg.dcalias")
case "$mode" in
  olddefconfig) if [ -f "$cfg" ]; then args+=(--config "$cfg"); else args+=(--mode olddefconfig); fi ;;
  defconfig) args+=(--defconfig "$defconfig") ;;
  *) args+=(--mode "$mode") ;;
esac
if "$DCALIAS" "${args[@]}"; then
  mv "$cfg.dcalias" "$cfg"
  exit 0
fi
rm -f "$cfg.dcalias"
exit 1
EOF
chmod +x "$scratch/scripts/kconfig/conf"

export DCALIAS="$dcalias" DCALIAS_SELFTEST_TREE="$tree" DCALIAS_SELFTEST_LOG="$log"
set +e
(cd "$scratch" && "$py" -B -m pytest -p no:cacheprovider -q --junitxml="$scratch/junit.xml" "$tests") \
  >"$scratch/pytest.out" 2>&1
set -e
[ -s "$scratch/junit.xml" ] || { echo "kconfig-selftests.sh: error: pytest wrote no results:" >&2; tail -n 20 "$scratch/pytest.out" >&2; exit 1; }

# Classify each case: passed, front-end (a refused mode, or a failed check of conf's stdout
# prompts), xfail (a known difference listed in kconfig-selftests.xfail, with its reason),
# failed. An xfail case that passes is reported as xpass and fails the run, so that the fix is
# noticed and the list shrinks.
"$py" - "$scratch/junit.xml" "$log" "$here/kconfig-selftests.xfail" "$(basename "$tree")" "$out" <<'PY'
import sys, xml.etree.ElementTree as ET
junit, log, xfail_file, tree, out = sys.argv[1:6]
modes = {}
for line in open(log):
    test, _, mode = line.rstrip("\n").partition("\t")
    # PYTEST_CURRENT_TEST: "<path>/scripts/kconfig/tests/<case>/__init__.py::<test>"
    modes.setdefault(test.split("kconfig/tests/")[-1], set()).add(mode)
xfail = {}
for line in open(xfail_file):
    if line.strip() and not line.startswith("#"):
        case, _, reason = line.rstrip("\n").partition("\t")
        xfail[case] = reason
rows = []
for tc in ET.parse(junit).getroot().iter("testcase"):
    path = tc.get("file") or tc.get("classname", "").replace(".", "/")
    name = tc.get("classname", "").split("kconfig.tests.")[-1].replace(".", "/")
    case = "%s/__init__.py::%s" % (name.removesuffix("/__init__"), tc.get("name"))
    bad = tc.find("failure")
    if bad is None:
        bad = tc.find("error")
    text = "" if bad is None else (bad.get("message", "") + "\n" + (bad.text or ""))
    failing = [l.strip()[1:].strip() for l in text.splitlines() if l.startswith(">")]
    used = sorted(modes.get(case, ()))
    last = failing[-1] if failing else ""
    if bad is None:
        status, detail = ("xpass", "passes now: drop it from kconfig-selftests.xfail") if case in xfail else ("passed", "")
    elif used and "_contains" not in last and "_matches" not in last:
        # It stopped at a mode the shim refuses; every check before it passed.
        status, detail = "front-end", "uses " + ", ".join(used)
    elif "stdout_contains" in last or "stdout_matches" in last:
        status, detail = "front-end", "compares conf's prompts on stdout"
    elif case in xfail:
        status, detail = "xfail", xfail[case]
    else:
        status, detail = "failed", (failing[-1] if failing else text.strip().splitlines()[0] if text.strip() else "")
    rows.append((case, status, detail))
rows.sort()
count = lambda s: sum(1 for r in rows if r[1] == s)
lines = ["# the kernel's scripts/kconfig/tests against dcalias: " + tree]
lines += ["%s\t%s\t%s" % r for r in rows]
comparable = len(rows) - count("front-end")
lines.append("%d passed / %d comparable (%d cases, %d front-end, %d known differences)" %
             (count("passed"), comparable, len(rows), count("front-end"), count("xfail")))
text = "\n".join(lines) + "\n"
sys.stdout.write(text)
if out:
    open(out, "w").write(text)
sys.exit(0 if rows and count("failed") == 0 and count("xpass") == 0 else 1)
PY
