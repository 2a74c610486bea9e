// kconfig/Impl.h: internal state shared by Builder.cpp, Eval.cpp and ConfigIO.cpp.
#pragma once

#include "kconfig/Kconfig.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Allocator.h"
#include "llvm/Support/StringSaver.h"

#include <deque>
#include <unordered_map>

namespace dcalias::kconfig {

struct Kconfig::Impl {
  Kconfig &K;
  explicit Impl(Kconfig &K) : K(K) {}

  // The graph's objects, allocated in slabs (a graph has some 100,000 of them; loading every
  // architecture of a tree builds and frees that many per architecture). Symbols and
  // properties are also listed in creation order.
  template <typename T, bool Listed> struct Pool {
    llvm::SpecificBumpPtrAllocator<T> Alloc;
    std::vector<T *> All;
    template <typename... A> T *make(A &&...Args) {
      T *P = new (Alloc.Allocate()) T{std::forward<A>(Args)...};
      if constexpr (Listed)
        All.push_back(P);
      return P;
    }
  };
  Pool<Symbol, true> Symbols;
  Pool<Property, true> Props;
  Pool<Menu, false> Menus;
  Pool<Expr, false> Exprs;
  // The behaviours of the tree's own conf that differ between generations (Dialect.def).
  Dialect D;
  std::vector<std::pair<Symbol *, std::vector<Symbol *>>> InitialMembers;

  llvm::StringMap<Symbol *, llvm::BumpPtrAllocator> Plain, Consts, Choices;
  std::vector<Symbol *> ByNameId; // RawWord::NameId -> the plain symbol of that name
  llvm::BumpPtrAllocator TextArena; // prompt texts that macro expansion produced
  llvm::StringSaver Texts{TextArena};
  Symbol Yes, Mod, No, Empty;
  Symbol *ModulesSym = nullptr;
  Tri ModulesVal = Tri::No;
  Symbol *DefconfigList = nullptr;

  // Flags right after loading, restored by reset().
  std::vector<std::pair<Symbol *, uint32_t>> InitialFlags;

  // Memoisation of calc(): a compound expression's value stays valid while Epoch is unchanged.
  // Epoch advances whenever a symbol loses its Valid flag or a valid symbol's value changes,
  // the only ways a memoised value could differ from a fresh evaluation (after calc(E) every
  // symbol in E is valid, and calcValue() of a valid symbol neither changes it nor has any
  // other effect). A value read from a symbol still being computed (only possible through a
  // dependency cycle) is provisional: InProgressReads counts such reads, and an evaluation
  // that saw one is not memoised.
  uint32_t Epoch = 1;
  uint32_t InProgressReads = 0;
  void invalidate() { ++Epoch; }
  Tri calcCompound(const Expr *E);

  bool WarnChangedInput = false;  // KCONFIG_WARN_CHANGED_INPUT and the dialect has it
  std::string ChangedInput;       // what the last writeConfig() found changed
  void noteChangedInput(Symbol *S);
  std::vector<std::string> WarningText;

  // --- construction helpers (Builder.cpp) ---
  Symbol *lookup(llvm::StringRef Name, uint32_t Flags); // sym_lookup
  Symbol *lookupNameless(uint32_t Flags);
  const Expr *mk(ExprKind K, const Expr *L, const Expr *R) {
    return Exprs.make(K, Tri::No, false, 0u, L, R, nullptr, nullptr);
  }
  const Expr *mkSym(Symbol *S) { return &S->Self; }
  const Expr *mkCmp(ExprKind Kd, Symbol *A, Symbol *B) {
    return Exprs.make(Kd, Tri::No, false, 0u, nullptr, nullptr, A, B);
  }
  const Expr *andE(const Expr *A, const Expr *B) { return !A ? B : !B ? A : mk(ExprKind::And, A, B); }
  const Expr *orE(const Expr *A, const Expr *B) { return !A ? B : !B ? A : mk(ExprKind::Or, A, B); }
  const Expr *rewriteM(const Expr *E);
  const Expr *balanced(const Expr *E);
  void finalize(Menu *Parent, bool InsideChoice = false);
  DiagList *BuildDiags = nullptr; // where finalize() reports, while the Builder runs
  void checkDeps(DiagList &Diags);

  // --- evaluation (Eval.cpp) ---
  SymType getType(Symbol *S);
  void calcVisibility(Symbol *S);
  void calcValue(Symbol *S);
  Symbol *choiceDefault(Symbol *S);
  Symbol *calcChoice(Symbol *S);
  Property *defaultProp(Symbol *S);
  Property *rangeProp(Symbol *S);
  void validateRange(Symbol *S);
  void setAllChoiceValues(Symbol *S);
  // Choices with member lists (Dialect::ChoiceMembers)
  Menu *choiceMenuOf(const Symbol *S);   // sym_get_choice_menu
  Symbol *choiceDefault2(Menu *Choice);  // choice_get_default
  Symbol *calcChoice2(Menu *Choice);     // sym_calc_choice
  static Menu *menuNext(Menu *M, Menu *Root);
  void clearAllValid();
  Tri calc(const Expr *E);
  std::string stringValue(const Symbol *S) const;
  bool menuIsVisible(Menu *M);
  void warnUnmetDep(Symbol *S);
  static Property *choiceProp(Symbol *S) { return S->ChoiceProp; }
  static llvm::ArrayRef<Property *> prompts(const Symbol *S) {
    return llvm::ArrayRef(S->EvalProps, S->NPrompts);
  }
  static llvm::ArrayRef<Property *> defaults(const Symbol *S) {
    return llvm::ArrayRef(S->EvalProps + S->NPrompts, S->NDefaults);
  }
  static llvm::ArrayRef<Property *> ranges(const Symbol *S) {
    return llvm::ArrayRef(S->EvalProps + S->NPrompts + S->NDefaults, S->NRanges);
  }
  // Symbol::EvalProps of every symbol, in conf's visit order; and the properties whose
  // VisibleTri evaluation writes (what reset() must clear).
  std::vector<Property *> EvalPropStore;
  std::vector<Property *> WrittenProps;
  static bool stringValid(const Symbol *S, const std::string &Str);
  bool stringWithinRange(Symbol *S, const std::string &Str);
  long long rangeVal(Symbol *S, int Base);
};

} // namespace dcalias::kconfig
