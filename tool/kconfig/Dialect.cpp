// Dialect: reads the tree's scripts/kconfig sources once and decides each row of Dialect.def.
#include "kconfig/Dialect.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

namespace dcalias::kconfig {

// SYMBOL_HASHSIZE as the tree's scripts/kconfig defines it (internal.h since 6.9, expr.h
// before): a number or a (1U << N).
static unsigned symbolHashSize(const std::string &Dir) {
  for (const char *F : {"internal.h", "expr.h"}) {
    auto Buf = llvm::MemoryBuffer::getFile(Dir + "/" + F);
    if (!Buf)
      continue;
    llvm::StringRef Text = (*Buf)->getBuffer();
    size_t P = Text.find("#define SYMBOL_HASHSIZE");
    if (P == llvm::StringRef::npos)
      continue;
    llvm::StringRef V = Text.substr(P + 23).split('\n').first.trim();
    unsigned N = 0;
    if (V.consume_front("(1U << ") || V.consume_front("(1 << ")) {
      if (!V.consumeInteger(10, N) && N < 31)
        return 1u << N;
    } else if (!V.consumeInteger(10, N) && N) {
      return N;
    }
  }
  return Dialect().SymbolHashSize;
}

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
  D.SymbolHashSize = symbolHashSize(Dir);
  return D;
}

std::vector<std::string> Dialect::describe() const {
  std::vector<std::string> Out;
#define DIALECT(Name, File, Evidence, Baseline, Since, Meaning)                                    \
  Out.push_back(std::string(#Name) + "=" + (Name ? "1" : "0") + "  (" + File + ": " + Since + ")");
#include "kconfig/Dialect.def"
  Out.push_back("SymbolHashSize=" + std::to_string(SymbolHashSize) +
                "  (internal.h, expr.h before 6.9: SYMBOL_HASHSIZE)");
  return Out;
}

} // namespace dcalias::kconfig
