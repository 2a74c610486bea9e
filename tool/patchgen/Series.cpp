#include "patchgen/Series.h"

#include "kconfig/Entries.h"
#include "patchgen/Cover.h"
#include "patchgen/Identity.h"
#include "patchgen/Maintainers.h"
#include "patchgen/Rules.h"
#include "patchgen/Wrap.h"
#include "support/DataDir.h"
#include "support/Diagnostics.h"
#include "support/JsonFile.h"
#include "support/JsonSchema.h"
#include "support/TreeFile.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

#include <algorithm>
#include <map>
#include <set>

namespace dcalias::patchgen {

Names namesFor(Style S) {
  if (S == Style::Upstream)
    return {"ARCH_HAS_CPU_CACHE_ALIASING", "", "cpu_dcache_is_aliasing"};
  return {"ARCH_HAS_CACHE_ALIASING", "ARCH_HAS_CACHE_ALIASING_DYNAMIC", "cache_is_aliasing"};
}

namespace {

using archmodel::Alias;
using archmodel::Verdict;

llvm::Expected<std::vector<std::string>> readLines(const std::string &Tree, const std::string &Rel) {
  auto B = readTreeFile(Tree, Rel);
  if (!B)
    return B.takeError();
  return splitLines((*B)->getBuffer().str());
}

// A Kconfig file as lines (to edit) and as the engine parses it (to find what to edit).
struct KconfigText {
  std::vector<std::string> Lines;
  kconfig::FileEntries Entries;
};

llvm::Expected<KconfigText> readKconfig(const std::string &Tree, const std::string &Rel) {
  auto B = readTreeFile(Tree, Rel);
  if (!B)
    return B.takeError();
  return KconfigText{splitLines((*B)->getBuffer().str()), kconfig::readEntries((*B)->getBuffer(), Rel)};
}

int lastLineStartingWith(const std::vector<std::string> &L, llvm::StringRef Prefix) {
  for (int I = int(L.size()) - 1; I >= 0; --I)
    if (llvm::StringRef(L[I]).starts_with(Prefix))
      return I;
  return -1;
}

int firstLineEqual(const std::vector<std::string> &L, llvm::StringRef Text, unsigned From = 0) {
  for (unsigned I = From; I < L.size(); ++I)
    if (llvm::StringRef(L[I]).rtrim() == Text)
      return int(I);
  return -1;
}


struct Definition {
  std::vector<std::string> Includes; // <...> names
  std::vector<std::string> Lines;    // declarations and #define lines
  std::string Summary;               // the expression, for messages
};

// What asm/cachetype.h defines: the rule's explicit predicate, the exact symbol condition of a
// static arch, or the rule's probes (if_config variants as an #ifdef chain).
Definition definitionFor(const SeriesOptions &O, const ArchInput &In, const std::string &Macro) {
  Definition D;
  auto addIncludes = [&](const std::vector<std::string> &Hs) {
    for (const std::string &H : Hs)
      if (H != "asm/cachetype.h" &&
          std::find(D.Includes.begin(), D.Includes.end(), H) == D.Includes.end())
        D.Includes.push_back(H);
  };
  std::string Def = "#define " + Macro + "()\t";
  if (In.Rule.Predicate) {
    addIncludes(In.Rule.Predicate->Headers);
    D.Lines = In.Rule.Predicate->Declarations;
    D.Lines.push_back(Def + "(" + In.Rule.Predicate->Expr + ")");
    D.Summary = In.Rule.Predicate->Expr;
    return D;
  }
  if (In.Audit.Result == Verdict::Static)
    // Past four symbols the define would only repeat the select's condition.
    if (auto Syms = archmodel::aliasingCondition(In.Audit); !Syms.empty() && Syms.size() <= 4) {
      std::string E;
      for (const std::string &S : Syms)
        E += (E.empty() ? "" : " || ") + std::string("IS_ENABLED(CONFIG_") + S + ")";
      // One IS_ENABLED() per line past 80 columns, as kernel headers continue a #define.
      std::string One = Def + "(" + E + ")";
      if (One.size() + 8 <= 80) {
        D.Lines.push_back(One);
      } else {
        for (size_t I = 0; I < Syms.size(); ++I) {
          std::string T = "IS_ENABLED(CONFIG_" + Syms[I] + ")";
          bool Last = I + 1 == Syms.size();
          D.Lines.push_back((I ? "\t\t\t\t " + T : Def + "(" + T) + (Last ? ")" : " || \\"));
        }
      }
      D.Summary = E;
      return D;
    }
  std::vector<const archmodel::CacheRule::Probe *> Ps;
  for (const auto &P : In.Rule.Probes)
    if (archmodel::requiredTextHolds(O.Tree, P))
      Ps.push_back(&P);
  const archmodel::CacheRule::Probe *Else = nullptr;
  std::vector<const archmodel::CacheRule::Probe *> Conds;
  for (const auto *P : Ps) {
    if (!P->IfConfig.empty())
      Conds.push_back(P);
    else if (!Else)
      Else = P;
  }
  auto exprOf = [](const archmodel::CacheRule::Probe *P) {
    return P->Expr.empty() ? P->PPExpr : P->Expr;
  };
  // A preprocessor condition with defined() is no C expression: it selects true or false.
  auto defineFor = [&](const archmodel::CacheRule::Probe *P, std::vector<std::string> &Out) {
    for (const std::string &Decl : P->Declarations)
      Out.push_back(Decl);
    if (P->Expr.empty() && llvm::StringRef(P->PPExpr).contains("defined(")) {
      Out.insert(Out.end(), {"#if " + P->PPExpr, Def + "true", "#else", Def + "false", "#endif"});
      return;
    }
    Out.push_back(Def + "(" + exprOf(P) + ")");
  };
  for (const auto *P : Ps)
    addIncludes(P->Headers);
  if (Conds.empty() && Else) {
    defineFor(Else, D.Lines);
    D.Summary = exprOf(Else);
    return D;
  }
  for (size_t I = 0; I < Conds.size(); ++I) {
    D.Lines.push_back(std::string(I ? "#elif" : "#if") + " defined(CONFIG_" + Conds[I]->IfConfig + ")");
    defineFor(Conds[I], D.Lines);
    D.Summary += (D.Summary.empty() ? "" : "; otherwise ") + exprOf(Conds[I]) + " where CONFIG_" +
                 Conds[I]->IfConfig;
  }
  if (Else) {
    D.Lines.push_back("#else");
    defineFor(Else, D.Lines);
    D.Summary += "; otherwise " + exprOf(Else);
  }
  D.Lines.push_back("#endif");
  return D;
}

// The CPU types by outcome, every name once, labels aligned.
std::string rowsText(const archmodel::ArchAudit &A) {
  std::map<Alias, std::vector<std::string>> By;
  for (const archmodel::CpuVerdict &V : A.Cpus)
    By[V.Result].push_back(V.Name);
  const std::pair<Alias, const char *> Labels[] = {{Alias::Always, "always alias:"},
                                                   {Alias::Runtime, "decided at boot:"},
                                                   {Alias::Never, "never alias:"},
                                                   {Alias::Unknown, "not determined:"},
                                                   {Alias::Unreachable, "cannot be enabled:"}};
  size_t W = 0;
  for (const auto &[K, L] : Labels)
    if (By.count(K))
      W = std::max(W, std::string(L).size());
  std::string Out;
  for (const auto &[K, L] : Labels)
    if (auto It = By.find(K); It != By.end())
      Out += wrapList(std::string(L) + std::string(W - std::string(L).size(), ' '), It->second);
  return Out;
}

// The rule's commit evidence that holds in this tree: each fact whose file has its anchor,
// with the anchor's line; facts of one file in one sentence group would read as a list, so
// each stays its own sentence.
std::string evidenceText(const std::string &Tree, const archmodel::CacheRule &Rule) {
  std::string Out;
  for (const archmodel::CacheRule::CommitFact &F : Rule.CommitEvidence) {
    auto B = readOptionalTreeFile(Tree, F.File);
    if (!B)
      continue;
    unsigned Line = 0, N = 0;
    for (llvm::StringRef L : llvm::split(B->getBuffer(), '\n')) {
      ++N;
      if (L.contains(F.Anchor)) {
        Line = N;
        break;
      }
    }
    if (!Line)
      continue;
    // Rules write each fact as its sentence (an identifier may start it: no capitalising).
    const std::string &Says = F.Says;
    std::string Quote = F.Quote ? ": '" + llvm::StringRef(F.Anchor).trim().str() + "'" : "";
    Out += (Out.empty() ? "" : " ") + Says + Quote + " (" + F.File + ":" + std::to_string(Line) + ").";
  }
  return Out;
}

// "\tselect SYM if A || B || \\" and "\t\tC || D" continuation lines within 80 columns (a
// tab counting 8), as arch Kconfig files break long conditions.
std::vector<std::string> selectLines(const std::string &Sym, const std::vector<std::string> &Cond) {
  std::vector<std::string> Out;
  std::string Line = "\tselect " + Sym + (Cond.empty() ? "" : " if");
  size_t Col = 8 + Line.size() - 1;
  for (size_t I = 0; I < Cond.size(); ++I) {
    std::string Piece = Cond[I] + (I + 1 < Cond.size() ? " ||" : "");
    if (Col + 1 + Piece.size() + 2 > 80 && I > 0) {
      Out.push_back(Line + " \\");
      Line = "\t\t" + Piece;
      Col = 16 + Piece.size();
      continue;
    }
    Line += " " + Piece;
    Col += 1 + Piece.size();
  }
  Out.push_back(Line);
  return Out;
}

llvm::Expected<Patch> archPatch(const SeriesOptions &O, const ArchInput &In, const Names &N,
                                bool Replace) {
  const archmodel::ArchAudit &A = In.Audit;
  std::string SrcArch = In.Rule.Arch;
  Patch P;
  P.Arch = A.Arch;
  bool Dynamic = A.Result == Verdict::Dynamic;
  std::string Sym = Dynamic && !N.Dynamic.empty() ? N.Dynamic : N.Static;
  std::string Cond = llvm::join(archmodel::aliasingCondition(A), " || ");

  // Kconfig select, unless the tree already selects it (upstream style on a 6.9+ tree).
  std::string KPath = "arch/" + SrcArch + "/Kconfig";
  auto KT = readKconfig(O.Tree, KPath);
  if (!KT)
    return KT.takeError();
  FileChange K{KPath, false, KT->Lines, {}};
  std::vector<const kconfig::EntryOption *> Sel = kconfig::archOwnSelects(KT->Entries, SrcArch);
  if (Sel.empty())
    return makeLocatedError({O.Tree + "/" + KPath, 0, 0}, "no config entry with select lines (the arch's own symbol)");
  P.Select = Sym + (Cond.empty() ? "" : " if " + Cond);
  std::vector<std::string> Lines = selectLines(Sym, archmodel::aliasingCondition(A));
  int Existing = -1;
  for (const kconfig::EntryOption *S : Sel)
    if (S->target() == Sym)
      Existing = int(S->line()) - 1;
  if (Existing >= 0) {
    unsigned Count = 1;
    while (Existing + Count - 1 < KT->Lines.size() && llvm::StringRef(KT->Lines[Existing + Count - 1]).ends_with("\\"))
      ++Count;
    std::vector<std::string> Now(KT->Lines.begin() + Existing, KT->Lines.begin() + Existing + Count);
    if (Now != Lines)
      K.Edits.push_back({unsigned(Existing), Count, Lines});
  } else {
    unsigned At = Sel.back()->line();
    for (const kconfig::EntryOption *S : Sel)
      if (S->target() > Sym) {
        At = S->line() - 1;
        break;
      }
    K.Edits.push_back({At, 0, Lines});
  }

  // asm/cachetype.h: extended, created, or (on a tree with the predicate) its define replaced.
  std::string HPath = "arch/" + SrcArch + "/include/asm/cachetype.h";
  bool Exists = llvm::sys::fs::exists(O.Tree + "/" + HPath);
  std::string CurrentDef, CurrentAt; // the tree's own definition this patch replaces
  Definition D = definitionFor(O, In, N.Predicate);
  FileChange H{HPath, !Exists, {}, {}};
  std::vector<std::string> Body;
  for (const std::string &I : D.Includes)
    Body.push_back("#include <" + I + ">");
  if (!D.Includes.empty())
    Body.push_back("");
  for (const std::string &L : D.Lines)
    Body.push_back(L);
  if (Exists) {
    auto HL = readLines(O.Tree, HPath);
    if (!HL)
      return HL.takeError();
    H.Original = *HL;
    int Def = -1;
    for (unsigned I = 0; I < HL->size(); ++I)
      if (llvm::StringRef((*HL)[I]).starts_with("#define " + N.Predicate + "()"))
        Def = int(I);
    if (Def >= 0 && Replace) {
      CurrentDef = llvm::StringRef((*HL)[Def]).drop_front(("#define " + N.Predicate + "()").size()).trim().str();
      CurrentAt = HPath + ":" + std::to_string(Def + 1);
      H.Edits.push_back({unsigned(Def), 1, Body});
    } else if (Def < 0) {
      int End = lastLineStartingWith(*HL, "#endif");
      if (End < 0)
        return makeLocatedError({O.Tree + "/" + HPath, 0, 0}, "no closing #endif of the include guard");
      if (End > 0 && llvm::StringRef((*HL)[End - 1]).trim().empty())
        Body.push_back("");
      else
        Body.insert(Body.begin(), "");
      H.Edits.push_back({unsigned(End), 0, Body});
    }
  } else {
    std::string Guard = "__ASM_" + llvm::StringRef(SrcArch).upper() + "_CACHETYPE_H";
    std::vector<std::string> New = {"/* SPDX-License-Identifier: GPL-2.0 */", "#ifndef " + Guard,
                                    "#define " + Guard, ""};
    New.insert(New.end(), Body.begin(), Body.end());
    New.push_back("");
    New.push_back("#endif /* " + Guard + " */");
    H.Edits.push_back({0, 0, New});
  }
  if (!K.Edits.empty())
    P.Changes.push_back(std::move(K));
  if (!H.Edits.empty())
    P.Changes.push_back(std::move(H));

  std::string Prefix = In.Rule.SubjectPrefix.empty() ? SrcArch : In.Rule.SubjectPrefix;
  P.Subject = Prefix + ": " + (Existing >= 0 ? "make " + N.Predicate + "() precise"
                                              : "select " + Sym + " and define " + N.Predicate + "()");
  bool OneImage = !A.Combined.Name.empty() && A.Combined.Result == Alias::Runtime;
  std::string M;
  M += wrap("Whether the data cache of " + SrcArch + " can alias depends on the CPU type" +
            (Dynamic ? std::string(OneImage ? "; where several are built into one image, "
                                              "only the running CPU can tell"
                                            : ", and for some only the running CPU can tell")
                     : std::string(", and the configuration decides it")) +
            ". Per CPU type in this tree:");
  M += "\n" + rowsText(A) + "\n";
  if (std::string E = evidenceText(O.Tree, In.Rule); !E.empty())
    M += wrap(E) + "\n";
  std::string Where;
  if (!Cond.empty())
    Where = archmodel::aliasingCondition(A).size() <= 4
                ? " where " + Cond + " is enabled"
                : " where a CPU type that can alias is built in";
  std::string Define = N.Predicate + "() as " + D.Summary + ".";
  M += wrap(Existing >= 0 && K.Edits.empty() ? "Define " + Define
                                             : "Select " + Sym + Where + ", and define " + Define);
  // The tree's definition, quoted from the line this patch replaces.
  if (!CurrentDef.empty() && A.Comparison == "conservative")
    M += "\n" + wrap("This replaces '" + CurrentDef + "' (" + CurrentAt + "), which says the cache "
                     "aliases also for the CPU types above that never alias or where only the "
                     "running CPU can tell.");
  else if (!CurrentDef.empty() && A.Comparison == "unsafe")
    M += "\n" + wrap("This replaces '" + CurrentDef + "' (" + CurrentAt + "), which says the cache "
                     "does not alias for CPU types above that can.");
  else if (!CurrentDef.empty())
    M += "\n" + wrap("This replaces '" + CurrentDef + "' (" + CurrentAt + ").");
  P.Body = M;
  return P;
}

// rules/patchgen/alloc-dax-callers.json: one patch per caller whose exact error handling the
// tree still has (a recipe that does not match is reported, not forced).
llvm::Error callerPatches(const SeriesOptions &O, Series &S, std::vector<std::string> &Unadapted) {
  auto Recipes = loadCallerRecipes();
  if (!Recipes)
    return Recipes.takeError();
  for (const CallerRecipe &R : *Recipes) {
    const std::vector<std::string> &F = R.Find;
    if (!llvm::sys::fs::exists(O.Tree + "/" + R.File)) {
      S.Skipped.push_back(R.File + ": not in this tree (alloc_dax() caller recipe)");
      continue;
    }
    auto L = readLines(O.Tree, R.File);
    if (!L)
      return L.takeError();
    int At = -1;
    for (size_t J = 0; J + F.size() <= L->size() && At < 0; ++J)
      if (std::equal(F.begin(), F.end(), L->begin() + J))
        At = int(J);
    if (At < 0) {
      S.Skipped.push_back(R.File + ": its alloc_dax() error handling differs from the recipe; not patched");
      Unadapted.push_back(R.File);
      continue;
    }
    Patch P;
    P.Changes.push_back({R.File, false, *L, {{unsigned(At), unsigned(F.size()), R.Replace}}});
    P.Subject = R.Subject;
    P.Body = wrap(R.Body);
    S.Patches.push_back(std::move(P));
  }
  return llvm::Error::success();
}

// rules/patchgen/fixes.json: "Fixes: <commit>" for a patch that removes Text from File.
llvm::Expected<std::vector<std::string>> fixesFor(llvm::StringRef File, llvm::StringRef Text) {
  auto Rules = loadFixRules();
  if (!Rules)
    return Rules.takeError();
  std::vector<std::string> Out;
  for (const FixRule &F : *Rules)
    if (F.File == File && F.Text == Text)
      Out.push_back("Fixes: " + F.Commit);
  return Out;
}

// The FS_DAX exclusion of architectures by name ("depends on !(ARM || MIPS || SPARC)" in
// 6.1), found as a dependency of FS_DAX that needs arch symbols to be n, and dropped.
llvm::Error exclusionPatch(const SeriesOptions &O, const Names &N, const std::vector<ArchInput> &Arches,
                           const std::vector<std::string> &Aliasing, Series &S) {
  if (!llvm::sys::fs::exists(O.Tree + "/fs/Kconfig"))
    return llvm::Error::success();
  auto KT = readKconfig(O.Tree, "fs/Kconfig");
  if (!KT)
    return KT.takeError();
  std::map<std::string, std::string> ArchSyms = kconfig::archSymbols(O.Tree);
  for (const kconfig::ConfigEntry *Entry : KT->Entries.named("FS_DAX"))
    for (const kconfig::EntryOption &Dep : Entry->Opts) {
      if (Dep.kind() != kconfig::OptKind::Depends || !Dep.O->E)
        continue;
      std::vector<std::string> Syms, Excluded;
      for (const kconfig::ArchExclusion &X : kconfig::excludedArches(*Dep.O->E, ArchSyms)) {
        Syms.push_back(X.Symbol);
        Excluded.push_back(X.SrcArch);
      }
      if (Syms.empty())
        continue;
      // The option as written: through its continuation lines.
      unsigned First = Dep.line() - 1, Count = 1;
      while (First + Count - 1 < KT->Lines.size() && llvm::StringRef(KT->Lines[First + Count - 1]).ends_with("\\"))
        ++Count;
      std::vector<std::string> Never, Missed;
      for (const ArchInput &In : Arches) {
        bool Ex = std::find(Excluded.begin(), Excluded.end(), In.Audit.Arch) != Excluded.end();
        bool Al = std::find(Aliasing.begin(), Aliasing.end(), In.Audit.Arch) != Aliasing.end();
        if (Ex && std::any_of(In.Audit.Cpus.begin(), In.Audit.Cpus.end(),
                              [](const archmodel::CpuVerdict &V) { return V.Result == Alias::Never; }))
          Never.push_back(In.Audit.Arch);
        if (!Ex && Al)
          Missed.push_back(In.Audit.Arch);
      }
      Patch P;
      P.Changes.push_back({"fs/Kconfig", false, KT->Lines, {{First, Count, {}}}});
      P.Subject = "fs: drop the " + Entry->Name + " exclusion of " + joinAnd(Syms);
      P.Body = wrap(Entry->Name + "'s '" + llvm::StringRef(KT->Lines[First]).trim().str() + "' (fs/Kconfig:" +
                    std::to_string(First + 1) + ") is wrong in both directions. "
                    "Excluded architectures with CPU types whose cache never aliases: " +
                    (Never.empty() ? std::string("none") : llvm::join(Never, ", ")) +
                    ". Architectures that can alias but were not excluded: " +
                    (Missed.empty() ? std::string("none") : llvm::join(Missed, ", ")) + ".") +
               "\n" + wrap("alloc_dax() now refuses at run time where " + N.Predicate +
                           "() says the data cache aliases, so the exclusion by name can go.");
      auto Fixes = fixesFor("fs/Kconfig", llvm::StringRef(KT->Lines[First]).trim());
      if (!Fixes)
        return Fixes.takeError();
      P.Trailers = std::move(*Fixes);
      S.Patches.push_back(std::move(P));
      return llvm::Error::success();
    }
  return llvm::Error::success();
}

} // namespace

llvm::Expected<Series> buildSeries(const SeriesOptions &O, const std::vector<ArchInput> &Arches) {
  Series S;
  Names N = namesFor(O.S);
  bool TreeHasPredicate = false;
  {
    auto B = readOptionalTreeFile(O.Tree, "include/linux/cacheinfo.h");
    // The definition, not a mention in a comment.
    TreeHasPredicate = B && B->getBuffer().contains("#define " + N.Predicate + "()");
  }
  // 1. generic part
  if (!TreeHasPredicate) {
    Patch P;
    auto KT = readKconfig(O.Tree, "mm/Kconfig");
    if (!KT)
      return KT.takeError();
    // Beside mainline's place (before ARCH_HAS_CACHE_LINE_SIZE); a tree without it (5.10)
    // gets them before the first ARCH_HAS_* symbol that sorts after them, else at the end.
    unsigned At = unsigned(KT->Lines.size());
    if (auto Before = KT->Entries.named("ARCH_HAS_CACHE_LINE_SIZE"); !Before.empty()) {
      At = Before.front()->Line - 1;
    } else {
      for (const kconfig::ConfigEntry &E : KT->Entries.Configs)
        if (llvm::StringRef(E.Name).starts_with("ARCH_HAS_") && E.Name > N.Static && E.Line - 1 < At)
          At = E.Line - 1;
    }
    std::vector<std::string> K;
    if (O.S == Style::Upstream) {
      K = {"# Architectures which implement cpu_dcache_is_aliasing() to query",
           "# whether the data caches are aliased (VIVT or VIPT with dcache",
           "# aliasing) need to select this.", "config " + N.Static, "\tbool", ""};
    } else {
      K = {"config " + N.Static, "\tbool", "\thelp",
           "\t  An architecture selects this when the data cache of some CPU",
           "\t  type it supports can alias (VIVT, or VIPT with a way larger than",
           "\t  a page). Its asm/cachetype.h then defines cache_is_aliasing(),",
           "\t  a compile-time constant in every configuration.", "",
           "config " + N.Dynamic, "\tbool", "\tselect " + N.Static, "\thelp",
           "\t  An architecture selects this when, for some configuration, only",
           "\t  the running CPU can tell whether its data cache aliases (several",
           "\t  CPU types in one image, or a cache geometry probed at boot).",
           "\t  Its cache_is_aliasing() then reads what the CPU reported.", ""};
    }
    P.Changes.push_back({"mm/Kconfig", false, KT->Lines, {{At, 0, K}}});
    auto CL = readLines(O.Tree, "include/linux/cacheinfo.h");
    if (!CL)
      return CL.takeError();
    int End = lastLineStartingWith(*CL, "#endif");
    if (End < 0)
      return makeError(O.Tree + "/include/linux/cacheinfo.h: error: no closing #endif");
    P.Changes.push_back({"include/linux/cacheinfo.h", false, *CL,
                         {{unsigned(End), 0,
                           {"#ifndef CONFIG_" + N.Static, "#define " + N.Predicate + "()\tfalse",
                            "#else", "#include <asm/cachetype.h>", "#endif", ""}}}});
    P.Subject = "mm: introduce " + N.Predicate + "()";
    std::string Syms = N.Dynamic.empty() ? N.Static : N.Static + " and " + N.Dynamic;
    P.Body = wrap("DAX maps persistent-memory pages into user space while the kernel reaches "
                  "the same pages through its linear mapping. Where the data cache is "
                  "virtually aliased (VIVT, or VIPT with a way larger than a page) those views "
                  "are not coherent without a flush.") +
             "\n" +
             wrap("Introduce " + N.Predicate + "(), false unless the architecture selects " +
                  Syms + " and defines it in asm/cachetype.h, so that DAX can ask the question "
                  "per CPU instead of excluding architectures by name.");
    S.Patches.push_back(std::move(P));
  }
  // 2. per arch
  std::vector<std::string> Aliasing;
  for (const ArchInput &In : Arches) {
    const archmodel::ArchAudit &A = In.Audit;
    if (In.Generic) {
      if (A.Result == Verdict::Unknown)
        S.Skipped.push_back(A.Arch + ": verdict unknown (see the audit)");
      else if (A.Result == Verdict::Static || A.Result == Verdict::Dynamic)
        S.Skipped.push_back(A.Arch + ": " + archmodel::verdictName(A.Result) +
                            " on generic evidence only; write a rule before patching");
      continue;
    }
    if (A.Result == Verdict::Unknown) {
      S.Skipped.push_back(A.Arch + ": verdict unknown (see the audit)");
      continue;
    }
    if (A.Result == Verdict::None) {
      if (TreeHasPredicate && A.Comparison != "exact" && !A.Comparison.empty())
        S.Skipped.push_back(A.Arch + ": model says none, tree's predicate is " + A.Comparison +
                            " (dropping the select is left to the maintainer)");
      continue;
    }
    Aliasing.push_back(A.Arch);
    if (TreeHasPredicate && A.Comparison == "exact") {
      S.Skipped.push_back(A.Arch + ": the tree's " + N.Predicate + "() is already exact");
      continue;
    }
    auto P = archPatch(O, In, N, TreeHasPredicate);
    if (!P)
      return P.takeError();
    if (!P->Changes.empty())
      S.Patches.push_back(std::move(*P));
  }
  // 3. DAX: the callers first (bisectable: none sees -EOPNOTSUPP before it handles it), then
  // alloc_dax() refuses where the cache aliases; device-dax (NULL ops) is exempt.
  // A caller left as it is would fail where it now gets -EOPNOTSUPP (5.10's pmem returns
  // it from probe): then alloc_dax() does not refuse, and the exclusion by name stays.
  std::vector<std::string> Unadapted;
  if (!TreeHasPredicate)
    if (llvm::Error E = callerPatches(O, S, Unadapted))
      return E;
  auto DL = readLines(O.Tree, "drivers/dax/super.c");
  if (!Unadapted.empty() && !TreeHasPredicate) {
    S.Skipped.push_back("dax: alloc_dax() does not refuse: " + joinAnd(Unadapted) +
                        " would fail on -EOPNOTSUPP instead of going on without DAX");
    S.Skipped.push_back("fs: the FS_DAX exclusion by architecture name stays while alloc_dax() does not refuse");
  } else if (DL && !TreeHasPredicate) {
    int Fn = -1;
    for (unsigned I = 0; I < DL->size(); ++I)
      if (llvm::StringRef((*DL)[I]).starts_with("struct dax_device *alloc_dax("))
        Fn = int(I);
    int Ret = Fn < 0 ? -1 : firstLineEqual(*DL, "\t\treturn ERR_PTR(-EINVAL);", unsigned(Fn));
    int Inc = -1;
    for (unsigned I = 0; I < DL->size() && I < 40; ++I)
      if (llvm::StringRef((*DL)[I]).starts_with("#include <linux/")) {
        if (Inc < 0 && (*DL)[I] > "#include <linux/cacheinfo.h>")
          Inc = int(I);
      }
    if (Ret < 0 || Inc < 0) {
      S.Skipped.push_back("dax: drivers/dax/super.c has no alloc_dax() EINVAL check to follow");
    } else {
      Patch P;
      FileChange C{"drivers/dax/super.c", false, *DL, {}};
      C.Edits.push_back({unsigned(Inc), 0, {"#include <linux/cacheinfo.h>"}});
      C.Edits.push_back({unsigned(Ret + 1), 0,
                         {"", "\t/*", "\t * Unavailable on architectures with virtually aliased data caches,",
                          "\t * except for device-dax (NULL operations pointer), which does",
                          "\t * not use aliased mappings from the kernel.", "\t */",
                          "\tif (ops && " + N.Predicate + "())", "\t\treturn ERR_PTR(-EOPNOTSUPP);"}});
      P.Changes.push_back(std::move(C));
      P.Subject = "dax: refuse alloc_dax() where the data cache aliases";
      P.Body = wrap("fs/dax.c and the pmem, dm and virtio-fs drivers read and write DAX pages "
                    "through the kernel's linear mapping while user space maps the same pages. "
                    "Where " + N.Predicate + "() says the data cache aliases, that is "
                    "incoherent, so alloc_dax() fails with -EOPNOTSUPP. device-dax passes NULL "
                    "operations and never touches the pages from the kernel: it stays "
                    "available.") +
               "\n" + wrap("Architectures whose data cache can alias in this tree: " +
                           llvm::join(Aliasing, ", ") + ".");
      S.Patches.push_back(std::move(P));
    }
  }
  // 4. FS_DAX: the blanket exclusion by architecture name goes.
  if (Unadapted.empty())
    if (llvm::Error E = exclusionPatch(O, N, Arches, Aliasing, S))
      return E;
  // Recipients from the tree's MAINTAINERS, then the cover letter over the whole series.
  auto M = Maintainers::load(O.Tree);
  if (!M)
    return M.takeError();
  for (Patch &P : S.Patches) {
    Recipients R = M->forPatch(P.Subject + "\n" + P.Body, P.Changes);
    P.To = std::move(R.To);
    P.Cc = std::move(R.Cc);
  }
  if (O.CoverLetter && S.Patches.size() > 1)
    S.Cover = coverLetter(O, S, Arches);
  return S;
}

std::string patchFileName(unsigned N, const Patch &P) {
  std::string Slug;
  for (char C : P.Subject) {
    if (llvm::isAlnum(C) || C == '.' || C == '_')
      Slug += C;
    else if (!Slug.empty() && Slug.back() != '-')
      Slug += '-';
  }
  while (!Slug.empty() && (Slug.back() == '-' || Slug.back() == '.'))
    Slug.pop_back();
  if (Slug.size() > 52)
    Slug.resize(52);
  while (!Slug.empty() && Slug.back() == '-')
    Slug.pop_back();
  char Num[8];
  snprintf(Num, sizeof Num, "%04u", N);
  return std::string(Num) + "-" + Slug + ".patch";
}

namespace {
// "To: a,\n    b": one address per line, as git format-patch folds them.
std::string addressHeader(const char *Name, const std::vector<std::string> &As) {
  if (As.empty())
    return "";
  std::string Out = std::string(Name) + ": ";
  for (size_t I = 0; I < As.size(); ++I)
    Out += (I ? ",\n    " : "") + As[I];
  return Out + "\n";
}
} // namespace

std::string mailHeader(const SeriesOptions &O, unsigned N, unsigned M, const Patch &P) {
  std::string Out = "From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\n";
  if (!O.Author.empty())
    Out += "From: " + O.Author + "\n";
  Out += "Date: " + mailDate(O.Date) + "\n";
  char Num[32];
  if (M == 1)
    snprintf(Num, sizeof Num, "[PATCH]");
  else
    snprintf(Num, sizeof Num, "[PATCH %0*u/%u]", M >= 10 ? 2 : 1, N, M);
  Out += "Subject: " + std::string(Num) + " " + P.Subject + "\n";
  Out += addressHeader("To", P.To) + addressHeader("Cc", P.Cc);
  return Out + "\n";
}

std::string formatPatch(const SeriesOptions &O, unsigned N, unsigned M, const Patch &P) {
  std::string Out = mailHeader(O, N, M, P);
  Out += P.Body;
  std::vector<std::string> Tags = P.Trailers;
  if (O.SignOff && !O.Author.empty())
    Tags.push_back("Signed-off-by: " + O.Author);
  if (!Tags.empty())
    Out += "\n" + llvm::join(Tags, "\n") + "\n";
  Out += "---\n";
  Out += diffStat(P.Changes) + "\n";
  for (const FileChange &C : P.Changes)
    Out += unifiedDiff(C);
  Out += "-- \ndcalias " + O.Version + "\n\n";
  return Out;
}

} // namespace dcalias::patchgen
