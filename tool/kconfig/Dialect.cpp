// Dialect: reads the tree's scripts/kconfig sources once and decides each row of Dialect.def.
#include "kconfig/Dialect.h"
#include "support/TreeFile.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

namespace dcalias::kconfig {

// SYMBOL_HASHSIZE as the tree's scripts/kconfig defines it (internal.h since 6.9, expr.h
// before): a number or a (1U << N).
static unsigned symbolHashSize(llvm::function_ref<llvm::StringRef(const char *)> Text) {
  for (const char *F : {"internal.h", "expr.h"}) {
    llvm::StringRef T = Text(F);
    size_t P = T.find("#define SYMBOL_HASHSIZE");
    if (P == llvm::StringRef::npos)
      continue;
    llvm::StringRef V = T.substr(P + 23).split('\n').first.trim();
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
  llvm::StringMap<std::string> Texts; // file name -> contents ("" when missing), each read once
  auto text = [&](const char *File) -> llvm::StringRef {
    auto [It, New] = Texts.try_emplace(File);
    if (New)
      if (auto Buf = readOptionalTreeFile(Dir, File))
        It->second = Buf->getBuffer().str();
    return It->second;
  };
  auto contains = [&](const char *File, const char *Evidence) { return text(File).contains(Evidence); };
#define DIALECT(Name, File, Evidence, Baseline, Since, Meaning) D.Name = contains(File, Evidence);
#include "kconfig/Dialect.def"
  D.SymbolHashSize = symbolHashSize(text);
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
