// Dialect: reads the tree's scripts/kconfig sources once and decides each row of Dialect.def.
#include "kconfig/Dialect.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

namespace dcalias::kconfig {

Dialect Dialect::ofTree(const std::string &Tree) {
  Dialect D;
  std::string Dir = Tree + "/scripts/kconfig";
  if (!llvm::sys::fs::is_directory(Dir))
    return D;
  D.Source = Dir;
  llvm::StringMap<std::string> Text; // file name -> contents ("" when missing)
  auto contains = [&](const char *File, const char *Evidence) {
    auto [It, New] = Text.try_emplace(File);
    if (New)
      if (auto Buf = llvm::MemoryBuffer::getFile(Dir + "/" + File))
        It->second = (*Buf)->getBuffer().str();
    return llvm::StringRef(It->second).contains(Evidence);
  };
#define DIALECT(Name, File, Evidence, Baseline, Since, Meaning) D.Name = contains(File, Evidence);
#include "kconfig/Dialect.def"
  return D;
}

std::vector<std::string> Dialect::describe() const {
  std::vector<std::string> Out;
#define DIALECT(Name, File, Evidence, Baseline, Since, Meaning)                                    \
  Out.push_back(std::string(#Name) + "=" + (Name ? "1" : "0") + "  (" + File + ": " + Since + ")");
#include "kconfig/Dialect.def"
  return Out;
}

} // namespace dcalias::kconfig
