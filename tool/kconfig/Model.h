// kconfig/Model.h: the in-memory form of a Kconfig graph, field by field.
//
// It mirrors the kernel's scripts/kconfig data model (expr.h) on purpose: conformance with
// `conf` is byte-for-byte, and conf's results depend on details such as the order in which
// symbols are visited (its hash table) and the flags its value calculation leaves behind.
//
//   Kconfig syntax                 in memory
//   ---------------------------    ----------------------------------------------------------
//   config FOO / menuconfig FOO    Symbol FOO + a Menu node (one per definition) + P_SYMBOL
//   bool/tristate/int/hex/string   Symbol::Type (first definition wins, as in conf)
//   prompt "x" if C                Property{Prompt, Visible = C && menu deps}, Menu::Prompt
//   default V if C                 Property{Default, E = V, Visible = C && menu deps}
//   select S if C / imply S if C   Property on FOO; S->RevDep |= FOO && C && deps (Implied)
//   depends on D                   Menu::Dep (and Symbol::DirDep = OR over definitions)
//   range A B if C                 Property{Range, E = Range(A, B)}
//   choice ... endchoice           a nameless (or named) Symbol with IsChoice, Property Choice
//                                  listing the values; each value gets Property Choice -> choice
//   menu / comment / if            Menu nodes without Symbol (if: without prompt, flattened)
//   "string" in an expression      a constant Symbol (Flags & Const)
//   y / m / n                      the three fixed symbols Yes / Mod / No
#pragma once

#include "support/Diagnostics.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace dcalias::kconfig {

enum class Tri : uint8_t { No = 0, Mod = 1, Yes = 2 };
inline Tri triAnd(Tri A, Tri B) { return A < B ? A : B; }
inline Tri triOr(Tri A, Tri B) { return A > B ? A : B; }
inline Tri triNot(Tri A) { return Tri(2 - unsigned(A)); }
inline char triChar(Tri T) { return "nmy"[unsigned(T)]; }

enum class SymType : uint8_t { Unknown, Bool, Tristate, Int, Hex, String };
const char *symTypeName(SymType T);

struct Symbol;
struct Menu;

// A location in a Kconfig file. File points at the path string owned by the FileCache, which
// outlives every graph loaded from it (no per-arch string copies).
struct KLoc {
  const std::string *File = nullptr;
  unsigned Line = 0;
  SourceLoc loc() const { return {File ? *File : std::string(), Line, 0}; }
  std::string str() const { return loc().str(); }
};

enum class ExprKind : uint8_t { Symbol, Not, And, Or, Equal, Unequal, Lth, Leq, Gth, Geq, Range, List };

// Expressions are immutable once built and live in the graph's arena. Subexpressions are
// shared (a menu's dependencies sit under every property of every entry in it), so evaluation
// memoises each compound node's value for as long as nothing it read can have changed; see
// Kconfig::Impl::calc.
struct Expr {
  ExprKind Kind;
  mutable Tri MemoVal = Tri::No;
  mutable bool CycleChecked = false;     // every symbol in it passed the dependency-cycle check
  mutable uint32_t MemoEpoch = 0;        // the evaluation epoch MemoVal belongs to (0: none)
  const Expr *L = nullptr, *R = nullptr; // Not (L), And/Or (L, R)
  Symbol *LS = nullptr, *RS = nullptr;   // Symbol (LS), comparisons and Range (LS, RS)
};

enum class PropKind : uint8_t { Unknown, Prompt, Comment, MenuTitle, Default, Choice, Select, Imply, Range, SymbolDef };

struct Property {
  PropKind Kind;
  const Expr *E = nullptr;       // default value, select/imply target, range
  const Expr *Visible = nullptr; // condition ("if"), later AND-ed with the menu's dependencies
  const Expr *Cond = nullptr;    // the "if" condition as written (nullptr: none)
  Tri VisibleTri = Tri::No;      // last evaluated value of Visible
  Menu *Owner = nullptr;         // the definition (menu node) this property came from
  llvm::StringRef Text;          // prompt text: in the file's AST, or in the graph's arena
  KLoc Loc;
  Symbol *Target = nullptr;      // select/imply/default-of-choice/choice: the named symbol

  // conf's prompts: the prompt of a config, or the title of a menuconfig, with text.
  bool isPrompt() const { return !Text.empty() && (Kind == PropKind::Prompt || Kind == PropKind::MenuTitle); }
};

// Symbol flags; the names and meanings follow the kernel's expr.h.
enum SymFlag : uint32_t {
  Const = 0x0001,
  Check = 0x0008,
  IsChoice = 0x0010,
  ChoiceVal = 0x0020,
  Valid = 0x0080,
  Optional = 0x0100,
  Write = 0x0200,
  Changed = 0x0400,
  Written = 0x0800,
  NoWrite = 0x1000,
  Checked = 0x2000,
  Warned = 0x8000,
  DefUser = 0x10000,
  NeedSetChoiceValues = 0x100000,
  // Not conf's: set while calcValue() is computing the symbol, when its value is provisional.
  InProgress = 0x200000,
  AllnoconfigY = 0x400000, // 'option allnoconfig_y' (conf's SYMBOL_ALLNOCONFIG_Y)
  Transitional = 0x800000, // 'transitional' (conf's SYMBOL_TRANS)
};

// Field order matters for speed: evaluation visits every symbol several times per
// configuration in conf's hash order, i.e. in no memory order. The symbol's own leaf
// expression (every `FOO` in an expression is this one node), its flags and its bool/tristate
// value share the first cache line; what computing the symbol reads fills the second.
struct alignas(64) Symbol {
  Expr Self{ExprKind::Symbol, Tri::No, false, 0, nullptr, nullptr, this, nullptr};
  uint32_t Flags = 0;
  SymType Type = SymType::Unknown;
  Tri Visible = Tri::No;
  Tri DirDepTri = Tri::No, RevDepTri = Tri::No, ImpliedTri = Tri::No; // conf starts from zeroed memory
  Tri CurrT = Tri::No;        // curr.tri
  Tri UserT = Tri::No;        // def[S_DEF_USER].tri: what a .config/defconfig said
  uint16_t NPrompts = 0, NDefaults = 0, NRanges = 0;

  const Expr *DirDep = nullptr, *RevDep = nullptr, *Implied = nullptr;
  // The properties evaluation visits, in Props order, grouped: prompts (with text), then
  // defaults, then ranges (NPrompts, NDefaults, NRanges of them). Most properties are selects;
  // this keeps evaluation from touching them. Points into the graph's own array.
  Property *const *EvalProps = nullptr;
  Property *ChoiceProp = nullptr; // the P_CHOICE property of a choice value (or choice)
  Symbol *CurrChoice = nullptr;   // for a choice: the selected value (curr.val)
  Symbol *UserChoice = nullptr;   // for a choice: the value a .config selected

  std::string CurrVal; // string/int/hex value (bool/tristate: empty, CurrT holds it)
  std::string UserVal;
  std::string Name; // empty for a nameless choice
  bool HasName = true;
  llvm::SmallVector<Property *, 4> Props;
  llvm::SmallVector<Menu *, 1> Menus; // every definition, in parse order
  std::vector<Symbol *> ChoiceValues; // for a choice: its values in order
  std::vector<Symbol *> Members;      // for a choice (6.11+ semantics): members, highest
                                      // priority first (conf's choice_members list)
  Symbol *ChoiceOf = nullptr;         // for a choice value: its choice
  unsigned Bucket = 0;                // hash bucket in conf's table (visit order)
  uint8_t Mark = 0;                   // scratch for graph walks (dependency-cycle check)
  unsigned Serial = 0;                // creation order (later-created first within a bucket)

  bool isChoice() const { return Flags & IsChoice; }
  bool isChoiceValue() const { return Flags & ChoiceVal; }
  bool isOptional() const { return Flags & Optional; }
  bool hasUserValue() const { return Flags & DefUser; }
  bool isConst() const { return Flags & Const; }
  // Only string, int and hex values have text (CurrVal, UserVal); bool/tristate ones are CurrT.
  bool hasStringValue() const { return Type == SymType::String || Type == SymType::Int || Type == SymType::Hex; }
  std::string displayName() const { return HasName ? Name : std::string("<choice>"); }

  Symbol() = default;
  Symbol(const Symbol &) = delete; // Self points at this object
  Symbol &operator=(const Symbol &) = delete;
};

struct Menu {
  Menu *Next = nullptr, *Parent = nullptr, *List = nullptr;
  Symbol *Sym = nullptr;
  Property *Prompt = nullptr; // prompt, menu title or comment text
  const Expr *Visibility = nullptr; // "visible if"
  const Expr *Dep = nullptr;        // "depends on" (+ parents after finalisation)
  const std::string *Help = nullptr; // help text, owned by the file's AST in the FileCache
  bool IsMenuconfig = false;
  KLoc Loc;
};

// Whether S appears anywhere in E (as an operand of any operator).
bool containsSymbol(const Expr *E, const Symbol *S);

} // namespace dcalias::kconfig
