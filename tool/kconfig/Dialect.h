// kconfig/Dialect.h: which generation of conf's behaviour a tree has, decided from the tree.
//
// Contract: every behaviour of scripts/kconfig that differs between kernel generations is one
// row of Dialect.def, decided once per tree by a text its scripts/kconfig sources contain, never
// by the version number. The engine consults these named flags and nothing else, so a reader
// finds every generation difference, with the commit it came from, in Dialect.def.
#pragma once

#include <string>
#include <vector>

namespace dcalias::kconfig {

struct Dialect {
#define DIALECT(Name, File, Evidence, Baseline, Since, Meaning) bool Name = Baseline;
#include "kconfig/Dialect.def"

  // conf's SYMBOL_HASHSIZE: conf visits symbols bucket by bucket, so the table's size decides
  // the order in which it visits them, and so results where that order matters (9973 from 2.6
  // until 6.9's 1 << 14).
  unsigned SymbolHashSize = 9973;

  // Where the flags came from: the scripts/kconfig directory read, or empty when the tree has
  // none and the baseline (6.1's behaviour) applies.
  std::string Source;

  // Reads <Tree>/scripts/kconfig. A tree without it gets the baseline.
  static Dialect ofTree(const std::string &Tree);

  // One line per row: "Name=0|1  (File: Since)", for --dump-dialect and the tests.
  std::vector<std::string> describe() const;
};

} // namespace dcalias::kconfig
