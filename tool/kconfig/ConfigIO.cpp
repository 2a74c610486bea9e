// ConfigIO: reading .config/defconfig files, the conf modes, and writing .config and the
// CONFIG_ macros, in conf's exact formats (confdata.c, conf.c).
#include "kconfig/Impl.h"

#include "llvm/ADT/StringExtras.h"

#include <algorithm>

namespace dcalias::kconfig {

llvm::Expected<Mode> parseMode(llvm::StringRef S) {
  if (S == "defconfig") return Mode::Defconfig;
  if (S == "olddefconfig") return Mode::Olddefconfig;
  if (S == "alldefconfig") return Mode::Alldefconfig;
  if (S == "allnoconfig") return Mode::Allnoconfig;
  if (S == "allyesconfig") return Mode::Allyesconfig;
  if (S == "allmodconfig") return Mode::Allmodconfig;
  return makeError("unknown mode '" + S +
                   "' (defconfig, olddefconfig, alldefconfig, allnoconfig, allyesconfig, "
                   "allmodconfig)");
}

void Kconfig::reset() {
  for (auto &[S, F] : I->InitialFlags) {
    S->Flags = F;
    S->CurrT = S->UserT = Tri::No;
    // Only choices have a choice value, only string/int/hex symbols a string: the others'
    // stay null and empty, and are not touched (a cache line each, per configuration).
    if (S->isChoice())
      S->CurrChoice = S->UserChoice = nullptr;
    if (S->hasStringValue()) {
      S->CurrVal.clear();
      S->UserVal.clear();
    }
    S->Visible = Tri::No;
    S->DirDepTri = S->RevDepTri = S->ImpliedTri = Tri::No;
  }
  for (Property *P : I->WrittenProps)
    P->VisibleTri = Tri::No;
  for (auto &[C, Members] : I->InitialMembers)
    C->Members = Members;
  I->ModulesVal = Tri::No;
  I->invalidate();
  I->WarningText.clear();
}

// conf_set_sym_val for S_DEF_USER.
static bool setSymVal(Kconfig::Impl &I, Symbol *S, std::string P, const std::string &Name,
                      unsigned Line, DiagList &Diags) {
  auto warn = [&](const std::string &M) { Diags.warning({Name, Line, 0}, M); };
  switch (S->Type) {
  case SymType::Tristate:
    if (!P.empty() && P[0] == 'm') {
      S->UserT = Tri::Mod;
      S->Flags |= SymFlag::DefUser;
      return true;
    }
    [[fallthrough]];
  case SymType::Bool:
    if (!P.empty() && (P[0] == 'y' || P[0] == 'n')) {
      S->UserT = P[0] == 'y' ? Tri::Yes : Tri::No;
      S->Flags |= SymFlag::DefUser;
      return true;
    }
    warn("symbol value '" + P + "' invalid for " + S->Name);
    return false;
  case SymType::String: {
    if (P.empty() || P[0] != '"')
      return true; // conf: silently ignored
    std::string Out;
    size_t J = 1;
    bool Closed = false;
    for (; J < P.size(); ++J) {
      if (P[J] == '"') {
        Closed = true;
        break;
      }
      if (P[J] == '\\') {
        if (++J >= P.size())
          break;
      }
      Out += P[J];
    }
    if (!Closed) {
      warn("invalid string found");
      return false;
    }
    P = Out;
    [[fallthrough]];
  }
  case SymType::Int:
  case SymType::Hex:
    if (Kconfig::Impl::stringValid(S, P)) {
      S->UserVal = P;
      S->Flags |= SymFlag::DefUser;
      return true;
    }
    warn("symbol value '" + P + "' invalid for " + S->Name);
    return false;
  default:
    return true;
  }
}

llvm::Error Kconfig::readConfig(llvm::StringRef Text, const std::string &Name, DiagList &Diags,
                                bool AsSeed) {
  Impl &M = *I;
  Changed = false;
  M.invalidate();
  for (Symbol *S : AllSymbols) {
    if (M.D.ChoiceMembers) {
      S->Flags &= ~uint32_t(SymFlag::DefUser | SymFlag::Valid);
    } else {
      S->Flags |= SymFlag::Changed;
      S->Flags &= ~uint32_t(SymFlag::DefUser | SymFlag::Valid);
      if (S->isChoice())
        S->Flags |= SymFlag::DefUser;
    }
    S->UserT = Tri::No;
    if (S->isChoice())
      S->UserChoice = nullptr;
    if (S->hasStringValue())
      S->UserVal.clear();
  }
  unsigned LineNo = 0;
  unsigned Warnings = 0;
  while (!Text.empty()) {
    auto [Line, Rest] = Text.split('\n');
    Text = Rest;
    ++LineNo;
    std::string SymName, Val;
    if (M.D.ConfReadStripsLines && Line.ends_with("\r"))
      Line = Line.drop_back(); // getline_stripped()
    if (M.D.ConfReadStripsLines && Line.empty())
      continue;
    // conf reads the line as a C string: nothing after a NUL byte is seen.
    size_t Nul = Line.find('\0');
    bool Truncated = Nul != llvm::StringRef::npos;
    Line = Line.take_front(Nul);
    if (Line.starts_with("#")) {
      if (!Line.starts_with("# CONFIG_"))
        continue;
      llvm::StringRef R = Line.drop_front(9);
      size_t Sp = R.find(' ');
      if (Sp == llvm::StringRef::npos)
        continue;
      llvm::StringRef Tail = R.drop_front(Sp + 1);
      if (M.D.ExactIsNotSet ? Tail != "is not set" : !Tail.starts_with("is not set"))
        continue;
      SymName = R.take_front(Sp).str();
      Val = "n";
    } else if (Line.starts_with("CONFIG_")) {
      llvm::StringRef R = Line.drop_front(7);
      size_t Eq = R.find('=');
      if (Eq == llvm::StringRef::npos)
        continue;
      SymName = R.take_front(Eq).str();
      Val = R.drop_front(Eq + 1).str();
      if (!Val.empty() && Val.back() == '\r')
        Val.pop_back();
    } else {
      if (Line.empty() ? Truncated : Line[0] != '\r') {
        Diags.warning({Name, LineNo, 0}, "unexpected data: " + Line.rtrim("\r").str());
        ++Warnings;
      }
      continue;
    }
    Symbol *S = find(SymName);
    if (!S) {
      Changed = true; // conf marks the configuration changed for unknown symbols
      continue;
    }
    if (S->Flags & SymFlag::DefUser) {
      Diags.warning({Name, LineNo, 0}, "override: reassigning to symbol " + S->Name);
      ++Warnings;
    }
    if (!setSymVal(M, S, Val, Name, LineNo, Diags)) {
      ++Warnings;
      continue;
    }
    if (M.D.ChoiceMembers) {
      // The member read last gets the highest priority in its choice.
      if (Menu *C = M.choiceMenuOf(S)) {
        auto &L = C->Sym->Members;
        L.erase(std::find(L.begin(), L.end(), S));
        L.insert(L.begin(), S);
      }
      continue;
    }
    if (S->isChoiceValue()) {
      Symbol *CS = Impl::choiceProp(S)->Target;
      switch (S->UserT) {
      case Tri::No:
        break;
      case Tri::Mod:
        if (CS->UserT == Tri::Yes) {
          Diags.warning({Name, LineNo, 0}, S->Name + " creates inconsistent choice state");
          ++Warnings;
          CS->Flags &= ~uint32_t(SymFlag::DefUser);
        }
        break;
      case Tri::Yes:
        if (CS->UserT != Tri::No) {
          Diags.warning({Name, LineNo, 0}, "override: " + S->Name + " changes choice state");
          ++Warnings;
        }
        CS->UserChoice = S;
        break;
      }
      CS->UserT = triOr(CS->UserT, S->UserT);
    }
  }

  if (AsSeed) {
    // conf_read_simple(): values stay uncomputed, so conf_set_all_new_symbols() skips none.
    Changed = Changed || Warnings;
    return llvm::Error::success();
  }
  // conf_read(): compute everything, count unsaved changes, then reset derived values.
  M.calcValue(M.ModulesSym);
  unsigned Unsaved = 0;
  for (Symbol *S : AllSymbols) {
    M.calcValue(S);
    if (S->isChoice() || (S->Flags & SymFlag::NoWrite))
      continue;
    if (S->hasUserValue() && (S->Flags & SymFlag::Write)) {
      if (S->Type == SymType::Bool || S->Type == SymType::Tristate) {
        if (S->UserT == S->CurrT)
          continue;
      } else if (S->CurrVal == S->UserVal) {
        continue;
      }
    } else if (!S->hasUserValue() && !(S->Flags & SymFlag::Write)) {
      continue;
    }
    ++Unsaved;
  }
  for (Symbol *S : AllSymbols) {
    if (!M.D.ConfReadDropsHiddenUserValues)
      break; // user values are kept as read
    if (!S->hasUserValue() || S->isChoiceValue())
      continue;
    if (S->Visible == Tri::No && !Unsaved)
      S->Flags &= ~uint32_t(SymFlag::DefUser);
    switch (S->Type) {
    case SymType::String:
    case SymType::Int:
    case SymType::Hex:
      if (M.stringWithinRange(S, S->UserVal))
        break;
      S->Flags &= ~uint32_t(SymFlag::Valid | SymFlag::DefUser);
      M.invalidate();
      ++Unsaved;
      break;
    default:
      break;
    }
  }
  Changed = Changed || Warnings || Unsaved;
  return llvm::Error::success();
}

// The value an all*config mode gives every new bool/tristate symbol (none for the others).
static bool modeValue(Mode Md, Tri &Out) {
  switch (Md) {
  case Mode::Allyesconfig: Out = Tri::Yes; return true;
  case Mode::Allmodconfig: Out = Tri::Mod; return true;
  case Mode::Allnoconfig: Out = Tri::No; return true;
  default: return false;
  }
}

void Kconfig::applyMode(Mode Md) {
  Impl &M = *I;
  if (Md == Mode::Olddefconfig)
    return;
  if (M.D.ChoiceMembers) {
    // conf_set_all_new_symbols() of member-list choices: prompted bool/tristate symbols in menu
    // order.
    for (Menu *Mn = Impl::menuNext(&RootMenu, &RootMenu); Mn; Mn = Impl::menuNext(Mn, &RootMenu)) {
      Symbol *S = Mn->Sym;
      if (!S || !Mn->Prompt || S->hasUserValue() ||
          (S->Type != SymType::Bool && S->Type != SymType::Tristate) || S->isChoiceValue() ||
          S->isChoice())
        continue;
      if (!modeValue(Md, S->UserT))
        continue;
      S->Flags |= SymFlag::DefUser;
    }
    M.clearAllValid();
    return;
  }
  // conf_set_all_new_symbols()
  for (Symbol *S : AllSymbols) {
    if (S->hasUserValue() || (S->Flags & SymFlag::Valid))
      continue;
    SymType T = M.getType(S);
    if (T != SymType::Bool && T != SymType::Tristate)
      continue;
    if (!modeValue(Md, S->UserT))
      continue;
    if (Md == Mode::Allnoconfig && (S->Flags & SymFlag::AllnoconfigY))
      S->UserT = Tri::Yes;
    S->Flags |= SymFlag::DefUser;
  }
  M.clearAllValid();
  for (Symbol *CS : AllSymbols)
    if ((CS->isChoice() && !CS->hasUserValue()) || CS->isChoiceValue())
      CS->Flags |= SymFlag::NeedSetChoiceValues;
  for (Symbol *CS : AllSymbols) {
    if (CS->hasUserValue() || !CS->isChoice())
      continue;
    M.calcValue(CS);
    M.setAllChoiceValues(CS);
  }
}

static std::string escapeString(const std::string &In) {
  std::string Out = "\"";
  for (char C : In) {
    if (C == '"' || C == '\\')
      Out += '\\';
    Out += C;
  }
  return Out + "\"";
}

void Kconfig::setWarnChangedInput(bool On) { I->WarnChangedInput = On && I->D.WarnChangedInput; }
const std::string &Kconfig::changedInputWarning() const { return I->ChangedInput; }
bool Kconfig::warnsChangedInput() const { return I->WarnChangedInput; }

// conf_append_changed_input_warning(): a user value the evaluation did not keep.
void Kconfig::Impl::noteChangedInput(Symbol *S) {
  if (!S->hasUserValue() || S->Type == SymType::Unknown)
    return;
  std::string User, Now = stringValue(S);
  if (S->Type == SymType::Bool || S->Type == SymType::Tristate)
    User = std::string(1, triChar(S->UserT));
  else
    User = S->UserVal;
  if (User == Now)
    return;
  if (ChangedInput.empty())
    ChangedInput = "warning: user-provided values changed by Kconfig:\n";
  ChangedInput += "  CONFIG_" + S->Name + ": " + User + " -> " + Now + "\n";
}

std::string Kconfig::writeConfig() {
  Impl &M = *I;
  M.ChangedInput.clear();
  std::string Out = "#\n# Automatically generated file; DO NOT EDIT.\n# " + RootMenu.Prompt->Text.str() +
                    "\n#\n";
  if (!Changed)
    M.clearAllValid();
  bool NeedNewline = false;
  Menu *Mn = RootMenu.List;
  while (Mn) {
    Symbol *S = Mn->Sym;
    if (!S) {
      if (M.menuIsVisible(Mn)) {
        Out += "\n#\n# " + Mn->Prompt->Text.str() + "\n#\n";
        NeedNewline = false;
      } else {
        goto next;
      }
    } else if (!S->isChoice() && !(S->Flags & SymFlag::Written)) {
      M.calcValue(S);
      if (M.WarnChangedInput) {
        M.noteChangedInput(S);
        S->Flags |= SymFlag::Written; // visited once, written or not (as conf does then)
      }
      if (!(S->Flags & SymFlag::Write))
        goto next;
      if (NeedNewline) {
        Out += "\n";
        NeedNewline = false;
      }
      S->Flags |= SymFlag::Written;
      if (S->Type != SymType::Unknown) {
        std::string V = M.stringValue(S);
        if ((S->Type == SymType::Bool || S->Type == SymType::Tristate) && V[0] == 'n')
          Out += "# CONFIG_" + S->Name + " is not set\n";
        else
          Out += "CONFIG_" + S->Name + "=" + (S->Type == SymType::String ? escapeString(V) : V) + "\n";
      }
    }
  next:
    if (Mn->List) {
      Mn = Mn->List;
      continue;
    }
    if (!M.D.EndOfEveryMenu) {
      // '# end of' only while climbing out of a menu's children.
      if (Mn->Next) {
        Mn = Mn->Next;
        continue;
      }
      while ((Mn = Mn->Parent)) {
        if (!Mn->Sym && M.menuIsVisible(Mn) && Mn != &RootMenu) {
          Out += "# end of " + Mn->Prompt->Text.str() + "\n";
          NeedNewline = true;
        }
        if (Mn->Next) {
          Mn = Mn->Next;
          break;
        }
      }
      continue;
    }
  endCheck:
    if (!Mn->Sym && M.menuIsVisible(Mn) && Mn != &RootMenu && Mn->Prompt->Kind == PropKind::MenuTitle) {
      Out += "# end of " + Mn->Prompt->Text.str() + "\n";
      NeedNewline = true;
    }
    if (Mn->Next) {
      Mn = Mn->Next;
    } else {
      Mn = Mn->Parent;
      if (Mn)
        goto endCheck;
    }
  }
  for (Symbol *S : AllSymbols)
    S->Flags &= ~uint32_t(SymFlag::Written);
  Changed = false;
  return Out;
}

std::string Kconfig::writeAutoconf() {
  Impl &M = *I;
  std::string Out = "/*\n * Automatically generated file; DO NOT EDIT.\n * " +
                    RootMenu.Prompt->Text.str() + "\n */\n";
  for (Symbol *S : AllSymbols) {
    M.calcValue(S);
    if (!(S->Flags & SymFlag::Write) || S->Type == SymType::Unknown)
      continue;
    std::string V = M.stringValue(S);
    std::string Suffix, Prefix;
    switch (S->Type) {
    case SymType::Bool:
    case SymType::Tristate:
      if (V == "n")
        continue;
      if (V == "m")
        Suffix = "_MODULE";
      V = "1";
      break;
    case SymType::Hex:
      if (V.size() < 2 || V[0] != '0' || (V[1] != 'x' && V[1] != 'X'))
        Prefix = "0x";
      break;
    case SymType::String:
      V = escapeString(V);
      break;
    default:
      break;
    }
    Out += "#define CONFIG_" + S->Name + Suffix + " " + Prefix + V + "\n";
  }
  return Out;
}

static void printExpr(const Kconfig &K, const Expr *E, std::string &Out, int Prev) {
  // Precedence as conf's expr_print: OR < AND < comparisons < NOT < symbol.
  auto Prio = [](ExprKind Kd) {
    switch (Kd) {
    case ExprKind::Or: return 1;
    case ExprKind::And: return 2;
    case ExprKind::Not: return 5;
    case ExprKind::Symbol: return 6;
    default: return 4;
    }
  };
  auto Name = [](const Symbol *S) {
    if (!S)
      return std::string("<null>");
    if (S->isConst() && !(S->Name.size() == 1 && std::string("ymn").find(S->Name) != std::string::npos))
      return "\"" + S->Name + "\"";
    return S->HasName ? S->Name : std::string("<choice>");
  };
  if (!E) {
    Out += "y";
    return;
  }
  bool Paren = Prio(E->Kind) < Prev;
  if (Paren)
    Out += "(";
  switch (E->Kind) {
  case ExprKind::Symbol: Out += Name(E->LS); break;
  case ExprKind::Not: Out += "!"; printExpr(K, E->L, Out, 5); break;
  case ExprKind::And:
    printExpr(K, E->L, Out, 2); Out += " && "; printExpr(K, E->R, Out, 2); break;
  case ExprKind::Or:
    printExpr(K, E->L, Out, 1); Out += " || "; printExpr(K, E->R, Out, 1); break;
  case ExprKind::Range: Out += "[" + Name(E->LS) + " " + Name(E->RS) + "]"; break;
  default: {
    const char *Op = E->Kind == ExprKind::Equal     ? "="
                     : E->Kind == ExprKind::Unequal ? "!="
                     : E->Kind == ExprKind::Lth     ? "<"
                     : E->Kind == ExprKind::Leq     ? "<="
                     : E->Kind == ExprKind::Gth     ? ">"
                                                    : ">=";
    Out += Name(E->LS) + Op + Name(E->RS);
    break;
  }
  }
  if (Paren)
    Out += ")";
}

const std::vector<std::string> &Kconfig::unmetDependencyWarnings() const { return I->WarningText; }

std::string Kconfig::exprToString(const Expr *E) const {
  std::string Out;
  printExpr(*this, E, Out, 0);
  return Out;
}

} // namespace dcalias::kconfig

namespace dcalias::kconfig {

std::string Kconfig::explain(Symbol *S) {
  Impl &M = *I;
  M.calcValue(S);
  std::string Out = "CONFIG_" + S->Name + "=" + M.stringValue(S) + " (" + symTypeName(S->Type) + ")\n";
  for (Menu *Mn : S->Menus)
    Out += "  defined at " + Mn->Loc.str() + "\n";
  Out += "  visible: " + std::string(1, triChar(S->Visible));
  Out += S->hasUserValue() ? ", set by the configuration file to " +
                                 (S->Type == SymType::Bool || S->Type == SymType::Tristate
                                      ? std::string(1, triChar(S->UserT))
                                      : S->UserVal)
                           : std::string(", not set by the configuration file");
  Out += "\n";
  if (S->DirDep)
    Out += "  depends on [" + std::string(1, triChar(S->DirDepTri)) + "]: " + exprToString(S->DirDep) + "\n";
  if (S->RevDep)
    Out += "  selected by [" + std::string(1, triChar(S->RevDepTri)) + "]: " + exprToString(S->RevDep) + "\n";
  if (S->Implied)
    Out += "  implied by [" + std::string(1, triChar(S->ImpliedTri)) + "]: " + exprToString(S->Implied) + "\n";
  for (Property *P : S->Props) {
    if (P->Kind != PropKind::Default)
      continue;
    Tri C = M.calc(P->Visible);
    Out += "  default " + exprToString(P->E) + " if " + exprToString(P->Visible) + " [" +
           std::string(1, triChar(C)) + "] at " + P->Loc.str() + "\n";
  }
  if (S->ChoiceOf)
    Out += "  choice value of the choice at " + S->ChoiceOf->Menus.front()->Loc.str() + "\n";
  return Out;
}

} // namespace dcalias::kconfig
