// ci/LintDelta.h: the DAX lint findings a patch introduces, and accepted findings dropped.
//
// Contract: the lint runs over the database's translation units twice, on the tree and with
// the patched files overlaid in memory (the tree untouched); a finding of the second run is
// the patch's when it lies in a file the patch touches and its line-independent identity
// (daxlint::stableKey) is not among the first run's. A baseline is a dcalias-check/1 report:
// findings whose fingerprint it lists are not reported again.
#pragma once

#include "ci/Check.h"
#include "ci/PatchSet.h"

#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace dcalias::ci {

llvm::Expected<std::vector<CheckFinding>> lintFindingsOfPatch(const std::string &Tree, const PatchSet &P,
                                                              const std::string &BuildDir, unsigned Jobs);

// Removes from Findings those whose Key the dcalias-check/1 report in Text (named Name in
// errors) lists as a fingerprint.
llvm::Error dropBaseline(std::vector<CheckFinding> &Findings, llvm::StringRef Text, const std::string &Name);

} // namespace dcalias::ci
