#include "patchgen/Verify.h"

#include "patchgen/Diff.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"

#include <algorithm>

#include <map>

namespace dcalias::patchgen {

namespace {

std::vector<std::string> defconfigsOf(const std::string &Tree, const std::string &SrcArch) {
  std::vector<std::string> Out;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Tree + "/arch/" + SrcArch + "/configs", EC), E;
       It != E && !EC; It.increment(EC)) {
    llvm::StringRef Name = llvm::sys::path::filename(It->path());
    if (Name.ends_with("_defconfig") || Name == "defconfig")
      Out.push_back(Name.str());
  }
  std::sort(Out.begin(), Out.end());
  return Out;
}

void checkSelect(kconfig::FileCache &Files, const ArchInput &In, Verified &V, archmodel::ModelCache *Cache) {
  std::vector<std::string> Cond = archmodel::aliasingCondition(In.Audit);
  if (Cond.empty())
    return;
  for (const std::string &D : defconfigsOf(Files.tree(), In.Rule.Arch)) {
    DiagList Diags;
    auto C = archmodel::auditConfig(Files, In.Audit.Arch, In.Rule, D, Diags, Cache);
    ++V.Defconfigs;
    if (!C) {
      V.SelectDifferences.push_back(D + ": " + llvm::toString(C.takeError()));
      V.SelectStatus = "mismatch";
      continue;
    }
    bool Holds = std::any_of(C->CpuTypes.begin(), C->CpuTypes.end(), [&](const std::string &T) {
      return std::find(Cond.begin(), Cond.end(), T) != Cond.end();
    });
    bool Aliases = C->Result.Result != archmodel::Alias::Never;
    V.Selected += Holds;
    if (Holds == Aliases)
      continue;
    V.SelectDifferences.push_back(D + ": " + (Holds ? "selected" : "not selected") + ", its audit " +
                                  archmodel::aliasName(C->Result.Result));
    if (!Holds)
      V.SelectStatus = "mismatch";
    else if (V.SelectStatus == "ok")
      V.SelectStatus = "conservative";
  }
}

} // namespace

llvm::Expected<std::vector<Verified>> verifySeries(kconfig::FileCache &Files, const Series &S,
                                                   const std::vector<ArchInput> &Arches, Style St,
                                                   archmodel::ModelCache *Cache) {
  std::vector<Verified> Out;
  Names N = namesFor(St);
  for (const Patch &P : S.Patches) {
    if (P.Arch.empty())
      continue;
    const ArchInput *In = nullptr;
    for (const ArchInput &I : Arches)
      if (I.Audit.Arch == P.Arch)
        In = &I;
    archmodel::ProbeOverride Ov;
    for (const FileChange &C : P.Changes)
      if (llvm::StringRef(C.Path).ends_with("/asm/cachetype.h"))
        Ov.Replace[C.Path] = applied(C);
    if (!In || Ov.Replace.empty())
      continue;
    Ov.Headers = {"asm/cachetype.h"};
    Ov.Expr = N.Predicate + "()";
    DiagList Diags;
    auto A = archmodel::auditArch(Files, P.Arch, In->Rule, Diags, &Ov);
    if (!A)
      return A.takeError();
    Verified V{P.Arch, "", 0, 0, {}, 0, 0, {}, "ok"};
    // Differences by kind, with the first row of each and its first error line.
    std::map<std::string, std::pair<unsigned, std::string>> Groups;
    auto cmp = [&](const archmodel::CpuVerdict &Model, const archmodel::CpuVerdict &Patched) {
      if (Model.Result == archmodel::Alias::Unreachable)
        return; // no configuration has it: nothing a header can get wrong
      ++V.Rows;
      if (Model.Result == Patched.Result) {
        ++V.Matching;
        return;
      }
      std::string Kind = std::string("model ") + archmodel::aliasName(Model.Result) + ", patched header " +
                         archmodel::aliasName(Patched.Result);
      auto &G = Groups[Kind];
      if (G.first++ == 0) {
        G.second = Model.Name;
        llvm::SmallVector<llvm::StringRef, 0> Lines;
        llvm::StringRef(Patched.Error).split(Lines, '\n');
        for (llvm::StringRef L : Lines)
          if (L.contains(": error: ")) {
            G.second += ": " + L.substr(L.find(": error: ") + 2).str();
            break;
          }
      }
    };
    for (size_t I = 0; I < A->Cpus.size() && I < In->Audit.Cpus.size(); ++I)
      cmp(In->Audit.Cpus[I], A->Cpus[I]);
    if (!In->Audit.Combined.Name.empty())
      cmp(In->Audit.Combined, A->Combined);
    unsigned Unverified = 0;
    for (const auto &[Kind, G] : Groups)
      if (llvm::StringRef(Kind).ends_with("patched header unknown"))
        Unverified += G.first;
    V.Status = V.Matching + Unverified != V.Rows ? "mismatch" : Unverified ? "unverified" : "ok";
    for (const auto &[Kind, G] : Groups)
      V.Differences.push_back(llvm::formatv("{0} row(s): {1} (first: {2})", G.first, Kind, G.second).str());
    checkSelect(Files, *In, V, Cache);
    Out.push_back(std::move(V));
  }
  return Out;
}

} // namespace dcalias::patchgen
