#include "ci/Check.h"

#include "archmodel/DaxSymbols.h"
#include "support/Diagnostics.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <map>
#include <set>

namespace dcalias::ci {

llvm::Expected<CheckRules> loadCheckRules(const std::string &Path) {
  auto D = archmodel::loadDaxSymbols(Path);
  if (!D)
    return D.takeError();
  return CheckRules{std::move(D->Dependencies)};
}

namespace {

std::vector<std::string> splitLines(const std::string &T) {
  std::vector<std::string> Out;
  llvm::SmallVector<llvm::StringRef, 0> Ls;
  llvm::StringRef(T).split(Ls, '\n');
  for (llvm::StringRef L : Ls)
    Out.push_back(L.str());
  return Out;
}

std::vector<std::string> identifiers(llvm::StringRef S) {
  std::vector<std::string> Out;
  std::string Cur;
  for (char C : S.str() + " ") {
    if (llvm::isAlnum(C) || C == '_') {
      Cur += C;
    } else {
      if (!Cur.empty() && !llvm::isDigit(Cur[0]))
        Out.push_back(Cur);
      Cur.clear();
    }
  }
  return Out;
}

// The config entry of arch/<a>/Kconfig with the most select lines: the arch's own symbol
// (ARM, SUPERH, SPARC, X86, PPC, ...), as the arch Kconfig defines it.
std::string ownSymbol(const std::string &Tree, const std::string &SrcArch) {
  auto B = llvm::MemoryBuffer::getFile(Tree + "/arch/" + SrcArch + "/Kconfig");
  if (!B)
    return "";
  std::string Best, Cur;
  unsigned BestN = 0, N = 0;
  for (const std::string &L : splitLines((*B)->getBuffer().str())) {
    llvm::StringRef S(L);
    if (S.starts_with("config ") || S.starts_with("menuconfig ")) {
      if (N > BestN) {
        BestN = N;
        Best = Cur;
      }
      Cur = S.split(' ').second.trim().str();
      N = 0;
    } else if (S.starts_with("\tselect ")) {
      ++N;
    }
  }
  if (N > BestN)
    Best = Cur;
  return Best;
}

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

} // namespace

std::vector<CheckFinding> checkPatch(const std::string &Tree, const PatchSet &P,
                                     const std::vector<ArchModel> &Model, const CheckRules &R,
                                     const Reprobe &Probe) {
  std::vector<CheckFinding> Out;
  std::map<std::string, const ArchModel *> BySrc; // srcarch -> model (first ARCH of it)
  std::map<std::string, std::string> OwnToSrc;     // ARM -> arm
  for (const ArchModel &M : Model) {
    BySrc.emplace(M.Rule.Arch.empty() ? M.Audit.Arch : M.Rule.Arch, &M);
  }
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Tree + "/arch", EC), E; It != E && !EC; It.increment(EC)) {
    std::string A = llvm::sys::path::filename(It->path()).str();
    std::string Own = ownSymbol(Tree, A);
    if (!Own.empty())
      OwnToSrc[Own] = A;
    // The arch's own name as a symbol too, where its Kconfig defines it (SPARC beside the
    // SPARC64 entry that has more selects).
    auto K = llvm::MemoryBuffer::getFile(Tree + "/arch/" + A + "/Kconfig");
    std::string Upper = llvm::StringRef(A).upper();
    if (K && ((*K)->getBuffer().starts_with("config " + Upper + "\n") ||
              (*K)->getBuffer().contains("\nconfig " + Upper + "\n")))
      OwnToSrc.emplace(Upper, A);
  }
  auto aliasing = [](const archmodel::ArchAudit &A) {
    return A.Result == archmodel::Verdict::Static || A.Result == archmodel::Verdict::Dynamic;
  };

  for (const auto &[Path, F] : P.Files) {
    llvm::StringRef PathRef(Path);
    std::vector<std::string> New = splitLines(F.New);
    bool IsKconfig = llvm::sys::path::filename(Path).starts_with("Kconfig");
    // 1 and 2: added Kconfig lines.
    if (IsKconfig) {
      for (unsigned Line : F.Added) {
        if (Line == 0 || Line > New.size())
          continue;
        llvm::StringRef L = llvm::StringRef(New[Line - 1]).trim();
        // The entry the line belongs to.
        std::string Entry;
        for (unsigned K = Line; K > 0; --K) {
          llvm::StringRef X(New[K - 1]);
          if (X.starts_with("config ") || X.starts_with("menuconfig ")) {
            Entry = X.split(' ').second.trim().str();
            break;
          }
        }
        if (L.starts_with("depends on ") && L.contains('!') &&
            std::find(R.DaxSymbols.begin(), R.DaxSymbols.end(), Entry) != R.DaxSymbols.end()) {
          std::vector<std::string> Excluded;
          for (const std::string &Id : identifiers(L.drop_front(11)))
            if (OwnToSrc.count(Id))
              Excluded.push_back(OwnToSrc[Id]);
          if (Excluded.empty())
            continue;
          CheckFinding Fd;
          Fd.RuleId = "kconfig-arch-exclusion";
          Fd.Severity = "warning";
          Fd.File = Path;
          Fd.Line = Line;
          std::vector<std::string> NeverParts, Missed;
          for (const std::string &A : Excluded)
            if (BySrc.count(A)) {
              std::string N = listNever(BySrc[A]->Audit);
              if (!N.empty())
                NeverParts.push_back(A + " (" + N + ")");
            }
          for (const auto &[A, M] : BySrc)
            if (aliasing(M->Audit) && !M->Generic &&
                std::find(Excluded.begin(), Excluded.end(), A) == Excluded.end())
              Missed.push_back(A + " (" + archmodel::verdictName(M->Audit.Result) + ")");
          Fd.Message = Entry + " excludes " + llvm::join(Excluded, ", ") +
                       " by name where the question is cache aliasing: ask cache_is_aliasing() at run time instead";
          if (!NeverParts.empty())
            Fd.Related.push_back("excluded, but with CPU types whose cache never aliases: " +
                                 llvm::join(NeverParts, "; "));
          if (!Missed.empty())
            Fd.Related.push_back("not excluded, yet their cache can alias: " + llvm::join(Missed, ", "));
          Fd.Key = Fd.RuleId + "|" + Path + "|" + Entry + "|" + llvm::join(Excluded, ",");
          Out.push_back(std::move(Fd));
        }
        if (L.starts_with("select ARCH_HAS_CACHE_ALIASING") || L.starts_with("select ARCH_HAS_CPU_CACHE_ALIASING")) {
          std::string A = srcArchOfPath(PathRef);
          auto It = BySrc.find(A);
          if (A.empty() || It == BySrc.end())
            continue;
          const archmodel::ArchAudit &M = It->second->Audit;
          std::string Sym = identifiers(L.drop_front(7)).front();
          std::string Problem;
          if (M.Result == archmodel::Verdict::None)
            Problem = "the model finds no CPU type of " + A + " whose data cache aliases";
          else if (Sym == "ARCH_HAS_CACHE_ALIASING" && M.Result == archmodel::Verdict::Dynamic)
            Problem = "the model needs the run-time answer for some configuration of " + A +
                      ": ARCH_HAS_CACHE_ALIASING_DYNAMIC";
          if (Problem.empty())
            continue;
          CheckFinding Fd{"kconfig-select-disagrees", "warning", Path, Line,
                          "select " + Sym + " disagrees with the cache model: " + Problem,
                          {"model: " + A + " is " + archmodel::verdictName(M.Result) + " (" + M.Expr + ")"},
                          ""};
          Fd.Key = Fd.RuleId + "|" + Path + "|" + Sym;
          Out.push_back(std::move(Fd));
        }
      }
    }
    // 3: a patched predicate.
    if (PathRef.ends_with("/include/asm/cachetype.h") && !F.Deleted) {
      std::string A = srcArchOfPath(PathRef);
      auto It = BySrc.find(A);
      if (It == BySrc.end())
        continue;
      std::string Macro;
      unsigned DefLine = 0;
      for (size_t K = 0; K < New.size(); ++K)
        for (const char *M : {"cache_is_aliasing", "cpu_dcache_is_aliasing"})
          if (llvm::StringRef(New[K]).starts_with(std::string("#define ") + M + "()")) {
            Macro = M;
            DefLine = K + 1;
          }
      if (Macro.empty())
        continue;
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
  }
  std::sort(Out.begin(), Out.end(), [](const CheckFinding &A, const CheckFinding &B) {
    return std::tie(A.File, A.Line, A.RuleId) < std::tie(B.File, B.Line, B.RuleId);
  });
  return Out;
}

} // namespace dcalias::ci
