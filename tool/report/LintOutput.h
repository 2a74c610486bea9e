// report/LintOutput.h: the DAX lint's findings as text, JSON (dcalias-lint/1) and SARIF, and
// the JSON read back (the HTML page includes a lint report).
//
// Contract: one writer per format; readLintJson() accepts exactly what writeLintJson() writes
// (schema dcalias-lint/1) and refuses anything else with an error naming the input, so a page
// never shows another tool's file as if it were a lint report.
#pragma once

#include "daxlint/Lint.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace dcalias::report {

// "file:line:col: warning: ... [rule]" with its touch, address and call chain lines, in the
// style of clang-tidy; colour where OS has it enabled (a terminal).
// Paths under Root (a directory, made absolute) become relative to it, in the findings and their
// call chains; returns the absolute Root with a trailing '/' (SARIF's SRCROOT).
std::string makeRelative(daxlint::LintResult &R, const std::string &Root);

void writeLintText(llvm::raw_ostream &OS, const std::vector<daxlint::Finding> &Findings);

void writeLintJson(llvm::raw_ostream &OS, const daxlint::LintResult &R);

// SrcRoot: the directory the findings' paths are relative to ("" when they are absolute).
void writeLintSarif(llvm::raw_ostream &OS, const daxlint::LintResult &R, const std::string &SrcRoot);

// A dcalias-lint/1 report; Name is how errors name the input.
llvm::Expected<std::vector<daxlint::Finding>> readLintJson(llvm::StringRef Text, const std::string &Name);

} // namespace dcalias::report
