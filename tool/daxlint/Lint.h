// daxlint/Lint.h: the DAX lint over a compilation database (LibTooling conventions).
//
// Contract: parse each requested file with the flags of compile_commands.json (all files of
// the database when none is named), collect Facts.h per TU (in parallel, -j), then analyse
// them together (Analysis.h). Files missing from the database or failing to parse are errors
// that name the file; the analysis never runs on a partial set.
#pragma once

#include "daxlint/Analysis.h"

#include "llvm/Support/Error.h"

#include <map>
#include <string>
#include <vector>

namespace clang::tooling {
class CompilationDatabase;
}

namespace dcalias::daxlint {

struct LintOptions {
  std::string BuildDir;            // directory holding compile_commands.json
  // Or a database made by the caller (Kbuild's C=2 CHECK= hook: one command line).
  const clang::tooling::CompilationDatabase *Database = nullptr;
  std::vector<std::string> Files;  // empty: every file of the database
  unsigned Jobs = 0;               // 0: all cores
  std::vector<std::string> ExtraArgs; // appended to each command (e.g. -Wno-everything)
  // Files seen with other contents than on disk (absolute path -> text): a patch applied in
  // memory (dcalias check), the tree untouched.
  std::map<std::string, std::string> Overlay;
};

// A translation unit that did not parse: it is not analysed (its facts would be partial), the
// others are, and the run is incomplete (dcalias lint exits 2).
struct Unparsed {
  std::string File;
  unsigned Errors = 0;
  std::string Diagnostics; // Clang's, as printed
};

struct LintResult {
  std::vector<Finding> Findings;
  unsigned TranslationUnits = 0, Functions = 0; // TranslationUnits: all given, parsed or not
  std::vector<Unparsed> Failed;
};

// Every failed translation unit as one located error ("FILE: error: does not parse (N
// errors)" and Clang's diagnostics), for callers to whom a partial result is no result.
llvm::Error failedUnits(const LintResult &R);

llvm::Expected<LintResult> runLint(const LintOptions &O, const LintRules &R);

} // namespace dcalias::daxlint
