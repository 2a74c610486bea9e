// report/CheckOutput.h: what `dcalias check` found, as text, JSON (dcalias-check/1) or SARIF.
#pragma once

#include "ci/Check.h"
#include "ci/PatchSet.h"

#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace dcalias::report {

// "file:line:1: warning|note: message [rule]" and the evidence lines, colour where OS has it.
void writeCheckText(llvm::raw_ostream &OS, const std::vector<ci::CheckFinding> &Findings);

void writeCheckJson(llvm::raw_ostream &OS, const ci::PatchSet &P, const std::vector<ci::CheckFinding> &Findings);

// Tree: the SRCROOT the tree-relative paths are relative to.
void writeCheckSarif(llvm::raw_ostream &OS, const std::vector<ci::CheckFinding> &Findings, const std::string &Tree);

} // namespace dcalias::report
