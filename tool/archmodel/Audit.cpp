#include "archmodel/Audit.h"

#include "archmodel/AliasWork.h"
#include "archmodel/DaxSymbols.h"
#include "archmodel/KbuildOverlay.h"
#include "archmodel/ModelCache.h"
#include "kconfig/Defconfig.h"
#include "support/Diagnostics.h"
#include "support/Progress.h"
#include "support/ReadLog.h"
#include "support/Stack.h"
#include "support/TopMakefile.h"
#include "support/TreeFile.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ThreadPool.h"

#include <functional>

namespace dcalias::archmodel {

const char *aliasName(Alias A) {
  switch (A) {
  case Alias::Never: return "never";
  case Alias::Always: return "always";
  case Alias::Runtime: return "run-time";
  case Alias::Unknown: return "unknown";
  case Alias::Unreachable: return "unreachable";
  }
  return "?";
}

const char *verdictName(Verdict V) {
  switch (V) {
  case Verdict::None: return "none";
  case Verdict::Static: return "static";
  case Verdict::Dynamic: return "dynamic";
  case Verdict::Unknown: return "unknown";
  }
  return "?";
}

namespace {

// The override of the current auditArch call (one per thread: arches are audited in parallel).
thread_local const ProbeOverride *CurrentOverride = nullptr;

// Directories of "<var>-$(CONFIG_X) += -I$(srctree)/<dir>" lines whose CONFIG_X is y, in the
// order make includes the files (sorted paths, as $(wildcard)).
std::vector<std::string> makefileIncludeDirs(const std::string &Tree, const std::string &Glob,
                                             const std::function<bool(llvm::StringRef)> &IsY) {
  std::vector<std::string> Out;
  auto Pattern = llvm::GlobPattern::create(Tree + "/" + Glob);
  if (!Pattern) {
    llvm::consumeError(Pattern.takeError());
    return Out;
  }
  std::vector<std::string> Files;
  std::error_code EC;
  std::string Full = Tree + "/" + Glob;
  llvm::StringRef Dir = llvm::StringRef(Full).take_until([](char C) { return C == '*'; });
  Dir = Dir.rsplit('/').first;
  noteRead(ReadKind::Listing, Dir);
  for (llvm::sys::fs::recursive_directory_iterator It(Dir, EC), End; It != End && !EC; It.increment(EC)) {
    if (It->type() == llvm::sys::fs::file_type::directory_file)
      noteRead(ReadKind::Listing, It->path());
    if (Pattern->match(It->path()))
      Files.push_back(It->path());
  }
  std::sort(Files.begin(), Files.end());
  for (const std::string &F : Files) {
    auto Buf = readOptionalTreeFile(Tree, F);
    if (!Buf)
      continue;
    // make's logical lines (mips's cavium-octeon/Platform names its include directory on a
    // continuation line).
    for (const std::string &Line : makefileLines(Buf->getBuffer())) {
      llvm::StringRef L = Line;
      size_t D = L.find("-$(CONFIG_");
      if (D == llvm::StringRef::npos)
        continue;
      auto [Sym, Rest] = L.drop_front(D + 10).split(')');
      if (!IsY(Sym))
        continue;
      for (size_t I; (I = Rest.find("-I$(srctree)/")) != llvm::StringRef::npos;) {
        Rest = Rest.drop_front(I + 13);
        Out.push_back(Rest.take_until([](char C) { return C == ' ' || C == '\t'; }).str());
      }
    }
  }
  return Out;
}

// A rule's cite, "; "-separated "path: what it shows" facts, with the facts about a file this
// tree does not have left out: the evidence line claims only what is in the tree (6.12 dropped
// loongarch's asm/shmparam.h, which the rule cites for 6.1).
std::string citeInTree(const std::string &Tree, llvm::StringRef Cite) {
  llvm::SmallVector<llvm::StringRef> Facts;
  Cite.split(Facts, "; ");
  std::string Out;
  for (llvm::StringRef F : Facts) {
    // A tree-relative path (its first component a top-level directory of the tree); others,
    // such as "asm/spitfire.h", are left as the rule wrote them.
    llvm::StringRef Path = F.split(": ").first;
    bool TreePath = Path.contains('/') && !Path.contains(' ') && !Path.contains('<') &&
                    treeIsDir(Tree + "/" + Path.split('/').first.str());
    if (TreePath && !treeExists(Tree + "/" + Path.str()))
      continue;
    Out += (Out.empty() ? "" : "; ") + F.str();
  }
  return Out.empty() ? Cite.str() : Out;
}

Alias toAlias(Fold F) {
  return F == Fold::ConstTrue ? Alias::Always : F == Fold::ConstFalse ? Alias::Never : Alias::Runtime;
}

bool treeHasMainlinePredicate(const std::string &Tree) {
  auto B = readOptionalTreeFile(Tree, "include/linux/cacheinfo.h");
  return B && B->getBuffer().contains("cpu_dcache_is_aliasing");
}


// The first error of a probe's diagnostics, with its location ("asm/cacheflush.h:93:1: use
// of undeclared identifier 'x'"), for the note that says why the next probe decided.
std::string firstError(llvm::StringRef Diags, llvm::StringRef Tree) {
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Diags.split(Lines, '\n');
  for (llvm::StringRef L : Lines)
    if (L.contains(": error: ") || L.contains(": fatal error: ")) {
      L.consume_front(Tree);
      L.consume_front("/");
      return L.str();
    }
  return Diags.take_until([](char C) { return C == '\n'; }).str();
}

ProbeRequest requestFor(const std::string &Tree, kconfig::Kconfig &K, const CacheRule &Rule,
                        const CacheRule::Probe &P, const Values &Base, const CpuType &,
                        const std::map<std::string, std::string> &Overlay,
                        const std::function<bool(llvm::StringRef)> &IsY) {
  ProbeRequest R;
  R.Tree = Tree;
  R.SrcArch = K.srcArch();
  R.Target = !P.Target64.empty() && IsY("64BIT") ? P.Target64 : P.Target;
  R.Defines = P.Defines;
  R.Undefines = P.Undefines;
  R.IncludeDirs = archCppflagsIncludes(Tree, R.SrcArch);
  if (Rule.MakeIncludes)
    for (const std::string &D : makefileIncludeDirs(Tree, Rule.MakeIncludes->Glob, IsY))
      R.IncludeDirs.push_back(D);
  for (std::string D : P.IncludeDirs) {
    // "$(CONFIG_X)" in a directory is the configuration's value (quotes dropped), as the
    // arch Makefile substitutes it (xtensa: variants/$(CONFIG_XTENSA_VARIANT_NAME)).
    size_t At;
    while ((At = D.find("$(CONFIG_")) != std::string::npos) {
      size_t E = D.find(')', At);
      if (E == std::string::npos)
        break;
      std::string Sym = D.substr(At + 9, E - At - 9);
      auto It = Base.find(Sym);
      std::string Val = It == Base.end() ? "" : It->second;
      D.replace(At, E - At + 1, Val);
    }
    R.IncludeDirs.push_back(D);
  }
  R.Headers = P.Headers;
  R.Expr = P.Expr;
  R.PPExpr = P.PPExpr;
  R.Declarations = P.Declarations;
  R.CompilerInclude = P.CompilerInclude || compilerIncludesFromMakefile(Tree);
  R.Overlay = Overlay;
  for (const std::string &H : P.CompilerHeaders)
    R.Overlay.try_emplace("include/" + H, "/* dcalias stand-in for a header of the arch's compiler */\n");
  return R;
}

// What every row of one arch's audit shares besides the rule.
struct RowContext {
  bool HasExisting = false;        // the tree has mainline's cpu_dcache_is_aliasing()
  bool HasICache = false;          // ... and cpu_icache_is_aliasing()
  bool ArchDefinesICache = false;  // which the arch's asm/cachetype.h defines itself
  const AliasWork *Work = nullptr; // the kernel's alias work, which outranks the rule's probes
};

CpuVerdict probeRow(const std::string &Tree, kconfig::Kconfig &K, const CacheRule &Rule,
                    const Values &Base, const std::map<std::string, std::string> &Overlay,
                    const CpuType &T, const std::string &Name, const RowContext &Ctx);

// Diagnostics name tree files relative to the tree, so that reports do not depend on where
// the tree was unpacked (golden files, reports compared across machines).
std::string treeRelative(std::string S, const std::string &Tree) {
  std::string Prefix = Tree + "/";
  for (size_t P; (P = S.find(Prefix)) != std::string::npos;)
    S.erase(P, Prefix.size());
  return S;
}

// The weighing of rules/alias-work.json (AliasWork.h): the row's own request (target,
// configuration, include paths) with the alias-work headers and condition instead.
void weighAliasWork(CpuVerdict &V, const ProbeRequest &Row, const AliasWork &W,
                    const std::string &Tree) {
  ProbeRequest Q = Row;
  Q.Headers = W.Headers;
  Q.PPExpr = W.PPExpr;
  Q.Expr.clear();
  Q.Declarations.clear();
  auto Res = runProbe(Q);
  if (!Res) {
    V.AlsoChecked.push_back("not checked: #if " + W.PPExpr + " (" +
                            firstError(llvm::toString(Res.takeError()), Tree) + ")");
    return;
  }
  if (Res->Result != Fold::ConstFalse)
    return;
  std::string Where;
  for (const std::string &M : Res->Macros)
    Where += (Where.empty() ? "" : ", ") + M;
  V.Overruled = "'" + V.Probe + "' is " + aliasName(V.Result) + " here, overruled: " + W.Says +
                (Where.empty() ? "" : " (" + Where + ")") + "; " + W.Cite;
  V.Result = Alias::Never;
  V.Loads.clear();
}

// Rows of CPU-type symbols that no configuration can enable (6.1's ARM7TDMI: depends on !MMU,
// with no prompt and nothing selecting it) become Unreachable, with the blocker.
void markUnreachable(kconfig::Kconfig &K, std::vector<CpuVerdict> &Rows) {
  std::vector<std::string> Names;
  for (const CpuVerdict &V : Rows)
    if (K.find(V.Name))
      Names.push_back(V.Name);
  if (Names.empty())
    return;
  std::map<std::string, kconfig::Reach> By;
  for (kconfig::Reach &R : kconfig::reachability(K, Names))
    By[R.Symbol] = std::move(R);
  for (CpuVerdict &V : Rows) {
    auto It = By.find(V.Name);
    if (It == By.end() || !It->second.Exists || It->second.Enabled)
      continue;
    V.Unreachable = "no configuration enables it: " + It->second.Blocker +
                    "; its probe alone says " + aliasName(V.Result);
    V.Result = Alias::Unreachable;
    V.Loads.clear();
  }
}

CpuVerdict probeType(const std::string &Tree, kconfig::Kconfig &K, const CacheRule &Rule,
                     const Values &Base, const std::map<std::string, std::string> &Overlay,
                     const CpuType &T, const std::string &Name, const RowContext &Ctx) {
  CpuVerdict V = probeRow(Tree, K, Rule, Base, Overlay, T, Name, Ctx);
  V.Error = treeRelative(std::move(V.Error), Tree);
  V.ExistingError = treeRelative(std::move(V.ExistingError), Tree);
  for (std::string &N : V.Notes)
    N = treeRelative(std::move(N), Tree);
  for (std::string &N : V.AlsoChecked)
    N = treeRelative(std::move(N), Tree);
  V.Overruled = treeRelative(std::move(V.Overruled), Tree);
  for (std::string &N : V.Definitions)
    N = treeRelative(std::move(N), Tree);
  return V;
}

CpuVerdict probeRow(const std::string &Tree, kconfig::Kconfig &K, const CacheRule &Rule,
                    const Values &Base, const std::map<std::string, std::string> &Overlay,
                    const CpuType &T, const std::string &Name, const RowContext &Ctx) {
  CpuVerdict V;
  V.Name = Name;
  if (T.Sym && !T.Sym->Menus.empty())
    V.Defined = T.Sym->Menus.front()->Loc;
  for (const SelectStep &S : T.Closure)
    V.Selects.push_back(S.From->Name + " -> " + S.To->Name + " (" + S.Where.str() + ")");

  auto IsY = [&](llvm::StringRef Sym) {
    if (kconfig::Symbol *S = K.find(Sym))
      if (T.Enabled.count(S))
        return true;
    auto It = Base.find(Sym.str());
    return It != Base.end() && It->second == "y";
  };
  std::vector<const CacheRule::Probe *> Applicable;
  for (const CacheRule::Probe &P : Rule.Probes)
    if ((P.IfConfig.empty() || IsY(P.IfConfig)) && requiredTextHolds(Tree, P))
      Applicable.push_back(&P);
  if (Applicable.empty()) {
    V.Error = Rule.File + ": no probe applies to this configuration";
    return V;
  }
  if (Rule.MakeDefine) {
    V.DefineValue = makefileDefine(Tree, *Rule.MakeDefine, IsY);
    if (V.DefineValue.empty()) {
      // Probing without it would silently take the header's fallback branch.
      V.Error = Rule.MakeDefine->File + ": no line defines -D" + Rule.MakeDefine->Define +
                "= for this configuration (cited: " + Rule.MakeDefine->Cite + ")";
      return V;
    }
  }
  ProbeRequest R;
  const CacheRule::Probe *Pr = nullptr;
  for (size_t I = 0; I < Applicable.size(); ++I) {
    Pr = Applicable[I];
    R = requestFor(Tree, K, Rule, *Pr, Base, T, Overlay, IsY);
    R.Autoconf = autoconfFor(K, Base, T.Enabled);
    if (Rule.MakeDefine)
      R.Defines.push_back(Rule.MakeDefine->Define + "=" + V.DefineValue);
    V.Probe = Pr->Expr.empty() ? "#if " + Pr->PPExpr : Pr->Expr;
    if (CurrentOverride) {
      R.Expr = CurrentOverride->Expr;
      R.PPExpr.clear();
      R.Headers = CurrentOverride->Headers;
      R.Declarations.clear();
      R.Replace = CurrentOverride->Replace;
      V.Probe = R.Expr;
    }
    auto Res = runProbe(R);
    if (!Res && CurrentOverride) {
      // Headers whose C a stand-in target rejects (arc, loongarch): the preprocessor alone can
      // still fold a definition that is a preprocessor expression.
      ProbeRequest PP = R;
      PP.PPExpr = R.Expr;
      PP.Expr.clear();
      if (auto P2 = runProbe(PP)) {
        llvm::consumeError(Res.takeError());
        Res = std::move(P2);
      } else {
        llvm::consumeError(P2.takeError());
      }
    }
    if (Res) {
      V.Result = toAlias(Res->Result);
      V.Loads = Res->Loads;
      V.Definitions = Res->Macros;
      V.Error.clear();
      break;
    }
    V.Error = llvm::toString(Res.takeError());
    if (I + 1 == Applicable.size())
      return V;
    V.Notes.push_back("'" + V.Probe + "' not usable in this tree (" + firstError(V.Error, Tree) +
                      "); the next probe of the rule decides");
  }
  if (Ctx.Work && !CurrentOverride && (V.Result == Alias::Always || V.Result == Alias::Runtime))
    weighAliasWork(V, R, *Ctx.Work, Tree);
  for (const CacheRule::Probe &P : Rule.AlsoCheck) {
    if (!(P.IfConfig.empty() || IsY(P.IfConfig)) || !requiredTextHolds(Tree, P))
      continue;
    ProbeRequest Q = requestFor(Tree, K, Rule, P, Base, T, Overlay, IsY);
    Q.Autoconf = R.Autoconf;
    std::string What = P.Expr.empty() ? "#if " + P.PPExpr : P.Expr;
    auto Res = runProbe(Q);
    if (!Res) {
      V.AlsoChecked.push_back("not checked: " + What + " (" +
                              firstError(llvm::toString(Res.takeError()), Tree) + ")");
      continue;
    }
    Alias A = toAlias(Res->Result);
    bool ModelMay = V.Result != Alias::Never, ThisMay = A != Alias::Never;
    V.AlsoChecked.push_back(std::string(ModelMay == ThisMay ? "agrees" : "points the other way") +
                            ": " + What + " is " + aliasName(A) + " (" + P.Cite + ")");
  }
  // The tree's own predicate, where it has one (ARCH_HAS_CPU_CACHE_ALIASING selects the arch's
  // asm/cachetype.h; otherwise include/linux/cacheinfo.h defines it as false).
  auto probeTree = [&](const char *Expr, Alias &Out, std::string &Error) {
    ProbeRequest E = R;
    E.Headers = Pr->ExistingHeaders;
    E.Headers.push_back("asm/cachetype.h");
    E.Expr = Expr;
    E.PPExpr.clear();
    E.Declarations.clear();
    auto ER = runProbe(E);
    if (!ER) {
      // As for the rule's own probes: where the stand-in target rejects the arch's C (arc's
      // global register variable), the preprocessor still folds a constant definition. The
      // kernel's true and false (an enum in linux/stddef.h) are 1 and 0 there.
      ProbeRequest PP = E;
      PP.PPExpr = E.Expr;
      PP.Expr.clear();
      PP.Defines.push_back("true=1");
      PP.Defines.push_back("false=0");
      if (auto P2 = runProbe(PP)) {
        llvm::consumeError(ER.takeError());
        ER = std::move(P2);
      } else {
        llvm::consumeError(P2.takeError());
      }
    }
    if (ER)
      Out = toAlias(ER->Result);
    else
      Error = llvm::toString(ER.takeError());
  };
  // The tree's own predicates, where it has them (ARCH_HAS_CPU_CACHE_ALIASING selects the arch's
  // asm/cachetype.h; otherwise include/linux/cacheinfo.h defines them as false). The I-cache one
  // is the D-cache one unless the arch defines it.
  if (Ctx.HasExisting) {
    if (!IsY("ARCH_HAS_CPU_CACHE_ALIASING")) {
      V.Existing = V.ExistingICache = Alias::Never;
    } else {
      probeTree("cpu_dcache_is_aliasing()", V.Existing, V.ExistingError);
      if (Ctx.ArchDefinesICache)
        probeTree("cpu_icache_is_aliasing()", V.ExistingICache, V.ExistingICacheError);
      else
        V.ExistingICache = V.Existing;
    }
  }
  return V;
}

} // namespace

llvm::Expected<ArchAudit> auditArch(kconfig::FileCache &Files, const std::string &Arch,
                                    const CacheRule &Rule, DiagList &Diags,
                                    const ProbeOverride *Override) {
  struct Restore {
    const ProbeOverride *Saved = CurrentOverride;
    ~Restore() { CurrentOverride = Saved; }
  } Keep;
  CurrentOverride = Override;
  kconfig::LoadOptions O;
  O.Arch = Arch;
  auto K = kconfig::Kconfig::load(Files, O, Diags);
  if (!K)
    return K.takeError();
  ArchAudit A;
  A.Arch = Arch;
  for (const CacheRule::Probe &P : Rule.Probes) {
    // A probe gated on a text this tree lacks says nothing here (6.1's arc/mm/cache.c has no
    // boot-time refusal): not listed, so that the predicate line only claims what holds.
    if (!requiredTextHolds(Files.tree(), P))
      continue;
    std::string E = P.Expr.empty() ? "#if " + P.PPExpr : P.Expr;
    std::string When = P.IfConfig.empty() ? "" : " [CONFIG_" + P.IfConfig + "]";
    if (!P.RequiresFile.empty())
      When += " [" + P.RequiresFile + " has \"" + P.RequiresText + "\"]";
    A.Expr += (A.Expr.empty() ? "" : " | otherwise ") + E + When;
    A.ExprCite += (A.ExprCite.empty() ? "" : "\n                     ") + citeInTree(Files.tree(), P.Cite);
  }
  if (Rule.MakeDefine)
    A.DefineCite = Rule.MakeDefine->Cite;
  A.HasExisting = treeHasMainlinePredicate(Files.tree());
  if (A.HasExisting)
    A.ExistingCite = "include/linux/cacheinfo.h: cpu_dcache_is_aliasing() is false unless "
                     "ARCH_HAS_CPU_CACHE_ALIASING selects arch/" + (*K)->srcArch() +
                     "/include/asm/cachetype.h";
  auto Work = loadAliasWork();
  if (!Work)
    return Work.takeError();
  if (A.HasExisting) {
    auto C = readOptionalTreeFile(Files.tree(), "include/linux/cacheinfo.h");
    A.HasICache = C && C->getBuffer().contains("cpu_icache_is_aliasing()");
  }
  if (A.HasICache) {
    std::string Header = "arch/" + (*K)->srcArch() + "/include/asm/cachetype.h";
    auto H = readOptionalTreeFile(Files.tree(), Header);
    A.ArchDefinesICache = H && H->getBuffer().contains("#define cpu_icache_is_aliasing()");
    A.ICacheCite = A.ArchDefinesICache
                       ? Header + " defines cpu_icache_is_aliasing()"
                       : "include/linux/cacheinfo.h: cpu_icache_is_aliasing() is cpu_dcache_is_aliasing() "
                         "unless asm/cachetype.h defines it (" + Header + " does not)";
  }
  RowContext Ctx{A.HasExisting, A.HasICache, A.ArchDefinesICache, &*Work};
  if (!Override) {
    auto Dax = loadDaxSymbols();
    if (!Dax)
      return Dax.takeError();
    A.Dax = kconfig::reachability(**K, Dax->Reachability);
  }
  Values Base = baselineValues(**K);
  std::vector<CpuType> Types;
  auto Overlay = asmGenericWrappers(Files.tree(), (*K)->srcArch());
  if (Rule.Cpus && !Rule.Cpus->ChoiceOf.empty()) {
    // CPU types are the members of a choice: evaluate each as allnoconfig with it chosen.
    A.CpuCite = Rule.Cpus->Cite;
    kconfig::Symbol *Anchor = (*K)->find(Rule.Cpus->ChoiceOf);
    if (!Anchor || !Anchor->ChoiceOf)
      return makeError(Rule.File + ": cpu_types.choice_of: " + Rule.Cpus->ChoiceOf +
                       " is not a choice member in this tree");
    auto member = [&](kconfig::Symbol *M, const std::string &Extra,
                      const std::string &Name) -> llvm::Error {
      std::string Seed = "CONFIG_" + M->Name + "=y\n" + Extra;
      auto V = seededAllnoconfig(**K, Seed, Rule.File);
      if (!V)
        return V.takeError();
      // The member as choosing it gives it: its own default-y options on.
      if (std::string More = memberDefaults(**K, M); !More.empty()) {
        V = seededAllnoconfig(**K, Seed + More, Rule.File);
        if (!V)
          return V.takeError();
      }
      CpuType T = combine(**K, {}, *V);
      T.Sym = M;
      A.Cpus.push_back(probeType(Files.tree(), **K, Rule, *V, Overlay, T, Name, Ctx));
      return llvm::Error::success();
    };
    const auto &X = Rule.Cpus->ExpandMember;
    for (kconfig::Symbol *M : Anchor->ChoiceOf->ChoiceValues) {
      if (X && M->Name == X->When) {
        // One configuration per directory the string may name (derived from the tree).
        std::vector<std::string> Dirs;
        std::error_code EC;
        noteRead(ReadKind::Listing, Files.tree() + "/" + X->FromDirs);
        for (llvm::sys::fs::directory_iterator It(Files.tree() + "/" + X->FromDirs, EC), End;
             It != End && !EC; It.increment(EC))
          if (treeIsDir(It->path()))
            Dirs.push_back(llvm::sys::path::filename(It->path()).str());
        std::sort(Dirs.begin(), Dirs.end());
        for (const std::string &D : Dirs)
          if (llvm::Error E = member(M, "CONFIG_" + X->Symbol + "=\"" + D + "\"\n",
                                     M->Name + " " + D))
            return E;
        continue;
      }
      if (llvm::Error E = member(M, "", M->Name))
        return E;
    }
  } else if (Rule.Cpus) {
    A.CpuCite = Rule.Cpus->Cite;
    Types = enumerateCpuTypes(**K, *Rule.Cpus, Base);
    if (Types.empty())
      return makeError(Rule.File + ": cpu_types: no symbol in " + Rule.Cpus->File + " matches (" +
                       Rule.Cpus->NamePrefix + "* reaching " + Rule.Cpus->ReachesPrefix +
                       "*): the cited Kconfig file or symbols are missing in this tree");
    // The baseline must not already carry a CPU type (ARM's allnoconfig picks a !MMU ARMv7-M
    // platform): everything any type selects starts out disabled.
    for (const CpuType &T : Types)
      for (kconfig::Symbol *S : T.Enabled)
        Base[S->Name] = "n";
  }
  std::vector<kconfig::Symbol *> All;
  for (const CpuType &T : Types) {
    A.Cpus.push_back(probeType(Files.tree(), **K, Rule, Base, Overlay, T, T.Sym->Name, Ctx));
    All.push_back(T.Sym);
  }
  bool ChoiceTypes = Rule.Cpus && !Rule.Cpus->ChoiceOf.empty();
  if (ChoiceTypes) {
    // done above
  } else if (Types.empty() && !Rule.Configurations.empty()) {
    // The rule's seeded configurations (allnoconfig with KCONFIG_ALLCONFIG-style seeds).
    for (const CacheRule::Configuration &C : Rule.Configurations) {
      auto V = seededAllnoconfig(**K, C.Seed, Rule.File);
      if (!V)
        return V.takeError();
      A.Cpus.push_back(probeType(Files.tree(), **K, Rule, *V, Overlay, combine(**K, {}, *V),
                                 C.Name, Ctx));
    }
  } else if (Types.empty()) {
    // No CPU-type dimension in the rule: the arch's allnoconfig and defconfig stand for it.
    A.Cpus.push_back(probeType(Files.tree(), **K, Rule, Base, Overlay, combine(**K, {}, Base),
                               "allnoconfig", Ctx));
    auto In = kconfig::resolveDefconfig(Files.tree(), Arch, (*K)->srcArch(), "defconfig");
    if (In) {
      DiagList Quiet;
      if (auto C = kconfig::evaluateInput(**K, *In, kconfig::Mode::Defconfig, Quiet)) {
        Values Def = currentValues(**K);
        A.Cpus.push_back(probeType(Files.tree(), **K, Rule, Def, Overlay, combine(**K, {}, Def),
                                   "defconfig (" + In->Label + ")", Ctx));
      } else {
        llvm::consumeError(C.takeError());
      }
    } else {
      llvm::consumeError(In.takeError());
    }
  }
  if (!Types.empty())
    A.Combined = probeType(Files.tree(), **K, Rule, Base, Overlay, combine(**K, All, Base),
                           "all CPU types", Ctx);

  if (!Override)
    markUnreachable(**K, A.Cpus);
  bool HasCombined = !A.Combined.Name.empty();
  bool AnyRuntime = HasCombined && A.Combined.Result == Alias::Runtime, AnyTrue = false,
       AnyUnknown = false;
  for (const CpuVerdict &V : A.Cpus) {
    AnyRuntime |= V.Result == Alias::Runtime;
    AnyTrue |= V.Result == Alias::Always;
    AnyUnknown |= V.Result == Alias::Unknown;
  }
  AnyTrue |= HasCombined && A.Combined.Result == Alias::Always;
  AnyUnknown |= HasCombined && A.Combined.Result == Alias::Unknown;
  A.Result = AnyRuntime ? Verdict::Dynamic
             : AnyUnknown ? Verdict::Unknown
             : AnyTrue    ? Verdict::Static
                          : Verdict::None;
  if (A.HasExisting) {
    // Row by row: can the cache alias (always or run-time) per the model, per the tree?
    bool Unsafe = false, Conservative = false, Unknown = false;
    auto compare = [&](const CpuVerdict &V) {
      if (V.Name.empty() || V.Result == Alias::Unreachable)
        return;
      if (V.Result == Alias::Unknown || V.Existing == Alias::Unknown) {
        Unknown = true;
        return;
      }
      // A constant "aliases" where the model needs the run-time answer also refuses CPUs that
      // never alias; a run-time answer where the model says "always" may wrongly allow.
      Alias M = V.Result, X = V.Existing;
      Unsafe |= (M != Alias::Never && X == Alias::Never) ||
                (M == Alias::Always && X == Alias::Runtime);
      Conservative |= (M == Alias::Never && X != Alias::Never) ||
                      (M == Alias::Runtime && X == Alias::Always);
    };
    for (const CpuVerdict &V : A.Cpus)
      compare(V);
    compare(A.Combined);
    A.Comparison = Unsafe ? "unsafe" : Unknown ? "unknown" : Conservative ? "conservative" : "exact";
  }
  // The evidence that held in this tree: the probes that decided a row (a fallback that was
  // never needed here says nothing about this tree).
  for (const CacheRule::Probe &P : Rule.Probes) {
    std::string E = P.Expr.empty() ? "#if " + P.PPExpr : P.Expr;
    auto decided = [&](const CpuVerdict &V) { return V.Probe == E && V.Result != Alias::Unknown; };
    if (std::any_of(A.Cpus.begin(), A.Cpus.end(), decided) || decided(A.Combined))
      A.DecidingCite += (A.DecidingCite.empty() ? "" : "\n") + citeInTree(Files.tree(), P.Cite);
  }
  if (A.DecidingCite.empty())
    A.DecidingCite = A.ExprCite;
  auto overruled = [](const CpuVerdict &V) { return !V.Overruled.empty(); };
  if (std::any_of(A.Cpus.begin(), A.Cpus.end(), overruled) || overruled(A.Combined))
    A.DecidingCite += "\n" + Work->Cite;
  return A;
}

static llvm::Expected<ConfigAudit> computeConfigAudit(kconfig::FileCache &Files, const std::string &Arch,
                                                      const CacheRule &Rule, const std::string &Config,
                                                      DiagList &Diags);

llvm::Expected<ConfigAudit> auditConfig(kconfig::FileCache &Files, const std::string &Arch,
                                        const CacheRule &Rule, const std::string &Config,
                                        DiagList &Diags, ModelCache *Cache) {
  if (!Cache)
    return computeConfigAudit(Files, Arch, Rule, Config, Diags);
  // A file is named by where it is, so that two working directories do not share an entry.
  llvm::SmallString<256> Name(Config);
  if (treeIsFile(Config))
    llvm::sys::fs::make_absolute(Name);
  if (std::optional<ConfigAudit> C = Cache->lookupConfig(Arch, std::string(Name), Diags))
    return std::move(*C);
  ReadLog Log;
  DiagList Mine;
  llvm::Expected<ConfigAudit> C = [&] {
    ScopedReadLog Recording(&Log);
    return computeConfigAudit(Files, Arch, Rule, Config, Mine);
  }();
  for (const Diagnostic &D : Mine.all())
    Diags.add(D.Sev, D.Loc, D.Message);
  if (C)
    Cache->storeConfig(Arch, std::string(Name), *C, Mine, Log);
  return C;
}

static llvm::Expected<ConfigAudit> computeConfigAudit(kconfig::FileCache &Files, const std::string &Arch,
                                                      const CacheRule &Rule, const std::string &Config,
                                                      DiagList &Diags) {
  kconfig::LoadOptions O;
  O.Arch = Arch;
  auto K = kconfig::Kconfig::load(Files, O, Diags);
  if (!K)
    return K.takeError();
  auto In = kconfig::resolveDefconfig(Files.tree(), Arch, (*K)->srcArch(), Config);
  if (!In)
    return In.takeError();
  bool IsDotConfig = treeIsFile(Config) &&
                     !llvm::StringRef(Config).ends_with("defconfig");
  auto C = kconfig::evaluateInput(**K, *In,
                                  IsDotConfig ? kconfig::Mode::Olddefconfig : kconfig::Mode::Defconfig,
                                  Diags);
  if (!C)
    return C.takeError();
  Values V = currentValues(**K);
  ConfigAudit A;
  A.Arch = Arch;
  A.Label = In->Label;
  if (Rule.Cpus && !Rule.Cpus->ChoiceOf.empty()) {
    // The CPU types are the members of a choice: the one this configuration chose.
    if (kconfig::Symbol *Anchor = (*K)->find(Rule.Cpus->ChoiceOf); Anchor && Anchor->ChoiceOf)
      for (kconfig::Symbol *M : Anchor->ChoiceOf->ChoiceValues)
        if (V.count(M->Name) && V[M->Name] == "y")
          A.CpuTypes.push_back(M->Name);
  } else if (Rule.Cpus) {
    // The CPU types are enumerated against an allnoconfig baseline, then read back from V.
    Values Base = baselineValues(**K);
    for (const CpuType &T : enumerateCpuTypes(**K, *Rule.Cpus, Base))
      if (V.count(T.Sym->Name) && V[T.Sym->Name] == "y")
        A.CpuTypes.push_back(T.Sym->Name);
  }
  auto Overlay = asmGenericWrappers(Files.tree(), (*K)->srcArch());
  auto Work = loadAliasWork();
  if (!Work)
    return Work.takeError();
  RowContext Ctx;
  Ctx.HasExisting = treeHasMainlinePredicate(Files.tree());
  Ctx.Work = &*Work;
  A.Result = probeType(Files.tree(), **K, Rule, V, Overlay, combine(**K, {}, V), In->Label, Ctx);
  return A;
}

std::vector<std::string> archDirsOf(const std::string &Tree) {
  std::vector<std::string> Arches;
  std::error_code EC;
  noteRead(ReadKind::Listing, Tree + "/arch");
  for (llvm::sys::fs::directory_iterator It(Tree + "/arch", EC), E; It != E && !EC; It.increment(EC))
    if (treeExists(It->path() + "/Kconfig"))
      Arches.push_back(llvm::sys::path::filename(It->path()).str());
  std::sort(Arches.begin(), Arches.end());
  return Arches;
}

llvm::Expected<CacheRule> ruleForArch(kconfig::FileCache &Files, const std::string &Arch,
                                      const std::string &RulesDir, bool &Generic) {
  std::string SrcArch = Files.srcArch(Arch);
  auto R = loadCacheRule(SrcArch, RulesDir);
  if (!R)
    return R.takeError();
  Generic = !*R;
  if (Generic) {
    // No arch rule: judge from the generic evidence (rules/cache-models/generic.json).
    R = loadCacheRule("generic", RulesDir);
    if (!R)
      return R.takeError();
    if (!*R)
      return makeError("no rules/cache-models/" + SrcArch + ".json and no generic.json");
  }
  CacheRule Rule = **R;
  Rule.Arch = SrcArch;
  return Rule;
}

// One arch: its rule (or the generic fallback) and its audit.
static llvm::Expected<ArchModel> modelArch(kconfig::FileCache &Files, const std::string &Arch,
                                           const std::string &RulesDir, ModelCache *Cache) {
  if (Cache)
    if (std::optional<ArchModel> M = Cache->lookup(Arch)) {
      auto R = ruleForArch(Files, Arch, RulesDir, M->Generic);
      if (!R)
        return R.takeError();
      M->Rule = std::move(*R);
      return std::move(*M);
    }
  ReadLog Log;
  ScopedReadLog Recording(Cache ? &Log : nullptr);
  ArchModel M;
  auto R = ruleForArch(Files, Arch, RulesDir, M.Generic);
  if (!R)
    return R.takeError();
  M.Rule = std::move(*R);
  auto A = auditArch(Files, Arch, M.Rule, M.Diags);
  if (!A)
    return A.takeError();
  M.Audit = std::move(*A);
  M.Audit.Generic = M.Generic;
  if (Cache)
    Cache->store(Arch, M, Log);
  return M;
}

std::vector<llvm::Expected<ArchModel>> modelArches(kconfig::FileCache &Files,
                                                   const std::vector<std::string> &Arches,
                                                   const std::string &RulesDir, unsigned Jobs,
                                                   const char *Label, ModelCache *Cache) {
  std::vector<std::optional<llvm::Expected<ArchModel>>> Results(Arches.size());
  {
    Progress Bar(Label, Arches.size(), "architectures");
    llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(Jobs));
    for (size_t I = 0; I < Arches.size(); ++I)
      Pool.async([&, I]() {
        runOnDeepStack([&] { Results[I].emplace(modelArch(Files, Arches[I], RulesDir, Cache)); });
        Bar.tick();
      });
    Pool.wait();
  }
  std::vector<llvm::Expected<ArchModel>> Out;
  for (auto &R : Results)
    Out.push_back(std::move(*R));
  return Out;
}

llvm::Expected<std::vector<ArchModel>> modelAllArches(kconfig::FileCache &Files,
                                                      const std::string &RulesDir, unsigned Jobs,
                                                      ModelCache *Cache) {
  std::vector<ArchModel> Out;
  for (auto &R : modelArches(Files, archDirsOf(Files.tree()), RulesDir, Jobs, "arch model", Cache)) {
    if (!R)
      return R.takeError();
    Out.push_back(std::move(*R));
  }
  return Out;
}

std::vector<std::string> aliasingCondition(const ArchAudit &A) {
  std::vector<std::string> Syms;
  bool AnyNever = false;
  for (const CpuVerdict &V : A.Cpus) {
    if (!V.Defined.File || V.Name.find(' ') != std::string::npos)
      return {};
    if (V.Result == Alias::Unreachable)
      continue;
    if (V.Result == Alias::Never)
      AnyNever = true;
    else // always, run-time, and unknown: what is not shown never to alias counts as aliasing
      Syms.push_back(V.Name);
  }
  if (!AnyNever || Syms.empty())
    return {};
  return Syms;
}

} // namespace dcalias::archmodel
