// Located diagnostics: "file:line: error: message" as the kernel's tools print them.
//
// Contract: components never print or exit. Parsers collect every problem of a run in a
// DiagList and keep going where they can (recovery); failures that stop a component travel as
// llvm::Error built with makeLocatedError(). main() decides what to print and the exit code.
#pragma once

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace dcalias {

struct SourceLoc {
  std::string File; // path as the user would open it (tree-relative for tree files)
  unsigned Line = 0;
  unsigned Col = 0; // 0: no column

  bool valid() const { return !File.empty(); }
  std::string str() const; // "file:line[:col]"
};

// Echo: text the analysed tree itself asks to print (Kconfig's $(warning-if,...)), shown as the
// kernel's own tool shows it, "file:line: text", without a severity of ours.
enum class Severity { Note, Warning, Error, Echo };

struct Diagnostic {
  Severity Sev = Severity::Error;
  SourceLoc Loc;
  std::string Message;
};

void printDiagnostic(llvm::raw_ostream &OS, const Diagnostic &D);

// An ordered collection of diagnostics; hasErrors() tells whether a run must fail.
class DiagList {
public:
  void error(SourceLoc L, std::string Msg) { add(Severity::Error, std::move(L), std::move(Msg)); }
  void warning(SourceLoc L, std::string Msg) { add(Severity::Warning, std::move(L), std::move(Msg)); }
  void note(SourceLoc L, std::string Msg) { add(Severity::Note, std::move(L), std::move(Msg)); }
  void add(Severity S, SourceLoc L, std::string Msg);

  bool hasErrors() const { return NumErrors != 0; }
  unsigned errorCount() const { return NumErrors; }
  const std::vector<Diagnostic> &all() const { return Diags; }
  void print(llvm::raw_ostream &OS) const;
  // The first error as an llvm::Error (success when there is none), for component boundaries.
  llvm::Error takeError() const;

private:
  std::vector<Diagnostic> Diags;
  unsigned NumErrors = 0;
};

// An llvm::Error whose message is already "file:line: error: msg".
llvm::Error makeLocatedError(const SourceLoc &L, const llvm::Twine &Msg);
llvm::Error makeError(const llvm::Twine &Msg);

// The message of an error made by makeLocatedError(L, ...), without its location, for a
// collector (DiagList) that locates it again.
std::string messageAt(llvm::Error E, const SourceLoc &L);

// Prints an error that reached main(): "file:line: error: msg" as it is, an unlocated one as
// "dcalias: error: msg". Never both prefixes.
void reportError(llvm::raw_ostream &OS, llvm::Error E);

} // namespace dcalias
