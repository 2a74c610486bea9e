#include "patchgen/Wrap.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

namespace dcalias::patchgen {

namespace {
constexpr size_t Width = 72;

// Fills Pieces (each kept whole, joined by Sep) after First; continuation lines start with Cont.
std::string fill(const std::string &First, const std::vector<std::string> &Pieces,
                 const std::string &Sep, const std::string &Cont) {
  std::string Out, Line = First;
  bool Fresh = true; // nothing on Line after its prefix yet
  for (size_t I = 0; I < Pieces.size(); ++I) {
    std::string P = Pieces[I] + (I + 1 < Pieces.size() ? Sep : "");
    // The separator's trailing space never ends a line.
    std::string Fit = llvm::StringRef(P).rtrim().str();
    if (!Fresh && Line.size() + 1 + Fit.size() > Width) {
      Out += llvm::StringRef(Line).rtrim().str() + "\n";
      Line = Cont;
      Fresh = true;
    }
    if (!Fresh)
      Line += " ";
    Line += llvm::StringRef(P).rtrim().str();
    Fresh = false;
  }
  return Out + llvm::StringRef(Line).rtrim().str() + "\n";
}
} // namespace

std::string wrap(const std::string &Text, const std::string &Indent, const std::string &Hanging) {
  llvm::SmallVector<llvm::StringRef> Words;
  llvm::SplitString(Text, Words);
  std::vector<std::string> Ps(Words.begin(), Words.end());
  std::string Out = fill(Indent, Ps, "", Indent + Hanging);
  return Out;
}

std::string wrapAfter(const std::string &Prefix, const std::string &Text, const std::string &Cont) {
  llvm::SmallVector<llvm::StringRef> Words;
  llvm::SplitString(Text, Words);
  return fill(Prefix, std::vector<std::string>(Words.begin(), Words.end()), "", Cont);
}

std::string wrapList(const std::string &Label, const std::vector<std::string> &Items,
                     const std::string &Indent) {
  std::string First = Indent + Label + " ";
  return fill(First, Items, ",", std::string(First.size(), ' '));
}

std::string joinAnd(const std::vector<std::string> &L) {
  if (L.size() < 2)
    return llvm::join(L, "");
  return llvm::join(L.begin(), L.end() - 1, ", ") + " and " + L.back();
}

} // namespace dcalias::patchgen
