#include "support/TopMakefile.h"

#include "support/Diagnostics.h"
#include "support/TreeFile.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"

namespace dcalias {

std::vector<std::string> makefileLines(llvm::StringRef Text) {
  llvm::SmallVector<llvm::StringRef, 0> Raw;
  Text.split(Raw, '\n');
  std::vector<std::string> Out;
  for (size_t I = 0; I < Raw.size(); ++I) {
    std::string Line = Raw[I].str();
    while (llvm::StringRef(Line).rtrim().ends_with("\\") && I + 1 < Raw.size())
      Line = llvm::StringRef(Line).rtrim().drop_back().str() + " " + Raw[++I].trim().str();
    Out.push_back(std::move(Line));
  }
  return Out;
}

std::string makeVariable(llvm::StringRef Text, llvm::StringRef Name) {
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Text.split(Lines, '\n');
  for (size_t I = 0; I < Lines.size(); ++I) {
    llvm::StringRef L = Lines[I];
    if (!L.consume_front(Name))
      continue;
    L = L.ltrim(" \t");
    if (!L.consume_front(":=") && !L.consume_front("="))
      continue;
    std::string Value;
    while (true) {
      llvm::StringRef Part = L.trim();
      bool More = Part.consume_back("\\");
      Value += (Value.empty() ? "" : " ") + Part.trim().str();
      if (!More || ++I == Lines.size())
        break;
      L = Lines[I];
    }
    return Value;
  }
  return "";
}

namespace {

// The $(...) references in Value: the variables LINUXINCLUDE uses, and the building-out-of-tree
// condition, true when objtree is apart from srctree (O=).
llvm::Expected<std::string> expand(llvm::StringRef Value, llvm::StringRef Text, const KbuildDirs &D,
                                   const std::string &File, unsigned Depth) {
  if (Depth > 8)
    return makeLocatedError({File, 0, 0}, "LINUXINCLUDE: references nest too deep");
  std::string Out;
  while (!Value.empty()) {
    size_t P = Value.find("$(");
    if (P == llvm::StringRef::npos) {
      Out += Value.str();
      break;
    }
    Out += Value.take_front(P).str();
    Value = Value.drop_front(P + 2);
    // The reference's end, across nested parentheses.
    size_t End = 0;
    for (int Open = 1; End < Value.size(); ++End)
      if (Value[End] == '(')
        ++Open;
      else if (Value[End] == ')' && --Open == 0)
        break;
    if (End == Value.size())
      return makeLocatedError({File, 0, 0}, "LINUXINCLUDE: unterminated reference");
    llvm::StringRef Ref = Value.take_front(End);
    Value = Value.drop_front(End + 1);
    if (Ref == "srctree")
      Out += D.SrcTree;
    else if (Ref == "objtree")
      Out += D.ObjTree;
    else if (Ref == "SRCARCH")
      Out += D.SrcArch;
    else if (Ref.consume_front("if $(building_out_of_srctree),")) {
      if (D.SrcTree == D.ObjTree)
        continue; // building in the source tree: the condition is empty
      auto X = expand(Ref, Text, D, File, Depth + 1);
      if (!X)
        return X.takeError();
      Out += *X;
    } else if (!Ref.contains(' ') && !Ref.contains(',')) {
      std::string V = makeVariable(Text, Ref);
      if (V.empty())
        return makeLocatedError({File, 0, 0}, "LINUXINCLUDE: $(" + Ref.str() + ") is not assigned");
      auto X = expand(V, Text, D, File, Depth + 1);
      if (!X)
        return X.takeError();
      Out += *X;
    } else {
      return makeLocatedError({File, 0, 0}, "LINUXINCLUDE: cannot expand $(" + Ref.str() + ")");
    }
  }
  return Out;
}

} // namespace

llvm::Expected<std::vector<std::string>> linuxInclude(const std::string &Tree, const KbuildDirs &D) {
  std::string File = Tree + "/Makefile";
  auto B = readTreeFile(Tree, File);
  if (!B)
    return B.takeError();
  llvm::StringRef Text = (*B)->getBuffer();
  std::string V = makeVariable(Text, "LINUXINCLUDE");
  if (V.empty())
    return makeLocatedError({File, 0, 0}, "no LINUXINCLUDE assignment (the include path of kernel C files)");
  auto X = expand(V, Text, D, File, 0);
  if (!X)
    return X.takeError();
  llvm::SmallVector<llvm::StringRef> Words;
  llvm::SplitString(*X, Words);
  std::vector<std::string> Out;
  for (llvm::StringRef W : Words)
    Out.push_back(W.str());
  return Out;
}

} // namespace dcalias
