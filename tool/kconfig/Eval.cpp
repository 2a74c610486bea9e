// Eval: value calculation with conf's semantics (symbol.c): visibility, defaults, selects,
// implies, choices, ranges. The order of recursive calls and the flags left behind are part of
// the semantics, so this follows conf step by step.
#include "kconfig/Impl.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace dcalias::kconfig {

namespace {
// A value being computed (conf's struct symbol_value); a symbol keeps its parts in CurrT,
// CurrChoice and CurrVal.
struct Value {
  Tri T = Tri::No;
  Symbol *Choice = nullptr; // for a choice symbol: the selected value
  std::string Val;          // string/int/hex value (bool/tristate: empty, T holds it)
};
} // namespace

SymType Kconfig::Impl::getType(Symbol *S) {
  SymType T = S->Type;
  if (T == SymType::Tristate) {
    if (!D.ChoiceMembers && S->isChoiceValue() && S->Visible == Tri::Yes)
      T = SymType::Bool;
    else if (ModulesVal == Tri::No)
      T = SymType::Bool;
  }
  return T;
}

static void setChanged(Symbol *S) { S->Flags |= SymFlag::Changed; }

Property *Kconfig::Impl::defaultProp(Symbol *S) {
  for (Property *P : defaults(S)) {
    P->VisibleTri = calc(P->Visible);
    if (P->VisibleTri != Tri::No)
      return P;
  }
  return nullptr;
}

Property *Kconfig::Impl::rangeProp(Symbol *S) {
  for (Property *P : ranges(S)) {
    P->VisibleTri = calc(P->Visible);
    if (P->VisibleTri != Tri::No)
      return P;
  }
  return nullptr;
}

long long Kconfig::Impl::rangeVal(Symbol *S, int Base) {
  calcValue(S);
  if (S->Type == SymType::Int)
    Base = 10;
  else if (S->Type == SymType::Hex)
    Base = 16;
  return std::strtoll(stringValue(S).c_str(), nullptr, Base);
}

void Kconfig::Impl::validateRange(Symbol *S) {
  int Base;
  if (S->Type == SymType::Int)
    Base = 10;
  else if (S->Type == SymType::Hex)
    Base = 16;
  else
    return;
  Property *P = rangeProp(S);
  if (!P)
    return;
  long long Val = std::strtoll(S->CurrVal.c_str(), nullptr, Base);
  Symbol *RS = P->E->LS;
  long long Val2 = rangeVal(RS, Base);
  if (Val >= Val2) {
    RS = P->E->RS;
    Val2 = rangeVal(RS, Base);
    if (Val <= Val2)
      return;
  }
  S->CurrVal = RS->CurrVal;
}

void Kconfig::Impl::calcVisibility(Symbol *S) {
  if (S->Flags & SymFlag::Transitional) {
    // Always "visible", so that its user value counts; nothing else is computed.
    S->Visible = Tri::Yes;
    return;
  }
  Tri T = Tri::No;
  Symbol *ChoiceSym = !D.ChoiceMembers && S->isChoiceValue() ? choiceProp(S)->Target : nullptr;
  for (Property *P : prompts(S)) {
    P->VisibleTri = calc(P->Visible);
    if (ChoiceSym && S->Type == SymType::Tristate && P->VisibleTri == Tri::Mod &&
        ChoiceSym->CurrT == Tri::Yes)
      P->VisibleTri = Tri::No;
    T = triOr(T, P->VisibleTri);
  }
  if (T == Tri::Mod && (S->Type != SymType::Tristate || ModulesVal == Tri::No))
    T = Tri::Yes;
  if (S->Visible != T) {
    S->Visible = T;
    setChanged(S);
  }
  if (S->isChoiceValue())
    return;
  T = Tri::Yes;
  if (S->DirDep)
    T = calc(S->DirDep);
  if (T == Tri::Mod && getType(S) == SymType::Bool)
    T = Tri::Yes;
  S->DirDepTri = T;
  T = Tri::No;
  if (S->RevDep)
    T = calc(S->RevDep);
  if (T == Tri::Mod && getType(S) == SymType::Bool)
    T = Tri::Yes;
  S->RevDepTri = T;
  T = Tri::No;
  if (S->Implied)
    T = calc(S->Implied);
  if (T == Tri::Mod && getType(S) == SymType::Bool)
    T = Tri::Yes;
  S->ImpliedTri = T;
}

Symbol *Kconfig::Impl::choiceDefault(Symbol *S) {
  for (Property *P : defaults(S)) {
    P->VisibleTri = calc(P->Visible);
    if (P->VisibleTri == Tri::No)
      continue;
    Symbol *Def = P->Target;
    if (Def && Def->Visible != Tri::No)
      return Def;
  }
  for (Symbol *V : S->ChoiceValues)
    if (V->Visible != Tri::No)
      return V;
  return nullptr;
}

Symbol *Kconfig::Impl::calcChoice(Symbol *S) {
  uint32_t Flags = S->Flags;
  for (Symbol *V : S->ChoiceValues) {
    calcVisibility(V);
    if (V->Visible != Tri::No)
      Flags &= V->Flags;
  }
  S->Flags &= Flags | ~uint32_t(SymFlag::DefUser);
  Symbol *Def = S->UserChoice;
  if (Def && Def->Visible != Tri::No)
    return Def;
  Def = choiceDefault(S);
  if (!Def)
    S->CurrT = Tri::No;
  return Def;
}

void Kconfig::Impl::warnUnmetDep(Symbol *S) {
  WarningText.push_back("WARNING: unmet direct dependencies detected for " + S->Name +
                        "\n  Depends on [" + std::string(1, S->DirDepTri == Tri::Mod ? 'm' : 'n') +
                        "]: " + K.exprToString(S->DirDep));
}

void Kconfig::Impl::calcValue(Symbol *S) {
  if (!S || (S->Flags & SymFlag::Valid))
    return;
  if (!D.ChoiceMembers && S->isChoiceValue() && (S->Flags & SymFlag::NeedSetChoiceValues)) {
    S->Flags &= ~uint32_t(SymFlag::NeedSetChoiceValues);
    calcValue(choiceProp(S)->Target);
  }
  S->Flags |= SymFlag::Valid | SymFlag::InProgress;
  // Bool and tristate values live in CurrT alone; their (always empty) string is not touched,
  // which keeps this to the symbol's first cache line.
  const bool HasString = S->hasStringValue();
  const bool IsChoice = S->isChoice();
  const Tri OldT = S->CurrT;
  Symbol *const OldChoice = IsChoice ? S->CurrChoice : nullptr;
  std::string OldString;
  if (HasString)
    OldString = S->CurrVal;
  auto setCurr = [&](const Value &V) {
    S->CurrT = V.T;
    if (IsChoice)
      S->CurrChoice = V.Choice;
    if (HasString)
      S->CurrVal = V.Val;
  };
  Value NewVal;
  switch (S->Type) {
  case SymType::Int:
    NewVal = Value{Tri::No, nullptr, D.UnsetNumberIsZero ? "0" : ""};
    break;
  case SymType::Hex:
    NewVal = Value{Tri::No, nullptr, D.UnsetNumberIsZero ? "0x0" : ""};
    break;
  case SymType::String:
    NewVal = Value{};
    break;
  case SymType::Bool:
  case SymType::Tristate:
    NewVal = Value{};
    break;
  default:
    S->CurrVal = S->Name;
    S->CurrT = Tri::No;
    S->Flags &= ~uint32_t(SymFlag::InProgress);
    return;
  }
  S->Flags &= ~uint32_t(SymFlag::Write);
  calcVisibility(S);
  if (S->Visible != Tri::No)
    S->Flags |= SymFlag::Write;
  setCurr(NewVal); // the default while recursively called
  Property *DefaultUsed = nullptr; // conf's 'prop': the default property consulted, if any
  switch (getType(S)) {
  case SymType::Bool:
  case SymType::Tristate:
    if (Menu *ChoiceMenu = D.ChoiceMembers ? choiceMenuOf(S) : nullptr) {
      calcChoice2(ChoiceMenu);
      NewVal.T = S->CurrT;
    } else if (!D.ChoiceMembers && S->isChoiceValue() && S->Visible == Tri::Yes) {
      NewVal.T = choiceProp(S)->Target->CurrChoice == S ? Tri::Yes : Tri::No;
    } else {
      bool UseUser = false;
      if (S->Visible != Tri::No && S->hasUserValue()) {
        NewVal.T = triAnd(S->UserT, S->Visible);
        UseUser = true;
      }
      if (!UseUser) {
        if (S->RevDepTri != Tri::No)
          S->Flags |= SymFlag::Write;
        if (!S->isChoice()) {
          if (Property *P = DefaultUsed = defaultProp(S)) {
            NewVal.T = triAnd(calc(P->E), P->VisibleTri);
            if (NewVal.T != Tri::No)
              S->Flags |= SymFlag::Write;
          }
          if (S->ImpliedTri != Tri::No) {
            S->Flags |= SymFlag::Write;
            NewVal.T = triOr(NewVal.T, S->ImpliedTri);
            NewVal.T = triAnd(NewVal.T, S->DirDepTri);
          }
        }
      }
      if (S->DirDepTri < S->RevDepTri)
        warnUnmetDep(S);
      NewVal.T = triOr(NewVal.T, S->RevDepTri);
    }
    if (NewVal.T == Tri::Mod && getType(S) == SymType::Bool)
      NewVal.T = Tri::Yes;
    break;
  case SymType::String:
  case SymType::Hex:
  case SymType::Int:
    if (S->Visible != Tri::No && S->hasUserValue()) {
      NewVal.Val = S->UserVal;
      break;
    }
    if (Property *P = DefaultUsed = defaultProp(S)) {
      if (Symbol *DS = P->E && P->E->Kind == ExprKind::Symbol ? P->E->LS : nullptr) {
        S->Flags |= SymFlag::Write;
        calcValue(DS);
        NewVal.Val = stringValue(DS);
      }
    }
    break;
  default:
    break;
  }
  // A value that comes from one transitional symbol with a user value becomes this symbol's
  // own user value (Dialect::Transitional; only such trees have transitional symbols).
  if (DefaultUsed && !S->hasUserValue()) {
    const Expr *E = DefaultUsed->E;
    Symbol *DS = E && E->Kind == ExprKind::Symbol ? E->LS : nullptr;
    if (DS && (DS->Flags & SymFlag::Transitional) && DS->hasUserValue()) {
      S->UserT = NewVal.T;
      if (HasString)
        S->UserVal = NewVal.Val;
      S->Flags |= SymFlag::DefUser;
    }
  }
  setCurr(NewVal);
  if (!D.ChoiceMembers && S->isChoice() && NewVal.T == Tri::Yes)
    S->CurrChoice = calcChoice(S);
  validateRange(S);
  S->Flags &= ~uint32_t(SymFlag::InProgress);
  if (OldT != S->CurrT || (IsChoice && OldChoice != S->CurrChoice) ||
      (HasString && OldString != S->CurrVal)) {
    setChanged(S);
    if (ModulesSym == S)
      ModulesVal = ModulesSym->CurrT;
  }
  if (D.ChoiceMembers) {
    if (S->isChoice() || (S->Flags & SymFlag::Transitional))
      S->Flags &= ~uint32_t(SymFlag::Write);
    return;
  }
  if (S->isChoice()) {
    for (Symbol *V : S->ChoiceValues)
      if ((S->Flags & SymFlag::Write) && V->Visible != Tri::No)
        V->Flags |= SymFlag::Write;
  }
  if (S->Flags & SymFlag::NoWrite)
    S->Flags &= ~uint32_t(SymFlag::Write);
  if (S->Flags & SymFlag::NeedSetChoiceValues)
    setAllChoiceValues(S);
}

void Kconfig::Impl::setAllChoiceValues(Symbol *CS) {
  for (Symbol *V : CS->ChoiceValues)
    if (!V->hasUserValue())
      V->UserT = Tri::No;
  CS->Flags |= SymFlag::DefUser;
  CS->Flags &= ~uint32_t(SymFlag::Valid | SymFlag::NeedSetChoiceValues);
  invalidate();
}

void Kconfig::Impl::clearAllValid() {
  invalidate();
  for (Symbol *S : K.AllSymbols)
    S->Flags &= ~uint32_t(SymFlag::Valid);
  calcValue(ModulesSym);
}

namespace {
enum class Kind { String, Signed, Unsigned };
Kind parseNumber(const std::string &Str, SymType T, long long &S, unsigned long long &U) {
  const char *C = Str.c_str();
  char *Tail = nullptr;
  errno = 0;
  Kind K;
  switch (T) {
  case SymType::Bool:
  case SymType::Tristate:
    S = Str == "n" ? 0 : Str == "m" ? 1 : Str == "y" ? 2 : -1;
    return Kind::Signed;
  case SymType::Int:
    S = std::strtoll(C, &Tail, 10);
    K = Kind::Signed;
    break;
  case SymType::Hex:
    U = std::strtoull(C, &Tail, 16);
    K = Kind::Unsigned;
    break;
  default:
    S = std::strtoll(C, &Tail, 0);
    K = Kind::Signed;
    break;
  }
  return !errno && !*Tail && Tail > C && std::isxdigit((unsigned char)Tail[-1]) ? K : Kind::String;
}
} // namespace

Tri Kconfig::Impl::calc(const Expr *E) {
  if (!E)
    return Tri::Yes;
  if (E->Kind == ExprKind::Symbol) {
    Symbol *S = E->LS;
    if (!(S->Flags & SymFlag::Valid))
      calcValue(S);
    else if (S->Flags & SymFlag::InProgress)
      ++InProgressReads;
    return S->CurrT;
  }
  if (E->MemoEpoch == Epoch)
    return E->MemoVal;
  uint32_t EpochBefore = Epoch, ReadsBefore = InProgressReads;
  Tri V = calcCompound(E);
  if (Epoch == EpochBefore && InProgressReads == ReadsBefore) {
    E->MemoEpoch = Epoch;
    E->MemoVal = V;
  }
  return V;
}

Tri Kconfig::Impl::calcCompound(const Expr *E) {
  switch (E->Kind) {
  case ExprKind::And: {
    Tri A = calc(E->L);
    Tri B = calc(E->R);
    return triAnd(A, B);
  }
  case ExprKind::Or: {
    Tri A = calc(E->L);
    Tri B = calc(E->R);
    return triOr(A, B);
  }
  case ExprKind::Not:
    return triNot(calc(E->L));
  case ExprKind::Equal:
  case ExprKind::Unequal:
  case ExprKind::Lth:
  case ExprKind::Leq:
  case ExprKind::Gth:
  case ExprKind::Geq:
    break;
  default:
    return Tri::No;
  }
  for (Symbol *S : {E->LS, E->RS}) {
    if (!(S->Flags & SymFlag::Valid))
      calcValue(S);
    else if (S->Flags & SymFlag::InProgress)
      ++InProgressReads;
  }
  std::string S1 = stringValue(E->LS), S2 = stringValue(E->RS);
  Kind K1 = Kind::String, K2 = Kind::String;
  long long LS = 0, RS = 0;
  unsigned long long LU = 0, RU = 0;
  if (E->LS->Type != SymType::String || E->RS->Type != SymType::String) {
    K1 = parseNumber(S1, E->LS->Type, LS, LU);
    K2 = parseNumber(S2, E->RS->Type, RS, RU);
    // conf keeps the two in a union: a signed parse read as unsigned is the same bits.
    if (K1 == Kind::Signed)
      LU = (unsigned long long)LS;
    if (K2 == Kind::Signed)
      RU = (unsigned long long)RS;
    if (K1 == Kind::Unsigned)
      LS = (long long)LU;
    if (K2 == Kind::Unsigned)
      RS = (long long)RU;
  }
  int Res;
  if (K1 == Kind::String || K2 == Kind::String)
    Res = std::strcmp(S1.c_str(), S2.c_str());
  else if (K1 == Kind::Unsigned || K2 == Kind::Unsigned)
    Res = (LU > RU) - (LU < RU);
  else
    Res = (LS > RS) - (LS < RS);
  switch (E->Kind) {
  case ExprKind::Equal: return Res ? Tri::No : Tri::Yes;
  case ExprKind::Geq: return Res >= 0 ? Tri::Yes : Tri::No;
  case ExprKind::Gth: return Res > 0 ? Tri::Yes : Tri::No;
  case ExprKind::Leq: return Res <= 0 ? Tri::Yes : Tri::No;
  case ExprKind::Lth: return Res < 0 ? Tri::Yes : Tri::No;
  case ExprKind::Unequal: return Res ? Tri::Yes : Tri::No;
  default: return Tri::No;
  }
}

std::string Kconfig::Impl::stringValue(const Symbol *S) const {
  if (S->Type == SymType::Bool || S->Type == SymType::Tristate)
    return std::string(1, triChar(S->CurrT));
  return S->CurrVal;
}

bool Kconfig::Impl::menuIsVisible(Menu *Mn) {
  if (!Mn->Prompt)
    return false;
  if (Mn->Visibility && calc(Mn->Visibility) == Tri::No)
    return false;
  Symbol *S = Mn->Sym;
  Tri V;
  if (S) {
    calcValue(S);
    V = Mn->Prompt->VisibleTri;
  } else {
    V = Mn->Prompt->VisibleTri = calc(Mn->Prompt->Visible);
  }
  if (V != Tri::No)
    return true;
  if (!S || S->CurrT == Tri::No)
    return false;
  for (Menu *C = Mn->List; C; C = C->Next)
    if (menuIsVisible(C)) {
      if (D.MenuVisibilitySetsUserValue)
        S->Flags |= SymFlag::DefUser;
      return true;
    }
  return false;
}

// --- 6.11+ choices --------------------------------------------------------------------------

Menu *Kconfig::Impl::menuNext(Menu *M, Menu *Root) {
  if (M->List)
    return M->List;
  while (M != Root && !M->Next)
    M = M->Parent;
  if (M == Root)
    return nullptr;
  return M->Next;
}

Menu *Kconfig::Impl::choiceMenuOf(const Symbol *S) {
  if (!S->isChoiceValue())
    return nullptr; // conf: only symbols on a choice_members list are members
  Menu *Mn = nullptr;
  for (Menu *M : S->Menus)
    if (M->Prompt) {
      Mn = M;
      break;
    }
  if (!Mn)
    return nullptr;
  do
    Mn = Mn->Parent;
  while (Mn && !Mn->Sym);
  return Mn && Mn->Sym && Mn->Sym->isChoice() ? Mn : nullptr;
}

Symbol *Kconfig::Impl::choiceDefault2(Menu *Choice) {
  for (Property *P : defaults(Choice->Sym)) {
    P->VisibleTri = calc(P->Visible);
    if (P->VisibleTri == Tri::No)
      continue;
    if (P->Target && P->Target->Visible != Tri::No)
      return P->Target;
  }
  for (Menu *M = menuNext(Choice, Choice); M; M = menuNext(M, Choice))
    if (M->Sym && M->Sym->Visible != Tri::No)
      return M->Sym;
  return nullptr;
}

Symbol *Kconfig::Impl::calcChoice2(Menu *Choice) {
  Symbol *Res = nullptr;
  for (Symbol *S : Choice->Sym->Members) {
    calcVisibility(S);
    if (S->Visible == Tri::No)
      continue;
    if (S->hasUserValue() && S->UserT == Tri::Yes) {
      Res = S;
      break;
    }
  }
  if (!Res) {
    Res = choiceDefault2(Choice);
    if (Res && Res->hasUserValue() && Res->UserT == Tri::No)
      Res = nullptr;
  }
  if (!Res)
    for (Menu *M = menuNext(Choice, Choice); M; M = menuNext(M, Choice))
      if (M->Sym && M->Sym->Visible != Tri::No && !M->Sym->hasUserValue()) {
        Res = M->Sym;
        break;
      }
  if (!Res)
    for (auto It = Choice->Sym->Members.rbegin(); It != Choice->Sym->Members.rend(); ++It)
      if ((*It)->Visible != Tri::No) {
        Res = *It;
        break;
      }
  for (Menu *M = menuNext(Choice, Choice); M; M = menuNext(M, Choice)) {
    Symbol *S = M->Sym;
    if (!S || S->Visible == Tri::No)
      continue;
    Tri V = S == Res ? Tri::Yes : Tri::No;
    if (S->CurrT != V) {
      setChanged(S);
      if (S->Flags & SymFlag::Valid)
        invalidate();
    }
    S->CurrT = V;
    S->Flags |= SymFlag::Valid | SymFlag::Write;
  }
  return Res;
}

bool Kconfig::Impl::stringValid(const Symbol *S, const std::string &Str) {
  const char *P = Str.c_str();
  switch (S->Type) {
  case SymType::String:
    return true;
  case SymType::Int: {
    signed char Ch = *P++;
    if (Ch == '-')
      Ch = *P++;
    if (!std::isdigit(Ch))
      return false;
    if (Ch == '0' && *P != 0)
      return false;
    while ((Ch = *P++))
      if (!std::isdigit(Ch))
        return false;
    return true;
  }
  case SymType::Hex: {
    if (P[0] == '0' && (P[1] == 'x' || P[1] == 'X'))
      P += 2;
    signed char Ch = *P++;
    do {
      if (!std::isxdigit(Ch))
        return false;
    } while ((Ch = *P++));
    return true;
  }
  case SymType::Bool:
  case SymType::Tristate:
    switch (P[0]) {
    case 'y': case 'Y': case 'm': case 'M': case 'n': case 'N':
      return true;
    }
    return false;
  default:
    return false;
  }
}

bool Kconfig::Impl::stringWithinRange(Symbol *S, const std::string &Str) {
  switch (S->Type) {
  case SymType::String:
    return stringValid(S, Str);
  case SymType::Int:
  case SymType::Hex: {
    if (!stringValid(S, Str))
      return false;
    Property *P = rangeProp(S);
    if (!P)
      return true;
    int Base = S->Type == SymType::Int ? 10 : 16;
    long long V = std::strtoll(Str.c_str(), nullptr, Base);
    return V >= rangeVal(P->E->LS, Base) && V <= rangeVal(P->E->RS, Base);
  }
  case SymType::Bool:
  case SymType::Tristate:
    switch (Str[0]) {
    case 'y': case 'Y': case 'm': case 'M': case 'n': case 'N':
      return true; // the tristate range check is not needed for conf_read
    }
    return false;
  default:
    return false;
  }
}

std::string Kconfig::valueOf(const Symbol *S) const { return I->stringValue(S); }

} // namespace dcalias::kconfig
