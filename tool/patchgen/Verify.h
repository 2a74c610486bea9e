// patchgen/Verify.h: each generated asm/cachetype.h probed as patched, against the model.
//
// Contract: for every arch patch of the series that changes asm/cachetype.h, the patched
// header (applied in memory, the tree untouched) is probed with Clang like the model's own
// predicate: the same configurations, CPU types, targets and include paths. Each CPU-type row
// must fold the same way (constant true, constant false, run-time). Rows the patched header
// could not be probed for are unverified, not wrong; differences are grouped by kind.
// A conditional select is checked on every defconfig of its arch (arch/<arch>/configs): the
// condition, evaluated on the configuration Kconfig gives, must hold exactly where that
// configuration's own audit (archmodel::auditConfig) is not "never".
#pragma once

#include "patchgen/Series.h"

#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace dcalias::patchgen {

struct Verified {
  std::string Arch;
  std::string Status; // ok | unverified | mismatch
  unsigned Matching = 0, Rows = 0;
  // "N row(s): model X, patched header Y (first: ROW[: its first error])"
  std::vector<std::string> Differences;
  // The select condition over the arch's defconfigs (Defconfigs 0: unconditional select).
  unsigned Defconfigs = 0, Selected = 0;
  std::vector<std::string> SelectDifferences; // "name: selected, audit never" / errors
  // ok: selected exactly where the defconfig's audit is not never; conservative: also on some
  // whose audit is never (a run-time answer where a constant would do); mismatch: not selected
  // on one that can alias, or a defconfig that could not be audited.
  std::string SelectStatus = "ok";
};

// Cache: each defconfig's audit taken from it while valid, stored in it when computed.
llvm::Expected<std::vector<Verified>> verifySeries(kconfig::FileCache &Files, const Series &S,
                                                   const std::vector<ArchInput> &Arches, Style St,
                                                   archmodel::ModelCache *Cache = nullptr);

// A row or a select condition that disagrees with the model (a select that is only
// conservative is not one): dcalias patch --verify exits 1.
inline bool anyMismatch(const std::vector<Verified> &V) {
  for (const Verified &X : V)
    if (X.Status == "mismatch" || X.SelectStatus == "mismatch")
      return true;
  return false;
}

} // namespace dcalias::patchgen
