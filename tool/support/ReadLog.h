// support/ReadLog.h: what a computation read, so that a result can be reused exactly while
// nothing it read has changed (archmodel/ModelCache.h).
//
// Contract: while a ReadLog is installed on a thread (ScopedReadLog), the readers of the tree
// note on it what they consult: a file's contents (support/TreeFile.h, support/Output.h's
// readInput, the Kconfig file cache, every file Clang opens for a probe), a path's type (an
// existence or type check, Clang's look-up of a header in each include directory) or a
// directory's listing (an iteration). A reader that memoises across computations notes again
// at each use. A dependency's value (currentValue) is a BLAKE3 digest of the file's bytes or of
// the directory's sorted names and types, or the path's type ("absent" when there is none);
// two values differ iff what was read differs.
#pragma once

#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"

#include <mutex>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace dcalias {

enum class ReadKind { Content, Status, Listing };

class ReadLog {
public:
  void add(ReadKind K, llvm::StringRef Path);
  // Sorted, each once.
  std::vector<std::pair<ReadKind, std::string>> entries() const;

private:
  mutable std::mutex Lock;
  std::set<std::pair<ReadKind, std::string>> Seen;
};

class ScopedReadLog {
public:
  explicit ScopedReadLog(ReadLog *L);
  ~ScopedReadLog();
  ScopedReadLog(const ScopedReadLog &) = delete;
  ScopedReadLog &operator=(const ScopedReadLog &) = delete;

private:
  ReadLog *Prev;
};

// Notes Path (made absolute, without dots) on the current thread's log, if any; nothing is
// built when no log is installed (every read of an uncached run passes here).
void noteRead(ReadKind K, const llvm::Twine &Path);

// Existence and type checks of a path of the tree, noted as lookups.
bool treeExists(const llvm::Twine &Path);
bool treeIsFile(const llvm::Twine &Path);
bool treeIsDir(const llvm::Twine &Path);

// The value of a dependency as it is now.
std::string currentValue(ReadKind K, llvm::StringRef Path);

// Hex BLAKE3 of Data.
std::string digestOf(llvm::StringRef Data);

} // namespace dcalias
