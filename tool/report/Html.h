// report/Html.h: one self-contained HTML page for reviewers.
//
// Contract: the arch x CPU-type matrix coloured by outcome (never / always / run-time /
// unknown), each cell linking to its evidence (probe, select chain, header definitions,
// run-time reads), the arch verdicts with their DAX reachability, the lint findings with
// their call chains, and the generated patch series. No script, no external resource: the
// page renders the same offline. Text is HTML-escaped.
#pragma once

#include "archmodel/Audit.h"
#include "daxlint/Analysis.h"

#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace dcalias::report {

struct HtmlPatch {
  std::string Name, Text;
};

struct HtmlInput {
  std::string TreeName, KernelVersion;
  std::vector<archmodel::ArchModel> Arches;
  std::vector<daxlint::Finding> Lint; // a lint report given (HaveLint)
  bool HaveLint = false;
  std::vector<HtmlPatch> Series;
};

void writeHtml(llvm::raw_ostream &OS, const HtmlInput &In);

} // namespace dcalias::report
