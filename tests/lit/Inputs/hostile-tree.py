#!/usr/bin/env python3
"""Writes a small Kconfig tree (arch 'fx') whose fs/Kconfig is one hostile case.

Usage: hostile-tree.py DIR CASE. The cases past conf's own parser bounds (parentheses,
negations, nested blocks) must be refused; the others must load and evaluate."""
import os
import sys

root, case = sys.argv[1], sys.argv[2]
N = 50000
cases = {
    # conf: "memory exhausted" past some 9990 levels.
    "parens": 'config A\n\tbool "a"\n\tdepends on ' + "(" * N + "FX" + ")" * N + "\n",
    "nots": 'config A\n\tbool "a"\n\tdepends on ' + "!" * (2 * N) + "FX\n",
    "ifs": "if FX\n" * N + 'config A\n\tbool "a"\n' + "endif\n" * N,
    "macro": "X := " + "$(if,y," * (2 * N) + "z" + ")" * (2 * N) + '\nconfig A\n\tbool "$(X)"\n',
    # Within conf's bounds: 9999 parentheses inside 4990 blocks, and an operand chain conf
    # itself overflows its stack on.
    "edge": "if FX\n" * 4990 + 'config A\n\tbool "a"\n\tdefault y\n\tdepends on '
            + "(" * 9999 + "FX" + ")" * 9999 + "\n" + "endif\n" * 4990,
    "ors": 'config A\n\tbool "a"\n\tdefault y\n\tdepends on ' + " || ".join(["FX"] * (4 * N)) + "\n",
    # One symbol selected by 100,000 others, each implied by the next.
    "selects": 'config FOO\n\ttristate "foo"\n' + "".join(
        'config S%d\n\ttristate "s"\n\tdefault y\n\tselect FOO\n\timply S%d\n' % (i, i + 1)
        for i in range(2 * N)),
    "depends": 'config A\n\tbool "a"\n\tdefault y\n' + "\tdepends on FX\n" * (2 * N),
}
os.makedirs(os.path.join(root, "arch/fx"), exist_ok=True)
os.makedirs(os.path.join(root, "fs"), exist_ok=True)
with open(os.path.join(root, "Kconfig"), "w") as f:
    f.write('mainmenu "hostile"\nsource "arch/$(SRCARCH)/Kconfig"\nsource "fs/Kconfig"\n')
with open(os.path.join(root, "arch/fx/Kconfig"), "w") as f:
    f.write("config FX\n\tdef_bool y\n")
with open(os.path.join(root, "fs/Kconfig"), "w") as f:
    f.write(cases[case])
