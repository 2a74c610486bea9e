#include "support/TreeFile.h"

#include "support/Diagnostics.h"
#include "support/Output.h"
#include "support/ReadLog.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace dcalias {

llvm::Expected<std::string> resolveInTree(llvm::StringRef Tree, llvm::StringRef Path) {
  auto Located = [&](const llvm::Twine &Msg) { return makeLocatedError({Path.str(), 0, 0}, Msg); };
  llvm::SmallString<256> Full;
  if (llvm::sys::path::is_absolute(Path))
    Full = Path;
  else
    llvm::sys::path::append(Full, Tree, Path);
  noteRead(ReadKind::Content, Full); // the link as well as the file it leads to
  llvm::SmallString<256> RealTree, RealFile;
  if (std::error_code EC = llvm::sys::fs::real_path(Tree, RealTree))
    return makeLocatedError({Tree.str(), 0, 0}, "cannot read the tree: " + EC.message());
  if (std::error_code EC = llvm::sys::fs::real_path(Full, RealFile))
    return Located("cannot read: " + EC.message());
  llvm::StringRef R = RealFile;
  if (!(R.consume_front(RealTree) && (R.empty() || llvm::sys::path::is_separator(R.front()))))
    return Located("outside the tree (at " + RealFile + "); not read");
  return std::string(RealFile);
}

llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> readTreeFile(llvm::StringRef Tree,
                                                                  llvm::StringRef Path) {
  auto Real = resolveInTree(Tree, Path);
  if (!Real)
    return Real.takeError();
  auto B = readInput(*Real);
  if (!B) {
    // The check ran on the resolved path; the message names the path as the tree wrote it.
    std::string Msg = llvm::toString(B.takeError());
    llvm::StringRef M(Msg);
    M.consume_front(*Real + ": error: ");
    return makeLocatedError({Path.str(), 0, 0}, M);
  }
  return std::move(*B);
}

std::unique_ptr<llvm::MemoryBuffer> readOptionalTreeFile(llvm::StringRef Tree, llvm::StringRef Path) {
  auto B = readTreeFile(Tree, Path);
  if (!B) {
    llvm::consumeError(B.takeError());
    return nullptr;
  }
  return std::move(*B);
}

} // namespace dcalias
