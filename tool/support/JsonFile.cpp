#include "support/JsonFile.h"

#include "support/Diagnostics.h"
#include "support/Output.h"

#include "llvm/Support/MemoryBuffer.h"

namespace dcalias {

llvm::Expected<llvm::json::Value> readJsonFile(const std::string &Path) {
  auto B = readInput(Path);
  if (!B)
    return B.takeError();
  auto V = llvm::json::parse((*B)->getBuffer());
  if (!V)
    return makeLocatedError({Path, 0, 0}, llvm::toString(V.takeError()));
  return std::move(*V);
}

} // namespace dcalias
