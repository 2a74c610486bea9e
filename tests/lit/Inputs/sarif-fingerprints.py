#!/usr/bin/env python3
"""sarif-fingerprints.py FILE: the sorted (ruleId, fingerprint) pairs of a SARIF log."""
import json
import sys
log = json.load(open(sys.argv[1], encoding="utf-8"))
for pair in sorted((r["ruleId"], r["partialFingerprints"]["dcaliasFingerprint/v1"])
                   for run in log["runs"] for r in run["results"]):
    print(*pair)
