// report/Sarif.h: SARIF 2.1.0 for code-scanning UIs (lint and check results).
//
// Contract: one run of the tool "dcalias" with its rules (id, short and full description,
// help), results with a level, a message and a physical location (tree-relative URI with
// uriBaseId SRCROOT), related locations for evidence, a code flow for a call chain, and
// partialFingerprints that do not depend on line numbers (rule, file, entity, message), so a
// result keeps its identity across runs while code moves.
#pragma once

#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace dcalias::report {

struct SarifLocation {
  std::string File; // tree-relative when possible
  unsigned Line = 0, Col = 0;
  std::string Message;
};

struct SarifResult {
  std::string RuleId, Level, Message; // level: error | warning | note
  SarifLocation At;
  std::vector<SarifLocation> Related;
  std::vector<SarifLocation> Flow;    // a call chain, outermost first
  std::string FingerprintSource;      // stable identity (hashed)
};

struct SarifRule {
  std::string Id, Short, Full, Help;
};

// The rules of RuleIds.def with these ids, in the order given.
std::vector<SarifRule> sarifRules(const std::vector<std::string> &Ids);

// Failures: inputs the run could not analyse; when there are any, the run's invocation says
// it was not successful and names each (toolExecutionNotifications, level error).
void writeSarif(llvm::raw_ostream &OS, const std::vector<SarifRule> &Rules,
                const std::vector<SarifResult> &Results, const std::string &SrcRoot,
                const std::vector<SarifLocation> &Failures = {});

} // namespace dcalias::report
