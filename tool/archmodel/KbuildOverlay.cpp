#include "archmodel/KbuildOverlay.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

#include <set>
#include <vector>

namespace dcalias::archmodel {

namespace {
// The names listed as "<Var> += a.h b.h" in a Kbuild file.
std::vector<std::string> kbuildList(const std::string &Path, llvm::StringRef Var) {
  std::vector<std::string> Out;
  auto Buf = llvm::MemoryBuffer::getFile(Path);
  if (!Buf)
    return Out;
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  (*Buf)->getBuffer().split(Lines, '\n');
  for (llvm::StringRef L : Lines) {
    L = L.trim();
    if (!L.consume_front(Var))
      continue;
    L = L.ltrim();
    if (!L.consume_front("+=") && !L.consume_front(":="))
      continue;
    llvm::SmallVector<llvm::StringRef> Names;
    llvm::SplitString(L, Names);
    for (llvm::StringRef N : Names)
      Out.push_back(N.str());
  }
  return Out;
}

void wrappers(const std::string &Tree, const std::string &Src, const std::string &Generic,
              const std::string &Obj, bool Mandatory, std::map<std::string, std::string> &Out) {
  std::string Kbuild = Tree + "/" + Src + "/Kbuild";
  std::vector<std::string> GenericY = kbuildList(Kbuild, "generic-y");
  std::vector<std::string> Generated = kbuildList(Kbuild, "generated-y");
  std::set<std::string> GeneratedSet(Generated.begin(), Generated.end());
  if (Mandatory)
    for (const std::string &H : kbuildList(Tree + "/" + Generic + "/Kbuild", "mandatory-y"))
      if (!GeneratedSet.count(H) && !llvm::sys::fs::exists(Tree + "/" + Src + "/" + H))
        GenericY.push_back(H);
  for (const std::string &H : GenericY) {
    std::string Stem = llvm::StringRef(H).drop_back(2).str(); // "x.h" -> "x"
    Out[Obj + "/" + H] = "#include <asm-generic/" + Stem + ".h>\n";
  }
}
} // namespace

std::map<std::string, std::string> asmGenericWrappers(const std::string &Tree,
                                                      const std::string &SrcArch) {
  std::map<std::string, std::string> Out;
  bool NotUm = SrcArch != "um";
  std::string A = "arch/" + SrcArch + "/include";
  wrappers(Tree, A + "/asm", "include/asm-generic", A + "/generated/asm", NotUm, Out);
  wrappers(Tree, A + "/uapi/asm", "include/uapi/asm-generic", A + "/generated/uapi/asm", NotUm, Out);
  return Out;
}

} // namespace dcalias::archmodel
