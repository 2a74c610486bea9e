#include "kconfig/Defconfig.h"
#include "kconfig/Kconfig.h"

#include "support/Diagnostics.h"
#include "support/Output.h"
#include "support/ReadLog.h"
#include "support/TreeFile.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

#include <algorithm>
#include <map>

namespace dcalias::kconfig {

namespace {

// A very small make-function evaluator: $(VAR), $(if c,a,b), $(filter pat,words).
std::string makeExpand(llvm::StringRef S, const std::map<std::string, std::string> &Vars);

std::vector<std::string> splitArgs(llvm::StringRef S) {
  std::vector<std::string> Out;
  int Nest = 0;
  size_t Prev = 0;
  for (size_t I = 0; I < S.size(); ++I) {
    if (S[I] == '(')
      ++Nest;
    else if (S[I] == ')')
      --Nest;
    else if (S[I] == ',' && Nest == 0) {
      Out.push_back(S.slice(Prev, I).str());
      Prev = I + 1;
    }
  }
  Out.push_back(S.substr(Prev).str());
  return Out;
}

bool patternMatch(llvm::StringRef Pat, llvm::StringRef W) {
  size_t P = Pat.find('%');
  if (P == llvm::StringRef::npos)
    return Pat == W;
  return W.size() >= Pat.size() - 1 && W.starts_with(Pat.take_front(P)) &&
         W.ends_with(Pat.drop_front(P + 1));
}

std::string evalRef(llvm::StringRef Body, const std::map<std::string, std::string> &Vars) {
  llvm::StringRef Fn = Body.take_until([](char C) { return C == ' ' || C == ','; });
  if (Fn == "shell") {
    // Nothing from the tree is executed; the one command arch Makefiles use to pick a
    // defconfig is `uname -m` (x86 maps i.86 to i386 with sed), answered from the host.
    llvm::StringRef Cmd = Body.drop_front(5).trim();
    if (Cmd.starts_with("uname -m")) {
      std::string M = Vars.at("uname");
      if (Cmd.contains("i.86") && M.size() == 4 && M[0] == 'i' && M.substr(2) == "86")
        M = "i386";
      return M;
    }
    return "";
  }
  if (Fn == "if" || Fn == "filter") {
    auto Args = splitArgs(Body.drop_front(Fn.size() + 1));
    if (Fn == "if") {
      std::string C = llvm::StringRef(makeExpand(Args[0], Vars)).trim().str();
      if (!C.empty())
        return Args.size() > 1 ? makeExpand(Args[1], Vars) : "";
      return Args.size() > 2 ? makeExpand(Args[2], Vars) : "";
    }
    if (Args.size() < 2)
      return "";
    llvm::SmallVector<llvm::StringRef> Pats, Words;
    std::string PS = makeExpand(Args[0], Vars), WS = makeExpand(Args[1], Vars);
    llvm::SplitString(PS, Pats);
    llvm::SplitString(WS, Words);
    std::string Out;
    for (llvm::StringRef W : Words)
      if (std::any_of(Pats.begin(), Pats.end(), [&](llvm::StringRef P) { return patternMatch(P, W); }))
        Out += (Out.empty() ? "" : " ") + W.str();
    return Out;
  }
  auto It = Vars.find(makeExpand(Body, Vars));
  return It == Vars.end() ? "" : It->second;
}

std::string makeExpand(llvm::StringRef S, const std::map<std::string, std::string> &Vars) {
  std::string Out;
  for (size_t I = 0; I < S.size(); ++I) {
    if (S[I] == '$' && I + 1 < S.size() && S[I + 1] == '(') {
      int Nest = 0;
      size_t J = I + 2;
      for (; J < S.size(); ++J) {
        if (S[J] == '(')
          ++Nest;
        else if (S[J] == ')' && Nest-- == 0)
          break;
      }
      Out += evalRef(S.slice(I + 2, J), Vars);
      I = J;
      continue;
    }
    Out += S[I];
  }
  return Out;
}

} // namespace

std::string kbuildDefconfig(const std::string &Tree, const std::string &Arch,
                            const std::string &SrcArch) {
  auto Buf = readOptionalTreeFile(Tree, "arch/" + SrcArch + "/Makefile");
  if (!Buf)
    return "defconfig";
  std::map<std::string, std::string> Vars = {
      {"ARCH", Arch}, {"SRCARCH", SrcArch}, {"SUBARCH", hostSubArch()},
      {"uname", llvm::Triple(llvm::sys::getProcessTriple()).getArchName().str()}};
  // ifeq/ifneq are decided ($(ARCH), `uname -m`); conditions on CONFIG_ options and ifdef are
  // taken as true (first branch): the configuration does not exist yet.
  std::vector<bool> Active{true};
  std::string Result;
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Buf->getBuffer().split(Lines, '\n');
  for (llvm::StringRef L : Lines) {
    L = L.trim();
    bool Cur = Active.back();
    if (L.starts_with("ifeq") || L.starts_with("ifneq")) {
      bool Neg = L.starts_with("ifneq");
      llvm::StringRef Args = L.drop_front(Neg ? 5 : 4).trim();
      bool Val = true;
      if (Args.consume_front("(") && Args.consume_back(")")) {
        auto Parts = splitArgs(Args);
        bool Decidable = Parts.size() == 2 && (Parts[0] + Parts[1]).find("CONFIG_") == std::string::npos;
        if (Decidable)
          Val = (makeExpand(Parts[0], Vars) == makeExpand(Parts[1], Vars)) != Neg;
      }
      Active.push_back(Cur && Val);
      continue;
    }
    if (L.starts_with("ifdef") || L.starts_with("ifndef")) {
      Active.push_back(Cur);
      continue;
    }
    if (L == "else" && Active.size() > 1) {
      bool Outer = Active[Active.size() - 2];
      Active.back() = Outer && !Active.back();
      continue;
    }
    if (L == "endif" && Active.size() > 1) {
      Active.pop_back();
      continue;
    }
    if (!Cur || !L.starts_with("KBUILD_DEFCONFIG"))
      continue;
    llvm::StringRef R = L.drop_front(16).ltrim();
    if (R.consume_front(":=") || R.consume_front("=") || R.consume_front("?="))
      Result = makeExpand(R.trim(), Vars);
  }
  return Result.empty() ? "defconfig" : Result;
}

std::string hostSubArch() {
  std::string Host = llvm::Triple(llvm::sys::getProcessTriple()).getArchName().str();
  llvm::StringRef H(Host);
  if (H == "x86_64" || (H.size() == 4 && H[0] == 'i' && H.ends_with("86")))
    return "x86";
  if (H == "aarch64")
    return "arm64";
  if (H.starts_with("arm"))
    return "arm";
  if (H.starts_with("ppc") || H.starts_with("powerpc"))
    return "powerpc";
  if (H.starts_with("riscv"))
    return "riscv";
  return Host;
}

// A file of the tree, "" when it cannot be read as one (support/TreeFile.h).
static std::string readText(const std::string &Tree, const std::string &Path) {
  auto B = readOptionalTreeFile(Tree, Path);
  return B ? B->getBuffer().str() : std::string();
}

std::string mergeFragments(const std::string &Base, const std::vector<std::string> &Fragments) {
  std::string Merged = Base;
  for (const std::string &Frag : Fragments) {
    llvm::SmallVector<llvm::StringRef, 0> Lines;
    llvm::StringRef(Frag).split(Lines, '\n');
    for (llvm::StringRef L : Lines) {
      llvm::StringRef Name;
      if (L.starts_with("CONFIG_") && L.contains('='))
        Name = L.split('=').first;
      else if (L.starts_with("# CONFIG_") && L.ends_with(" is not set"))
        Name = L.drop_front(2).split(' ').first;
      else
        continue;
      // sed -i "/$CFG[ =]/d"
      llvm::SmallVector<llvm::StringRef, 0> Old;
      llvm::StringRef(Merged).split(Old, '\n');
      std::string Kept;
      for (size_t I = 0; I < Old.size(); ++I) {
        bool Drop = Old[I].contains((Name + " ").str()) || Old[I].contains((Name + "=").str());
        if (!Drop)
          Kept += Old[I].str() + (I + 1 < Old.size() ? "\n" : "");
      }
      Merged = Kept;
    }
    Merged += "\n" + Frag;
  }
  return Merged;
}

// Finds "Name:" in the arch Makefile and a recipe $(call merge_into_defconfig*,base,frags).
static bool mergedTarget(const std::string &Tree, const std::string &SrcArch,
                         const std::string &Name, DefconfigInput &Out) {
  std::string Mk = readText(Tree, Tree + "/arch/" + SrcArch + "/Makefile");
  size_t P = Mk.find("\n" + Name + ":");
  if (P == std::string::npos)
    return false;
  size_t Call = Mk.find("$(call merge_into_defconfig", P);
  size_t NextTarget = Mk.find("\n\n", P + 1);
  if (Call == std::string::npos || (NextTarget != std::string::npos && Call > NextTarget))
    return false;
  size_t Comma = Mk.find(',', Call);
  size_t End = Mk.find(')', Comma);
  if (Comma == std::string::npos || End == std::string::npos)
    return false;
  std::string Args = Mk.substr(Comma + 1, End - Comma - 1);
  // Join continuation lines, then base,frag frag ...
  std::string Flat;
  for (size_t I = 0; I < Args.size(); ++I) {
    if (Args[I] == '\\' && I + 1 < Args.size() && Args[I + 1] == '\n') {
      ++I;
      Flat += ' ';
      continue;
    }
    Flat += Args[I] == '\n' || Args[I] == '\t' ? ' ' : Args[I];
  }
  auto [BaseName, FragList] = llvm::StringRef(Flat).split(',');
  std::string Dir = Tree + "/arch/" + SrcArch + "/configs/";
  std::string BasePath = Dir + BaseName.trim().str();
  if (!treeIsFile(BasePath))
    return false;
  llvm::SmallVector<llvm::StringRef> Frags;
  llvm::SplitString(FragList, Frags);
  std::vector<std::string> Texts;
  for (llvm::StringRef F : Frags) {
    std::string FP = Dir + F.str() + ".config";
    if (!treeIsFile(FP))
      return false;
    Texts.push_back(readText(Tree, FP));
  }
  Out.Label = Name;
  Out.Path = BasePath;
  Out.Text = mergeFragments(readText(Tree, BasePath), Texts);
  Out.Merged = true;
  return true;
}

// mips: $(eval $(call gen_generic_defconfigs,BITS,REVS,ENDIANS)) defines
// <bits><rev>[el]_defconfig = generic_defconfig + generic/<bits><rev>.config +
// generic/<endian>.config, then the board fragments.
static bool genericTarget(const std::string &Tree, const std::string &SrcArch,
                          const std::string &Name, DefconfigInput &Out) {
  std::string Mk = readText(Tree, Tree + "/arch/" + SrcArch + "/Makefile");
  std::string Dir = Tree + "/arch/" + SrcArch + "/configs/";
  std::string Gen = Dir + "generic/";
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  llvm::StringRef(Mk).split(Lines, '\n');
  for (llvm::StringRef L : Lines) {
    L = L.trim();
    if (!L.consume_front("$(eval $(call gen_generic_defconfigs,") || !L.consume_back("))"))
      continue;
    llvm::SmallVector<llvm::StringRef, 3> Dims;
    L.split(Dims, ',');
    if (Dims.size() != 3)
      continue;
    llvm::SmallVector<llvm::StringRef> Bits, Revs, Ends;
    llvm::SplitString(Dims[0], Bits);
    llvm::SplitString(Dims[1], Revs);
    llvm::SplitString(Dims[2], Ends);
    for (auto B : Bits)
      for (auto R : Revs)
        for (auto E : Ends) {
          std::string Target = (B + R + (E == "el" ? "el" : "") + "_defconfig").str();
          if (Target != Name)
            continue;
          std::string Base = Dir + "generic_defconfig";
          std::string F1 = Gen + (B + R).str() + ".config", F2 = Gen + E.str() + ".config";
          if (!treeIsFile(Base) || !treeIsFile(F1) ||
              !treeIsFile(F2))
            return false;
          Out.Label = Name;
          Out.Path = Base;
          Out.Text = mergeFragments(readText(Tree, Base), {readText(Tree, F1), readText(Tree, F2)});
          Out.Merged = true;
          // BOARDS defaults to every board-*.config (make's $(wildcard) is sorted).
          std::vector<std::string> Boards;
          std::error_code EC;
          noteRead(ReadKind::Listing, Gen);
          for (llvm::sys::fs::directory_iterator It(Gen, EC), End; It != End && !EC;
               It.increment(EC)) {
            llvm::StringRef F = llvm::sys::path::filename(It->path());
            if (F.starts_with("board-") && F.ends_with(".config"))
              Boards.push_back(It->path());
          }
          std::sort(Boards.begin(), Boards.end());
          for (auto &P : Boards)
            Out.Boards.push_back(readText(Tree, P));
          return true;
        }
  }
  return false;
}

// "NAME:\n\t$(Q)$(MAKE) -f $(srctree)/Makefile T X.config ..." in the arch Makefile.
static bool sequenceTarget(const std::string &Tree, const std::string &Arch,
                           const std::string &SrcArch, const std::string &Name,
                           DefconfigInput &Out, unsigned Depth) {
  std::string Mk = readText(Tree, Tree + "/arch/" + SrcArch + "/Makefile");
  size_t P = Mk.find("\n" + Name + ":");
  if (P == std::string::npos || Depth > 4)
    return false;
  size_t LineEnd = Mk.find('\n', P + 1);
  size_t RecipeEnd = Mk.find('\n', LineEnd + 1);
  if (LineEnd == std::string::npos || RecipeEnd == std::string::npos)
    return false;
  llvm::StringRef Recipe = llvm::StringRef(Mk).slice(LineEnd + 1, RecipeEnd).trim();
  if (!Recipe.consume_front("$(Q)$(MAKE) -f $(srctree)/Makefile "))
    return false;
  llvm::SmallVector<llvm::StringRef> Targets;
  llvm::SplitString(Recipe, Targets);
  if (Targets.empty() || Targets.front().ends_with(".config"))
    return false;
  auto Base = resolveDefconfig(Tree, Arch, SrcArch, Targets.front().str());
  if (!Base) {
    llvm::consumeError(Base.takeError());
    return false;
  }
  Out = *Base;
  Out.Label = Name;
  for (llvm::StringRef T : llvm::ArrayRef(Targets).drop_front()) {
    if (!T.ends_with(".config"))
      return false;
    // scripts/kconfig/Makefile: configfiles = kernel/configs/$@ and arch/$(SRCARCH)/configs/$@
    bool Found = false;
    for (const std::string &Dir : {Tree + "/kernel/configs/", Tree + "/arch/" + SrcArch + "/configs/"})
      if (treeIsFile(Dir + T.str())) {
        Out.Fragments.push_back(readText(Tree, Dir + T.str()));
        Found = true;
      }
    if (!Found)
      return false;
  }
  return true;
}

llvm::Expected<DefconfigInput> resolveDefconfig(const std::string &Tree, const std::string &Arch,
                                                const std::string &SrcArch,
                                                const std::string &Name) {
  DefconfigInput In;
  if (treeIsFile(Name)) {
    In.Label = llvm::sys::path::filename(Name).str();
    In.Path = Name;
    // The user's own file, which may lie anywhere; read as any input is (bounded, regular).
    auto B = readInput(Name);
    if (!B)
      return B.takeError();
    In.Text = (*B)->getBuffer().str();
    return In;
  }
  std::string N = Name == "defconfig" ? kbuildDefconfig(Tree, Arch, SrcArch) : Name;
  std::string Dir = Tree + "/arch/" + SrcArch + "/configs/";
  for (const std::string &Cand : {N, N + "_defconfig"}) {
    // An explicit target of the arch Makefile wins over scripts/kconfig's %_defconfig rule.
    if (sequenceTarget(Tree, Arch, SrcArch, Cand, In, 0))
      return In;
    if (treeIsFile(Dir + Cand)) {
      In.Label = Cand;
      In.Path = Dir + Cand;
      In.Text = readText(Tree, In.Path);
      return In;
    }
    if (mergedTarget(Tree, SrcArch, Cand, In) || genericTarget(Tree, SrcArch, Cand, In))
      return In;
  }
  return makeError("no defconfig '" + Name + "' for " + Arch + " (looked for " + Dir + N +
                   " and a merge_into_defconfig target of that name in arch/" + SrcArch +
                   "/Makefile)");
}

// A board fragment applies if every "# require CONFIG_X=y" line is in Ref and no
// "# require CONFIG_X=n" has CONFIG_X=y there.
static bool boardApplies(llvm::StringRef Board, llvm::StringRef Ref) {
  llvm::SmallVector<llvm::StringRef, 0> Lines, RefLines;
  Board.split(Lines, '\n');
  Ref.split(RefLines, '\n');
  auto has = [&](llvm::StringRef L) { return llvm::is_contained(RefLines, L); };
  for (llvm::StringRef L : Lines) {
    if (!L.consume_front("# require "))
      continue;
    L = L.trim();
    if (L.ends_with("=y") ? !has(L) : L.ends_with("=n") ? has((L.drop_back(1) + "y").str()) : false)
      return false;
  }
  return true;
}

llvm::Expected<std::string> evaluateInput(Kconfig &K, const DefconfigInput &In, Mode M,
                                          DiagList &Diags) {
  auto run = [&](const std::string &Text, Mode Md) -> llvm::Expected<std::string> {
    K.reset();
    // A configuration given to an all*config mode is conf's KCONFIG_ALLCONFIG seed.
    bool Seed = Md == Mode::Allnoconfig || Md == Mode::Allyesconfig || Md == Mode::Allmodconfig;
    if (llvm::Error E = K.readConfig(Text, In.Path, Diags, Seed))
      return E;
    K.applyMode(Md);
    return K.writeConfig();
  };
  auto first = [&]() -> llvm::Expected<std::string> {
    if (!In.Merged)
      return run(In.Text, M);
    if (In.Boards.empty())
      return run(In.Text, Mode::Olddefconfig);
    auto Ref = run(In.Text, Mode::Olddefconfig);
    if (!Ref)
      return Ref.takeError();
    std::string Merged = In.Text;
    for (const std::string &B : In.Boards)
      if (boardApplies(B, *Ref))
        Merged = mergeFragments(Merged, {B});
    return run(Merged, Mode::Olddefconfig);
  };
  auto Config = first();
  // "make X.config": merge_config.sh -m .config X, then olddefconfig.
  for (const std::string &F : In.Fragments) {
    if (!Config)
      return Config;
    Config = run(mergeFragments(*Config, {F}), Mode::Olddefconfig);
  }
  return Config;
}

std::vector<std::string> defconfigsOf(const std::string &Tree, const std::string &SrcArch) {
  std::vector<std::string> Out;
  std::error_code EC;
  noteRead(ReadKind::Listing, Tree + "/arch/" + SrcArch + "/configs");
  for (llvm::sys::fs::directory_iterator It(Tree + "/arch/" + SrcArch + "/configs", EC), End;
       It != End && !EC; It.increment(EC)) {
    std::string F = llvm::sys::path::filename(It->path()).str();
    if (llvm::StringRef(F).ends_with("_defconfig") || F == "defconfig")
      Out.push_back(F);
  }
  std::sort(Out.begin(), Out.end());
  return Out;
}

} // namespace dcalias::kconfig
