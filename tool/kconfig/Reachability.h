// kconfig/Reachability.h: can a symbol be enabled in any configuration of an arch? (SAT)
//
// Contract: encodes the loaded Kconfig graph of one ARCH as a propositional formula and asks
// Z3 (Debian's libz3) whether a symbol can be y or m. Each bool/tristate symbol is two
// variables (y, m; never both); expressions are encoded exactly on the tristate lattice
// (min/max/2-v, equality of bool/tristate values); comparisons involving string/int/hex
// symbols are free atoms. A visible symbol ranges between its reverse dependency (selects)
// and max(visibility, default, reverse dependency); an invisible one equals
// max(first applicable default, implied && depends, selects), as conf computes it; m becomes y
// for bool symbols and when MODULES is off; a visible bool choice has exactly one member y.
// When a symbol cannot be enabled, the first conjunct of its dependency that cannot hold by
// itself is named as the blocker (or the whole dependency when only their combination fails).
#pragma once

#include "kconfig/Kconfig.h"

#include <string>
#include <vector>

namespace dcalias::kconfig {

struct Reach {
  std::string Symbol;
  bool Exists = false;   // defined for this ARCH
  bool Enabled = false;  // some configuration has it y or m
  std::string Blocker;   // when not: "depends on <expr> (file:line)"
};

std::vector<Reach> reachability(Kconfig &K, const std::vector<std::string> &Symbols);

} // namespace dcalias::kconfig
