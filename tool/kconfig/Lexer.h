// kconfig/Lexer.h: one Kconfig file to tokens, before macro expansion.
//
// Contract: lexing depends only on the file's text, never on the architecture or on variables,
// so a file is lexed once per tree and its tokens are shared by every architecture. Words and
// strings that contain $(...) keep the raw reference; the Builder expands them in order, as the
// kernel's lexer would (lexer.l calls the preprocessor from inside the scanner). Help text is
// collected with conf's indentation rules.
#pragma once

#include "support/Diagnostics.h"

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace dcalias::kconfig {

enum class Tok : uint8_t {
  Eol,
  Word,       // [A-Za-z0-9_-]+, possibly with $(...) references (Raw)
  String,     // "..." or '...' (Parts)
  AssignVal,  // raw right-hand side of VAR = / := / +=
  HelpText,   // collected help text
  Or, And, Equal, Unequal, Less, LessEqual, Greater, GreaterEqual, Not, OpenParen, CloseParen,
  ColonEqual, PlusEqual,
#define KEYWORD(Spelling, T, Note) T,
#define KEYWORD_ALIAS(Spelling, T, Note)
#include "kconfig/Keywords.def"
  EndOfFile,
};

const char *tokName(Tok T);

struct StringPart {
  bool IsMacro; // Text is the inside of $(...) (without the $( and ))
  std::string Text;
};

struct Token {
  Tok Kind;
  unsigned Line;
  std::string Text;             // Word: raw text; AssignVal/HelpText: the text
  std::vector<StringPart> Parts; // String
  bool HasMacro = false;         // Word/String containing $(...)
};

// Lexes File (path used in diagnostics). Warnings (ignored characters, multi-line strings)
// go to Diags as conf prints them.
std::vector<Token> lexKconfig(llvm::StringRef Text, const std::string &File, DiagList &Diags);

} // namespace dcalias::kconfig
