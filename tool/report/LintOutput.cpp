#include "report/LintOutput.h"

#include "report/JsonHeader.h"
#include "report/Sarif.h"
#include "support/Diagnostics.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"

namespace dcalias::report {

std::string makeRelative(daxlint::LintResult &R, const std::string &Root) {
  llvm::SmallString<256> A(Root);
  llvm::sys::fs::make_absolute(A);
  llvm::sys::path::remove_dots(A, true);
  std::string Prefix = A.str().str() + "/";
  auto rel = [&](std::string &F) {
    if (llvm::StringRef(F).starts_with(Prefix))
      F = F.substr(Prefix.size());
  };
  for (daxlint::Finding &F : R.Findings) {
    rel(F.At.File);
    for (daxlint::Loc &L : F.ChainAt)
      rel(L.File);
  }
  for (daxlint::Unparsed &U : R.Failed)
    rel(U.File);
  return Prefix;
}

void writeLintText(llvm::raw_ostream &OS, const std::vector<daxlint::Finding> &Findings) {
  for (const daxlint::Finding &F : Findings) {
    OS.changeColor(llvm::raw_ostream::SAVEDCOLOR, /*Bold=*/true) << F.At.str() << ": ";
    OS.changeColor(llvm::raw_ostream::MAGENTA, true) << "warning:";
    OS.resetColor() << " " << daxlint::summary(F) << " [" << F.RuleId << "]\n";
    OS << "  touch: " << F.Touch << "\n  address: " << F.Origin << "\n  call chain:";
    for (size_t I = 0; I < F.Chain.size(); ++I)
      OS << (I ? " -> " : " ") << F.Chain[I];
    OS << "\n";
  }
}

void writeLintJson(llvm::raw_ostream &OS, const daxlint::LintResult &R) {
  llvm::json::OStream J(OS, 2);
  J.objectBegin();
  writeJsonHeader(J, "dcalias-lint/1");
  J.attribute("translation_units", int64_t(R.TranslationUnits));
  if (!R.Failed.empty())
    J.attributeArray("unparsed", [&] {
      for (const daxlint::Unparsed &U : R.Failed)
        J.object([&] {
          J.attribute("file", U.File);
          J.attribute("errors", int64_t(U.Errors));
          J.attribute("diagnostics", U.Diagnostics);
        });
    });
  J.attributeArray("findings", [&] {
    for (const daxlint::Finding &F : R.Findings) {
      J.objectBegin();
      J.attribute("rule", F.RuleId);
      J.attributeObject("location", [&] {
        J.attribute("file", F.At.File);
        J.attribute("line", int64_t(F.At.Line));
        J.attribute("column", int64_t(F.At.Col));
      });
      J.attribute("function", F.Function);
      J.attribute("direction", F.Write ? "kernel write" : "kernel read");
      J.attribute("touch", F.Touch);
      J.attribute("origin", F.Origin);
      J.attributeArray("call_chain", [&] {
        for (const std::string &C : F.Chain)
          J.value(C);
      });
      J.objectEnd();
    }
  });
  J.objectEnd();
  OS << "\n";
}

void writeLintSarif(llvm::raw_ostream &OS, const daxlint::LintResult &R, const std::string &SrcRoot) {
  std::vector<SarifResult> Rs;
  for (const daxlint::Finding &F : R.Findings) {
    SarifResult S;
    S.RuleId = F.RuleId;
    S.Level = "warning";
    S.Message = daxlint::summary(F) + ": " + F.Touch;
    S.At = {F.At.File, F.At.Line, F.At.Col, ""};
    S.Related.push_back({"", 0, 0, "address: " + F.Origin});
    for (size_t I = 0; I < F.Chain.size(); ++I)
      S.Flow.push_back({I < F.ChainAt.size() ? F.ChainAt[I].File : F.At.File,
                        I < F.ChainAt.size() ? F.ChainAt[I].Line : 0, 0, F.Chain[I]});
    S.FingerprintSource = daxlint::stableKey(F);
    Rs.push_back(std::move(S));
  }
  std::vector<SarifLocation> Failures;
  for (const daxlint::Unparsed &U : R.Failed)
    Failures.push_back({U.File, 0, 0, "does not parse (" + std::to_string(U.Errors) + " errors): not analysed"});
  writeSarif(OS, sarifRules({"dax-linear-write", "dax-linear-read"}), Rs, SrcRoot, Failures);
}

llvm::Expected<std::vector<daxlint::Finding>> readLintJson(llvm::StringRef Text, const std::string &Name) {
  auto J = llvm::json::parse(Text);
  if (!J)
    return makeLocatedError({Name, 0, 0}, "not JSON: " + llvm::toString(J.takeError()));
  const llvm::json::Object *O = J->getAsObject();
  if (!O || O->getString("schema") != std::optional<llvm::StringRef>("dcalias-lint/1"))
    return makeLocatedError({Name, 0, 0}, "not a dcalias-lint/1 report");
  std::vector<daxlint::Finding> Out;
  const llvm::json::Array *Fs = O->getArray("findings");
  if (!Fs)
    return makeLocatedError({Name, 0, 0}, "a dcalias-lint/1 report without \"findings\"");
  for (size_t N = 0; N < Fs->size(); ++N) {
    const llvm::json::Object *F = (*Fs)[N].getAsObject();
    const llvm::json::Object *L = F ? F->getObject("location") : nullptr;
    if (!F || !L || !F->getString("rule") || !L->getString("file"))
      return makeLocatedError({Name, 0, 0}, "findings[" + std::to_string(N) + "]: not a lint finding (rule and location.file are required)");
    daxlint::Finding D;
    D.RuleId = F->getString("rule")->str();
    D.At.File = L->getString("file")->str();
    D.At.Line = unsigned(L->getInteger("line").value_or(0));
    D.At.Col = unsigned(L->getInteger("column").value_or(0));
    D.Function = F->getString("function").value_or("").str();
    D.Write = F->getString("direction").value_or("") == "kernel write";
    D.Touch = F->getString("touch").value_or("").str();
    D.Origin = F->getString("origin").value_or("").str();
    if (const llvm::json::Array *C = F->getArray("call_chain"))
      for (const llvm::json::Value &X : *C)
        D.Chain.push_back(X.getAsString().value_or("").str());
    Out.push_back(std::move(D));
  }
  return Out;
}

} // namespace dcalias::report
