#!/usr/bin/env python3
"""review-messages.py TREE SERIES: reads each commit message of a generated series as a
maintainer would. Every 'quoted' text followed by (file:line) must be on that line of that
tree file, and any other quote must be in the file the message names before it; no paragraph
appears twice in one message; no word about how the tool works. Prints one line per check,
exits 1 on the first failure."""
import os, re, sys

tree, series = sys.argv[1], sys.argv[2]
INTERNAL = re.compile(r"dcalias|Clang|stand-in|preprocessor|\brules/|\bthe model\b|\bprobe's\b", re.I)
quotes = paragraphs = 0
for name in sorted(os.listdir(series)):
    if not name.endswith(".patch") or name.startswith("0000-"):
        continue
    text = open(os.path.join(series, name), encoding="utf-8").read()
    body = text.split("\n\n", 1)[1].split("\n---\n", 1)[0]
    # An apostrophe inside a word (cache's) opens no quotation.
    for m in re.finditer(r"(?<!\w)'([^'\n]+(?:\n[^'\n]+)*?)'(?!\w)(?:\s+\(([\w./-]+):(\d+)\))?", body):
        quote = " ".join(m.group(1).split())
        if len(quote) < 8 or " " not in quote:
            continue  # 'y', 'n': values, not quotations
        path, line = m.group(2), m.group(3)
        if path:
            lines = open(os.path.join(tree, path), encoding="utf-8", errors="replace").read().split("\n")
            got = " ".join(lines[int(line) - 1].split())
            if quote not in got:
                sys.exit(f"{name}: '{quote}' is not on {path}:{line} ('{got}')")
        else:
            named = re.findall(r"\b((?:arch|fs|mm|include|drivers)/[\w./-]+)", body[: m.start()])
            if not named or not any(quote in " ".join(open(os.path.join(tree, p), errors="replace").read().split())
                                    for p in named if os.path.isfile(os.path.join(tree, p))):
                sys.exit(f"{name}: '{quote}' is in none of the files the message names")
        quotes += 1
    paras = [" ".join(p.split()) for p in body.split("\n\n") if p.strip()]
    dup = {p for p in paras if paras.count(p) > 1}
    if dup:
        sys.exit(f"{name}: paragraph repeated: {dup.pop()[:60]}")
    paragraphs += len(paras)
    bad = INTERNAL.search(body)
    if bad:
        sys.exit(f"{name}: says '{bad.group(0)}' (how the tool works is the report's, not the commit's)")
print(f"quotes: {quotes}, each in the tree")
print(f"paragraphs: {paragraphs}, none repeated")
print("no tool internals")
