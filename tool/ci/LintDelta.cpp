#include "ci/LintDelta.h"

#include "daxlint/Lint.h"
#include "support/Diagnostics.h"
#include "support/JsonSchema.h"

#include "llvm/Support/JSON.h"

#include <set>

namespace dcalias::ci {

llvm::Expected<std::vector<CheckFinding>> lintFindingsOfPatch(const std::string &Tree, const PatchSet &P,
                                                              const std::string &BuildDir, unsigned Jobs) {
  auto LR = daxlint::loadLintRules();
  if (!LR)
    return LR.takeError();
  daxlint::LintOptions LO;
  LO.BuildDir = BuildDir;
  LO.Jobs = Jobs;
  // A delta over translation units that did not parse would compare partial results.
  auto Base = daxlint::runLint(LO, *LR);
  if (!Base)
    return Base.takeError();
  if (llvm::Error E = daxlint::failedUnits(*Base))
    return E;
  for (const auto &[Path, F] : P.Files)
    LO.Overlay[Tree + "/" + Path] = F.New;
  auto After = daxlint::runLint(LO, *LR);
  if (!After)
    return After.takeError();
  if (llvm::Error E = daxlint::failedUnits(*After))
    return E;
  std::set<std::string> Known;
  for (const daxlint::Finding &F : Base->Findings)
    Known.insert(daxlint::stableKey(F));
  std::string Prefix = Tree + "/";
  std::vector<CheckFinding> Out;
  for (const daxlint::Finding &F : After->Findings) {
    llvm::StringRef File(F.At.File);
    if (!File.consume_front(Prefix) || !P.Files.count(File.str()) || Known.count(daxlint::stableKey(F)))
      continue;
    CheckFinding C;
    C.RuleId = F.RuleId;
    C.Severity = "warning";
    C.File = File.str();
    C.Line = F.At.Line;
    C.Message = daxlint::summary(F) + ", in " + F.Function + "(): " + F.Touch;
    C.Related.push_back("address: " + F.Origin);
    std::string Chain;
    for (const std::string &X : F.Chain)
      Chain += (Chain.empty() ? "" : " -> ") + X;
    C.Related.push_back("call chain: " + Chain);
    C.Key = daxlint::stableKey(F);
    Out.push_back(std::move(C));
  }
  return Out;
}

llvm::Error dropBaseline(std::vector<CheckFinding> &Findings, llvm::StringRef Text, const std::string &Name) {
  auto J = llvm::json::parse(Text);
  if (!J)
    return makeLocatedError({Name, 0, 0}, llvm::toString(J.takeError()));
  const llvm::json::Object *Top = J->getAsObject();
  const llvm::json::Array *A = Top ? Top->getArray("findings") : nullptr;
  if (!Top || Top->getString("schema") != std::optional<llvm::StringRef>("dcalias-check/1") || !A)
    return makeLocatedError({Name, 0, 0}, "not a dcalias-check/1 report (a baseline is an earlier `dcalias check --format json`)");
  // The whole report as the schema has it: a finding without its fingerprint would silently
  // drop nothing, and a baseline that drops nothing is a check that passes on old findings.
  if (llvm::Error E = validateRuleFile(*J, "check", Name))
    return E;
  std::set<std::string> Known;
  for (const llvm::json::Value &V : *A)
    Known.insert(V.getAsObject()->getString("fingerprint")->str());
  std::vector<CheckFinding> Kept;
  for (CheckFinding &F : Findings)
    if (!Known.count(F.Key))
      Kept.push_back(std::move(F));
  Findings = std::move(Kept);
  return llvm::Error::success();
}

} // namespace dcalias::ci
