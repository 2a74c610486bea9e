#include "kconfig/Lexer.h"

#include "llvm/ADT/StringSwitch.h"

namespace dcalias::kconfig {

const char *tokName(Tok T) {
  switch (T) {
  case Tok::Eol: return "end of line";
  case Tok::Word: return "word";
  case Tok::String: return "string";
  case Tok::AssignVal: return "value";
  case Tok::HelpText: return "help text";
  case Tok::Or: return "'||'";
  case Tok::And: return "'&&'";
  case Tok::Equal: return "'='";
  case Tok::Unequal: return "'!='";
  case Tok::Less: return "'<'";
  case Tok::LessEqual: return "'<='";
  case Tok::Greater: return "'>'";
  case Tok::GreaterEqual: return "'>='";
  case Tok::Not: return "'!'";
  case Tok::OpenParen: return "'('";
  case Tok::CloseParen: return "')'";
  case Tok::ColonEqual: return "':='";
  case Tok::PlusEqual: return "'+='";
#define KEYWORD(Spelling, T, Note) case Tok::T: return "'" Spelling "'";
#define KEYWORD_ALIAS(Spelling, T, Note)
#include "kconfig/Keywords.def"
  case Tok::EndOfFile: return "end of file";
  }
  return "?";
}

namespace {

bool isWordChar(char C) {
  return (C >= 'A' && C <= 'Z') || (C >= 'a' && C <= 'z') || (C >= '0' && C <= '9') || C == '_' ||
         C == '-';
}

Tok keywordOr(llvm::StringRef W, Tok Default) {
  return llvm::StringSwitch<Tok>(W)
#define KEYWORD(Spelling, T, Note) .Case(Spelling, Tok::T)
#include "kconfig/Keywords.def"
      .Default(Default);
}

class Lexer {
public:
  Lexer(llvm::StringRef Text, const std::string &File, DiagList &Diags)
      : S(Text), File(File), Diags(Diags) {}

  std::vector<Token> run();

private:
  llvm::StringRef S;
  size_t P = 0;
  unsigned Line = 1;
  const std::string &File;
  DiagList &Diags;
  std::vector<Token> Out;

  char peek(size_t Off = 0) const { return P + Off < S.size() ? S[P + Off] : '\0'; }
  bool atEnd() const { return P >= S.size(); }
  void push(Tok K, std::string Text = {}) { Out.push_back({K, Line, std::move(Text), {}, false}); }
  // Index just past the ')' matching the '(' at I (conf counts parentheses only).
  size_t skipMacro(size_t I) const {
    int Nest = 0;
    for (size_t J = I + 1; J < S.size(); ++J) {
      if (S[J] == '\n')
        return J; // conf would report an unterminated reference at expansion time
      if (S[J] == '(')
        ++Nest;
      else if (S[J] == ')' && Nest-- == 0)
        return J + 1;
    }
    return S.size();
  }
  void lexWord();
  void lexString(char Quote);
  void lexAssignValue();
  void lexHelp();
  bool statementStartsAssignment() const;
};

bool Lexer::statementStartsAssignment() const {
  // conf enters its value state when a line begins with WORD followed by =, := or +=.
  size_t N = Out.size();
  return N >= 2 && Out[N - 2].Kind == Tok::Word && (N == 2 || Out[N - 3].Kind == Tok::Eol ||
                                                    Out[N - 3].Kind == Tok::HelpText);
}

void Lexer::lexWord() {
  size_t Start = P;
  bool HasMacro = false;
  while (!atEnd()) {
    char C = S[P];
    if (C == '$') {
      HasMacro = true;
      if (peek(1) == '(')
        P = skipMacro(P + 1);
      else
        ++P;
    } else if (isWordChar(C)) {
      ++P;
    } else {
      break;
    }
  }
  std::string W = S.slice(Start, P).str();
  Token T{HasMacro ? Tok::Word : keywordOr(W, Tok::Word), Line, std::move(W), {}, HasMacro};
  Out.push_back(std::move(T));
}

void Lexer::lexString(char Quote) {
  Token T{Tok::String, Line, {}, {}, false};
  std::string Lit;
  auto flushLit = [&] {
    if (!Lit.empty())
      T.Parts.push_back({false, std::move(Lit)});
    Lit.clear();
  };
  ++P; // opening quote
  while (true) {
    if (atEnd())
      break;
    char C = S[P];
    if (C == Quote) {
      ++P;
      break;
    }
    if (C == '\n') {
      Diags.warning({File, Line, 0}, "multi-line strings not supported");
      break; // the newline ends the statement too
    }
    if (C == '\\') {
      if (P + 1 < S.size() && S[P + 1] != '\n') {
        Lit += S[P + 1];
        P += 2;
      } else {
        ++P; // conf's \\.? with nothing: drop the backslash
      }
      continue;
    }
    if (C == '$' && peek(1) == '(') {
      size_t End = skipMacro(P + 1);
      if (End == S.size() || S[End - 1] != ')') {
        // conf expands the reference while lexing and stops at the end of the line.
        Diags.error({File, Line, 0}, "unterminated reference to '" +
                                         S.slice(P + 2, End).rtrim("\r").str() + "': missing ')'");
        P = End;
        break;
      }
      flushLit();
      T.Parts.push_back({true, S.slice(P + 2, End > P + 2 ? End - 1 : P + 2).str()});
      T.HasMacro = true;
      P = End;
      continue;
    }
    Lit += C;
    ++P;
  }
  flushLit();
  Out.push_back(std::move(T));
}

void Lexer::lexAssignValue() {
  while (!atEnd() && (S[P] == ' ' || S[P] == '\t'))
    ++P;
  size_t Start = P;
  while (!atEnd() && S[P] != '\n')
    ++P;
  if (P > Start)
    push(Tok::AssignVal, S.slice(Start, P).str());
}

// Help text: conf's HELP state. The first non-blank line fixes the indentation; a line
// indented less (or a non-blank line at column 0 after an empty line) ends the text.
void Lexer::lexHelp() {
  std::string Text;
  unsigned FirstTs = 0;
  unsigned HelpLine = Line;
  while (!atEnd()) {
    size_t LineStart = P;
    unsigned Ts = 0;
    while (!atEnd() && (S[P] == ' ' || S[P] == '\t')) {
      Ts = S[P] == '\t' ? (Ts & ~7u) + 8 : Ts + 1;
      ++P;
    }
    if (atEnd())
      break;
    if (S[P] == '\n') {
      // Blank line: ends the help if the next line starts with a non-blank character.
      ++P;
      ++Line;
      if (!atEnd() && S[P] != ' ' && S[P] != '\t' && S[P] != '\n')
        break;
      Text += '\n';
      continue;
    }
    if (FirstTs && Ts < FirstTs) {
      // The rest of this line is ordinary input.
      Out.push_back({Tok::HelpText, HelpLine, std::move(Text), {}, false});
      return;
    }
    if (P == LineStart) {
      // Text at column 0: not help text any more.
      Out.push_back({Tok::HelpText, HelpLine, std::move(Text), {}, false});
      return;
    }
    if (FirstTs) {
      unsigned Extra = Ts - FirstTs;
      Text.append(Extra, ' ');
    }
    size_t TextStart = P;
    while (!atEnd() && S[P] != '\n')
      ++P;
    llvm::StringRef L = S.slice(TextStart, P).rtrim(" \t");
    Text += L.str();
    if (!FirstTs)
      FirstTs = Ts;
    if (!atEnd()) {
      ++P;
      ++Line;
      if (!atEnd() && S[P] != ' ' && S[P] != '\t' && S[P] != '\n')
        break;
      Text += '\n';
    }
  }
  Out.push_back({Tok::HelpText, HelpLine, std::move(Text), {}, false});
}

std::vector<Token> Lexer::run() {
  // About one token per 16 bytes in the kernel's files (help texts are one token each): most
  // files then never move their tokens while lexing.
  Out.reserve(S.size() / 16 + 16);
  while (!atEnd()) {
    char C = S[P];
    if (C == '#') {
      while (!atEnd() && S[P] != '\n')
        ++P;
      continue;
    }
    if (C == ' ' || C == '\t' || C == '\r') {
      ++P;
      continue;
    }
    if (C == '\\' && peek(1) == '\n') {
      P += 2;
      ++Line;
      continue;
    }
    if (C == '\n') {
      push(Tok::Eol);
      ++P;
      ++Line;
      // A statement consisting of just 'help' switches to help text.
      size_t N = Out.size();
      if (N >= 2 && Out[N - 2].Kind == Tok::Help &&
          (N == 2 || Out[N - 3].Kind == Tok::Eol || Out[N - 3].Kind == Tok::HelpText))
        lexHelp();
      continue;
    }
    if (C == '"' || C == '\'') {
      lexString(C);
      continue;
    }
    if (isWordChar(C) || C == '$') {
      lexWord();
      continue;
    }
    auto two = [&](char A, char B) { return C == A && peek(1) == B; };
    Tok K;
    size_t Len = 2;
    if (two('|', '|'))
      K = Tok::Or;
    else if (two('&', '&'))
      K = Tok::And;
    else if (two('!', '='))
      K = Tok::Unequal;
    else if (two('<', '='))
      K = Tok::LessEqual;
    else if (two('>', '='))
      K = Tok::GreaterEqual;
    else if (two(':', '='))
      K = Tok::ColonEqual;
    else if (two('+', '='))
      K = Tok::PlusEqual;
    else {
      Len = 1;
      switch (C) {
      case '=': K = Tok::Equal; break;
      case '<': K = Tok::Less; break;
      case '>': K = Tok::Greater; break;
      case '!': K = Tok::Not; break;
      case '(': K = Tok::OpenParen; break;
      case ')': K = Tok::CloseParen; break;
      default:
        Diags.warning({File, Line, 0}, std::string("ignoring unsupported character '") + C + "'");
        ++P;
        continue;
      }
    }
    P += Len;
    push(K);
    if ((K == Tok::Equal || K == Tok::ColonEqual || K == Tok::PlusEqual) &&
        statementStartsAssignment())
      lexAssignValue();
  }
  if (Out.empty() || Out.back().Kind != Tok::Eol)
    push(Tok::Eol);
  push(Tok::EndOfFile);
  return std::move(Out);
}

} // namespace

std::vector<Token> lexKconfig(llvm::StringRef Text, const std::string &File, DiagList &Diags) {
  return Lexer(Text, File, Diags).run();
}

} // namespace dcalias::kconfig
