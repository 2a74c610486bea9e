// kconfig/Ast.h: one parsed Kconfig file, before macro expansion and symbol lookup.
//
// A file's AST depends only on its text (see Lexer.h), so it is built once per tree and shared
// by every architecture; the Builder walks it per architecture with that arch's variables.
#pragma once

#include "kconfig/Lexer.h"
#include "kconfig/Model.h"

#include <memory>
#include <string>
#include <vector>

namespace dcalias::kconfig {

// A word or a quoted string as written, possibly with $(...) references.
struct RawWord {
  std::string Text;              // unquoted word (raw)
  std::vector<StringPart> Parts; // quoted string
  bool Quoted = false;
  bool HasMacro = false;
  unsigned Line = 0;
  // For a plain word (unquoted, no macro): its number in the FileCache's name table, the same
  // for the same text in every file, so that a graph resolves it to a symbol by indexing
  // instead of hashing (a tree's files name symbols some 200,000 times per architecture).
  uint32_t NameId = 0;
  bool empty() const { return Text.empty() && Parts.empty() && !Quoted; }
};

struct AExpr {
  ExprKind Kind = ExprKind::Symbol;
  std::unique_ptr<AExpr> L, R; // Not, And, Or
  RawWord LW;                  // Symbol leaf; a comparison's left side
  std::unique_ptr<RawWord> RW; // a comparison's right side (most nodes are leaves: kept small,
                               // the Builder walks every file's AST once per architecture)
};

enum class OptKind : uint8_t {
  Type, Prompt, Default, Select, Imply, Range, Depends, Visible, Help, Modules, Optional,
  OptionModules, OptionDefconfigList, OptionAllnoconfigY, OptionEnv, Transitional,
};

struct Option {
  OptKind Kind = OptKind::Type;
  unsigned Line = 0;
  SymType Type = SymType::Unknown; // Type, and Default written as def_bool/def_tristate
  bool HasPrompt = false;          // Type with an inline prompt
  bool BlankHelp = false;          // Help whose text is only white space (decided once per file)
  std::unique_ptr<AExpr> E;        // default value, depends, visible-if
  std::unique_ptr<AExpr> Cond;     // "if" condition (also of "depends on X if Y")
  // Prompt and inline prompt: the text; select, imply, a choice's default: the target; range:
  // the lower bound. One field, as no option has two of these: an Option stays small.
  RawWord W;
  std::unique_ptr<RawWord> Sym2;   // range: the upper bound
  std::string Text;                // help text; option env= name
};

enum class StmtKind : uint8_t { Assign, MacroLine, Config, MenuConfig, Choice, Comment, Menu, If, Source, MainMenu };
enum class AssignOp : uint8_t { Recursive, Simple, Append };
enum class SourceKind : uint8_t { Source, RSource, OSource, ORSource };

struct Stmt {
  StmtKind Kind = StmtKind::Config;
  unsigned Line = 0;
  RawWord Name;              // config/choice name, variable name, source path, prompt text
  bool HasName = false;      // choice with a name
  std::vector<Option> Opts;  // config/choice/menu/comment options, in order
  std::vector<Stmt> Body;    // choice/menu/if
  std::unique_ptr<AExpr> Cond; // if
  AssignOp Op = AssignOp::Recursive;
  std::string Value;         // raw right-hand side of an assignment
  SourceKind Source = SourceKind::Source;
};

struct FileAst {
  std::string Path; // as named by 'source' (tree-relative)
  std::vector<Stmt> Stmts;
};

// Parses one file. Syntax errors are collected in Diags (conf's wording); the parser
// resynchronises at the next line and keeps going.
std::unique_ptr<FileAst> parseKconfig(llvm::StringRef Text, const std::string &Path, DiagList &Diags);

} // namespace dcalias::kconfig
