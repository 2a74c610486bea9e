#!/usr/bin/env python3
"""daxlint-score.py TRUE_SITES.tsv LINT.json: precision and recall of the lint's findings
against a reviewed list of true sites (file, line, direction). Prints the score and every
finding not in the list and every listed site not found; exits 1 if the findings differ from
what the list says is detected (a regression either way)."""
import json
import sys


def key(path, line, direction):
    for top in ("fs/", "drivers/", "include/", "arch/", "mm/"):
        i = path.rfind("/" + top)
        if i >= 0:
            path = path[i + 1:]
            break
    return (path, int(line), direction)


sites = {}
for row in open(sys.argv[1], encoding="utf-8"):
    if row.startswith("#") or not row.strip():
        continue
    f, line, direction, func, detected, reason = row.rstrip("\n").split("\t")
    sites[key(f, line, direction)] = detected == "yes"
report = json.load(open(sys.argv[2], encoding="utf-8"))
found = {key(x["location"]["file"], x["location"]["line"],
             "write" if x["direction"] == "kernel write" else "read") for x in report["findings"]}
true_found = [k for k in found if k in sites]
precision = len(true_found) / len(found) if found else 1.0
recall = len(true_found) / len(sites) if sites else 1.0
print(f"findings {len(found)}, true sites {len(sites)}, true positives {len(true_found)}: "
      f"precision {precision:.3f}, recall {recall:.3f}")
bad = False
for k in sorted(found - set(sites)):
    print("not a listed true site: %s:%d %s" % k)
    bad = True
for k, detected in sorted(sites.items()):
    if k not in found:
        print("true site not found: %s:%d %s%s" % (k + ("" if not detected else " (listed as detected)",)))
        bad |= detected
    elif not detected:
        print("found, listed as missed (update the list): %s:%d %s" % k)
        bad = True
sys.exit(1 if bad else 0)
