#include "report/CheckOutput.h"

#include "report/JsonHeader.h"
#include "report/Sarif.h"

#include "llvm/Support/JSON.h"

namespace dcalias::report {

void writeCheckText(llvm::raw_ostream &OS, const std::vector<ci::CheckFinding> &Findings) {
  for (const ci::CheckFinding &F : Findings) {
    OS.changeColor(llvm::raw_ostream::SAVEDCOLOR, /*Bold=*/true) << F.File << ":" << F.Line << ":1: ";
    OS.changeColor(F.Severity == "warning" ? llvm::raw_ostream::MAGENTA : llvm::raw_ostream::CYAN, true)
        << F.Severity << ":";
    OS.resetColor() << " " << F.Message << " [" << F.RuleId << "]\n";
    for (const std::string &R : F.Related)
      OS << "  " << R << "\n";
  }
}

void writeCheckJson(llvm::raw_ostream &OS, const ci::PatchSet &P, const std::vector<ci::CheckFinding> &Findings) {
  llvm::json::OStream J(OS, 2);
  J.objectBegin();
  writeJsonHeader(J, "dcalias-check/1");
  J.attribute("patches", int64_t(P.Patches));
  J.attributeArray("files", [&] {
    for (const auto &[Path, F] : P.Files)
      J.value(Path);
  });
  J.attributeArray("findings", [&] {
    for (const ci::CheckFinding &F : Findings) {
      J.objectBegin();
      J.attribute("rule", F.RuleId);
      J.attribute("severity", F.Severity);
      J.attributeObject("location", [&] {
        J.attribute("file", F.File);
        J.attribute("line", int64_t(F.Line));
      });
      J.attribute("message", F.Message);
      J.attributeArray("related", [&] {
        for (const std::string &R : F.Related)
          J.value(R);
      });
      J.attribute("fingerprint", F.Key);
      J.objectEnd();
    }
  });
  J.objectEnd();
  OS << "\n";
}

void writeCheckSarif(llvm::raw_ostream &OS, const std::vector<ci::CheckFinding> &Findings, const std::string &Tree) {
  std::vector<SarifResult> Rs;
  for (const ci::CheckFinding &F : Findings) {
    SarifResult R;
    R.RuleId = F.RuleId;
    R.Level = F.Severity;
    R.Message = F.Message;
    R.At = {F.File, F.Line, 0, ""};
    for (const std::string &Rel : F.Related)
      R.Related.push_back({"", 0, 0, Rel});
    R.FingerprintSource = F.Key;
    Rs.push_back(std::move(R));
  }
  writeSarif(OS,
             sarifRules({"kconfig-arch-exclusion", "kconfig-select-disagrees", "predicate-disagrees",
                         "predicate-unchecked", "dax-linear-write", "dax-linear-read"}),
             Rs, Tree);
}

} // namespace dcalias::report
