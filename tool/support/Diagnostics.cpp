#include "support/Diagnostics.h"

namespace dcalias {

std::string SourceLoc::str() const {
  std::string S = File;
  if (Line) {
    S += ":" + std::to_string(Line);
    if (Col)
      S += ":" + std::to_string(Col);
  }
  return S;
}

static llvm::StringRef severityName(Severity S) {
  switch (S) {
  case Severity::Note:
    return "note";
  case Severity::Warning:
    return "warning";
  case Severity::Error:
    return "error";
  case Severity::Echo:
    return "";
  }
  return "error";
}

static std::string format(const Diagnostic &D) {
  std::string S;
  if (D.Loc.valid())
    S = D.Loc.str() + ": ";
  if (D.Sev != Severity::Echo)
    S += severityName(D.Sev).str() + ": ";
  S += D.Message;
  return S;
}

void printDiagnostic(llvm::raw_ostream &OS, const Diagnostic &D) { OS << format(D) << "\n"; }

void DiagList::add(Severity S, SourceLoc L, std::string Msg) {
  if (S == Severity::Error)
    ++NumErrors;
  Diags.push_back({S, std::move(L), std::move(Msg)});
}

void DiagList::print(llvm::raw_ostream &OS) const {
  for (const Diagnostic &D : Diags)
    printDiagnostic(OS, D);
}

llvm::Error DiagList::takeError() const {
  for (const Diagnostic &D : Diags)
    if (D.Sev == Severity::Error)
      return llvm::createStringError(llvm::inconvertibleErrorCode(), format(D));
  return llvm::Error::success();
}

llvm::Error makeLocatedError(const SourceLoc &L, const llvm::Twine &Msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 format({Severity::Error, L, Msg.str()}));
}

llvm::Error makeError(const llvm::Twine &Msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), "error: " + Msg.str());
}

std::string messageAt(llvm::Error E, const SourceLoc &L) {
  std::string M = llvm::toString(std::move(E));
  std::string Prefix = format({Severity::Error, L, ""});
  return llvm::StringRef(M).starts_with(Prefix) ? M.substr(Prefix.size()) : M;
}

void reportError(llvm::raw_ostream &OS, llvm::Error E) {
  std::string M = llvm::toString(std::move(E));
  OS << (llvm::StringRef(M).starts_with("error: ") ? "dcalias: " : "") << M << "\n";
}

} // namespace dcalias
