#include "kconfig/Ast.h"

namespace dcalias::kconfig {

namespace {

class Parser {
public:
  Parser(std::vector<Token> Toks, const std::string &Path, DiagList &Diags)
      : T(std::move(Toks)), Path(Path), Diags(Diags) {}

  std::unique_ptr<FileAst> run() {
    auto F = std::make_unique<FileAst>();
    F->Path = Path;
    skipEols();
    if (at(Tok::MainMenu)) {
      Stmt S;
      S.Kind = StmtKind::MainMenu;
      S.Line = cur().Line;
      next();
      if (at(Tok::String)) {
        S.Name = word(next());
        expectEol();
        F->Stmts.push_back(std::move(S));
      } else {
        syntaxError();
      }
    }
    parseList(F->Stmts, Ctx::Top);
    return F;
  }

private:
  enum class Ctx { Top, Menu, If, Choice, IfInChoice };

  std::vector<Token> T;
  size_t P = 0;
  const std::string &Path;
  DiagList &Diags;

  // conf's bison parser gives up ("memory exhausted") when its state stack passes YYMAXDEPTH
  // (10000): at some 9990 nested parentheses or negations and 4995 nested blocks. The same
  // bounds here keep every recursive walk of the AST and of the graph within the stack, and a
  // deeper file is refused as a whole (conf parses on with what it had; nothing useful comes
  // of that).
  static constexpr unsigned MaxExprNesting = 10000, MaxBlockNesting = 5000;
  unsigned ExprNesting = 0, BlockNesting = 0;
  bool Exhausted = false;
  struct Nest {
    unsigned &N;
    explicit Nest(unsigned &N) : N(++N) {}
    ~Nest() { --N; }
  };
  // Stops the parse: reported once, then every later token is skipped.
  void exhausted(unsigned Line, const char *What, unsigned Max) {
    error(Line, std::string(What) + " nested more than " + std::to_string(Max) +
                    " levels deep (conf: memory exhausted)");
    Exhausted = true;
    P = T.size() - 1;
  }

  const Token &cur() const { return T[P]; }
  bool at(Tok K) const { return T[P].Kind == K; }
  const Token &next() { return T[P < T.size() - 1 ? P++ : P]; }
  void skipEols() {
    while (at(Tok::Eol) || at(Tok::HelpText))
      ++P;
  }
  SourceLoc loc(unsigned Line) const { return {Path, Line, 0}; }
  void error(unsigned Line, std::string Msg) {
    if (!Exhausted)
      Diags.error(loc(Line), std::move(Msg));
  }
  void warning(unsigned Line, std::string Msg) { Diags.warning(loc(Line), std::move(Msg)); }

  // Skips to the end of the current line (conf's "error T_EOL" recovery).
  void recover() {
    while (!at(Tok::Eol) && !at(Tok::EndOfFile))
      ++P;
    if (at(Tok::Eol))
      ++P;
  }
  void syntaxError() {
    if (at(Tok::EndOfFile))
      error(cur().Line, "syntax error: unexpected end of file");
    else
      error(cur().Line, std::string("syntax error: unexpected ") + tokName(cur().Kind));
    recover();
  }
  bool expectEol() {
    if (at(Tok::Eol)) {
      ++P;
      return true;
    }
    syntaxError();
    return false;
  }

  static RawWord word(const Token &K) {
    RawWord W;
    W.Line = K.Line;
    W.HasMacro = K.HasMacro;
    if (K.Kind == Tok::String) {
      W.Quoted = true;
      W.Parts = K.Parts;
    } else {
      W.Text = K.Text;
    }
    return W;
  }
  // Keywords are words too where conf's grammar wants a symbol name.
  bool atWord() const { return at(Tok::Word); }
  bool atSymbol() const { return at(Tok::Word) || at(Tok::String); }

  std::unique_ptr<AExpr> parseExpr() { return parseOr(); }
  std::unique_ptr<AExpr> parseOr() { return parseBinary(Tok::Or, ExprKind::Or, &Parser::parseAnd); }
  std::unique_ptr<AExpr> parseAnd() { return parseBinary(Tok::And, ExprKind::And, &Parser::parsePrimary); }
  // conf's grammar: || and && are left-associative, && binding tighter. A chain longer than
  // any a tree writes is built balanced instead (the same operands in the same order, so the
  // same value and the same printed form), so that no walk of it recurses once per operand.
  static constexpr size_t MaxLeftDeepChain = 256;
  std::unique_ptr<AExpr> parseBinary(Tok Op, ExprKind K, std::unique_ptr<AExpr> (Parser::*Operand)()) {
    auto L = (this->*Operand)();
    if (!L || !at(Op))
      return L;
    std::vector<std::unique_ptr<AExpr>> Ops;
    Ops.push_back(std::move(L));
    while (at(Op)) {
      next();
      auto R = (this->*Operand)();
      if (!R)
        return nullptr;
      Ops.push_back(std::move(R));
    }
    return Ops.size() <= MaxLeftDeepChain ? leftDeep(K, Ops) : balanced(K, Ops, 0, Ops.size());
  }
  static std::unique_ptr<AExpr> join(ExprKind K, std::unique_ptr<AExpr> L, std::unique_ptr<AExpr> R) {
    auto E = std::make_unique<AExpr>();
    E->Kind = K;
    E->L = std::move(L);
    E->R = std::move(R);
    return E;
  }
  static std::unique_ptr<AExpr> leftDeep(ExprKind K, std::vector<std::unique_ptr<AExpr>> &Ops) {
    auto L = std::move(Ops[0]);
    for (size_t I = 1; I < Ops.size(); ++I)
      L = join(K, std::move(L), std::move(Ops[I]));
    return L;
  }
  static std::unique_ptr<AExpr> balanced(ExprKind K, std::vector<std::unique_ptr<AExpr>> &Ops,
                                         size_t B, size_t E) {
    if (E - B == 1)
      return std::move(Ops[B]);
    size_t M = B + (E - B) / 2;
    return join(K, balanced(K, Ops, B, M), balanced(K, Ops, M, E));
  }
  std::unique_ptr<AExpr> parsePrimary() {
    if (Exhausted)
      return nullptr;
    if (at(Tok::Not) || at(Tok::OpenParen)) {
      Nest N(ExprNesting);
      if (ExprNesting > MaxExprNesting) {
        exhausted(cur().Line, "expression", MaxExprNesting);
        return nullptr;
      }
      return parseNested();
    }
    return parseOperand();
  }
  std::unique_ptr<AExpr> parseNested() {
    if (at(Tok::Not)) {
      next();
      auto Sub = parsePrimary();
      if (!Sub)
        return nullptr;
      auto E = std::make_unique<AExpr>();
      E->Kind = ExprKind::Not;
      E->L = std::move(Sub);
      return E;
    }
    if (at(Tok::OpenParen)) {
      next();
      auto E = parseExpr();
      if (!E)
        return nullptr;
      if (!at(Tok::CloseParen))
        return nullptr;
      next();
      return E;
    }
    return nullptr;
  }
  std::unique_ptr<AExpr> parseOperand() {
    if (!atSymbol())
      return nullptr;
    auto E = std::make_unique<AExpr>();
    E->Kind = ExprKind::Symbol;
    E->LW = word(next());
    ExprKind Cmp;
    switch (cur().Kind) {
    case Tok::Equal: Cmp = ExprKind::Equal; break;
    case Tok::Unequal: Cmp = ExprKind::Unequal; break;
    case Tok::Less: Cmp = ExprKind::Lth; break;
    case Tok::LessEqual: Cmp = ExprKind::Leq; break;
    case Tok::Greater: Cmp = ExprKind::Gth; break;
    case Tok::GreaterEqual: Cmp = ExprKind::Geq; break;
    default: return E;
    }
    next();
    if (!atSymbol())
      return nullptr;
    E->Kind = Cmp;
    E->RW = std::make_unique<RawWord>(word(next()));
    return E;
  }
  // [if expr]
  bool parseIfExpr(std::unique_ptr<AExpr> &Out) {
    if (!at(Tok::If))
      return true;
    next();
    Out = parseExpr();
    return Out != nullptr;
  }
  bool finishOption(std::vector<Option> &Opts, Option &&O) {
    if (!at(Tok::Eol)) {
      syntaxError();
      return false;
    }
    ++P;
    Opts.push_back(std::move(O));
    return true;
  }

  static bool typeToken(Tok K, SymType &Out, bool LogicOnly) {
    switch (K) {
    case Tok::Bool: Out = SymType::Bool; return true;
    case Tok::Tristate: Out = SymType::Tristate; return true;
    case Tok::Int: Out = SymType::Int; return !LogicOnly;
    case Tok::Hex: Out = SymType::Hex; return !LogicOnly;
    case Tok::StringType: Out = SymType::String; return !LogicOnly;
    default: return false;
    }
  }

  // One option line of a config/menuconfig/choice/menu/comment; false when the current
  // token does not start an option of that entry kind (the entry ends there).
  bool parseOption(std::vector<Option> &Opts, StmtKind Entry) {
    bool IsConfig = Entry == StmtKind::Config || Entry == StmtKind::MenuConfig;
    bool IsChoice = Entry == StmtKind::Choice;
    Option O{};
    O.Line = cur().Line;
    SymType Ty;
    if (at(Tok::Depends)) {
      next();
      if (!at(Tok::On)) {
        syntaxError();
        return true;
      }
      next();
      O.Kind = OptKind::Depends;
      O.E = parseExpr();
      // "depends on X if Y": parsed in every tree, refused by the Builder where the tree's
      // dialect lacks it (Dialect.def: DependsOnIf).
      if (!O.E || !parseIfExpr(O.Cond)) {
        syntaxError();
        return true;
      }
      finishOption(Opts, std::move(O));
      return true;
    }
    if (Entry == StmtKind::Menu && at(Tok::Visible)) {
      next();
      O.Kind = OptKind::Visible;
      if (!parseIfExpr(O.Cond)) {
        syntaxError();
        return true;
      }
      finishOption(Opts, std::move(O));
      return true;
    }
    if (!IsConfig && !IsChoice)
      return false;
    if (at(Tok::Help)) {
      next();
      if (!at(Tok::Eol)) {
        syntaxError();
        return true;
      }
      next();
      O.Kind = OptKind::Help;
      if (at(Tok::HelpText))
        O.Text = next().Text;
      O.BlankHelp = llvm::StringRef(O.Text).find_first_not_of(" \f\n\r\t\v") == llvm::StringRef::npos;
      Opts.push_back(std::move(O));
      return true;
    }
    if (typeToken(cur().Kind, Ty, IsChoice)) {
      next();
      O.Kind = OptKind::Type;
      O.Type = Ty;
      if (at(Tok::String)) {
        O.HasPrompt = true;
        O.W = word(next());
        if (!parseIfExpr(O.Cond)) {
          syntaxError();
          return true;
        }
      }
      finishOption(Opts, std::move(O));
      return true;
    }
    if (at(Tok::Prompt)) {
      next();
      if (!at(Tok::String)) {
        syntaxError();
        return true;
      }
      O.Kind = OptKind::Prompt;
      O.W = word(next());
      if (!parseIfExpr(O.Cond)) {
        syntaxError();
        return true;
      }
      finishOption(Opts, std::move(O));
      return true;
    }
    if (IsChoice) {
      if (at(Tok::Optional)) {
        next();
        O.Kind = OptKind::Optional;
        finishOption(Opts, std::move(O));
        return true;
      }
      if (at(Tok::Default)) {
        next();
        if (!atWord()) {
          syntaxError();
          return true;
        }
        O.Kind = OptKind::Default;
        O.W = word(next());
        if (!parseIfExpr(O.Cond)) {
          syntaxError();
          return true;
        }
        finishOption(Opts, std::move(O));
        return true;
      }
      return false;
    }
    // config / menuconfig only from here
    if (at(Tok::Default) || at(Tok::DefBool) || at(Tok::DefTristate)) {
      Tok K = next().Kind;
      O.Kind = OptKind::Default;
      O.Type = K == Tok::DefBool ? SymType::Bool
               : K == Tok::DefTristate ? SymType::Tristate
                                       : SymType::Unknown;
      O.E = parseExpr();
      if (!O.E || !parseIfExpr(O.Cond)) {
        syntaxError();
        return true;
      }
      finishOption(Opts, std::move(O));
      return true;
    }
    if (at(Tok::Select) || at(Tok::Imply)) {
      O.Kind = next().Kind == Tok::Select ? OptKind::Select : OptKind::Imply;
      if (!atWord()) {
        syntaxError();
        return true;
      }
      O.W = word(next());
      if (!parseIfExpr(O.Cond)) {
        syntaxError();
        return true;
      }
      finishOption(Opts, std::move(O));
      return true;
    }
    if (at(Tok::Range)) {
      next();
      O.Kind = OptKind::Range;
      if (!atSymbol()) {
        syntaxError();
        return true;
      }
      O.W = word(next());
      if (!atSymbol()) {
        syntaxError();
        return true;
      }
      O.Sym2 = std::make_unique<RawWord>(word(next()));
      if (!parseIfExpr(O.Cond)) {
        syntaxError();
        return true;
      }
      finishOption(Opts, std::move(O));
      return true;
    }
    if (at(Tok::Transitional)) {
      next();
      O.Kind = OptKind::Transitional;
      finishOption(Opts, std::move(O));
      return true;
    }
    if (at(Tok::Modules)) {
      next();
      O.Kind = OptKind::Modules;
      finishOption(Opts, std::move(O));
      return true;
    }
    if (at(Tok::Option)) {
      // Trees before 5.13-5.15: option modules / defconfig_list / allnoconfig_y / env="X".
      next();
      if (at(Tok::Modules)) {
        next();
        O.Kind = OptKind::OptionModules;
      } else if (at(Tok::Word) && cur().Text == "defconfig_list") {
        next();
        O.Kind = OptKind::OptionDefconfigList;
      } else if (at(Tok::Word) && cur().Text == "allnoconfig_y") {
        next();
        O.Kind = OptKind::OptionAllnoconfigY;
      } else if (at(Tok::Word) && cur().Text == "env") {
        next();
        if (!at(Tok::Equal)) {
          syntaxError();
          return true;
        }
        next();
        if (!at(Tok::String)) {
          syntaxError();
          return true;
        }
        O.Kind = OptKind::OptionEnv;
        for (const StringPart &SP : next().Parts)
          O.Text += SP.Text;
      } else {
        error(O.Line, "unknown option \"" + (at(Tok::Word) ? cur().Text : std::string()) + "\"");
        recover();
        return true;
      }
      finishOption(Opts, std::move(O));
      return true;
    }
    return false;
  }

  void parseOptions(Stmt &S) {
    while (true) {
      skipEols();
      if (!parseOption(S.Opts, S.Kind))
        return;
    }
  }

  static const char *endName(Tok K) {
    return K == Tok::EndMenu ? "menu" : K == Tok::EndChoice ? "choice" : "if";
  }

  // Parses statements until the end token of Ctx (consumed) or end of file.
  // Returns false if the file ended without the end statement.
  bool parseList(std::vector<Stmt> &Out, Ctx C, unsigned OpenLine = 0) {
    Tok Want = C == Ctx::Menu ? Tok::EndMenu
               : C == Ctx::Choice ? Tok::EndChoice
               : (C == Ctx::If || C == Ctx::IfInChoice) ? Tok::EndIf
                                                        : Tok::EndOfFile;
    bool InChoice = C == Ctx::Choice || C == Ctx::IfInChoice;
    Nest N(BlockNesting);
    if (BlockNesting > MaxBlockNesting) {
      exhausted(OpenLine, "block", MaxBlockNesting);
      return false;
    }
    while (true) {
      skipEols();
      const Token &K = cur();
      if (K.Kind == Tok::EndOfFile) {
        if (Want != Tok::EndOfFile) {
          error(OpenLine, "missing end statement for this entry");
          return false;
        }
        return true;
      }
      if (K.Kind == Tok::EndMenu || K.Kind == Tok::EndChoice || K.Kind == Tok::EndIf) {
        unsigned Line = K.Line;
        Tok Got = next().Kind;
        expectEol();
        if (Got == Want)
          return true;
        if (Want == Tok::EndOfFile)
          error(Line, std::string("unexpected '") + "end" + endName(Got) + "' outside a block");
        else
          error(Line, std::string("unexpected '") + endName(Got) + "' within " + endName(Want) +
                          " block");
        continue;
      }
      Stmt S;
      S.Kind = StmtKind::Config;
      S.Line = K.Line;
      switch (K.Kind) {
      case Tok::Config:
      case Tok::MenuConfig: {
        if (InChoice && K.Kind == Tok::MenuConfig) {
          error(K.Line, "invalid statement");
          recover();
          continue;
        }
        S.Kind = K.Kind == Tok::Config ? StmtKind::Config : StmtKind::MenuConfig;
        next();
        if (!atWord()) {
          syntaxError();
          continue;
        }
        S.Name = word(next());
        if (!expectEol())
          continue;
        parseOptions(S);
        Out.push_back(std::move(S));
        continue;
      }
      case Tok::Comment: {
        next();
        if (!at(Tok::String)) {
          syntaxError();
          continue;
        }
        S.Kind = StmtKind::Comment;
        S.Name = word(next());
        if (!expectEol())
          continue;
        parseOptions(S);
        Out.push_back(std::move(S));
        continue;
      }
      case Tok::If: {
        next();
        S.Kind = StmtKind::If;
        S.Cond = parseExpr();
        if (!S.Cond) {
          syntaxError();
          continue;
        }
        if (!expectEol())
          continue;
        parseList(S.Body, InChoice ? Ctx::IfInChoice : Ctx::If, S.Line);
        Out.push_back(std::move(S));
        continue;
      }
      default:
        break;
      }
      if (InChoice) {
        error(K.Line, "invalid statement");
        recover();
        continue;
      }
      switch (K.Kind) {
      case Tok::Choice: {
        next();
        S.Kind = StmtKind::Choice;
        if (atWord()) {
          S.Name = word(next());
          S.HasName = true;
        }
        if (!expectEol())
          continue;
        parseOptions(S);
        parseList(S.Body, Ctx::Choice, S.Line);
        Out.push_back(std::move(S));
        continue;
      }
      case Tok::Menu: {
        next();
        if (!at(Tok::String)) {
          syntaxError();
          continue;
        }
        S.Kind = StmtKind::Menu;
        S.Name = word(next());
        if (!expectEol())
          continue;
        parseOptions(S);
        parseList(S.Body, Ctx::Menu, S.Line);
        Out.push_back(std::move(S));
        continue;
      }
      case Tok::Source:
      case Tok::RSource:
      case Tok::OSource:
      case Tok::ORSource: {
        S.Kind = StmtKind::Source;
        S.Source = K.Kind == Tok::Source    ? SourceKind::Source
                   : K.Kind == Tok::RSource ? SourceKind::RSource
                   : K.Kind == Tok::OSource ? SourceKind::OSource
                                            : SourceKind::ORSource;
        next();
        if (!at(Tok::String)) {
          syntaxError();
          continue;
        }
        S.Name = word(next());
        if (!expectEol())
          continue;
        Out.push_back(std::move(S));
        continue;
      }
      case Tok::Word: {
        Tok After = T[P + 1].Kind;
        if (After == Tok::Equal || After == Tok::ColonEqual || After == Tok::PlusEqual) {
          S.Kind = StmtKind::Assign;
          S.Name = word(next());
          next();
          S.Op = After == Tok::Equal ? AssignOp::Recursive
                 : After == Tok::ColonEqual ? AssignOp::Simple
                                            : AssignOp::Append;
          if (at(Tok::AssignVal))
            S.Value = next().Text;
          if (!expectEol())
            continue;
          Out.push_back(std::move(S));
          continue;
        }
        if (K.HasMacro && After == Tok::Eol) {
          // A line that is only a macro reference: conf expands it (for its side effects,
          // e.g. $(error-if,...)) and drops the word when the result is empty.
          S.Kind = StmtKind::MacroLine;
          S.Name = word(next());
          next();
          Out.push_back(std::move(S));
          continue;
        }
        error(K.Line, "unknown statement \"" + K.Text + "\"");
        recover();
        continue;
      }
      default:
        error(K.Line, std::string("invalid statement: unexpected ") + tokName(K.Kind));
        recover();
        continue;
      }
    }
  }
};

} // namespace

std::unique_ptr<FileAst> parseKconfig(llvm::StringRef Text, const std::string &Path,
                                      DiagList &Diags) {
  return Parser(lexKconfig(Text, Path, Diags), Path, Diags).run();
}

} // namespace dcalias::kconfig
