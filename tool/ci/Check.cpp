#include "ci/Check.h"

#include "archmodel/DaxSymbols.h"
#include "kconfig/Entries.h"
#include "support/Diagnostics.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <map>
#include <optional>

namespace dcalias::ci {

llvm::Expected<CheckRules> loadCheckRules(const std::string &Path) {
  auto D = archmodel::loadDaxSymbols(Path);
  if (!D)
    return D.takeError();
  return CheckRules{std::move(D->Dependencies)};
}

namespace {

std::string srcArchOfPath(llvm::StringRef Path) {
  if (!Path.consume_front("arch/"))
    return "";
  return Path.take_until([](char C) { return C == '/'; }).str();
}

std::string listNever(const archmodel::ArchAudit &A, size_t Max = 4) {
  std::vector<std::string> Never;
  for (const archmodel::CpuVerdict &V : A.Cpus)
    if (V.Result == archmodel::Alias::Never)
      Never.push_back(V.Name);
  std::string Out;
  for (size_t I = 0; I < Never.size() && I < Max; ++I)
    Out += (I ? ", " : "") + Never[I];
  if (Never.size() > Max)
    Out += " and " + std::to_string(Never.size() - Max) + " more";
  return Out;
}

bool aliasing(const archmodel::ArchAudit &A) {
  return A.Result == archmodel::Verdict::Static || A.Result == archmodel::Verdict::Dynamic;
}

using ModelBySrc = std::map<std::string, const ArchModel *>; // srcarch -> model (first ARCH of it)

// An added "depends on" of a DAX symbol that excludes arch symbols (kconfig-arch-exclusion).
void exclusionFinding(const std::string &Path, unsigned Line, const kconfig::ConfigEntry &Entry,
                      const kconfig::Option &Dep, const std::map<std::string, std::string> &ArchSyms,
                      const ModelBySrc &BySrc, std::vector<CheckFinding> &Out) {
  std::vector<std::string> Excluded;
  for (const kconfig::ArchExclusion &X : kconfig::excludedArches(*Dep.E, ArchSyms))
    Excluded.push_back(X.SrcArch);
  if (Excluded.empty())
    return;
  CheckFinding Fd;
  Fd.RuleId = "kconfig-arch-exclusion";
  Fd.Severity = "warning";
  Fd.File = Path;
  Fd.Line = Line;
  std::vector<std::string> NeverParts, Missed;
  for (const std::string &A : Excluded)
    if (auto It = BySrc.find(A); It != BySrc.end()) {
      std::string N = listNever(It->second->Audit);
      if (!N.empty())
        NeverParts.push_back(A + " (" + N + ")");
    }
  for (const auto &[A, M] : BySrc)
    if (aliasing(M->Audit) && !M->Generic &&
        std::find(Excluded.begin(), Excluded.end(), A) == Excluded.end())
      Missed.push_back(A + " (" + archmodel::verdictName(M->Audit.Result) + ")");
  Fd.Message = Entry.Name + " excludes " + llvm::join(Excluded, ", ") +
               " by name where the question is cache aliasing: ask cache_is_aliasing() at run time instead";
  if (!NeverParts.empty())
    Fd.Related.push_back("excluded, but with CPU types whose cache never aliases: " +
                         llvm::join(NeverParts, "; "));
  if (!Missed.empty())
    Fd.Related.push_back("not excluded, yet their cache can alias: " + llvm::join(Missed, ", "));
  Fd.Key = Fd.RuleId + "|" + Path + "|" + Entry.Name + "|" + llvm::join(Excluded, ",");
  Out.push_back(std::move(Fd));
}

// An added select of the aliasing symbols (either naming) that the model contradicts.
void selectFinding(const std::string &Path, unsigned Line, llvm::StringRef Sym, const ModelBySrc &BySrc,
                   std::vector<CheckFinding> &Out) {
  std::string A = srcArchOfPath(Path);
  auto It = BySrc.find(A);
  if (A.empty() || It == BySrc.end())
    return;
  const archmodel::ArchAudit &M = It->second->Audit;
  std::string Problem;
  if (M.Result == archmodel::Verdict::None)
    Problem = "the model finds no CPU type of " + A + " whose data cache aliases";
  else if (Sym == "ARCH_HAS_CACHE_ALIASING" && M.Result == archmodel::Verdict::Dynamic)
    Problem = "the model needs the run-time answer for some configuration of " + A +
              ": ARCH_HAS_CACHE_ALIASING_DYNAMIC";
  if (Problem.empty())
    return;
  CheckFinding Fd{"kconfig-select-disagrees", "warning", Path, Line,
                  "select " + Sym.str() + " disagrees with the cache model: " + Problem,
                  {"model: " + A + " is " + archmodel::verdictName(M.Result) + " (" + M.Expr + ")"},
                  ""};
  Fd.Key = Fd.RuleId + "|" + Path + "|" + Sym.str();
  Out.push_back(std::move(Fd));
}

// 1 and 2: the options the patch added to a Kconfig file, read through the engine's parser.
void kconfigFindings(const std::string &Path, const FileState &F, const CheckRules &R,
                     const std::map<std::string, std::string> &ArchSyms, const ModelBySrc &BySrc,
                     std::vector<CheckFinding> &Out) {
  kconfig::FileEntries K = kconfig::readEntries(F.New, Path);
  for (unsigned Line : F.Added) {
    kconfig::FileEntries::At At = K.at(Line);
    if (!At.Opt)
      continue;
    const kconfig::Option &O = *At.Opt->O;
    if (O.Kind == kconfig::OptKind::Depends && O.E &&
        std::find(R.DaxSymbols.begin(), R.DaxSymbols.end(), At.Entry->Name) != R.DaxSymbols.end())
      exclusionFinding(Path, Line, *At.Entry, O, ArchSyms, BySrc, Out);
    llvm::StringRef T = At.Opt->target();
    if (O.Kind == kconfig::OptKind::Select &&
        (T.starts_with("ARCH_HAS_CACHE_ALIASING") || T.starts_with("ARCH_HAS_CPU_CACHE_ALIASING")))
      selectFinding(Path, Line, T, BySrc, Out);
  }
}

// 3: a patched asm/cachetype.h predicate, probed under every CPU type of its arch.
void predicateFindings(const std::string &Path, const FileState &F, const ModelBySrc &BySrc,
                       const Reprobe &Probe, std::vector<CheckFinding> &Out) {
  llvm::SmallVector<llvm::StringRef, 0> New;
  llvm::StringRef(F.New).split(New, '\n');
  std::string A = srcArchOfPath(Path);
  auto It = BySrc.find(A);
  if (It == BySrc.end())
    return;
  std::string Macro;
  unsigned DefLine = 0;
  for (size_t K = 0; K < New.size(); ++K)
    for (const char *M : {"cache_is_aliasing", "cpu_dcache_is_aliasing"})
      if (New[K].starts_with(std::string("#define ") + M + "()")) {
        Macro = M;
        DefLine = K + 1;
      }
  if (Macro.empty())
    return;
  auto run = [&](const std::string &Text) -> std::map<std::string, std::pair<archmodel::Alias, archmodel::Alias>> {
    std::map<std::string, std::pair<archmodel::Alias, archmodel::Alias>> Rows;
    archmodel::ProbeOverride Ov;
    Ov.Replace[Path] = Text;
    Ov.Headers = {"asm/cachetype.h"};
    Ov.Expr = Macro + "()";
    auto Res = Probe(*It->second, Ov);
    if (!Res) {
      llvm::consumeError(Res.takeError());
      return Rows;
    }
    const archmodel::ArchAudit &M = It->second->Audit;
    for (size_t K = 0; K < M.Cpus.size() && K < Res->Cpus.size(); ++K)
      Rows[M.Cpus[K].Name] = {M.Cpus[K].Result, Res->Cpus[K].Result};
    if (!M.Combined.Name.empty())
      Rows[M.Combined.Name] = {M.Combined.Result, Res->Combined.Result};
    return Rows;
  };
  auto Now = run(F.New);
  std::map<std::string, std::pair<archmodel::Alias, archmodel::Alias>> Before;
  if (F.Existed && llvm::StringRef(F.Old).contains("#define " + Macro + "()"))
    Before = run(F.Old);
  std::vector<std::string> Unsafe, Conservative, Unchecked;
  for (const auto &[Name, MP] : Now) {
    auto [Model, Pred] = MP;
    if (Model == archmodel::Alias::Unreachable)
      continue; // no configuration has it
    if (Pred == archmodel::Alias::Unknown) {
      Unchecked.push_back(Name);
      continue;
    }
    bool U = (Model != archmodel::Alias::Never && Pred == archmodel::Alias::Never) ||
             (Model == archmodel::Alias::Always && Pred == archmodel::Alias::Runtime);
    bool C = (Model == archmodel::Alias::Never && Pred != archmodel::Alias::Never) ||
             (Model == archmodel::Alias::Runtime && Pred == archmodel::Alias::Always);
    if (!U && !C)
      continue;
    auto B = Before.find(Name);
    if (B != Before.end() && B->second.second == Pred)
      continue; // the base tree's predicate already said the same: not introduced here
    std::string Row = Name + " (model " + archmodel::aliasName(Model) + ", predicate " +
                      archmodel::aliasName(Pred) + ")";
    (U ? Unsafe : Conservative).push_back(Row);
  }
  auto emit = [&](const std::vector<std::string> &Rows, const char *Kind, const char *Sev) {
    if (Rows.empty())
      return;
    CheckFinding Fd;
    Fd.RuleId = "predicate-disagrees";
    Fd.Severity = Sev;
    Fd.File = Path;
    Fd.Line = DefLine;
    Fd.Message = Macro + "() as patched is " + Kind + " for " + std::to_string(Rows.size()) +
                 " CPU type(s) of " + A + " against the cache model";
    for (size_t K = 0; K < Rows.size() && K < 8; ++K)
      Fd.Related.push_back(Rows[K]);
    if (Rows.size() > 8)
      Fd.Related.push_back("... and " + std::to_string(Rows.size() - 8) + " more");
    Fd.Key = Fd.RuleId + "|" + Path + "|" + Kind;
    Out.push_back(std::move(Fd));
  };
  emit(Unsafe, "unsafe (says never where the cache can alias)", "warning");
  emit(Conservative, "conservative (claims aliasing where the cache never aliases)", "note");
  if (!Unchecked.empty() && Unchecked.size() == Now.size()) {
    CheckFinding Fd{"predicate-unchecked", "note", Path, DefLine,
                    Macro + "() as patched could not be probed for " + A +
                        " (its header does not parse for Clang's stand-in target)",
                    {}, ""};
    Fd.Key = Fd.RuleId + "|" + Path;
    Out.push_back(std::move(Fd));
  }
}

} // namespace

std::vector<CheckFinding> checkPatch(const std::string &Tree, const PatchSet &P,
                                     const std::vector<ArchModel> &Model, const CheckRules &R,
                                     const Reprobe &Probe) {
  std::vector<CheckFinding> Out;
  ModelBySrc BySrc;
  for (const ArchModel &M : Model)
    BySrc.emplace(M.Rule.Arch.empty() ? M.Audit.Arch : M.Rule.Arch, &M);
  std::optional<std::map<std::string, std::string>> ArchSyms; // read when a Kconfig file changed

  for (const auto &[Path, F] : P.Files) {
    llvm::StringRef PathRef(Path);
    if (llvm::sys::path::filename(Path).starts_with("Kconfig") && !F.Added.empty()) {
      if (!ArchSyms)
        ArchSyms = kconfig::archSymbols(Tree);
      kconfigFindings(Path, F, R, *ArchSyms, BySrc, Out);
    }
    if (PathRef.ends_with("/include/asm/cachetype.h") && !F.Deleted)
      predicateFindings(Path, F, BySrc, Probe, Out);
  }
  std::sort(Out.begin(), Out.end(), [](const CheckFinding &A, const CheckFinding &B) {
    return std::tie(A.File, A.Line, A.RuleId) < std::tie(B.File, B.Line, B.RuleId);
  });
  return Out;
}

} // namespace dcalias::ci
