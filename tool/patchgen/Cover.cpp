#include "patchgen/Cover.h"

#include "patchgen/Wrap.h"

#include "llvm/ADT/StringExtras.h"

#include <algorithm>
#include <map>

namespace dcalias::patchgen {

namespace {

using archmodel::Alias;
using archmodel::Verdict;

// "14 can alias, 2 decided at boot, 4 never": the rows that count, by outcome.
std::string rowCounts(const ArchInput &In) {
  const archmodel::ArchAudit &A = In.Audit;
  if (!In.Rule.Cpus && In.Rule.Configurations.empty())
    return ""; // rows are allnoconfig and defconfig, not CPU types
  std::map<Alias, unsigned> N;
  for (const archmodel::CpuVerdict &V : A.Cpus)
    ++N[V.Result];
  std::vector<std::string> Parts;
  auto part = [&](Alias K, const char *What) {
    if (N[K])
      Parts.push_back(std::to_string(N[K]) + " " + What);
  };
  part(Alias::Always, "always alias");
  part(Alias::Runtime, "decided at boot");
  part(Alias::Never, "never alias");
  part(Alias::Unknown, "not determined");
  if (Parts.empty())
    return "";
  return llvm::join(Parts, ", ");
}

// "DEV_DAX, BLK_DEV_PMEM can be enabled; FS_DAX, ZONE_DEVICE cannot" (SAT over Kconfig).
std::string daxLine(const archmodel::ArchAudit &A) {
  std::vector<std::string> Can, Cannot;
  for (const kconfig::Reach &R : A.Dax)
    if (R.Exists)
      (R.Enabled ? Can : Cannot).push_back(R.Symbol);
  if (Can.empty() && Cannot.empty())
    return "";
  if (Can.empty())
    return "none of " + llvm::join(Cannot, ", ") + " can be enabled";
  return llvm::join(Can, ", ") + " can be enabled" + (Cannot.empty() ? "" : "; " + llvm::join(Cannot, ", ") + " cannot");
}

} // namespace

Patch coverLetter(const SeriesOptions &O, const Series &S, const std::vector<ArchInput> &Arches) {
  Names N = namesFor(O.S);
  Patch C;
  C.Subject = "mm, dax: " + N.Predicate + "() instead of excluding architectures by name";
  std::string B;
  B += wrap("DAX maps persistent-memory pages into user space while the kernel reaches the same "
            "pages through its linear mapping. Where the data cache is virtually aliased (VIVT, "
            "or VIPT with a way larger than a page) the two views are not coherent.");
  B += "\n";
  std::string Syms = N.Dynamic.empty() ? N.Static : N.Static + " (or " + N.Dynamic +
                                                        " where only the running CPU can tell)";
  B += wrap("This series adds " + N.Predicate + "(), selected with " + Syms +
            " by each architecture whose data cache can alias, and makes alloc_dax() refuse where "
            "it does, device-dax excepted.");
  B += "\n";
  std::map<std::string, const Patch *> ByArch;
  for (const Patch &P : S.Patches)
    if (!P.Arch.empty())
      ByArch[P.Arch] = &P;
  B += "Per architecture, in this tree (CPU types by outcome):\n\n";
  std::vector<std::string> ArchNames;
  for (const ArchInput &In : Arches) {
    const archmodel::ArchAudit &A = In.Audit;
    ArchNames.push_back(A.Arch);
    std::string Head = "  " + A.Arch + std::string(A.Arch.size() < 11 ? 11 - A.Arch.size() : 1, ' ') +
                       archmodel::verdictName(A.Result);
    std::string Rows = rowCounts(In);
    const std::string Under(13, ' ');
    B += Rows.empty() ? Head + "\n"
                      : wrapAfter(Head + std::string(Head.size() < 22 ? 22 - Head.size() : 1, ' '), Rows, std::string(22, ' '));
    if (auto It = ByArch.find(A.Arch); It != ByArch.end() && !It->second->Select.empty()) {
      llvm::StringRef Sel = It->second->Select;
      auto [Sym, Cond] = Sel.split(" if ");
      size_t Terms = Cond.empty() ? 0 : size_t(Cond.count(" || ")) + 1;
      // A long condition is the arch patch's to show; here it is counted.
      B += wrap("select " + Sym.str() +
                    (Cond.empty() ? std::string()
                     : Terms <= 4 ? " if " + Cond.str()
                                  : " if one of its " + std::to_string(Terms) + " CPU types that can alias is built in"),
                Under, "  ");
    }
    if (std::string D = daxLine(A); !D.empty())
      B += wrap("DAX: " + D, Under, "  ");
  }
  // What the maintainers would ask about: an arch or a step left out, and why.
  std::vector<std::string> Left;
  for (const std::string &Sk : S.Skipped) {
    // "arm: ...", "dax: ...", not one caller file's recipe detail.
    std::string Who = Sk.substr(0, Sk.find(':'));
    if (Who.find('/') == std::string::npos)
      Left.push_back(Sk);
  }
  if (!Left.empty()) {
    B += "\nNot patched:\n\n";
    for (const std::string &Sk : Left)
      B += wrap(Sk, "  ", "  ");
  }
  // checkpatch.pl warns on every new file that MAINTAINERS may need updating: say why not.
  std::vector<std::string> New;
  for (const Patch &P : S.Patches)
    for (const FileChange &F : P.Changes)
      if (F.NewFile && !P.To.empty())
        New.push_back(F.Path);
  if (!New.empty())
    B += "\n" + wrap("checkpatch.pl asks whether MAINTAINERS needs updating for " +
                     (New.size() == 1 ? "the new " + New.front() : "the " + std::to_string(New.size()) + " new files") +
                     ": each is under its architecture's existing F: pattern, whose maintainers "
                     "the patch is addressed to.");
  B += "\n";
  B += wrap("The verdicts come from each architecture's Kconfig, evaluated per CPU type as conf "
            "evaluates it, and from its cache headers compiled under each of those configurations "
            "(dcalias " + O.Version + "). To reproduce:");
  B += "\n  dcalias audit <tree> --evidence\n  dcalias patch <tree>" +
       std::string(O.S == Style::Upstream ? " --style upstream" : "") + "\n";
  C.Body = B;
  for (const Patch &P : S.Patches) {
    for (const std::string &T : P.To)
      if (std::find(C.To.begin(), C.To.end(), T) == C.To.end())
        C.To.push_back(T);
    for (const std::string &T : P.Cc)
      if (std::find(C.Cc.begin(), C.Cc.end(), T) == C.Cc.end())
        C.Cc.push_back(T);
  }
  // Who is in To: of one patch is not also in Cc: of the cover.
  C.Cc.erase(std::remove_if(C.Cc.begin(), C.Cc.end(),
                            [&](const std::string &X) {
                              return std::find(C.To.begin(), C.To.end(), X) != C.To.end();
                            }),
             C.Cc.end());
  return C;
}

std::string formatCover(const SeriesOptions &O, const Series &S) {
  const Patch &C = *S.Cover;
  unsigned M = S.Patches.size();
  std::string Out = mailHeader(O, 0, M, C);
  Out += C.Body + "\n";
  std::string Name = O.Author.substr(0, O.Author.find(" <"));
  if (!Name.empty())
    Out += Name + " (" + std::to_string(M) + "):\n";
  for (const Patch &P : S.Patches)
    Out += wrap(P.Subject, "  ", "  ");
  // One diffstat for the whole series: a file several patches touch counts once.
  std::vector<FileChange> All;
  for (const Patch &P : S.Patches)
    for (const FileChange &F : P.Changes) {
      auto It = std::find_if(All.begin(), All.end(), [&](const FileChange &X) { return X.Path == F.Path; });
      if (It == All.end()) {
        All.push_back({F.Path, F.NewFile, {}, F.Edits});
        continue;
      }
      It->NewFile = It->NewFile || F.NewFile;
      It->Edits.insert(It->Edits.end(), F.Edits.begin(), F.Edits.end());
    }
  std::sort(All.begin(), All.end(), [](const FileChange &A, const FileChange &B) { return A.Path < B.Path; });
  Out += "\n" + diffStat(All) + "\n";
  Out += "-- \ndcalias " + O.Version + "\n\n";
  return Out;
}

} // namespace dcalias::patchgen
