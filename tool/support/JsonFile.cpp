#include "support/JsonFile.h"

#include "support/Diagnostics.h"

#include "llvm/Support/MemoryBuffer.h"

namespace dcalias {

llvm::Expected<llvm::json::Value> readJsonFile(const std::string &Path) {
  auto B = llvm::MemoryBuffer::getFile(Path);
  if (!B)
    return makeLocatedError({Path, 0, 0}, "cannot read: " + B.getError().message());
  auto V = llvm::json::parse((*B)->getBuffer());
  if (!V)
    return makeLocatedError({Path, 0, 0}, llvm::toString(V.takeError()));
  return std::move(*V);
}

} // namespace dcalias
