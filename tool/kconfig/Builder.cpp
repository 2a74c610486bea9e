// Builder: walks the per-file ASTs for one architecture, expanding macros in order, and builds
// the symbol graph exactly as conf's parser actions (menu.c) would; then finalises menus.
#include "kconfig/Defconfig.h"
#include "kconfig/Impl.h"
#include "kconfig/Shell.h"
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
#include <functional>
#include <cctype>
#include <map>
#include <mutex>
#include <set>

namespace dcalias::kconfig {

const FileCache::Entry &FileCache::get(const std::string &RelPath) {
  // Every use is a read of the file for whoever is recording (the parse is shared).
  if (llvm::sys::path::is_absolute(RelPath))
    noteRead(ReadKind::Content, RelPath);
  else
    noteRead(ReadKind::Content, llvm::Twine(Tree) + "/" + RelPath);
  std::lock_guard<std::mutex> G(Lock);
  auto &Slot = Files[RelPath];
  if (Slot)
    return *Slot;
  Slot = std::make_unique<Entry>();
  Slot->Path = RelPath;
  std::string Full = llvm::sys::path::is_absolute(RelPath) ? RelPath : Tree + "/" + RelPath;
  llvm::sys::fs::file_status St;
  if (llvm::sys::fs::status(Full, St) || !llvm::sys::fs::exists(St))
    return *Slot;
  Slot->Exists = true;
  // Only regular files of a bounded size inside the tree are Kconfig files ('source
  // "/dev/zero"', a FIFO, a link to /etc/passwd): support/TreeFile.h.
  auto Buf = readTreeFile(Tree, RelPath);
  if (!Buf) {
    Slot->Diags.error({RelPath, 0, 0}, messageAt(Buf.takeError(), {RelPath, 0, 0}));
    return *Slot;
  }
  Slot->Ast = parseKconfig((*Buf)->getBuffer(), RelPath, Slot->Diags);
  if (Slot->Ast)
    numberNames(*Slot->Ast);
  return *Slot;
}

const std::string &FileCache::kernelVersion() {
  std::lock_guard<std::mutex> G(Lock);
  if (!Version)
    Version = kernelVersionOf(Tree);
  return *Version;
}

void FileCache::numberNames(FileAst &Ast) {
  auto word = [&](RawWord &W) {
    if (W.Quoted || W.HasMacro || W.Text.empty())
      return;
    auto [It, New] = NameIds.try_emplace(W.Text, NextNameId.load());
    if (New)
      ++NextNameId;
    W.NameId = It->second;
  };
  std::function<void(AExpr *)> expr = [&](AExpr *E) {
    if (!E)
      return;
    word(E->LW);
    if (E->RW)
      word(*E->RW);
    expr(E->L.get());
    expr(E->R.get());
  };
  std::function<void(std::vector<Stmt> &)> stmts = [&](std::vector<Stmt> &Ss) {
    for (Stmt &S : Ss) {
      word(S.Name);
      expr(S.Cond.get());
      for (Option &O : S.Opts) {
        word(O.W);
        if (O.Sym2)
          word(*O.Sym2);
        expr(O.E.get());
        expr(O.Cond.get());
      }
      stmts(S.Body);
    }
  };
  stmts(Ast.Stmts);
}

const char *symTypeName(SymType T) {
  switch (T) {
  case SymType::Bool: return "bool";
  case SymType::Tristate: return "tristate";
  case SymType::Int: return "integer";
  case SymType::Hex: return "hex";
  case SymType::String: return "string";
  case SymType::Unknown: return "unknown";
  }
  return "???";
}

static unsigned strhash(llvm::StringRef S) {
  unsigned H = 2166136261U; // fnv32, as conf's symbol table
  for (char C : S)
    H = (H ^ (unsigned)(int)(signed char)C) * 0x01000193;
  return H;
}

Symbol *Kconfig::Impl::lookup(llvm::StringRef Name, uint32_t Flags) {
  if (Name.size() == 1) {
    switch (Name[0]) {
    case 'y': return &Yes;
    case 'm': return &Mod;
    case 'n': return &No;
    }
  }
  auto &Map = (Flags & SymFlag::Const) ? Consts : (Flags & SymFlag::IsChoice) ? Choices : Plain;
  auto [It, New] = Map.try_emplace(Name, nullptr);
  if (!New)
    return It->second;
  Symbol *S = Symbols.make();
  It->second = S;
  S->Name = Name.str();
  S->Flags = Flags;
  S->Bucket = strhash(Name) % D.SymbolHashSize;
  S->Serial = Symbols.All.size();
  return S;
}

Symbol *Kconfig::Impl::lookupNameless(uint32_t Flags) {
  Symbol *S = Symbols.make();
  S->HasName = false;
  S->Flags = Flags;
  S->Bucket = 0;
  S->Serial = Symbols.All.size();
  return S;
}

// The top Makefile's "ifeq ($(ARCH),i386)" followed by "SRCARCH := x86": the ARCH spellings
// it maps onto another arch directory, read from the tree rather than listed here.
std::map<std::string, std::string> archAliasesOf(const std::string &Tree) {
  std::map<std::string, std::string> Out;
  auto Buf = readOptionalTreeFile(Tree, "Makefile");
  if (!Buf)
    return Out;
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Buf->getBuffer().split(Lines, '\n');
  for (size_t I = 0; I + 1 < Lines.size(); ++I) {
    llvm::StringRef L = Lines[I].trim();
    if (!L.consume_front("ifeq ($(ARCH),") || !L.consume_back(")"))
      continue;
    llvm::StringRef Next = Lines[I + 1].trim();
    if (!Next.consume_front("SRCARCH"))
      continue;
    Next = Next.ltrim();
    if (!Next.consume_front(":=") && !Next.consume_front("="))
      continue;
    Out.emplace(L.trim().str(), Next.trim().str());
  }
  return Out;
}

std::string srcArchFor(const std::string &Tree, llvm::StringRef Arch) {
  auto A = archAliasesOf(Tree);
  auto It = A.find(Arch.str());
  return It == A.end() ? Arch.str() : It->second;
}

const std::string &FileCache::srcArch(const std::string &Arch) {
  std::lock_guard<std::mutex> G(Lock);
  if (!Aliases)
    Aliases = archAliasesOf(Tree);
  auto It = Aliases->find(Arch);
  if (It == Aliases->end())
    It = Aliases->emplace(Arch, Arch).first; // SRCARCH := $(ARCH)
  return It->second;
}

std::vector<std::string> archesOf(const std::string &Tree) {
  std::vector<std::string> Out;
  std::error_code EC;
  noteRead(ReadKind::Listing, Tree + "/arch");
  for (llvm::sys::fs::directory_iterator It(Tree + "/arch", EC), End; It != End && !EC;
       It.increment(EC)) {
    std::string Name = llvm::sys::path::filename(It->path()).str();
    if (treeExists(It->path() + "/Kconfig"))
      Out.push_back(Name);
  }
  for (const auto &[Arch, Src] : archAliasesOf(Tree))
    if (treeExists(Tree + "/arch/" + Src + "/Kconfig"))
      Out.push_back(Arch);
  std::sort(Out.begin(), Out.end());
  Out.erase(std::unique(Out.begin(), Out.end()), Out.end());
  return Out;
}

// ---------------------------------------------------------------------------------------------

class Builder {
public:
  Builder(Kconfig &K, FileCache &Files, DiagList &Diags)
      : K(K), I(*K.I), Files(Files), Diags(Diags) {}

  bool run(const std::string &RootFile);
  void checkEntries();

private:
  Kconfig &K;
  Kconfig::Impl &I;
  FileCache &Files;
  DiagList &Diags;
  MacroEnv &M() { return *K.Macros; }

  Menu *CurMenu = nullptr;  // current_menu
  Menu *CurEntry = nullptr; // current_entry
  Menu **LastEntryPtr = nullptr;
  std::vector<std::string> FileStack;
  std::vector<unsigned> SourceLines; // per FileStack entry: the line of the 'source' inside it being followed
  std::string CurFile;
  const std::string *CurPath = nullptr; // CurFile, as owned by the FileCache
  Symbol *CurChoice = nullptr; // member-list choices: the choice whose block is being parsed
  std::map<std::string, KLoc> Sourced; // every file sourced so far, with where (repeated inclusion)
  bool Fatal = false;

  SourceLoc loc(unsigned Line) const { return {CurFile, Line, 0}; }
  KLoc kloc(unsigned Line) const { return {CurPath, Line}; }

  std::string expandWord(const RawWord &W) {
    M().setLocation(CurFile, W.Line);
    if (!W.Quoted)
      return W.HasMacro ? M().expand(W.Text) : W.Text;
    std::string Out;
    for (const StringPart &P : W.Parts)
      Out += P.IsMacro ? M().expand("$(" + P.Text + ")") : P.Text;
    return Out;
  }
  Symbol *symbolOf(const RawWord &W) {
    uint32_t Flags = W.Quoted ? uint32_t(SymFlag::Const) : 0u;
    if (!W.HasMacro && !W.Quoted) {
      // The common case: a plain name, seen before in this graph or looked up once.
      if (!W.NameId)
        return I.lookup(W.Text, Flags);
      if (W.NameId >= I.ByNameId.size())
        I.ByNameId.resize(std::max<size_t>(W.NameId + 1, Files.nameIdLimit()), nullptr);
      Symbol *&Slot = I.ByNameId[W.NameId];
      if (!Slot)
        Slot = I.lookup(W.Text, Flags);
      return Slot;
    }
    return I.lookup(expandWord(W), Flags);
  }
  const Expr *buildExpr(const AExpr *E) {
    if (!E)
      return nullptr;
    switch (E->Kind) {
    case ExprKind::Symbol:
      return I.mkSym(symbolOf(E->LW));
    case ExprKind::Not:
      return I.mk(ExprKind::Not, buildExpr(E->L.get()), nullptr);
    case ExprKind::And:
    case ExprKind::Or: {
      const Expr *L = buildExpr(E->L.get());
      const Expr *R = buildExpr(E->R.get());
      return I.mk(E->Kind, L, R);
    }
    default: {
      Symbol *L = symbolOf(E->LW);
      Symbol *R = symbolOf(*E->RW);
      return I.mkCmp(E->Kind, L, R);
    }
    }
  }

  // --- menu.c parser actions ---
  void addEntry(Symbol *S, unsigned Line) {
    Menu *Mn = I.Menus.make();
    Mn->Sym = S;
    Mn->Parent = CurMenu;
    Mn->Loc = kloc(Line);
    *LastEntryPtr = Mn;
    LastEntryPtr = &Mn->Next;
    CurEntry = Mn;
    if (S) {
      S->Menus.push_back(Mn);
      if (I.D.SymbolProperty)
        addProp(PropKind::SymbolDef, I.mkSym(S), nullptr, Line);
    }
  }
  Menu *addMenu() {
    LastEntryPtr = &CurEntry->List;
    CurMenu = CurEntry;
    return CurMenu;
  }
  void endMenu() {
    LastEntryPtr = &CurMenu->Next;
    CurMenu = CurMenu->Parent;
  }
  Property *addProp(PropKind Kd, const Expr *E, const Expr *Dep, unsigned Line) {
    Property *P = I.Props.make();
    P->Kind = Kd;
    P->Loc = kloc(Line);
    P->Owner = CurEntry;
    P->E = E;
    P->Visible = Dep;
    P->Cond = Dep;
    if (E && E->Kind == ExprKind::Symbol)
      P->Target = E->LS;
    if (CurEntry->Sym)
      CurEntry->Sym->Props.push_back(P);
    return P;
  }
  void addDep(const Expr *E) { CurEntry->Dep = I.andE(CurEntry->Dep, E); }
  void setType(SymType T, unsigned Line) {
    Symbol *S = CurEntry->Sym;
    if (S->Type == T)
      return;
    if (S->Type == SymType::Unknown) {
      S->Type = T;
      return;
    }
    Diags.warning(loc(Line), std::string("ignoring type redefinition of '") + S->displayName() +
                                 "' from '" + symTypeName(S->Type) + "' to '" + symTypeName(T) +
                                 "'");
  }
  // The text of a prompt as written: when it has no macro, the file's AST keeps it for as long
  // as the graph lives (no copy); an expanded one goes to the graph's arena.
  llvm::StringRef promptText(const RawWord &W) {
    if (W.Quoted && !W.HasMacro) {
      if (W.Parts.empty())
        return "";
      if (W.Parts.size() == 1 && !W.Parts[0].IsMacro)
        return W.Parts[0].Text;
    }
    return I.Texts.save(expandWord(W));
  }
  Property *addPrompt(PropKind Kd, llvm::StringRef Text, const Expr *Dep, unsigned Line) {
    Property *P = addProp(Kd, nullptr, Dep, Line);
    size_t Lead = 0;
    while (Lead < Text.size() && std::isspace((unsigned char)Text[Lead]))
      ++Lead;
    if (Lead) {
      Diags.warning(loc(Line), "leading whitespace ignored");
      Text = Text.drop_front(Lead);
    }
    if (CurEntry->Prompt)
      Diags.warning(loc(Line), "prompt redefined");
    if (Kd == PropKind::Prompt) {
      // Parent menus' "visible if" limits every prompt below them.
      for (Menu *Mn = CurEntry->Parent; Mn; Mn = Mn->Parent)
        if (Mn->Visibility)
          P->Visible = I.andE(P->Visible, Mn->Visibility);
    }
    CurEntry->Prompt = P;
    P->Text = Text;
    return P;
  }

  // A statement of another generation's Kconfig: conf of this tree does not know it.
  bool inDialect(bool Has, unsigned Line, llvm::StringRef Statement) {
    if (Has)
      return true;
    Diags.error(loc(Line), "unknown statement \"" + Statement.str() + "\"");
    return false;
  }
  // conf's expr_trans_compare(E, Type, Sym) for Type '=' or '!=' and Sym y/m/n.
  const Expr *transCompare(const Expr *E, ExprKind Type, Symbol *Sym) {
    bool Eq = Type == ExprKind::Equal;
    if (!E) {
      const Expr *R = I.mkSym(Sym);
      return Eq ? R : I.mk(ExprKind::Not, R, nullptr);
    }
    switch (E->Kind) {
    case ExprKind::And:
    case ExprKind::Or: {
      const Expr *L = transCompare(E->L, ExprKind::Equal, Sym);
      const Expr *R = transCompare(E->R, ExprKind::Equal, Sym);
      ExprKind Flip = E->Kind == ExprKind::And ? ExprKind::Or : ExprKind::And;
      const Expr *Res = Sym == &I.Yes ? I.mk(E->Kind, L, R) : Sym == &I.No ? I.mk(Flip, L, R) : E;
      return Eq ? Res : I.mk(ExprKind::Not, Res, nullptr);
    }
    case ExprKind::Not:
      return transCompare(E->L, Eq ? ExprKind::Unequal : ExprKind::Equal, Sym);
    case ExprKind::Symbol:
      return I.mkCmp(Type, E->LS, Sym);
    case ExprKind::Range:
    case ExprKind::List:
      return E;
    default: // comparisons
      if (Sym == &I.Mod)
        return I.mkSym(Eq ? &I.No : &I.Yes);
      if ((Sym == &I.Yes) == Eq)
        return E;
      return I.mk(ExprKind::Not, E, nullptr);
    }
  }

  void options(const Stmt &S) {
    for (const Option &O : S.Opts) {
      if (Fatal)
        return;
      switch (O.Kind) {
      case OptKind::Type:
        if (S.Kind == StmtKind::Choice && !I.D.ChoiceLogicType &&
            !(I.D.ChoiceBoolPrompt && O.Type == SymType::Bool && O.HasPrompt)) {
          Diags.error(loc(O.Line), std::string("a choice cannot declare '") +
                                       (O.Type == SymType::Tristate ? "tristate" : "bool") +
                                       (O.HasPrompt ? " \"...\"" : "") + "' in this tree's Kconfig");
          Fatal = true;
          return;
        }
        if (O.HasPrompt) {
          llvm::StringRef Txt = promptText(O.W); // before the condition's symbols are created
          addPrompt(PropKind::Prompt, Txt, buildExpr(O.Cond.get()), O.Line);
        }
        setType(O.Type, O.Line);
        break;
      case OptKind::Prompt: {
        llvm::StringRef Txt = promptText(O.W);
        addPrompt(PropKind::Prompt, Txt, buildExpr(O.Cond.get()), O.Line);
        break;
      }
      case OptKind::Default:
        if (S.Kind == StmtKind::Choice) {
          Symbol *T = symbolOf(O.W);
          addProp(PropKind::Default, I.mkSym(T), buildExpr(O.Cond.get()), O.Line);
        } else {
          const Expr *E = buildExpr(O.E.get());
          const Expr *C = buildExpr(O.Cond.get());
          addProp(PropKind::Default, E, C, O.Line);
          if (O.Type != SymType::Unknown)
            setType(O.Type, O.Line);
        }
        break;
      case OptKind::Select:
      case OptKind::Imply: {
        Symbol *T = symbolOf(O.W);
        addProp(O.Kind == OptKind::Select ? PropKind::Select : PropKind::Imply, I.mkSym(T),
                buildExpr(O.Cond.get()), O.Line);
        break;
      }
      case OptKind::Range: {
        Symbol *A = symbolOf(O.W);
        Symbol *B = symbolOf(*O.Sym2);
        addProp(PropKind::Range, I.mkCmp(ExprKind::Range, A, B), buildExpr(O.Cond.get()), O.Line);
        break;
      }
      case OptKind::Depends:
        if (O.Cond) {
          if (!I.D.DependsOnIf) {
            Diags.error(loc(O.Line), "syntax error: 'depends on ... if' is not in this tree's Kconfig");
            Fatal = true;
            return;
          }
          // "depends on X if Y": Y != n -> X, Y = n -> y, i.e. X || (Y = n) (menu_add_dep()).
          const Expr *X = buildExpr(O.E.get());
          const Expr *Y = buildExpr(O.Cond.get());
          addDep(I.orE(X, transCompare(Y, ExprKind::Equal, &I.No)));
          break;
        }
        addDep(buildExpr(O.E.get()));
        break;
      case OptKind::Visible:
        CurEntry->Visibility = I.andE(CurEntry->Visibility, buildExpr(O.Cond.get()));
        break;
      case OptKind::Help: {
        auto Name = [&] { return CurEntry->Sym ? CurEntry->Sym->displayName() : std::string(); };
        if (CurEntry->Help) {
          if (I.D.HelpChecksAreErrors)
            Diags.error(loc(O.Line), "'" + Name() + "' defined with more than one help text");
          else
            Diags.warning(loc(O.Line), "'" + Name() + "' defined with more than one help text -- "
                                       "only the last one will be used");
        }
        if (O.BlankHelp) {
          if (I.D.HelpChecksAreErrors)
            Diags.error(loc(O.Line), "'" + Name() + "' defined with blank help text");
          else
            Diags.warning(loc(O.Line), "'" + Name() + "' defined with blank help text");
        }
        CurEntry->Help = &O.Text;
        break;
      }
      case OptKind::Transitional:
        if (!inDialect(I.D.Transitional, O.Line, "transitional")) {
          Fatal = true;
          return;
        }
        CurEntry->Sym->Flags |= SymFlag::Transitional;
        break;
      case OptKind::Modules:
      case OptKind::OptionModules:
        if (!inDialect(O.Kind == OptKind::Modules ? I.D.ModulesKeyword : I.D.OptionStatement, O.Line,
                       O.Kind == OptKind::Modules ? "modules" : "option")) {
          Fatal = true;
          return;
        }
        if (I.ModulesSym && I.ModulesSym != CurEntry->Sym)
          Diags.error(loc(O.Line), "symbol '" + CurEntry->Sym->Name +
                                       "' redefines option 'modules' already defined by symbol '" +
                                       I.ModulesSym->Name + "'");
        I.ModulesSym = CurEntry->Sym;
        break;
      case OptKind::Optional:
        if (!inDialect(I.D.ChoiceOptional, O.Line, "optional")) {
          Fatal = true;
          return;
        }
        CurEntry->Sym->Flags |= SymFlag::Optional;
        break;
      case OptKind::OptionDefconfigList:
        if (!inDialect(I.D.OptionStatement && I.D.DefconfigListSymbol, O.Line, "option")) {
          Fatal = true;
          return;
        }
        if (!I.DefconfigList)
          I.DefconfigList = CurEntry->Sym;
        else if (I.DefconfigList != CurEntry->Sym)
          Diags.error(loc(O.Line), "trying to redefine defconfig symbol");
        // conf reads the list itself when there is no .config; the symbol is never written.
        I.DefconfigList->Flags |= SymFlag::NoWrite;
        break;
      case OptKind::OptionAllnoconfigY:
        if (!inDialect(I.D.OptionStatement && I.D.AllnoconfigY, O.Line, "option")) {
          Fatal = true;
          return;
        }
        CurEntry->Sym->Flags |= SymFlag::AllnoconfigY;
        break;
      case OptKind::OptionEnv: {
        if (!inDialect(I.D.OptionStatement && I.D.OptionEnv, O.Line, "option")) {
          Fatal = true;
          return;
        }
        // Before 4.18: the symbol's default is the environment variable's value.
        M().setLocation(CurFile, O.Line);
        std::string V = M().expand("$(" + O.Text + ")");
        addProp(PropKind::Default, I.mkSym(I.lookup(V, SymFlag::Const)), nullptr, O.Line);
        CurEntry->Sym->Flags |= SymFlag::NoWrite;
        break;
      }
      }
    }
  }

  bool sourceFile(const std::string &Path, unsigned Line, SourceKind Kind);
  void stmts(const std::vector<Stmt> &List);
};

void Builder::stmts(const std::vector<Stmt> &List) {
  for (const Stmt &S : List) {
    if (Fatal || M().failed())
      return;
    switch (S.Kind) {
    case StmtKind::MainMenu:
      addPrompt(PropKind::MenuTitle, promptText(S.Name), nullptr, S.Line);
      break;
    case StmtKind::Assign: {
      std::string Name = expandWord(S.Name);
      M().setLocation(CurFile, S.Line);
      M().assign(Name, S.Value, S.Op == AssignOp::Recursive ? 0 : S.Op == AssignOp::Simple ? 1 : 2);
      break;
    }
    case StmtKind::MacroLine: {
      std::string V = expandWord(S.Name);
      if (!V.empty() && !M().failed()) {
        Diags.error(loc(S.Line), "unknown statement \"" + V + "\"");
        Fatal = true;
      }
      break;
    }
    case StmtKind::Config:
    case StmtKind::MenuConfig: {
      Symbol *Sym = symbolOf(S.Name);
      Sym->Flags |= SymFlag::Optional;
      addEntry(Sym, S.Line);
      options(S);
      if (I.D.ChoiceMembers && CurChoice && S.Kind == StmtKind::Config) {
        // Every config in a choice block (also inside 'if') is a member.
        if (!CurEntry->Prompt)
          Diags.error(loc(S.Line), "choice member must have a prompt");
        if (Sym->Type != SymType::Bool)
          Diags.error(loc(S.Line), "choice member must be bool");
        if (!Sym->isChoiceValue()) {
          Sym->Flags |= SymFlag::ChoiceVal;
          Sym->ChoiceOf = CurChoice;
          CurChoice->Members.push_back(Sym);
          CurChoice->ChoiceValues.push_back(Sym);
        }
      }
      if (S.Kind == StmtKind::MenuConfig) {
        CurEntry->IsMenuconfig = true;
        if (CurEntry->Prompt)
          CurEntry->Prompt->Kind = PropKind::MenuTitle;
        else if (I.D.MenuconfigNeedsPrompt)
          Diags.error(loc(S.Line), "menuconfig statement without prompt");
        else
          Diags.warning(loc(S.Line), "menuconfig statement without prompt");
      }
      break;
    }
    case StmtKind::Choice: {
      if (!I.D.NamedChoices && S.HasName) {
        Diags.error(loc(S.Line), "named choices are not supported by this tree's Kconfig");
        Fatal = true;
        return;
      }
      Symbol *Sym = S.HasName ? I.lookup(expandWord(S.Name), SymFlag::IsChoice)
                              : I.lookupNameless(SymFlag::IsChoice);
      if (I.D.ChoiceMembers) {
        addEntry(Sym, S.Line);
        Sym->Type = SymType::Bool;
      } else {
        Sym->Flags |= SymFlag::NoWrite;
        addEntry(Sym, S.Line);
        addProp(PropKind::Choice, nullptr, nullptr, S.Line);
      }
      options(S);
      Menu *Block = addMenu();
      Symbol *SavedChoice = CurChoice;
      CurChoice = Sym;
      stmts(S.Body);
      CurChoice = SavedChoice;
      if (CurMenu == Block)
        endMenu();
      break;
    }
    case StmtKind::Comment:
      addEntry(nullptr, S.Line);
      addPrompt(PropKind::Comment, promptText(S.Name), nullptr, S.Line);
      options(S);
      break;
    case StmtKind::Menu: {
      addEntry(nullptr, S.Line);
      addPrompt(PropKind::MenuTitle, promptText(S.Name), nullptr, S.Line);
      options(S);
      Menu *Block = addMenu();
      stmts(S.Body);
      if (CurMenu == Block)
        endMenu();
      break;
    }
    case StmtKind::If: {
      addEntry(nullptr, S.Line);
      addDep(buildExpr(S.Cond.get()));
      Menu *Block = addMenu();
      stmts(S.Body);
      if (CurMenu == Block)
        endMenu();
      break;
    }
    case StmtKind::Source: {
      std::string Path = expandWord(S.Name);
      if (!sourceFile(Path, S.Line, S.Source))
        return;
      break;
    }
    }
  }
}

bool Builder::sourceFile(const std::string &PathIn, unsigned Line, SourceKind Kind) {
  std::string Path = PathIn;
  if (Kind == SourceKind::RSource || Kind == SourceKind::ORSource) {
    llvm::SmallString<256> Dir(CurFile);
    llvm::sys::path::remove_filename(Dir);
    Path = Dir.empty() ? PathIn : (Dir + "/" + PathIn).str();
  }
  bool Optional = Kind == SourceKind::OSource || Kind == SourceKind::ORSource;
  const FileCache::Entry &E = Files.get(Path);
  if (!E.Exists) {
    if (Optional)
      return true;
    Diags.error(loc(Line), "can't open file \"" + Path + "\"");
    Fatal = true;
    return false;
  }
  if (auto It = std::find(FileStack.begin(), FileStack.end(), Path); It != FileStack.end()) {
    // conf's zconf_nextfile(): from the file being read back to the first inclusion of Path.
    std::string Chain = "Recursive inclusion detected.\nInclusion path:\n  current file : " + Path;
    for (size_t I = FileStack.size(); I-- > size_t(It - FileStack.begin());)
      Chain += "\n  included from: " + FileStack[I] + ":" +
               std::to_string(I + 1 < FileStack.size() ? SourceLines[I + 1] : Line);
    Diags.error({}, Chain);
    Fatal = true;
    return false;
  }
  if (I.D.RepeatedInclusionIsError) {
    auto [It, New] = Sourced.try_emplace(Path, kloc(Line));
    if (!New) {
      Diags.error(loc(Line), "repeated inclusion of " + Path);
      Diags.note(It->second.loc(), "location of first inclusion of " + Path);
      Fatal = true;
      return false;
    }
  }
  for (const Diagnostic &D : E.Diags.all())
    Diags.add(D.Sev, D.Loc, D.Message);
  if (E.Diags.hasErrors()) {
    Fatal = true;
    return false;
  }
  std::string Saved = CurFile;
  const std::string *SavedPath = CurPath;
  FileStack.push_back(Path);
  SourceLines.push_back(Line);
  CurFile = Path;
  CurPath = &E.Path;
  stmts(E.Ast->Stmts);
  CurFile = Saved;
  CurPath = SavedPath;
  FileStack.pop_back();
  SourceLines.pop_back();
  return !Fatal;
}

bool Builder::run(const std::string &RootFile) {
  CurMenu = CurEntry = &K.RootMenu;
  LastEntryPtr = &K.RootMenu.List;
  K.RootMenu.Loc = {&Files.get(RootFile).Path, 1};
  CurFile = RootFile;
  if (!sourceFile(RootFile, 0, SourceKind::Source))
    return false;
  for (const Diagnostic &D : M().diags().all())
    Diags.add(D.Sev, D.Loc, D.Message);
  if (M().failed())
    return false;
  if (M().shellPolicy() == ShellPolicy::Collect)
    return true; // only the $(shell,...) commands were wanted
  if (!I.ModulesSym)
    I.ModulesSym = &I.No;
  if (!K.RootMenu.Prompt) {
    CurEntry = &K.RootMenu;
    addPrompt(PropKind::MenuTitle, "Main menu", nullptr, 0);
  }
  // One entry's 'depends on' and 'visible if' lines, a symbol's selects, implies and
  // definitions each grow a chain of one operator; a tree that writes thousands of them gets
  // them balanced, so that no walk of the graph recurses once per line.
  for (Menu *Mn = &K.RootMenu; Mn; Mn = Kconfig::Impl::menuNext(Mn, &K.RootMenu)) {
    Mn->Dep = I.balanced(Mn->Dep);
    Mn->Visibility = I.balanced(Mn->Visibility);
  }
  I.BuildDiags = &Diags;
  I.finalize(&K.RootMenu);
  I.BuildDiags = nullptr;
  for (Symbol *S : I.Symbols.All) {
    S->RevDep = I.balanced(S->RevDep);
    S->Implied = I.balanced(S->Implied);
    S->DirDep = I.balanced(S->DirDep);
  }
  I.checkDeps(Diags);
  checkEntries();
  return !Diags.hasErrors();
}

// The parser's closing checks that depend on the dialect (parser.y's
// transitional_check_sanity() and choice_check_sanity()).
void Builder::checkEntries() {
  if (!I.D.Transitional && !I.D.ChoicePromptOnlyInBlock)
    return;
  for (Menu *Mn = Kconfig::Impl::menuNext(&K.RootMenu, &K.RootMenu); Mn;
       Mn = Kconfig::Impl::menuNext(Mn, &K.RootMenu)) {
    Symbol *S = Mn->Sym;
    if (S && (S->Flags & SymFlag::Transitional)) {
      const Expr *Yes = I.mkSym(&I.Yes);
      auto isYes = [&](const Expr *E) { return !E || E == Yes || (E->Kind == ExprKind::Symbol && E->LS == &I.Yes); };
      if (!isYes(Mn->Dep) || !isYes(Mn->Visibility))
        Diags.error(Mn->Loc.loc(), "transitional symbols can only have help sections");
      else
        for (Property *P : S->Props)
          if (P->Kind != PropKind::Comment) {
            Diags.error(P->Loc.loc(), "transitional symbols can only have help sections");
            break;
          }
    }
    if (I.D.ChoicePromptOnlyInBlock && S && S->isChoice())
      for (Menu *C = Mn->List; C; C = C->Next)
        if (C->Sym)
          for (Property *P : C->Sym->Props)
            if (P->Owner != C && P->Kind == PropKind::Prompt)
              Diags.error(P->Loc.loc(), "choice value must not have a prompt in another entry");
  }
}

// --- menu_finalize ---------------------------------------------------------------------------

// A chain of one operator longer than any tree writes, rebuilt balanced over the same operands
// in the same order: the same value and printed form, and a depth of its logarithm. Shorter
// chains (every real tree's) are left as built.
const Expr *Kconfig::Impl::balanced(const Expr *E) {
  constexpr size_t MaxLeftDeepChain = 256;
  if (!E || (E->Kind != ExprKind::And && E->Kind != ExprKind::Or))
    return E;
  size_t Spine = 0;
  for (const Expr *X = E; X->Kind == E->Kind && Spine <= MaxLeftDeepChain; X = X->L)
    ++Spine;
  if (Spine <= MaxLeftDeepChain)
    return E;
  std::vector<const Expr *> Ops, Todo{E};
  while (!Todo.empty()) {
    const Expr *X = Todo.back();
    Todo.pop_back();
    if (X->Kind == E->Kind) {
      Todo.push_back(X->R);
      Todo.push_back(X->L);
    } else {
      Ops.push_back(X);
    }
  }
  // Pairs joined level by level: no recursion here either.
  while (Ops.size() > 1) {
    size_t Out = 0;
    for (size_t In = 0; In < Ops.size(); In += 2)
      Ops[Out++] = In + 1 < Ops.size() ? mk(E->Kind, Ops[In], Ops[In + 1]) : Ops[In];
    Ops.resize(Out);
  }
  return Ops[0];
}

const Expr *Kconfig::Impl::rewriteM(const Expr *E) {
  if (!E)
    return E;
  switch (E->Kind) {
  case ExprKind::Not: {
    const Expr *L = rewriteM(E->L);
    return L == E->L ? E : mk(ExprKind::Not, L, nullptr);
  }
  case ExprKind::And:
  case ExprKind::Or: {
    const Expr *L = rewriteM(E->L), *R = rewriteM(E->R);
    return (L == E->L && R == E->R) ? E : mk(E->Kind, L, R);
  }
  case ExprKind::Symbol:
    if (E->LS == &Mod)
      return mk(ExprKind::And, E, mkSym(ModulesSym));
    return E;
  default:
    return E;
  }
}

bool containsSymbol(const Expr *E, const Symbol *S) {
  if (!E)
    return false;
  switch (E->Kind) {
  case ExprKind::And:
  case ExprKind::Or:
    return containsSymbol(E->L, S) || containsSymbol(E->R, S);
  case ExprKind::Symbol:
    return E->LS == S;
  case ExprKind::Equal:
  case ExprKind::Unequal:
  case ExprKind::Lth:
  case ExprKind::Leq:
  case ExprKind::Gth:
  case ExprKind::Geq:
    return E->LS == S || E->RS == S;
  case ExprKind::Not:
    return containsSymbol(E->L, S);
  default:
    return false;
  }
}

bool dependsOnSymbol(const Expr *E, const Symbol *S, const Symbol *Yes, const Symbol *Mod,
                     const Symbol *No) {
  if (!E)
    return false;
  switch (E->Kind) {
  case ExprKind::And:
    return dependsOnSymbol(E->L, S, Yes, Mod, No) || dependsOnSymbol(E->R, S, Yes, Mod, No);
  case ExprKind::Symbol:
    return E->LS == S;
  case ExprKind::Equal:
    return E->LS == S && (E->RS == Yes || E->RS == Mod);
  case ExprKind::Unequal:
    return E->LS == S && E->RS == No;
  default:
    return false;
  }
}

// Conjuncts of an AND tree, for the "superset of the parent's dependencies" test.
static void conjuncts(const Expr *E, std::vector<const Expr *> &Out) {
  if (!E)
    return;
  if (E->Kind == ExprKind::And) {
    conjuncts(E->L, Out);
    conjuncts(E->R, Out);
    return;
  }
  Out.push_back(E);
}
static bool sameExpr(const Expr *A, const Expr *B) {
  if (A == B)
    return true;
  if (!A || !B || A->Kind != B->Kind || A->LS != B->LS || A->RS != B->RS)
    return false;
  return sameExpr(A->L, B->L) && sameExpr(A->R, B->R);
}
static bool isSuperset(const Expr *Dep, const Expr *Base) {
  std::vector<const Expr *> D, B;
  conjuncts(Dep, D);
  conjuncts(Base, B);
  for (const Expr *X : B)
    if (std::none_of(D.begin(), D.end(), [&](const Expr *Y) { return sameExpr(X, Y); }))
      return false;
  return true;
}

// During construction (before Symbol::ChoiceProp is filled in).
static Property *findChoiceProp(Symbol *S) {
  for (Property *P : S->Props)
    if (P->Kind == PropKind::Choice)
      return P;
  return nullptr;
}

void Kconfig::Impl::finalize(Menu *Parent, bool InsideChoice) {
  Symbol *Sym = Parent->Sym;
  if (Parent->List) {
    const Expr *ParentDep;
    if (Sym && Sym->isChoice() && !D.ChoiceMembers) {
      if (Sym->Type == SymType::Unknown) {
        for (Menu *Mn = Parent->List; Mn; Mn = Mn->Next)
          if (Mn->Sym && Mn->Sym->Type != SymType::Unknown) {
            Sym->Type = Mn->Sym->Type;
            break;
          }
      }
      for (Menu *Mn = Parent->List; Mn; Mn = Mn->Next)
        if (Mn->Sym && Mn->Sym->Type == SymType::Unknown)
          Mn->Sym->Type = Sym->Type;
      ParentDep = mkSym(Sym);
    } else {
      ParentDep = Parent->Dep;
    }
    for (Menu *Mn = Parent->List; Mn; Mn = Mn->Next) {
      const Expr *BaseDep = andE(ParentDep, rewriteM(Mn->Dep));
      Mn->Dep = BaseDep;
      if (Mn->Sym) {
        for (Property *P : Mn->Sym->Props) {
          if (P->Owner != Mn)
            continue;
          P->Visible = andE(BaseDep, rewriteM(P->Visible));
          if (P->Kind == PropKind::Select)
            P->Target->RevDep = orE(P->Target->RevDep, andE(mkSym(Mn->Sym), P->Visible));
          else if (P->Kind == PropKind::Imply)
            P->Target->Implied = orE(P->Target->Implied, andE(mkSym(Mn->Sym), P->Visible));
        }
      } else if (Mn->Prompt && Mn->Prompt->Owner == Mn) {
        Mn->Prompt->Visible = andE(BaseDep, rewriteM(Mn->Prompt->Visible));
      }
    }
    for (Menu *Mn = Parent->List; Mn; Mn = Mn->Next)
      finalize(Mn, Sym && Sym->isChoice());
  } else if (Sym && !(D.ChoiceMembers && InsideChoice)) {
    // Automatic submenus: following entries that depend on Sym become its children.
    const Expr *BaseDep = Parent->Prompt ? Parent->Prompt->Visible : nullptr;
    Menu *Last = nullptr;
    for (Menu *Mn = Parent->Next; Mn; Mn = Mn->Next) {
      const Expr *Dep = Mn->Prompt ? Mn->Prompt->Visible : Mn->Dep;
      if (!containsSymbol(Dep, Sym))
        break;
      if (!dependsOnSymbol(Dep, Sym, &Yes, &Mod, &No) && !isSuperset(Dep, BaseDep))
        break;
      finalize(Mn);
      Mn->Parent = Parent;
      Last = Mn;
    }
    if (Last) {
      Parent->List = Parent->Next;
      Parent->Next = Last->Next;
      Last->Next = nullptr;
    }
    Sym->DirDep = orE(Sym->DirDep, Parent->Dep);
  }
  for (Menu *Mn = Parent->List; Mn; Mn = Mn->Next) {
    if (!D.ChoiceMembers && Sym && Sym->isChoice() && Mn->Sym && !Mn->Sym->isChoiceValue()) {
      Mn->Sym->Flags |= SymFlag::ChoiceVal;
      if (Sym->Type == SymType::Tristate && Mn->Sym->Type != SymType::Tristate) {
        const Expr *Base = mkCmp(ExprKind::Equal, Sym, &Yes);
        Mn->Dep = andE(Base, Mn->Dep);
        for (Property *P : Mn->Sym->Props)
          if (P->Owner == Mn)
            P->Visible = andE(Base, P->Visible);
      }
      // menu_add_symbol(P_CHOICE, choice) on the value, and the value joins the choice list.
      Property *P = Props.make();
      P->Kind = PropKind::Choice;
      P->Owner = Mn;
      P->Loc = Mn->Loc;
      P->E = mkSym(Sym);
      P->Target = Sym;
      Mn->Sym->Props.push_back(P);
      if (!Mn->Sym->ChoiceOf)
        Mn->Sym->ChoiceOf = findChoiceProp(Mn->Sym)->Target;
      Sym->ChoiceValues.push_back(Mn->Sym);
    }
    if (Mn->List && (!Mn->Prompt || Mn->Prompt->Text.empty())) {
      Menu *Last = Mn->List;
      for (;; Last = Last->Next) {
        Last->Parent = Parent;
        if (!Last->Next)
          break;
      }
      Last->Next = Mn->Next;
      Mn->Next = Mn->List;
      Mn->List = nullptr;
    }
  }
  if (Sym && !(Sym->Flags & SymFlag::Warned)) {
    if (Sym->Type == SymType::Unknown && BuildDiags)
      BuildDiags->warning(Parent->Loc.loc(), "config symbol defined without type");
    Sym->Flags |= SymFlag::Warned;
  }
  if (!D.ChoiceMembers && Sym && !Sym->isOptional() && Parent->Prompt)
    Sym->RevDep = orE(Sym->RevDep, andE(Parent->Prompt->Visible, mkSym(&Mod)));
}

// A dependency cycle makes conf refuse the tree; report it with the chain as conf does.
namespace {
struct CycleCheck {
  Kconfig::Impl &I;
  DiagList &Diags;
  std::vector<const Symbol *> Stack;
  enum : uint8_t { White, Grey, Black };

  // Subexpressions are shared (menu dependencies under every entry): one whose symbols all
  // passed is not walked again. Skipping it cannot hide a cycle: everything reachable from a
  // checked symbol was checked with it, so none of it can be on the current path.
  bool expr(const Expr *E) {
    if (!E || E->CycleChecked)
      return true;
    if (E->LS && !sym(E->LS))
      return false;
    if (E->RS && !sym(E->RS))
      return false;
    if (!(expr(E->L) && expr(E->R)))
      return false;
    E->CycleChecked = true;
    return true;
  }
  bool sym(Symbol *S) {
    if (S->isConst() || S == &I.Yes || S == &I.Mod || S == &I.No || S->Mark == Black)
      return true;
    if (S->Mark == Grey) {
      std::string Msg = "recursive dependency detected!";
      for (auto It = std::find(Stack.begin(), Stack.end(), S); It != Stack.end(); ++It)
        Msg += "\n\tsymbol " + (*It)->displayName() + " depends on";
      Msg += " " + S->displayName();
      Diags.error(S->Menus.empty() ? SourceLoc{} : S->Menus.front()->Loc.loc(), Msg);
      return false;
    }
    S->Mark = Grey;
    Stack.push_back(S);
    bool Ok = expr(S->RevDep) && expr(S->DirDep);
    for (const Property *P : S->Props) {
      if (!Ok)
        break;
      if (P->Kind == PropKind::Choice || P->Kind == PropKind::Select || P->Kind == PropKind::Imply)
        continue;
      // A choice's default names one of its own values: not a dependency (conf checks
      // choices as a group).
      bool SkipValue = P->Kind == PropKind::SymbolDef || (S->isChoice() && P->Kind == PropKind::Default);
      Ok = expr(P->Visible) && (SkipValue || expr(P->E));
    }
    Stack.pop_back();
    S->Mark = Black;
    return Ok;
  }
};
} // namespace

void Kconfig::Impl::checkDeps(DiagList &Diags) {
  CycleCheck C{*this, Diags, {}};
  for (Symbol *S : Symbols.All)
    if (!C.sym(S))
      return;
}

// --- load ------------------------------------------------------------------------------------

Kconfig::Kconfig() : I(std::make_unique<Impl>(*this)) {
  auto Fixed = [](Symbol &S, const char *Name, Tri T) {
    S.Name = Name;
    S.Type = SymType::Tristate;
    S.CurrT = T;
    S.CurrVal = Name;
    S.Flags = SymFlag::Const | SymFlag::Valid;
  };
  Fixed(I->Yes, "y", Tri::Yes);
  Fixed(I->Mod, "m", Tri::Mod);
  Fixed(I->No, "n", Tri::No);
  I->Empty.Name = "";
  I->Empty.Flags = SymFlag::Valid;
}
Kconfig::~Kconfig() = default;
const Symbol *Kconfig::yes() const { return &I->Yes; }
const Symbol *Kconfig::mod() const { return &I->Mod; }
const Symbol *Kconfig::no() const { return &I->No; }
Symbol *Kconfig::modulesSymbol() const { return I->ModulesSym; }

std::string kernelVersionOf(const std::string &Tree) {
  auto Buf = readOptionalTreeFile(Tree, "Makefile");
  if (!Buf)
    return "";
  std::map<std::string, std::string> V;
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Buf->getBuffer().split(Lines, '\n');
  for (llvm::StringRef L : llvm::ArrayRef(Lines).take_front(20)) {
    auto [Name, Val] = L.split('=');
    V[Name.trim().str()] = Val.trim().str();
  }
  std::string S = V["VERSION"];
  if (!V["PATCHLEVEL"].empty()) {
    S += "." + V["PATCHLEVEL"];
    if (!V["SUBLEVEL"].empty())
      S += "." + V["SUBLEVEL"];
  }
  return S + V["EXTRAVERSION"];
}

// The toolchain facts the top Makefile computes with $(shell ...) and exports to conf ("are
// referenced from Kconfig": CC_VERSION_TEXT, later RUSTC_VERSION_TEXT, PAHOLE_VERSION): for each
// variable on the export line that carries CC_VERSION_TEXT, its shell command and whether the
// Makefile strips '#' from the output ($(subst $(pound),,...)). Read from the tree, so a new
// exported fact needs no change here.
struct MakefileShellExport {
  std::string Name, Command;
  bool StripPound = false;
};
static std::vector<MakefileShellExport> readMakefileShellExports(const std::string &Tree);
// Once per tree: every ARCH's load (and each shell pre-pass round) asks.
static const std::vector<MakefileShellExport> &makefileShellExports(const std::string &Tree) {
  static std::mutex Lock;
  static std::map<std::string, std::vector<MakefileShellExport>> Cache;
  std::lock_guard<std::mutex> G(Lock);
  auto It = Cache.find(Tree);
  if (It == Cache.end())
    It = Cache.emplace(Tree, readMakefileShellExports(Tree)).first;
  return It->second;
}
static std::vector<MakefileShellExport> readMakefileShellExports(const std::string &Tree) {
  std::vector<MakefileShellExport> Out;
  auto Buf = readOptionalTreeFile(Tree, "Makefile");
  if (!Buf)
    return Out;
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Buf->getBuffer().split(Lines, '\n');
  std::vector<std::string> Names;
  for (llvm::StringRef L : Lines) {
    llvm::StringRef R = L.trim();
    if (!R.consume_front("export ") || !R.contains("CC_VERSION_TEXT"))
      continue;
    llvm::SmallVector<llvm::StringRef, 8> Words;
    R.split(Words, ' ', -1, false);
    for (llvm::StringRef W : Words)
      Names.push_back(W.trim().str());
    break;
  }
  for (const std::string &Name : Names) {
    for (llvm::StringRef L : Lines) {
      llvm::StringRef R = L;
      if (!R.consume_front(Name))
        continue;
      R = R.ltrim();
      if (!R.consume_front("=") && !R.consume_front(":="))
        continue;
      R = R.trim();
      MakefileShellExport E{Name, "", false};
      if (R.consume_front("$(subst $(pound),,") && R.consume_back(")"))
        E.StripPound = true;
      if (!R.consume_front("$(shell ") || !R.consume_back(")"))
        break;
      E.Command = R.trim().str();
      Out.push_back(std::move(E));
      break;
    }
  }
  return Out;
}

// $(VAR) references of a Makefile command, replaced from the environment conf would get; false
// when one is not known (the fact is then left unset rather than guessed).
static bool substituteMakeVars(std::string &Cmd, const std::map<std::string, std::string> &Env) {
  std::string Out;
  for (size_t I = 0; I < Cmd.size();) {
    if (Cmd.compare(I, 2, "$(") == 0) {
      size_t End = Cmd.find(')', I);
      if (End == std::string::npos)
        return false;
      auto It = Env.find(Cmd.substr(I + 2, End - I - 2));
      if (It == Env.end())
        return false;
      Out += It->second;
      I = End + 1;
      continue;
    }
    Out += Cmd[I++];
  }
  Cmd = std::move(Out);
  return true;
}

// Linux 6.11 reworked choices (scripts/kconfig keeps a choice_members list per choice).
llvm::Expected<std::unique_ptr<Kconfig>> Kconfig::load(FileCache &Files, const LoadOptions &O,
                                                       DiagList &Diags) {
  std::unique_ptr<Kconfig> K(new Kconfig());
  K->SrcArch = O.SrcArch.empty() ? Files.srcArch(O.Arch) : O.SrcArch;
  if (O.KconfigFile.empty() && !treeExists(Files.tree() + "/arch/" + K->SrcArch + "/Kconfig"))
    return makeError("no architecture '" + O.Arch + "' in " + Files.tree() + " (no arch/" +
                     K->SrcArch + "/Kconfig)");
  MacroEnv::Options MO = O.Macros;
  // What Kbuild's Makefile exports to conf; explicit settings win.
  std::map<std::string, std::string> Defaults = {
      {"ARCH", O.Arch},
      {"SRCARCH", K->SrcArch},
      {"KERNELVERSION", Files.kernelVersion()},
      {"srctree", Files.tree()},
      {"CC", MO.Env.count("CROSS_COMPILE") ? MO.Env["CROSS_COMPILE"] + "gcc" : "gcc"},
      {"LD", MO.Env.count("CROSS_COMPILE") ? MO.Env["CROSS_COMPILE"] + "ld" : "ld"},
      {"HOSTCC", "gcc"},
      {"HOSTCXX", "g++"},
      {"RUSTC", "rustc"},
      {"BINDGEN", "bindgen"},
      {"CARGO", "cargo"},
      {"OBJCOPY", "objcopy"},
      {"PAHOLE", "pahole"},
      {"PERL", "perl"},
      {"PYTHON3", "python3"},
      {"KBUILD_KCONFIG", O.KconfigFile.empty() ? "Kconfig" : O.KconfigFile},
  };
  // SUBARCH: the host architecture as the top Makefile derives it from `uname -m`; user-mode
  // Linux (ARCH=um) sources arch/$(HEADER_ARCH)/um/Kconfig with HEADER_ARCH = SUBARCH.
  std::string SubArch = hostSubArch();
  Defaults["SUBARCH"] = SubArch;
  if (O.Arch == "um")
    Defaults["HEADER_ARCH"] = SubArch;
  for (auto &KV : Defaults)
    MO.Env.emplace(KV.first, KV.second);
  for (const MakefileShellExport &Export : makefileShellExports(Files.tree())) {
    // Toolchain facts the top Makefile runs a shell for: the same policy as $(shell,...).
    MakefileShellExport E = Export;
    if (MO.Env.count(E.Name) || !substituteMakeVars(E.Command, MO.Env))
      continue;
    MacroEnv Probe(MO);
    std::string V = Probe.expand("$(shell," + E.Command + ")");
    size_t Pos;
    while (E.StripPound && (Pos = V.find('#')) != std::string::npos)
      V.erase(Pos, 1);
    if (MO.Shell == ShellPolicy::Run || MO.Profile.count(E.Command))
      MO.Env[E.Name] = V;
  }
  if (MO.Shell == ShellPolicy::Run && MO.Prefetched.empty()) {
    // conf runs its $(shell,...) calls one after the other as it meets them; they are mostly
    // independent compiler probes. Loads that only collect the commands they meet (given the
    // results known so far) alternate with running the new ones all at once, until a round
    // finds nothing new (a command built from another's output shows up a round later). Two
    // rounds: a third finds only a few cheap shell built-ins in the 6.x trees, and costs more
    // than running them in order. The real load runs whatever is still unforeseen. Results are
    // this invocation's own.
    for (unsigned Round = 0; Round < 2; ++Round) {
      LoadOptions Spec = O;
      Spec.Macros = MO;
      Spec.Macros.Shell = ShellPolicy::Collect;
      DiagList Ignored;
      std::vector<std::string> Cmds;
      if (auto SK = load(Files, Spec, Ignored)) {
        for (auto &[Cmd, R] : (*SK)->Macros->shellCalls())
          if (!R.FromProfile && !R.Ran)
            Cmds.push_back(Cmd);
      } else {
        llvm::consumeError(SK.takeError()); // the real load reports what is wrong
      }
          if (Cmds.empty())
        break;
      for (auto &[Cmd, R] : runShellCommands(Cmds, MO.Env))
        if (R.Ok)
          MO.Prefetched.emplace(Cmd, R.Output);
    }
  }
  K->Macros = std::make_unique<MacroEnv>(std::move(MO));
  K->I->D = Files.dialect();
  std::string Root = K->Macros->expand("$(KBUILD_KCONFIG)");
  // Sized for the names the tree's files have shown so far (every earlier ARCH's): the table
  // of a later ARCH does not grow by rehashing.
  if (uint32_t Names = Files.nameIdLimit(); Names > 1)
    K->I->Plain = llvm::StringMap<Symbol *, llvm::BumpPtrAllocator>(Names);
  Builder B(*K, Files, Diags);
  if (!B.run(Root))
    return makeError("cannot load the Kconfig graph" + (O.Arch.empty() ? "" : " of " + O.Arch) +
                     (Diags.hasErrors() ? " (see errors above)" : ""));
  if (K->Macros->shellPolicy() == ShellPolicy::Collect)
    return K;
  // conf visits symbols bucket by bucket, newest first within a bucket: a counting sort by
  // bucket of the symbols in reverse creation order.
  const std::vector<Symbol *> &Created = K->I->Symbols.All;
  std::vector<unsigned> Start(K->I->D.SymbolHashSize + 1, 0);
  for (Symbol *S : Created)
    ++Start[S->Bucket + 1];
  for (size_t B = 1; B < Start.size(); ++B)
    Start[B] += Start[B - 1];
  K->AllSymbols.resize(Created.size());
  for (auto It = Created.rbegin(); It != Created.rend(); ++It)
    K->AllSymbols[Start[(*It)->Bucket]++] = *It;
  // Symbol::EvalProps: prompts, then defaults, then ranges, each in Props order. A property
  // belongs to one symbol, so the store never outgrows its reservation and pointers into it
  // stay valid. Symbols are visited in creation order, the order their properties lie in memory.
  auto &Store = K->I->EvalPropStore;
  Store.reserve(K->I->Props.All.size());
  for (Symbol *S : Created) {
    S->EvalProps = Store.data() + Store.size();
    auto take = [&](auto Pred) {
      size_t Before = Store.size();
      for (Property *P : S->Props)
        if (Pred(P))
          Store.push_back(P);
      return uint16_t(Store.size() - Before);
    };
    S->NPrompts = take([](Property *P) { return P->isPrompt(); });
    S->NDefaults = take([](Property *P) { return P->Kind == PropKind::Default; });
    S->NRanges = take([](Property *P) { return P->Kind == PropKind::Range; });
    S->ChoiceProp = findChoiceProp(S);
    K->I->InitialFlags.push_back({S, S->Flags});
    if (!S->Members.empty())
      K->I->InitialMembers.push_back({S, S->Members});
  }
  for (Property *P : K->I->Props.All)
    if (P->Kind == PropKind::Prompt || P->Kind == PropKind::MenuTitle || P->Kind == PropKind::Comment ||
        P->Kind == PropKind::Default || P->Kind == PropKind::Range)
      K->I->WrittenProps.push_back(P);
  return K;
}

Symbol *Kconfig::find(llvm::StringRef Name) const {
  auto It = I->Plain.find(Name);
  return It == I->Plain.end() ? nullptr : It->second;
}

} // namespace dcalias::kconfig
