// ci/Check.h: what a kernel patch changes about cache aliasing and DAX, against the model.
//
// Contract: given a patch applied in memory (PatchSet.h) and the arch cache model of the base
// tree (one audit per arch), report only what the patch introduces:
//  - kconfig-arch-exclusion: an added "depends on" of a DAX symbol (rules/dax.json) that
//    needs an arch's own symbol to be n (an exclusion by name): which excluded arches have CPU
//    types that never alias, and which aliasing arches it misses;
//  - kconfig-select-disagrees: an added select of the aliasing symbols (either naming) in an
//    arch Kconfig that the model contradicts (no CPU type aliases; static where run-time);
//  - predicate-disagrees: an asm/cachetype.h predicate, as patched, probed under every CPU
//    type (through Reprobe) that folds differently from the model (unsafe or conservative),
//    unless the base tree's predicate already did the same.
// Kconfig text is read through the engine's parser (kconfig/Entries.h), never by string
// matching. Nothing is written; the model and the re-probe come from the caller.
#pragma once

#include "archmodel/Audit.h"
#include "ci/PatchSet.h"

#include "llvm/Support/Error.h"

#include <functional>
#include <string>
#include <vector>

namespace dcalias::ci {

struct CheckFinding {
  std::string RuleId, Severity; // severity: warning | note
  std::string File;             // tree-relative
  unsigned Line = 0;
  std::string Message;
  std::vector<std::string> Related; // evidence, "file:line: text" or plain text
  std::string Key;                  // stable across line moves: rule, file, entity, message
};

using archmodel::ArchModel;

using Reprobe = std::function<llvm::Expected<archmodel::ArchAudit>(
    const ArchModel &, const archmodel::ProbeOverride &)>;

struct CheckRules {
  std::vector<std::string> DaxSymbols;
};
llvm::Expected<CheckRules> loadCheckRules(const std::string &Path = "");

std::vector<CheckFinding> checkPatch(const std::string &Tree, const PatchSet &P,
                                     const std::vector<ArchModel> &Model, const CheckRules &R,
                                     const Reprobe &Probe);

} // namespace dcalias::ci
