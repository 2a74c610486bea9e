#include "archmodel/CpuTypes.h"
#include "support/TreeFile.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"

#include <deque>
#include <functional>

namespace dcalias::archmodel {

using kconfig::Expr;
using kconfig::ExprKind;
using kconfig::Symbol;
using kconfig::Tri;

Values currentValues(kconfig::Kconfig &K) {
  Values V;
  for (Symbol *S : K.symbolsInConfOrder())
    if (S->HasName && !S->isConst())
      V[S->Name] = K.valueOf(S);
  return V;
}

Values baselineValues(kconfig::Kconfig &K) {
  K.reset();
  K.applyMode(kconfig::Mode::Allnoconfig);
  (void)K.writeConfig(); // computes every value as conf would before writing
  return currentValues(K);
}

llvm::Expected<Values> seededAllnoconfig(kconfig::Kconfig &K, const std::string &Seed,
                                         const std::string &SeedName) {
  K.reset();
  DiagList Quiet;
  if (llvm::Error E = K.readConfig(Seed, SeedName, Quiet, /*AsSeed=*/true))
    return E;
  K.applyMode(kconfig::Mode::Allnoconfig);
  (void)K.writeConfig();
  return currentValues(K);
}

std::string memberDefaults(kconfig::Kconfig &K, Symbol *Member) {
  std::string Seed;
  for (Symbol *S : K.symbolsInConfOrder()) {
    if (S == Member || S->Type != kconfig::SymType::Bool || S->isChoiceValue() ||
        S->Visible == Tri::No || S->CurrT != Tri::No || !kconfig::containsSymbol(S->DirDep, Member))
      continue;
    bool DefaultY = false;
    for (const kconfig::Property *P : S->Props)
      DefaultY |= P->Kind == kconfig::PropKind::Default && !P->Cond && P->E &&
                  P->E->Kind == kconfig::ExprKind::Symbol && P->E->LS->Name == "y";
    if (DefaultY)
      Seed += "CONFIG_" + S->Name + "=y\n";
  }
  return Seed;
}

namespace {
// Tristate value of E with Enabled symbols forced to y over the baseline.
Tri eval(const Expr *E, const Values &Base, const std::set<Symbol *> &Enabled) {
  auto val = [&](Symbol *S) -> std::string {
    if (Enabled.count(S))
      return "y";
    if (S->isConst() || S->Name.size() == 1)
      return S->Name;
    auto It = Base.find(S->Name);
    return It == Base.end() ? "n" : It->second;
  };
  auto tri = [&](Symbol *S) {
    std::string V = val(S);
    return V == "y" ? Tri::Yes : V == "m" ? Tri::Mod : Tri::No;
  };
  if (!E)
    return Tri::Yes;
  switch (E->Kind) {
  case ExprKind::Symbol: return tri(E->LS);
  case ExprKind::Not: return kconfig::triNot(eval(E->L, Base, Enabled));
  case ExprKind::And: return kconfig::triAnd(eval(E->L, Base, Enabled), eval(E->R, Base, Enabled));
  case ExprKind::Or: return kconfig::triOr(eval(E->L, Base, Enabled), eval(E->R, Base, Enabled));
  case ExprKind::Equal: return val(E->LS) == val(E->RS) ? Tri::Yes : Tri::No;
  case ExprKind::Unequal: return val(E->LS) != val(E->RS) ? Tri::Yes : Tri::No;
  default: return Tri::No; // ordering comparisons do not guard selects of cache symbols
  }
}

CpuType closureOf(const std::vector<Symbol *> &Roots, const Values &Base) {
  CpuType T;
  T.Sym = Roots.empty() ? nullptr : Roots.front();
  T.Enabled.insert(Roots.begin(), Roots.end());
  // A select whose condition fails now may hold once more symbols are enabled: iterate, in
  // discovery order (never pointer order: reports must be deterministic).
  std::vector<Symbol *> Order(Roots.begin(), Roots.end());
  bool Grew = true;
  while (Grew) {
    Grew = false;
    for (size_t I = 0; I < Order.size(); ++I)
      for (kconfig::Property *P : Order[I]->Props) {
        Symbol *S = Order[I];
        if (P->Kind != kconfig::PropKind::Select || !P->Target || T.Enabled.count(P->Target))
          continue;
        if (eval(P->Cond, Base, T.Enabled) == Tri::No)
          continue;
        T.Enabled.insert(P->Target);
        T.Closure.push_back({S, P->Target, P->Loc});
        Order.push_back(P->Target);
        Grew = true;
      }
  }
  return T;
}
} // namespace

std::vector<CpuType> enumerateCpuTypes(kconfig::Kconfig &K, const CacheRule::CpuTypes &R,
                                       const Values &Baseline) {
  std::vector<CpuType> Out;
  for (Symbol *S : K.symbolsInConfOrder()) {
    if (!S->HasName || S->Type != kconfig::SymType::Bool ||
        !llvm::StringRef(S->Name).starts_with(R.NamePrefix) ||
        llvm::StringRef(S->Name).starts_with(R.ReachesPrefix))
      continue;
    bool InFile = false;
    for (kconfig::Menu *M : S->Menus)
      InFile |= M->Loc.File && *M->Loc.File == R.File;
    if (!InFile)
      continue;
    CpuType T = closureOf({S}, Baseline);
    bool Reaches = false;
    for (Symbol *E : T.Enabled)
      Reaches |= E != S && llvm::StringRef(E->Name).starts_with(R.ReachesPrefix);
    if (Reaches)
      Out.push_back(std::move(T));
  }
  // Definition order in the Kconfig file, as a reader expects.
  std::sort(Out.begin(), Out.end(), [](const CpuType &A, const CpuType &B) {
    return A.Sym->Menus.front()->Loc.Line < B.Sym->Menus.front()->Loc.Line;
  });
  return Out;
}

CpuType combine(kconfig::Kconfig &K, const std::vector<Symbol *> &Syms, const Values &Baseline) {
  (void)K;
  return closureOf(Syms, Baseline);
}

std::string autoconfFor(kconfig::Kconfig &K, const Values &Baseline,
                        const std::set<Symbol *> &Enabled) {
  std::string Out = "/* dcalias: allnoconfig baseline plus the CPU types' select closure */\n";
  for (Symbol *S : K.symbolsInConfOrder()) {
    if (!S->HasName || S->isConst() || S->Type == kconfig::SymType::Unknown)
      continue;
    std::string V = Enabled.count(S) ? "y" : Baseline.count(S->Name) ? Baseline.at(S->Name) : "";
    switch (S->Type) {
    case kconfig::SymType::Bool:
    case kconfig::SymType::Tristate:
      if (V == "y")
        Out += "#define CONFIG_" + S->Name + " 1\n";
      else if (V == "m")
        Out += "#define CONFIG_" + S->Name + "_MODULE 1\n";
      break;
    case kconfig::SymType::String: {
      std::string E = "\"";
      for (char C : V) {
        if (C == '"' || C == '\\')
          E += '\\';
        E += C;
      }
      Out += "#define CONFIG_" + S->Name + " " + E + "\"\n";
      break;
    }
    case kconfig::SymType::Hex:
      if (!V.empty())
        Out += "#define CONFIG_" + S->Name + " " +
               (llvm::StringRef(V).starts_with_insensitive("0x") ? "" : "0x") + V + "\n";
      break;
    default:
      if (!V.empty())
        Out += "#define CONFIG_" + S->Name + " " + V + "\n";
      break;
    }
  }
  return Out;
}

std::string makefileDefine(const std::string &Tree, const CacheRule::MakefileDefine &D,
                           const std::function<bool(llvm::StringRef)> &IsY) {
  auto Buf = readOptionalTreeFile(Tree, D.File);
  if (!Buf)
    return "";
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Buf->getBuffer().split(Lines, '\n');
  std::string Val;
  std::vector<bool> Active{true};
  // Any "<var>-$(CONFIG_X) =...-D<define>=N" line: the variable's name changed between
  // trees (arch- in 6.1, cpp- in 6.12); the define is the anchor.
  std::string Flag = "-D" + D.Define + "=";
  for (llvm::StringRef L : Lines) {
    L = L.trim();
    if (L.consume_front("ifeq ($(CONFIG_")) {
      auto [Sym, Rest] = L.split(')');
      bool Want = Rest.contains(",y)");
      Active.push_back(Active.back() && IsY(Sym) == Want);
      continue;
    }
    if (L.starts_with("ifeq") || L.starts_with("ifneq") || L.starts_with("ifdef") ||
        L.starts_with("ifndef")) {
      Active.push_back(Active.back());
      continue;
    }
    if (L == "endif" && Active.size() > 1) {
      Active.pop_back();
      continue;
    }
    size_t Dollar = L.find("-$(CONFIG_");
    if (!Active.back() || Dollar == llvm::StringRef::npos || Dollar == 0 ||
        !llvm::all_of(L.take_front(Dollar), [](char C) { return llvm::isAlnum(C) || C == '_'; }))
      continue;
    L = L.drop_front(Dollar + 10);
    auto [Sym, Rest] = L.split(')');
    size_t P = Rest.find(Flag);
    if (P == llvm::StringRef::npos || !IsY(Sym))
      continue;
    Val = Rest.substr(P + Flag.size()).take_until([](char C) { return C == ' ' || C == '\t'; }).str();
  }
  return Val;
}

} // namespace dcalias::archmodel
